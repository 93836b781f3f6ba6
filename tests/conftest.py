from __future__ import annotations

from pathlib import Path

import pytest

import spinelens

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return spinelens.load()


@pytest.fixture(scope="session")
def analyze(nlp):
    """analyze(text) -> set of (type, level, side, certainty)."""

    def run(text: str, **kwargs):
        return spinelens.analyze(text, **kwargs)

    return run


def tuples(result) -> set[tuple]:
    return {(f.type, f.level, f.side, f.certainty) for f in result.findings}
