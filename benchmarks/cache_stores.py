"""What a shared cache costs per request: the cache stores the site can run on, side by side.

For each store (per process `locmemcache://`, one machine `filecache://`, several machines `redis://`):
the API's rate-limit check of one call (ninja's throttle, as icc/api/auth.py runs it on every call), over
a busy minute of a token holder at the default limit (600 calls, each reading and writing the list of the
minute's calls), and reading a cached network-report chart (an SVG with its PNG, ~100 KB). Prints the
median and the 90th percentile in microseconds; asserts nothing about time. Redis: REDIS_URL (default
redis://127.0.0.1:6379/14, a database number of its own: it is emptied).

    .venv/bin/python benchmarks/cache_stores.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icc.settings")
os.environ.setdefault("ICC_TESTING", "true")

import django

django.setup()

from django.core.cache.backends.filebased import FileBasedCache  # noqa: E402
from django.core.cache.backends.locmem import LocMemCache  # noqa: E402
from django.core.cache.backends.redis import RedisCache  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402

from icc.api.auth import AnonymousRateThrottle  # noqa: E402

RUNS = 3000
LIMIT = 600  # API_RATE_USER's default, per minute
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")


def timed(action, runs: int = RUNS) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9)]


def main() -> None:
    folder = tempfile.mkdtemp(prefix="icc-cache-bench-")
    stores = {
        "locmemcache://": LocMemCache("bench", {}),
        "filecache://": FileBasedCache(folder, {}),
        REDIS_URL: RedisCache(REDIS_URL, {}),
    }
    request = RequestFactory().get("/api/v1/cities", REMOTE_ADDR="192.0.2.10")
    chart = ("<svg>" + "x" * 60_000 + "</svg>", os.urandom(40_000))
    print(f"{'store':<32} {'rate-limit check µs (median / p90)':>36} {'cached chart read µs':>24}")
    for name, store in stores.items():
        store.clear()
        throttle = AnonymousRateThrottle()
        throttle.cache = store  # what the site's default cache would be with this CACHE_URL
        with override_settings(API_RATE_ANON=f"{LIMIT}/min"):
            check = timed(lambda throttle=throttle: throttle.allow_request(request), runs=LIMIT)
            assert not throttle.allow_request(request), "the limit must be reached: the minute was spent"
        store.set("chart", chart)
        read = timed(lambda store=store: store.get("chart"))
        print(f"{name:<32} {check[0]:>17.0f} / {check[1]:<18.0f} {read[0]:>11.0f} / {read[1]:<10.0f}")
        store.clear()


if __name__ == "__main__":
    main()
