"""Stage 1, tokenizer: spaCy's English rules plus splits for the run-together forms of terse notes,
safe on text without spaces."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from .extensions import TEXT_KEY

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


class ChunkedTokenizer:
    """spaCy's tokenizer, with over-long chunks cut into pieces; the Doc's text is unchanged."""

    def __init__(self, inner: Tokenizer):
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        doc = self._tokenize(text)
        doc.user_data[TEXT_KEY] = text  # doc.text joins every token: later stages read this (tokens.doc_text)
        return doc

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


def install(nlp: Language) -> None:
    """Split the run-together forms of terse notes: 'disc///L4', ':noted', 'L4/L5&L5/S1'."""
    infixes = list(nlp.Defaults.infixes) + [r"/{2,}", r"(?<=[A-Za-z0-9])[&:;](?=[A-Za-z0-9])",
                                            r"(?<=[a-z])\.(?=[A-Z][a-z])", r"(?<=[A-Za-z])\.(?=/)",
                                            r"(?<=[0-9])(?=mm\b|cm\b)"]
    prefixes = list(nlp.Defaults.prefixes) + [r":", r"&", r"/{2,}", r"-(?=[A-Za-z])", r"\.(?=[A-Za-z])"]
    old = nlp.tokenizer
    nlp.tokenizer = ChunkedTokenizer(Tokenizer(
        nlp.vocab, rules={k: v for k, v in nlp.Defaults.tokenizer_exceptions.items() if k not in _PLAIN_WHITESPACE},
        prefix_search=compile_prefix_regex(prefixes).search, suffix_search=old.suffix_search,
        infix_finditer=compile_infix_regex(infixes).finditer, token_match=old.token_match,
        url_match=old.url_match,
    ))
