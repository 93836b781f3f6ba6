"""Cold start: a command loads only what it uses (fresh processes; bench/coldstart.py times it)."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES

HEAVY = ("quickumls", "nltk")


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split("\n")[-2].split())


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_pipeline_loads_without_quickumls_or_nltk():
    loaded = _top(_modules_after("import spinelens; spinelens.analyze('L4-5: left disc protrusion.')"))
    assert "medspacy" in loaded  # ConText is still medspaCy's
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_analyze_command_loads_without_quickumls_or_nltk():
    sample = next(iter(sorted(SAMPLES.glob("*.txt"))))
    code = f"from spinelens.cli import main; main(['analyze', {str(sample)!r}])"
    modules = _modules_after(code)
    loaded = _top(modules)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    other_commands = {m for m in modules if m.split(".")[:2] in (["spinelens", "batch"], ["spinelens", "server"],
                                                                  ["spinelens", "spark"], ["spinelens", "evaluate"])}
    assert not other_commands, sorted(other_commands)
    assert not loaded & {"pyspark", "fastapi", "uvicorn", "pyarrow"}, sorted(loaded & {"pyspark", "fastapi"})


def test_medspacy_is_whole_after_spinelens():
    """The placeholder for QuickUMLS is gone once medspaCy has loaded: the caller's own medspaCy
    pipelines, and QuickUMLS itself, still load."""
    code = ("import spinelens; spinelens.load(); import sys; assert 'quickumls' not in sys.modules\n"
            "import medspacy; nlp = medspacy.load(); assert 'medspacy_context' in nlp.pipe_names\n"
            "import quickumls.spacy_component; assert hasattr(sys.modules['quickumls'], 'QuickUMLS')")
    _modules_after(code)


def test_commands_without_analysis_do_not_load_spacy():
    for argv in (["schema"], ["--help"], ["analyze", "--help"], ["--version"]):
        code = (f"import contextlib, io\nfrom spinelens.cli import main\n"
                f"with contextlib.redirect_stdout(io.StringIO()):\n"
                f"    try:\n        main({argv!r}, out=io.StringIO())\n    except SystemExit:\n        pass")
        loaded = _top(_modules_after(code))
        assert not loaded & {"spacy", "medspacy", "thinc", "numpy"}, (argv, sorted(loaded & {"spacy", "medspacy"}))


def test_english_word_file_answers_as_the_set(tmp_path):
    from spinelens.nlp.english import WordFile, write_word_file

    words = frozenset({"a", "ab", "abc", "b", "king, martin luther, jr.", "zyzzogeton", "\u00e9t\u00e9", "x y"})
    path = tmp_path / "words.txt"
    write_word_file(path, words)
    found = WordFile(path)
    probes = set(words) | {w + "s" for w in words} | {w[:-1] for w in words} | {"", "aa", "zz", "\u00e9t", "A"}
    assert {p for p in probes if p in found} == {p for p in probes if p in words}
    assert 1 not in found and "a\nb" not in found


def test_english_words_without_a_writable_cache(tmp_path):
    """A cache folder that cannot be made: the words are held in memory, as before the cache."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = ("from spinelens.nlp import english; w = english.words()\n"
            "assert isinstance(w, frozenset) and 'protein' in w and 'proteinx' not in w, type(w)")
    import os
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "XDG_CACHE_HOME": str(blocker)})
    assert done.returncode == 0, done.stderr


def test_context_cue_matcher_finds_what_medspacy_finds(nlp):
    """The ConText stage's bulk-built cue matcher: medspaCy's matcher's matches, in its order and pruned
    as it prunes, with the same rule ids, on every cue phrase (shared ones decide ties) and on the samples.
    Where two rules match the same words, medspaCy keeps the one its matchers happen to return first (an
    order that moves when a rule is added anywhere); SpineLens keeps the rule written first."""
    import random
    import warnings

    from medspacy.context import ConText

    from spinelens.nlp.context import context_rules

    ours = nlp.get_pipe("spinelens_context").matcher
    ref = ConText(nlp, rules=None)
    ref.add(context_rules())
    medspacy_matcher = ref._ConText__matcher
    literals = [r.literal for r in context_rules()]
    random.Random(15).shuffle(literals)
    texts = [" , ".join(literals), " ".join(literals), ". ".join(x.upper() for x in literals)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts:
        doc = nlp.make_doc(text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            expected = [(medspacy_matcher.rule_map[doc.vocab[m].text]._rule_id, s, e) for m, s, e in medspacy_matcher(doc)]
        got, spans = [], set()
        for rule, s, e in ours(doc):
            if (s, e) not in spans:  # (the other directions of the same words, which SpineLens keeps too)
                spans.add((s, e))
                got.append((rule._rule_id, s, e))
        assert [(s, e) for _, s, e in got] == [(s, e) for _, s, e in expected]
        for (mine, s, e), (theirs, _, _) in zip(got, expected, strict=True):
            if mine != theirs:  # a tie: both rules match these words, and ours comes first in the lexicons
                index = {r._rule_id: k for k, r in enumerate(ours.rules)}
                assert index[mine] < index[theirs], (mine, theirs, doc[s:e].text)


def test_word_patterns_match_where_spacys_matcher_does(nlp):
    """ConText's token patterns made of word lists ('is gone', ', unlikely to account for', 'but this has
    now resolved') are matched in plain Python over the tokens' LOWER ids: every (start, end) spaCy's
    Matcher gives, on random runs of their words (optional and repeated words, several lengths from one
    start) and on the samples; other patterns stay with spaCy's Matcher."""
    import random

    from spacy.attrs import LOWER
    from spacy.matcher import Matcher

    from spinelens.nlp.context import _word_matches, _word_pattern

    cues = nlp.get_pipe("spinelens_context").matcher
    assert len(cues.word_patterns) >= 3 and not cues.has_tokens
    ref = Matcher(nlp.vocab)
    words: set[str] = {"pain", "X", "Is", "GONE", "\n"}
    for i, *_ in cues.word_patterns:
        ref.add(str(i), [cues.rules[i].pattern])
        for tok in cues.rules[i].pattern:
            value = tok.get("LOWER", tok.get("TEXT"))
            words.update([value] if isinstance(value, str) else value["IN"])
    # operators spaCy knows that the lexicon does not use yet: '+', and '?' and '*' next to each other
    extra = [[{"LOWER": "a"}, {"LOWER": {"IN": ["b", "c"]}, "OP": "+"}, {"LOWER": "d", "OP": "?"}],
             [{"LOWER": "a"}, {"LOWER": "b", "OP": "*"}, {"LOWER": "b", "OP": "?"}, {"LOWER": "c"}],
             [{"LOWER": "a", "OP": "?"}, {"LOWER": {"IN": ["b", "d"]}, "OP": "*"}, {"LOWER": "c"}, {"LOWER": "d", "OP": "?"}]]
    plus = [(100 + k, _word_pattern(p, nlp.vocab), None) for k, p in enumerate(extra)]
    for k, p in enumerate(extra):
        ref.add(str(100 + k), [p])
    assert _word_pattern([{"LOWER": "a", "OP": "?"}], nlp.vocab) is None  # nothing required (empty matches): spaCy's
    assert _word_pattern([{"NORM": "a"}], nlp.vocab) is None
    rnd = random.Random(15)
    pool = sorted(words) + ["a", "b", "c", "d"]
    texts = [" ".join(rnd.choice(pool) for _ in range(rnd.randrange(1, 15))) for _ in range(5000)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts:
        doc = nlp.make_doc(text)
        lowers = doc.to_array(LOWER).tolist()
        ours = sorted((i, s, e) for i, p, first, *_ in [*cues.word_patterns, *plus] for s, e in _word_matches(p, lowers, first))
        theirs = sorted((int(nlp.vocab.strings[m]), s, e) for m, s, e in ref(doc))
        assert ours == theirs, text
        # a text with none of the words one required element takes holds no match of the pattern (the
        # matcher passes such patterns over without trying them)
        for i, _, _, required in cues.word_patterns:
            if any(words.isdisjoint(lowers) for words in required):
                assert all(m != i for m, _, _ in theirs), text


def test_cue_pruning_is_medspacys():
    """context.prune_overlapping keeps what medspaCy's prune_overlapping_matches keeps, in its order,
    on random overlapping matches (ties of length, nested, chained, repeated), given them in rule order where
    they share their words (medspaCy keeps the first given; SpineLens the first rule, in whatever order given)."""
    import random

    from medspacy.common.util import prune_overlapping_matches

    from spinelens.nlp.context import prune_overlapping

    rnd = random.Random(3)
    for _ in range(20_000):
        matches = []
        for _ in range(rnd.randrange(12)):
            start = rnd.randrange(25)
            matches.append((rnd.randrange(4), start, start + rnd.randrange(1, 6)))
        in_rule_order = sorted(matches, key=lambda m: (m[1], m[2], m[0]))
        assert prune_overlapping(list(matches)) == prune_overlapping_matches(in_rule_order), matches
        rnd.shuffle(matches)
        assert prune_overlapping(list(matches)) == prune_overlapping_matches(in_rule_order), matches


def test_phrases_tokenized_in_one_call_as_each_alone(nlp):
    from spinelens.nlp.context import context_rules
    from spinelens.nlp.tokenizer import lowers_of_phrases

    phrases = [r.literal.lower() for r in context_rules()] + [
        "e.g.", "a.m. and p.m.", "don't", "can't be excluded", " leading", "trailing ", "two  spaces", "line\nbreak",
        "", " ", "\n", "(s)", "l4-5:", "x" * 150, "left-sided,", "no\xa0evidence", "n't", ":)", "'s", "etc.", "vs."]
    alone = [tuple(t.lower for t in nlp.tokenizer(p)) for p in phrases]
    assert lowers_of_phrases(nlp.tokenizer, phrases) == alone
    assert lowers_of_phrases(nlp.tokenizer, list(reversed(phrases))) == list(reversed(alone))


def _run(code: str, cache: Path, **env: str) -> subprocess.CompletedProcess:
    import os
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache), **env})
    return done


_NO_COMPILE = ("import re, spinelens.lexicon.files as f\n"
               "def refuse(*a, **k): raise AssertionError('compiled a remembered pattern')\n"
               "f.compile_pattern = refuse\n")


def test_compiled_patterns_are_remembered_and_not_compiled_again(tmp_path):
    from spinelens.lexicon import checked

    load = "from spinelens.lexicon import load_target_rules, load_context, load_sections\n" \
           "load_target_rules(); load_context(); load_sections()\n"
    done = _run(load, tmp_path)
    assert done.returncode == 0, done.stderr
    files = list((tmp_path / "spinelens").glob("compiled-patterns-*.json"))
    assert len(files) == 1, files
    remembered = json.loads(files[0].read_text())["compiled"]
    assert len(remembered) > 100 and all(len(d) == 32 for d in remembered)
    from spinelens.lexicon import load_target_rules
    assert checked.digest(next(r["pattern"] for _, r in load_target_rules() if r.get("pattern"))) in remembered
    before = files[0].stat().st_mtime_ns
    done = _run(_NO_COMPILE + load, tmp_path)  # a second process compiles none, and writes nothing
    assert done.returncode == 0, done.stderr
    assert files[0].stat().st_mtime_ns == before


def test_an_edited_pattern_is_compiled_and_a_bad_one_still_fails(tmp_path):
    import shutil

    from spinelens.lexicon import lexicon_dir

    cache = tmp_path / "cache"
    assert _run("from spinelens.lexicon import load_target_rules; load_target_rules()", cache).returncode == 0
    lexicons = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), lexicons)
    card = lexicons / "findings" / "disc_bulge.json"
    data = json.loads(card.read_text())
    index = next(i for i, r in enumerate(data["target_rules"]) if isinstance(r.get("pattern"), list))
    data["target_rules"][index]["pattern"].append({"LOWER": {"REGEX": "(?i)bulg"}})  # compiles alone, not joined
    card.write_text(json.dumps(data))
    done = _run(_NO_COMPILE.replace("raise AssertionError('compiled a remembered pattern')", "return 1 / 0")
                + f"from spinelens.lexicon import load_target_rules; load_target_rules({str(lexicons)!r})", cache)
    assert "ZeroDivisionError" in done.stderr  # the edited pattern is compiled: it is not the remembered one
    done = _run(f"from spinelens.lexicon import load_target_rules; load_target_rules({str(lexicons)!r})", cache)
    assert done.returncode != 0 and f"disc_bulge.json: target_rules[{index}]" in done.stderr, done.stderr
    assert "Traceback" in done.stderr and "LexiconError" in done.stderr


def test_a_corrupt_or_unwritable_pattern_cache_is_rebuilt_or_skipped(tmp_path):
    load = "import spinelens; assert spinelens.analyze('L4-5: left disc protrusion.').findings"
    assert _run(load, tmp_path).returncode == 0
    (path,) = (tmp_path / "spinelens").glob("compiled-patterns-*.json")
    good = json.loads(path.read_text())
    for garbage in (b"\x00\xff{not json", b'{"compiled": 7}', b"[1, 2]", b'{"compiled": [1, null, "x"]}', b""):
        path.write_bytes(garbage)
        done = _run(load, tmp_path)
        assert done.returncode == 0 and not done.stderr, done.stderr
        assert json.loads(path.read_text()) == good  # written anew, whole
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = _run(load, blocker)  # no cache folder can be made: every pattern is compiled, as before
    assert done.returncode == 0 and not done.stderr, done.stderr


_ANALYZE_SAMPLES = ("import json, pathlib, sys, spinelens\n"
                    "out = [spinelens.analyze(p.read_text(encoding='utf-8')).to_dict() for p in sorted(pathlib.Path({samples!r}).glob('*.txt'))[:12]]\n"
                    "import re._compiler as c; print(json.dumps(out, sort_keys=True)); print(c.__dict__.get('calls', '-'))\n")


def _count_compiles() -> str:
    # counts re's own compiles (regexcache passes a pattern it does not have to re._compile, which calls this)
    return ("import re._compiler as c\nc.calls = 0\n_compile = c.compile\n"
            "def counting(p, flags=0):\n    c.calls += 1\n    return _compile(p, flags)\nc.compile = counting\n")


def test_regular_expressions_compiled_while_loading_come_from_the_cache_file(tmp_path):
    """A cold cache is written; a warm one gives the same results with (nearly) nothing compiled; every
    entry is the code Python compiles for its pattern; no report text is in any cache file."""
    import re

    from spinelens import regexcache

    code = _count_compiles() + _ANALYZE_SAMPLES.format(samples=str(SAMPLES))
    cold = _run(code, tmp_path)
    assert cold.returncode == 0, cold.stderr
    warm = _run(code, tmp_path)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.splitlines()[0] == cold.stdout.splitlines()[0]  # the same results
    assert int(warm.stdout.splitlines()[1]) < 40 < int(cold.stdout.splitlines()[1])
    files = sorted((tmp_path / "spinelens").glob("regex-*.marshal"))
    assert [f.name.split("-")[1] for f in files] == ["package", "pipeline"]
    for f in files:
        entries = regexcache._read(f)
        assert len(entries) > 20
        for (pattern, flags), args in entries.items():
            assert regexcache._sre.compile(pattern, *args) == re.compile(pattern, flags), pattern
    marker = "Zyxwquorblat"
    done = _run(f"import spinelens; spinelens.analyze('L4-5: {marker} disc protrusion. {marker.lower()}ic re: x')", tmp_path)
    assert done.returncode == 0, done.stderr
    for f in (tmp_path / "spinelens").iterdir():
        assert marker.lower().encode() not in f.read_bytes().lower(), f.name


def test_a_corrupt_or_unwritable_regex_cache_is_rebuilt_or_skipped(tmp_path):
    from spinelens import regexcache

    load = "import spinelens, gc; assert spinelens.analyze('L4-5: left disc protrusion.').findings; assert gc.isenabled()"
    assert _run(load, tmp_path).returncode == 0
    (path,) = (tmp_path / "spinelens").glob("regex-pipeline-*.marshal")
    good = regexcache._read(path)
    blob = path.read_bytes()
    flipped = blob[:-100] + bytes([blob[-100] ^ 1]) + blob[-99:]
    for garbage in (b"", b"\x00" * 10, blob[:32] + b"\xff" * 50, flipped, blob[:len(blob) // 2]):
        path.write_bytes(garbage)
        assert regexcache._read(path) == {}
        done = _run(load, tmp_path)
        assert done.returncode == 0 and not done.stderr, done.stderr
        rebuilt = regexcache._read(path)  # written anew, whole (less what a warm pattern check did not compile)
        assert len(rebuilt) > 500 and rebuilt.items() <= good.items()
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = _run(load, blocker)  # no cache folder can be made: patterns are compiled, as before
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_cue_matcher_sets_context_globals_as_medspacy_does(nlp):
    from medspacy.context import ConText

    from spinelens.nlp.context import CueMatcher, context_rules

    settings = {"max_scope": 3, "excluded_types": {"disc_bulge"}, "max_targets": 2,
                "terminating_types": {"NEGATED_EXISTENCE": ["possible_existence"]}}
    ref, ours = context_rules(), context_rules()
    ConText(nlp, rules=None, **settings).add(ref)
    CueMatcher(nlp, ConText(nlp, rules=None, **settings), ours)
    keys = ("max_scope", "allowed_types", "excluded_types", "max_targets", "terminated_by", "_rule_id")
    assert [[getattr(r, k) for k in keys] for r in ours] == [[getattr(r, k) for k in keys] for r in ref]
    own = {r.literal for r in context_rules() if r.max_targets is not None}  # a rule's own limit stays
    assert any(r.terminated_by for r in ours) and {r.max_targets for r in ours if r.literal not in own} == {2}
    assert all(r.max_targets != 2 for r in ours if r.literal in own)


def test_context_phrases_kept_tokenized_in_the_cache_folder(nlp, tmp_path, monkeypatch):
    """Written on first use under a digest of the phrases and the tokenizer, read back equal; another
    tokenizer or other phrases miss; a corrupt file is written anew; old files are removed."""
    from spinelens.nlp.context import context_rules
    from spinelens.nlp.tokenizer import cached_lowers_of_phrases, fingerprint, lowers_of_phrases

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    phrases = [r.literal.lower() for r in context_rules()]
    expected = lowers_of_phrases(nlp.tokenizer, phrases)
    assert cached_lowers_of_phrases(nlp.tokenizer, phrases) == expected
    (path,) = (tmp_path / "spinelens").glob("phrases-*.marshal")
    assert cached_lowers_of_phrases(nlp.tokenizer, phrases) == expected  # from the file
    for garbage in (b"", b"\x01" * 40, path.read_bytes()[:-3]):
        path.write_bytes(garbage)
        assert cached_lowers_of_phrases(nlp.tokenizer, phrases) == expected
        assert cached_lowers_of_phrases(nlp.tokenizer, phrases) == expected

    import copy
    changed = copy.deepcopy(nlp.tokenizer)
    changed.inner.add_special_case("no.", [{"ORTH": "no"}, {"ORTH": "."}])
    assert fingerprint(changed) != fingerprint(nlp.tokenizer)
    assert cached_lowers_of_phrases(nlp.tokenizer, phrases[:-1]) == expected[:-1]
    assert cached_lowers_of_phrases(nlp.tokenizer, phrases[1:]) == expected[1:]
    assert len(list((tmp_path / "spinelens").glob("phrases-*.marshal"))) == 3  # the newest and two before it
    assert cached_lowers_of_phrases(nlp.tokenizer, phrases[2:]) == expected[2:]
    assert len(list((tmp_path / "spinelens").glob("phrases-*.marshal"))) == 3


def test_the_analyze_program_runs_without_cyclic_gc_and_gives_the_same_result():
    """`python -m spinelens analyze FILE` (main() with no argv) reads one report with the cyclic GC off;
    main() called with arguments (tests, a caller's code) leaves it on. The results are the same."""
    import io

    from spinelens.cli import main

    sample = next(iter(sorted(SAMPLES.glob("*.txt"))))
    buffer = io.StringIO()
    assert main(["analyze", str(sample), "--format", "json"], out=buffer) == 0
    import gc
    assert gc.isenabled()
    code = (f"import sys, gc; sys.argv = ['spinelens', 'analyze', {str(sample)!r}, '--format', 'json']\n"
            "from spinelens.cli import main; assert main() == 0; print(); print(gc.isenabled())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip("\n").rsplit("\n", 1)[1] == "False"
    program = subprocess.run([sys.executable, "-m", "spinelens", "analyze", str(sample), "--format", "json"],
                             capture_output=True, text=True, cwd=ROOT)
    assert program.returncode == 0 and program.stdout == buffer.getvalue()
