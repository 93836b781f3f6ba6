"""Seeded fuzz inputs for spinelens.analyze: report fragments, clinical phrases, levels, negations,
odd Unicode, punctuation runs, long words and binary-looking text, mixed at random.

    .venv/bin/python -m tests.fuzz 10000        # the long run (prints counts, exit 1 on any failure)

tests/test_fuzz.py runs a shorter seeded slice in the suite.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator

FRAGMENTS = [
    "L4-5:", "L5-S1:", "T12-L1", "C5-C6", "L3/4", "L45", "D12", "S1", "at L4-L5", "L2 through S1", "L4 over L5",
    "disc bulge", "broad-based disc protrusion", "left paracentral extrusion", "severe central canal stenosis",
    "moderate bilateral foraminal narrowing", "facet arthropathy", "ligamentum flavum hypertrophy", "Modic type 1",
    "compressing the left L5 nerve root", "abutting the thecal sac", "no", "not", "without", "no evidence of",
    "possible", "cannot be excluded", "?", "consistent with", "metastasis", "discitis", "epidural abscess",
    "compression fracture", "cord compression", "crowding of the cauda equina", "hemangioma", "Tarlov cyst",
    "IMPRESSION:", "FINDINGS:", "HISTORY:", "CLINICAL INDICATION:", "Neural foramina:", "Facets:", "none", "mild",
    "moderate right, mild left", "; moderate on the left", ", left", "and", "or", "but", ".", ",", ";", ":", "///",
    "\n", "\n\n", "  ", "\t", "1.", "-", "(", ")", "[", "]", "denies saddle anaesthesia", "has urinary retention",
    "left foot drop", "family history of cancer", "afebrile", "bowel and bladder intact", "5/5 throughout",
    "pain radiating down the left leg to the big toe", "x 6 weeks", "52M", "F 45", "age 130", "age -3",
    "protruion", "dissicating", "thecal sca", "Lt", "Rt", "exit canal", "grade II anterolisthesis",
]
ODD = ["\u00a0", "\u200b", "\ufeff", "\u2013", "\u2014", "\u00e9", "\u4e2d", "\U0001f600", "\u0301", "\r", "\x0b",
       "\x0c", "\u2028", "\ud800", "\udfff", "\x00", "\x7f", "\\", "\"", "'", "`", "<script>", "%s", "{}", "$(", "&&"]


def inputs(n: int, seed: int = 13) -> Iterator[dict]:
    rng = random.Random(seed)
    for _ in range(n):
        kind = rng.random()
        if kind < 0.6:
            parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 40))]
            parts += [rng.choice(ODD) for _ in range(rng.randint(0, 3))]
            rng.shuffle(parts)
            text = " ".join(parts)
        elif kind < 0.75:
            text = rng.choice("([{.-/,;:?!*#=_") * rng.randint(1, 3000)
        elif kind < 0.85:
            text = "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 400)))
        elif kind < 0.95:
            text = (rng.choice(FRAGMENTS) + " ") * rng.randint(1, 600)
        else:
            text = "x" * rng.randint(0, 5000)
        yield {
            "text": text,
            "symptoms": " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 12))) if rng.random() < 0.5 else None,
            # mostly valid clinical values; now and then a bad one (refused as InputError)
            "age": rng.choice([None, 0, 17, 45.5, 130, "52"]) if rng.random() < 0.9 else
            rng.choice([131, -1, float("nan"), float("inf"), "old"]),
            "sex": rng.choice([None, "female", "male"]) if rng.random() < 0.95 else rng.choice(["F", ""]),
        }


def run(n: int, seed: int = 13) -> tuple[int, int, list[str]]:
    """(analysed, refused as bad input, unexpected failures)."""
    import spinelens
    from spinelens.errors import InputError

    ok = refused = 0
    failures: list[str] = []
    for i, case in enumerate(inputs(n, seed)):
        try:
            result = spinelens.analyze(case["text"], symptoms=case["symptoms"], age=case["age"], sex=case["sex"])
            json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
            ok += 1
        except InputError:
            refused += 1
        except Exception as exc:  # noqa: BLE001 — what the fuzz test is for
            failures.append(f"case {i} (seed {seed}): {type(exc).__name__}: {str(exc)[:120]}")
    return ok, refused, failures


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    done, bad, failed = run(count)
    print(f"{count} fuzzed inputs: {done} analysed, {bad} refused as bad input, {len(failed)} unexpected failures")
    for line in failed[:20]:
        print("  " + line)
    sys.exit(1 if failed else 0)
