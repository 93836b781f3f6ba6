"""The web page and JSON API: routes, security headers on every response, the Host check, and
errors that never carry report text."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import traceback
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..inputs import MAX_BYTES
from ..version import __version__
from .workers import (
    BUDGET_S,
    Analyser,
    Busy,
    Outcome,
    TooSlow,
    WorkerLost,
    run_job,
)

log = logging.getLogger("spinelens.server")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
STATIC = {"app.js": "text/javascript", "style.css": "text/css", "favicon.svg": "image/svg+xml"}
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the report text")
    symptoms: str | None = Field(None, description="the patient's symptoms, free text")
    age: float | None = Field(None, ge=0, le=130, allow_inf_nan=False)  # JSON NaN/Infinity parse as floats
    sex: Literal["female", "male"] | None = None
    id: str | None = None



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

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:  # for what asks without reading the page (the JSON pages opened in a tab)
        return Response(_asset("favicon.svg"), media_type=STATIC["favicon.svg"])

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


