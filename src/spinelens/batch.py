"""Batch processing: folders, files and tables of reports -> JSONL / CSV / Parquet.

Streaming and bounded: inputs are read lazily, at most ``workers * 4`` chunks of 64 reports are in flight,
and results are written in input order, one complete line at a time (flushed), so a run
killed at any point can be resumed with ``--resume``: finished inputs are skipped, a torn
last line is cut off, and every input ends up in the output exactly once. An input that
fails becomes an error record; nothing is dropped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BinaryInput, InputError, InputTooLarge, UsageError
from .inputs import MAX_BYTES, decode_report

FORMATS = ("jsonl", "csv", "parquet")
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"}
DOC_SUFFIXES = {".pdf", ".docx"}
FLAT_COLUMNS = ["id", "source", "age", "sex", "type", "level", "side", "zone", "severity", "certainty", "category",
                "prevalence", "reasons", "evidence", "error_kind", "error_message", "report_rows"]
FLAT_TYPES = {"age": "double", "prevalence": "double", "report_rows": "bigint"}  # the rest are text
Counted = tuple[str | None, str | None, str | None]  # (type, certainty, category) of a finding, for the summary
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


# ---------------------------------------------------------------- reading inputs


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


# ---------------------------------------------------------------- analysing


def analyse_task(task: Task) -> dict[str, Any]:
    """The JSON record for one task: a result, or an error record. Never raises."""
    import spinelens

    if task.error is not None:
        return error_record(task, *task.error)
    try:
        result = spinelens.analyze(task.text or "", symptoms=task.symptoms, age=task.age, sex=task.sex, id=task.id,
                                   warnings=task.warnings)
    except InputError as exc:
        return error_record(task, "invalid_input", str(exc))
    except Exception as exc:  # a bug must cost one record, not the run
        return error_record(task, "internal_error", f"{type(exc).__name__}: {exc}")
    record = result.to_dict()
    record["source"] = task.source
    return record


def error_record(task: Task, kind: str, message: str) -> dict[str, Any]:
    return {"schema_version": "1", "id": task.id, "source": task.source, "error": {"kind": kind, "message": message}}


def _init_worker() -> None:
    import spinelens

    spinelens.load()  # one pipeline per worker process, built once


@dataclass
class Output:
    """What the writer needs of one record, prepared in the worker: the text to append
    (JSON line or CSV rows) and what the summary counts."""

    text: str
    error: str | None
    findings: list[Counted]


def render(record: dict[str, Any], fmt: str) -> Output:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
        for row in flat_rows(record):
            writer.writerow(row)
        text = buf.getvalue()
    else:
        text = json.dumps(record, ensure_ascii=False) + "\n"
    return Output(text, *counted(record))


def _work(chunk: list[Task], fmt: str) -> list[Output]:
    return [render(analyse_task(task), fmt) for task in chunk]


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_outputs(tasks: Iterable[Task], workers: int, fmt: str = "jsonl", chunk: int = 64) -> Iterator[Output]:
    """Outputs in input order; with workers, chunks of reports go to worker processes and at
    most workers * 4 chunks are in flight (memory stays flat however long the input)."""
    if workers <= 1:
        for task in tasks:
            yield render(analyse_task(task), fmt)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    window = workers * 4
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        pending: deque = deque()
        for part in _chunks(tasks, chunk):
            pending.append(pool.apply_async(_work, (part, fmt)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


# ---------------------------------------------------------------- writing


def flat_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per finding (one row for a report with none, or with an error)."""
    base = {"id": record.get("id"), "source": record.get("source"),
            "age": (record.get("clinical") or {}).get("age"), "sex": (record.get("clinical") or {}).get("sex")}
    if "error" in record:
        return [{**base, "error_kind": record["error"]["kind"], "error_message": " ".join(record["error"]["message"].split()),
                 "report_rows": 1}]
    rows: list[dict[str, Any]] = []
    for f in record["findings"]:
        a = f.get("assessment") or {}
        prev = a.get("asymptomatic_prevalence") or {}
        rows.append({**base, "type": f["type"], "level": f["level"], "side": f["side"], "zone": f.get("zone"),
                     "severity": f.get("severity"), "certainty": f["certainty"], "category": a.get("category"),
                     "prevalence": prev.get("percent"), "reasons": " | ".join(a.get("reasons") or []),
                     "evidence": " | ".join(m["text"] for m in f["mentions"])})
    rows = rows or [base]
    for row in rows:  # one physical line per row, and how many rows make the report (for --resume)
        for key in ("reasons", "evidence", "error_message"):
            if isinstance(row.get(key), str):
                row[key] = " ".join(row[key].split())
        row["report_rows"] = len(rows)
    return rows


class Writer:
    """Append-only output; one complete line per write, flushed, so a crash loses no record."""

    def __init__(self, path: Path, fmt: str, resume: bool):
        self.path, self.fmt = path, fmt
        self.jsonl_path = path if fmt == "jsonl" else path.with_name(path.name + ".partial.jsonl") \
            if fmt == "parquet" else None
        self.done: set[str] = set()
        target = self.jsonl_path or path
        if resume and target.exists():
            _repair_torn_line(target)
            if fmt == "csv":
                _repair_csv_report(target)
            self.done = _done_keys(target, fmt if fmt != "parquet" else "jsonl")
        elif not resume and target.exists():
            target.unlink()
        new_file = not target.exists() or target.stat().st_size == 0
        self.fh = open(target, "a", encoding="utf-8", newline="")
        if fmt == "csv":
            self.csv = csv.DictWriter(self.fh, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
            if new_file:
                self.csv.writeheader()
                self.fh.flush()

    def write(self, text: str) -> None:
        """Append one report's output (all of its lines in one write) and flush it."""
        self.fh.write(text)
        self.fh.flush()

    def close(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        if self.fmt == "parquet":
            _jsonl_to_parquet(self.jsonl_path, self.path)


def _repair_torn_line(path: Path) -> None:
    """Cut a last line that a kill left without its newline (it is redone on resume)."""
    size = path.stat().st_size
    if size == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl != -1:
                fh.truncate(start + nl + 1)
                return
            pos = start
        fh.truncate(0)


def _repair_csv_report(path: Path) -> None:
    """Cut the rows of a last report that a kill left with fewer rows than it has."""
    with open(path, "rb") as fh:
        lines = fh.readlines()
    if len(lines) <= 1:
        return
    header = next(csv.reader([lines[0].decode("utf-8", errors="replace")]))
    key_cols = (header.index("source"), header.index("id"), header.index("report_rows"))
    last_key, count, first = None, 0, len(lines)
    for i in range(len(lines) - 1, 0, -1):
        row = next(csv.reader([lines[i].decode("utf-8", errors="replace")]))
        key = (row[key_cols[0]], row[key_cols[1]])
        if last_key is None:
            last_key, expected = key, int(row[key_cols[2]] or 1)
        if key != last_key:
            break
        count, first = count + 1, i
    if last_key is not None and count < expected:
        with open(path, "rb+") as fh:
            fh.truncate(sum(len(line) for line in lines[:first]))


def _done_keys(path: Path, fmt: str) -> set[str]:
    done: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            for row in csv.DictReader(fh):
                done.add(f"{row.get('source')}\t{row.get('id')}")
        else:
            for line in fh:
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                done.add(f"{rec.get('source')}\t{rec.get('id')}")
    return done


def _jsonl_to_parquet(src: Path, dest: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("writing Parquet needs the 'parquet' extra (pyarrow); the results are in "
                         f"{src}") from None
    arrow = {"double": pa.float64(), "bigint": pa.int64()}
    schema = pa.schema([(c, arrow[FLAT_TYPES[c]] if c in FLAT_TYPES else pa.string()) for c in FLAT_COLUMNS])
    with pq.ParquetWriter(str(dest), schema) as writer, open(src, encoding="utf-8") as fh:
        batch: list[dict[str, Any]] = []
        for line in fh:
            batch.extend(flat_rows(json.loads(line)))
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))


# ---------------------------------------------------------------- the run


def counted(record: dict[str, Any]) -> tuple[str | None, list[Counted]]:
    """What the summary counts of a record: its error kind, or None and its findings."""
    if "error" in record:
        return record["error"]["kind"], []
    return None, [(f["type"], f["certainty"], (f.get("assessment") or {}).get("category"))
                  for f in record["findings"]]


@dataclass
class Summary:
    """The counts of a run; both engines count findings by ``add_finding`` and print ``text``."""

    ok: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)

    def add_report(self, error: str | None, findings: list[Counted]) -> None:
        """One report: failed with ``error``, or analysed with ``findings``."""
        if error is not None:
            self.errors[error] += 1
            return
        self.ok += 1
        for finding in findings:
            self.add_finding(*finding)

    def add_finding(self, finding_type: str | None, certainty: str | None, category: str | None, n: int = 1) -> None:
        """``n`` findings alike: by type unless absent, by category when assessed."""
        if finding_type is not None and certainty != "absent":
            self.types[finding_type] += n
        if category is not None:
            self.categories[category] += n

    def text(self) -> str:
        failed = sum(self.errors.values())
        lines = [f"{self.ok + failed} inputs: {self.ok} analysed, {failed} failed, {self.skipped} already done"]
        if self.errors:
            lines.append("failed by kind: " + format_counts(self.errors))
        if self.categories:
            lines.append("findings by category: " + format_counts(self.categories))
        if self.types:
            lines.append("findings by type: " + format_counts(self.types))
        return "\n".join(lines)


def format_counts(counter: Counter) -> str:
    """'a 3, b 1, c 1': most first, ties by name (the same text from every engine)."""
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}")


def run(inputs: list[str], out: Path, fmt: str, workers: int, resume: bool, opts: Options,
        progress: bool) -> Summary:
    check_format(fmt)
    for raw in inputs:
        if not Path(raw).exists():
            raise UsageError(f"{raw}: no such file or folder")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError("--format parquet needs the 'parquet' extra: pip install 'spinelens[parquet]'") from None
    if out.exists() and out.is_dir():
        raise UsageError(f"{out}: is a folder; --out names the output file")
    writer = Writer(out, fmt, resume)
    summary = Summary()
    tasks = iter_tasks(inputs, opts)

    def todo() -> Iterator[Task]:
        for task in tasks:
            if task.key in writer.done:
                summary.skipped += 1
                continue
            yield task

    bar = None
    if progress:
        try:
            from tqdm import tqdm

            bar = tqdm(unit=" reports", file=sys.stderr, dynamic_ncols=True)
        except ImportError:  # pragma: no cover
            bar = None
    try:
        for output in run_outputs(todo(), workers, "csv" if fmt == "csv" else "jsonl"):
            writer.write(output.text)
            summary.add_report(output.error, output.findings)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
        writer.close()
    return summary
