"""kb serve under load: our search endpoint beside Datasette's own pages of the same base, on loopback.

    python benchmarks/serve.py /tmp/team.db --clients 20 --requests 400

Starts `kb serve FILE` (a file made by kb publish: immutable, the default settings), warms each endpoint up (every
Datasette thread loads its caches), then sends each endpoint `--requests` GETs from `--clients` concurrent clients
(one keep-alive connection each), stopping early after `--seconds`. Prints a Markdown table: p50, p95, max and
requests per second per endpoint, with the machine's load. The clients share the machine with the server: compare
rows within one run.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def endpoints(db: str) -> list[tuple[str, str]]:
    """(what, path): ours first, then Datasette's own pages of the same base."""
    q = lambda text: quote(text)  # noqa: E731
    return [
        ("ours: /-/search.json?q=满意 (2 characters)", f"/-/search.json?q={q('满意')}"),
        ("ours: /-/search.json?q=满意度", f"/-/search.json?q={q('满意度')}"),
        ("ours: /-/search.json?q=补贴发放准确率 (7)", f"/-/search.json?q={q('补贴发放准确率')}"),
        ("ours: /-/search.json?q=myd (pinyin: suggestions)", "/-/search.json?q=myd"),
        (
            "ours: /-/search.json?q=满意&region=宁波&year=2022",
            f"/-/search.json?q={q('满意')}&region={q('宁波')}&year=2022",
        ),
        ("ours: /-/search?q=满意度 (the HTML page)", f"/-/search?q={q('满意度')}"),
        ("Datasette: /db/indicators (table page, 100 rows)", f"/{db}/indicators"),
        ("Datasette: /db/indicators.json?_size=20", f"/{db}/indicators.json?_size=20"),
        ("Datasette: /db/indicator_names?name__contains=满意", f"/{db}/indicator_names?name__contains={q('满意')}"),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "kb", "serve", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/search.json?q=x", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"kb serve stopped: {server.stderr.read().decode()}") from None
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("kb serve did not answer within 60 s")


def load(port: int, path: str, clients: int, requests: int, seconds: float) -> dict:
    """Send `requests` GETs of `path` from `clients` threads (or fewer, if `seconds` run out)."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    per_client = max(1, requests // clients)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine = []
        for _ in range(per_client):
            if time.perf_counter() > deadline:
                break
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                errors.append(response.status)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {
        "n": len(latencies),
        "p50": q[49],
        "p95": q[94],
        "max": latencies[-1],
        "rps": len(latencies) / wall,
        "errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a file made by kb publish")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="per endpoint")
    parser.add_argument("--seconds", type=float, default=90, help="per endpoint, at most")
    args = parser.parse_args()
    before = os.getloadavg()[0]
    port = _free_port()
    server = start(args.db, port)
    try:
        rows = []
        for what, path in endpoints(args.db.stem):
            load(port, path, args.clients, args.clients * 3, args.seconds)  # warm-up: every thread's caches
            rows.append((what, load(port, path, args.clients, args.requests, args.seconds)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    size = args.db.stat().st_size / 2**20
    print(f"`{args.db.name}` ({size:.0f} MiB), {args.clients} concurrent clients, loopback; ", end="")
    print(f"load average (1 min) before {before:.2f}, after {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores\n")
    print("| endpoint | requests | p50 ms | p95 ms | max ms | requests/s | errors |")
    print("|---|---|---|---|---|---|---|")
    for what, r in rows:
        print(
            f"| {what} | {r['n']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | {r['rps']:.1f} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()
