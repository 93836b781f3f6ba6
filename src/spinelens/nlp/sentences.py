"""Stage 2, sentences: statements of radiology text (punctuation, '///', line breaks, level headers)."""

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .tokens import _store_sent_bounds, toks

# words radiologists abbreviate with a full stop mid-sentence ("ant. thecal sac", "lig. flavum")
_ABBREV = {"approx", "dr", "vs", "e.g", "i.e", "fig", "no", "mr", "mrs", "ms", "st", "inc", "ca", "cf", "etc",
           "ant", "post", "lat", "lig", "med", "sup", "inf", "bilat", "lt", "rt", "mod", "sig", "max", "min",
           "ext", "int", "sag", "ax", "cor", "wk", "wks", "yr", "yrs", "pt", "hx", "dx", "ht", "sl", "assoc"}
_LEVEL_START = re.compile(r"^[CTDLS]\d", re.I)


@Language.factory("spinelens_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


class SentenceSplitter:
    """Fast rule-based statements for radiology text.

    Splits at sentence punctuation, at "//" and "///" separators, at blank lines and at
    line breaks that start a new statement (a capital, a bullet, a number, a level); a
    line wrapped mid-sentence stays joined. About 50x faster than PyRuSH here.
    """

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        tk = toks(doc)
        texts, space = tk.texts, tk.space
        starts = [False] * n
        starts[0] = True

        def next_content(j: int) -> int:
            while j < n - 1 and space[j]:
                j += 1
            return min(j, n - 1)

        prev: str | None = None
        line_len = 0
        for i in range(n):
            text = texts[i]
            if space[i]:
                if "\n" in text or "\r" in text:
                    j = next_content(i + 1)
                    if not space[j] and self._breaks(prev, texts[j], text, line_len):
                        starts[j] = True
                    line_len = 0
                continue
            line_len += len(text) + 1
            if i + 1 < n:
                if text in (".", "!") and not self._abbrev(texts, i):
                    starts[next_content(i + 1)] = True
                elif len(text) >= 2 and text.strip("/") == "":
                    starts[next_content(i + 1)] = True
            prev = text
        values = numpy.array([1 if st else -1 for st in starts], dtype="int64").astype("uint64").reshape(n, 1)
        doc.from_array([SENT_START], values)
        _store_sent_bounds(doc, [i for i in range(n) if starts[i]])
        return doc

    @staticmethod
    def _abbrev(texts: list[str], i: int) -> bool:
        if i == 0:
            return False
        prev = texts[i - 1].lower()
        # "L. SPINE", "approx.", but "No." only before a number
        return (len(prev) == 1 and prev.isalpha()) or (prev in _ABBREV and prev != "no") or (
            prev == "no" and i + 1 < len(texts) and texts[i + 1][:1].isdigit()
        )

    @staticmethod
    def _breaks(prev: str | None, first: str, newline: str, line_len: int) -> bool:
        if prev is None:
            return True
        if newline.count("\n") >= 2:
            return True
        if prev in (".", ":", ";", "!", "?") or prev.endswith(":"):
            return True
        if first[:1].isupper() or first[:1].isdigit() or first[:1] in "-•*>(" or _LEVEL_START.match(first):
            return True
        # A short line is a statement of its own; a long one may wrap.
        return line_len < 60

