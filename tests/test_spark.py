"""SpineLens on Spark (local[2]): the same records as the single-machine batch, error rows, never a failed job."""

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from spinelens.batch import FLAT_COLUMNS, UsageError
from spinelens.cli import main
from tests.conftest import SAMPLES

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[dev]')")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402

from spinelens.batch import spark as sls  # noqa: E402

JAVA = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin")) if os.environ.get("JAVA_HOME") \
    else shutil.which("java")


@pytest.fixture(scope="session")
def spark():
    if not JAVA:
        if os.environ.get("CI") == "true":  # .ci/run installs a Java runtime: a missing one is a CI fault
            pytest.fail("no Java runtime, though .ci/run installs one")
        pytest.skip("Spark needs a Java runtime (17 or later): none on PATH or in JAVA_HOME")
    session = sls.session(master="local[2]")
    yield session
    session.stop()


def local_batch(*argv: str) -> int:
    return main(["batch", *argv, "--workers", "1", "--quiet"])


def spark_batch(*argv: str) -> int:
    return main(["batch", *argv, "--engine", "spark", "--quiet"])


def spark_jsonl(folder) -> list[dict]:
    return [json.loads(line) for part in sorted(folder.glob("part-*")) for line in part.read_text().splitlines()]


def spark_csv(folder) -> list[list[str]]:
    rows: list[list[str]] = []
    for part in sorted(folder.glob("part-*.csv")):
        with open(part, newline="", encoding="utf-8") as fh:
            header, *body = list(csv.reader(fh))
            assert header == FLAT_COLUMNS
            rows.extend(body)
    return rows


def by_key(records: list[dict]) -> dict[tuple, dict]:
    return {(r["source"], r["id"]): r for r in records}


def table(path) -> list[tuple]:
    return sorted(tuple(str(v) for v in row.values()) for row in pq.read_table(path).to_pylist())


# ---------------------------------------------------------------- same records as the single machine


def test_folder_jsonl_equals_local_batch(spark, folder, tmp_path):
    local, distributed = tmp_path / "local.jsonl", tmp_path / "spark"
    assert local_batch(str(folder), "--out", str(local)) == 1  # binary.txt and huge.txt fail in both
    assert spark_batch(str(folder), "--out", str(distributed)) == 1
    mine = by_key([json.loads(line) for line in local.read_text().splitlines()])
    theirs = by_key(spark_jsonl(distributed))
    assert len(mine) == len(spark_jsonl(distributed)) == 10 and mine.keys() == theirs.keys()
    for key, record in mine.items():
        assert theirs[key] == record, key
    assert theirs[(str(folder / "binary.txt"), "binary")]["error"]["kind"] == "binary"
    assert theirs[(str(folder / "2024/march/acc-1.txt"), "2024/march/acc-1")]["findings"][0]["type"] == \
        "disc_protrusion"


def test_folder_csv_and_parquet_equal_local_batch(spark, folder, tmp_path):
    assert local_batch(str(folder), "--out", str(tmp_path / "l.csv"), "--format", "csv") == 1
    assert spark_batch(str(folder), "--out", str(tmp_path / "s-csv"), "--format", "csv") == 1
    with open(tmp_path / "l.csv", newline="", encoding="utf-8") as fh:
        header, *mine = list(csv.reader(fh))
    assert header == FLAT_COLUMNS
    assert sorted(spark_csv(tmp_path / "s-csv")) == sorted(mine)
    assert len(mine) > 10  # one row per finding

    assert local_batch(str(folder), "--out", str(tmp_path / "l.parquet"), "--format", "parquet") == 1
    assert spark_batch(str(folder), "--out", str(tmp_path / "s.parquet"), "--format", "parquet") == 1
    assert pq.read_schema(tmp_path / "l.parquet").names == pq.read_table(tmp_path / "s.parquet").schema.names
    assert table(tmp_path / "s.parquet") == table(tmp_path / "l.parquet")


@pytest.fixture
def awkward(folder):
    """File and folder names that Hadoop's readers skip or cannot parse, beside the usual bad files."""
    text = "L4-5: left paracentral disc protrusion."
    for name in ("_draft.txt", "_archive/b.txt", ".old/c.txt", "x[1].txt", "2024-03-01T10:00.txt",
                 "sub dir/ünïcode {report}.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_awkward_names_and_summary_equal_local_batch(spark, awkward, tmp_path, capsys):
    assert local_batch(str(awkward), "--out", str(tmp_path / "l.jsonl"), "--summary") == 1
    local_summary = capsys.readouterr().out
    assert spark_batch(str(awkward), "--out", str(tmp_path / "s"), "--summary") == 1
    assert capsys.readouterr().out == local_summary  # counts by kind, category and type
    mine = [json.loads(line) for line in (tmp_path / "l.jsonl").read_text().splitlines()]
    theirs = spark_jsonl(tmp_path / "s")
    assert len(theirs) == len(mine) == 16 and by_key(theirs) == by_key(mine)
    assert "_archive/b" in {r["id"] for r in theirs} and "2024-03-01T10:00" in {r["id"] for r in theirs}


def test_files_on_a_hadoop_path(spark, folder, tmp_path):
    """A file:// URI takes the path for HDFS/S3 (Spark's binaryFile): empty and oversized files still
    get their records, and the records equal the local engine's but for the source."""
    assert local_batch(str(folder), "--out", str(tmp_path / "l.jsonl")) == 1
    assert spark_batch(folder.as_uri(), "--out", str(tmp_path / "s")) == 1
    mine = {r["id"]: {**r, "source": None} for r in map(json.loads, (tmp_path / "l.jsonl").read_text().splitlines())}
    theirs = spark_jsonl(tmp_path / "s")
    assert len(theirs) == 10 and {r["id"]: {**r, "source": None} for r in theirs} == mine
    assert {r["source"] for r in theirs} == {f"{folder.as_uri()}/{r['id']}.txt" for r in theirs}


@pytest.fixture
def export(tmp_path):
    """A CSV export: id, report, clinical columns, and rows a real export has (empty, NUL, broken)."""
    path = tmp_path / "export.csv"
    samples = sorted(SAMPLES.glob("*.txt"))[:10]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["accession", "report", "age", "sex", "symptoms"])
        for i, p in enumerate(samples):
            w.writerow([f"A{i}", p.read_text(), ["", "34", "67.5", "abc"][i % 4], ["", "F", "male", "?"][i % 4],
                        "" if i % 3 else "left leg pain to the big toe, worse on sitting"])
        w.writerow(["E1", "", "50", "M", ""])  # an empty report: a record with a warning, not an error
        w.writerow(["", "", "", "", ""])  # a row of empty cells: no row at all, in both engines
        w.writerow([" A4 ", "L4-5: left paracentral protrusion.", " 45 ", "F", ""])  # spaces kept
        w.writerow(["E2", "L4-5 bulge\x00\x00", "50", "M", ""])
        fh.write('E3,"L4-5: mild bulge",50,M,,an extra field\n')
    return path


def test_table_equals_local_batch(spark, export, tmp_path):
    cols = ["--text-column", "report", "--id-column", "accession", "--age-column", "age", "--sex-column", "sex",
            "--symptoms-column", "symptoms"]
    assert local_batch(str(export), *cols, "--out", str(tmp_path / "l.jsonl")) == 1
    assert spark_batch(str(export), *cols, "--out", str(tmp_path / "s")) == 1
    mine = [json.loads(line) for line in (tmp_path / "l.jsonl").read_text().splitlines()]
    theirs = spark_jsonl(tmp_path / "s")
    assert len(theirs) == len(mine) == 14
    assert {r["source"] for r in theirs} == {str(export)}  # Spark knows the file, not the row number
    ok = {r["id"]: {**r, "source": None} for r in theirs if "error" not in r}
    assert ok == {r["id"]: {**r, "source": None} for r in mine if "error" not in r}
    assert ok["A0"]["clinical"]["symptoms"] and ok["A1"]["clinical"]["age"] == 34.0 and " A4 " in ok
    errors = sorted(r["error"]["kind"] for r in theirs if "error" in r)
    assert errors == sorted(r["error"]["kind"] for r in mine if "error" in r) == ["binary", "broken_row"]
    broken = next(r for r in theirs if r.get("error", {}).get("kind") == "broken_row")
    assert broken["id"] == "E3" and "mild bulge" not in broken["error"]["message"]  # never the row's text


def test_csv_output_keeps_values_and_odd_headers_work(spark, tmp_path):
    src = tmp_path / "export[2024].csv"  # a glob character in the name
    src.write_text('id,text,text\n A1 ,ignored,"L4-5: left paracentral protrusion."\n,,\nA2,x,L5-S1 bulge.\n')
    assert local_batch(str(src), "--id-column", "id", "--out", str(tmp_path / "l.csv"), "--format", "csv") == 0
    assert spark_batch(str(src), "--id-column", "id", "--out", str(tmp_path / "s"), "--format", "csv") == 0
    with open(tmp_path / "l.csv", newline="", encoding="utf-8") as fh:
        mine = list(csv.reader(fh))[1:]
    def no_source(rows):  # Spark's source is the file without '#<row>'
        return sorted(r[:1] + r[2:] for r in rows)

    assert no_source(spark_csv(tmp_path / "s")) == no_source(mine)  # the last 'text' counts; ' A1 ' keeps spaces
    assert {r[0] for r in mine} == {" A1 ", "A2"}


def test_typed_parquet_table_equals_local_batch(spark, tmp_path):
    """Numbers and nulls in typed columns are read as the local engine reads them."""
    samples = sorted(SAMPLES.glob("*.txt"))[:6]
    src = tmp_path / "export.parquet"
    pq.write_table(pa.table({"acc": pa.array([101, 102, 103, 104, 105, None], pa.int64()),
                             "text": [p.read_text() for p in samples],
                             "age": pa.array([34.0, None, 67.5, 80.0, 12.0, 45.0], pa.float64()),
                             "sex": ["F", None, "m", "female", "", "M"]}), src)
    cols = ["--id-column", "acc", "--age-column", "age", "--sex-column", "sex"]
    assert local_batch(str(src), *cols, "--out", str(tmp_path / "l.parquet"), "--format", "parquet") == 0
    assert spark_batch(str(src), *cols, "--out", str(tmp_path / "s.parquet"), "--format", "parquet") == 0

    def comparable(path):  # a null id is "<stem>:<row>" locally and null on Spark; source has no row number
        return sorted(tuple(str(v) for k, v in r.items() if k != "source") for r in pq.read_table(path).to_pylist()
                      if r["id"] not in (None, "export:6"))

    assert comparable(tmp_path / "s.parquet") == comparable(tmp_path / "l.parquet")
    ages = {r["id"]: r["age"] for r in pq.read_table(tmp_path / "s.parquet").to_pylist()}
    assert ages["101"] == 34.0 and ages["103"] == 67.5


def test_jsonl_table_without_id_column_and_with_a_bad_line(spark, tmp_path):
    src = tmp_path / "reports.jsonl"
    src.write_text('{"id": 1, "text": "L4-5: left paracentral protrusion."}\nnot json\n\n'
                   '{"id": 2, "text": "L5-S1: mild bulge.", "age": 40}\n')
    assert local_batch(str(src), "--out", str(tmp_path / "l.csv"), "--format", "csv") == 1
    assert spark_batch(str(src), "--out", str(tmp_path / "s"), "--format", "csv") == 1
    with open(tmp_path / "l.csv", newline="", encoding="utf-8") as fh:
        mine = list(csv.reader(fh))[1:]
    theirs = spark_csv(tmp_path / "s")
    idx = {c: i for i, c in enumerate(FLAT_COLUMNS)}

    def comparable(rows):  # ids are "<stem>:<row>" in both; the source has no row number in Spark
        return sorted([v for c, v in zip(FLAT_COLUMNS, r, strict=True) if c not in ("source", "error_message")]
                      for r in rows)

    assert comparable(theirs) == comparable(mine)
    assert {(r[idx["id"]], r[idx["type"]] or r[idx["error_kind"]]) for r in theirs} == {
        ("reports:1", "disc_protrusion"), ("reports:2", "broken_row"), ("reports:3", "disc_bulge")}


# ---------------------------------------------------------------- analyze_dataframe


def test_analyze_dataframe_outputs(spark):
    import spinelens

    text = (SAMPLES / "us-structured-l45-left-protrusion-radiculopathy.txt").read_text()
    df = spark.createDataFrame([(1, text, 45, "left leg pain below the knee"), (2, None, None, None),
                                (3, "L4-5 bulge\x00", None, None), (4, "L4-5 bulge. " * 90_000, None, None),
                                (None, "L3-4: small central protrusion.", 130, None)],
                               "acc long, report string, age int, symptoms string")
    rows = sls.analyze_dataframe(df, text_col="report", id_col="acc", age_col="age", symptoms_col="symptoms")
    assert rows.columns == FLAT_COLUMNS
    assert dict(rows.dtypes)["age"] == "double" and dict(rows.dtypes)["report_rows"] == "bigint"
    got = rows.toPandas()
    assert set(got["id"].dropna()) == {"1", "2", "3", "4"} and got["id"].isna().any()  # a null id stays a row
    errors = dict(zip(got["id"].dropna(), got["error_kind"], strict=False))
    assert errors["3"] == "binary" and errors["4"] == "too_large"
    expected = spinelens.analyze(text, age=45, symptoms="left leg pain below the knee", id="1").to_dict()
    mine = got[got["id"] == "1"]
    assert sorted(mine["type"]) == sorted(f["type"] for f in expected["findings"])
    assert set(mine["report_rows"]) == {len(expected["findings"])}

    js = sls.analyze_dataframe(df, text_col="report", id_col="acc", age_col="age", symptoms_col="symptoms",
                               output="json").toPandas()
    assert list(js.columns) == ["id", "source", "error_kind", "result"] and len(js) == 5
    record = json.loads(js[js["id"] == "1"]["result"].iloc[0])
    assert {**record, "source": None} == {**expected, "source": None}
    import jsonschema

    schema = spinelens.schema()
    for result in js[js["error_kind"].isna()]["result"]:
        jsonschema.validate(json.loads(result), schema)


def test_analyze_dataframe_rejects_bad_arguments(spark):
    df = spark.createDataFrame([("1", "L4-5 bulge.")], "id string, text string")
    with pytest.raises(UsageError, match=r"text_col='report': no such column \(columns: id, text\)"):
        sls.analyze_dataframe(df, text_col="report")
    with pytest.raises(UsageError, match="output must be one of findings, json"):
        sls.analyze_dataframe(df, output="csv")


def test_a_row_that_breaks_the_analysis_is_an_error_row(monkeypatch):
    """The executor-side function, run in process: a bug costs one row, never the partition."""
    import importlib

    import pandas as pd

    engine = importlib.import_module("spinelens.analyze")  # the module (spinelens.analyze is the function)
    real = engine.analyze

    def flaky(text, **kw):
        if "boom" in text:
            raise RuntimeError("simulated bug")
        return real(text, **kw)

    monkeypatch.setattr(engine, "analyze", flaky)
    batch = pd.DataFrame({"id": ["a", "b"], "source": [None, None], "text": ["boom", "L4-5: mild bulge."],
                          "symptoms": [None, None], "age": ["51", None], "sex": [None, "F"], "content": [None, None],
                          "size": [float("nan")] * 2, "broken": [None, None]})
    out = pd.concat(sls._analyse_batches(iter([batch]), "findings"))
    assert list(out.columns) == FLAT_COLUMNS
    assert out[out["id"] == "a"][["error_kind", "error_message"]].values.tolist() == \
        [["internal_error", "RuntimeError: simulated bug"]]
    assert out[out["id"] == "b"]["type"].tolist() == ["disc_bulge"]


# ---------------------------------------------------------------- the CLI's boundaries


def test_cli_refuses_what_spark_cannot_do(spark, folder, tmp_path, capsys):
    assert spark_batch(str(folder), "--out", str(tmp_path / "o"), "--resume") == 2
    assert "--resume is for the local engine" in capsys.readouterr().err
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "report.txt").write_text("L4-5 bulge.")
    assert spark_batch(str(folder), "--out", str(keep)) == 2  # a typo must not delete a folder of reports
    assert "not an earlier Spark output" in capsys.readouterr().err and (keep / "report.txt").exists()
    assert spark_batch(str(tmp_path / "missing"), "--out", str(tmp_path / "o")) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert local_batch(str(folder), "--out", str(tmp_path / "o"), "--spark-master", "local[1]") == 2
    assert spark_batch(str(folder), "--out", str(folder / "results")) == 2  # it would read its own output
    assert "inside the input" in capsys.readouterr().err
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all" * 10)
    assert spark_batch(str(broken), "--out", str(tmp_path / "o")) == 2  # a failed job: one line, no Java stack
    err = capsys.readouterr().err
    assert "Spark failed:" in err and "is not a Parquet file" in err and len(err.splitlines()) == 1


def test_without_java_a_clear_message(tmp_path):
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java"), "PATH": os.path.dirname(sys.executable)}
    proc = subprocess.run([sys.executable, "-m", "spinelens", "batch", str(SAMPLES), "--engine", "spark",
                           "--out", str(tmp_path / "o")], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert "Java" in proc.stderr and "Traceback" not in proc.stderr


# ---------------------------------------------------------------- bad inputs, as the local engine answers them


def test_unclosed_quote_and_empty_inputs_as_the_local_engine(spark, tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_text('accession,report,age\nACC-1001,"L4-5: left paracentral protrusion.\nL5, S1: no stenosis.",45\n'
                      'ACC-1002,"L5-S1: mild bulge. The quote is never closed,50\nACC-1003,L3-4: small central '
                      'protrusion.,61\nACC-1004,"L2-3: disc bulge.",70\nACC-1005,Normal lumbar MRI.,33\n')
    (tmp_path / "header.csv").write_text("accession,report,age\n")
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "nothing").mkdir()
    inputs = [str(tmp_path / n) for n in ("export.csv", "header.csv", "empty.jsonl", "nothing")]
    cols = ["--id-column", "accession", "--text-column", "report", "--age-column", "age"]
    assert local_batch(*inputs, *cols, "--out", str(tmp_path / "l.jsonl")) == 1
    local_err = capsys.readouterr().err.splitlines()
    assert spark_batch(*inputs, *cols, "--out", str(tmp_path / "s")) == 1
    spark_err = capsys.readouterr().err.splitlines()
    notes = {line for line in local_err if "warning" in line}
    assert len(notes) == 3 and notes == {line for line in spark_err if "warning" in line}
    mine = {r["id"]: {**r, "source": None} for r in map(json.loads, (tmp_path / "l.jsonl").read_text().splitlines())}
    theirs = {r["id"]: {**r, "source": None} for r in spark_jsonl(tmp_path / "s")}
    # Spark cannot read again the rows a broken one swallowed: it names the first; the local engine reads them
    assert sorted(theirs) == ["ACC-1001", "ACC-1002", "ACC-1005"] and len(mine) == 5
    assert theirs["ACC-1002"]["error"]["kind"] == mine["ACC-1002"]["error"]["kind"] == "broken_row"
    assert "'ACC-1003'" in theirs["ACC-1002"]["error"]["message"]
    assert "mild bulge" not in theirs["ACC-1002"]["error"]["message"]
    assert theirs["ACC-1001"] == mine["ACC-1001"] and theirs["ACC-1005"] == mine["ACC-1005"]


def test_links_and_capital_suffixes_as_the_local_engine(spark, linked, folder, tmp_path):
    assert local_batch(str(linked), "--out", str(tmp_path / "l.jsonl")) == 1
    assert spark_batch(str(linked), "--out", str(tmp_path / "s")) == 1
    mine = [json.loads(line) for line in (tmp_path / "l.jsonl").read_text().splitlines()]
    assert len(mine) == 7 and by_key(spark_jsonl(tmp_path / "s")) == by_key(mine)
    (folder / "UPPER.TXT").write_text("L4-5: disc bulge.")  # on HDFS/S3 (here file://) too, whatever the case
    assert spark_batch(folder.as_uri(), "--out", str(tmp_path / "u")) == 1
    assert "UPPER" in {r["id"] for r in spark_jsonl(tmp_path / "u")}


def test_out_below_a_file_is_refused_before_spark_starts(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("L4-5 bulge.")
    assert spark_batch(str(tmp_path / "a.txt"), "--out", str(tmp_path / "a.txt" / "out")) == 2
    err = capsys.readouterr().err
    assert "is not a folder" in err and len(err.splitlines()) == 1
