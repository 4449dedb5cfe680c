"""Report PDFs are tagged PDF/UA-1: a screen reader finds the structure (headings, tables, figures), reads
them in the report's language, announces the document by its title and describes each chart.

The PDFs are read back with pypdf; WeasyPrint's own PDF/UA complaints (a missing language, an image
without alt) are errors in its log, which must stay empty."""

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from icc.reports.services.drafts import report_generate_draft
from tests.conftest import client_for
from tests.reports.test_city_report import report_round, scored  # noqa: F401 (fixtures)
from tests.reports.test_network_reports import _round_url, earlier_round, network  # noqa: F401 (fixtures)


def _elements(node: Any) -> Iterator[dict]:
    """Every structure element under `node`, depth first."""
    node = node.get_object()
    if not hasattr(node, "get"):
        return
    if node.get("/S"):
        yield node
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object"):
            yield from _elements(kid)


def _check_pdf_ua(pdf: bytes, *, language: str, title: str) -> list[str]:
    """Asserts what PDF/UA-1 asks of the catalogue and the metadata; returns the figures' alt texts."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "no structure tree: the PDF is not tagged"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == language
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == title
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and "<dc:title>" in xmp
    tags = [str(e["/S"]) for e in _elements(catalog["/StructTreeRoot"])]
    assert "/H1" in tags and "/Table" in tags and "/TH" in tags
    figures = [e for e in _elements(catalog["/StructTreeRoot"]) if e["/S"] == "/Figure"]
    assert figures, "no Figure structure element: the charts are not tagged"
    return [str(f.get("/Alt", "")) for f in figures]


@pytest.fixture
def weasyprint_errors(caplog):
    caplog.set_level(logging.ERROR, logger="weasyprint")
    return lambda: [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]


def test_the_city_report_pdfs_are_tagged_in_their_language_with_described_charts(
    scored,  # noqa: F811
    alice,
    weasyprint_errors,
):
    report = report_generate_draft(response=scored["Porto"], by=alice)

    for language in ("en", "fr"):
        pdf = report.draft_file("pdf", language).read()
        title = report.draft_content[language]["title"]
        alts = _check_pdf_ua(pdf, language=language, title=title)
        assert "Porto" in title
        # Every chart is a Figure whose alternative text names the city and says what the chart shows.
        assert all(alt.startswith("Porto") and len(alt) > 80 for alt in alts), alts
    chart_alt = report.draft_content["fr"]["overview_chart"]["description"]
    assert "Participation" in chart_alt or "Services publics" in chart_alt
    assert weasyprint_errors() == []


def test_the_stored_html_says_which_pdf_variant_it_was_printed_as(scored, alice):  # noqa: F811
    # A draft stored before PDFs were tagged has other HTML, so its untagged PDF is never reused.
    report = report_generate_draft(response=scored["Lyon"], by=alice)

    html = report.draft_file("html", "en").read().decode()
    assert re.search(r'<meta name="generator" content="[^"]*pdf/ua-1">', html)


def test_the_network_report_pdf_is_tagged_with_described_charts(network, alice, weasyprint_errors):  # noqa: F811
    download = client_for(alice).get(_round_url(network["Lyon"], "_pdf"))

    assert download.status_code == 200
    alts = _check_pdf_ua(download.content, language="en", title="Network report: Index 2026")
    distribution = next(alt for alt in alts if alt.startswith("Scores across the cities of the table."))
    # The chart's description, not just its title: the figures a sighted reader sees in the boxes.
    assert "One box per area" in distribution and "Aggregate: median" in distribution
    assert weasyprint_errors() == []
