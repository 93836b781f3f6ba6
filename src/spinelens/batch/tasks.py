"""Reading inputs: folders, report files and tables (CSV/TSV/JSONL/Parquet) as tasks, one per report.

Shared by both engines: the local engine reads everything here; the Spark engine lists local folders
and reads report files, table rows and JSON lines on its executors with these same functions.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BinaryInput, InputError, InputTooLarge, UsageError
from ..inputs import MAX_BYTES, decode_report
from .folders import report_files
from .tables import table_columns, table_rows

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
DOC_SUFFIXES = {".pdf", ".docx"}


@dataclass
class Task:
    """One report to analyse: its id, where it came from, and either its text or a read error."""

    id: str | None  # None only for a Spark row with an empty id cell
    source: str | None
    text: str | None = None
    symptoms: str | None = None
    age: float | None = None
    sex: str | None = None
    error: tuple[str, str] | None = None  # (kind, message) when the input could not be read
    warnings: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.source}\t{self.id}"


@dataclass
class Options:
    glob: str = "*.txt"
    text_column: str = "text"
    id_column: str | None = None
    symptoms_column: str | None = None
    age_column: str | None = None
    sex_column: str | None = None

    def columns(self) -> list[str]:
        """The table columns these options read."""
        return [c for c in (self.text_column, self.id_column, self.symptoms_column, self.age_column,
                            self.sex_column) if c]


# ---------------------------------------------------------------- folders and report files


def iter_tasks(inputs: list[str], opts: Options, notes: list[str] | None = None) -> Iterator[Task]:
    """The tasks of the inputs, in order; ``notes`` gets one line for each input that holds no report."""
    notes = [] if notes is None else notes
    for raw in inputs:
        path = Path(raw)
        if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
            yield from _table_tasks(path, opts, notes)
            continue
        listed = 0
        for file, rid, problem in report_files(path, opts.glob):
            listed += 1
            yield Task(rid, str(file), error=("unreadable", problem)) if problem else file_task(file, rid)
        if not listed:
            notes.append(f"{path}: no files match {opts.glob}")


def file_task(path: Path, rid: str | None, source: str | None = None) -> Task:
    """The task for one report file, read here (shared by the local and the Spark engines)."""
    source = str(path) if source is None else source
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # not read at all
            return bytes_task(rid, source, path.name, None, size)
        return bytes_task(rid, source, path.name, path.read_bytes(), size)
    except OSError as exc:
        return Task(rid, source, error=("unreadable", f"{path.name}: {exc.strerror or exc}"))


def bytes_task(rid: str | None, source: str | None, name: str, data: bytes | None, size: int) -> Task:
    """The task for one report file's bytes (a text, PDF or DOCX file); ``data`` may be None when
    ``size`` is over the limit. Shared by the single-machine and the Spark engines."""
    if size > MAX_BYTES or data is None:
        return Task(rid, source, error=("too_large", f"{size:,} bytes is over the 1 MB limit for one report"))
    try:
        if Path(name).suffix.lower() in DOC_SUFFIXES:
            return Task(rid, source, text=_document_text(data, name))
        text, notes = decode_report(data, name)
        return Task(rid, source, text=text, warnings=notes)
    except InputError as exc:  # binary or too large: its kind; a document reader missing: unreadable
        kind = exc.kind if isinstance(exc, (BinaryInput, InputTooLarge)) else "unreadable"
        return Task(rid, source, error=(kind, str(exc)))
    except Exception as exc:  # a broken PDF or DOCX: one error record, the run goes on
        return Task(rid, source, error=("unreadable", f"{name}: {type(exc).__name__}: {exc}"))


def _document_text(data: bytes, name: str) -> str:
    """Text of a PDF or DOCX report (the 'documents' extra: pip install '.[documents]')."""
    if name.lower().endswith(".pdf"):
        try:
            from pypdf import PdfReader
        except ImportError:
            raise InputError(f"{name}: reading PDF needs the 'documents' extra (pypdf)") from None
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    try:
        import docx
    except ImportError:
        raise InputError(f"{name}: reading DOCX needs the 'documents' extra (python-docx)") from None
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# ---------------------------------------------------------------- tables


def _table_tasks(path: Path, opts: Options, notes: list[str]) -> Iterator[Task]:
    columns = table_columns(path)
    if columns:  # an empty file has none to check (nor rows)
        check_columns(str(path), columns, opts)
    n = 0
    for n, row, error in table_rows(path):
        source = f"{path}#{n}"
        rid = row_id(row, opts) if row is not None else None
        if error is not None:
            yield Task(rid or f"{path.stem}:{n}", source, error=("broken_row", error))
        else:
            yield row_task(row, rid or f"{path.stem}:{n}", source, opts)
    if not n:
        notes.append(f"{path}: no data rows")


def check_columns(table: str, columns: list[str], opts: Options) -> None:
    """Refuse a table that lacks a column the options name (both engines, before any analysis)."""
    for col in opts.columns():
        if col not in columns:
            raise UsageError(f"{table}: no column {col!r} (columns: {', '.join(map(str, columns))})")


def row_id(row: dict[str, Any], opts: Options) -> str | None:
    """The row's id as text; None when there is no id column or the cell is empty."""
    value = row.get(opts.id_column) if opts.id_column else None
    return None if value is None or str(value).strip() == "" else str(value)


def row_task(row: dict[str, Any], rid: str | None, source: str | None, opts: Options) -> Task:
    """The task for one table row (shared by the single-machine and the Spark engines)."""
    text = row.get(opts.text_column)
    if text is None:
        text = ""
    if not isinstance(text, str):
        text = str(text)
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        return Task(rid, source, error=("too_large", "report text over the 1 MB limit"))
    if "\x00" in text:
        return Task(rid, source, error=("binary", "report text contains NUL characters"))
    notes: list[str] = []  # a clinical cell that cannot be used is dropped with a warning: the report is still read
    age = _age(row.get(opts.age_column), notes) if opts.age_column else None
    sex = _sex(row.get(opts.sex_column), notes) if opts.sex_column else None
    symptoms = row.get(opts.symptoms_column) if opts.symptoms_column else None
    return Task(rid, source, text=text, symptoms=str(symptoms) if symptoms else None, age=age, sex=sex,
                warnings=notes)


def _cell(value: Any) -> str:
    """A clinical cell as text; empty for a missing one (None, NaN: how exports leave a cell blank)."""
    text = "" if value is None else str(value).strip()
    return "" if text.lower() == "nan" else text


def _shown(text: str) -> str:
    return repr(text if len(text) <= 20 else text[:20] + "...")


def _age(value: Any, warnings: list[str]) -> float | None:
    """The age in a cell, by analyze.valid_age's rule (a number of years, 0-130)."""
    from ..analyze import valid_age

    text = _cell(value)
    if not text:
        return None
    try:
        return valid_age(float(text))
    except ValueError:  # not a number, or InputError (a ValueError): out of range
        warnings.append(f"age cell {_shown(text)} ignored: not an age in years (0-130)")
        return None


_SEXES = {"f": "female", "female": "female", "w": "female", "woman": "female",
          "m": "male", "male": "male", "man": "male"}


def _sex(value: Any, warnings: list[str]) -> str | None:
    text = _cell(value)
    if text and text.lower() not in _SEXES:
        warnings.append(f"sex cell {_shown(text)} ignored: not female or male (F, M, woman, man)")
    return _SEXES.get(text.lower()) if text else None
