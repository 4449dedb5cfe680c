"""Autosave under load on PostgreSQL: 30 people each saving answers of their own city's response at once.

Run: .venv/bin/python benchmarks/autosave.py [--duration 20] [--people 30] [--workers 2]
                                             [--worker-class sync|gthread] [--threads 4] [--pause 0]
                                             [--profile] [--keep] [--database NAME]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth, as for the tests). Prints figures, asserts
no time.

A scratch PostgreSQL database (icc_bench_autosave_<pid>, dropped at the end) is migrated and loaded with
the demo (`icc load_demo`). Each person gets an account with the coordinator role of one city whose
response of the open round ("Index 2026") can still be edited (cities are invited to the round when the
demo has fewer such responses than people), a signed-in session written through Django's session store,
and a CSRF cookie. gunicorn then serves the platform as in production (DEBUG off, the database task
backend, persistent connections: benchmarks/throughput.py's environment), with an access log recording
each request's time in microseconds (`%(D)s`). One client thread per person posts the autosave of a
choice question of its response (the htmx POST that the section page sends, with the revision the last
answer gave it), alternating two options so that every save changes the answer, for --duration seconds:
at once after the previous answer (the harshest case: the server never rests), or after a pause of about
--pause seconds, as people typing do. Every worker's first saves (2 s) are not measured.

Server time is the access log's time of the autosave POSTs: from the worker reading the request to the
last byte written, without the wait in the socket's backlog; client time includes that wait. Checked:
every autosave answered 200 with `X-Answer-Saved: true`, and each response stores the last value its
person sent (exit status 1 otherwise). --profile first times one autosave in-process (Django's test
client) with its SQL queries counted and the functions that cost most. --keep keeps the database and
--database NAME reuses it (no migration, no demo load), to compare code or settings on the same data.
The load average is printed: on a machine shared with other work, the server times include waiting for
a core.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from throughput import Server, free_port, icc, platform_env  # noqa: E402

PG = ("-h", "127.0.0.1", "-U", "postgres")
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"
SEED = 2026
REVISION = re.compile(r'name="base_revision" value="(\d+)" id="[^"]*-rev"')


@dataclass
class Person:
    email: str
    response_id: int
    question: str
    values: tuple[str, str]
    path: str
    session_cookie: str
    csrf: str
    revision: int
    sent: list[str] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


def psql(*sql: str) -> None:
    for statement in sql:
        subprocess.run(["psql", *PG, "-q", "-d", "postgres", "-c", statement], check=True)


def plain_choice_question(structure: object) -> tuple[str, str, str]:
    """A choice question of the commitment section that shows or hides no other question, with two of its
    options: the autosave then answers with the status line only, as most autosaves do."""
    from icc.index.selectors.entry import dependency_ids

    deciding = dependency_ids(structure)  # type: ignore[arg-type]
    for question in structure.area("commitment").questions:  # type: ignore[attr-defined]
        options = [oid for oid, _label, _points in question.options()]
        if (
            question.type in ("yes_no", "single_choice")
            and question.id not in deciding
            and not question.show_if
            and len(options) >= 2
        ):
            return question.id, options[0], options[1]
    raise SystemExit("No plain choice question in the commitment section.")


def prepare(people: int, rng: random.Random) -> list[Person]:
    """People, each the coordinator of one city with an editable response of the open round, signed in."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django.urls import reverse
    from django.utils.crypto import get_random_string

    from icc.accounts.models import RoleKind, User
    from icc.accounts.services import role_grant
    from icc.index.demo import muted_mail
    from icc.index.models import EDITABLE_STATUSES, Answer, Response, Round, RoundStatus
    from icc.index.services.rounds import INVITABLE_STATUSES, round_invite
    from icc.index.structure import structure_of
    from icc.network.models import City

    round_ = Round.objects.get(name="Index 2026", status=RoundStatus.OPEN)
    responses = list(
        Response.objects.filter(round=round_, status__in=EDITABLE_STATUSES).select_related("city")
    )
    invited = 0
    if len(responses) < people:
        candidates = list(
            City.objects.filter(status__in=INVITABLE_STATUSES)
            .exclude(index_responses__round=round_)
            .order_by("name")[: people - len(responses)]
        )
        with muted_mail():
            invited = round_invite(round=round_, cities=candidates, by=None).invited
        responses = list(
            Response.objects.filter(round=round_, status__in=EDITABLE_STATUSES).select_related("city")
        )
    if len(responses) < people:
        raise SystemExit(f"Only {len(responses)} editable responses for {people} people.")
    responses = sorted(responses, key=lambda r: r.city.name)
    rng.shuffle(responses)
    question, option_a, option_b = plain_choice_question(structure_of(round_.questionnaire))
    chosen = []
    with transaction.atomic():
        for number, response in enumerate(responses[:people], start=1):
            email = f"autosave-{number:02d}@example.org"
            user = User.objects.filter(email=email).first() or User.objects.create_user(
                email=email, password=None, full_name=f"Autosave {number}"
            )
            role_grant(user=user, kind=RoleKind.CITY_COORDINATOR, city=response.city, by=None)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            answer = Answer.objects.filter(response=response, question=question).first()
            # Every save changes the answer: the first one sends the option not stored.
            values = (
                (option_b, option_a)
                if answer is not None and answer.value == option_a
                else (option_a, option_b)
            )
            chosen.append(
                Person(
                    email=user.email,
                    response_id=response.pk,
                    question=question,
                    values=values,
                    path=reverse("index:answer_save", args=[response.pk, question]),
                    session_cookie=f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                    # An unmasked secret is a valid token: the same string in the cookie and the header.
                    csrf=get_random_string(32),
                    revision=answer.revision if answer else 0,
                )
            )
    print(
        f"people: {people} coordinators of {people} responses of {round_}"
        f" ({invited} cities invited for the benchmark), question {question}"
    )
    return chosen


def autosave_loop(
    person: Person, port: int, stop_at: float, start: threading.Barrier, pause: float, rng: random.Random
) -> None:
    from django.conf import settings

    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{person.session_cookie}; {settings.CSRF_COOKIE_NAME}={person.csrf}",
        "X-CSRFToken": person.csrf,
        "HX-Request": "true",
    }
    start.wait()
    turn = 0
    while time.perf_counter() < stop_at:
        value = person.values[turn % 2]
        body = urllib.parse.urlencode(
            {"value": value, "autosave": "1", "base_revision": str(person.revision)}
        )
        began = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", person.path, body=body, headers=headers)
            answer = connection.getresponse()
            page = answer.read()
            connection.close()
        except OSError as exc:
            person.failures.append(f"{type(exc).__name__}: {exc}")
            continue
        person.client_ms.append((time.perf_counter() - began) * 1000)
        person.sent.append(value)
        person.sizes.append(len(page))
        if answer.status != 200 or answer.getheader("X-Answer-Saved") != "true":
            person.failures.append(
                f"{answer.status} saved={answer.getheader('X-Answer-Saved')}: {page.decode()[:400]!r}"
            )
        # The page marks the answer's new revision out-of-band; htmx puts it in the form for the next save.
        if found := REVISION.search(page.decode()):
            person.revision = int(found.group(1))
        turn += 1
        if pause:  # the person types on: from half to one and a half times the pause
            time.sleep(pause * (0.5 + rng.random()))


def cpu_seconds(master: int) -> float:
    """User and system CPU time of gunicorn's workers so far (Linux /proc; 0 elsewhere)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def server_times(log: Path, paths: set[str]) -> list[float]:
    times = []
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "POST" and parts[1] in paths:
            times.append(int(parts[3]) / 1000)
    return times


def check_stored(people: list[Person]) -> list[str]:
    from icc.index.models import Answer

    problems = []
    for person in people:
        if not person.sent:
            problems.append(f"{person.email}: no save")
            continue
        stored = Answer.objects.filter(response_id=person.response_id, question=person.question).first()
        if stored is None or stored.value != person.sent[-1]:
            problems.append(
                f"{person.email}: stored {stored and stored.value!r}, last sent {person.sent[-1]!r}"
            )
    return problems


def profile_one(person: Person) -> None:
    """One autosave in-process: its SQL queries and the functions that cost most."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from icc.accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(email=person.email))
    data = {"value": person.values[0], "autosave": "1", "base_revision": str(person.revision)}
    client.post(person.path, data, HTTP_HX_REQUEST="true")  # warms the caches, as a worker's first save
    person.revision += 1
    data = {"value": person.values[1], "autosave": "1", "base_revision": str(person.revision)}
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profiler.enable()
        page = client.post(person.path, data, HTTP_HX_REQUEST="true")
        profiler.disable()
    person.revision += 1
    print(f"\nOne autosave in-process: {page.status_code}, {len(queries.captured_queries)} queries")
    for query in queries.captured_queries:
        print(f"  {query['time']:>6} s  {query['sql'][:150]}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def report(people: list[Person], log: Path, duration: float, label: str, cpu: float) -> int:
    server = server_times(log, {p.path for p in people})
    client = [ms for p in people for ms in p.client_ms]
    failures = [f"{p.email}: {f}" for p in people for f in p.failures]
    print(f"\n{label}: {len(people)} people x {duration:.0f} s")
    if not server:
        print("no autosave in the access log")
        return 1
    print(f"{'':<8}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for name, values in (("server", server), ("client", client)):
        print(
            f"{name:<8}{len(values):>7}{percentile(values, 50):>9.1f}{percentile(values, 95):>9.1f}"
            f"{percentile(values, 99):>9.1f}{statistics.fmean(values):>9.1f}"
        )
    sizes = [size for p in people for size in p.sizes]
    print(f"throughput: {len(client) / duration:.1f} saves/s, {statistics.fmean(sizes):.0f} bytes per answer")
    if cpu:  # the requests that started before the end and finished after it are few
        print(f"gunicorn workers' CPU: {1000 * cpu / len(client):.1f} ms per save")
    problems = failures + check_stored(people)
    for problem in problems[:10]:
        print(f"  problem: {problem}")
    if problems:
        print(f"{len(problems)} problems")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20, help="seconds of saving (default 20)")
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument(
        "--pause",
        type=float,
        default=0,
        help="seconds each person waits between saves, on average (default 0: save again at once)",
    )
    parser.add_argument("--profile", action="store_true", help="profile one autosave in-process first")
    parser.add_argument(
        "--database",
        default="",
        help="an existing database this benchmark loaded (kept with --keep): reused, not dropped",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    rng = random.Random(SEED)
    scratch = Path(tempfile.mkdtemp(prefix="icc-bench-autosave-"))
    database = args.database or f"icc_bench_autosave_{os.getpid()}"
    port = free_port()
    env = platform_env(scratch, port)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",  # production's: long work waits for a worker
    )
    log = scratch / "access.log"
    if not args.database:
        psql(f"CREATE DATABASE {database}")
    try:
        print(f"scratch: {scratch}, database {database}")
        if not args.database:
            print(f"migrate: {icc(env, 'migrate', '--no-input', '-v', '0'):.1f} s")
        icc(env, "collectstatic", "--no-input", "-v", "0")
        if not args.database:
            print(f"load_demo: {icc(env, 'load_demo'):.1f} s")

        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "icc.settings"
        import django

        django.setup()
        from django.db import connections

        people = prepare(args.people, rng)
        if args.profile:
            profile_one(people[0])
        connections.close_all()

        gunicorn = [f"--access-logfile={log}", f"--access-logformat={ACCESS_FORMAT}"]
        if args.worker_class == "gthread":
            gunicorn += ["--worker-class=gthread", f"--threads={args.threads}"]
        server_env = dict(env, GUNICORN_CMD_ARGS=" ".join(f"'{a}'" for a in gunicorn))
        server = Server("icc.wsgi:application", server_env, port, args.workers)
        try:
            # Every worker's first autosave parses the questionnaire and loads the templates: not measured.
            warm = threading.Barrier(len(people))
            threads = [
                threading.Thread(target=autosave_loop, args=(p, port, time.perf_counter() + 2, warm, 0, rng))
                for p in people
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for person in people:
                person.client_ms.clear()
                person.sizes.clear()
                person.failures.clear()
            time.sleep(0.5)  # gunicorn logs a request after answering it
            log.write_text("")  # gunicorn appends to the file it opened; truncating keeps that working

            begin = threading.Barrier(len(people) + 1)
            stop_at = time.perf_counter() + args.duration
            # Each person's own generator, seeded: the pauses do not depend on how the threads interleave.
            threads = [
                threading.Thread(
                    target=autosave_loop,
                    args=(p, port, stop_at, begin, args.pause, random.Random(SEED + number)),
                )
                for number, p in enumerate(people)
            ]
            for thread in threads:
                thread.start()
            begin.wait()
            started, cpu = time.perf_counter(), cpu_seconds(server.process.pid)
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds(server.process.pid) - cpu
        finally:
            server.stop()
        kind = args.worker_class + (f" x {args.threads} threads" if args.worker_class == "gthread" else "")
        pause = f", {args.pause:g} s between a person's saves" if args.pause else ""
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        label = f"gunicorn {args.workers} {kind} workers, PostgreSQL{pause} (load average {load})"
        status = report(people, log, elapsed, label, cpu)
        connections.close_all()
        return status
    finally:
        if args.keep or args.database:
            print(f"kept database {database} (reuse it with --database {database})")
        else:
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
