"""Cold start of `spinelens analyze` against spaCy's own cold start, paired, in one run.

    .venv/bin/python bench/coldstart.py [--repeats 9] [--sample FILE] [--baseline-src OTHER/src]

Each round starts, each in a new process and in an order that rotates from round to round (so
that machine load falls on all alike):
    spacy.blank      python -c "import spacy; spacy.blank('en')"
    analyze          python -m spinelens analyze FILE        (this tree's src/ first on the path)
    analyze (base)   the same with --baseline-src first on the path (e.g. a `git worktree add`
                     of the previous release), when given
and times its wall clock; peak memory (max RSS) comes from the child's own rusage. Prints the
median of each, and the ratio analyze / spacy.blank both as the ratio of the medians and as the
median of the per-round ratios (the paired figure). The issue's target: within 1.3x.

Bytecode: an installed package has its .pyc files (pip compiles them at install). Under
PYTHONDONTWRITEBYTECODE (set in some shells and CI) a source tree is compiled anew by every
process, which adds ~0.1-0.2 s to SpineLens' side only; so the children run with bytecode
writing on and every .pyc under a temporary PYTHONPYCACHEPREFIX (nothing written beside the
sources), filled by one untimed warm-up run of each command. --no-bytecode-cache keeps the
environment as it is.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "us-structured-l45-left-protrusion-radiculopathy.txt"


ENV = dict(os.environ)


def run_once(cmd: list[str], src: Path | None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one new process."""
    env = dict(ENV)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=9, help="rounds (at least 7 for a stable median)")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="the report to analyse")
    parser.add_argument("--baseline-src", type=Path, help="the src/ folder of another tree, timed alike")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="leave PYTHONDONTWRITEBYTECODE / PYTHONPYCACHEPREFIX as the environment has them")
    args = parser.parse_args()
    if not args.no_bytecode_cache:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="spinelens-coldstart-pyc-")
    py = sys.executable
    systems: dict[str, tuple[list[str], Path | None]] = {
        "spacy.blank": ([py, "-c", "import spacy; spacy.blank('en')"], None),
        "analyze": ([py, "-m", "spinelens", "analyze", str(args.sample)], ROOT / "src"),
    }
    if args.baseline_src:
        systems["analyze (base)"] = ([py, "-m", "spinelens", "analyze", str(args.sample)],
                                     args.baseline_src.resolve())
    for cmd, src in systems.values():  # warm the disk cache; not timed
        run_once(cmd, src)
    walls: dict[str, list[float]] = {name: [] for name in systems}
    rss: dict[str, list[float]] = {name: [] for name in systems}
    names = list(systems)
    for r in range(args.repeats):
        for name in names[r % len(names):] + names[:r % len(names)]:
            wall, mb = run_once(*systems[name])
            walls[name].append(wall)
            rss[name].append(mb)
    med = {name: statistics.median(v) for name, v in walls.items()}
    print(f"cold start, {args.repeats} rounds in rotating order, medians; sample {args.sample.name}; "
          f"bytecode {'as the environment has it' if args.no_bytecode_cache else 'cached (temporary prefix)'}")
    for name in names:
        print(f"  {name:<16}{med[name]:7.3f} s   max RSS {statistics.median(rss[name]):6.1f} MB")
    blank = walls["spacy.blank"]
    for name in names[1:]:
        paired = statistics.median(a / b for a, b in zip(walls[name], blank, strict=True))
        print(f"  {name} / spacy.blank: {med[name] / med['spacy.blank']:.2f} (ratio of medians), "
              f"{paired:.2f} (median of per-round ratios); target <= 1.30")
    if args.baseline_src:
        paired = statistics.median(a / b for a, b in zip(walls["analyze"], walls["analyze (base)"], strict=True))
        print(f"  analyze / analyze (base): {paired:.2f} (median of per-round ratios)")
    if not args.no_bytecode_cache:
        shutil.rmtree(ENV["PYTHONPYCACHEPREFIX"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
