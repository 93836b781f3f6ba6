"""Stage 1, tokenizer: spaCy's English rules plus splits for the run-together forms of terse notes."""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex


def install(nlp: Language) -> None:
    """Split the run-together forms of terse notes: 'disc///L4', ':noted', 'L4/L5&L5/S1'."""
    from spacy.tokenizer import Tokenizer

    infixes = list(nlp.Defaults.infixes) + [r"/{2,}", r"(?<=[A-Za-z0-9])[&:;](?=[A-Za-z0-9])",
                                            r"(?<=[a-z])\.(?=[A-Z][a-z])", r"(?<=[A-Za-z])\.(?=/)",
                                            r"(?<=[0-9])(?=mm\b|cm\b)"]
    prefixes = list(nlp.Defaults.prefixes) + [r":", r"&", r"/{2,}", r"-(?=[A-Za-z])", r"\.(?=[A-Za-z])"]
    old = nlp.tokenizer
    nlp.tokenizer = Tokenizer(
        nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(prefixes).search, suffix_search=old.suffix_search,
        infix_finditer=compile_infix_regex(infixes).finditer, token_match=old.token_match,
        url_match=old.url_match,
    )
