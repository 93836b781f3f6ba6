"""Readable text for a clinician: findings by level, red flags first."""

from __future__ import annotations

from ..model import CATEGORIES, Finding, Result
from ._common import by_level, present_or_possible, stated_absent


def _name(f: Finding) -> str:
    name = f.type.replace("_", " ")
    extras = []
    if f.zone:
        extras.append(f.zone)
    if f.modic_type:
        extras.append(f"type {f.modic_type}")
    if f.grade:
        extras.append(f"grade {f.grade}")
    if f.direction == "retro":
        extras.append("retrolisthesis")
    if f.size_mm:
        extras.append(f"{f.size_mm:g} mm")
    if f.acuity:
        extras.append(f.acuity)
    if f.pathologic:
        extras.append("pathologic")
    if f.detail and f.type == "extraspinal_finding":
        extras.append(f.detail)
    return name + (f" ({', '.join(extras)})" if extras else "")


def _roots(f: Finding) -> str:
    parts = []
    for r in f.nerve_roots:
        bits = [b for b in (r.side, r.root, r.relation) if b]
        parts.append(" ".join(bits))
    return "; ".join(parts)


CATEGORY_TITLE = {
    "red_flag": "RED FLAGS: need urgent clinical review",
    "concordant": "Concordant with the symptoms",
    "possibly_concordant": "Possibly concordant",
    "discordant": "Discordant: do not match the symptoms",
    "likely_incidental": "Likely incidental: common in people without back pain",
    "indeterminate": "Indeterminate",
}


def _row(f: Finding) -> str:
    return (f"{f.level or '-':<9}{_name(f)[:43]:<44}{f.side or '-':<10}{f.severity or '-':<16}"
            f"{f.certainty:<10}{_roots(f)}").rstrip()


def _absent(f: Finding) -> str:
    """'foraminal stenosis (L4-L5, right)': the side too, or it reads as denying the other side's finding."""
    where = ", ".join(x for x in (f.level, f.side) if x)
    return f.type.replace("_", " ") + (f" ({where})" if where else "")


def _clinical(result: Result) -> list[str]:
    c = result.clinical
    bits = []
    if c.age is not None:
        bits.append(f"age {c.age:g}")
    if c.sex:
        bits.append(c.sex)
    if c.duration_weeks is not None:
        bits.append(f"{c.duration_weeks:g} weeks")
    if c.course:
        bits.append(c.course)
    present = [s for s in c.symptoms if s.certainty != "absent"]
    absent = [s for s in c.symptoms if s.certainty == "absent"]
    if present:
        bits.append("symptoms: " + ", ".join(
            (f"{s.side} " if s.side else "") + s.type.replace("_", " ") + (f" ({'/'.join(s.roots)})" if s.roots else "")
            for s in present))
    if absent:
        bits.append("denied: " + ", ".join(s.type.replace("_", " ") for s in absent))
    return [f"Clinical: {'; '.join(bits)}"] if bits else ["Clinical: no symptoms given (use --symptoms to correlate)"]


def render_text(result: Result) -> str:
    lines: list[str] = []
    title = f"SpineLens: {result.id}" if result.id else "SpineLens"
    lines += [title, "=" * len(title)]
    if result.summary.headline:
        lines += [result.summary.headline, ""]
    lines += _clinical(result) + [""]
    shown = present_or_possible(result.findings)
    header = f"{'Level':<9}{'Finding':<44}{'Side':<10}{'Severity':<16}{'Certainty':<10}Roots"
    for category in CATEGORIES:
        group = by_level(f for f in shown if f.assessment and f.assessment.category == category)
        if not group:
            continue
        lines += [CATEGORY_TITLE[category].upper() if category == "red_flag" else CATEGORY_TITLE[category],
                  header, "-" * len(header)]
        for f in group:
            lines.append(_row(f))
            reasons = [r for r in f.assessment.reasons if not r.startswith("No symptoms given")]
            if reasons:
                lines.append(f"{'':<9}{' '.join(reasons)}")
        lines.append("")
    if not shown and not result.warnings:
        lines.append("No abnormal findings stated.")
    absent = stated_absent(result.findings)
    if absent:
        lines.append("Stated as absent: " + ", ".join(map(_absent, absent)))
    if result.warnings:
        lines.append("")
        lines.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(lines).rstrip() + "\n"


def render(result: Result, text: str) -> str:
    return render_text(result)
