"""Batch throughput and memory, in one run:

    .venv/bin/python bench/batch.py [--reports 10000] [--long 100000]

Reports/s of the batch engine with 1 and 2 workers over --reports texts (the shared corpus
and the samples, repeated), against spaCy's tokenizer alone over the same texts; peak RSS of
each worker; worker RSS after 10k reports and after --long reports (flat = no leak).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from spinelens.batch import Task, run_outputs  # noqa: E402
from throughput import corpus_texts, sample_texts  # noqa: E402


def tasks(texts: list[str], n: int) -> Iterator[Task]:
    for i in range(n):
        yield Task(id=f"r{i}", source="bench", text=texts[i % len(texts)])


def worker_rss() -> list[float]:
    me = psutil.Process()
    return [c.memory_info().rss / 2**20 for c in me.children(recursive=True)]


def timed(texts: list[str], n: int, workers: int, checkpoints: tuple[int, ...] = ()) -> tuple[float, dict[int, list]]:
    rss: dict[int, list] = {}
    peak: list[float] = []
    t0 = time.perf_counter()
    for k, _ in enumerate(run_outputs(tasks(texts, n), workers), 1):
        if k % 1000 == 0:
            now = worker_rss() if workers > 1 else [psutil.Process().memory_info().rss / 2**20]
            peak = [max(a, b) for a, b in zip(peak, now, strict=False)] if len(peak) == len(now) else now
            if k in checkpoints:
                rss[k] = now
    rss["peak"] = peak
    return n / (time.perf_counter() - t0), rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--long", type=int, default=100_000, help="reports for the memory run (0: skip)")
    args = parser.parse_args()
    import spacy

    texts = corpus_texts() + sample_texts()
    chars = sum(len(t) for t in texts) / len(texts)
    tok = spacy.blank("en")
    t0 = time.perf_counter()
    for i in range(args.reports):
        tok(texts[i % len(texts)])
    tok_rate = args.reports / (time.perf_counter() - t0)
    one, rss1 = timed(texts, args.reports, 1)
    two, rss2 = timed(texts, args.reports, 2)
    print(f"{args.reports} reports, mean {chars:.0f} chars (shared corpus + samples, repeated)")
    print(f"spaCy tokenizer alone : {tok_rate:8.0f} reports/s")
    print(f"batch, 1 worker       : {one:8.0f} reports/s   ({one / tok_rate:.2f}x tokenizer)")
    print(f"batch, 2 workers      : {two:8.0f} reports/s   ({two / one:.2f}x one worker)")
    print(f"peak RSS: 1 worker (in process) {max(rss1['peak']):.0f} MB; 2 workers "
          f"{', '.join(f'{r:.0f}' for r in rss2['peak'])} MB")
    if args.long:
        _, rss = timed(texts, args.long, 2, checkpoints=(10_000, args.long))
        print(f"worker RSS after 10,000 reports: {', '.join(f'{r:.0f}' for r in rss[10_000])} MB; after "
              f"{args.long:,}: {', '.join(f'{r:.0f}' for r in rss[args.long])} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
