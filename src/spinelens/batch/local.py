"""The local engine: folders, files and tables of reports -> JSONL / CSV / Parquet on one machine.

Streaming and bounded: inputs are read lazily, at most ``workers * 4`` chunks of 64 reports are in flight,
and results are written in input order, one complete line at a time (flushed), so a run
killed at any point can be resumed with ``--resume``: finished inputs are skipped, a torn
last line is cut off, and every input ends up in the output exactly once. An input that
fails becomes an error record; nothing is dropped. A worker that dies (kill -9, out of memory) stops
the run with one line (``WorkerDied``); workers die with the parent and leave Ctrl-C to it, quietly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SpineLensError, UsageError
from .records import FLAT_COLUMNS, FLAT_TYPES, Counted, Summary, analyse_task, check_format, counted, flat_rows
from .tables import table_columns
from .tasks import TABLE_SUFFIXES, Options, Task, check_columns, iter_tasks

# ---------------------------------------------------------------- analysing


class WorkerDied(SpineLensError):
    """A worker process died (killed, out of memory): the run stops; what was written stays, for --resume."""

    kind = "worker_died"


def _init_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: no KeyboardInterrupt trace per worker
    _die_with(parent)
    from ..analyze import load

    load()  # one pipeline per worker process, built now (records.bound_vocabulary renews it over unique text)


def _die_with(parent: int) -> None:
    """End this worker, quietly, when the parent dies (kill -9): else it writes to a dead pipe and prints a
    BrokenPipeError trace. Linux's parent-death signal at once; elsewhere a thread that sees the new parent."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


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
    pool = _Pool(workers, fmt)
    done = False
    try:
        yield from pool.ordered(_chunks(tasks, chunk), window=workers * 4)
        done = True
    finally:
        pool.close(done)


class _Pool:
    """Worker processes, each with a pipe of its own, one chunk at a time each. Not concurrent.futures'
    ProcessPoolExecutor: its workers share one result pipe, and a worker killed while writing its result
    there leaves a torn message that the reading thread waits on for ever, while the other worker waits for
    the lock the dead one held (seen as a run that never stopped after a kill -9). Here a dead worker only
    closes its own pipe, and its process sentinel says so at once."""

    def __init__(self, workers: int, fmt: str):
        import multiprocessing as mp

        fork = sys.platform.startswith("linux")
        ctx = mp.get_context("fork" if fork else "spawn")
        self.procs: list[Any] = []
        self.conns: list[Any] = []
        for _ in range(workers):
            mine, theirs = ctx.Pipe()
            # (a forked worker closes its copies of the earlier workers' pipe ends: each pipe is one worker's)
            proc = ctx.Process(target=_serve, args=(theirs, os.getpid(), fmt, list(self.conns) if fork else []),
                               daemon=True)
            proc.start()
            theirs.close()
            self.procs.append(proc)
            self.conns.append(mine)

    def ordered(self, chunks: Iterator[list[Task]], window: int) -> Iterator[Output]:
        """The outputs of every chunk, in input order: a free worker takes the next chunk while fewer than
        ``window`` chunks are sent and not yet given back."""
        from multiprocessing.connection import wait

        free = list(range(len(self.procs)))
        busy: dict[int, int] = {}  # worker -> the chunk it holds
        results: dict[int, list[Output]] = {}
        sent = given = 0
        exhausted = False
        sentinels = {proc.sentinel for proc in self.procs}
        while True:
            while free and not exhausted and sent - given < window:
                part = next(chunks, None)
                if part is None:
                    exhausted = True
                    break
                w = free.pop()
                try:
                    self.conns[w].send((sent, part))
                except OSError:
                    raise _died() from None
                busy[w], sent = sent, sent + 1
            while given in results:
                yield from results.pop(given)
                given += 1
            if not busy:
                if exhausted:
                    return
                continue
            for ready in wait([self.conns[w] for w in busy] + list(sentinels)):
                if ready in sentinels:
                    raise _died()
                w = self.conns.index(ready)
                try:
                    seq, outputs, error = ready.recv()
                except (EOFError, OSError):
                    raise _died() from None
                if error is not None:
                    raise error
                results[seq] = outputs
                free.append(w)
                del busy[w]

    def close(self, done: bool) -> None:
        """Finished: each worker is told to stop and ends. Interrupted or broken: the workers are stopped now,
        not after their chunks."""
        for proc, conn in zip(self.procs, self.conns, strict=True):
            if done:
                try:
                    conn.send(None)
                except OSError:
                    pass
            elif proc.is_alive():
                proc.terminate()
        for proc in self.procs:
            proc.join(10 if done else 5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        for conn in self.conns:
            conn.close()


def _died() -> WorkerDied:
    return WorkerDied("a worker process died (killed, or out of memory?)")


def _serve(conn: Any, parent: int, fmt: str, inherited: list[Any]) -> None:
    """A worker: chunks in, outputs back, on its own pipe, until told to stop or the parent is gone."""
    for other in inherited:
        other.close()
    _init_worker(parent)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        seq, chunk = message
        try:
            reply = (seq, _work(chunk, fmt), None)
        except Exception as exc:  # an unexpected failure is the parent's to report, as a pool's would be
            reply = (seq, None, exc)
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# ---------------------------------------------------------------- writing


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


def check_writable(out: Path) -> None:
    """Refuse, before any work, an output path below a file or in a folder this user cannot write (both
    engines; a missing folder is made). Root may write in a read-only folder: os.access says so too."""
    folder = out.absolute().parent
    while not folder.exists() and not folder.is_symlink():
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"--out {out}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: cannot write in {folder} (permission denied)")


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
            raise UsageError("--format parquet needs the 'parquet' extra: pip install '.[parquet]' in SpineLens's "
                             "source folder (from an index that holds its wheel: pip install 'spinelens[parquet]')") from None
    if out.exists() and out.is_dir():
        raise UsageError(f"{out}: is a folder; --out names the output file")
    for raw in inputs:  # a missing column is refused before the output is touched
        if Path(raw).is_file() and Path(raw).suffix.lower() in TABLE_SUFFIXES and (columns := table_columns(Path(raw))):
            check_columns(raw, columns, opts)
    check_writable(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)  # a missing folder is made, as Spark makes its output's
        writer = Writer(out, fmt, resume)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write it: {exc.strerror or exc}") from None
    summary = Summary()
    tasks = iter_tasks(inputs, opts, summary.notes)

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
    written = 0
    try:
        for output in run_outputs(todo(), workers, "csv" if fmt == "csv" else "jsonl"):
            writer.write(output.text)
            summary.add_report(output.error, output.findings)
            written += 1
            if bar is not None:
                bar.update(1)
    except WorkerDied as exc:
        raise WorkerDied(f"{exc}: stopped after {written} reports, which {out} keeps; run the same command with "
                         "--resume to finish") from None
    finally:
        if bar is not None:
            bar.close()
        writer.close()
    return summary
