"""Batch processing: folders, files and tables of reports -> JSONL / CSV / Parquet, on this machine or on Spark.

    tasks         reading inputs (folders, report files, CSV/TSV/JSONL/Parquet tables) as tasks
    folders       listing folders (any-case glob, links, loops); tables: table rows, unclosed CSV quotes
    records       what both engines make of a task: its record, its flat rows, the run's counts
    local         the local engine: worker pool, ordered and resumable output (``run``)
    spark         the Spark engine (``analyze_dataframe``, ``spark.run``); spark_inputs, spark_daemon
"""

from __future__ import annotations

from ..errors import UsageError
from .folders import report_files
from .local import Output, Writer, render, run, run_outputs
from .records import (
    FLAT_COLUMNS,
    FLAT_TYPES,
    FORMATS,
    Summary,
    analyse_task,
    error_record,
    flat_rows,
    format_counts,
)
from .spark import analyze_dataframe
from .tables import json_row
from .tasks import (
    DOC_SUFFIXES,
    TABLE_SUFFIXES,
    Options,
    Task,
    bytes_task,
    check_columns,
    file_task,
    iter_tasks,
    row_id,
    row_task,
)

__all__ = ["DOC_SUFFIXES", "FLAT_COLUMNS", "FLAT_TYPES", "FORMATS", "TABLE_SUFFIXES", "Options", "Output", "Summary",
           "Task", "UsageError", "Writer", "analyse_task", "analyze_dataframe", "bytes_task", "check_columns",
           "error_record", "file_task", "flat_rows", "format_counts", "iter_tasks", "json_row", "render",
           "report_files", "row_id", "row_task", "run", "run_outputs"]
