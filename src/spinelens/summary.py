"""A one-line headline and counts for a result (plain Python)."""

from __future__ import annotations

from collections import Counter

from .lexicon import load_table
from .results import Result, Summary


def label(ftype: str) -> str:
    return ftype.replace("_", " ")


def summarise(result: Result) -> Summary:
    red = set(load_table("attributes")["red_flag_types"])
    counts = Counter(f.certainty for f in result.findings)
    flags = [
        f"{label(f.type)}{' at ' + f.level if f.level else ''} ({f.certainty})"
        for f in result.findings
        if f.type in red and f.certainty != "absent"
        and not (f.type == "fracture" and f.acuity == "chronic" and not f.pathologic)
    ]
    present = [f for f in result.findings if f.certainty == "present"]
    if not result.findings:
        headline = "No findings stated." if not result.warnings else "No findings: " + result.warnings[0]
    else:
        levels = sorted({f.level for f in present if f.level})
        headline = f"{len(present)} present, {counts.get('possible', 0)} possible, {counts.get('absent', 0)} absent findings"
        if levels:
            headline += f" at {', '.join(levels)}"
        headline += "."
        if flags:
            headline = f"RED FLAG: {flags[0]}. " + headline
    return Summary(headline=headline, red_flags=flags, counts=dict(counts))
