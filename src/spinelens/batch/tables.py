"""Reading tables (CSV/TSV/JSONL/Parquet) row by row, and finding CSV rows that a quote left open merged.

A quoted CSV cell may hold newlines (report text has them). A quote never closed makes the cell run on
into the rows below it: Python's csv and Spark's reader then read those rows as part of the cell, and
their reports are lost without a word. Two signs find it: a line of the cell that starts like a row of
this table (an id shaped as this row's first cell, then the separator: ``swallowed``, both engines),
and, here, csv's strict mode, which stops at the next row's opening quote; the rows after the broken
one are then read again from the line where the next row seems to start.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError

csv.field_size_limit(sys.maxsize)
Row = tuple[int, "dict[str, Any] | None", "str | None"]  # (data row number, row, why it is broken)
UNCLOSED = "a quote is not closed: the row runs on into what looks like the next row"
_LEVEL = re.compile(r"[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?", re.IGNORECASE)  # 'L5, S1 ...' starts report lines


def leads_pattern(sep: str) -> str:
    """A regular expression (Python's and Java's alike) whose group 1 is the first field of each line of a
    cell but its first, when a separator follows it, and no space (prose has one after a comma, exports
    none): what may be the id of a row the cell swallowed."""
    s = "\\t" if sep == "\t" else re.escape(sep)
    return '\\n"?([^\\s"' + s + ']{1,40})"?' + s + "(?! )"


def swallowed(lead: str | None, candidates: Iterable[str]) -> str | None:
    """Why a row seems to hold rows after it (a line of one of its cells begins with an id shaped like the
    row's own first cell, ``lead``), or None. Spine levels ('L5,') are report text, not ids."""
    for candidate in candidates:
        if _same_id_shape(lead, candidate):
            return f"{UNCLOSED} ({candidate!r})"
    return None


def _same_id_shape(lead: str | None, token: str) -> bool:
    lead = (lead or "").strip()
    if not (_id_like(lead) and _id_like(token)) or _LEVEL.fullmatch(token):
        return False
    if lead.isdigit():  # numbers are the weakest sign (a code at the start of a line): the same length
        return token.isdigit() and len(token) == len(lead)
    return _shape(lead) == _shape(token) and abs(len(lead) - len(token)) <= 1  # A9 and A10 alike


def _id_like(text: str) -> bool:
    return 0 < len(text) <= 40 and any(c.isdigit() for c in text) and not any(c.isspace() for c in text)


def _shape(text: str) -> str:
    """'ACC-0012' -> 'A-9', 'r12' -> 'a9': runs of digits, capitals and small letters, the rest kept."""
    return re.sub("[a-z]+", "a", re.sub("[A-Z]+", "A", re.sub(r"\d+", "9", text)))


# ---------------------------------------------------------------- reading tables


def table_rows(path: Path) -> Iterator[Row]:
    """(row number, row, error) for each data row of a CSV/TSV/JSONL/Parquet table; an error row may
    carry the cells it could read (for its id)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        n, batches = 0, _parquet(path).iter_batches(batch_size=1000)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except Exception as exc:  # a file damaged past its start: one error row says where it stops
                yield n + 1, None, f"the rest of the Parquet file cannot be read: {_first_line(exc)}"
                return
            for row in batch.to_pylist():
                n += 1
                yield n, row, None
    with open(path, "rb") as fh:
        if suffix in (".jsonl", ".ndjson"):
            n = 0  # data rows, as in CSV: blank lines are not rows
            for line in fh:
                if line.strip():
                    n += 1
                    yield n, *json_row(line)
            return
        text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
        yield from _csv_rows(text, "\t" if suffix == ".tsv" else ",")


def table_columns(path: Path) -> list[str]:
    """The columns of a table: its header, its schema, its first JSON object ([] for an empty one)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return list(_parquet(path).schema_arrow.names)
    if suffix in (".jsonl", ".ndjson"):
        return list(first_row(path) or {})
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return _header(next(csv.reader(fh, delimiter="\t" if suffix == ".tsv" else ","), []))


def first_row(path: Path) -> dict[str, Any] | None:
    """The first row of a local table that is one."""
    return next((row for _, row, error in table_rows(path) if row is not None and error is None), None)


def json_row(line: str | bytes) -> tuple[dict[str, Any] | None, str | None]:
    """(row, None) for a JSON-lines line holding an object, else (None, why it is not a row)."""
    try:
        row = json.loads(line.lstrip("\ufeff") if isinstance(line, str) else line)  # bytes: json finds a BOM
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, f"not valid JSON: {exc}"
    return (row, None) if isinstance(row, dict) else (None, "not a JSON object")


def _parquet(path: Path) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{path}: reading Parquet needs the 'parquet' extra (pyarrow)") from None
    try:
        return pq.ParquetFile(str(path))
    except Exception as exc:  # not Parquet, or damaged: refused as Spark refuses it, in one line
        raise UsageError(f"{path}: not a readable Parquet file ({_first_line(exc)})") from None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _header(cells: list[str]) -> list[str]:
    return [h.strip().lstrip("\ufeff") for h in cells]


# ---------------------------------------------------------------- CSV


class _Lines:
    """A text file's lines for csv.reader; the lines of the current row are kept, to read some again."""

    def __init__(self, fh: IO[str]):
        self.fh, self.again, self.taken, self.line = fh, list[str](), list[str](), 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.again.pop() if self.again else next(self.fh)
        self.taken.append(line)
        self.line += 1
        return line

    def read_again(self, lines: list[str]) -> None:
        self.again.extend(reversed(lines))
        self.line -= len(lines)


def _csv_rows(fh: IO[str], sep: str) -> Iterator[Row]:
    lines = _Lines(fh)
    reader = csv.reader(lines, delimiter=sep, strict=True)
    try:
        header = _header(next(reader))
    except StopIteration:
        return
    except csv.Error:  # a header with a stray quote: read as csv's lenient mode reads it
        header = _header(_lenient(lines.taken, sep))
    n = 0
    pattern = re.compile(leads_pattern(sep))
    while True:
        lines.taken = []
        start = lines.line + 1
        try:
            cells: list[str] | None = next(reader)
            error = None
        except StopIteration:
            return
        except csv.Error as exc:
            cells, error = None, str(exc)
        taken, why = lines.taken, None
        if cells:  # read: a cell may still hold the next row (its quote closed by chance)
            why = swallowed(cells[0], (m for c in cells[1:] if "\n" in c for m in pattern.findall(c)))
        if error is not None and len(taken) > 1:
            why = UNCLOSED
        if why is not None or error is not None:
            lead = _lenient(taken[:1], sep)
            again = next((i for i in range(1, len(taken)) if _starts_row(taken[i], lead, sep, len(header))), None)
            if why is not None and again is not None:  # the row is broken; what follows is read again
                lines.read_again(taken[again:])
                n += 1
                yield n, dict(zip(header, lead, strict=False)), f"broken CSV row (line {start}): {why} (line " \
                    f"{start + again})"
                continue
            if error is None or error.startswith("unexpected end of data"):
                n += 1
                yield n, dict(zip(header, lead, strict=False)), f"broken CSV row (line {start}): " + (
                    why if error is None else "a quote is not closed before the end of the file")
                continue
            if cells is None:  # a quote out of place, no row swallowed: csv's lenient reading (as before)
                cells = _lenient(taken, sep)
        if not any(c.strip() for c in cells):
            continue
        n += 1
        if len(cells) != len(header):
            why = f"broken CSV row (line {start}): {len(cells)} fields where the header has {len(header)}"
            yield n, dict(zip(header, cells, strict=False)), why  # its id, if the id cell was read (as Spark)
            continue
        yield n, dict(zip(header, cells, strict=True)), None


def _lenient(lines: list[str], sep: str) -> list[str]:
    return next(csv.reader(lines, delimiter=sep), [])


def _starts_row(line: str, lead: list[str], sep: str, width: int) -> bool:
    """Whether a line swallowed by a broken row looks like the start of the next row: its first field is
    an id shaped as the broken row's, or the line alone is a whole row."""
    first, _, rest = line.partition(sep)
    if rest[:1] != " " and lead and _same_id_shape(lead[0], first.strip('"')):
        return True
    try:
        return width > 1 and len(next(csv.reader([line], delimiter=sep, strict=True), [])) == width
    except csv.Error:
        return False
