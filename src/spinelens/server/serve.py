"""`spinelens serve`: check the port, start the workers, run uvicorn on loopback unless told otherwise."""

from __future__ import annotations

import errno
import logging
import os
import socket
import sys

from ..errors import UsageError
from .app import (
    _is_loopback,
    create_app,
)
from .workers import (
    BUDGET_S,
    Analyser,
)

log = logging.getLogger("spinelens.server")

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
