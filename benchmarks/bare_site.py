"""The yardstick of benchmarks/throughput.py: a bare Django page rendering 150 rows, nothing else.

A single-module project: `startproject`'s default middleware, a SQLite table of 150 rows read on every
request, a template with a loop. Served by gunicorn exactly like the platform, it tells what this
machine, this Python and this Django can do at most for a page of that size; the platform's pages are
measured as a share of it. BARE_SITE_DB names the SQLite file (created, with its rows, on first start).
"""

from __future__ import annotations

import os
import sqlite3

from django.conf import settings

DB = os.environ.get("BARE_SITE_DB", "/tmp/icc-bare-site.sqlite3")
ROWS_TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cities</title></head>
<body><main><h1>Cities</h1><table><thead><tr><th>City</th><th>Country</th><th>Score</th></tr></thead><tbody>
{% for row in rows %}<tr><td><a href="/cities/{{ row.slug }}/">{{ row.name }}</a></td>
<td>{{ row.country }}</td><td>{{ row.score|floatformat:1 }}</td></tr>{% endfor %}
</tbody></table></main></body></html>"""

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-site-benchmark-only-" + "x" * 40,
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    # Django's startproject default middleware, in its order.
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DB}},
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ],
                "loaders": [
                    (
                        "django.template.loaders.cached.Loader",
                        [("django.template.loaders.locmem.Loader", {"rows.html": ROWS_TEMPLATE})],
                    )
                ],
            },
        }
    ],
    USE_TZ=True,
)
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402


def _ensure_rows() -> None:
    with sqlite3.connect(DB) as db:
        db.execute("CREATE TABLE IF NOT EXISTS row (slug TEXT, name TEXT, country TEXT, score REAL)")
        if not db.execute("SELECT count(*) FROM row").fetchone()[0]:
            db.executemany(
                "INSERT INTO row VALUES (?, ?, ?, ?)",
                [(f"city-{i}", f"City {i}", f"Country {i % 40}", (i * 37) % 100 + 0.5) for i in range(150)],
            )


def rows(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT slug, name, country, score FROM row ORDER BY name")
        found = [dict(zip(("slug", "name", "country", "score"), r, strict=True)) for r in cursor.fetchall()]
    return render(request, "rows.html", {"rows": found})


urlpatterns = [path("", rows)]

_ensure_rows()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
