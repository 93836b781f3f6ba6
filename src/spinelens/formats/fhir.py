"""A FHIR R4 Bundle for record systems: one DiagnosticReport and one Observation per present
or possible finding (codes in lexicons/fhir.json). Validating it needs the 'fhir' extra."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ..lexicon import card, load_table
from ..model import Result
from ._common import to_json


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


def render(result: Result, text: str) -> str:
    """The validated Bundle as JSON (ImportError without fhir.resources)."""
    bundle = to_fhir(result, text)
    validate_fhir(bundle)
    return to_json(bundle)
