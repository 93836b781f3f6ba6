"""Golden files: samples/<case>.txt -> samples/<case>.expected.json.

Regenerate after an intended change, then read the diff before committing:
    .venv/bin/python -m tests.golden
"""

from __future__ import annotations

import json
from pathlib import Path

import spinelens

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def cases() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def render(path: Path) -> dict:
    return spinelens.analyze(path.read_text(encoding="utf-8"), id=path.stem).to_dict()


def dump(result: dict) -> str:
    """A golden file's text: tests/test_golden.py compares it byte for byte."""
    return json.dumps(result, indent=1, ensure_ascii=False) + "\n"


def expected_path(path: Path) -> Path:
    return path.with_suffix(".expected.json")


if __name__ == "__main__":
    for case in cases():
        expected_path(case).write_text(dump(render(case)), encoding="utf-8")
        print("wrote", expected_path(case).name)
