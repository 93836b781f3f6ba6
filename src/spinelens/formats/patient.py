"""Plain words for the patient: what each finding is, how common at this age, what to do
(the sentences are in lexicons/explanations.json)."""

from __future__ import annotations

from ..levels import level_sort_key
from ..lexicon import card, load_table
from ..model import Finding, Result
from ._common import present_or_possible, stated_absent


def render_patient(result: Result) -> str:
    """Short sentences, everyday words: what each finding is, how common at this age, what to do."""
    ex = load_table("explanations")
    lines = [ex["text"]["intro"], "=" * len(ex["text"]["intro"]), ""]
    flagged = [f for f in result.findings if f.assessment and f.assessment.category == "red_flag"]
    if flagged:
        lines += ["Important: " + ex["categories"]["red_flag"], ""]
    shown = present_or_possible(result.findings)
    if not shown:
        lines.append("The report does not describe anything abnormal.")
    for f in sorted(shown, key=lambda f: (f.assessment is None or f.assessment.category != "red_flag",
                                          level_sort_key(f.level))):
        info = card(f.type).patient
        where = f" at {f.level}" if f.level else ""
        side = f" on the {f.side} side" if f.side in ("left", "right") else " on both sides" \
            if f.side == "bilateral" else ""
        lines.append(f"* {info['name'][0].upper() + info['name'][1:]}{where}{side}.")
        lines.append(f"  {info['what']}")
        if f.certainty == "possible":
            lines.append("  " + ex["certainty"]["possible"])
        a = f.assessment
        if a and a.category:
            lines.append("  " + ex["categories"][a.category])
            if a.asymptomatic_prevalence:
                p = a.asymptomatic_prevalence
                lines.append("  " + ex["text"]["prevalence"].format(percent=round(p.percent), age=f"{p.age:g}"))
        lines.append("")
    not_found = _not_found(result.findings, ex.get("not_found_unless", {}))
    if not_found:
        lines += [ex["text"]["not_found"].format(where=where, names=", ".join(names)) for where, names in not_found]
        lines.append("")
    lines.append(ex["text"]["disclaimer"])
    return "\n".join(lines) + "\n"


def _overlaps(a: Finding, b: Finding) -> bool:
    """Could a and b be about the same place? A missing level or side covers every one."""
    same_level = a.level is None or b.level is None or a.level == b.level
    return same_level and (a.side is None or b.side is None or a.side == b.side or "bilateral" in (a.side, b.side))


def _not_found(findings: list[Finding], unless: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """(where, patient names) of the findings stated absent, by place: 'no pinched nerve' at L5-S1 must
    not read as no pinched nerve at all beside one at L4-L5. One that a present or possible finding of
    its type (or of a type in ``unless``) at the same place contradicts is left out. Places with the
    same names are joined; findings with no level come first."""
    shown = present_or_possible(findings)
    places: dict[tuple[str | None, str | None], set[str]] = {}
    for f in stated_absent(findings):
        kinds = {f.type, *unless.get(f.type, [])}
        if not any(s.type in kinds and _overlaps(f, s) for s in shown):
            places.setdefault((f.level, f.side), set()).add(card(f.type).patient["name"])
    groups: dict[tuple[bool, tuple[str, ...], str | None], list[str]] = {}
    for (level, side), names in sorted(places.items(), key=lambda x: (x[0][0] is not None, level_sort_key(x[0][0]),
                                                                      x[0][1] or "")):
        groups.setdefault((level is None, tuple(sorted(names)), side), []).extend([level] if level else [])
    return [(_where(levels, side), list(names)) for (_, names, side), levels in groups.items()]


def _where(levels: list[str], side: str | None) -> str:
    """' at L1-L2, L2-L3 and L3-L4 on the right side'"""
    at = " at " + " and ".join(filter(None, (", ".join(levels[:-1]), levels[-1]))) if levels else ""
    if side in ("left", "right"):
        return f"{at} on the {side} side"
    return f"{at} on both sides" if side == "bilateral" else at


def render(result: Result, text: str) -> str:
    return render_patient(result)
