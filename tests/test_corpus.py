"""Scores on real radiologists' notes (../shared/corpus, read in place) and on the samples' gold."""

from pathlib import Path

import pytest

import spinelens
from spinelens.evaluate import evaluate
from tests.conftest import SAMPLES, SHARED

DEV_GOLD = SHARED / "corpus" / "gold" / "dev-sudirman.jsonl"
NOTES = SHARED / "corpus" / "sudirman-radiologist-notes"


def score(gold: Path, reports: Path) -> dict:
    return evaluate(gold, reports, lambda text, rid: spinelens.analyze(text, id=rid).to_dict()).as_dict()


@pytest.mark.skipif(not DEV_GOLD.is_file(), reason="../shared/corpus is not present")
def test_dev_gold_targets(nlp):
    result = score(DEV_GOLD, NOTES)
    assert result["reports"] == 60
    assert result["by_certainty"]["present"]["f1"] >= 0.95
    assert result["side_accuracy"] >= 0.95
    assert result["mean_sensitivity"] >= 0.95
    assert result["mean_specificity"] >= 0.99


def test_samples_gold_floor(nlp):
    """The samples' hand-made gold (varied styles): a floor against regressions."""
    result = score(SAMPLES / "gold.jsonl", SAMPLES)
    assert result["reports"] >= 25
    assert result["by_certainty"]["present"]["f1"] >= 0.90
    assert result["findings"]["f1"] >= 0.88
    # correlation categories on the 21 samples with a clinical history (237 findings)
    assert result["category_accuracy"] >= 0.80


@pytest.mark.skipif(not NOTES.is_dir(), reason="../shared/corpus is not present")
def test_whole_corpus_runs_clean(nlp):
    """Every real note analyses without error and every result validates."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = spinelens.schema()
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(NOTES.glob("*.txt")) + sorted((SHARED / "corpus" / "mtsamples-lumbar").rglob("*.txt")):
        result = spinelens.analyze(path.read_text(encoding="utf-8", errors="replace"), id=path.stem).to_dict()
        errors = list(validator.iter_errors(result))
        assert not errors, (path.name, errors[0].message)


# The development texts of other kinds (issue 12): whole clinical notes, teaching cases, dictated
# cervical/thoracic reports. The floors are the targets (notes present F1 0.85, symptoms F1
# 0.90 and category accuracy 0.80; cases present F1 0.85; reports without a false finding), raised to
# today's measured scores where those are higher, to guard against regressions.
GOLD = SHARED / "corpus" / "gold"
DEV_SETS = {  # gold file: (folder, present F1 floor, symptoms F1 floor, category accuracy floor)
    "dev-notes": ("clinical-notes", 0.95, 0.90, 0.80),
    "dev-spine-cases": ("spine-cases", 0.85, 0.87, 0.45),
    "dev-spine-reports": ("spine-reports", 0.95, 0.95, None),
}


def _dev(name: str) -> dict:
    folder = DEV_SETS[name][0]
    if not (GOLD / f"{name}.jsonl").is_file():
        pytest.skip("../shared/corpus is not present")
    return score(GOLD / f"{name}.jsonl", SHARED / "corpus" / folder)


@pytest.mark.parametrize("name", sorted(DEV_SETS))
def test_dev_floor(nlp, name):
    result = _dev(name)
    _, present, symptoms, category = DEV_SETS[name]
    assert result["by_certainty"]["present"]["f1"] >= present
    assert result["symptoms"]["f1"] >= symptoms
    if category is not None:
        assert result["category_accuracy"] >= category
    if name == "dev-spine-reports":
        assert result["by_certainty"]["present"]["fp"] == 0  # the target: no false findings


RED_FLAGS = ("cord_abnormality", "neoplasm", "infection", "fracture", "cauda_equina_compression")


@pytest.mark.skipif(not (GOLD / "dev-spine-reports.jsonl").is_file(), reason="../shared/corpus is not present")
def test_reports_every_red_flag_at_its_level(nlp):
    """Dictated cervical and thoracic reports: every red flag the gold names is found at its level
    (a missed red flag is the worst bug: this is a real test, never an xfail)."""
    import json

    for line in (GOLD / "dev-spine-reports.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (SHARED / "corpus" / "spine-reports" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        found = {(f.type, f.level) for f in spinelens.analyze(text).findings if f.certainty != "absent"}
        for f in gold["findings"]:
            if f["type"] in RED_FLAGS and f["certainty"] != "absent":
                assert (f["type"], f["level"]) in found, (gold["id"], f["type"], f["level"])
