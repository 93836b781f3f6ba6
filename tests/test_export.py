"""Patient explanations, the self-contained HTML file and the FHIR R4 export."""

import base64
import io
import json
import re

import pytest

import spinelens
from spinelens.cli import main
from spinelens.formats.fhir import to_fhir, validate_fhir
from spinelens.formats.html import render_html
from spinelens.formats.patient import render_patient
from spinelens.lexicon import FINDING_TYPES, card, load_table
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "redflag-cauda-equina-large-l45-extrusion.txt"


def test_every_finding_type_and_category_has_a_plain_explanation():
    ex = load_table("explanations")
    for t in FINDING_TYPES:
        entry = card(t).patient
        assert entry["name"] and entry["what"], t
        assert max(len(s.split()) for s in re.split(r"[.!?]", entry["what"])) <= 25, t  # short sentences
    assert set(ex["categories"]) == {"red_flag", "concordant", "possibly_concordant", "discordant",
                                     "likely_incidental", "indeterminate"}


def test_patient_format(nlp):
    result = spinelens.analyze(SAMPLE.read_text(), id="x")
    text = render_patient(result)
    assert "does not replace your doctor" in text
    assert "emergency department" in text  # what to do about a red flag
    assert "Checked and not found" in text
    result = spinelens.analyze("L4-5: disc bulge.", symptoms="low back pain", age=50)
    assert "About 60 in 100 people aged 50 without back pain" in render_patient(result)


def test_html_is_self_contained_and_escapes_the_report(nlp):
    text = "L4-5 disc bulge <script>alert(1)</script> & protrusion"
    page = render_html(spinelens.analyze(text, id="h"), text)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert 'class="cat-' in page and "<table" in page


@pytest.fixture(scope="module")
def bundle(nlp):
    result = spinelens.analyze(SAMPLE.read_text(), id="acc/7 x", symptoms="saddle numbness", age=41)
    return result, to_fhir(result, SAMPLE.read_text())


def test_fhir_bundle_validates(bundle):
    pytest.importorskip("fhir.resources")
    validate_fhir(bundle[1])


def test_fhir_coded_values(bundle):
    result, b = bundle
    codes = load_table("fhir")
    resources = [e["resource"] for e in b["entry"]]
    report, observations = resources[0], resources[1:]
    assert report["resourceType"] == "DiagnosticReport"
    assert len(observations) == sum(1 for f in result.findings if f.certainty != "absent")
    ids = {o["id"] for o in observations}
    assert {r["reference"].split("/")[1] for r in report["result"]} == ids
    assert all(re.fullmatch(r"[A-Za-z0-9\-.]{1,64}", i) for i in ids | {report["id"]})
    assert base64.b64decode(report["presentedForm"][0]["data"]).decode() == SAMPLE.read_text()
    laterality = {v["code"] for v in codes["laterality"].values()}
    for o in observations:
        codings = o["code"]["coding"]
        assert any(c["system"] == codes["systems"]["spinelens"] and c["code"] in FINDING_TYPES for c in codings)
        site = o.get("bodySite")
        if site and site["coding"][0]["system"] == codes["systems"]["spinelens_level"]:
            assert re.fullmatch(r"(T(1[0-2]|[1-9])|L[1-6]|S[1-5])(-(T(1[0-2]|[1-9])|L[1-6]|S[1-5]))?",
                                site["coding"][0]["code"])
            for ext in site.get("extension", []):
                assert ext["valueCodeableConcept"]["coding"][0]["code"] in laterality
        for interp in o.get("interpretation", []):
            assert interp["coding"][0]["code"] in codes["categories"]
        assert o["status"] in ("final", "preliminary")
    assert any(o.get("interpretation", [{}])[0].get("coding", [{}])[0].get("code") == "red_flag" for o in observations)
    assert codes["laterality"]["left"]["code"] == "7771000" and codes["laterality"]["right"]["code"] == "24028007"


@pytest.mark.parametrize("fmt, marker", [("patient", "plain words"), ("html", "<!doctype html>"),
                                          ("fhir", '"resourceType": "Bundle"')])
def test_cli_formats(nlp, fmt, marker):
    out = io.StringIO()
    assert main(["analyze", "--format", fmt, str(SAMPLE)], out=out) == 0
    assert marker in out.getvalue()
    if fmt == "fhir":
        json.loads(out.getvalue())


def test_checked_snomed_codes_are_sent_first(nlp):
    b = to_fhir(spinelens.analyze("L4-5 moderate central canal stenosis. Bilateral L5 pars defects."))
    codings = [e["resource"]["code"]["coding"] for e in b["entry"][1:]]
    first = {c[0]["code"] for c in codings}
    assert {"18347007", "240221008"} <= first
    assert all(c[0]["system"] == "http://snomed.info/sct" for c in codings if c[0]["code"] in first & {"18347007"})


# --- what is stated absent keeps its place: level and side
def test_text_absent_list_keeps_the_side(nlp):
    from spinelens.formats.text import render_text

    result = spinelens.analyze("L4-5: moderate left foraminal stenosis. No right foraminal stenosis.")
    out = render_text(result)
    assert "foraminal stenosis (L4-L5, right)" in out.split("Stated as absent:")[1]
    assert "Stated as absent: foraminal stenosis (L4-L5)\n" not in out


def test_patient_not_found_never_names_what_is_there(nlp):
    result = spinelens.analyze(SAMPLE.read_text(), id="x")
    text = render_patient(result)
    not_found = [line for line in text.splitlines() if line.startswith("Checked and not found")]
    # the L4-L5 roots are compressed: 'a pinched nerve' is not found at L5-S1 only
    assert "Checked and not found at L5-S1: a pinched nerve, narrowing of a nerve opening, narrowing of the spinal " \
           "canal." in not_found
    assert not any("a pinched nerve" in line and "L5-S1" not in line for line in not_found)
    assert not any("narrowing of the spinal canal" in line and "L4-L5" in line for line in not_found)
    shown = {(f.type, f.level) for f in result.findings if f.certainty != "absent"}
    assert ("nerve_root_compression", "L4-L5") in shown and ("central_canal_stenosis", "L4-L5") in shown


@pytest.mark.parametrize("report, absent_line", [
    # another side at the same level: said with its side
    ("L4-5: moderate left foraminal stenosis. No right foraminal stenosis.",
     "Checked and not found at L4-L5 on the right side: narrowing of a nerve opening."),
    # 'no disc herniation' beside an extrusion at that level: not a 'not found'
    ("L4-5: large disc extrusion. No disc herniation at L4-5. L5-S1: no disc herniation.",
     "Checked and not found at L5-S1: a disc herniation."),
])
def test_patient_not_found_by_place(nlp, report, absent_line):
    lines = [x for x in render_patient(spinelens.analyze(report)).splitlines() if x.startswith("Checked and not")]
    assert lines == [absent_line]


def test_not_found_unless_names_finding_types():
    unless = load_table("explanations")["not_found_unless"]
    assert all(t in FINDING_TYPES and set(v) <= set(FINDING_TYPES) for t, v in unless.items())


# --- FHIR R4: certainty as the Observation's value; effective[x] is the exam date the report states
def _observations(bundle: dict) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]


def test_fhir_possible_finding_is_not_a_plain_true(nlp):
    result = spinelens.analyze("L4-5: left disc protrusion. L5-S1: possible annular fissure.")
    bundle = to_fhir(result, "")
    by_type = {o["code"]["coding"][-1]["code"]: o for o in _observations(bundle)}
    present, possible = by_type["disc_protrusion"], by_type["annular_fissure"]
    for obs, certainty, snomed in ((present, "present", "410515003"), (possible, "possible", "410590009")):
        assert "valueBoolean" not in obs and obs["status"] == "final"  # status is the record's, not the finding's
        codings = {(c["system"], c["code"]) for c in obs["valueCodeableConcept"]["coding"]}
        assert ("http://snomed.info/sct", snomed) in codings
        assert ("https://spinelens.example/fhir/CodeSystem/certainty", certainty) in codings
    pytest.importorskip("fhir.resources")
    validate_fhir(bundle)


@pytest.mark.parametrize("header, effective", [
    ("DATE OF EXAM: 03/14/2024", "2024-03-14"),
    ("Exam date: 2024-03-14", "2024-03-14"),
    ("Date: 14/03/2024", "2024-03-14"),
    ("Date: 14 March 2024", "2024-03-14"),
    ("Study Date: Mar 14, 2024 10:32", "2024-03-14"),
    ("Date: 03/03/2024", "2024-03-03"),  # the same either way
    ("Date: 03/04/2024", None),  # 3 April or 4 March: not guessed
    ("Date: 2024-02-30", None),
    ("Date of birth: 14/03/1970", None),
    ("Seen to date: 2024-03-14", None),
    ("", None),
])
def test_fhir_effective_is_the_stated_exam_date(nlp, header, effective):
    text = f"{header}\nMRI LUMBAR SPINE\nL4-5: left disc protrusion."
    bundle = to_fhir(spinelens.analyze(text), text)
    resources = [e["resource"] for e in bundle["entry"]]
    for r in resources:
        assert r.get("effectiveDateTime") == effective
        assert not any(k.startswith("effective") and k != "effectiveDateTime" for k in r)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", r["issued"])  # the analysis time
    pytest.importorskip("fhir.resources")
    validate_fhir(bundle)


@pytest.mark.parametrize("fmt", ["text", "json", "patient", "html", "fhir"])
def test_formats_take_text_with_a_lone_surrogate(nlp, fmt):
    from spinelens import formats

    if fmt == "fhir":
        pytest.importorskip("fhir.resources")
    text = "L4-5: left disc protrusion \ud800."
    formats.get(fmt).render(spinelens.analyze(text), text).encode("utf-8")


def test_html_lists_positives_first_and_collapses_the_absent(nlp):
    text = "L2-3: No stenosis. L4-5: Left paracentral disc protrusion. L5-S1: No disc herniation."
    result = spinelens.analyze(text)
    page = render_html(result, text)
    table, _, rest = page[page.index('<table id="findings">'):].partition("</table>")
    assert "protrusion" in table and "stenosis" not in table and "herniation" not in table
    absent = rest[rest.index('<details id="absent">'):rest.index("</details>")]
    assert "Stated as absent (2)" in absent and "<details id=\"absent\" open" not in page
    assert "central canal stenosis (L2-L3)" in absent and "disc herniation (L5-S1)" in absent


def test_to_dict_is_asdict(analyze):
    """Result.to_dict (model.plain, written for speed) gives what dataclasses.asdict gives, over every
    sample: the same dicts, lists and values, and not the result's own objects."""
    from dataclasses import asdict

    from tests.conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.txt")):
        result = analyze(path.read_text(encoding="utf-8"), symptoms="left leg pain and numbness", age=50)
        expected = asdict(result)
        for f in expected["findings"]:
            if f["assessment"] is None:
                del f["assessment"]
        out = result.to_dict()
        assert out == expected, path.name
        assert json.dumps(out) == json.dumps(expected)
        out["findings"][0]["mentions"].clear()  # a copy: the result itself is unchanged
        assert result.findings[0].mentions, path.name
