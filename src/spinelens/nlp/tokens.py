"""Fast reads of a Doc that every stage needs: its text, plain token lists and sentence bounds,
computed once per Doc and kept in ``doc.user_data`` (keys declared in extensions.py)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .extensions import SENTS_KEY, TEXT_KEY, TOKENS_KEY


def doc_text(doc: Doc) -> str:
    """doc.text joins every token on each call; SpineLens reads it often, so cache it."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached


class Tokens:
    """Plain lists of the token fields SpineLens reads again and again (doc[i] builds a
    Token object on every access): norms after spelling correction, texts, spaces, offsets."""

    __slots__ = ("norms", "texts", "space", "idx")

    def __init__(self, doc: Doc):
        norms, texts, space, idx = [], [], [], []
        for t in doc:
            norms.append(t.norm_)
            texts.append(t.text)
            space.append(t.is_space)
            idx.append(t.idx)
        self.norms, self.texts, self.space, self.idx = norms, texts, space, idx

    def text(self, doc: Doc, start: int, end: int) -> str:
        """Text of tokens start..end-1 (as doc[start:end].text)."""
        if end <= start:
            return ""
        return doc_text(doc)[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]


def toks(doc: Doc) -> Tokens:
    cached = doc.user_data.get(TOKENS_KEY)
    if cached is None:
        cached = doc.user_data[TOKENS_KEY] = Tokens(doc)
    return cached


# The longest statement any stage reads, in tokens. A longer sentence (a run-on dictation, a
# pasted table, pathological input) is read in windows of this size: no cue, level or relation
# reaches further in real text, and every stage stays linear in the length of the text.
WINDOW = 128


def sent_of(doc: Doc, i: int) -> Span:
    """The statement holding token i: its sentence, or its WINDOW-token window of a longer one
    (Token.sent scans the doc on every call)."""
    bounds = doc.user_data.get(SENTS_KEY)
    if bounds is None:
        bounds = _store_sent_bounds(doc, [t.i for t in doc if t.is_sent_start] or [0])
    s0, s1 = bounds[i]
    return doc[s0:s1]


def _store_sent_bounds(doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for k, s0 in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(doc)
        for lo in range(s0, end, WINDOW):
            pair = (lo, min(lo + WINDOW, end))
            for j in range(*pair):
                bounds[j] = pair
    doc.user_data[SENTS_KEY] = bounds
    return bounds
