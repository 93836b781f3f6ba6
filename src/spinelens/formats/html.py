"""The HTML file to share: the web page's rendering of one result in one page."""

from __future__ import annotations

import html
from importlib import resources

from ..model import CATEGORIES, Finding, Result
from ._common import by_level, present_or_possible, stated_absent

COLUMNS = ("Level", "Finding", "Side", "Severity", "Certainty", "Category", "Why")


def _css() -> str:
    return resources.files("spinelens").joinpath("web", "style.css").read_text(encoding="utf-8")


def _category(f: Finding) -> str:
    if f.certainty == "absent":
        return "absent"
    return f.assessment.category if f.assessment and f.assessment.category else "indeterminate"


def render_html(result: Result, text: str) -> str:
    """A self-contained page (no script, no external file) with the web page's rendering."""
    e = html.escape
    marks = sorted(((m.start, m.end, f) for f in result.findings for m in f.mentions),
                   key=lambda x: (x[0], -(x[1] - x[0])))
    parts, pos = [], 0
    for start, end, f in marks:
        if start < pos:
            continue
        parts.append(e(text[pos:start]))
        cat = _category(f)
        tip = " · ".join(x for x in (f.type.replace("_", " "), f.level or "level not stated", f.side, f.severity,
                                     f.certainty, CATEGORIES.get(cat)) if x)
        reason = " ".join(f.assessment.reasons) if f.assessment else ""
        parts.append(f'<mark class="cat-{cat}" tabindex="0" aria-label="{e(tip + (". " + reason if reason else ""))}">'
                     f'{e(text[start:end])}<span class="tip" role="tooltip"><strong>{e(tip)}</strong>'
                     f'{e(reason)}</span></mark>')
        pos = end
    parts.append(e(text[pos:]))
    # what the report says is there, by level; what it says is absent, collapsed below
    rows, current = [], object()
    for f in by_level(present_or_possible(result.findings)):
        if f.level != current:
            current = f.level
            rows.append(f'<tr class="level-row"><th colspan="7" scope="rowgroup">{e(f.level or "No level stated")}</th></tr>')
        cat = f.assessment.category if f.assessment else None
        cells = [f.level or "—", f.type.replace("_", " ") + (f" ({f.zone})" if f.zone else ""), f.side or "—",
                 f.severity or "—", f.certainty, CATEGORIES.get(cat, "—") if cat else "—",
                 " ".join(f.assessment.reasons) if f.assessment else ""]
        tds = "".join(f'<td{f" class=cat-{cat}" if i == 5 and cat else ""} data-label="{COLUMNS[i]}">{e(c)}</td>'
                      for i, c in enumerate(cells))
        rows.append(f"<tr>{tds}</tr>")
    if not rows:
        rows.append('<tr><td colspan="7">No finding stated as present or possible.</td></tr>')
    absent = by_level(stated_absent(result.findings))
    absent_items = "".join(
        f"<li>{e(f.type.replace('_', ' '))}"
        + (f" ({e(', '.join(x for x in (f.level, f.side) if x))})" if f.level or f.side else "") + "</li>"
        for f in absent)
    collapsed = (f'<details id="absent"><summary>Stated as absent ({len(absent)})</summary><ul>{absent_items}</ul>'
                 "</details>" if absent else "")
    incidental = [f for f in result.findings if f.assessment and f.assessment.category == "likely_incidental"]
    inc = "".join(
        f"<li>{e(' '.join(x for x in (f.level, f.side, f.type.replace('_', ' ')) if x))}"
        + (f" — seen in about {f.assessment.asymptomatic_prevalence.percent:g}% of people aged "
           f"{f.assessment.asymptomatic_prevalence.age:g} without back pain" if f.assessment.asymptomatic_prevalence
           else "") + "</li>" for f in incidental) or "<li>None.</li>"
    banner = ""
    if result.summary.red_flags:
        items = "".join(f"<li>{e(x)}</li>" for x in result.summary.red_flags)
        banner = f'<div id="banner" role="alert"><strong>Red flag — needs urgent clinical review</strong><ul>{items}</ul></div>'
    title = f"SpineLens — {result.id}" if result.id else "SpineLens report"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{_css()}</style></head>
<body><header><h1>{e(title)}</h1><p class="tagline">Decision support only: it does not replace clinical judgement.</p></header>
<main><section id="results">{banner}<p id="headline">{e(result.summary.headline)}</p>
<h2>Report</h2><pre id="report-view">{''.join(parts)}</pre>
<h2>Findings by level</h2><table id="findings"><thead><tr><th scope="col">Level</th><th scope="col">Finding</th>
<th scope="col">Side</th><th scope="col">Severity</th><th scope="col">Certainty</th><th scope="col">Category</th>
<th scope="col">Why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{collapsed}
<h2>Likely incidental</h2><ul id="incidental">{inc}</ul></section></main></body></html>
"""


def render(result: Result, text: str) -> str:
    return render_html(result, text)
