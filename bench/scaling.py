"""Does analysis time grow linearly with the text? One run, medians of --repeats.

    .venv/bin/python bench/scaling.py [--repeats 3]

Realistic text (the samples joined, then repeated) at 1, 10, 50, 100 and 1,000 KB: time, time per KB
and the ratio of the largest to the smallest per-KB time of the texts read whole (flat = about 1;
the target is under 2). Texts past spinelens.analyze.MAX_TOKENS are cut with a warning (said in the
table): their time is bounded, not per KB. Then the
worst pathological inputs: one 50 KB sentence, 150 KB of "no no no", 10 KB of brackets, a 1 MB
word, 900 KB of punctuation runs. Baseline in the same run: spaCy's tokenizer alone on the same text.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

import spinelens

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeats: int) -> float:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return statistics.median(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")))
    blank = spacy.blank("en")
    spinelens.analyze(base[:2000])  # build the pipeline
    rows = []
    print(f"{'size':>8} {'analyze s':>10} {'ms/KB':>8} {'tokenizer ms/KB':>16}  note")
    for kb in (1, 10, 50, 100, 1000):
        text = (base * (kb * 1000 // len(base) + 1))[: kb * 1000 - 100]
        result = spinelens.analyze(text)
        cut = any("text cut" in w for w in result.warnings)
        t = timed(lambda text=text: spinelens.analyze(text), args.repeats)
        tok = timed(lambda text=text: blank.tokenizer(text), args.repeats)
        if not cut:
            rows.append(t / kb)  # per-KB time of text read whole; a cut text is read only up to the budget
        print(f"{kb:>6}KB {t:>10.2f} {t / kb * 1000:>8.2f} {tok / kb * 1000:>16.3f}  {'cut at the token budget' if cut else ''}")
    print(f"per-KB time of the texts read whole, largest / smallest: {max(rows) / min(rows):.2f}x "
          "(flat within 2x is the target)")
    print()
    cases = {
        "one 50 KB sentence": "disc bulge and mild stenosis " * 1750,
        "150 KB of 'no no no'": "no " * 50_000,
        "10 KB of brackets": "(" * 10_000,
        "1 MB word": "x" * 999_000,
        "900 KB of punctuation runs": ("((((((((((....////,,,,;;;;" * 36_000)[:900_000],
        "50 KB of levels": "L4-5 L5-S1 " * 4_600,
    }
    worst = 0.0
    for name, text in cases.items():
        t = timed(lambda text=text: spinelens.analyze(text), 1)
        worst = max(worst, t)
        print(f"{name:>28}: {t:6.2f} s")
    print(f"worst pathological input: {worst:.2f} s (target: under 5 s)")


if __name__ == "__main__":
    main()
