"""Reading inputs: folders, report files and tables (CSV/TSV/JSONL/Parquet) as tasks, one per report.

Shared by both engines: the local engine reads everything here; the Spark engine lists local folders
and reads report files, table rows and JSON lines on its executors with these same functions.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BinaryInput, InputError, InputTooLarge, UsageError
from ..inputs import MAX_BYTES, decode_report

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
DOC_SUFFIXES = {".pdf", ".docx"}
csv.field_size_limit(sys.maxsize)


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


def iter_tasks(inputs: list[str], opts: Options) -> Iterator[Task]:
    for raw in inputs:
        path = Path(raw)
        if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
            yield from _table_tasks(path, opts)
        else:
            for file, rid in report_files(path, opts.glob):
                yield file_task(file, rid)


def report_files(path: Path, glob: str) -> Iterator[tuple[Path, str]]:
    """(file, id) of the report files of a folder (recursive; id: the path below the folder without
    its suffix) or of one report file (id: its stem)."""
    if path.is_dir():
        for file in sorted(path.rglob(glob)):
            if file.is_file():
                yield file, file.relative_to(path).with_suffix("").as_posix()
    elif path.is_file():
        yield path, path.stem
    else:
        raise UsageError(f"{path}: no such file or folder")


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
    """Text of a PDF or DOCX report (optional extras: pip install 'spinelens[documents]')."""
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


def _table_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(row number, row, error) for each row of a CSV/TSV/JSONL/Parquet table."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError(f"{path}: reading Parquet needs the 'parquet' extra (pyarrow)") from None
        n = 0
        for batch in pq.ParquetFile(str(path)).iter_batches(batch_size=1000):
            for row in batch.to_pylist():
                n += 1
                yield n, row, None
        return
    with open(path, "rb") as fh:
        if suffix in (".jsonl", ".ndjson"):
            n = 0  # data rows, as in CSV: blank lines are not rows
            for line in fh:
                if not line.strip():
                    continue
                n += 1
                yield n, *json_row(line)
            return
        text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
        reader = csv.reader(text, delimiter="\t" if suffix == ".tsv" else ",")
        try:
            header = next(reader)
        except StopIteration:
            return
        header = [h.strip().lstrip("\ufeff") for h in header]
        n = 0  # data row number (a quoted field may span lines)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield n, None, f"broken CSV row (line {reader.line_num}): {exc}"
                continue
            if not any(c.strip() for c in cells):
                continue
            n += 1
            if len(cells) != len(header):
                yield n, None, (f"broken CSV row (line {reader.line_num}): {len(cells)} fields where the header "
                                f"has {len(header)}")
                continue
            yield n, dict(zip(header, cells, strict=True)), None


def first_row(path: Path) -> dict[str, Any] | None:
    """The first row of a local table that is one (its keys are the columns ``check_columns`` checks)."""
    return next((row for _, row, _ in _table_rows(path) if row is not None), None)


def json_row(line: str | bytes) -> tuple[dict[str, Any] | None, str | None]:
    """(row, None) for a JSON-lines line holding an object, else (None, why it is not a row)."""
    try:
        row = json.loads(line.lstrip("\ufeff") if isinstance(line, str) else line)  # bytes: json finds a BOM
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, f"not valid JSON: {exc}"
    return (row, None) if isinstance(row, dict) else (None, "not a JSON object")


def _table_tasks(path: Path, opts: Options) -> Iterator[Task]:
    checked = False
    for n, row, error in _table_rows(path):
        source = f"{path}#{n}"
        if row is not None and not checked:
            check_columns(str(path), list(row), opts)
            checked = True
        rid = row_id(row, opts) if row is not None else None
        if error is not None:
            yield Task(rid or f"{path.stem}:{n}", source, error=("broken_row", error))
        else:
            yield row_task(row, rid or f"{path.stem}:{n}", source, opts)


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
    age = _age(row.get(opts.age_column)) if opts.age_column else None
    sex = _sex(row.get(opts.sex_column)) if opts.sex_column else None
    symptoms = row.get(opts.symptoms_column) if opts.symptoms_column else None
    return Task(rid, source, text=text, symptoms=str(symptoms) if symptoms else None, age=age, sex=sex)


def _age(value: Any) -> float | None:
    try:
        age = float(value)
    except (TypeError, ValueError):
        return None
    return age if 0 <= age <= 130 else None


def _sex(value: Any) -> str | None:
    v = str(value or "").strip().lower()
    return {"f": "female", "female": "female", "w": "female", "woman": "female",
            "m": "male", "male": "male", "man": "male"}.get(v)
