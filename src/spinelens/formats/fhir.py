"""A FHIR R4 Bundle for record systems: one DiagnosticReport and one Observation per present
or possible finding (codes in lexicons/fhir.json). Validating it needs the 'fhir' extra."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from ..lexicon import card, load_table
from ..model import Result
from ._common import to_json


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {k: v for k, v in (("system", system), ("code", code), ("display", display)) if v is not None}


# "DATE OF EXAM: 03/14/2024", "Exam date: 14 March 2024", "Date: 2024-03-14" at the start of a line; a label
# naming the exam wins over a bare "Date:" (which may be the dictation date). "Date of birth" is no label.
_EXAM_LABEL = re.compile(r"^[ \t]*(?:date(?:\s*/\s*time)?\s+of\s+(?:the\s+)?(?:exam(?:ination)?|study|scan|mri|service|"
                         r"procedure)|(?:exam(?:ination)?|study|scan|mri|service|procedure)\s+date(?:\s*/\s*time)?)"
                         r"\s*:[ \t]*(?P<value>[^\n]*)", re.I | re.M)
_DATE_LABEL = re.compile(r"^[ \t]*date\s*:[ \t]*(?P<value>[^\n]*)", re.I | re.M)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s./-]+([A-Za-z]{3,9})\.?,?[\s./-]+(\d{4})(?!\d)")
_MONTH_DAY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")


def _month(word: str) -> int | None:
    word = word.lower()
    return next((i for i, m in enumerate(_MONTHS, 1) if len(word) >= 3 and m.startswith(word)), None)


def _date(value: str) -> str | None:
    """An unambiguous calendar date at the start of value, as YYYY-MM-DD: year first, a month name, or
    day/month where only one reading is a date (14/03/2024, 03/14/2024, 03/03/2024; not 03/04/2024)."""
    value = value.strip()
    ymd: tuple[int, int | None, int] | None = None
    if m := _ISO.match(value):
        ymd = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _NUMERIC.match(value):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if a == b or (a > 12) != (b > 12):
            ymd = (year, min(a, b), max(a, b))
    elif m := _DAY_MONTH.match(value):
        ymd = (int(m[3]), _month(m[2]), int(m[1]))
    elif m := _MONTH_DAY.match(value):
        ymd = (int(m[3]), _month(m[1]), int(m[2]))
    if ymd is None or ymd[1] is None:
        return None
    try:
        return date(ymd[0], ymd[1], ymd[2]).isoformat()
    except ValueError:  # 2024-02-30, month 13
        return None


def exam_date(text: str | None) -> str | None:
    """The exam date the report states (YYYY-MM-DD), else None: never a guess between day and month."""
    if not text:
        return None
    m = _EXAM_LABEL.search(text) or _DATE_LABEL.search(text)
    return _date(m["value"]) if m else None


def to_fhir(result: Result, text: str | None = None) -> dict[str, Any]:
    """A FHIR R4 Bundle: one DiagnosticReport and one Observation per present or possible finding.

    effective[x] is the exam date when the report states one unambiguously, else left out (the analysis
    time is not when the patient was scanned); ``issued`` is the analysis time."""
    codes = load_table("fhir")
    sys_ = codes["systems"]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    when = {"effectiveDateTime": d} if (d := exam_date(text)) else {}
    rid = re.sub(r"[^A-Za-z0-9.-]+", "-", result.id or "report").strip("-")[:48] or "report"
    observations = []
    for f in result.findings:
        if f.certainty == "absent":
            continue
        t = card(f.type).fhir
        coding = [_coding(sys_["spinelens"], f.type, t["display"])]
        if t.get("snomed"):
            coding.insert(0, _coding(sys_["snomed"], t["snomed"]["code"], t["snomed"]["display"]))
        # R4: status is the state of the record (the report is final), value[x] is the result. The finding's
        # certainty is that value: SNOMED CT finding context (Known present / Known possible) with the
        # SpineLens certainty code, never valueBoolean true for a finding the report only calls possible.
        known = codes["certainty"][f.certainty]
        obs: dict[str, Any] = {
            "resourceType": "Observation",
            "id": f"{rid}-{f.id}",
            "status": "final",
            "category": [{"coding": [_coding(sys_["observation_category"], "imaging", "Imaging")]}],
            "code": {"coding": coding, "text": t["display"]},
            **when,
            "issued": now,
            "valueCodeableConcept": {"coding": [_coding(sys_["snomed"], known["code"], known["display"]),
                                                _coding(sys_["spinelens_certainty"], f.certainty, f.certainty)],
                                     "text": f.certainty},
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
        **when,
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


def render(result: Result, text: str) -> str:
    """The validated Bundle as JSON (ImportError without fhir.resources)."""
    bundle = to_fhir(result, text)
    validate_fhir(bundle)
    return to_json(bundle)
