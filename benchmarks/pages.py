"""How fast the heaviest pages answer on the demo data. Prints figures, asserts no time.

Run: .venv/bin/python benchmarks/pages.py [--runs N]

A scratch SQLite database in a temporary ICC_VAR_DIR (never var/) is migrated and loaded with the demo
data (timed). Then, through django.test.Client signed in as the demo secretariat or the demo
coordinator, each page is requested once with its SQL queries counted (that request also warms the
template and structure caches), then N times timed: median and 90th percentile in milliseconds. Last,
one autosave (the htmx POST of a Strasbourg 2026 commitment answer) is timed N times, alternating two
values. The only check: every page answers 200 (exit status 1 otherwise).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Before Django reads its settings: the scratch directory, and its SQLite file even if the environment
# (or a .env) names another database.
SCRATCH = tempfile.mkdtemp(prefix="icc-bench-pages-")
os.environ["ICC_VAR_DIR"] = SCRATCH
os.environ["DATABASE_URL"] = f"sqlite:///{Path(SCRATCH) / 'icc.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icc.settings")

import django  # noqa: E402

django.setup()
# With the immediate task backend each autosave rescores the round inline and logs every task state.
logging.getLogger("django.tasks").setLevel(logging.WARNING)

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from icc.accounts.models import User  # noqa: E402
from icc.demo.loader import load_demo_data  # noqa: E402
from icc.index.models import Answer, Response, Round  # noqa: E402
from icc.index.selectors.entry import dependency_ids  # noqa: E402
from icc.index.structure import structure_of  # noqa: E402

HTMX = {"HTTP_HX_REQUEST": "true"}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


def timed(request: Callable[[], HttpResponse], runs: int) -> tuple[list[float], list[int]]:
    times, statuses = [], []
    for _ in range(runs):
        start = time.perf_counter()
        page = request()
        times.append((time.perf_counter() - start) * 1000)
        statuses.append(page.status_code)
    return times, statuses


def client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def commitment_question(response: Response) -> tuple[str, str, str]:
    """A choice question of the commitment section that shows or hides no other question, with two of
    its options: the autosave then answers with the status line only, as most autosaves do."""
    structure = structure_of(response.round.questionnaire)
    deciding = dependency_ids(structure)
    for question in structure.area("commitment").questions:
        options = [oid for oid, _label, _points in question.options()]
        if (
            question.type in ("yes_no", "single_choice")
            and question.id not in deciding
            and not question.show_if
            and len(options) >= 2
        ):
            return question.id, options[0], options[1]
    raise SystemExit("No plain choice question in the commitment section.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (default 20)")
    args = parser.parse_args()
    runs = max(1, args.runs)

    print(f"Scratch database in {SCRATCH}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    load_demo_data()
    print(f"load_demo_data: {time.perf_counter() - start:.1f} s")

    round_2022 = Round.objects.get(name="Index 2022")
    strasbourg_2026 = Response.objects.get(round__name="Index 2026", city__name_en="Strasbourg")
    strasbourg_2022 = Response.objects.get(round=round_2022, city__name_en="Strasbourg")
    secretariat = client_for("secretariat@demo.icc")
    coordinator = client_for("coordinator@demo.icc")

    # The public site, as an anonymous visitor: the published cities of 2022 (the demo's consent).
    from icc.index.selectors.publication import published_responses

    anonymous = Client()
    shown = list(published_responses().filter(round=round_2022).values_list("city__slug", flat=True)[:6])
    compare = f"{reverse('public:compare')}?cities={','.join(shown)}&round={round_2022.pk}"
    public_pages: list[tuple[str, str, Client]] = (
        [
            ("anonymous", reverse("public:home"), anonymous),
            ("anonymous", reverse("public:city_detail", args=[shown[0]]), anonymous),
            ("anonymous", compare, anonymous),
            ("anonymous", f"{reverse('public:rankings')}?round={round_2022.pk}", anonymous),
        ]
        if shown
        else []
    )

    pages: list[tuple[str, str, Client]] = [
        *public_pages,
        ("secretariat", "/manage/cities/", secretariat),
        ("secretariat", "/manage/cities/?page=3", secretariat),
        ("secretariat", "/manage/expansion/", secretariat),
        ("secretariat", "/manage/accession/", secretariat),
        ("secretariat", "/manage/fees/", secretariat),
        ("secretariat", "/manage/networks/", secretariat),
        ("secretariat", reverse("index:round_detail", args=[round_2022.pk]), secretariat),
        ("secretariat", reverse("index:round_scores", args=[round_2022.pk]), secretariat),
        ("secretariat", reverse("reports:network_round", args=[round_2022.pk]), secretariat),
        ("secretariat", reverse("reports:network_all"), secretariat),
        ("coordinator", reverse("index:response_detail", args=[strasbourg_2026.pk]), coordinator),
        (
            "coordinator",
            reverse("index:response_section", args=[strasbourg_2026.pk, "commitment"]),
            coordinator,
        ),
        ("secretariat", reverse("index:response_scores", args=[strasbourg_2022.pk]), secretariat),
    ]

    rows: list[tuple[str, str, str, str, str, str]] = []
    failures: list[str] = []
    for who, url, client in pages:
        # With DEBUG on, the query log is a deque of 9,000 that the demo load has filled: a full log
        # does not grow, and CaptureQueriesContext would count 0. Empty it before each count.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            first = client.get(url)
        times, statuses = timed(lambda client=client, url=url: client.get(url), runs)
        bad = sorted({s for s in [first.status_code, *statuses] if s != 200})
        if bad:
            failures.append(f"{url} as {who}: status {', '.join(map(str, bad))}")
        status = "200" if not bad else "/".join(map(str, bad))
        rows.append(
            (
                url,
                who,
                status,
                f"{statistics.median(times):.1f}",
                f"{percentile(times, 90):.1f}",
                str(len(queries.captured_queries)),
            )
        )

    # The autosave: always based on the stored revision, so every save is a save, not a conflict.
    question, value_a, value_b = commitment_question(strasbourg_2026)
    save_url = reverse("index:answer_save", args=[strasbourg_2026.pk, question])

    def autosave(value: str) -> tuple[HttpResponse, int]:
        answer = Answer.objects.filter(response=strasbourg_2026, question=question).first()
        data = {"value": value, "autosave": "1", "base_revision": str(answer.revision if answer else 0)}
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            page = coordinator.post(save_url, data, **HTMX)
            save_times.append((time.perf_counter() - start) * 1000)
        return page, len(queries.captured_queries)

    save_times: list[float] = []
    page, save_queries = autosave(value_a)
    save_times.clear()
    save_statuses = [page.status_code]
    saved = [page.get("X-Answer-Saved")]
    for i in range(runs):
        page, _count = autosave(value_b if i % 2 == 0 else value_a)
        save_statuses.append(page.status_code)
        saved.append(page.get("X-Answer-Saved"))
    bad = sorted({s for s in save_statuses if s != 200})
    if bad or any(s != "true" for s in saved):
        failures.append(f"POST {save_url}: status {save_statuses}, saved {saved}")
    rows.append(
        (
            f"POST {save_url} (autosave)",
            "coordinator",
            "200" if not bad else "/".join(map(str, bad)),
            f"{statistics.median(save_times):.1f}",
            f"{percentile(save_times, 90):.1f}",
            str(save_queries),
        )
    )

    header = ("page", "as", "status", "median ms", "p90 ms", "queries")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print()
    print(f"{runs} timed requests each (after one counted request), demo data, SQLite")
    print(
        f"autosave: {question}, alternating {value_a!r} and {value_b!r} (response in progress: no rescoring)"
    )
    for n, row in enumerate([header, *rows]):
        cells = [
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))

    if failures:
        print()
        for failure in failures:
            print(f"FAILED: {failure}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        connection.close()
        shutil.rmtree(SCRATCH, ignore_errors=True)
    sys.exit(code)
