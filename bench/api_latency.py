"""Latency of the web API: the first response after `spinelens serve` starts, warm latency per
typical report (p50, p95), and the latency of a typical report while a pathological one (~900 KB
of report text) is being analysed, through a real HTTP server on 127.0.0.1.

    .venv/bin/python bench/api_latency.py [--requests 300] [--pathological 3]
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port: int, body: bytes) -> tuple[int, float]:
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/api/analyze", body, {"Content-Type": "application/json"})
    status = conn.getresponse().status
    conn.close()
    return status, time.perf_counter() - t0


def pathological_body(texts: list[str]) -> bytes:
    """~900 KB of real report text, as one request (just under the 1 MB body limit)."""
    parts: list[str] = []
    size = 0
    while size < 900_000:
        parts.append(texts[len(parts) % len(texts)])
        size += len(parts[-1]) + 2
    body = json.dumps({"text": "\n\n".join(parts)[:900_000]}).encode()
    assert len(body) <= 1_000_000, len(body)
    return body


def during_pathological(port: int, bodies: list[bytes], big: bytes, rounds: int) -> None:
    """Typical requests one after another while pathological ones run: each typical one's latency."""
    alone = [post(port, bodies[i % len(bodies)])[1] * 1000 for i in range(30)]
    big_runs: list[tuple[int, float]] = []

    def pathological() -> None:
        for _ in range(rounds):
            big_runs.append(post(port, big))

    thread = threading.Thread(target=pathological)
    thread.start()
    time.sleep(0.2)  # let the first one reach its worker
    during = []
    while thread.is_alive() and len(during) < 5000:
        status, dt = post(port, bodies[len(during) % len(bodies)])
        assert status == 200, status
        during.append(dt * 1000)
        time.sleep(0.02)
    thread.join()
    print(f"typical request alone: p50 {statistics.median(alone):.1f} ms, max {max(alone):.1f} ms; during "
          f"{len(big)/1e3:.0f} KB requests ({', '.join(f'{s} in {t:.1f} s' for s, t in big_runs)}): "
          f"p50 {statistics.median(during):.1f} ms, max {max(during):.1f} ms over {len(during)} requests")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--pathological", type=int, default=3, help="~900 KB requests, one after another")
    args = parser.parse_args()
    texts = [p.read_text() for p in sorted((ROOT / "samples").glob("*.txt"))]
    typical = [t for t in texts if 1200 <= len(t) <= 2200]
    bodies = [json.dumps({"text": t, "symptoms": "left leg pain to the great toe", "age": 50}).encode()
              for t in typical]
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "spinelens", "serve", "--port", str(port)],
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        first = None
        while time.perf_counter() - t0 < 60:
            try:
                status, _ = post(port, bodies[0])
                if status == 200:
                    first = time.perf_counter() - t0
                    break
            except OSError:
                time.sleep(0.05)
        for b in bodies:
            post(port, b)  # warm up
        times = []
        for i in range(args.requests):
            status, dt = post(port, bodies[i % len(bodies)])
            assert status == 200
            times.append(dt * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        mean_chars = statistics.mean(len(t) for t in typical)
        print(f"first response after start: {first:.2f} s")
        print(f"warm latency over {args.requests} requests of ~{mean_chars:.0f}-char reports with symptoms: "
              f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
        during_pathological(port, bodies, pathological_body(texts), args.pathological)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
