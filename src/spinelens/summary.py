"""A one-line headline, red flags and counts for a result (plain Python)."""

from __future__ import annotations

from collections import Counter

from .model import CATEGORIES, Result, Summary, describe

ORDER = list(CATEGORIES)


def summarise(result: Result) -> Summary:
    assessed = [f for f in result.findings if f.assessment is not None]
    counts: Counter[str] = Counter(f.certainty for f in result.findings)
    counts.update(f.assessment.category for f in assessed)
    flags = [f.assessment.reasons[0] if f.assessment.reasons else describe(f)  # reasons name the finding
             for f in assessed if f.assessment.category == "red_flag"]
    flags += [f"Clinical red flag: {s.type.replace('_', ' ')}" for s in result.clinical.symptoms
              if s.certainty != "absent" and s.type in ("cauda_equina_symptoms", "progressive_deficit")]
    if not result.findings:
        headline = "No findings stated." if not result.warnings else "No findings: " + result.warnings[0]
        return Summary(headline=headline, red_flags=flags, counts=dict(counts))
    by = {c: [f for f in assessed if f.assessment.category == c] for c in ORDER}
    parts: list[str] = []
    if by["red_flag"]:
        parts.append("RED FLAG: " + "; ".join(describe(f) for f in by["red_flag"][:2]) + " needs urgent review")
    for f in by["concordant"][:2]:
        parts.append(f"{describe(f)} is concordant with the symptoms")
    if not by["concordant"] and by["possibly_concordant"]:
        parts.append(f"{describe(by['possibly_concordant'][0])} is possibly concordant with the symptoms")
    if by["discordant"]:
        n = len(by["discordant"])
        parts.append(f"{n} finding does not match the symptoms" if n == 1 else f"{n} findings do not match the symptoms")
    if by["likely_incidental"]:
        n = len(by["likely_incidental"])
        age = result.clinical.age
        who = f"people of {age:g}" if age is not None else "people"
        parts.append(f"{n} {'other ' if parts else ''}finding{'s are' if n > 1 else ' is'} common in {who} "
                     "without back pain")
    if by["indeterminate"] and not any(by[c] for c in ORDER[:5]):
        shown = sum(1 for f in result.findings if f.certainty != "absent")
        levels = sorted({f.level for f in result.findings if f.level and f.certainty != "absent"})
        parts.append(f"{shown} finding{'s' if shown != 1 else ''}{' at ' + ', '.join(levels) if levels else ''}; "
                     "no symptoms given to correlate with")
    if not parts:
        parts.append(f"{counts.get('absent', 0)} findings stated as absent; nothing abnormal reported")
    headline = "; ".join(parts) + "."
    return Summary(headline=headline[0].upper() + headline[1:], red_flags=flags, counts=dict(counts))
