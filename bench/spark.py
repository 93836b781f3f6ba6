"""Spark local[2] against the single-machine batch with 2 workers, in one run:

    .venv/bin/python bench/spark.py [--reports 10000] [--repeats 3] [--texts all|samples]

The same --reports texts (the shared corpus and the samples, repeated) in one CSV export with an id
column, analysed end to end into Parquet by `spinelens batch --workers 2` and by
`spinelens batch --engine spark` on local[2];
spaCy's tokenizer alone over the same texts is the floor. Medians of --repeats runs, alternating
engines, after one cold run of each (one command: Spark's start-up included); the two outputs are
checked to hold the same rows.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from spinelens import batch  # noqa: E402
from spinelens.batch import spark  # noqa: E402
from throughput import corpus_texts, repeat_to, sample_texts  # noqa: E402


def rows(path: Path) -> list[tuple]:
    """The output rows without source (Spark's source has no row number) for the equality check."""
    table = pq.read_table(path).drop(["source"])
    return sorted(tuple(map(str, r.values())) for r in table.to_pylist())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--texts", choices=["all", "samples"], default="all",
                        help="all: the shared corpus and the samples (short real notes and full reports); samples: "
                             "the samples only (full reports, ~1,465 chars)")
    args = parser.parse_args()
    import spacy

    texts = repeat_to((corpus_texts() if args.texts == "all" else []) + sample_texts(), args.reports)
    tmp = Path(tempfile.mkdtemp(prefix="spinelens-bench-"))
    export = tmp / "export.csv"
    with open(export, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["accession", "report"])
        w.writerows((f"A{i}", t) for i, t in enumerate(texts))
    opts = batch.Options(text_column="report", id_column="accession")

    tok = spacy.blank("en")
    t0 = time.perf_counter()
    for t in texts:
        tok(t)
    tok_rate = len(texts) / (time.perf_counter() - t0)

    def local_run() -> float:
        t0 = time.perf_counter()
        batch.run([str(export)], tmp / "local.parquet", "parquet", 2, False, opts, False)
        return len(texts) / (time.perf_counter() - t0)

    def spark_run() -> float:
        t0 = time.perf_counter()
        spark.run([str(export)], str(tmp / "spark.parquet"), "parquet", opts, master="local[2]")
        return len(texts) / (time.perf_counter() - t0)

    # cold: what one `spinelens batch` command costs, Spark's start-up (JVM, Python workers, pipeline) included
    local_cold, spark_cold = local_run(), spark_run()
    local_rates, spark_rates = [], []
    for k in range(args.repeats):  # warm: later jobs of the same session, as on a cluster or in a notebook
        local_rates.append(local_run())
        spark_rates.append(spark_run())
        print(f"warm run {k + 1}: batch --workers 2 {local_rates[-1]:.0f} reports/s, spark local[2] "
              f"{spark_rates[-1]:.0f} reports/s", file=sys.stderr)
    same = rows(tmp / "local.parquet") == rows(tmp / "spark.parquet")
    local, dist = statistics.median(local_rates), statistics.median(spark_rates)
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts):,} reports, mean {chars:.0f} chars, one CSV export -> Parquet")
    print(f"spaCy tokenizer alone          : {tok_rate:7.0f} reports/s")
    print("cold, one command each (start-up included)")
    print(f"  batch --workers 2            : {local_cold:7.0f} reports/s")
    print(f"  spark local[2]               : {spark_cold:7.0f} reports/s   ({spark_cold / local_cold:.2f}x batch)")
    print(f"warm, medians of {args.repeats} (the session running)")
    print(f"  batch --workers 2            : {local:7.0f} reports/s   ({local / tok_rate:.2f}x tokenizer)")
    print(f"  spark local[2]               : {dist:7.0f} reports/s   ({dist / local:.2f}x batch; target >= 0.7x)")
    print(f"same output rows               : {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
