"""A local web page and JSON API: paste a report, see red flags, highlighted findings and
their correlation. Binds 127.0.0.1 by default; report text is never logged; no CDN assets.

Analyses run in worker processes, never on the event loop: spaCy's tokenizer holds the GIL for
over a second on a 1 MB text, so a thread would stall every other request (measured: 1.2 s).
Worker 0 takes only small inputs, so a normal report never queues behind a huge one; a job
that overstays its time budget is killed and its worker replaced."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import json
import logging
import multiprocessing as mp
import os
import signal
import socket
import sys
import threading
import time
import traceback
import warnings
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from multiprocessing.connection import Connection
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import InputError, InputTooLarge, SpineLensError, UsageError
from .inputs import MAX_BYTES
from .version import __version__

log = logging.getLogger("spinelens.server")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
STATIC = {"app.js": "text/javascript", "style.css": "text/css"}
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})

BUDGET_S = 10.0  # per request, queueing included; a 900 KB report takes 3-6 s on 2 cores
QUICK_CHARS = 10_000  # text + symptoms up to this go to the quick worker (a report is 1-5 kB: ~50 ms)
QUICK_LIMIT_S = 0.75  # a quick job running longer moves to the general worker, so it cannot hold the quick one
MAX_WAITING = {False: 16, True: 4}  # requests queued per kind (small, big) before new ones get 503
START_TIMEOUT_S = 120.0


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the report text")
    symptoms: str | None = Field(None, description="the patient's symptoms, free text")
    age: float | None = Field(None, ge=0, le=130, allow_inf_nan=False)  # JSON NaN/Infinity parse as floats
    sex: Literal["female", "male"] | None = None
    id: str | None = None


# --- worker processes -----------------------------------------------------------------------

Outcome = tuple[str, Any]  # ("ok", JSON bytes) | ("too_large" | "input", message) | ("internal", error type)


def run_job(payload: dict[str, Any]) -> Outcome:
    """One analysis, in a worker. The result is serialised here so the server's event loop does
    no work in proportion to the report."""
    from .analyze import analyze

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
        from .analyze import load

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

def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str | None:
    """The name in a Host header without its port ('[::1]:8765' -> '[::1]'); None if malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value.partition("]")
        name += "]"
    else:
        name, _, rest = value.partition(":")
        rest = ":" + rest if rest else ""
    if rest and not (rest.startswith(":") and rest[1:].isdigit() and len(rest) <= 6):
        return None
    return name or None


def host_allowed(value: str | None, bound: str) -> bool:
    """DNS-rebinding defence: a page on another site that resolves its own name to this machine
    still sends its own name as Host. Bound to loopback, only loopback names are served; bound to
    one address, that address too; bound to all (0.0.0.0, ::), any IP literal (a rebinding attack
    always carries a name) and this machine's name. No Host at all: not a browser, so no attack."""
    if value is None:
        return True
    name = _host_name(value)
    if name is None:
        return False
    if name in LOOPBACK_NAMES:
        return True
    if _is_loopback(bound):
        return False
    bound = bound.lower()
    if bound in ("0.0.0.0", "::", ""):
        try:
            ipaddress.ip_address(name.strip("[]"))
            return True
        except ValueError:
            return name == socket.gethostname().lower()  # not getfqdn(): that can ask DNS, per request
    return name == (f"[{bound}]" if ":" in bound else bound)


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status, headers=headers)


class Guard:
    """Outermost ASGI layer of the app: the Host check, body limits, security headers on every
    response (errors included), and a 500 for any uncaught error that never logs the error's
    message (it could quote the report; Starlette's own handler re-raises it to the server log)."""

    def __init__(self, app: ASGIApp, bound: str):
        self.app = app
        self.bound = bound

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secure(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers[key] = value
            await send(message)

        headers = dict((k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"])
        if not host_allowed(headers.get("host"), self.bound):
            await _error(400, "unexpected Host header: this server answers only to the address it is bound to")(
                scope, receive, send_secure)
            return
        if scope["method"] == "POST":
            checked = await self._read_body(scope, receive, send_secure, headers)
            if checked is None:
                return
            receive = checked
        try:
            await self.app(scope, receive, send_secure)
        except Exception as exc:
            frames = traceback.extract_tb(exc.__traceback__)
            where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
            log.error("internal error: %s at %s on %s %s", type(exc).__name__, where, scope["method"], scope["path"])
            if not started:
                await _error(500, "internal error")(scope, receive, send_secure)

    @staticmethod
    async def _read_body(scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> Receive | None:
        """The body, read whole under the size limit and replayed to the app; None once answered."""
        too_large = _error(413, "request body over 1 MB: one report at a time, please")
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_BYTES:
            await too_large(scope, receive, send)
            return None
        if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            await _error(415, "send JSON (Content-Type: application/json)")(scope, receive, send)
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BYTES:  # chunked bodies have no Content-Length
                await too_large(scope, receive, send)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay


def _asset(name: str) -> str:
    return resources.files("spinelens").joinpath("web", name).read_text(encoding="utf-8")


def create_app(host: str = "127.0.0.1", budget: float = BUDGET_S, analyser: Analyser | None = None,
               job: Callable[[dict[str, Any]], Outcome] = run_job) -> FastAPI:
    """The app for a server bound to ``host`` (for the Host check). Without ``analyser`` it makes
    its own, started with the app's lifespan or on the first request."""
    own = analyser is None
    workers = analyser or Analyser(budget, job=job)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.get_running_loop().run_in_executor(None, workers.start)
        yield
        if own:
            workers.close()

    app = FastAPI(title="SpineLens", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Structured findings and clinical correlation from lumbar spine MRI reports. "
                              "POST /api/analyze takes {text, symptoms?, age?, sex?, id?} and returns the result "
                              "of shared/spec/result.schema.json.")
    app.state.analyser = workers
    app.add_middleware(Guard, bound=host)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler echoes each bad value back (the report with it), and a NaN in
        # that echo makes its JSON encoder fail with a 500. Here: where and what, no values.
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in errors)
        return JSONResponse({"detail": detail or "invalid request", "errors": errors}, 422)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(_asset("index.html"))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(404, "not found")
        return Response(_asset(name), media_type=STATIC[name])

    @app.get("/api/health")
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    @app.post("/api/analyze", responses={
        200: {"description": "the result (shared/spec/result.schema.json)"},
        400: {"description": "binary text, or a bad age or sex"},
        413: {"description": "body over 1 MB"}, 415: {"description": "not JSON"},
        422: {"description": "invalid request, or an analysis over the time budget"},
        503: {"description": "busy: no worker free within the time budget (see Retry-After)"}})
    async def analyze(req: AnalyzeRequest) -> Response:
        loop = asyncio.get_running_loop()
        try:
            kind, value = await loop.run_in_executor(workers.executor, workers.run, req.model_dump())
        except Busy:
            return _error(503, "SpineLens is busy with other reports; try again in a few seconds",
                          {"Retry-After": "5"})
        except TooSlow:
            return _error(422, f"this text took longer than {workers.budget:g} s to analyse: send one report, "
                               "not a whole record")
        except WorkerLost:
            log.error("an analysis worker died during a request; it is being replaced")
            return _error(500, "internal error")
        if kind == "ok":
            return Response(value, media_type="application/json")
        if kind == "too_large":
            raise HTTPException(413, value)
        if kind == "input":
            raise HTTPException(400, value)
        log.error("internal error in an analysis worker: %s", value)  # the error's type only
        return _error(500, "internal error")

    return app


# --- serve ---------------------------------------------------------------------------------------

def _bind_error(host: str, port: int) -> OSError | None:
    """Why uvicorn could not bind (host, port), or None. Binds every address as asyncio does."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return exc
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as sock:
            if os.name != "nt":  # as asyncio: a port left in TIME_WAIT is free
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                return exc
    return None


def check_port(host: str, port: int) -> None:
    """Raise UsageError, in one line, if the server could not listen on (host, port)."""
    if not 1 <= port <= 65535:
        raise UsageError(f"--port {port}: give a port from 1 to 65535")
    problem = _bind_error(host, port)
    if problem is None:
        return
    if problem.errno == errno.EADDRINUSE:
        free = next((p for p in range(port + 1, min(port + 50, 65535) + 1) if _bind_error(host, p) is None), None)
        raise UsageError(f"port {port} is in use" + (f"; try --port {free}" if free else ""))
    raise UsageError(f"cannot serve on {host} port {port}: {problem.strerror or problem}")


def serve(host: str = "127.0.0.1", port: int = 8765, budget: float = BUDGET_S) -> None:
    import uvicorn

    if not 0 < budget <= 3600:  # also refuses NaN
        raise UsageError(f"--timeout {budget:g}: give a number of seconds above 0 (at most 3600)")
    check_port(host, port)  # before the URL is printed
    if not _is_loopback(host):
        print(f"spinelens: warning: serving on {host}: other machines can reach this page. Reports are "
              "patient data; bind 127.0.0.1 unless this network is trusted.", file=sys.stderr)
    analyser = Analyser(budget)
    try:
        analyser.start()  # every worker builds its pipeline before the first request
        shown = {"127.0.0.1": "localhost", "::1": "[::1]"}.get(host, host)
        print(f"SpineLens on http://{shown}:{port}/  (Ctrl-C stops)", file=sys.stderr)
        uvicorn.run(create_app(host, budget, analyser), host=host, port=port, log_level="warning",
                    access_log=False)
    finally:
        analyser.close()
