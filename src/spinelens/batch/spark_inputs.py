"""The Spark engine's inputs: local folders, report files and tables, and paths on HDFS/S3/..., as one frame.

Local folders are listed and their files read (on the executors) by the local engine's code; JSON lines
are parsed on the executors as locally; CSV and Parquet tables are read by Spark, column checks and ids
as the local engine makes them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..inputs import MAX_BYTES
from .folders import any_case_glob, report_files
from .local import check_writable
from .tables import first_row, json_row, leads_pattern, table_columns
from .tasks import TABLE_SUFFIXES, Options, check_columns

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Every input becomes a frame of these columns before analysis: table rows fill text and the clinical
# columns; JSON lines fill line (parsed on the executor, as the local engine parses it); local report
# files fill path (read on the executor by the local engine's own code), or unreadable (why a link or
# folder could not be read); files on HDFS/S3/... fill content and size; broken says why a row could not
# be read (never its text); a CSV row's lead (first cell) and leads (what starts its cells' later lines)
# find a row that a quote left open swallowed (tables.swallowed).
INTERNAL = {"id": "string", "source": "string", "text": "string", "symptoms": "string", "age": "string",
            "sex": "string", "content": "binary", "size": "bigint", "broken": "string", "path": "string",
            "line": "string", "unreadable": "string", "lead": "string", "leads": "array<string>"}
ROW = Options(  # the internal frame's columns, as the options of a table
    text_column="text", id_column="id", symptoms_column="symptoms", age_column="age", sex_column="sex")
_BROKEN_CSV = "broken CSV row: its fields do not match the header"


def internal(df: DataFrame, **given: Any) -> DataFrame:
    """``df`` as the internal frame: the given columns (Spark expressions), null for the rest."""
    from pyspark.sql import functions as F

    return df.select(*((given[c] if c in given else F.lit(None)).cast(t).alias(c) for c, t in INTERNAL.items()))


def cell(col: str | None) -> Any:
    """A column as text (null when not given): the engines read every cell as text."""
    from pyspark.sql import functions as F

    return F.col(f"`{col}`").cast("string") if col else F.lit(None).cast("string")


def _hadoop_path(spark: SparkSession, raw: str) -> tuple[Any, Any]:
    """(Hadoop FileSystem, Path) for a path Spark can read: local, HDFS, S3, ..."""
    hpath = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(raw)
    return hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), hpath


def _qualified(spark: SparkSession, raw: str) -> str:
    fs, hpath = _hadoop_path(spark, raw)
    return fs.makeQualified(hpath).toString().rstrip("/")


def check_out(spark: SparkSession, out: str, inputs: list[str]) -> None:
    """Spark replaces the whole output folder: refuse a file, a folder that is not a Spark output (a
    typo must not delete a folder of reports), and a folder inside an input (it would be read back)."""
    check_local_out(out)
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


def check_local_out(out: str) -> None:
    """A local --out below a file or in a folder that cannot be written: refused before Spark starts."""
    if "://" not in out:
        check_writable(Path(out))


def _glob_escaped(raw: str) -> str:
    """Spark reads a path as a Hadoop glob: a file named 'x[1].txt' must not be a pattern."""
    return "".join("\\" + c if c in "\\[]{}*?" else c for c in raw)


def is_table(raw: str) -> bool:
    """Whether an input is read as a table (a local file or any path on HDFS/S3/... with a table's suffix)."""
    path = Path(raw.rstrip("/"))
    return path.suffix.lower() in TABLE_SUFFIXES and ("://" in raw or path.is_file())


def table_source(raw: str) -> str:
    """A table's source in its records: as the local engine names it, less '#row'."""
    return raw.rstrip("/") if "://" in raw else str(Path(raw))


def input_frame(spark: SparkSession, raw: str, opts: Options, notes: list[str]) -> DataFrame:
    """The internal frame of one input; ``notes`` gets a line for a local folder with no file to read."""
    from pyspark.sql import functions as F

    local = "://" not in raw
    path = Path(raw)
    suffix = path.suffix.lower()
    if local and not path.exists():
        raise UsageError(f"{raw}: no such file or folder")
    if suffix in TABLE_SUFFIXES and path.name.startswith(("_", ".")):
        raise UsageError(f"{raw}: Spark does not read files whose names start with '_' or '.' (Hadoop's hidden "
                         "files); rename it, or use --engine local")
    if is_table(raw):
        return _table_frame(spark, raw, suffix, opts)
    if local:  # listed here as the local engine lists them, read on the executors by its own code
        rows = [(rid, str(file), None if problem else os.path.abspath(file), problem)
                for file, rid, problem in report_files(path, opts.glob)]
        if not rows:
            notes.append(f"{path}: no files match {opts.glob}")
        listed = spark.createDataFrame(rows, "id string, source string, path string, unreadable string")
        return internal(listed, id=F.col("id"), source=F.col("source"), path=F.col("path"),
                        unreadable=F.col("unreadable"))
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
        reader = reader.option("recursiveFileLookup", "true").option("pathGlobFilter", any_case_glob(opts.glob))
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
    return internal(files, id=rid, source=source, content=F.col("content"), size=F.col("length"))


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

    source = table_source(raw)
    stem, where = Path(raw.rstrip("/")).stem, _glob_escaped(raw)
    if suffix in (".jsonl", ".ndjson"):  # parsed on the executors, line by line, as the local engine does
        first = _first_json_row(spark, raw, where)
        if first is not None:  # an empty table has no columns to check (nor rows)
            check_columns(raw, list(first), opts)
        lines = spark.read.text(where).where(F.trim(F.col("value")) != "")
        numbered = _numbered(lines, "_spinelens_row")
        rid = F.concat(F.lit(f"{stem}:"), F.col("_spinelens_row").cast("string"))
        return internal(numbered, id=rid, source=F.lit(source), line=F.col("value"))
    corrupt, swallow = "_spinelens_broken", {}
    if suffix == ".parquet":
        table = spark.read.parquet(where)
        columns = table.columns
    else:
        sep = "\t" if suffix == ".tsv" else ","
        reader = (spark.read.option("header", True).option("multiLine", True).option("escape", '"')
                  .option("sep", sep))
        local = "://" not in raw and Path(raw).is_file()  # its header read here: saves Spark a job
        columns = table_columns(Path(raw)) if local else reader.csv(where).columns
        if not columns:  # an empty file: no rows (Spark would read its schema's columns as null)
            return internal(spark.createDataFrame([], "id string"))
        # a repeated column name: the last one counts, as in the local engine's csv.DictReader
        names = [c if c not in columns[i + 1:] else f"_spinelens_dup{i}" for i, c in enumerate(columns)]
        schema = StructType([StructField(c, StringType()) for c in names] + [StructField(corrupt, StringType())])
        table = (reader.schema(schema).option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", corrupt)
                 .csv(where))
        # a row of empty cells is no row to the local engine either
        cells = F.regexp_replace(F.concat_ws("", *(F.col(f"`{c}`") for c in names)), r"\s", "")
        table = table.where((cells != "") | F.col(corrupt).isNotNull())
        columns = list(dict.fromkeys(columns))
        later = [F.coalesce(F.regexp_extract_all(F.col(f"`{c}`"), F.lit(leads_pattern(sep)), 1),
                            F.array().cast("array<string>")) for c in names[1:]]
        swallow = {"lead": F.col(f"`{names[0]}`"), "leads": F.concat(*later) if later else F.lit(None)}
    check_columns(raw, columns, opts)
    broken = F.when(F.col(corrupt).isNotNull(), F.lit(_BROKEN_CSV)) if corrupt in table.columns else F.lit(None)
    if opts.id_column:  # an empty id cell: null (the local engine numbers it; Spark has no row number)
        rid = F.when(F.regexp_replace(cell(opts.id_column), r"^\s+|\s+$", "") != "", cell(opts.id_column))
    else:  # "<file stem>:<row number>", as the single-machine engine (one pass more over the input)
        table = _numbered(table, "_spinelens_row")
        rid = F.concat(F.lit(f"{stem}:"), F.col("_spinelens_row").cast("string"))
    return internal(table, id=rid, source=F.lit(source), text=cell(opts.text_column),
                    symptoms=cell(opts.symptoms_column), age=cell(opts.age_column), sex=cell(opts.sex_column),
                    broken=broken, **swallow)


def _first_json_row(spark: SparkSession, raw: str, where: str) -> dict[str, Any] | None:
    """The first JSON object of a JSON-lines table (its keys are the columns the local engine checks)."""
    if "://" not in raw and Path(raw).is_file():  # read here by the local engine's own code
        return first_row(Path(raw))
    sample = spark.read.text(where).where("trim(value) != ''").limit(1000).collect()
    return next((row for row, _ in (json_row(r["value"]) for r in sample) if row is not None), None)


def _numbered(table: DataFrame, column: str) -> DataFrame:
    """The table with its row numbers (1, 2, ... in the order Spark read the rows) in ``column``."""
    from pyspark.sql.types import LongType, StructField, StructType

    schema = StructType([*table.schema.fields, StructField(column, LongType(), False)])
    return table.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1)).toDF(schema)

