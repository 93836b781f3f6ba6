"""Cold start: a command loads only what it uses (fresh processes; bench/coldstart.py times it)."""

import subprocess
import sys

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
    loaded = _top(_modules_after(code))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


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
