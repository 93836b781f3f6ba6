"""The server's worker processes: analyses never run on the event loop (spaCy's tokenizer holds the
GIL for over a second on a 1 MB text). Worker 0 takes only small inputs, so a normal report never
queues behind a huge one; a job that overstays its time budget is killed and its worker replaced."""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import signal
import threading
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from ..errors import InputError, InputTooLarge, SpineLensError

log = logging.getLogger("spinelens.server")

BUDGET_S = 10.0  # per request, queueing included; a 900 KB report takes 3-6 s on 2 cores
QUICK_CHARS = 10_000  # text + symptoms up to this go to the quick worker (a report is 1-5 kB: ~50 ms)
QUICK_LIMIT_S = 0.75  # a quick job running longer moves to the general worker, so it cannot hold the quick one
MAX_WAITING = {False: 16, True: 4}  # requests queued per kind (small, big) before new ones get 503
START_TIMEOUT_S = 120.0


# --- worker processes -----------------------------------------------------------------------

Outcome = tuple[str, Any]  # ("ok", JSON bytes) | ("too_large" | "input", message) | ("internal", error type)


def run_job(payload: dict[str, Any]) -> Outcome:
    """One analysis, in a worker. The result is serialised here so the server's event loop does
    no work in proportion to the report."""
    from ..analyze import analyze
    from ..batch.records import bound_vocabulary

    bound_vocabulary()  # a long-running server meets new words with every report: keep its memory flat
    try:
        result = analyze(payload["text"], symptoms=payload.get("symptoms"), age=payload.get("age"),
                         sex=payload.get("sex"), id=payload.get("id"))
    except InputTooLarge as exc:
        return "too_large", str(exc)
    except InputError as exc:  # messages name the input ('age 300 ...'), never the report text
        return "input", str(exc)
    return "ok", json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _worker_main(conn: Connection, job: Callable[[dict[str, Any]], Outcome]) -> None:
    # Ctrl-C reaches the whole process group: the server shuts down and closes the pipe instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker logs and warns nothing: a library message could quote the report.
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    try:
        from ..analyze import load

        load()
    except Exception as exc:
        conn.send(("failed", exc if isinstance(exc, SpineLensError) else type(exc).__name__))
        return
    conn.send(("ready", None))
    while True:
        try:
            payload = conn.recv()
        except (EOFError, OSError):  # the server went away
            return
        if payload is None:
            return
        try:
            outcome = job(payload)
        except Exception as exc:  # the type only: the message could quote the report
            outcome = ("internal", type(exc).__name__)
        conn.send(outcome)


class Busy(Exception):
    """No worker became free within the time budget, or too many requests are queued."""


class TooSlow(Exception):
    """The analysis itself ran past the time budget: the input is the cause."""


class WorkerLost(Exception):
    """A worker process died during a job."""


class _Worker:
    def __init__(self, index: int):
        self.index = index
        self.quick = index == 0
        self.busy = True  # until started
        self.proc: Any = None
        self.conn: Connection | None = None


def _context() -> Any:
    # forkserver: children fork from a clean single-threaded server with spaCy already imported
    # (a restart takes ~0.5 s); plain fork from a threaded server could deadlock. Windows: spawn.
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["spinelens.server", "spinelens.analyze", "spinelens.nlp.pipeline"])
        return ctx
    return mp.get_context("spawn")


class Analyser:
    """Worker processes, each with its own pipeline, and the time budget. ``run`` blocks: call it
    from ``executor``, never on the event loop."""

    def __init__(self, budget: float = BUDGET_S, workers: int = 2,
                 job: Callable[[dict[str, Any]], Outcome] = run_job):
        self.budget = budget
        self.job = job  # a module-level function: it is pickled by name
        self._workers = [_Worker(i) for i in range(max(2, workers))]
        self._cond = threading.Condition()
        self._start_lock = threading.Lock()
        self._waiting = {False: 0, True: 0}
        self._started = self._closed = False
        self._ctx = _context()
        self.executor = ThreadPoolExecutor(len(self._workers) + sum(MAX_WAITING.values()),
                                           thread_name_prefix="spinelens-analysis")

    def start(self) -> None:
        """Start every worker and wait until each has built its pipeline (idempotent)."""
        with self._start_lock:
            if self._started:
                return
            try:
                for w in self._workers:
                    self._launch(w)
                for w in self._workers:
                    self._await_ready(w)
            except BaseException:
                for w in self._workers:
                    self._stop(w)
                raise
            for w in self._workers:
                self._release(w)
            self._started = True

    def close(self) -> None:
        with self._start_lock:
            self._closed = True
            for w in self._workers:
                self._stop(w)
        self.executor.shutdown(wait=False, cancel_futures=True)

    def run(self, payload: dict[str, Any]) -> Outcome:
        self.start()
        big = len(payload["text"]) + len(payload.get("symptoms") or "") > QUICK_CHARS
        deadline = time.monotonic() + self.budget
        while True:
            worker = self._acquire(big, deadline)
            limit = deadline - time.monotonic()
            capped = worker.quick and limit > QUICK_LIMIT_S
            try:
                outcome = self._call(worker, payload, QUICK_LIMIT_S if capped else limit)
            except WorkerLost:
                self._replace(worker)
                raise
            if outcome is not None:
                self._release(worker)
                return outcome
            self._replace(worker)  # killed: no other way to stop a running analysis
            if not capped:
                raise TooSlow
            big = True  # slower than a report should be: the general worker finishes it

    def _acquire(self, big: bool, deadline: float) -> _Worker:
        with self._cond:
            if self._closed or self._waiting[big] >= MAX_WAITING[big]:
                raise Busy
            self._waiting[big] += 1
            try:
                while True:  # small jobs take the quick worker first, then any; big ones skip it
                    worker = next((w for w in self._workers if not w.busy and not (big and w.quick)), None)
                    if worker is not None:
                        worker.busy = True
                        return worker
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or self._closed:
                        raise Busy
                    self._cond.wait(remaining)
            finally:
                self._waiting[big] -= 1

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            worker.busy = False
            self._cond.notify_all()

    @staticmethod
    def _call(worker: _Worker, payload: dict[str, Any], limit: float) -> Outcome | None:
        """The worker's outcome, or None when it is still working after ``limit`` seconds."""
        conn = worker.conn  # close() may clear it meanwhile: then poll fails with OSError
        if conn is None:
            raise WorkerLost
        try:
            conn.send(payload)
            if not conn.poll(max(limit, 0.0)):
                return None
            outcome: Outcome = conn.recv()
            return outcome
        except (EOFError, OSError) as exc:
            raise WorkerLost from exc

    def _launch(self, worker: _Worker) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.job), daemon=True,
                                 name=f"spinelens-worker-{worker.index}")
        proc.start()
        child.close()
        worker.proc, worker.conn = proc, parent

    def _await_ready(self, worker: _Worker) -> None:
        assert worker.conn is not None
        try:
            ready = worker.conn.poll(START_TIMEOUT_S)
            status, detail = worker.conn.recv() if ready else ("failed", "timeout")
        except (EOFError, OSError):
            status, detail = "failed", "the process exited"
        if status != "ready":
            self._stop(worker)
            if isinstance(detail, SpineLensError):
                raise detail
            raise RuntimeError(f"an analysis worker did not start ({detail})")

    def _stop(self, worker: _Worker) -> None:
        if worker.conn is not None:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.conn.close()
            worker.conn = None
        if worker.proc is not None:
            worker.proc.join(0.5)
            if worker.proc.is_alive():
                worker.proc.kill()
                worker.proc.join(5)
            worker.proc = None

    def _replace(self, worker: _Worker) -> None:
        """Kill the worker now; a new one takes its place in the background (it stays busy till then)."""
        if worker.proc is not None:
            worker.proc.kill()
        self._stop(worker)

        def restart() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    self._launch(worker)
                    self._await_ready(worker)
                    if self._closed:  # closed while it started
                        self._stop(worker)
                    else:
                        self._release(worker)
                    return
                except Exception as exc:
                    log.error("analysis worker %d did not restart (%s), attempt %d", worker.index,
                              type(exc).__name__, attempt + 1)
                    time.sleep(1.0)

        threading.Thread(target=restart, name=f"spinelens-restart-{worker.index}", daemon=True).start()


# --- HTTP --------------------------------------------------------------------------------------

