"""Throughput of SpineLens against baselines, measured in one run.

    .venv/bin/python bench/throughput.py [--repeats 5] [--min-reports 2000]

Datasets: the shared corpus of real notes (read in place), the project's samples repeated
to at least --min-reports, and samples of about 1,600 characters (the issue's target size)
repeated likewise. Baselines on the same texts in the same process: spaCy's blank English
tokenizer alone, and medspaCy's default pipeline (medspacy.load(): PyRuSH sentences, target
matcher, ConText). Each number is the median of --repeats timed passes. Also: the wall time
of one cold `spinelens analyze` (a new process), median of 5.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus_texts() -> list[str]:
    paths = sorted((SHARED / "corpus").rglob("*.txt"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.name != "MANIFEST.md"]


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]


def repeat_to(texts: list[str], n: int) -> list[str]:
    return (texts * (n // max(len(texts), 1) + 1))[:n]


def rate(fn: Callable[[list[str]], None], texts: list[str], repeats: int) -> float:
    """Median reports per second over repeats passes."""
    fn(texts[:20])  # warm caches
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(texts)
        rates.append(len(texts) / (time.perf_counter() - t0))
    return statistics.median(rates)


def cold_start(repeats: int = 5) -> float:
    sample = ROOT / "samples" / "us-structured-l45-left-protrusion-radiculopathy.txt"
    exe = [sys.executable, "-m", "spinelens", "analyze", str(sample)]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(exe, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--min-reports", type=int, default=2000)
    args = parser.parse_args()

    import medspacy
    import spacy
    from loguru import logger

    import spinelens

    logger.disable("PyRuSH")  # fair baseline: no debug logging cost
    tokenizer = spacy.blank("en")
    medspacy_default = medspacy.load()
    spinelens.load()

    samples = sample_texts()
    near_1600 = [t for t in samples if 1200 <= len(t) <= 2200] or samples
    datasets = {}
    corpus = corpus_texts()
    if corpus:
        datasets["shared corpus"] = corpus
    datasets["samples"] = repeat_to(samples, args.min_reports)
    datasets["~1,600-char reports"] = repeat_to(near_1600, args.min_reports)

    systems = {
        "spaCy tokenizer": lambda texts: [tokenizer(t) for t in texts],
        "medspaCy default": lambda texts: [medspacy_default(t) for t in texts],
        "SpineLens analyze": lambda texts: [spinelens.analyze(t) for t in texts],
    }
    print(f"median of {args.repeats} passes; medspaCy default pipeline: {medspacy_default.pipe_names}")
    header = f"{'dataset':<22}{'reports':>8}{'chars':>7}" + "".join(f"{name:>20}" for name in systems)
    header += f"{'x tokenizer':>13}{'x medspaCy':>12}"
    print(header)
    print("-" * len(header))
    for name, texts in datasets.items():
        mean_chars = statistics.mean(len(t) for t in texts)
        rates = {s: rate(fn, texts, args.repeats if s != "medspaCy default" else max(1, args.repeats // 2))
                 for s, fn in systems.items()}
        ours = rates["SpineLens analyze"]
        print(f"{name:<22}{len(texts):>8}{mean_chars:>7.0f}"
              + "".join(f"{rates[s]:>16.0f} r/s" for s in systems)
              + f"{ours / rates['spaCy tokenizer']:>13.2f}{ours / rates['medspaCy default']:>12.1f}")
    print(f"\ncold start of one `spinelens analyze` (new process, median of 5): {cold_start():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
