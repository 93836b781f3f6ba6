"""Batch throughput and memory, in one run:

    .venv/bin/python bench/batch.py [--reports 10000] [--long 100000]

Reports/s of the batch engine with 1 and 2 workers over --reports unique reports (the samples
with made-up ids, dates, names and sizes: bench/memory.py's ``unique_reports``; the same texts
for both runs), against spaCy's tokenizer alone over the same texts; the 2-worker ratio against
the target of 1.9x one worker, with the machine's load average (other jobs share its cores) and the
CPU time per report of each run (workers and parent: what contention does not change); peak
RSS of each worker; worker RSS after 10k unique reports and after --long (flat = no leak: unique
text is what makes spaCy's vocabulary grow, which the batch engine bounds).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from memory import unique_reports  # noqa: E402
from spinelens.batch import Task, run_outputs  # noqa: E402


def tasks(n: int, seed: int = 1) -> Iterator[Task]:
    for i, text in enumerate(unique_reports(n, seed)):
        yield Task(id=f"r{i}", source="bench", text=text)


def worker_rss() -> list[float]:
    me = psutil.Process()
    return [c.memory_info().rss / 2**20 for c in me.children(recursive=True)]


def timed(n: int, workers: int, checkpoints: tuple[int, ...] = (), seed: int = 1) -> tuple[float, dict[int, list]]:
    rss: dict[int, list] = {}
    peak: list[float] = []
    t0, cpu0 = time.perf_counter(), os.times()
    for k, _ in enumerate(run_outputs(tasks(n, seed), workers), 1):
        if k % 1000 == 0:
            now = worker_rss() if workers > 1 else [psutil.Process().memory_info().rss / 2**20]
            peak = [max(a, b) for a, b in zip(peak, now, strict=False)] if len(peak) == len(now) else now
            if k in checkpoints:
                rss[k] = now
    rss["peak"] = peak
    cpu1 = os.times()  # the pool's workers have been joined: their CPU time is in children_*
    rss["cpu ms"] = (sum(cpu1[:4]) - sum(cpu0[:4])) * 1000 / n
    return n / (time.perf_counter() - t0), rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--long", type=int, default=100_000, help="reports for the memory run (0: skip)")
    args = parser.parse_args()
    import spacy

    texts = list(unique_reports(args.reports))
    chars = sum(len(t) for t in texts) / len(texts)
    tok = spacy.blank("en")
    t0 = time.perf_counter()
    for text in texts:
        tok(text)
    tok_rate = args.reports / (time.perf_counter() - t0)
    del texts, tok
    load_before = os.getloadavg()[0]
    one, rss1 = timed(args.reports, 1)
    two, rss2 = timed(args.reports, 2)
    load_after = os.getloadavg()[0]
    print(f"{args.reports:,} unique reports, mean {chars:.0f} chars (samples with made-up ids, dates, names)")
    print(f"spaCy tokenizer alone : {tok_rate:8.0f} reports/s")
    print(f"batch, 1 worker       : {one:8.0f} reports/s   ({one / tok_rate:.2f}x tokenizer)")
    print(f"batch, 2 workers      : {two:8.0f} reports/s   ({two / one:.2f}x one worker; target 1.90x: "
          f"{'met' if two / one >= 1.9 else 'NOT met'})")
    print(f"CPU per report (workers and parent): 1 worker {rss1['cpu ms']:.1f} ms, 2 workers {rss2['cpu ms']:.1f} ms "
          f"(equal: the 2-worker path adds no work, so 2 free CPUs give ~2x; the wall ratio above is what the "
          "machine's other jobs left)")
    print(f"load average (1 min) {load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} CPUs "
          "(this bench's own workers count too)")
    print(f"peak RSS: 1 worker (in process) {max(rss1['peak']):.0f} MB; 2 workers "
          f"{', '.join(f'{r:.0f}' for r in rss2['peak'])} MB")
    if args.long:
        _, rss = timed(args.long, 2, checkpoints=(10_000, args.long), seed=2)
        print(f"worker RSS after 10,000 unique reports: {', '.join(f'{r:.0f}' for r in rss[10_000])} MB; after "
              f"{args.long:,}: {', '.join(f'{r:.0f}' for r in rss[args.long])} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
