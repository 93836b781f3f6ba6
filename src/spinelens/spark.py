"""SpineLens on Apache Spark: the batch engine's records, computed on every executor.

    from spinelens.spark import analyze_dataframe
    findings = analyze_dataframe(spark.table("mri_reports"), text_col="report", id_col="accession",
                                 age_col="age")

Each Python worker builds the pipeline once (lazily, on its first report) and keeps it while Spark
reuses the worker. Rows go through exactly the code of ``spinelens batch`` (``batch.row_task`` /
``batch.bytes_task`` -> ``batch.analyse_task`` -> ``batch.flat_rows``), so a cluster gives the same
records as a laptop. A row that cannot be analysed becomes an error row; it never fails the job.

Differences from the single-machine engine, by design: output order is Spark's (not input order), and
``source`` is the file a row came from without a row number (Spark does not know row numbers).
"""

from __future__ import annotations

import csv
import functools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import (
    FLAT_COLUMNS,
    FLAT_TYPES,
    TABLE_SUFFIXES,
    Options,
    Summary,
    Task,
    UsageError,
    analyse_task,
    bytes_task,
    check_columns,
    check_format,
    error_record,
    file_task,
    first_row,
    flat_rows,
    json_row,
    report_files,
    row_id,
    row_task,
)
from .errors import SparkFailed, SparkUnavailable
from .inputs import MAX_BYTES

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

FINDINGS_SCHEMA = ", ".join(f"{c} {FLAT_TYPES.get(c, 'string')}" for c in FLAT_COLUMNS)
JSON_COLUMNS = ["id", "source", "error_kind", "result"]
JSON_SCHEMA = "id string, source string, error_kind string, result string"
OUTPUTS = ("findings", "json")

# Every input becomes a frame of these columns before analysis: table rows fill text and the clinical
# columns; JSON lines fill line (parsed on the executor, as the local engine parses it); local report
# files fill path (read on the executor by the local engine's own code); files on HDFS/S3/... fill
# content and size; broken says why a row could not be read (never its text).
_IN = {"id": "string", "source": "string", "text": "string", "symptoms": "string", "age": "string",
       "sex": "string", "content": "binary", "size": "bigint", "broken": "string", "path": "string",
       "line": "string"}
_ROW = Options(text_column="text", id_column="id", symptoms_column="symptoms", age_column="age", sex_column="sex")
_BROKEN_CSV = "broken CSV row: its fields do not match the header"


# ---------------------------------------------------------------- the library entry point


def analyze_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = "id",
    symptoms_col: str | None = None,
    age_col: str | None = None,
    sex_col: str | None = None,
    output: str = "findings",
    *,
    source_col: str | None = None,
    partitions: int | None = None,
) -> DataFrame:
    """Analyse the reports in ``df`` (one per row); lazy, like any Spark transformation.

    output="findings": the flat table of ``spinelens batch --format csv`` (one row per finding, one
    row for a report without findings or with an error; columns ``batch.FLAT_COLUMNS``).
    output="json": one row per report: id, source, error_kind and ``result``, the JSON record of
    ``result.schema.json`` (or the error record).

    Without ``id_col`` each row gets a unique (not consecutive) id. ``partitions``: repartition to
    this many before analysis; by default a frame with fewer partitions than the cluster has cores is
    spread over twice the cores (NLP is the cost, so every core should get work).
    """
    if output not in OUTPUTS:
        raise UsageError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")
    from pyspark.sql import functions as F

    given = {"text_col": text_col, "id_col": id_col, "symptoms_col": symptoms_col, "age_col": age_col,
             "sex_col": sex_col, "source_col": source_col}
    for arg, col in given.items():
        if col and col not in df.columns:
            raise UsageError(f"{arg}={col!r}: no such column (columns: {', '.join(df.columns)})")

    frame = _internal(df, id=_cell(id_col) if id_col else F.monotonically_increasing_id(), source=_cell(source_col),
                      text=_cell(text_col), symptoms=_cell(symptoms_col), age=_cell(age_col), sex=_cell(sex_col))
    return _analyse(frame, output, partitions)


def _internal(df: DataFrame, **given: Any) -> DataFrame:
    """``df`` as the internal frame: the given columns (Spark expressions), null for the rest."""
    from pyspark.sql import functions as F

    return df.select(*((given[c] if c in given else F.lit(None)).cast(t).alias(c) for c, t in _IN.items()))


def _cell(col: str | None) -> Any:
    """A column as text (null when not given): the engines read every cell as text."""
    from pyspark.sql import functions as F

    return F.col(f"`{col}`").cast("string") if col else F.lit(None).cast("string")


def _analyse(frame: DataFrame, output: str, partitions: int | None, opts: Options | None = None) -> DataFrame:
    if partitions:
        frame = frame.repartition(partitions)
    else:
        try:
            cores, current = frame.sparkSession.sparkContext.defaultParallelism, frame.rdd.getNumPartitions()
        except Exception:  # Spark Connect (Databricks shared or serverless compute) has no RDDs: keep Spark's
            cores = current = 0
        if current < cores:
            frame = frame.repartition(cores * 2)
    schema = FINDINGS_SCHEMA if output == "findings" else JSON_SCHEMA
    return frame.mapInPandas(functools.partial(_analyse_batches, output=output, opts=opts or _ROW), schema)


# ---------------------------------------------------------------- on the executors


def _analyse_batches(batches: Iterator[pd.DataFrame], output: str, opts: Options = _ROW) -> Iterator[pd.DataFrame]:
    """mapInPandas: Arrow batches of input rows -> frames of output rows (never raises for a row)."""
    import pandas as pd

    columns = FLAT_COLUMNS if output == "findings" else JSON_COLUMNS
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for row in batch.to_dict("records"):
            rows.extend(_render(_record(row, opts), output))
        out = pd.DataFrame(rows, columns=columns)
        if output == "findings":
            for col in ("age", "prevalence"):
                out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
            out["report_rows"] = out["report_rows"].fillna(1).astype("int64")
        yield out


def _record(row: dict[str, Any], opts: Options) -> dict[str, Any]:
    try:
        return analyse_task(_task(row, opts))
    except Exception as exc:  # analyse_task never raises; a strange cell must still cost one row only
        return error_record(Task(_text(row.get("id")), _text(row.get("source"))), "internal_error",
                            f"{type(exc).__name__}: {exc}")


def _task(row: dict[str, Any], opts: Options) -> Task:
    """The local engine's task for one internal row; ``opts`` names the columns of JSON lines."""
    rid, source = _text(row.get("id")), _text(row.get("source"))
    if _text(row.get("broken")):
        return Task(rid, source, error=("broken_row", row["broken"]))
    if _text(row.get("path")):
        return file_task(Path(row["path"]), rid, source)
    line = _text(row.get("line"))
    if line is not None:
        parsed, why = json_row(line)
        if parsed is None:
            return Task(rid, source, error=("broken_row", why))
        return row_task(parsed, row_id(parsed, opts) or rid, source, opts)
    size = row.get("size")
    if size is not None and size == size:  # a report file's bytes (NaN: a table row)
        content = row.get("content")
        return bytes_task(rid, source, Path(source or "report").name, None if content is None else bytes(content),
                          int(size))
    return row_task(row, rid, source, _ROW)


def _text(value: Any) -> str | None:
    return None if value is None or value != value else str(value)


def _render(record: dict[str, Any], output: str) -> list[dict[str, Any]]:
    if output == "findings":
        return flat_rows(record)
    return [{"id": record.get("id"), "source": record.get("source"),
             "error_kind": (record.get("error") or {}).get("kind"), "result": json.dumps(record, ensure_ascii=False)}]


# ---------------------------------------------------------------- spinelens batch --engine spark


def session(master: str | None = None, cores: int | None = None, progress: bool = False) -> SparkSession:
    """The active SparkSession; outside spark-submit / a notebook, a local one on this machine
    (``local[cores]``), bound to 127.0.0.1, without the web UI, using this Python for workers."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable("--engine spark needs the 'spark' extra: pip install 'spinelens[spark]' "
                               "(and a Java runtime, 17 or later)") from None
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = SparkSession.builder.appName("spinelens")
    launched = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit / pyspark shell: its master wins
    if master or not launched:
        master = master or f"local[{cores or os.cpu_count() or 1}]"
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need spinelens: this venv
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # private by default: nothing listens outside
        log4j = Path(__file__).with_name("log4j2-spark.properties")
        builder = (builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", str(progress).lower())
                   .config("spark.python.daemon.module", "spinelens.spark_daemon")  # pipeline built before fork
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j.as_uri()}"))
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise SparkUnavailable(f"Spark could not start ({first[:200]}); check --spark-master, and that a Java "
                               "runtime (17 or later) is on PATH or in JAVA_HOME") from None
    # a local run says what failed in one line (SparkFailed); on a cluster the driver log keeps Spark's errors
    spark.sparkContext.setLogLevel("FATAL" if (master or "").startswith("local") else "ERROR")
    return spark


def run(inputs: list[str], out: str, fmt: str, opts: Options, master: str | None = None,
        cores: int | None = None, progress: bool = False) -> Summary:
    """Analyse folders, report files and tables on Spark; write a folder of part files at ``out``
    (JSON lines, CSV with a header per part, or Parquet) and return the counts."""
    check_format(fmt)
    spark = session(master, cores, progress)
    try:
        _check_out(spark, out, inputs)
        frame = None
        for raw in inputs:
            part = _input_frame(spark, raw, opts)
            frame = part if frame is None else frame.unionByName(part)
        result = _analyse(frame, "json" if fmt == "jsonl" else "findings", None, opts)
        if fmt == "jsonl":  # the record itself on each line, as the single-machine JSONL
            result.select("result").write.mode("overwrite").text(out)
        elif fmt == "csv":  # quoted as Python's csv module does, values kept as they are
            (result.write.mode("overwrite").option("header", True).option("escape", '"')
             .option("ignoreLeadingWhiteSpace", False).option("ignoreTrailingWhiteSpace", False).csv(out))
        else:
            result.write.mode("overwrite").parquet(out)
        return _summary(spark, out, fmt)
    except UsageError:
        raise
    except Exception as exc:  # the job as a whole (storage, an unreadable table): one line, not a Java stack
        raise SparkFailed(f"Spark failed: {_root_cause(exc)}") from None


def _root_cause(exc: Exception) -> str:
    """The innermost Java cause of a failed job (e.g. 'x.parquet is not a Parquet file'), on one line."""
    cause = getattr(exc, "java_exception", None)
    try:
        while cause is not None and cause.getCause() is not None:
            cause = cause.getCause()
        text = str(cause.toString()) if cause is not None else f"{type(exc).__name__}: {exc}"
    except Exception:
        text = f"{type(exc).__name__}: {exc}"
    return (text.strip().splitlines() or [""])[0][:300]


def _hadoop_path(spark: SparkSession, raw: str) -> tuple[Any, Any]:
    """(Hadoop FileSystem, Path) for a path Spark can read: local, HDFS, S3, ..."""
    hpath = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(raw)
    return hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), hpath


def _qualified(spark: SparkSession, raw: str) -> str:
    fs, hpath = _hadoop_path(spark, raw)
    return fs.makeQualified(hpath).toString().rstrip("/")


def _check_out(spark: SparkSession, out: str, inputs: list[str]) -> None:
    """Spark replaces the whole output folder: refuse a file, a folder that is not a Spark output (a
    typo must not delete a folder of reports), and a folder inside an input (it would be read back)."""
    where = _qualified(spark, out) + "/"
    for raw in inputs:
        if where.startswith(_qualified(spark, raw) + "/"):
            raise UsageError(f"{out}: is inside the input {raw}; the next run would read its own output")
    fs, hpath = _hadoop_path(spark, out)
    if not fs.exists(hpath):
        return
    if not fs.getFileStatus(hpath).isDirectory():
        raise UsageError(f"{out}: is a file; with --engine spark, --out names a folder")
    success = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(hpath, "_SUCCESS")
    if fs.listStatus(hpath) and not fs.exists(success):
        raise UsageError(f"{out}: is a folder that is not an earlier Spark output (no _SUCCESS); give a new folder")


def _glob_escaped(raw: str) -> str:
    """Spark reads a path as a Hadoop glob: a file named 'x[1].txt' must not be a pattern."""
    return "".join("\\" + c if c in "\\[]{}*?" else c for c in raw)


def _input_frame(spark: SparkSession, raw: str, opts: Options) -> DataFrame:
    from pyspark.sql import functions as F

    local = "://" not in raw
    path = Path(raw)
    suffix = path.suffix.lower()
    if local and not path.exists():
        raise UsageError(f"{raw}: no such file or folder")
    if suffix in TABLE_SUFFIXES and path.name.startswith(("_", ".")):
        raise UsageError(f"{raw}: Spark does not read files whose names start with '_' or '.' (Hadoop's hidden "
                         "files); rename it, or use --engine local")
    if suffix in TABLE_SUFFIXES and (not local or path.is_file()):
        return _table_frame(spark, raw, suffix, opts)
    if local:  # listed here as the local engine lists them, read on the executors by its own code
        rows = [(rid, str(file), str(file.resolve())) for file, rid in report_files(path, opts.glob)]
        listed = spark.createDataFrame(rows, "id string, source string, path string")
        return _internal(listed, id=F.col("id"), source=F.col("source"), path=F.col("path"))
    return _remote_files(spark, raw, opts)


def _remote_files(spark: SparkSession, raw: str, opts: Options) -> DataFrame:
    """Report files on HDFS, S3, ...: Spark's binaryFile source. As every Hadoop reader, it skips files
    and folders whose names start with '_' or '.', and --glob matches file names only."""
    from pyspark.sql import functions as F

    fs, hpath = _hadoop_path(spark, raw)
    if not fs.exists(hpath):
        raise UsageError(f"{raw}: no such file or folder")
    qualified = fs.makeQualified(hpath).toString().rstrip("/")
    is_dir = fs.getFileStatus(hpath).isDirectory()
    reader = spark.read.format("binaryFile")
    if is_dir:
        reader = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", opts.glob)
    scan = reader.load(_glob_escaped(raw))
    # the length filter is applied before content is read: a file over the limit is never loaded
    files = scan.where(F.col("length") <= MAX_BYTES).select("path", "length", "content").unionByName(
        scan.where(F.col("length") > MAX_BYTES).select("path", "length", F.lit(None).cast("binary").alias("content")))
    files = files.unionByName(_empty_files(spark, scan))
    shown = raw.rstrip("/")
    if is_dir:  # id: the path below the folder without its suffix, as the single-machine engine
        rel = F.expr(f"substring(path, {len(qualified) + 2})")
        source, rid = F.concat(F.lit(shown + "/"), rel), F.regexp_replace(rel, r"\.[^./]*$", "")
    else:
        source, rid = F.lit(shown), F.lit(Path(shown).stem)
    return _internal(files, id=rid, source=source, content=F.col("content"), size=F.col("length"))


def _empty_files(spark: SparkSession, files: DataFrame) -> DataFrame:
    """Spark's file sources skip 0-byte files (SPARK-26161), but an empty report file must still get its
    record: the files Spark listed (as URIs, listed and kept in the JVM, however many) that the scan
    did not return, with empty content."""
    from pyspark.sql import DataFrame as SparkFrame
    from pyspark.sql import functions as F

    jvm = spark.sparkContext._jvm
    names = files._jdf.inputFiles()
    try:  # a Scala Seq over the Java array: Scala 2.12 (Spark 3), else 2.13 (Spark 4)
        seq = jvm.scala.collection.mutable.WrappedArray.make(names)
    except Exception:
        seq = jvm.scala.collection.immutable.ArraySeq.unsafeWrapArray(names)
    uris = SparkFrame(spark._jsparkSession.createDataset(seq, jvm.org.apache.spark.sql.Encoders.STRING()).toDF(),
                      spark)
    # the URI back to the path string the scan gives: file:/// -> file:/, %xx decoded ('+' is literal)
    path = F.expr(r"url_decode(regexp_replace(regexp_replace(value, '^file:///', 'file:/'), '\\+', '%2B'))")
    listed_paths = uris.select(path.alias("path"))
    return (listed_paths.join(files.select("path"), "path", "left_anti")
            .select("path", F.lit(0).cast("bigint").alias("length"), F.lit(b"").cast("binary").alias("content")))


def _table_frame(spark: SparkSession, raw: str, suffix: str, opts: Options) -> DataFrame:
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    source = raw.rstrip("/") if "://" in raw else str(Path(raw))  # as the local engine names it, less '#row'
    stem, where = Path(raw.rstrip("/")).stem, _glob_escaped(raw)
    if suffix in (".jsonl", ".ndjson"):  # parsed on the executors, line by line, as the local engine does
        check_columns(raw, list(_first_json_row(spark, raw, where) or {}), opts)
        lines = spark.read.text(where).where(F.trim(F.col("value")) != "")
        numbered = _numbered(lines, "_spinelens_row")
        rid = F.concat(F.lit(f"{stem}:"), F.col("_spinelens_row").cast("string"))
        return _internal(numbered, id=rid, source=F.lit(source), line=F.col("value"))
    corrupt = "_spinelens_broken"
    if suffix == ".parquet":
        table = spark.read.parquet(where)
        columns = table.columns
    else:
        sep = "\t" if suffix == ".tsv" else ","
        reader = (spark.read.option("header", True).option("multiLine", True).option("escape", '"')
                  .option("sep", sep))
        columns = _local_header(raw, sep) or reader.csv(where).columns
        # a repeated column name: the last one counts, as in the local engine's csv.DictReader
        names = [c if c not in columns[i + 1:] else f"_spinelens_dup{i}" for i, c in enumerate(columns)]
        schema = StructType([StructField(c, StringType()) for c in names] + [StructField(corrupt, StringType())])
        table = (reader.schema(schema).option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", corrupt)
                 .csv(where))
        # a row of empty cells is no row to the local engine either
        cells = F.regexp_replace(F.concat_ws("", *(F.col(f"`{c}`") for c in names)), r"\s", "")
        table = table.where((cells != "") | F.col(corrupt).isNotNull())
        columns = list(dict.fromkeys(columns))
    check_columns(raw, columns, opts)
    broken = F.when(F.col(corrupt).isNotNull(), F.lit(_BROKEN_CSV)) if corrupt in table.columns else F.lit(None)
    if opts.id_column:  # an empty id cell: null (the local engine numbers it; Spark has no row number)
        rid = F.when(F.regexp_replace(_cell(opts.id_column), r"^\s+|\s+$", "") != "", _cell(opts.id_column))
    else:  # "<file stem>:<row number>", as the single-machine engine (one pass more over the input)
        table = _numbered(table, "_spinelens_row")
        rid = F.concat(F.lit(f"{stem}:"), F.col("_spinelens_row").cast("string"))
    return _internal(table, id=rid, source=F.lit(source), text=_cell(opts.text_column),
                     symptoms=_cell(opts.symptoms_column), age=_cell(opts.age_column), sex=_cell(opts.sex_column),
                     broken=broken)



def _first_json_row(spark: SparkSession, raw: str, where: str) -> dict[str, Any] | None:
    """The first JSON object of a JSON-lines table (its keys are the columns the local engine checks)."""
    if "://" not in raw and Path(raw).is_file():  # read here by the local engine's own code
        return first_row(Path(raw))
    sample = spark.read.text(where).where("trim(value) != ''").limit(1000).collect()
    return next((row for row, _ in (json_row(r["value"]) for r in sample) if row is not None), None)


def _local_header(raw: str, sep: str) -> list[str] | None:
    """The header of a local CSV file, read here (saves Spark a job); None for other paths."""
    path = Path(raw)
    if "://" in raw or not path.is_file():
        return None
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        header = next(csv.reader(fh, delimiter=sep), [])
    return [h.strip() for h in header] or None


def _numbered(table: DataFrame, column: str) -> DataFrame:
    """The table with its row numbers (1, 2, ... in the order Spark read the rows) in ``column``."""
    from pyspark.sql.types import LongType, StructField, StructType

    schema = StructType([*table.schema.fields, StructField(column, LongType(), False)])
    return table.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1)).toDF(schema)


def _summary(spark: SparkSession, out: str, fmt: str) -> Summary:
    """Counts for the run, read back from what was written in one small aggregation and counted as
    the local engine counts them."""
    from pyspark.sql import functions as F

    if fmt == "jsonl":
        schema = ("error struct<kind: string>, findings array<struct<type: string, certainty: string, "
                  "assessment: struct<category: string>>>")
        records = spark.read.schema(schema).json(out)
        rows = records.select(F.col("error.kind").alias("error_kind"),
                              (1 / F.greatest(F.size("findings"), F.lit(1))).alias("weight"),
                              F.explode_outer("findings").alias("f")).select(
            "error_kind", "weight", F.col("f.type").alias("type"), F.col("f.certainty").alias("certainty"),
            F.col("f.assessment.category").alias("category"))
    else:
        table = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(out) \
            if fmt == "csv" else spark.read.parquet(out)
        rows = table.select("error_kind", (1 / F.col("report_rows").cast("double")).alias("weight"), "type",
                            "certainty", "category")
    summary, ok = Summary(), 0.0
    groups = rows.groupBy("error_kind", "type", "certainty", "category").agg(
        F.count("*").alias("n"), F.sum("weight").alias("reports")).collect()
    for g in groups:
        if g["error_kind"] is not None:
            summary.errors[g["error_kind"]] += g["n"]
            continue
        ok += g["reports"] or 0
        summary.add_finding(g["type"], g["certainty"], g["category"], g["n"])
    summary.ok = round(ok)
    return summary
