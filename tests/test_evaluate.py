"""The gold file is checked before scoring: each problem as 'file:line: message', never a traceback."""

import io
import json

import pytest

from spinelens.cli import main
from spinelens.evaluate import GoldError, check_gold, report_path
from tests.conftest import SHARED

GOOD = {"type": "disc_protrusion", "level": "L4-L5", "side": "left", "certainty": "present"}


def line(**changes) -> str:
    """A gold line for report r1 whose one finding is GOOD with changes (None: drop the key)."""
    finding = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    return json.dumps({"id": "r1", "findings": [finding]})


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for rid in ("r1", "r2"):
        (folder / f"{rid}.txt").write_text("L4-5: left disc protrusion.")
    return folder


def problems(tmp_path, reports, *lines: str) -> list[str]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n")
    with pytest.raises(GoldError) as exc:
        check_gold(gold, reports)
    return [p.removeprefix(f"{gold}:") for p in exc.value.problems]


@pytest.mark.parametrize("gold_line, message", [
    ("{broken", "1: not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ("[]", "1: a gold line must be a JSON object"),
    ('{"findings": []}', "1: no 'id'"),
    ('{"id": 7, "findings": []}', "1: 'id' must be a non-empty string, not 7"),
    ('{"id": "r1"}', "1: 'findings' must be a list (no 'findings')"),
    ('{"id": "r1", "findings": {}}', "1: 'findings' must be a list"),
    ('{"id": "r1", "findings": ["disc_bulge"]}', "1: finding 1: must be a JSON object"),
    (line(type="disc_bulg"), "1: finding 1: unknown type \"disc_bulg\" (not in findings.md); did you mean 'disc_bulge'?"),
    (line(type=None), "1: finding 1: no 'type'"),
    (line(level="L4-5"), "1: finding 1: level \"L4-5\" is not a canonical level ('L4-L5', 'L5', 'T12-L1' ...) or null"),
    (line(level="L7"), "1: finding 1: level \"L7\" is not a canonical level ('L4-L5', 'L5', 'T12-L1' ...) or null"),
    (line(level=45), "1: finding 1: level 45 is not a canonical level ('L4-L5', 'L5', 'T12-L1' ...) or null"),
    (line(level="L3-L5"), "1: finding 1: level 'L3-L5' is not one disc level: give one finding per level"),
    (line(side="both"), "1: finding 1: side \"both\" is not one of left, right, bilateral, null"),
    (line(certainty=None), "1: finding 1: no 'certainty' (present, possible, absent)"),
    (line(certainty="probable"), "1: finding 1: certainty \"probable\" is not one of present, possible, absent"),
    (line(severity="mild to moderate"), "1: finding 1: severity \"mild to moderate\" is not one of minimal, mild, "
                                        "mild-moderate, moderate, moderate-severe, severe, null"),
    (line(zone="lateral"), "1: finding 1: zone \"lateral\" is not one of central, paracentral, foraminal, "
                           "extraforaminal, diffuse, null"),
    (line(modic_type=True), "1: finding 1: modic_type true is not one of 1, 2, 3, null"),
    (line(grade=5), "1: finding 1: grade 5 is not one of 1, 2, 3, 4, null"),
    (line(size_mm=-4), "1: finding 1: size_mm -4 must be a number of millimetres or null"),
    (line(nerve_roots=[{"root": "L4-L5"}]), "1: finding 1: nerve root 1: root \"L4-L5\" is not a root name ('L5', 'S1' ...)"),
    (line(nerve_roots=[{"root": "L5", "relation": "exit"}]),
     "1: finding 1: nerve root 1: relation \"exit\" is not one of exiting, traversing, null"),
    (json.dumps({"id": "r1", "findings": [GOOD, {**GOOD, "certainty": "absent"}]}),
     "1: finding 2: same type, level and side as finding 1 (one entry per finding)"),
    (json.dumps({"id": "r1", "findings": [], "clinical": {"age": "45"}}),
     "1: clinical: age \"45\" must be a number (0-130) or null"),
    (json.dumps({"id": "r1", "findings": [], "clinical": {"symptoms": [{"type": "leg_pain"}]}}),
     "1: symptom 1: unknown type \"leg_pain\" (not in clinical.md)"),
    (json.dumps({"id": "r1", "findings": [], "clinical": {"symptoms": [{"type": "radicular_pain", "roots": "L5"}]}}),
     "1: symptom 1: roots \"L5\" must be a list of root names ('L5', 'S1' ...)"),
    (json.dumps({"id": "r1", "findings": [GOOD], "categories": [{**GOOD, "category": "concordnt"}]}),
     "1: category 1: category \"concordnt\" is not one of red_flag, concordant, possibly_concordant, discordant, "
     "likely_incidental, indeterminate"),
    (json.dumps({"id": "r1", "findings": [GOOD], "categories": [{**GOOD, "side": "right", "category": "concordant"}]}),
     "1: category 1: no present or possible finding with its type, level and side (disc_protrusion, L4-L5, right)"),
    ('{"id": "../r1", "findings": []}', "1: id '../r1' names a file outside the reports folder"),
    ('{"id": "/etc/passwd", "findings": []}', "1: id '/etc/passwd' names a file outside the reports folder"),
    ('{"id": "x/../../r1", "findings": []}', "1: id 'x/../../r1' names a file outside the reports folder"),
    ('{"id": "r9", "findings": []}', "1: no report file "),
])
def test_malformed_gold_line(tmp_path, reports, gold_line, message):
    found = problems(tmp_path, reports, gold_line)
    assert len(found) == 1 and found[0].startswith(message), found
    if "no report file" in message:
        assert found[0].endswith(str(reports / "r9.txt"))


def test_every_problem_is_reported_with_its_line(tmp_path, reports):
    found = problems(tmp_path, reports, line(), "", line(type="disc_bulg", level="L4-5").replace("r1", "r2"),
                     '{"id": "r1", "findings": []}', "{broken")
    assert [p.split(":")[0] for p in found] == ["3", "3", "4", "5"]
    assert "duplicate id 'r1' (first on line 1)" in found[2]


def test_no_report_files_at_all_is_one_message(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    found = problems(tmp_path, empty, line(), json.dumps({"id": "r2", "findings": []}))
    assert found == [f"1: none of the 2 gold ids has a report file <id>.txt in '{empty}'"]


def test_unknown_keys_are_warnings(tmp_path, reports):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line(severty="mild") + "\n" + json.dumps({"id": "r2", "findings": [{**GOOD, "severty": "mild"}]}))
    entries, warnings = check_gold(gold, reports)
    assert len(entries) == 2
    assert warnings == [f"{gold}:1: key 'severty' in a finding is not in annotation.md: not scored (and on 1 more line)"]


def test_report_path_stays_in_the_folder(tmp_path):
    assert report_path(tmp_path, "a/b") == tmp_path / "a" / "b.txt"
    assert report_path(tmp_path, "a/../b") == tmp_path / "b.txt"
    assert report_path(tmp_path, "../x") is None and report_path(tmp_path, "a\x00") is None


@pytest.mark.parametrize("name", ["dev-sudirman", "dev-notes", "dev-spine-cases", "dev-spine-reports"])
def test_shared_gold_files_load(name):
    folders = {"dev-sudirman": "sudirman-radiologist-notes", "dev-notes": "clinical-notes",
               "dev-spine-cases": "spine-cases", "dev-spine-reports": "spine-reports"}
    gold = SHARED / "corpus" / "gold" / f"{name}.jsonl"
    if not gold.is_file():
        pytest.skip("../shared/corpus is not present")
    entries, warnings = check_gold(gold, SHARED / "corpus" / folders[name])
    assert entries
    # clinical 'prior_surgery' (a bool beside the prior_surgery symptom) is not in clinical.md: a warning only
    assert all("'prior_surgery' in 'clinical'" in w for w in warnings)


# --- through the command line: exit 2, each problem on stderr, no traceback
def test_cli_refuses_a_bad_gold_with_every_problem(tmp_path, reports, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([line(type="disc_bulg"), line(level="L3-L5", severty=1).replace("r1", "r2"),
                               '{"id": "../x", "findings": []}',
                               '{"id": "r9", "findings": []}']) + "\n")
    assert main(["evaluate", str(gold), str(reports)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert [x.split(": ", 2)[2].split(":")[1] for x in lines if x.startswith("spinelens: error:")] == ["1", "2", "3", "4"]
    assert any(x.startswith("spinelens: warning:") and "'severty'" in x for x in lines)


def test_cli_bad_bytes_in_gold(tmp_path, reports, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'{"id": "r1", "findings": []}\n\xff\xfe\n')
    assert main(["evaluate", str(gold), str(reports)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert "not UTF-8 text" in err and "Traceback" not in err


def test_cli_scores_a_valid_gold_with_a_warning(nlp, tmp_path, reports, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line(note="checked") + "\n" + json.dumps({"id": "r2", "findings": [GOOD], "reviewer": "A"}) + "\n")
    out = io.StringIO()
    assert main(["evaluate", "--json", str(gold), str(reports)], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["reports"] == 2 and data["findings"]["tp"] == 2
    assert "key 'reviewer' in the line" in capsys.readouterr().err


def test_a_line_separator_inside_a_json_string_is_not_a_new_line(tmp_path, reports):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "r1", "findings": [{**GOOD, "note": "a\u2028b"}]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert check_gold(gold, reports)[0][0]["findings"][0]["note"] == "a\u2028b"


# --- symptoms (annotation.md): (type, certainty) pairs per report, side accuracy on present gold with a side
def _sym(type_, certainty=None, side=None):
    s = {"type": type_, "side": side, "roots": []}
    if certainty is not None:
        s["certainty"] = certainty
    return s


@pytest.mark.parametrize("gold_symptoms, pred_symptoms, expected", [
    # a gold symptom without a certainty is present
    ([_sym("back_pain")], [_sym("back_pain", "present")], {"tp": 1, "fp": 0, "fn": 0, "side_accuracy": None}),
    # certainty is part of the pair; side is not
    ([_sym("radicular_pain", "present", "left"), _sym("motor_weakness", "absent")],
     [_sym("radicular_pain", "present", "right"), _sym("motor_weakness", "present", "left")],
     {"tp": 1, "fp": 1, "fn": 1, "side_accuracy": 0.0}),
    # two predicted sides of one type: one of them matching is enough; one pair per (type, certainty)
    ([_sym("radicular_pain", "present", "left")],
     [_sym("radicular_pain", "present", "right"), _sym("radicular_pain", "present", "left")],
     {"tp": 1, "fp": 0, "fn": 0, "side_accuracy": 1.0}),
    # side counted only where a present prediction of the type exists; a possible one does not count
    ([_sym("sensory_deficit", "present", "left")], [_sym("sensory_deficit", "possible", "left")],
     {"tp": 0, "fp": 1, "fn": 1, "side_accuracy": None}),
    # an empty gold list scores the prediction as false positives
    ([], [_sym("trauma", "present")], {"tp": 0, "fp": 1, "fn": 0, "side_accuracy": None}),
])
def test_symptom_scoring(gold_symptoms, pred_symptoms, expected):
    from spinelens.evaluate import Score, score_report
    score = Score()
    gold = {"id": "r1", "findings": [], "clinical": {"symptoms": gold_symptoms}}
    score_report(score, gold, {"findings": [], "clinical": {"symptoms": pred_symptoms}}, set())
    got = score.as_dict()["symptoms"]
    assert {k: got[k] for k in expected} == expected
    assert got["reports"] == 1
    if expected["fp"] or expected["fn"]:
        assert score.errors and "symptoms_missed" in score.errors[0]


def test_symptoms_not_scored_without_gold_symptoms():
    from spinelens.evaluate import Score, score_report
    score = Score()
    score_report(score, {"id": "r1", "findings": [], "clinical": {"age": 40}},
                 {"findings": [], "clinical": {"symptoms": [_sym("back_pain", "present")]}}, set())
    score_report(score, {"id": "r2", "findings": []}, {"findings": [], "clinical": {"symptoms": []}}, set())
    assert score.as_dict()["symptoms"] == {"reports": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 0,
                                           "fp": 0, "fn": 0, "side_accuracy": None}
    assert not score.errors


def test_cli_scores_symptoms_from_the_history(nlp, tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r1.txt").write_text("HISTORY: Left leg pain. No bladder symptoms.\n\nFINDINGS: L4-5: left disc protrusion.")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "r1", "findings": [GOOD], "clinical": {"symptoms": [
        _sym("radicular_pain", "present", "left"), _sym("cauda_equina_symptoms", "absent"),
        _sym("back_pain", "present")]}}) + "\n")
    out = io.StringIO()
    assert main(["evaluate", "--json", str(gold), str(folder)], out=out) == 0
    sym = json.loads(out.getvalue())["symptoms"]
    assert (sym["reports"], sym["tp"], sym["fp"], sym["fn"], sym["side_accuracy"]) == (1, 2, 0, 1, 1.0)
    table = io.StringIO()
    assert main(["evaluate", str(gold), str(folder)], out=table) == 0
    text = table.getvalue()
    assert "symptoms" in text and "(1 reports with gold symptoms)" in text and "symptom side accuracy" in text
