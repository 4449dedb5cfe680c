"""How long the city's analytical report takes: one report (content, HTML, PDF, total) and a batch.
Prints figures and the PDF's page count, asserts no time.

Run: .venv/bin/python benchmarks/reports.py [--cities 150] [--runs 3] [--batch 150] [--profile]
         [--no-harfbuzz-subset]

A scratch SQLite database in a temporary ICC_VAR_DIR (never var/) is migrated; the shipped questionnaire
versions are loaded; then generated data of the real questionnaire (icc-2019, 18 areas, 99 scored
questions): N cities with validated responses in "Index 2026" and two thirds of them in "Index 2022" as
well (so the report has a progress section), every question answered, one explanation in three, the
round's scores computed once by the real service (with the rank robustness). Then one city's report is
timed `--runs` times (median), part by part, then its French version; `--profile` prints where the time
of one report goes (cProfile, top functions by cumulative time); `--no-harfbuzz-subset` measures what a
machine without libharfbuzz-subset0 pays (WeasyPrint then cuts the fonts with fontTools); last, a batch
of `--batch` drafts (each the report in every language, content, HTML and PDF, stored as the
secretariat's batch stores it) made twice: in this process alone (the first `--sequential` of them), then
by a worker process per core (REPORT_BATCH_PROCESSES, `--processes`); each prints drafts and PDFs per
minute.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import logging
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The batch's worker processes import this module again (multiprocessing's "spawn"): they find the scratch
# directory in the environment instead of making another one.
SCRATCH = os.environ.get("ICC_BENCH_REPORTS_SCRATCH") or tempfile.mkdtemp(prefix="icc-bench-reports-")
os.environ["ICC_BENCH_REPORTS_SCRATCH"] = SCRATCH
os.environ["ICC_VAR_DIR"] = SCRATCH
os.environ["DATABASE_URL"] = f"sqlite:///{Path(SCRATCH) / 'icc.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icc.settings")

import django  # noqa: E402

django.setup()
logging.getLogger("django.tasks").setLevel(logging.WARNING)
logging.getLogger("weasyprint").setLevel(logging.ERROR)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from icc.index.models import Answer, Questionnaire, Response, ResponseStatus, Round, RoundStatus  # noqa: E402
from icc.index.services.questionnaires import questionnaire_load_shipped  # noqa: E402
from icc.index.services.scores import round_scores_compute  # noqa: E402
from icc.index.structure import QuestionInfo, structure_of  # noqa: E402
from icc.network.models import City, CityStatus  # noqa: E402
from icc.network.services.cities import city_name_key  # noqa: E402
from icc.reports.models import REPORT_LANGUAGES, Report  # noqa: E402
from icc.reports.pdf import html_to_pdf  # noqa: E402
from icc.reports.selectors.city_report import city_report_content, city_report_html  # noqa: E402
from icc.reports.services.batches import drafts_generate  # noqa: E402
from icc.reports.services.workers import batch_processes  # noqa: E402

COUNTRIES = ["FR", "IT", "ES", "PT", "DE", "NO", "UA", "GB", "GR", "PL", "SE", "CH", "MA", "JP", "CA"]
EXPLANATION = (
    "The city council adopted this in {year} after a consultation with residents' associations; the "
    "department for social cohesion reports on it every year to the council's committee."
)


def _value(rng: random.Random, info: QuestionInfo, level: float) -> Any:
    if info.question.data_type == "fact":
        if info.type == "percentage":
            return round(rng.uniform(5, 40), 1)
        if info.type == "year":
            return 2024
        if info.type == "number":
            return rng.randint(50, 300)
        return "Morocco, Turkey, Romania, Portugal, Algeria"
    options = [o.id for o in info.question.options]
    if info.type == "multiple_choice":
        return [o for o in options if rng.random() < level]
    # Higher levels pick later (higher-scoring) options more often.
    index = min(len(options) - 1, max(0, round(level * (len(options) - 1) + rng.gauss(0, 0.8))))
    return options[index]


def _round(name: str, questionnaire: Questionnaire, opens_on: datetime.date) -> Round:
    return Round.objects.create(
        name=name,
        questionnaire=questionnaire,
        opens_on=opens_on,
        deadline=opens_on + datetime.timedelta(days=100),
        status=RoundStatus.CLOSED,
    )


def generate(n_cities: int, rng: random.Random) -> Response:
    """The data; returns the report's response (the city in the middle of the ranking, roughly)."""
    questionnaire_load_shipped(by=None)
    questionnaire = Questionnaire.objects.get(key="icc-2019")
    structure = structure_of(questionnaire)
    questions = structure.all_questions()
    cities = City.objects.bulk_create(
        [
            City(
                name=f"City {i:03d}",
                name_en=f"City {i:03d}",
                name_fr=f"Ville {i:03d}",
                name_key=city_name_key(f"City {i:03d}"),
                slug=f"city-{i:03d}",
                country=COUNTRIES[i % len(COUNTRIES)],
                population=rng.randint(35_000, 2_500_000),
                population_year=2024,
                foreign_born_share=Decimal(str(round(rng.uniform(5, 40), 2))),
                status=CityStatus.MEMBER,
                member_since=datetime.date(2015, 1, 1),
            )
            for i in range(n_cities)
        ]
    )
    levels = {city.pk: rng.uniform(0.2, 0.9) for city in cities}
    now = timezone.now()
    rounds = [
        (_round("Index 2022", questionnaire, datetime.date(2022, 3, 1)), cities[: (2 * n_cities) // 3], -0.1),
        (_round("Index 2026", questionnaire, datetime.date(2026, 3, 1)), cities, 0.0),
    ]
    for round_, members, shift in rounds:
        responses = Response.objects.bulk_create(
            [
                Response(
                    round=round_,
                    city=city,
                    status=ResponseStatus.VALIDATED,
                    deadline=round_.deadline,
                    submitted_at=now,
                    validated_at=now,
                )
                for city in members
            ]
        )
        answers = []
        for response in responses:
            level = min(1.0, max(0.0, levels[response.city_id] + shift))
            for j, info in enumerate(questions):
                if info.id in ("population", "foreign_born_share"):
                    continue  # the register's figures (as most cities leave them to the register)
                explanation = EXPLANATION.format(year=2010 + j % 14) if j % 3 == 0 else ""
                answers.append(
                    Answer(
                        response=response,
                        question=info.id,
                        value=_value(rng, info, level),
                        explanation=explanation,
                    )
                )
        Answer.objects.bulk_create(answers, batch_size=2000)
        started = time.perf_counter()
        round_scores_compute(round=round_)
        print(
            f"  {round_.name}: {len(responses)} validated responses, {len(answers)} answers, "
            f"scores computed in {time.perf_counter() - started:.1f} s"
        )
    latest = rounds[-1][0]
    return Response.objects.filter(round=latest).order_by("city__name")[n_cities // 2]


def one_report(response: Response, language: str = "en") -> tuple[float, float, float, float, bytes]:
    """(content, HTML, PDF, CPU of the whole report, the PDF): seconds of wall clock, and of this
    process's CPU, which other work on a shared machine does not inflate as much."""
    cpu = time.process_time()
    started = time.perf_counter()
    content = city_report_content(response, language=language)
    built = time.perf_counter()
    html = city_report_html(content, commentary={}, standalone=True)
    rendered = time.perf_counter()
    pdf = html_to_pdf(html)
    done = time.perf_counter()
    return built - started, rendered - built, done - rendered, time.process_time() - cpu, pdf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=150, help="drafts in the batch (0: none)")
    parser.add_argument(
        "--sequential", type=int, default=0, help="drafts of the one-process run (default: the whole batch)"
    )
    parser.add_argument(
        "--processes", type=int, default=0, help="processes of the batch (default: one per core)"
    )
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--no-harfbuzz-subset",
        action="store_true",
        help="cut the fonts with fontTools, as WeasyPrint does where libharfbuzz-subset0 is missing",
    )
    args = parser.parse_args()
    if args.no_harfbuzz_subset:
        import weasyprint.pdf.fonts

        weasyprint.pdf.fonts.harfbuzz_subset = None

    print(f"Scratch database in {SCRATCH}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s; generating {args.cities} cities of icc-2019:")
    response = generate(args.cities, random.Random(2026))

    # The first report pays one-off costs (imports, WeasyPrint's fonts, matplotlib, the structure cache).
    started = time.perf_counter()
    *_parts, pdf = one_report(response)
    print(f"\nFirst report (one-off imports and caches included): {time.perf_counter() - started:.2f} s")

    timings = [one_report(response) for _ in range(args.runs)]
    pdf = timings[-1][4]
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    content_s, html_s, pdf_s, cpu_s = (statistics.median(t[i] for t in timings) for i in range(4))
    total = statistics.median(sum(t[:3]) for t in timings)
    print(f"One report of {response.city} ({pages} pages, {len(pdf) / 1024:.0f} KiB), median of {args.runs}:")
    print(f"  content  {content_s * 1000:7.0f} ms   (scores, answers, evidence, charts)")
    print(f"  HTML     {html_s * 1000:7.0f} ms")
    print(f"  PDF      {pdf_s * 1000:7.0f} ms   (WeasyPrint)")
    load = os.getloadavg()[0]
    print(f"  total    {total * 1000:7.0f} ms   ({cpu_s * 1000:.0f} ms of CPU; load average {load:.1f})")
    french = [one_report(response, "fr") for _ in range(args.runs)]
    french_pages = len(PdfReader(io.BytesIO(french[-1][4])).pages)
    french_total = statistics.median(sum(t[:3]) for t in french)
    french_cpu = statistics.median(t[3] for t in french)
    print(
        f"  French   {french_total * 1000:7.0f} ms total ({french_cpu * 1000:.0f} ms of CPU, "
        f"{french_pages} pages, median of {args.runs})"
    )

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        one_report(response)
        profiler.disable()
        print("\nWhere one report's time goes (cProfile, cumulative):")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(25)

    if args.batch:
        responses = list(
            Response.objects.filter(round__name="Index 2026")
            .select_related("round", "city")
            .order_by("city__name")[: args.batch]
        )
        cores = args.processes or os.cpu_count() or 1
        languages = len(REPORT_LANGUAGES)
        print(f"\nBatch of drafts (each in {languages} languages), on {os.cpu_count()} cores:")
        sequential = responses[: args.sequential or len(responses)]
        one = run_batch(sequential, processes=1)
        every = run_batch(responses, processes=cores)
        if one and every:
            print(f"  {every / one:.2f}x the drafts per minute with {cores} processes")
    return 0


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the batch's workers, once it is done)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_batch(responses: list[Response], *, processes: int) -> float:
    """Make the drafts of `responses` as the batch job does (from scratch: no earlier PDF to reuse), with
    `processes` processes; print and return the drafts per minute."""
    Report.objects.all().delete()
    settings.REPORT_BATCH_PROCESSES = processes
    used = batch_processes(len(responses))
    failures: list[str] = []
    cpu = _cpu_seconds()
    started = time.perf_counter()
    drafts_generate(responses, by=None, on_done=lambda response, error: error and failures.append(error))
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu
    per_minute = len(responses) * 60 / elapsed
    print(
        f"  {used} process{'es' if used > 1 else ''}: {len(responses)} drafts in {elapsed:.1f} s, "
        f"{per_minute:.1f} drafts/min ({per_minute * len(REPORT_LANGUAGES):.1f} PDFs/min); "
        f"{cpu:.0f} s of CPU, {cpu / elapsed:.2f} cores busy (load average {os.getloadavg()[0]:.1f})"
        + (f"; {len(failures)} FAILED: {failures[0]}" if failures else "")
    )
    return 0.0 if failures else per_minute
    return 0


if __name__ == "__main__":
    sys.exit(main())
