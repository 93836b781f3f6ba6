"""Stage 1, tokenizer: spaCy's English rules plus splits for the run-together forms of terse notes,
safe on text without spaces."""

from __future__ import annotations

import hashlib
import re

from spacy.attrs import IDX, LENGTH, LOWER, NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .extensions import TEXT_KEY, forget_recent

# spaCy strips a prefix or suffix one character at a time, copying the rest of the chunk each
# time: a chunk of 10,000 brackets took 17 s. Chunks without white space longer than this are
# tokenized in pieces of this size (no word of a report is this long), so time stays linear.
LONGEST_CHUNK = 100
_LONG = re.compile(rf"\S{{{LONGEST_CHUNK + 1},}}")

# spaCy's English exceptions list " ", "\t" and "\n" as special cases that only repeat the plain
# token. A special-case hit stops spaCy from caching every later chunk of the text (spaCy#13950:
# `has_special` is never reset), so after the first line break each word was re-split by the
# prefix/suffix/infix regexes. Without them the tokens are the same (tests/test_layers.py) and the
# tokenizer ~2x faster. "\xa0" stays: its special case sets a NORM.
_PLAIN_WHITESPACE = (" ", "\t", "\n")


# How many chunks ChunkedTokenizer remembers offering to spaCy's cache before it starts afresh (a batch
# of millions of reports meets many numbers and names; the pipeline's renewal drops it too).
_SEEN_LIMIT = 20_000


class ChunkedTokenizer:
    """spaCy's tokenizer, with over-long chunks cut into pieces; the Doc's text is unchanged."""

    def __init__(self, inner: Tokenizer):
        self.inner = inner
        self.vocab = inner.vocab
        self._seen: set[str] = set()  # chunks (runs of non-space) already offered to spaCy's cache
        self._special = frozenset(inner.rules or {})

    def __call__(self, text: str) -> Doc:
        forget_recent()  # the last Doc's spans (extensions.info)
        self._fill_cache(text)
        doc = self._tokenize(text)
        doc.user_data[TEXT_KEY] = text  # doc.text joins every token: later stages read this (tokens.doc_text)
        return doc

    def _fill_cache(self, text: str) -> None:
        """Tokenize the text's chunks not met before, special cases last, so that spaCy caches them.

        spaCy caches how it splits each chunk, but within one call not after a chunk that hits a
        special case ('Dr.', 'e.g.', 'and/or': spaCy#13950, ``has_special`` is never reset), so every
        later chunk of a report was split by the prefix, suffix and infix regexes again, at each of
        its occurrences and in every report. The cache only repeats what splitting gives: the
        tokens are the same (tests/test_tokenizer.py)."""
        chunks = set(text.split())  # spaCy's chunks: str.split splits at the characters isspace() names
        chunks.difference_update(self._seen)
        if not chunks:
            return
        if len(self._seen) > _SEEN_LIMIT:
            self._seen.clear()
        self._seen.update(chunks)
        special = self._special
        # joined by single spaces, which spaCy only separates by: no token, no string of their own
        self._tokenize(" ".join(sorted(chunks, key=lambda w: (w in special, w))))

    def _tokenize(self, text: str) -> Doc:
        # str.split() splits at the characters \s matches: the same test as _LONG.search, ~2x faster
        if len(text) <= LONGEST_CHUNK or max(map(len, text.split()), default=0) <= LONGEST_CHUNK:
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG.finditer(text):
            self._add(text[pos:m.start()], words, spaces)
            chunk = m.group()
            for k in range(0, len(chunk), LONGEST_CHUNK):
                self._add(chunk[k:k + LONGEST_CHUNK], words, spaces)
            pos = m.end()
        self._add(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _add(self, piece: str, words: list[str], spaces: list[bool]) -> None:
        if not piece:
            return
        for t in self.inner(piece):
            words.append(t.text)
            spaces.append(bool(t.whitespace_))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


def lowers_of_phrases(tokenizer, phrases: list[str]) -> list[tuple[int, ...]]:
    """The LOWER of each token of each phrase, as ``tokenizer(phrase)`` gives them, from one tokenizer
    call over the phrases joined by line breaks (a call per phrase costs ~30 us; ConText has ~4,400).

    spaCy tokenizes each run of non-space characters on its own; a line break is a token of its own,
    and no special case holds one (install drops them), so the tokens between two line breaks are
    the phrase's own. A phrase with white space other than single inner spaces, or a join that does
    not split back into exactly the phrases, is tokenized alone (tests/test_coldstart.py compares)."""
    out: list[tuple[int, ...] | None] = [None] * len(phrases)
    joined = [k for k, p in enumerate(phrases) if p and p == " ".join(p.split())]
    if joined:
        # Fill spaCy's per-word cache first: in one call, once a word hits a special case ('e.g.')
        # no later word is cached (spaCy#13950), and each of the ~17,000 words would be split by
        # the affix regexes again. Each distinct word once, special cases last: ~5x faster.
        words = {w for k in joined for w in phrases[k].split(" ")}
        special = getattr(getattr(tokenizer, "inner", tokenizer), "rules", None) or {}
        tokenizer("\n".join(sorted(words, key=lambda w: (w in special, w))))
        bounds: list[tuple[int, int]] = []  # where each phrase is in the joined text
        pos = 0
        for k in joined:
            bounds.append((pos, pos + len(phrases[k])))
            pos += len(phrases[k]) + 1
        doc = tokenizer("\n".join(phrases[k] for k in joined))
        newline = doc.vocab.strings["\n"]
        parts: list[list[int]] = [[] for _ in joined]
        j = 0
        cols = doc.to_array([IDX, LENGTH, ORTH, LOWER]).T.tolist() if len(doc) else [[], [], [], []]
        for start, length, orth, lower in zip(*cols, strict=True):
            if start == bounds[j][1] and orth == newline and j + 1 < len(joined):
                j += 1  # the line break after phrase j
            elif bounds[j][0] <= start and start + length <= bounds[j][1]:
                parts[j].append(lower)
            else:  # not split as reasoned: tokenize each phrase alone
                break
        else:
            if j + 1 == len(joined):
                for k, lowers in zip(joined, parts, strict=True):
                    out[k] = tuple(lowers)
    return [found if found is not None else tuple(t.lower for t in tokenizer(p))
            for found, p in zip(out, phrases, strict=True)]


def fingerprint(tokenizer) -> str:
    """A digest of everything a tokenizer's tokens follow from: spaCy's version and Python's (the LOWER
    of a word), the chunk size, the prefix, suffix and infix rules, token and URL matches, and the
    special cases."""
    import sys

    import spacy

    inner = getattr(tokenizer, "inner", tokenizer)

    def pattern(f):
        return getattr(getattr(f, "__self__", None), "pattern", repr(f))

    parts = [spacy.__version__, sys.version, type(tokenizer).__qualname__, LONGEST_CHUNK, pattern(inner.prefix_search),
             pattern(inner.suffix_search), pattern(inner.infix_finditer), pattern(inner.token_match),
             pattern(inner.url_match), inner.faster_heuristics, sorted(inner.rules.items())]
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def cached_lowers_of_phrases(tokenizer, phrases: list[str]) -> list[tuple[int, ...]]:
    """lowers_of_phrases, kept in the user's cache folder (diskcache.py) under a digest of the phrases and
    of the tokenizer (fingerprint): ConText's ~4,400 phrases are the same at every start. Only lexicon
    phrases, no report text. A missing or bad file is written anew; an unwritable folder is skipped."""
    from .. import diskcache

    key = hashlib.blake2b(digest_size=16)
    key.update(fingerprint(tokenizer).encode())
    key.update("\x00".join(phrases).encode("utf-8", "surrogatepass"))
    path = diskcache.cache_dir() / f"phrases-{key.hexdigest()}.marshal"
    found = diskcache.read(path)
    if isinstance(found, list) and len(found) == len(phrases) and all(
            isinstance(t, tuple) and all(type(x) is int for x in t) for t in found):
        return found
    lowers = lowers_of_phrases(tokenizer, phrases)
    try:
        diskcache.write(path, lowers, keep=2)  # a lexicon edit makes a new file: keep a few, not all
    except OSError:
        pass
    return lowers


def _exceptions(rules: dict) -> dict:
    """spaCy's English special cases without the plain white space, and with the negative contractions
    also in capitals: spaCy splits 'cannot', 'Cannot', "don't", "Don't" but not 'CANNOT' or "DON'T", so an
    ALL-CAPS report's 'STENOSIS CANNOT BE EXCLUDED' had read as stenosis present."""
    out = {k: v for k, v in rules.items() if k not in _PLAIN_WHITESPACE}
    for key, pieces in rules.items():
        upper = key.upper()
        if upper not in out and upper != key and ("'" in key or "\u2019" in key or key.lower() == "cannot") and any(
                p.get(NORM) == "not" or p[ORTH].lower() in ("not", "n't", "n\u2019t") for p in pieces):
            out[upper] = [{**p, ORTH: p[ORTH].upper()} for p in pieces]
    return out


def install(nlp: Language) -> None:
    """Split the run-together forms of terse notes: 'disc///L4', ':noted', 'L4/L5&L5/S1', 'L5/S1.No spondylolisthesis'."""
    infixes = list(nlp.Defaults.infixes) + [r"/{2,}", r"(?<=[A-Za-z0-9])[&:;](?=[A-Za-z0-9])",
                                            r"(?<=[a-z0-9])\.(?=[A-Z][a-z])", r"(?<=[A-Za-z])\.(?=/)",
                                            r"(?<=[0-9])(?=mm\b|cm\b)"]
    # ('~8 kg', '~30%': an approximate number is a number)
    prefixes = list(nlp.Defaults.prefixes) + [r":", r"&", r"/{2,}", r"-(?=[A-Za-z])", r"\.(?=[A-Za-z])",
                                              r"/(?=[A-Za-z])", r"~(?=[0-9])"]
    # 'fracture/ collapse', 'spondylolisthesis/ fracture': a slash left at a word's end (or start) is
    # not part of the word, or the word matches nothing
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Za-z0-9])/+"]
    old = nlp.tokenizer
    nlp.tokenizer = ChunkedTokenizer(Tokenizer(
        nlp.vocab, rules=_exceptions(nlp.Defaults.tokenizer_exceptions),
        prefix_search=compile_prefix_regex(prefixes).search, suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer, token_match=old.token_match,
        url_match=old.url_match,
    ))
