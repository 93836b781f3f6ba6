"""Batch processing through the CLI: folders with bad files, CSV exports, resume after kill -9."""

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from spinelens.batch import flat_rows
from spinelens.batch.local import _repair_csv_report, _repair_torn_line
from spinelens.cli import main
from tests.conftest import ROOT, SAMPLES


def batch(*argv: str) -> int:
    return main(["batch", *argv])


def records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_folder_with_bad_files(nlp, folder, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert batch(str(folder), "--out", str(out), "--workers", "2", "--summary") == 1
    recs = records(out)
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)) == 10
    assert "2024/march/acc-1" in ids
    by_id = {r["id"]: r for r in recs}
    assert by_id["binary"]["error"]["kind"] == "binary"
    assert by_id["huge"]["error"]["kind"] == "too_large"
    assert "empty report" in " ".join(by_id["empty"]["warnings"])
    assert any("cp1252" in w for w in by_id["windows"]["warnings"])
    assert by_id["2024/march/acc-1"]["findings"][0]["type"] == "disc_protrusion"
    assert all(r["source"] for r in recs)
    summary = capsys.readouterr().out
    assert "10 inputs: 8 analysed, 2 failed" in summary and "binary 1" in summary


def test_output_order_is_input_order_with_workers(nlp, folder, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    batch(str(folder), "--out", str(one), "--workers", "1")
    batch(str(folder), "--out", str(two), "--workers", "2")
    assert one.read_text() == two.read_text()


def test_csv_export_with_quoted_newlines_and_broken_rows(nlp, tmp_path):
    export = tmp_path / "export.csv"
    with open(export, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["accession", "report", "age", "sex", "history"])
        w.writerow(["A1", "L4-5: left paracentral protrusion.\nNo canal stenosis.", "45", "F", "left foot drop"])
        w.writerow(["A2", "L5-S1 mild disc bulge.", "n/a", "M", ""])
        w.writerow(["A3", "Normal lumbar MRI.", "60", "", ""])
    with open(export, "a") as fh:
        fh.write('A4,"never closed, 40, F\n')
    out = tmp_path / "findings.csv"
    code = batch(str(export), "--text-column", "report", "--id-column", "accession", "--age-column", "age",
                 "--sex-column", "sex", "--symptoms-column", "history", "--out", str(out), "--format", "csv")
    assert code == 1
    rows = list(csv.DictReader(out.open()))
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    assert {r["type"] for r in by_id["A1"]} == {"disc_protrusion", "central_canal_stenosis"}
    a1 = next(r for r in by_id["A1"] if r["type"] == "disc_protrusion")
    assert (a1["category"], a1["age"], a1["sex"]) == ("concordant", "45.0", "female")
    assert by_id["A3"][0]["type"] == ""  # one row for a report with no findings
    broken = [r for r in rows if r["error_kind"] == "broken_row"]
    assert len(broken) == 1 and "line" in broken[0]["error_message"]


def test_jsonl_table_and_parquet_output(nlp, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    table = tmp_path / "reports.jsonl"
    table.write_text("\n".join(json.dumps({"id": f"r{i}", "text": t}) for i, t in
                               enumerate(["L4-5 disc bulge.", "L1 hemangioma.", "No stenosis."])) + "\n{broken\n")
    out = tmp_path / "out.parquet"
    assert batch(str(table), "--id-column", "id", "--out", str(out), "--format", "parquet") == 1
    data = pq.read_table(str(out)).to_pylist()
    assert {d["id"] for d in data} >= {"r0", "r1", "r2"}
    assert any(d["error_kind"] == "broken_row" for d in data)


@pytest.mark.parametrize("argv, message", [
    (["nope/", "--out", "x.jsonl"], "no such file or folder"),
    (["{table}", "--text-column", "body", "--out", "{out}"], "no column 'body'"),
    (["{table}", "--workers", "0", "--out", "{out}"], "--workers"),
])
def test_usage_errors(tmp_path, capsys, argv, message):
    table = tmp_path / "t.csv"
    table.write_text("text\nL4-5 bulge\n")
    argv = [a.format(table=table, out=tmp_path / "o.jsonl") for a in argv]
    assert batch(*argv) == 2
    assert message in capsys.readouterr().err


def test_torn_line_is_repaired(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text('{"id": "a", "source": "s"}\n{"id": "b", "sou')
    _repair_torn_line(out)
    assert out.read_text() == '{"id": "a", "source": "s"}\n'


def test_partial_csv_report_is_cut(tmp_path):
    out = tmp_path / "o.csv"
    rec = {"id": "b", "source": "s", "clinical": {}, "findings": [
        {"type": t, "level": None, "side": None, "certainty": "present", "mentions": [{"text": t}]} for t in "xyz"]}
    rows = flat_rows(rec)
    with out.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(flat_rows({"id": "a", "source": "s", "clinical": {}, "findings": []}) + rows[:2])
    _repair_csv_report(out)
    assert [r["id"] for r in csv.DictReader(out.open())] == ["a"]


def test_kill_9_and_resume_accounts_for_every_input_once(nlp, tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(400):
        (src / f"r{i:04d}.txt").write_text(texts[i % len(texts)])
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "spinelens", "batch", str(src), "--out", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 40):
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = out.read_text().count("\n")
    assert 0 < partial < 400
    with out.open("a") as fh:
        fh.write('{"id": "torn')  # as if the kill landed mid-write
    assert subprocess.run(cmd + ["--resume"], cwd=ROOT, timeout=300).returncode == 0
    ids = [r["id"] for r in records(out)]
    assert sorted(ids) == [f"r{i:04d}" for i in range(400)]
    clean = tmp_path / "clean.jsonl"
    subprocess.run(cmd[:5] + ["--out", str(clean), "--workers", "2", "--quiet"], cwd=ROOT, timeout=300, check=True)
    assert sorted(records(out), key=lambda r: r["id"]) == records(clean)


def test_docx_reports_and_broken_pdf(nlp, tmp_path):
    docx = pytest.importorskip("docx")
    root = tmp_path / "docs"
    root.mkdir()
    document = docx.Document()
    document.add_paragraph("FINDINGS:")
    document.add_paragraph("L4-5: Left paracentral disc protrusion.")
    document.save(str(root / "report.docx"))
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    out = tmp_path / "out.jsonl"
    assert batch(str(root), "--glob", "*.*", "--out", str(out), "--workers", "1") == 1
    by_id = {r["id"]: r for r in records(out)}
    assert by_id["report"]["findings"][0]["type"] == "disc_protrusion"
    assert by_id["broken"]["error"]["kind"] == "unreadable"


def test_progress_bar_only_when_asked(nlp, tmp_path, capsys):
    from spinelens.batch import Options, run

    (tmp_path / "a.txt").write_text("L4-5 bulge.")
    run([str(tmp_path / "a.txt")], tmp_path / "o.jsonl", "jsonl", 1, False, Options(), progress=True)
    assert "reports" in capsys.readouterr().err
    run([str(tmp_path / "a.txt")], tmp_path / "o.jsonl", "jsonl", 1, False, Options(), progress=False)
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- bad inputs: answered, never lost, no traceback


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    code = batch(*argv)
    return code, capsys.readouterr().err


def write_export(path, rows, header=("accession", "report", "age")) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write(",".join(header) + "\n")
        fh.writelines(rows)


def test_unclosed_quote_is_a_broken_row_and_the_rows_it_swallowed_are_read_again(nlp, tmp_path, capsys):
    export = tmp_path / "export.csv"
    write_export(export, [
        'ACC-1001,"L4-5: left paracentral protrusion.\nL5, S1: no stenosis.\n76005, as before.",45\n',  # legit
        'ACC-1002,"L5-S1: mild bulge. The quote is never closed,50\n',
        'ACC-1003,L3-4: small central protrusion.,61\n',  # swallowed, no quote of its own
        'ACC-1004,"L2-3: disc bulge.",70\n',  # its opening quote is where csv stops
        'ACC-1005,Normal lumbar MRI.,33\n',
    ])
    out = tmp_path / "out.jsonl"
    code, err = run_cli([str(export), "--id-column", "accession", "--text-column", "report", "--out", str(out),
                         "--workers", "1", "--quiet"], capsys)
    assert code == 1 and "1 of 5 inputs failed (broken_row 1)" in err and "Traceback" not in err
    by_id = {r["id"]: r for r in records(out)}
    assert sorted(by_id) == [f"ACC-100{i}" for i in range(1, 6)]  # one record per row, none lost
    broken = by_id["ACC-1002"]["error"]
    assert broken["kind"] == "broken_row" and "quote is not closed" in broken["message"]
    assert "(line 5)" in broken["message"] and "(line 6)" in broken["message"] and "mild bulge" not in broken["message"]  # where, never the text
    assert {f["type"] for f in by_id["ACC-1001"]["findings"]} >= {"disc_protrusion"}  # multi-line text is fine
    assert by_id["ACC-1003"]["findings"][0]["type"] == "disc_protrusion"
    assert by_id["ACC-1004"]["source"].endswith("#4") and "error" not in by_id["ACC-1005"]


@pytest.mark.parametrize("rows, broken", [
    (['"L4-5 bulge.,45\n', '"L5-S1 protrusion.",50\n', 'Normal.,60\n'], "export:1"),  # no id column: csv stops
    (['L4-5 bulge.,45\n', '"L5-S1 protrusion. Never closed,50\n', 'Normal.,60\n'], "export:2"),  # at the end
])
def test_unclosed_quote_without_ids(nlp, tmp_path, capsys, rows, broken):
    export = tmp_path / "export.csv"
    write_export(export, rows, header=("text", "age"))
    out = tmp_path / "out.jsonl"
    assert run_cli([str(export), "--out", str(out), "--workers", "1", "--quiet"], capsys)[0] == 1
    recs = records(out)
    assert [r["id"] for r in recs if "error" in r] == [broken]
    assert recs[0]["error" if broken == "export:1" else "findings"]
    assert "quote is not closed" in next(r for r in recs if "error" in r)["error"]["message"]


def test_swallowed_lines_are_told_from_report_lines():
    import re

    from spinelens.batch.tables import leads_pattern, swallowed

    def leads(cell: str) -> list[str]:
        return re.findall(leads_pattern(","), cell)

    text = "L4-5 bulge.\nL5, S1 roots normal.\n76005, fluoroscopy.\nC7-T1,normal.\nImpression: mild."
    assert swallowed("ACC-1", leads(text)) is None and swallowed("76004", leads(text)) is None
    assert swallowed("A9", leads("L4-5 bulge.,45\nA10,\"L5-S1 protrusion.\"")) is not None
    assert swallowed("123456", leads("x\n123457,y")) and not swallowed("123456", leads("x\n1234,y"))
    assert leads("x\n\"A2\",\"y") == ["A2"] and re.findall(leads_pattern("\t"), "x\nA2\ty\nB3, z") == ["A2"]


def test_empty_tables_and_folders_warn(nlp, tmp_path, capsys):
    (tmp_path / "header.csv").write_text("accession,text\n\n")
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "empty.jsonl").write_text("\n")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "one.txt").write_text("L4-5 bulge.")
    out = tmp_path / "out.jsonl"
    code, err = run_cli([str(tmp_path / n) for n in ("header.csv", "empty.csv", "empty.jsonl", "nothing", "one.txt")]
                        + ["--out", str(out), "--workers", "1", "--quiet"], capsys)
    assert code == 0 and len(records(out)) == 1
    assert err.splitlines() == [f"spinelens: warning: {tmp_path / 'header.csv'}: no data rows",
                                f"spinelens: warning: {tmp_path / 'empty.csv'}: no data rows",
                                f"spinelens: warning: {tmp_path / 'empty.jsonl'}: no data rows",
                                f"spinelens: warning: {tmp_path / 'nothing'}: no files match *.txt"]
    code, err = run_cli([str(tmp_path / "header.csv"), "--text-column", "report", "--out", str(out)], capsys)
    assert code == 2 and "no column 'report'" in err  # the header names the columns, rows or not


def test_invalid_age_and_sex_cells_are_warnings(nlp, tmp_path, capsys):
    export = tmp_path / "export.csv"
    write_export(export, [f"A{i},L4-5: disc bulge.,{age},{sex}\n" for i, (age, sex) in enumerate(
        [("abc", "?"), ("200", "F"), ("-3", "male"), ("", ""), ("NaN", "m"), (" 45 ", "W"), ("x" * 50, "")])],
        header=("id", "text", "age", "sex"))
    out = tmp_path / "out.jsonl"
    code, _ = run_cli([str(export), "--id-column", "id", "--age-column", "age", "--sex-column", "sex",
                       "--out", str(out), "--workers", "1", "--quiet"], capsys)
    assert code == 0  # a report is still read without an age it cannot use
    by_id = {r["id"]: r for r in records(out)}
    assert [by_id[f"A{i}"]["clinical"]["age"] for i in range(7)] == [None, None, None, None, None, 45.0, None]
    assert by_id["A0"]["warnings"] == ["age cell 'abc' ignored: not an age in years (0-130)",
                                       "sex cell '?' ignored: not female or male (F, M, woman, man)"]
    assert any("'200' ignored" in w for w in by_id["A1"]["warnings"]) and by_id["A1"]["clinical"]["sex"] == "female"
    assert any("'-3' ignored" in w for w in by_id["A2"]["warnings"])
    assert not by_id["A3"]["warnings"] and not by_id["A4"]["warnings"]  # empty and NaN cells: no age, no fuss
    assert by_id["A6"]["warnings"] == [f"age cell '{'x' * 20}...' ignored: not an age in years (0-130)"]


def test_links_loops_and_capital_suffixes(nlp, linked, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    code, err = run_cli([str(linked), "--out", str(out), "--workers", "1", "--quiet"], capsys)
    assert code == 1 and "3 of 7 inputs failed (unreadable 3)" in err and "Traceback" not in err
    by_id = {r["id"]: r for r in records(out)}
    assert sorted(by_id) == ["REPORT", "broken", "loop", "other/kept", "plain", "sub/Report", "sub/up"]
    assert "broken symbolic link" in by_id["broken"]["error"]["message"]
    assert "symbolic link loop" in by_id["loop"]["error"]["message"]
    assert "symbolic link loop" in by_id["sub/up"]["error"]["message"]  # not followed: no endless walk
    assert all(by_id[i]["findings"] for i in ("REPORT", "sub/Report", "other/kept"))


@pytest.mark.parametrize("make_out, message", [
    (lambda tmp: tmp / "export.csv" / "out.jsonl", "is not a folder"),  # below a file
    (lambda tmp: tmp / "ro" / "out.jsonl", "permission denied"),  # a read-only folder
])
def test_out_that_cannot_be_written_is_refused_before_any_work(tmp_path, capsys, monkeypatch, make_out, message):
    (tmp_path / "export.csv").write_text("text\nL4-5 bulge.\n")
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o555)
    if os.geteuid() == 0:  # root writes in a read-only folder; os.access tells (as for root) what it refuses
        import spinelens.batch.local as engine

        real = os.access
        monkeypatch.setattr(engine.os, "access", lambda p, mode: real(p, mode) and "ro" not in str(p))
    out = make_out(tmp_path)
    code, err = run_cli([str(tmp_path / "export.csv"), "--out", str(out), "--workers", "1"], capsys)
    assert code == 2 and message in err and len(err.splitlines()) == 1 and not out.exists()


def test_out_in_a_missing_folder_is_made(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("L4-5 bulge.")
    out = tmp_path / "results" / "2024" / "out.csv"
    assert batch(str(tmp_path / "a.txt"), "--out", str(out), "--format", "csv", "--workers", "1") == 0
    assert [r["id"] for r in csv.DictReader(out.open())] == ["a"]


def test_broken_parquet_is_one_line(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    (tmp_path / "export.parquet").write_bytes(b"not parquet at all" * 10)
    code, err = run_cli([str(tmp_path / "export.parquet"), "--out", str(tmp_path / "o.jsonl")], capsys)
    assert code == 2 and "not a readable Parquet file" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("victim", ["parent", "worker"])
def test_kill_9_leaves_no_worker_traceback_and_resume_finishes(nlp, tmp_path, victim):
    psutil = pytest.importorskip("psutil")
    src = tmp_path / "many"
    src.mkdir()
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    for i in range(240):
        (src / f"r{i:04d}.txt").write_text(texts[i % len(texts)])
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "spinelens", "batch", str(src), "--out", str(out), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text().count("\n") < 20):
        time.sleep(0.05)
    workers = psutil.Process(proc.pid).children()
    assert len(workers) == 2
    os.kill(proc.pid if victim == "parent" else workers[0].pid, signal.SIGKILL)
    try:  # the pipe closes when the parent and every worker are gone
        err = proc.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("the run or its workers did not stop") from None
    assert "Traceback" not in err
    if victim == "worker":  # the parent says what happened in one line
        assert proc.returncode == 1 and len(err.splitlines()) == 1 and "worker process died" in err
        assert "--resume" in err
    def gone(w) -> bool:  # a zombie is gone (a container's init may not reap it)
        try:
            return not w.is_running() or w.status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    deadline = time.time() + 10  # a worker may still be closing down after its pipe closed
    while time.time() < deadline and not all(gone(w) for w in workers):
        time.sleep(0.1)
    assert all(gone(w) for w in workers)
    assert 0 < out.read_text().count("\n") < 240
    assert subprocess.run(cmd + ["--resume"], cwd=ROOT, timeout=300).returncode == 0
    assert sorted(r["id"] for r in records(out)) == [f"r{i:04d}" for i in range(240)]
