"""Rendering a PDF leaves the process's garbage collector as it found it, and frees the document."""

import gc
import weakref

from icc.reports import pdf
from icc.reports.pdf import html_to_pdf

HTML = (
    "<!DOCTYPE html><html lang='en'><head><title>A page</title></head>"
    "<body><h1>A page</h1><p>Text.</p></body></html>"
)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_pdf_leaves_the_collector_settings_and_frees_its_cycles():
    threshold = gc.get_threshold()
    before_pdf = _Cycle()
    watch = weakref.ref(before_pdf)
    del before_pdf  # garbage that only a collection frees, made before the PDF

    assert html_to_pdf(HTML).startswith(b"%PDF")

    assert gc.get_threshold() == threshold
    gc.collect()
    assert watch() is None  # unfrozen again: later collections see it


def test_objects_the_process_froze_itself_stay_frozen():
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        html_to_pdf(HTML)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_no_full_collection_while_a_pdf_renders(monkeypatch):
    seen: list[tuple[int, int, int]] = []
    render = pdf._fetcher

    def fetcher():  # called inside the rendering
        seen.append(gc.get_threshold())
        return render()

    monkeypatch.setattr(pdf, "_fetcher", fetcher)
    html_to_pdf(HTML)

    assert seen and seen[0][2] == pdf._NO_FULL_COLLECTION
    assert gc.get_threshold()[2] != pdf._NO_FULL_COLLECTION
