"""Part of stage 11 (symptoms): the text helpers every symptom reading uses (the words of a span,
what lies outside the legs, sides and roots named in a statement)."""


import re

from spacy.tokens import Span

from .symptom_words import (
    _CERVICAL_ROOT,
    _COMPARE,
    _ROOT_ORDER,
    _ROOT_RANGE,
    _SIDE_RE,
    _SIDE_WORDS,
)


class TextHelpers:
    """Reading helpers shared by the complaint and examination readers."""

    # --- text helpers
    @staticmethod
    def _text(tk, text: str, start: int, end: int) -> str:
        if end <= start:
            return ""
        return text[tk.idx[start]:tk.idx[end - 1] + len(tk.texts[end - 1])].lower().replace("\n", " ")

    def _outside_legs(self, tk, text: str, span: Span, sent: Span) -> bool:
        """A neurological symptom placed on the arm, hand, neck or face, not on the legs or back: the
        body part just before it ('hand weakness', 'RLE weakness'), else the first one after it in
        its statement ('numbness in both arms'), else the last one before it."""
        own = self._text(tk, text, span.start, span.end)
        if self.lower.search(own) or re.search(r"\b(?:back|legs?|sciatica)\b", own):
            return False  # 'radiating into both arms and both legs'
        if self.upper.search(own) or _CERVICAL_ROOT.search(own):
            return True
        near = self._text(tk, text, max(sent.start, span.start - 3), span.start)
        after = self._text(tk, text, span.end, sent.end)
        far = self._text(tk, text, sent.start, span.start)
        for chunk, where in ((near, "adjacent"), (after, "first"), (far, "last")):
            hits = sorted([(m.end(), "upper") for m in self.upper.finditer(chunk)]
                          + [(m.end(), "upper") for m in _CERVICAL_ROOT.finditer(chunk)]
                          + [(m.end(), "lower") for m in self.lower.finditer(chunk)]
                          + [(m.end(), "lower") for m in re.finditer(r"\b(?:back|legs?|sciatica)\b", chunk)])
            if where == "adjacent":
                hits = [h for h in hits if h[0] >= len(chunk.rstrip()) - 1]  # 'hand weakness', 'RLE weakness'
            if hits and where == "first" and hits[0][1] == "upper":
                # 'tingling in both hands and both feet': the legs joined to the arm count too
                joined = re.match(r"\s*(?:and|or|/|&)\s+(?:\w+\s+){0,2}", chunk[hits[0][0]:])
                if joined and self.lower.match(chunk, hits[0][0] + joined.end()):
                    return False
            if hits:
                return hits[0 if where == "first" else -1][1] == "upper"
        return False

    def _limb_injury(self, tk, text: str, span: Span, sent: Span) -> bool:
        """An injury placed on a limb, a joint or the face, not on the back, neck or spine."""
        near = self._text(tk, text, max(sent.start, span.start - 4), span.start)
        after = self._text(tk, text, span.end, min(sent.end, span.end + 6))
        spine = re.compile(r"\b(?:back|neck|spine|spinal|lumbar|cervical|thoracic|head|pelvis|pelvic|tailbone|coccyx)\b")
        for chunk in (near, after):
            if spine.search(chunk):
                return False
            if self.upper.search(chunk) or re.search(r"\b(?:knee|knees|ankle|ankles|foot|feet|toe|toes|hip|hips|"
                                                     r"orbital|eye|ear|nose|finger|thumb)\b", chunk):
                return True
        return False

    def _sides(self, piece: str) -> str | None:
        found = [_SIDE_WORDS[m.group(1)] for m in _SIDE_RE.finditer(piece)]
        if not found:
            return None
        if _COMPARE.search(piece) and found[0] != "bilateral":
            return found[0]  # 'decreased right versus left ankle reflexes'
        if "bilateral" in found or len(set(found)) > 1:
            return "bilateral"
        return found[0]

    @staticmethod
    def _merge_sides(sides: list[str | None]) -> str | None:
        named = {s for s in sides if s}
        if not named:
            return None
        if "bilateral" in named or len(named) > 1:
            return "bilateral"
        return named.pop()

    @staticmethod
    def _ordered(roots: set[str]) -> list[str]:
        return [r for r in _ROOT_ORDER if r in roots] + sorted(r for r in roots if r not in _ROOT_ORDER)

    def _explicit_roots(self, piece: str) -> set[str]:
        out = {m.upper() for m in re.findall(r"(?<![\w-])([ls][1-5])(?!\d)", piece)}
        for a, b1, b2 in _ROOT_RANGE.findall(piece):
            b = b1 or b2
            b = b if b[0] in "ls" else a[0] + b
            a, b = a.upper(), b.upper()
            if a in _ROOT_ORDER and b in _ROOT_ORDER and _ROOT_ORDER.index(a) <= _ROOT_ORDER.index(b):
                out.update(_ROOT_ORDER[_ROOT_ORDER.index(a):_ROOT_ORDER.index(b) + 1])
        return out

