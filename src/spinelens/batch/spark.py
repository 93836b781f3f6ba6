"""SpineLens on Apache Spark: the batch engine's records, computed on every executor.

    from spinelens.spark import analyze_dataframe
    findings = analyze_dataframe(spark.table("mri_reports"), text_col="report", id_col="accession",
                                 age_col="age")

Each Python worker builds the pipeline once (lazily, on its first report) and keeps it while Spark
reuses the worker, building it again only when unique text has grown its vocabulary by
``records.RENEW_AFTER`` strings (memory stays flat; the results are the same). Rows go through exactly the code of ``spinelens batch`` (``tasks.row_task`` /
``tasks.bytes_task`` -> ``records.analyse_task`` -> ``records.flat_rows``), so a cluster gives the same
records as a laptop. A row that cannot be analysed becomes an error row; it never fails the job.

Differences from the single-machine engine, by design: output order is Spark's (not input order),
``source`` is the file a row came from without a row number (Spark does not know row numbers), and a CSV
row that a quote left open is an error row naming the first row it swallowed, which are not read again.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SparkFailed, SparkUnavailable, UsageError
from .records import FLAT_COLUMNS, FLAT_TYPES, Summary, analyse_task, check_format, error_record, flat_rows
from .spark_inputs import ROW, cell, check_local_out, check_out, input_frame, internal, is_table, table_source
from .tables import json_row, swallowed
from .tasks import Options, Task, bytes_task, file_task, row_id, row_task

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

FINDINGS_SCHEMA = ", ".join(f"{c} {FLAT_TYPES.get(c, 'string')}" for c in FLAT_COLUMNS)
JSON_COLUMNS = ["id", "source", "error_kind", "result"]
JSON_SCHEMA = "id string, source string, error_kind string, result string"
OUTPUTS = ("findings", "json")


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

    frame = internal(df, id=cell(id_col) if id_col else F.monotonically_increasing_id(), source=cell(source_col),
                     text=cell(text_col), symptoms=cell(symptoms_col), age=cell(age_col), sex=cell(sex_col))
    return _analyse(frame, output, partitions)


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
    return frame.mapInPandas(functools.partial(_analyse_batches, output=output, opts=opts or ROW), schema)


# ---------------------------------------------------------------- on the executors


def _analyse_batches(batches: Iterator[pd.DataFrame], output: str, opts: Options = ROW) -> Iterator[pd.DataFrame]:
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
    leads = row.get("leads")
    why = swallowed(_text(row.get("lead")), list(leads)) if leads is not None and len(leads) else None
    if why is not None:  # Spark cannot read the swallowed rows again: they are named, not analysed
        return Task(rid, source, error=("broken_row", f"broken CSV row: {why}; the rows it holds are not analysed"))
    if _text(row.get("unreadable")):
        return Task(rid, source, error=("unreadable", row["unreadable"]))
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
    return row_task(row, rid, source, ROW)


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
        raise SparkUnavailable("--engine spark needs the 'spark' extra and a Java runtime, 17 or later: "
                               "pip install '.[spark]' in SpineLens's source folder (from an index that holds its "
                               "wheel: pip install 'spinelens[spark]')") from None
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
                   .config("spark.python.daemon.module", "spinelens.batch.spark_daemon")  # pipeline built before fork
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
    check_local_out(out)
    spark = session(master, cores, progress)
    notes: list[str] = []
    try:
        check_out(spark, out, inputs)
        frame = None
        for raw in inputs:
            part = input_frame(spark, raw, opts, notes)
            frame = part if frame is None else frame.unionByName(part)
        result = _analyse(frame, "json" if fmt == "jsonl" else "findings", None, opts)
        if fmt == "jsonl":  # the record itself on each line, as the single-machine JSONL
            result.select("result").write.mode("overwrite").text(out)
        elif fmt == "csv":  # quoted as Python's csv module does, values kept as they are
            (result.write.mode("overwrite").option("header", True).option("escape", '"')
             .option("ignoreLeadingWhiteSpace", False).option("ignoreTrailingWhiteSpace", False).csv(out))
        else:
            result.write.mode("overwrite").parquet(out)
        summary = _summary(spark, out, fmt, [table_source(raw) for raw in inputs if is_table(raw)])
        summary.notes[:0] = notes
        return summary
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


def _summary(spark: SparkSession, out: str, fmt: str, tables: list[str]) -> Summary:
    """Counts for the run, read back from what was written in one small aggregation and counted as
    the local engine counts them; a note for each of ``tables`` (their sources) that gave no record."""
    from pyspark.sql import functions as F

    table = F.when(F.col("source").isin(tables), F.col("source")).alias("table") if tables else F.lit(None)
    if fmt == "jsonl":
        schema = ("source string, error struct<kind: string>, findings array<struct<type: string, certainty: "
                  "string, assessment: struct<category: string>>>")
        records = spark.read.schema(schema).json(out)
        rows = records.select(table.alias("table"), F.col("error.kind").alias("error_kind"),
                              (1 / F.greatest(F.size("findings"), F.lit(1))).alias("weight"),
                              F.explode_outer("findings").alias("f")).select(
            "table", "error_kind", "weight", F.col("f.type").alias("type"), F.col("f.certainty").alias("certainty"),
            F.col("f.assessment.category").alias("category"))
    else:
        written = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(out) \
            if fmt == "csv" else spark.read.parquet(out)
        rows = written.select(table.alias("table"), "error_kind",
                              (1 / F.col("report_rows").cast("double")).alias("weight"), "type", "certainty",
                              "category")
    summary, ok = Summary(), 0.0
    groups = rows.groupBy("table", "error_kind", "type", "certainty", "category").agg(
        F.count("*").alias("n"), F.sum("weight").alias("reports")).collect()
    seen = {g["table"] for g in groups}
    summary.notes.extend(f"{t}: no data rows" for t in dict.fromkeys(tables) if t not in seen)
    for g in groups:
        if g["error_kind"] is not None:
            summary.errors[g["error_kind"]] += g["n"]
            continue
        ok += g["reports"] or 0
        summary.add_finding(g["type"], g["certainty"], g["category"], g["n"])
    summary.ok = round(ok)
    return summary
