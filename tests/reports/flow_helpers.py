"""Shared by the report lifecycle and batch tests.

Rendering a 20-page PDF takes seconds; most of these tests are about who sees what and which version is
which, not about the PDF's pages, so they use a stand-in: a deterministic, content-dependent "PDF"
(different HTML gives different bytes). Tests that read a PDF's text render real ones (`real_pdf`).
"""

import hashlib

import pytest


def stand_in_pdf(html: str) -> bytes:
    return (
        b"%PDF-1.7\n% stand-in for tests\n"
        + hashlib.sha256(html.encode()).hexdigest().encode()
        + b"\n%%EOF\n"
    )


@pytest.fixture
def quick_pdf(request, monkeypatch):
    if "real_pdf" not in request.fixturenames:
        monkeypatch.setattr("icc.reports.pdf.html_to_pdf", stand_in_pdf)


@pytest.fixture
def real_pdf():
    """Ask for it to render real PDFs (WeasyPrint)."""
