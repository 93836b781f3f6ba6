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


@pytest.fixture
def folder(tmp_path):
    """A folder of reports as an archive holds them: subfolders, and bad files beside good ones."""
    root = tmp_path / "reports"
    (root / "2024" / "march").mkdir(parents=True)
    for p in sorted(SAMPLES.glob("terse-*.txt")):
        (root / p.name).write_text(p.read_text())
    (root / "2024" / "march" / "acc-1.txt").write_text("L4-5: left paracentral disc protrusion.")
    (root / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (root / "empty.txt").write_text("")
    (root / "windows.txt").write_bytes("L5-S1 protrusion \u2013 left".encode("cp1252"))
    (root / "huge.txt").write_bytes(b"L4-5 bulge. " * 90_000)
    (root / "notes.md").write_text("not a report: ignored by the default glob")
    return root


@pytest.fixture
def linked(tmp_path):
    """A folder as shares hold them: links (broken, looping on themselves, back to a folder above, to a
    folder elsewhere) and report names in capitals (REPORT.TXT, Report.Txt)."""
    root, elsewhere = tmp_path / "linked", tmp_path / "elsewhere"
    (root / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "plain.txt").write_text("L4-5: left paracentral disc protrusion.")
    (root / "REPORT.TXT").write_text("L5-S1: mild disc bulge.")
    (root / "sub" / "Report.Txt").write_text("L3-4: small central protrusion.")
    (elsewhere / "kept.txt").write_text("L4-5: disc bulge.")
    (root / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "other").symlink_to(elsewhere, target_is_directory=True)
    (root / "notes.md").write_text("not a report: ignored by the default glob")
    return root
