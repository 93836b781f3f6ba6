"""Worker memory over many unique reports, stock pipeline against the bounded vocabulary, in one run:

    .venv/bin/python bench/memory.py [--reports 200000] [--checkpoints 10000,50000,100000,200000]

Real exports are unique text: every report has its own accession number, MRN, dates, names and
measurements, and spaCy keeps every new token string (StringStore) and lexeme (Vocab) for the life
of the pipeline. The reports here are the project's samples with such values made up per report
(seeded; every report unique). Each mode runs in a fresh process, one after the other, down the
path a batch worker takes (``batch.run_outputs`` with one worker: ``records.analyse_task`` and the
rendering of a JSON line): "stock" never renews the pipeline, "bounded" renews it (the batch
engines' default: ``records.RENEW_AFTER`` new strings). RSS is read at each checkpoint; the ratio
is RSS at the last checkpoint over RSS at the first (target: at most 1.10 with the bound).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GIVEN = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
         "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Priya", "Wei",
         "Mohammed", "Fatima", "Carlos", "Ana", "Olga", "Kenji", "Aisha", "Dmitri", "Ngozi", "Siobhan"]
ONSET = ["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "r", "s", "sh",
         "st", "t", "v", "w", "z"]
NUCLEUS = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "ie", "y"]
CODA = ["", "", "n", "r", "s", "l", "m", "t", "ck", "rd", "nd", "ski", "son", "man", "ez", "ov", "berg", "ton"]
SITES = ["Riverside Imaging", "St. Mary's Hospital", "Northgate MRI", "City General", "Lakeview Radiology"]


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(ONSET) + rng.choice(NUCLEUS) for _ in range(rng.randint(1, 3))).capitalize() \
        + rng.choice(CODA)


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(1935, 2025)}"


def _vary(text: str, rng: random.Random) -> str:
    """The template's own values redrawn: dates, ages, sizes in mm and cm, durations."""
    text = re.sub(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", lambda m: _date(rng), text)
    text = re.sub(r"\b\d{2}(?=[- ]year[- ]old)", lambda m: str(rng.randint(18, 95)), text)
    text = re.sub(r"\b\d+(?:\.\d+)?(?= ?mm\b)", lambda m: f"{rng.randint(2, 14)}.{rng.randint(0, 9)}", text)
    text = re.sub(r"\b\d+(?:\.\d+)?(?= ?cm\b)", lambda m: f"{rng.randint(1, 9)}.{rng.randint(0, 9)}", text)
    return re.sub(r"\b\d+(?= (?:weeks|months|days|years)\b)", lambda m: str(rng.randint(2, 30)), text)


def unique_reports(n: int, seed: int = 1) -> Iterator[str]:
    """n lumbar MRI reports, each unique: a sample (samples/*.txt) with a header and a signature of
    made-up ids, dates, times and names, and its own dates, ages and sizes redrawn."""
    rng = random.Random(seed)
    templates = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    for i in range(n):
        patient, doctor, reader = _surname(rng), _surname(rng), _surname(rng)
        exam = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(2008, 2025)}"
        header = (f"{rng.choice(SITES)}  Accession: {rng.choice('ABCDEFGHJK')}{rng.randint(10**7, 10**8 - 1)}-{i}\n"
                  f"Patient: {patient.upper()}, {rng.choice(GIVEN).upper()}   MRN: {rng.randint(10**6, 10**9)}   "
                  f"DOB: {_date(rng)}\n"
                  f"Exam date: {exam} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}   "
                  f"Referring: Dr. {rng.choice(GIVEN)[0]}. {doctor}   Order #{rng.randint(10**5, 10**7)}\n\n")
        footer = (f"\n\nElectronically signed by {rng.choice(GIVEN)} {reader}, MD on {exam} at "
                  f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}. Dictated {exam}; transcribed by "
                  f"{rng.choice(GIVEN)[0].lower()}{_surname(rng).lower()}{rng.randint(1, 999)}.\n")
        yield header + _vary(templates[i % len(templates)], rng) + footer


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def measure(mode: str, reports: int, checkpoints: list[int]) -> dict:
    """In this process: analyse the reports down the batch worker's path, RSS at each checkpoint."""
    from spinelens.analyze import load
    from spinelens.batch import Task, records, run_outputs

    if mode == "stock":
        records.RENEW_AFTER = 0
    load()
    rows = []
    t0 = time.perf_counter()
    tasks = (Task(id=f"r{i}", source="bench", text=t) for i, t in enumerate(unique_reports(reports)))
    for k, _ in enumerate(run_outputs(tasks, workers=1), 1):
        if k in checkpoints:
            rows.append({"reports": k, "rss": rss_mb(), "strings": len(load().vocab.strings),
                         "lexemes": len(load().vocab), "seconds": time.perf_counter() - t0})
            print(json.dumps({"mode": mode, **rows[-1]}), flush=True)  # progress, for a long run's log
    return {"mode": mode, "rows": rows, "renewals": records.renewals}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--checkpoints", default="10000,50000,100000,200000")
    parser.add_argument("--modes", default="stock,bounded")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    checkpoints = sorted(c for c in map(int, args.checkpoints.split(",")) if c <= args.reports)
    if args.reports not in checkpoints:
        checkpoints.append(args.reports)
    if args.child:
        print(json.dumps(measure(args.child, args.reports, checkpoints)))
        return 0

    sample = list(unique_reports(1000))
    print(f"{args.reports:,} unique reports (1,000 drawn: {len(set(sample))} distinct, mean "
          f"{sum(map(len, sample)) / len(sample):.0f} chars), one fresh process per mode, one at a time")
    results = {}
    for mode in args.modes.split(","):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
        with subprocess.Popen([sys.executable, __file__, "--reports", str(args.reports), "--checkpoints",
                               ",".join(map(str, checkpoints)), "--child", mode],
                              stdout=subprocess.PIPE, text=True, env=env) as child:
            for line in child.stdout:  # each checkpoint as it comes: a long run shows its progress
                if '"renewals"' not in line:
                    row = json.loads(line)
                    print(f"  {mode}: {row['reports']:>9,} reports {row['rss']:6.0f} MB {row['strings']:>9,} strings "
                          f"{row['reports'] / row['seconds']:5.0f} reports/s", flush=True)
                last = line
        if child.returncode:
            raise SystemExit(f"{mode}: the measuring process failed ({child.returncode})")
        results[mode] = json.loads(last)
    header = f"{'reports':>9}" + "".join(f"{m + ' RSS':>14}{m + ' strings':>18}" for m in results)
    print(header)
    print("-" * len(header))
    for i, k in enumerate(checkpoints):
        line = f"{k:>9,}"
        for res in results.values():
            row = res["rows"][i]
            line += f"{row['rss']:>11.0f} MB{row['strings']:>18,}"
        print(line)
    for mode, res in results.items():
        first, last = res["rows"][0], res["rows"][-1]
        growth = (last["rss"] - first["rss"]) * 1024 / max(last["reports"] - first["reports"], 1)
        print(f"{mode:>8}: RSS x{last['rss'] / first['rss']:.2f} from {first['reports']:,} to {last['reports']:,} "
              f"reports ({growth:+.2f} KB per report), {last['reports'] / last['seconds']:.0f} reports/s, "
              f"{res['renewals']} pipeline renewals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
