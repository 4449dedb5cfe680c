"""Does a page cost more when the network is ten times larger? Prints figures, asserts no time.

Run: .venv/bin/python benchmarks/scale.py [--cities 150,1500] [--runs 15] [--keep DIR]

For each size N, a scratch SQLite database gets the demo and N generated member cities with five
published Index rounds (`icc load_demo --scale N`, icc/demo/scale.py: the load prints how long each round's
scores took to compute and store, the "recompute" figures). --keep DIR keeps the databases there and
reuses them on the next run. Then, in a process of its own per size (Django reads its database once),
each page is requested once (counted queries, warm caches), then --runs times: median and 90th percentile
in milliseconds, server time through django.test.Client. The public pages are measured with their cache
off (PUBLIC_CACHE_SECONDS=0): the figure is what computing the page costs, which the first reader after
each publication pays; with the cache a reader pays one lookup (benchmarks/throughput.py).

Pages, on the generated data: a generated city's public page (five rounds and its progress), a comparison
of three generated cities, the rankings and the city list, the home page; the secretariat's review page
of a generated city's response in the largest round; and one autosave of the demo's open round (the
Strasbourg coordinator); last, the largest round's scores computed and stored (three times, rolled back).
The last table puts the sizes side by side: the ratio of the largest to the
smallest, which should stay near 1 (within 20 %) for the city page, compare, the autosave and the review
page, and under 2 for the lists, which paginate.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def build(directory: Path, n: int) -> None:
    env = dict(os.environ, ICC_VAR_DIR=str(directory), DATABASE_URL=f"sqlite:///{directory / 'icc.sqlite3'}")
    env.setdefault("DEBUG", "true")
    directory.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    subprocess.run([str(BIN / "icc"), "migrate", "-v", "0"], env=env, check=True)
    done = subprocess.run(
        [str(BIN / "icc"), "load_demo", "--scale", str(n)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    for line in done.stdout.splitlines():
        if "scale" in line.lower():
            print(f"  {line.strip()}")
    print(f"  built in {time.perf_counter() - start:.0f} s")
    (directory / "built").write_text(str(n))


def measure(directory: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """Run in a child process: this module with --measure."""
    env = dict(
        os.environ,
        ICC_VAR_DIR=str(directory),
        DATABASE_URL=f"sqlite:///{directory / 'icc.sqlite3'}",
        PUBLIC_CACHE_SECONDS="0",
        DEBUG="true",
    )
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(directory), "--runs", str(runs)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {k: tuple(v) for k, v in json.loads(out.splitlines()[-1]).items()}  # type: ignore[misc]


def _measure_here(runs: int) -> dict[str, tuple[float, float, int]]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icc.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from icc.accounts.models import User
    from icc.index.models import Answer, Response, Round
    from icc.index.structure import structure_of

    def client_for(email: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(email=email))
        return client

    latest = Round.objects.filter(name__contains="(scale ").order_by("-opens_on").first()
    assert latest is not None, "no scale data: icc load_demo --scale N"
    generated = list(
        Response.objects.filter(round=latest).select_related("city").order_by("city__name_en")[:3]
    )
    slugs = [r.city.slug for r in generated]
    secretariat, coordinator, anonymous = (
        client_for("secretariat@demo.icc"),
        client_for("coordinator@demo.icc"),
        Client(),
    )
    pages = {
        "city page": (anonymous, reverse("public:city_detail", args=[slugs[0]])),
        "compare": (anonymous, f"{reverse('public:compare')}?cities={','.join(slugs)}&round={latest.pk}"),
        "rankings": (anonymous, f"{reverse('public:rankings')}?round={latest.pk}"),
        "city list": (anonymous, reverse("public:city_list")),
        "home": (anonymous, reverse("public:home")),
        "review page": (secretariat, reverse("index:response_review", args=[generated[0].pk])),
    }
    results: dict[str, tuple[float, float, int]] = {}
    for name, (client, url) in pages.items():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            first = client.get(url)
        assert first.status_code == 200, (url, first.status_code)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        results[name] = (statistics.median(times), sorted(times)[int(0.9 * (len(times) - 1))], len(queries))

    strasbourg = Response.objects.get(round__name="Index 2026", city__name_en="Strasbourg")
    structure = structure_of(strasbourg.round.questionnaire)
    question = next(
        q
        for q in structure.area("commitment").questions
        if q.type in ("yes_no", "single_choice") and not q.show_if
    )
    options = [oid for oid, _label, _points in question.options()][:2]
    url = reverse("index:answer_save", args=[strasbourg.pk, question.id])
    times = []
    count = 0
    for i in range(runs + 1):
        answer = Answer.objects.filter(response=strasbourg, question=question.id).first()
        data = {
            "value": options[i % 2],
            "autosave": "1",
            "base_revision": str(answer.revision if answer else 0),
        }
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            saved = coordinator.post(url, data, HTTP_HX_REQUEST="true")
            elapsed = (time.perf_counter() - start) * 1000
        assert saved.status_code == 200, saved.status_code
        if i:
            times.append(elapsed)
        else:
            count = len(queries)
    results["autosave"] = (statistics.median(times), sorted(times)[int(0.9 * (len(times) - 1))], count)

    # Recompute the largest round's scores and store them (rolled back): what a validation or a reopening
    # costs, and the secretariat's "recompute" after an engine change.
    from django.db import transaction

    from icc.index.services.scores import round_scores_compute

    times = []
    for _ in range(3):
        with transaction.atomic():
            start = time.perf_counter()
            round_scores_compute(round=latest)
            times.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    results["recompute"] = (statistics.median(times), max(times), 0)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", default="150,1500", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the databases in this directory")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure_here(args.runs)))
        return 0

    sizes = [int(n) for n in args.cities.split(",")]
    base = args.keep or Path(tempfile.mkdtemp(prefix="icc-bench-scale-"))
    figures = {}
    try:
        for n in sizes:
            directory = base / f"scale-{n}"
            if not (directory / "built").exists():
                print(f"{n} cities: building (icc load_demo --scale {n})")
                build(directory, n)
            figures[n] = measure(directory, args.runs)
            print(f"\n{n} generated cities (+ the demo), {args.runs} runs, cache off for public pages")
            print(f"{'page':<14}{'median ms':>11}{'p90 ms':>9}{'queries':>9}")
            for name, (median, p90, queries) in figures[n].items():
                print(f"{name:<14}{median:>11.1f}{p90:>9.1f}{queries:>9}")
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            print(f"\n{'page':<14}{f'{small} cities':>12}{f'{large} cities':>13}{'ratio':>8}")
            for name in figures[small]:
                a, b = figures[small][name][0], figures[large][name][0]
                print(f"{name:<14}{a:>12.1f}{b:>13.1f}{b / a:>8.2f}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
