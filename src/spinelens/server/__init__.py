"""A local web page and JSON API: paste a report, see red flags, highlighted findings and
their correlation. Binds 127.0.0.1 by default; report text is never logged; no CDN assets.

Analyses run in worker processes, never on the event loop: spaCy's tokenizer holds the GIL for
over a second on a 1 MB text, so a thread would stall every other request (measured: 1.2 s).
Worker 0 takes only small inputs, so a normal report never queues behind a huge one; a job
that overstays its time budget is killed and its worker replaced."""

from .app import CSP, SECURITY_HEADERS, AnalyzeRequest, create_app, host_allowed
from .serve import check_port, serve
from .workers import BUDGET_S, QUICK_CHARS, QUICK_LIMIT_S, Analyser, Busy, TooSlow, WorkerLost, run_job

__all__ = ["CSP", "SECURITY_HEADERS", "AnalyzeRequest", "create_app", "host_allowed", "check_port", "serve", "BUDGET_S",
           "QUICK_CHARS", "QUICK_LIMIT_S", "Analyser", "Busy", "TooSlow", "WorkerLost", "run_job"]
