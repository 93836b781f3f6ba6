"""A local web page and JSON API: paste a report, see red flags, highlighted findings and
their correlation. Binds 127.0.0.1 by default; report text is never logged; no CDN assets."""

from __future__ import annotations

import threading
from importlib import resources
from typing import Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from .errors import InputError, InputTooLarge
from .inputs import MAX_BYTES
from .version import __version__

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
STATIC = {"app.js": "text/javascript", "style.css": "text/css"}


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the report text")
    symptoms: str | None = Field(None, description="the patient's symptoms, free text")
    age: float | None = Field(None, ge=0, le=130)
    sex: Literal["female", "male"] | None = None
    id: str | None = None


def _asset(name: str) -> str:
    return resources.files("spinelens").joinpath("web", name).read_text(encoding="utf-8")


def create_app() -> FastAPI:
    app = FastAPI(title="SpineLens", version=__version__, docs_url=None, redoc_url=None,
                  description="Structured findings and clinical correlation from lumbar spine MRI reports. "
                              "POST /api/analyze takes {text, symptoms?, age?, sex?, id?} and returns the result "
                              "of shared/spec/result.schema.json.")
    lock = threading.Lock()  # one analysis at a time: the spaCy pipeline is shared

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > MAX_BYTES:
                return JSONResponse({"detail": "request body over 1 MB: one report at a time, please"}, 413)
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype != "application/json":
                return JSONResponse({"detail": "send JSON (Content-Type: application/json)"}, 415)
            body = await request.body()
            if len(body) > MAX_BYTES:
                return JSONResponse({"detail": "request body over 1 MB: one report at a time, please"}, 413)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

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

    @app.post("/api/analyze")
    def analyze(req: AnalyzeRequest) -> dict:
        from .analyze import analyze

        try:
            with lock:
                return analyze(req.text, symptoms=req.symptoms, age=req.age, sex=req.sex,
                                         id=req.id).to_dict()
        except InputTooLarge as exc:
            raise HTTPException(413, str(exc)) from None
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None

    return app


def serve(host: str = "127.0.0.1", port: int = 8765) -> None:
    import sys

    import uvicorn

    from .analyze import load

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"spinelens: warning: serving on {host}: other machines can reach this page. Reports are "
              "patient data; bind 127.0.0.1 unless this network is trusted.", file=sys.stderr)
    load()  # build the pipeline before the first request
    print(f"SpineLens on http://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}/  (Ctrl-C stops)",
          file=sys.stderr)
    uvicorn.run(create_app(), host=host, port=port, log_level="warning", access_log=False)
