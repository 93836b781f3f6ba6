"""Other ways to hand a result on: plain words for the patient, a self-contained HTML file,
and a FHIR R4 Bundle for record systems. Plain Python over the result dataclasses."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from .levels import level_sort_key
from .lexicon import card, load_table
from .model import CATEGORIES, Finding, Result

# ---------------------------------------------------------------- patient


def render_patient(result: Result) -> str:
    """Short sentences, everyday words: what each finding is, how common at this age, what to do."""
    ex = load_table("explanations")
    lines = [ex["text"]["intro"], "=" * len(ex["text"]["intro"]), ""]
    flagged = [f for f in result.findings if f.assessment and f.assessment.category == "red_flag"]
    if flagged:
        lines += ["Important: " + ex["categories"]["red_flag"], ""]
    shown = [f for f in result.findings if f.certainty != "absent"]
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
    absent = [f for f in result.findings if f.certainty == "absent"]
    if absent:
        names = sorted({card(f.type).patient["name"] for f in absent})
        lines += ["Checked and not found: " + ", ".join(names) + ".", ""]
    lines.append(ex["text"]["disclaimer"])
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- HTML


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
    rows, current = [], object()
    for f in sorted(result.findings, key=lambda f: level_sort_key(f.level)):
        if f.level != current:
            current = f.level
            rows.append(f'<tr class="level-row"><th colspan="7" scope="rowgroup">{e(f.level or "No level stated")}</th></tr>')
        cat = f.assessment.category if f.assessment else None
        cells = [f.level or "—", f.type.replace("_", " ") + (f" ({f.zone})" if f.zone else ""), f.side or "—",
                 f.severity or "—", f.certainty, CATEGORIES.get(cat, "—") if cat else "—",
                 " ".join(f.assessment.reasons) if f.assessment else ""]
        tds = "".join(f'<td{f" class=cat-{cat}" if i == 5 and cat else ""}>{e(c)}</td>' for i, c in enumerate(cells))
        rows.append(f"<tr>{tds}</tr>")
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
<th scope="col">Why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>
<h2>Likely incidental</h2><ul id="incidental">{inc}</ul></section></main></body></html>
"""


# ---------------------------------------------------------------- FHIR


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {k: v for k, v in (("system", system), ("code", code), ("display", display)) if v is not None}


def to_fhir(result: Result, text: str | None = None) -> dict[str, Any]:
    """A FHIR R4 Bundle: one DiagnosticReport and one Observation per present or possible finding."""
    codes = load_table("fhir")
    sys_ = codes["systems"]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rid = re.sub(r"[^A-Za-z0-9.-]+", "-", result.id or "report").strip("-")[:48] or "report"
    observations = []
    for f in result.findings:
        if f.certainty == "absent":
            continue
        t = card(f.type).fhir
        coding = [_coding(sys_["spinelens"], f.type, t["display"])]
        if t.get("snomed"):
            coding.insert(0, _coding(sys_["snomed"], t["snomed"]["code"], t["snomed"]["display"]))
        obs: dict[str, Any] = {
            "resourceType": "Observation",
            "id": f"{rid}-{f.id}",
            "status": "final" if f.certainty == "present" else "preliminary",
            "category": [{"coding": [_coding(sys_["observation_category"], "imaging", "Imaging")]}],
            "code": {"coding": coding, "text": t["display"]},
            "effectiveDateTime": now,
            "valueBoolean": True,
            "note": [{"text": " | ".join(m.text for m in f.mentions)}],
        }
        if f.certainty == "possible":
            obs["note"].append({"text": "Stated as possible in the report."})
        if f.level:
            site: dict[str, Any] = {"coding": [_coding(sys_["spinelens_level"], f.level, f.level)], "text": f.level}
            if f.side in codes["laterality"]:
                lat = codes["laterality"][f.side]
                site["extension"] = [{
                    "url": "http://hl7.org/fhir/StructureDefinition/bodySite-laterality",
                    "valueCodeableConcept": {"coding": [_coding(sys_["snomed"], lat["code"], lat["display"])]},
                }]
            obs["bodySite"] = site
        elif f.side in codes["laterality"]:
            lat = codes["laterality"][f.side]
            obs["bodySite"] = {"coding": [_coding(sys_["snomed"], lat["code"], lat["display"])], "text": f.side}
        if f.assessment and f.assessment.category:
            obs["interpretation"] = [{
                "coding": [_coding(sys_["spinelens_category"], f.assessment.category,
                                   codes["categories"][f.assessment.category])],
                "text": " ".join(f.assessment.reasons),
            }]
        observations.append(obs)
    report: dict[str, Any] = {
        "resourceType": "DiagnosticReport",
        "id": rid,
        "status": "final",
        "category": [{"coding": [_coding(sys_["v2_0074"], "RAD", "Radiology")]}],
        "code": {"coding": [_coding(codes["report_code"]["system"], codes["report_code"]["code"],
                                    codes["report_code"]["display"])], "text": codes["report_code"]["display"]},
        "issued": now,
        "result": [{"reference": f"Observation/{o['id']}"} for o in observations],
        "conclusion": result.summary.headline,
    }
    if text:
        import base64

        report["presentedForm"] = [{"contentType": "text/plain; charset=utf-8",
                                    "data": base64.b64encode(text.encode("utf-8")).decode("ascii")}]
    entries = [report] + observations
    return {"resourceType": "Bundle", "type": "collection", "timestamp": now,
            "entry": [{"fullUrl": f"urn:uuid:{_uuid(r)}", "resource": r} for r in entries]}


def _uuid(resource: dict[str, Any]) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"spinelens/{resource['resourceType']}/{resource['id']}"))


def validate_fhir(bundle: dict[str, Any]) -> None:
    """Check the Bundle with fhir.resources' R4B models (raises on an invalid resource)."""
    from fhir.resources.R4B.bundle import Bundle

    if hasattr(Bundle, "model_validate"):
        Bundle.model_validate(bundle)
    else:  # fhir.resources < 8 (pydantic 1 style)
        Bundle.parse_obj(bundle)
