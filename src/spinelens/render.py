"""Readable text for a clinician: findings by level, red flags first."""

from __future__ import annotations

from .levels import level_sort_key
from .results import Finding, Result


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


def render_text(result: Result) -> str:
    lines: list[str] = []
    title = f"SpineLens: {result.id}" if result.id else "SpineLens"
    lines.append(title)
    lines.append("=" * len(title))
    if result.summary.red_flags:
        lines.append("RED FLAGS (need urgent clinical review):")
        lines.extend(f"  ! {flag}" for flag in result.summary.red_flags)
        lines.append("")
    if result.summary.headline:
        lines.append(result.summary.headline)
        lines.append("")
    shown = [f for f in result.findings if f.certainty != "absent"]
    if shown:
        header = f"{'Level':<9}{'Finding':<44}{'Side':<10}{'Severity':<16}{'Certainty':<10}Roots"
        lines.append(header)
        lines.append("-" * len(header))
        for f in sorted(shown, key=lambda f: level_sort_key(f.level)):
            lines.append(f"{f.level or '-':<9}{_name(f)[:43]:<44}{f.side or '-':<10}{f.severity or '-':<16}"
                         f"{f.certainty:<10}{_roots(f)}".rstrip())
            if f.assessment and f.assessment.category:
                lines.append(f"{'':<9}-> {f.assessment.category.replace('_', ' ')}: {'; '.join(f.assessment.reasons)}")
    elif not result.warnings:
        lines.append("No abnormal findings stated.")
    absent = [f for f in result.findings if f.certainty == "absent"]
    if absent:
        lines.append("")
        lines.append("Stated as absent: " + ", ".join(
            f.type.replace("_", " ") + (f" ({f.level})" if f.level else "") for f in absent))
    if result.warnings:
        lines.append("")
        lines.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(lines) + "\n"
