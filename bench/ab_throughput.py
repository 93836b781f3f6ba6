"""Throughput of two source trees of SpineLens, interleaved in one run (before/after a change).

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/ab_throughput.py /tmp/before/src src [--rounds 7] [--texts corpus|samples|notes|unique]
        [--path analyze|batch]

Each round runs `spinelens.analyze` over the same texts once per tree, each in a fresh process
with that tree first on sys.path (the lexicons are found beside it), in alternating order so
that machine load falls on both alike. Prints the median reports/s of each tree and the ratio
after/before; a ratio within about 0.95-1.05 is noise on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CHILD = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import spinelens
assert spinelens.__file__.startswith(sys.argv[1]), spinelens.__file__
from pathlib import Path
paths = [Path(p) for p in sys.argv[3:]]
texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
for t in texts[:20]:
    spinelens.analyze(t)
start = time.perf_counter()
if sys.argv[2] == "batch":  # what `spinelens batch` does per report, one worker: analyse, then its JSON line
    from spinelens.batch import Task, run_outputs
    for _ in run_outputs((Task(id=str(k), source="ab", text=t) for k, t in enumerate(texts)), workers=1):
        pass
else:
    for t in texts:
        spinelens.analyze(t)
print(len(texts) / (time.perf_counter() - start))
"""


def texts(kind: str) -> list[str]:
    if kind == "unique":  # 1,000 samples with made-up ids, dates and names (bench/memory.py), in a temporary folder
        sys.path.insert(0, str(ROOT / "bench"))
        from memory import unique_reports

        folder = Path(tempfile.mkdtemp(prefix="spinelens-ab-"))
        for k, text in enumerate(unique_reports(1000)):
            (folder / f"u{k:04d}.txt").write_text(text, encoding="utf-8")
        return [str(p) for p in sorted(folder.glob("*.txt"))]
    if kind == "samples":
        return [str(p) for p in sorted((ROOT / "samples").glob("*.txt"))] * 20
    if kind == "notes":  # the whole clinical notes (issue 12: their throughput may not drop by > 15%)
        return [str(p) for p in sorted((ROOT.parent / "shared" / "corpus" / "clinical-notes").glob("*.txt"))] * 3
    return [str(p) for p in sorted((ROOT.parent / "shared" / "corpus").rglob("*.txt"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", help="the src/ folder of the tree before the change")
    parser.add_argument("after", help="the src/ folder of the tree after the change")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--texts", choices=["corpus", "samples", "notes", "unique"], default="corpus")
    parser.add_argument("--path", choices=["analyze", "batch"], default="analyze",
                        help="time spinelens.analyze, or the batch engine's path (analyse + JSON line, one worker)")
    args = parser.parse_args()
    files = texts(args.texts)
    rates: dict[str, list[float]] = {"before": [], "after": []}
    for r in range(args.rounds):
        order = [("before", args.before), ("after", args.after)]
        for name, src in order if r % 2 == 0 else order[::-1]:
            done = subprocess.run([sys.executable, "-c", _CHILD, str(Path(src).resolve()), args.path, *files],
                                  capture_output=True, text=True, check=True)
            rates[name].append(float(done.stdout.strip()))
    before, after = statistics.median(rates["before"]), statistics.median(rates["after"])
    print(f"{len(files)} {args.texts} texts, {args.path}, {args.rounds} interleaved rounds (medians of reports/s)")
    print(f"  before {before:8.1f}   after {after:8.1f}   after/before {after / before:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
