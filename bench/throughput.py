"""Throughput of SpineLens against baselines, measured in one run over the same texts.

    .venv/bin/python bench/throughput.py [--repeats 5] [--min-reports 2000] [--baseline-ref REF]

Datasets: the shared corpus of real notes (read in place), the project's samples repeated to at
least --min-reports, and samples of about 1,600 characters (the issue's target size) repeated
likewise. Systems, in this process, timed in interleaved passes (each pass runs every system
once, in an order that rotates from pass to pass, so that machine load falls on all alike):

    spaCy tokenizer          spacy.blank('en').tokenizer, stock
    tokenizer, cache fix     the same less its special cases for ' ', '\\t' and '\\n' (plain tokens):
                             with them, spaCy stops caching words after the first line break
                             (explosion/spaCy#13950), so this is what the stock one would do fixed
    medspaCy default         medspacy.load(): its tokenizer, PyRuSH sentences, target matcher
                             (no rules given) and ConText with its default rules
    SpineLens nlp            the SpineLens spaCy pipeline only: spinelens.load()(text)
    SpineLens analyze        spinelens.analyze(text): pipeline, extraction, correlation, summary

Each figure is the median reports/s of --repeats passes (medspaCy, ~10x slower: half as many);
'vs analyze' is a system's rate over analyze's. With --baseline-ref REF (a git ref, e.g. the
previous release), REF is checked out with `git worktree add` to a temporary folder (removed at
the end) and, per dataset, its analyze and this tree's run in fresh processes (the child of
bench/ab_throughput.py: each tree's src/ first on sys.path) over the same files, alternating,
--repeats rounds; the paired figure is the median of the per-round ratios this tree / REF.
Cold start: bench/coldstart.py.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ab_throughput import _CHILD

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus_paths() -> list[Path]:
    return [p for p in sorted((SHARED / "corpus").rglob("*.txt")) if p.name != "MANIFEST.md"]


def sample_paths() -> list[Path]:
    return sorted((ROOT / "samples").glob("*.txt"))


def repeat_to(items: list, n: int) -> list:
    return (items * (n // max(len(items), 1) + 1))[:n]


def read(paths: list[Path]) -> list[str]:
    cache: dict[Path, str] = {}
    return [cache.setdefault(p, p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def interleaved(systems: dict[str, Callable[[str], object]], texts: list[str], repeats: int,
                fewer: dict[str, int]) -> dict[str, float]:
    """Median reports/s of each system over `repeats` passes (a system named in `fewer`: only that
    many, the first ones), the systems in rotating order."""
    for fn in systems.values():  # warm caches (the tokenizer's, the spelling stage's ...)
        for t in texts[:20]:
            fn(t)
    names = list(systems)
    rates: dict[str, list[float]] = {n: [] for n in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[:r % len(names)]:
            if r >= fewer.get(name, repeats):
                continue
            fn = systems[name]
            t0 = time.perf_counter()
            for t in texts:
                fn(t)
            rates[name].append(len(texts) / (time.perf_counter() - t0))
    return {n: statistics.median(v) for n, v in rates.items()}


@contextmanager
def checkout(ref: str):
    """A temporary `git worktree` of ref; yields its src/ folder."""
    folder = Path(tempfile.mkdtemp(prefix="spinelens-baseline-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(folder), ref],
                   check=True, capture_output=True, text=True)
    try:
        yield folder / "src"
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                       check=False, capture_output=True)


def child_rate(src: Path, paths: list[Path]) -> float:
    """analyze's reports/s in a fresh process with src first on sys.path (warm-up excluded)."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(src.resolve()), "-", *map(str, paths)],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def paired_against(base_src: Path, paths: list[Path], repeats: int) -> tuple[float, float, float]:
    """(this tree's median r/s, base's median r/s, median of per-round ratios this / base)."""
    ours, base = [], []
    for r in range(repeats):
        order = [(ours, ROOT / "src"), (base, base_src)]
        for sink, src in order if r % 2 == 0 else order[::-1]:
            sink.append(child_rate(src, paths))
    ratio = statistics.median(a / b for a, b in zip(ours, base, strict=True))
    return statistics.median(ours), statistics.median(base), ratio


def tokenizers():
    """spaCy's stock English tokenizer, and the same without the special cases for ' ', '\\t' and '\\n'
    (as nlp/tokenizer.py drops them; '\\xa0' stays, its special case sets a NORM)."""
    import spacy
    from spacy.tokenizer import Tokenizer

    blank = spacy.blank("en")
    stock, d = blank.tokenizer, blank.Defaults
    fixed = Tokenizer(stock.vocab, rules={k: v for k, v in d.tokenizer_exceptions.items() if k not in (" ", "\t", "\n")},
                      prefix_search=stock.prefix_search, suffix_search=stock.suffix_search,
                      infix_finditer=stock.infix_finditer, token_match=stock.token_match, url_match=stock.url_match)
    return stock, fixed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--min-reports", type=int, default=2000)
    parser.add_argument("--baseline-ref", help="a git ref whose analyze to compare with, paired (e.g. the last release)")
    args = parser.parse_args()

    import spinelens  # first: medspaCy then loads as SpineLens loads it

    nlp = spinelens.load()
    import medspacy
    from loguru import logger

    logger.disable("PyRuSH")  # fair baseline: no debug logging cost
    medspacy_default = medspacy.load()
    stock, fixed = tokenizers()

    samples = sample_paths()
    near_1600 = [p for p, t in zip(samples, read(samples), strict=True) if 1200 <= len(t) <= 2200] or samples
    datasets: dict[str, list[Path]] = {}
    corpus = corpus_paths()
    if corpus:
        datasets["shared corpus"] = corpus
    datasets["samples"] = repeat_to(samples, args.min_reports)
    datasets["~1,600-char reports"] = repeat_to(near_1600, args.min_reports)

    systems: dict[str, Callable[[str], object]] = {
        "spaCy tokenizer": stock,
        "tokenizer, cache fix": fixed,
        "medspaCy default": medspacy_default,
        "SpineLens nlp": nlp,
        "SpineLens analyze": spinelens.analyze,
    }
    print(f"median reports/s of {args.repeats} interleaved passes; medspaCy default: {medspacy_default.pipe_names}")
    for name, paths in datasets.items():
        texts = read(paths)
        rates = interleaved(systems, texts, args.repeats, {"medspaCy default": max(1, args.repeats // 2)})
        ours = rates["SpineLens analyze"]
        print(f"\n{name}: {len(texts)} reports, {statistics.mean(len(t) for t in texts):,.0f} chars on average")
        print(f"  {'system':<24}{'reports/s':>11}{'vs analyze':>12}")
        for s, v in rates.items():
            print(f"  {s:<24}{v:>11.1f}{v / ours:>11.2f}x")
        print(f"  tokenizer cache fix / stock: {rates['tokenizer, cache fix'] / rates['spaCy tokenizer']:.2f}x; "
              f"analyze / medspaCy default: {ours / rates['medspaCy default']:.2f}x; "
              f"analyze spends {ours / rates['SpineLens nlp']:.0%} of its time "
              "in the pipeline")
    if args.baseline_ref:
        print(f"\nanalyze against {args.baseline_ref}, fresh processes, {args.repeats} alternating rounds (medians):")
        with checkout(args.baseline_ref) as base_src:
            for name, paths in datasets.items():
                ours, base, ratio = paired_against(base_src, paths, args.repeats)
                print(f"  {name:<22} this tree {ours:8.1f} r/s   {args.baseline_ref} {base:8.1f} r/s   "
                      f"this / {args.baseline_ref}: {ratio:.2f} (paired)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
