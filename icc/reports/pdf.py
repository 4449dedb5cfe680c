"""HTML to PDF with WeasyPrint, without touching the network.

Page layout (size, margins, running header with the city and the round, page numbers, the table of
contents' page numbers) is in the report's print stylesheet (`reports/report.css`, `@page` rules), so
any HTML that links a stylesheet of ours prints the same way.

Resources: only our static files are read, from disk (the `{% static %}` URL mapped back to the file by
the staticfiles finders, or by the collected storage in production) and `data:` URLs; every other URL
(http, file, media) is refused, so a report never fetches anything and never reads a file it should not.

Fonts: the stylesheet asks for "DejaVu Sans" (Debian's fonts-dejavu-core, on this machine and in the
usual Docker images), then any sans-serif; WeasyPrint finds it through fontconfig and embeds the glyphs
it uses. No web font is downloaded. The glyphs are cut out of the fonts by HarfBuzz when Debian's
`libharfbuzz-subset0` is installed (milliseconds); without it WeasyPrint falls back to fontTools, which
costs ~0.25 s a face, 0.7 s of a city report (docs/operations.md, "Reports: speed and batches").

Speed: the fetcher and WeasyPrint's font configuration (fontconfig and Pango's font map, with the fonts
they have loaded and measured) are made once per thread and reused by every PDF that thread renders, so
only the first report of a process pays for them. While a PDF renders, Python's cyclic garbage collector
leaves the process's older objects alone (`_one_collection`): a 30-page report builds hundreds of
thousands of objects (boxes, styles), which made the collector sweep the whole heap two or three times per
PDF (0.15 to 0.3 s each, Django's and matplotlib's objects included); now one collection after the PDF
frees the document's objects and looks at nothing else (docs/operations.md, "Reports: speed and
batches").

Accessibility: every PDF is tagged PDF/UA-1 (`PDF_VARIANT`): a structure tree built from the HTML
(headings, lists, tables with their header cells, figures), the document's language from `<html lang>`,
its title from `<title>` shown in the window's title bar (ViewerPreferences DisplayDocTitle), and each
image's `alt` as the alternative text of its Figure. WeasyPrint logs an error, and still writes the PDF,
when the language or an image's `alt` is missing: `tests/reports/test_pdf_ua.py` fails on those errors.
Known limit: the running header and the page numbers (CSS margin boxes) are marked content outside the
structure tree, since PDF 1.7 has no way to put an artifact in it.
"""

from __future__ import annotations

import gc
import logging
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

logger = logging.getLogger(__name__)

# A base URL for relative links; never fetched, only used to recognise our static URLs.
BASE_URL = "https://report.invalid/"
PDF_VARIANT = "pdf/ua-1"


MIME_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}


class ResourceRefused(ValueError):
    pass


# Per thread: Pango's font map is not safe to share between threads (a network report renders in a request).
_reused = threading.local()


def _static_file(url: str) -> Path | None:
    """The file on disk behind one of our static URLs, or None when the URL is not one."""
    static_url = str(settings.STATIC_URL or "/static/")
    parts = urlsplit(url)
    path = unquote(parts.path)
    prefix = urlsplit(static_url).path
    if not path.startswith(prefix):
        return None
    name = posixpath.normpath(path[len(prefix) :]).lstrip("/")
    if name.startswith("..") or not name:
        return None
    found = finders.find(name)
    if isinstance(found, list):
        found = found[0] if found else None
    if found:
        return Path(found)
    try:
        stored = Path(staticfiles_storage.path(name))
    except NotImplementedError:  # a remote storage: no file on disk to read
        return None
    return stored if stored.is_file() else None


def _fetcher() -> Any:
    """WeasyPrint's fetcher, restricted to our static files and data: URLs (built once per thread: making
    one builds an SSL context, a twentieth of a second)."""
    fetcher = getattr(_reused, "fetcher", None)
    if fetcher is None:
        fetcher = _reused.fetcher = _new_fetcher()
    return fetcher


def _font_config() -> Any:
    """WeasyPrint's font configuration, kept per thread: the fonts found and loaded by the first report
    serve the next ones. Our stylesheets declare no @font-face, so there is nothing of one document in it."""
    config = getattr(_reused, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _reused.font_config = FontConfiguration()
    return config


def _new_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_file(url)
            if path is None:
                raise ResourceRefused(f"The report may use only its own static files; refused {url[:200]!r}.")
            mime = MIME_TYPES.get(path.suffix, "application/octet-stream")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return StaticOnlyFetcher(allowed_protocols=("data", "https"), allow_redirects=False)


# The PDFs rendering now in this process (threads): the first one in changes the collector's settings,
# the last one out puts them back, so that two threads never restore each other's settings.
_collector_lock = threading.Lock()
_collector_users = 0
_collector_threshold = gc.get_threshold()
_collector_froze = False
# The interpreter's own frozen objects (CPython 3.12 starts with a few hundred): more than these means that
# the process froze objects itself, and unfreezing them is not ours to do.
_FROZEN_AT_START = gc.get_freeze_count()
# Never reached: no full collection while a PDF renders (the young generations are still collected).
_NO_FULL_COLLECTION = 1 << 30


@contextmanager
def _one_collection() -> Iterator[None]:
    """Render without full collections, then collect once, the older objects set aside (gc.freeze)."""
    global _collector_users, _collector_threshold, _collector_froze
    with _collector_lock:
        _collector_users += 1
        if _collector_users == 1:
            _collector_threshold = young, middle, _full = gc.get_threshold()
            # What exists now (the loaded code, Django's objects) is left out of collections; unless the
            # process froze objects of its own, which unfreezing would hand back to the collector.
            _collector_froze = gc.get_freeze_count() <= _FROZEN_AT_START
            if _collector_froze:
                gc.freeze()
            gc.set_threshold(young, middle, _NO_FULL_COLLECTION)
    try:
        yield
    finally:
        with _collector_lock:
            _collector_users -= 1
            if _collector_users == 0:
                gc.set_threshold(*_collector_threshold)
                gc.collect()  # the document's cycles, and only them: the older objects are still frozen
                if _collector_froze:
                    gc.unfreeze()


def html_to_pdf(html: str) -> bytes:
    """The PDF of a standalone report page (or any HTML of ours)."""
    # Imported here: WeasyPrint loads Pango and its fonts (~0.3 s), which only PDF work needs.
    from weasyprint import HTML

    def render() -> bytes | None:  # its objects are gone when the collection runs
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
        return document.write_pdf(pdf_variant=PDF_VARIANT, font_config=_font_config())

    with _one_collection():
        pdf = render()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)
