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
