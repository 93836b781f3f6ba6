"""The tokenizer without spaCy's whitespace special cases (nlp/tokenizer.py) gives the very tokens
of the tokenizer with them."""

import random

import pytest
import spacy
from spacy.tokenizer import Tokenizer

from spinelens.nlp import tokenizer
from tests.conftest import SAMPLES, SHARED


def _pair():
    nlp = spacy.blank("en")
    tokenizer.install(nlp)
    ours = nlp.tokenizer.inner
    full = Tokenizer(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions, prefix_search=ours.prefix_search,
                     suffix_search=ours.suffix_search, infix_finditer=ours.infix_finditer,
                     token_match=ours.token_match, url_match=ours.url_match)
    return ours, full


def _tokens(doc):
    return [(t.text, t.whitespace_, t.norm_, t.idx, t.is_space) for t in doc]


def test_same_tokens_as_with_whitespace_special_cases():
    ours, full = _pair()
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [p.read_text(errors="replace") for p in sorted((SHARED / "corpus").rglob("*.txt"))[:150]]
    rnd = random.Random(7)
    noisy = []
    for text in texts[:60]:  # odd white space and other special cases everywhere
        chars = list(text)
        for _ in range(40):
            chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(
                [" ", "  ", "\t", "\n", "\n\n", " \n", "\r\n", "\xa0", " \xa0 ", "\u2003", "e.g.", "Dr.", ":)", "don't"]))
        noisy.append("".join(chars))
    for text in texts + noisy:
        assert _tokens(ours(text)) == _tokens(full(text)), text[:80]


def test_doc_keeps_its_text(nlp):
    """The tokenizer keeps the text it was given for tokens.doc_text: it is the Doc's text, also when
    over-long chunks are cut."""
    from spinelens.nlp.extensions import TEXT_KEY

    for text in ["L4-5: disc bulge.\n\nL5-S1:  normal \t\n", "x" * 250 + " (" * 120 + "\n" + "[" * 333, "", " \n "]:
        doc = nlp.make_doc(text)
        assert doc.user_data[TEXT_KEY] == doc.text == text


def test_token_arrays_equal_token_fields(nlp):
    from spinelens.nlp.tokens import Tokens

    for path in sorted(SAMPLES.glob("*.txt")):
        doc = nlp(path.read_text())
        tk = Tokens(doc)
        assert tk.norms == [t.norm_ for t in doc]
        assert tk.texts == [t.text for t in doc]
        assert tk.space == [t.is_space for t in doc]
        assert tk.idx == [t.idx for t in doc]


def test_cache_filling_keeps_the_tokens():
    """ChunkedTokenizer fills spaCy's cache with each text's new chunks first (spaCy#13950): the tokens
    are those it gives without (another tokenizer's _tokenize: over-long chunks cut alike), for texts
    with special cases ('Dr.', 'e.g.') before words met again later, and for the same texts again."""
    nlp, other = spacy.blank("en"), spacy.blank("en")
    tokenizer.install(nlp)
    tokenizer.install(other)
    texts = ["Seen by Dr. Smith (e.g. at L4-5): disc bulge, L4-5: (disc) bulge; and/or stenosis.",
             "L4-5: (disc) bulge. Dr. Jones, e.g., and/or L5-S1 [stenosis]", "x" * 250 + " Dr. (" * 30 + "x" * 250]
    texts += [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts + texts:
        assert _tokens(nlp.tokenizer(text)) == _tokens(other.tokenizer._tokenize(text)), text[:80]


@pytest.mark.parametrize("text, tokens", [
    # a full stop run into the next capitalised word splits after a letter or a digit ('L5/S1.No')
    ("L5/S1.No spondylolisthesis.", ["L5", "/", "S1", ".", "No", "spondylolisthesis", "."]),
    ("bulge.No stenosis", ["bulge", ".", "No", "stenosis"]),
    # ... not a decimal, nor a capital alone
    ("Measures 2.5 cm", ["Measures", "2.5", "cm"]),
    ("version 1.2", ["version", "1.2"]),
])
def test_run_together_sentences_split(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens
