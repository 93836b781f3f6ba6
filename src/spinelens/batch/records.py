"""What both engines make of a task: its JSON record, its flat rows, and the run's counts."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, UsageError
from .tasks import Task

FORMATS = ("jsonl", "csv", "parquet")
FLAT_COLUMNS = ["id", "source", "age", "sex", "type", "level", "side", "zone", "severity", "certainty", "category",
                "prevalence", "reasons", "evidence", "error_kind", "error_message", "report_rows"]
FLAT_TYPES = {"age": "double", "prevalence": "double", "report_rows": "bigint"}  # the rest are text

Counted = tuple[str | None, str | None, str | None]  # (type, certainty, category) of a finding, for the summary


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}")


# ---------------------------------------------------------------- records


# spaCy keeps every token string it meets (nlp.vocab.strings) and a lexeme for most, for the life of the
# pipeline: over unique reports (accession numbers, dates, names) a worker grew by GBs per million reports.
# Both engines build a new pipeline once this many strings have been added to the one in use (a few
# thousand unique reports; a build takes ~0.5 s, and a batch of repeated texts never pays for one); 0: never.
# The results are the same: no output depends on what earlier reports left in the vocabulary.
RENEW_AFTER = 50_000
renewals = 0  # pipelines built again in this process (for benches and tests)
_watched: tuple[weakref.ref[Any], int] | None = None  # (the pipeline, its string count when first seen)


def bound_vocabulary() -> None:
    """Renew this process's pipeline when its vocabulary has grown by more than RENEW_AFTER strings."""
    global _watched, renewals
    from ..analyze import load

    nlp = load()
    size = len(nlp.vocab.strings)
    if _watched is None or _watched[0]() is not nlp:
        _watched = (weakref.ref(nlp), size)
    elif RENEW_AFTER and size - _watched[1] > RENEW_AFTER:
        from ..nlp.pipeline import shared

        del nlp
        _watched = None
        shared.cache_clear()  # the old pipeline, its Vocab and StringStore go with their last reference
        gc.collect()
        _return_free_memory()
        renewals += 1
        bound_vocabulary()  # build the new one now, and note its size


def _return_free_memory() -> None:
    """Hand the freed pipeline's memory back to the system (glibc keeps freed heap pages otherwise,
    so a worker's RSS would step up at each renewal); elsewhere, nothing to do."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def analyse_task(task: Task) -> dict[str, Any]:
    """The JSON record for one task: a result, or an error record. Never raises."""
    from ..analyze import analyze

    if task.error is not None:
        return error_record(task, *task.error)
    try:
        bound_vocabulary()
        result = analyze(task.text or "", symptoms=task.symptoms, age=task.age, sex=task.sex, id=task.id,
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


# ---------------------------------------------------------------- the run's counts


def counted(record: dict[str, Any]) -> tuple[str | None, list[Counted]]:
    """What the summary counts of a record: its error kind, or None and its findings."""
    if "error" in record:
        return record["error"]["kind"], []
    return None, [(f["type"], f["certainty"], (f.get("assessment") or {}).get("category"))
                  for f in record["findings"]]


@dataclass
class Summary:
    """The counts of a run; both engines count findings by ``add_finding`` and print ``text``. ``notes``:
    one line for each input that held no report (an empty table, a folder with no file to read)."""

    ok: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

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
