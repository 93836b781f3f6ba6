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
