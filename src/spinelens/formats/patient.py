"""Plain words for the patient: what each finding is, how common at this age, what to do
(the sentences are in lexicons/explanations.json)."""

from __future__ import annotations

from ..levels import level_sort_key
from ..lexicon import card, load_table
from ..model import Result
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
    absent = stated_absent(result.findings)
    if absent:
        names = sorted({card(f.type).patient["name"] for f in absent})
        lines += ["Checked and not found: " + ", ".join(names) + ".", ""]
    lines.append(ex["text"]["disclaimer"])
    return "\n".join(lines) + "\n"


def render(result: Result, text: str) -> str:
    return render_patient(result)
