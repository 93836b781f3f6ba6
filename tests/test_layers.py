"""The output formats and the result model stand without spaCy."""

import subprocess
import sys

from tests.conftest import ROOT

# Every format renders a hand-built result; spaCy must not be imported on the way. The package's
# __init__ (analyze, load) imports the pipeline, so the package is set up without running it.
CODE = """
import importlib.util, sys
spec = importlib.util.find_spec("spinelens")
sys.modules["spinelens"] = importlib.util.module_from_spec(spec)
from spinelens import formats
from spinelens.model import Assessment, ClinicalContext, Finding, Mention, Result, Summary
text = "L4-5: left paracentral disc protrusion."
finding = Finding("disc_protrusion", "L4-L5", "left", "present", [Mention(28, 38, "protrusion")], zone="paracentral",
                  assessment=Assessment("indeterminate", ["No symptoms given."]), id="f1")
result = Result([finding], ClinicalContext(), Summary("1 finding at L4-L5."), id="r1")
for name in formats.names():
    try:
        assert formats.get(name).render(result, text).strip(), name
    except ImportError:
        assert formats.get(name).extra, name  # only a format with an optional extra may miss it
print(sorted(m for m in sys.modules if m == "spacy" or m.startswith("spacy.")))
"""


def test_formats_and_model_do_not_import_spacy():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
