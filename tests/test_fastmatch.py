"""The compiled norm matcher gives the same findings as medspaCy's own TargetMatcher."""

import pytest

from spinelens.extract import doc_to_findings
from spinelens.lexicon import PatternError, compile_pattern
from spinelens.nlp.pipeline import build
from tests.conftest import SAMPLES, SHARED


@pytest.fixture(scope="module")
def engines():
    return build(), build("medspacy")


def findings(nlp, text):
    return {(f.type, f.level, f.side, f.certainty, f.severity) for f in doc_to_findings(nlp(text))}


def test_same_findings_as_medspacy_target_matcher(engines):
    fast, reference = engines
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    notes = SHARED / "corpus" / "sudirman-radiologist-notes"
    texts += [p.read_text(errors="replace") for p in sorted(notes.glob("*.txt"))[:120]]
    differ = [t[:60] for t in texts if findings(fast, t) != findings(reference, t)]
    # the only known difference: the compiled matcher skips line-break tokens inside a phrase
    assert len(differ) <= len(texts) // 100, differ


@pytest.mark.parametrize("pattern, text, matches", [
    ([{"NORM": "disc"}, {"NORM": {"IN": ["bulge", "bulges"]}}], "a disc bulges ", ["disc bulges "]),
    ([{"NORM": {"IN": ["mild", "severe"]}, "OP": "*"}, {"NORM": "stenosis"}], "mild severe stenosis ", ["mild severe stenosis "]),
    ([{"NORM": {"REGEX": "^schmorl"}}, {"NORM": "nodes", "OP": "?"}], "schmorls nodes ", ["schmorls nodes "]),
    ([{"NORM": {"REGEX": "^(l[1-5]|s1)$"}}, {"NORM": "root"}], "l5 root xl5 root ", ["l5 root "]),
    ([{"IS_ALPHA": True}, {"NORM": "root"}], "the root 5 root ", ["the root "]),
    ([{"LOWER": "not"}, {"LOWER": {"IN": ["seen"]}, "OP": "!"}], "not seen not only ", ["not only "]),
    # a run of the same optional token is compiled as one bounded repeat: as many as fit, none past a NOT_IN word
    ([{"NORM": "tender"}] + [{"NORM": {"NOT_IN": ["no"]}, "OP": "?"}] * 3 + [{"NORM": "back"}],
     "tender a b back tender a b c d back tender no back tender back ", ["tender a b back ", "tender back "]),
])
def test_compile_pattern(pattern, text, matches):
    regex, _ = compile_pattern(pattern)
    assert [m.group(0) for m in regex.finditer(text)] == matches


def test_unsupported_keys_are_refused():
    with pytest.raises(PatternError):
        compile_pattern([{"POS": "NOUN"}])


def _scan_every_rule(matcher, doc):
    """The plain reading of the compiled rules: every rule's regex over the whole text."""
    index = [t.i for t in doc if not t.is_space]
    norms = [doc[i].norm_.replace(" ", "_") or "_" for i in index]
    text = " ".join(norms) + " "
    starts, pos = {}, 0
    for k, n in enumerate(norms):
        starts[pos] = k
        pos += len(n) + 1
    out = []
    for c in matcher.compiled:
        for m in c.regex.finditer(text):
            if m.end() > m.start():
                out.append((c.rule, index[starts[m.start()]], index[starts.get(m.end(), len(norms)) - 1] + 1))
    return out


def test_rule_index_finds_what_every_rule_finds(nlp):
    """Indexing rules by anchor and first word, and testing first-token regexes per word, changes nothing."""
    matcher = nlp.get_pipe("spinelens_targets").matcher
    assert matcher.tested and not matcher.scanned  # the lexicon's regex-led rules are indexed too
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [p.read_text(errors="replace") for p in sorted((SHARED / "corpus").rglob("*.txt"))[::3]]
    for text in texts:
        doc = nlp.make_doc(text)
        for name, stage in nlp.pipeline:
            if name == "spinelens_targets":
                break
            doc = stage(doc)
        assert matcher(doc) == _scan_every_rule(matcher, doc), text[:80]


@pytest.mark.parametrize("expr, local", [
    ("^(l[1-6]|s[1-5])$", True), (r"^\d+(?:\.\d+)?$", True), ("^schmorl", True), (r"[\w-]+x\b", True),
    ("a.b", False), (r"a\sb", False), ("[^x]", False), ("(?=a)", False), ("(?:^a|b)", False), (r"\D", False),
])
def test_token_local_regex(expr, local):
    from spinelens.lexicon.patterns import _regex_inner, _token_local

    assert _token_local(_regex_inner(expr)[1]) == local


def test_words_the_tokenizer_splits_are_matched_as_their_tokens(nlp):
    """A lexicon writes 'sacro-iliitis', 'b/l', "pott's" as readers do; the tokenizer splits them. Every such word
    of every rule is compiled once more as its tokens' norms, so none is a dead entry."""
    from spinelens.nlp.targets import _split_forms, _splitter

    matcher = nlp.get_pipe("spinelens_targets").matcher
    rules = {id(c.rule) for c in matcher.compiled}
    assert len(matcher.compiled) > len(rules)  # the lexicon holds such words
    split = _splitter(nlp)
    assert split("cannot") == ["can", "not"] and split("weakness") == ["weakness"]  # a special case, a plain word
    form = _split_forms([{"NORM": {"IN": ["bilateral", "b/l"]}}, {"NORM": "weakness", "OP": "?"}], split)
    assert form == [[{"NORM": "b"}, {"NORM": "/"}, {"NORM": "l"}, {"NORM": "weakness", "OP": "?"}]]
    assert _split_forms([{"NORM": {"IN": ["b/l"]}, "OP": "*"}], split) == []  # a repeated token keeps one token
