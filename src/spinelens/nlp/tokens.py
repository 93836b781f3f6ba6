"""Fast reads of a Doc that every stage needs: its text, plain token lists and sentence bounds,
computed once per Doc and kept in ``doc.user_data`` (keys declared in extensions.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.attrs import IDX, IS_SPACE, NORM, ORTH
from spacy.tokens import Doc, Span

from .extensions import SENT_SPANS_KEY, SENTS_KEY, TEXT_KEY, TOKENS_KEY

_STRINGS: dict[int, str] = {}  # NORM hash -> string: one dict look-up instead of a StringStore call


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
        # one to_array call, not a Token object per token and field; read by column (a list per row
        # allocates a container per token, ~8x slower)
        cols = doc.to_array([IDX, IS_SPACE, NORM, ORTH]).T.tolist() if len(doc) else [[], [], [], []]
        idx, space, norm_hashes, orth_hashes = cols
        known = _STRINGS
        if len(known) > 200_000:  # bounded: a batch of millions of reports meets many words
            known.clear()
        # norms and texts as strings: a dict look-up per token (map: no Python step per token), the
        # StringStore only for a string not met before. A token's text is its ORTH string.
        self.norms = _strings(doc, norm_hashes, known)
        self.texts = _strings(doc, orth_hashes, known)
        self.idx = idx
        self.space = list(map(bool, space))

    def text(self, doc: Doc, start: int, end: int) -> str:
        """Text of tokens start..end-1 (as doc[start:end].text)."""
        if end <= start:
            return ""
        return doc_text(doc)[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]


def _strings(doc: Doc, hashes: list[int], known: dict[int, str]) -> list[str]:
    found: list[str | None] = list(map(known.get, hashes))
    if None in found:
        strings = doc.vocab.strings
        for k, value in enumerate(found):
            if value is None:
                found[k] = known[hashes[k]] = strings[hashes[k]]
    return found  # type: ignore[return-value]  # no None left


def toks(doc: Doc) -> Tokens:
    cached = doc.user_data.get(TOKENS_KEY)
    if cached is None:
        cached = doc.user_data[TOKENS_KEY] = Tokens(doc)
    return cached


# The longest statement any stage reads, in tokens. A longer sentence (a run-on dictation, a
# pasted table, pathological input) is read in windows of this size: no cue, level or relation
# reaches further in real text, and every stage stays linear in the length of the text.
WINDOW = 128


class Bounds(NamedTuple):
    """A statement's token bounds, read as a sentence Span's .start and .end are."""

    start: int
    end: int


def all_sent_bounds(doc: Doc) -> list[Bounds]:
    """(start, end) of the statement of each token: its sentence, or its WINDOW-token window of a
    longer one (Token.sent scans the doc on every call)."""
    bounds = doc.user_data.get(SENTS_KEY)
    if bounds is None:
        bounds = _store_sent_bounds(doc, [t.i for t in doc if t.is_sent_start] or [0])
    return bounds


def sent_bounds(doc: Doc, i: int) -> Bounds:
    """(start, end) of the statement holding token i."""
    bounds = doc.user_data.get(SENTS_KEY)
    return (bounds if bounds is not None else all_sent_bounds(doc))[i]


def sent_of(doc: Doc, i: int) -> Span:
    """The statement holding token i, as a Span (one per statement, made on first use)."""
    data = doc.user_data  # read here, not through sent_bounds: every stage asks, many times per finding
    bounds = data.get(SENTS_KEY)
    pair = (bounds if bounds is not None else all_sent_bounds(doc))[i]
    spans = data.get(SENT_SPANS_KEY)
    if spans is None:
        spans = data[SENT_SPANS_KEY] = {}
    span = spans.get(pair)
    if span is None:
        span = spans[pair] = doc[pair[0]:pair[1]]
    return span


def sent_chars(doc: Doc) -> Iterator[tuple[int, int]]:
    """Each statement in order, as (start char, end char): what a pass over every statement reads of
    it, without making a Span of each (sent_of: a Span makes three Token objects)."""
    bounds = all_sent_bounds(doc)
    tk = toks(doc)
    idx, texts = tk.idx, tk.texts
    i, n = 0, len(bounds)
    while i < n:
        start, end = bounds[i]
        yield idx[start], idx[end - 1] + len(texts[end - 1])  # as Span.start_char and Span.end_char
        i = end


def _store_sent_bounds(doc: Doc, starts: list[int]) -> list[Bounds]:
    bounds: list[Bounds] = [Bounds(0, 0)] * len(doc)
    for k, s0 in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(doc)
        for lo in range(s0, end, WINDOW):
            hi = min(lo + WINDOW, end)
            bounds[lo:hi] = [Bounds(lo, hi)] * (hi - lo)
    doc.user_data[SENTS_KEY] = bounds
    doc.user_data.pop(SENT_SPANS_KEY, None)
    return bounds
