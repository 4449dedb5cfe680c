"""Rendering many drafts at once: a process per core, each rendering whole drafts (content, HTML and PDF in
every language), while the process that runs the batch stores them one by one and records the progress.

A PDF is seconds of CPU in Python (WeasyPrint): threads would share one core, processes use them all.
The workers are started with the "spawn" method: a fresh interpreter that sets Django up for itself, with
connections of its own (a forked copy of the parent's connections, or of Pango's threads, would be shared
by two processes). They are given the settings that a test or a deployment may have changed after start-up
(`WORKER_SETTINGS`: the database, the media storage) so that they read the same database and files.

The workers only read (the scores, the answers, the previous draft's commentary and files); every write
happens in the batch's own process, after the rendering, in the short transaction of `report_draft_store`.
On SQLite (WAL mode) readers never wait for that writer and it never waits for them: no "database is
locked".

`REPORT_BATCH_PROCESSES` (settings; default the number of cores, 1 while testing) sets how many workers.
With 1, or a single draft to make, or a database that another process cannot open (SQLite in memory),
the drafts are rendered in this process, one after the other.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

# Nothing here imports a model at import time: a worker imports this module to run `_worker_start`, which
# sets Django up.
if TYPE_CHECKING:
    from icc.reports.services.drafts import DraftRendering

logger = logging.getLogger(__name__)

# Settings a worker takes from the process that starts it rather than from its own start-up: the test
# runner points DATABASES at the test database and MEDIA_ROOT/STORAGES at a temporary directory.
WORKER_SETTINGS = ("DATABASES", "MEDIA_ROOT", "STORAGES", "STATIC_ROOT", "STATICFILES_DIRS")
MAX_ERROR = 500

# (the response's id, its rendering or None, the error that stopped it or "")
Outcome = tuple[int, "DraftRendering | None", str]


def batch_processes(count: int) -> int:
    """How many processes render `count` drafts: REPORT_BATCH_PROCESSES (0 or unset: one per core), never
    more than there are drafts, and 1 when the workers could not open the database."""
    wanted = int(getattr(settings, "REPORT_BATCH_PROCESSES", 0) or os.cpu_count() or 1)
    if _in_memory(worker_settings()["DATABASES"]):
        return 1
    return max(1, min(wanted, count))


def worker_settings() -> dict[str, Any]:
    """The settings handed to each worker (see WORKER_SETTINGS)."""
    return {name: getattr(settings, name) for name in WORKER_SETTINGS if hasattr(settings, name)}


def _in_memory(databases: dict[str, Any]) -> bool:
    default = databases.get("default", {})
    name = str(default.get("NAME") or "")
    sqlite = str(default.get("ENGINE", "")).endswith("sqlite3")
    return sqlite and (name in ("", ":memory:") or "mode=memory" in name)


def error_text(exc: BaseException) -> str:
    """What a failed draft shows on the batch's page."""
    text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc) or type(exc).__name__
    return text[:MAX_ERROR]


def _worker_start(overrides: dict[str, Any], environment: dict[str, str]) -> None:
    """Run first in each worker: the parent's environment and settings, then Django."""
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icc.settings")
    for name, value in overrides.items():
        setattr(settings, name, value)
    import django

    django.setup()
    from django.db import connections

    # Nothing has connected yet, unless the parent's main module did when it was imported again here: forget
    # the databases it configured, so that the next query connects to the one the parent reads.
    connections.close_all()
    if "settings" in connections.__dict__:
        del connections.__dict__["settings"]
        connections._settings = None  # type: ignore[attr-defined]


def _render(response_id: int, language: str | None) -> Outcome:
    """One draft, in a worker; an error is returned as text (the batch lists it and goes on)."""
    from icc.reports.services.drafts import report_draft_render

    with translation.override(language):
        try:
            return response_id, report_draft_render(response_id=response_id), ""
        except Exception as exc:
            logger.exception("report of response %s failed in a batch worker", response_id)
            return response_id, None, error_text(exc)


def render_in_workers(
    response_ids: Sequence[int], *, processes: int, on_rendered: Callable[[Outcome], None]
) -> list[int]:
    """Render the drafts of `response_ids` in `processes` worker processes; call `on_rendered` in this
    process with each outcome, in the order of `response_ids`, as soon as it and those before it are done.
    Returns the ids left undone when a worker died (killed, out of memory): the caller makes those itself."""
    environment = {"ICC_TESTING": "true"} if getattr(settings, "TESTING", False) else {}
    language = translation.get_language()
    ahead: deque[tuple[int, Future[Outcome]]] = deque()
    waiting = iter(response_ids)
    with ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(worker_settings(), environment),
    ) as pool:
        # A few drafts ahead of the one being stored, not all of them: rendered drafts wait in memory.
        def submit() -> None:
            while len(ahead) < 2 * processes and (pk := next(waiting, None)) is not None:
                ahead.append((pk, pool.submit(_render, pk, language)))

        try:
            submit()
            while ahead:
                outcome = ahead[0][1].result()
                ahead.popleft()
                submit()
                on_rendered(outcome)
        except BrokenProcessPool:
            logger.exception("a report worker process died; the batch goes on in its own process")
            return [pk for pk, _future in ahead] + list(waiting)
        except BaseException:
            for _pk, future in ahead:
                future.cancel()
            raise
    return []
