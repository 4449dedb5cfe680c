"""Requests per second of every public page type, as a share of a bare Django page, in the same run.

Run: .venv/bin/python benchmarks/throughput.py [--duration 10] [--connections 32] [--scale N]
                                               [--only city,home]

Needs wrk (Debian: `apt-get install wrk`). Prints figures, asserts no time.

A scratch directory (never var/) gets a SQLite database, migrated and loaded with the demo data (`icc
load_demo`, or `icc load_demo --scale N` for N cities with five rounds each), and its static files
collected. Then two servers run one after the other on this machine, each gunicorn with --workers 2
(sync), DEBUG off, as in production: the bare page (benchmarks/bare_site.py: startproject's default
middleware, 150 rows read from SQLite and rendered by a template loop) and the platform. Each URL is
warmed with a few requests (the first one of a publication fills the cache the pages share), then driven
by wrk with --connections for --duration seconds. The bare page is measured before and after the
platform's pages; the ratio is taken against the mean of the two, so that a machine slowing down in
between does not flatter either side. The API is measured with its anonymous rate limit raised
(API_RATE_ANON), so that the figure is the API's, not the limiter's 429s; wrk's non-2xx count is printed
and a page with any is marked.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"

PAGES = {
    "home": "/en/",
    "city": "/en/cities/{city}/",
    "compare": "/en/compare/?cities={compare}",
    "rankings": "/en/rankings/",
    "city list": "/en/cities/",
    "open data": "/en/data/",
    "API cities": "/api/v1/cities",
    "API rounds": "/api/v1/rounds",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def platform_env(scratch: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        ICC_TESTING="false",
        SECRET_KEY="benchmark-only-" + "k3y" * 20,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SECURE_PROXY_SSL_HEADER="",
        ICC_VAR_DIR=str(scratch),
        DATABASE_URL=f"sqlite:///{scratch / 'icc.sqlite3'}",
        STATIC_ROOT=str(scratch / "static"),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        API_RATE_ANON="1000000/s",
        ENV_FILE=str(scratch / "no.env"),
    )
    return env


def icc(env: dict[str, str], *args: str) -> float:
    """Run `icc ARGS`; its output goes to icc.log in the scratch directory (printed if it fails)."""
    log = Path(env["ICC_VAR_DIR"]) / "icc.log"
    start = time.perf_counter()
    with log.open("a") as out:
        done = subprocess.run([str(BIN / "icc"), *args], env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        sys.exit(f"icc {' '.join(args)} failed:\n{log.read_text()[-3000:]}")
    return time.perf_counter() - start


class Server:
    """gunicorn serving `app` on a free port, 2 sync workers, until stopped."""

    def __init__(self, app: str, env: dict[str, str], port: int, workers: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                app,
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--chdir",
                str(ROOT),
            ],
            env=env,
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url("/"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"{app} did not start on port {port}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def warm(url: str, times: int = 5) -> int:
    status = 0
    for _ in range(times):
        try:
            with urllib.request.urlopen(url, timeout=60) as page:
                page.read()
                status = page.status
        except urllib.error.HTTPError as error:
            status = error.code
    return status


def wrk(url: str, duration: int, connections: int) -> tuple[float, int, float]:
    """Requests per second, non-2xx/3xx responses, 99th percentile latency in ms."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan")
    return rate, int(bad.group(1)) if bad else 0, latency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for both servers")
    parser.add_argument(
        "--scale", type=int, default=0, help="load N generated cities x 5 rounds instead of the demo"
    )
    parser.add_argument("--only", default="", help="comma-separated page names, e.g. 'city,home'")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is needed: apt-get install wrk (Debian) or brew install wrk", file=sys.stderr)
        return 2
    pages = {k: v for k, v in PAGES.items() if not args.only or k in args.only.split(",")}

    scratch = Path(tempfile.mkdtemp(prefix="icc-bench-throughput-"))
    try:
        port = free_port()
        env = platform_env(scratch, port)
        print(f"scratch: {scratch}")
        print(f"migrate: {icc(env, 'migrate', '--no-input', '-v', '0'):.1f} s")
        icc(env, "collectstatic", "--no-input", "-v", "0")  # the demo's reports need the manifest
        load = ["load_demo", *(["--scale", str(args.scale)] if args.scale else [])]
        print(f"{' '.join(load)}: {icc(env, *load):.1f} s")
        city, compare = sample_cities(env)

        bare_env = dict(os.environ, BARE_SITE_DB=str(scratch / "bare.sqlite3"))
        bare_env["PYTHONPATH"] = str(ROOT / "benchmarks")
        rates: dict[str, tuple[float, int, float]] = {}

        def measure_bare(label: str) -> None:
            server = Server("bare_site:application", bare_env, free_port(), args.workers)
            try:
                warm(server.url("/"), 20)
                rates[label] = wrk(server.url("/"), args.duration, args.connections)
            finally:
                server.stop()

        measure_bare("bare (before)")
        server = Server("icc.wsgi:application", env, port, args.workers)
        try:
            for name, path in pages.items():
                url = server.url(path.format(city=city, compare=compare))
                status = warm(url)
                if status != 200:
                    print(f"{name}: {url} answered {status}", file=sys.stderr)
                    return 1
                rates[name] = wrk(url, args.duration, args.connections)
        finally:
            server.stop()
        measure_bare("bare (after)")

        bare = (rates["bare (before)"][0] + rates["bare (after)"][0]) / 2
        cities = args.scale or "demo"
        print(
            f"\n{cities} cities, gunicorn {args.workers} workers,"
            f" wrk {args.connections} connections x {args.duration} s"
        )
        print(f"{'page':<16}{'req/s':>9}{'share of bare':>15}{'p99 ms':>9}  errors")
        for name, (rate, bad, p99) in rates.items():
            share = "" if name.startswith("bare") else f"{100 * rate / bare:.0f} %"
            mark = f"  {bad} non-2xx" if bad else ""
            print(f"{name:<16}{rate:>9.0f}{share:>15}{p99:>9.1f}{mark}")
        return 0
    finally:
        if args.keep:
            print(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def sample_cities(env: dict[str, str]) -> tuple[str, str]:
    """A published city's slug for the city page, and three for compare (in the demo: Lisbon, Lyon,
    Barcelona)."""
    code = (
        "from icc.index.selectors.publication import published_responses as p;"
        "s=list(dict.fromkeys(r.city.slug for r in p()));"
        "pick=[c for c in ('lisbon','lyon','barcelona') if c in s] or s[:3];"
        "print('PICK', pick[0], ','.join(pick))"
    )
    out = subprocess.run(
        [str(BIN / "icc"), "shell", "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout
    _, city, compare = next(line for line in out.splitlines() if line.startswith("PICK ")).split()
    return city, compare


if __name__ == "__main__":
    sys.exit(main())
