"""The command line as a user drives it: files, stdin, formats, bad input, help."""

import io
import json
import subprocess
import sys

import pytest

from spinelens.cli import main
from tests.conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "us-structured-l45-left-protrusion-radiculopathy.txt"


class FakeStdin(io.TextIOWrapper):
    def __init__(self, data: bytes, tty: bool = False):
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run(argv, stdin: bytes = b"", tty: bool = False):
    out = io.StringIO()
    code = main(argv, out=out, stdin=FakeStdin(stdin, tty))
    return code, out.getvalue()


def test_analyze_text_is_a_table_by_level(nlp):
    code, out = run(["analyze", str(SAMPLE)])
    assert code == 0
    assert "Level" in out and "L4-L5" in out and "disc protrusion" in out


def test_analyze_json_validates_shape(nlp):
    code, out = run(["analyze", "--format", "json", "--id", "acc-1", str(SAMPLE)])
    data = json.loads(out)
    assert code == 0 and data["id"] == "acc-1" and data["schema_version"] == "1"
    assert any(f["type"] == "disc_protrusion" and f["level"] == "L4-L5" for f in data["findings"])


def test_stdin_dash(nlp):
    code, out = run(["analyze", "-", "--format", "json"], stdin=b"L4-5: Mild disc bulge.")
    assert code == 0 and json.loads(out)["findings"][0]["type"] == "disc_bulge"


def test_json_flag_is_format_json(nlp):
    """'--json', as evaluate has it: the same JSON as '--format json'."""
    _, by_format = run(["analyze", "-", "--format", "json"], stdin=b"L4-5: Mild disc bulge.")
    code, by_flag = run(["analyze", "-", "--json"], stdin=b"L4-5: Mild disc bulge.")
    assert code == 0 and json.loads(by_flag) == json.loads(by_format)
    code, out = run(["indication", "--json", "45F, low back pain for 2 weeks"])
    assert code == 0 and isinstance(json.loads(out), dict)


def test_terminal_paste_prompt(nlp, capsys):
    code, out = run(["analyze"], stdin=b"L5-S1: protrusion.", tty=True)
    assert code == 0 and "disc protrusion" in out
    assert "Ctrl-D" in capsys.readouterr().err


# --- bad input: a clear message and an exit code, never a traceback
@pytest.mark.parametrize("content, code, message", [
    (b"abc\x00\x01def", 2, "binary"),
    (b"x" * 1_000_001, 2, "1 MB"),
])
def test_bad_files(tmp_path, capsys, content, code, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert run(["analyze", str(path)])[0] == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_file_and_folder(tmp_path, capsys):
    assert run(["analyze", str(tmp_path / "nope.txt")])[0] == 2
    assert "no such file" in capsys.readouterr().err
    assert run(["analyze", str(tmp_path)])[0] == 2
    assert "is a folder" in capsys.readouterr().err


def test_cp1252_is_decoded_with_a_warning(nlp, tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("L4-5: 4 mm protrusion \x96 left paracentral. Patient\x92s pain.".encode("latin-1"))
    code, out = run(["analyze", "--format", "json", str(path)])
    data = json.loads(out)
    assert code == 0
    assert any("cp1252" in w for w in data["warnings"])
    assert "\u2013" in data["findings"][0]["mentions"][0]["text"] or data["findings"]


@pytest.mark.parametrize("content, warning", [
    (b"", "empty report"),
    (b"   \n\n ", "empty report"),
    (b"Please buy milk, eggs and bread.", "does not look like a spine MRI report"),
])
def test_empty_and_non_report_text_warn(nlp, tmp_path, content, warning):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    code, out = run(["analyze", "--format", "json", str(path)])
    assert code == 0
    assert any(warning in w for w in json.loads(out)["warnings"])


def test_every_command_has_help_with_an_example(capsys):
    for argv in (["--help"], ["analyze", "--help"], ["evaluate", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv, out=io.StringIO())
        assert exit_.value.code == 0
        assert "example" in capsys.readouterr().out


def test_no_command_prints_help():
    code, out = run([])
    assert code == 2 and "analyze" in out


def test_evaluate_scores_a_gold_file(nlp, tmp_path):
    (tmp_path / "r1.txt").write_text("L4-5: Left paracentral disc protrusion. No canal stenosis.")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "r1", "findings": [
        {"type": "disc_protrusion", "level": "L4-L5", "side": "left", "certainty": "present"},
        {"type": "central_canal_stenosis", "level": "L4-L5", "side": None, "certainty": "absent"},
        {"type": "facet_arthropathy", "level": "L4-L5", "side": None, "certainty": "present"}]}) + "\n")
    code, out = run(["evaluate", "--json", str(gold), str(tmp_path)])
    data = json.loads(out)
    assert code == 0
    assert data["findings"]["tp"] == 2 and data["findings"]["fn"] == 1 and data["findings"]["fp"] == 0
    assert data["by_certainty"]["present"]["recall"] == 0.5
    assert data["side_accuracy"] == 1.0
    code, out = run(["evaluate", str(gold), str(tmp_path)])
    assert "present" in out and "sens" in out


def test_evaluate_bad_gold(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n")
    assert run(["evaluate", str(gold), str(tmp_path)])[0] == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "spinelens", "analyze", "-", "--format", "json"],
                          input=b"L5-S1: Mild disc bulge.", capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["findings"][0]["level"] == "L5-S1"
    assert b"L5-S1: Mild" not in proc.stderr  # report text never logged


def test_readme_commands_are_what_ci_runs():
    readme = (ROOT / "README.md").read_text().splitlines()
    ci = (ROOT / ".ci" / "run").read_text()
    setup, run_cmd, test = (line.split("#")[0].strip() for line in readme[3:6])
    assert setup in ci and test in ci
    assert run_cmd.startswith(".venv/bin/spinelens analyze samples/")
    assert (ROOT / run_cmd.split()[-1]).is_file()


# --- correlation through the CLI
def test_symptoms_age_and_sex_options(nlp, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("L4-5: left paracentral disc protrusion. L3-4: disc bulge.")
    code, out = run(["analyze", "--format", "json", "--symptoms", "left great toe numbness", "--age", "50",
                     "--sex", "female", str(report)])
    data = json.loads(out)
    assert code == 0 and data["clinical"]["age"] == 50 and data["clinical"]["sex"] == "female"
    cats = {(f["type"], f["level"]): f["assessment"]["category"] for f in data["findings"]}
    assert cats[("disc_protrusion", "L4-L5")] == "concordant"
    assert cats[("disc_bulge", "L3-L4")] == "likely_incidental"
    symptoms = tmp_path / "s.txt"
    symptoms.write_text("left great toe numbness")
    code, out2 = run(["analyze", "--format", "json", "--symptoms-file", str(symptoms), "--age", "50", str(report)])
    assert json.loads(out2)["findings"][0]["assessment"]["category"] == "concordant"


def test_text_lists_red_flags_first(nlp, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("L3-4: disc bulge. L4-5: large central extrusion compressing the cauda equina.")
    code, out = run(["analyze", "--symptoms", "saddle numbness and urinary retention", "--age", "40", str(report)])
    assert code == 0
    assert out.index("RED FLAGS") < out.index("Likely incidental")
    assert "cauda equina" in out.lower()


def test_missing_symptoms_file(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("L4-5 bulge")
    assert run(["analyze", "--symptoms-file", str(tmp_path / "none.txt"), str(report)])[0] == 2
    assert "cannot read" in capsys.readouterr().err


def test_utf16_file_is_read(nlp, tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("L4-5: Mild disc bulge.".encode("utf-16"))
    code, out = run(["analyze", "--format", "json", str(path)])
    assert code == 0 and json.loads(out)["findings"][0]["type"] == "disc_bulge"


def test_bad_age_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("L4-5 bulge")
    assert run(["analyze", "--age", "nan", str(path)])[0] == 2
    assert "not an age" in capsys.readouterr().err


def test_spark_engine_without_pyspark_says_which_extra(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # as on a machine without the 'spark' extra
    assert main(["batch", str(SAMPLES), "--engine", "spark", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'spinelens[spark]'" in err and "Traceback" not in err


# --- lone surrogates (broken JSON, undecodable command-line bytes): replaced, with a warning
def test_lone_surrogates_are_replaced_in_the_python_api(nlp):
    import spinelens

    result = spinelens.analyze("L4-5: left disc protrusion \ud800.", symptoms="left leg pain \udc80\udc81",
                               id="acc\udcff")
    data = result.to_dict()
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # no UnicodeEncodeError
    assert data["id"] == "acc\ufffd" and data["findings"][0]["type"] == "disc_protrusion"
    assert "input: replaced 1 invalid character (lone surrogates)" in data["warnings"]
    assert "symptoms: replaced 2 invalid characters (lone surrogates)" in data["warnings"]


def test_lone_surrogate_in_symptoms_option(nlp, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("L4-5: left paracentral disc protrusion.")
    for fmt in ("json", "text", "patient", "html"):
        code, out = run(["analyze", "--format", fmt, "--symptoms", "left leg pain \udcff", "--id", "x\ud800",
                         str(report)])
        assert code == 0, fmt
        out.encode("utf-8")
    code, out = run(["analyze", "--format", "json", "--symptoms", "left leg pain \udcff", str(report)])
    assert any("symptoms: replaced 1" in w for w in json.loads(out)["warnings"])


def test_undecodable_argument_bytes(tmp_path):
    """The OS hands Python undecodable argv bytes as lone surrogates (surrogateescape)."""
    proc = subprocess.run([sys.executable, "-m", "spinelens", "analyze", "-", "--format", "json", "--symptoms",
                           b"left leg pain \xff"], input=b"L4-5: left disc protrusion.", capture_output=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert any("symptoms: replaced 1" in w for w in json.loads(proc.stdout)["warnings"])


def test_text_stream_without_bytes_under_it(nlp):
    out = io.StringIO()
    assert main(["analyze", "-", "--format", "json"], out=out, stdin=io.StringIO("L4-5: disc bulge \ud800.")) == 0
    assert any("stdin: replaced 1" in w for w in json.loads(out.getvalue())["warnings"])
