"""The PDF annex of a round's statistical audit: the audit's sections (the page's own include) in a
standalone document for WeasyPrint, tagged PDF/UA like the reports (icc/reports/pdf.py)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from icc.index.selectors.audit import RoundAuditPage


def audit_pdf_filename(page: RoundAuditPage) -> str:
    return f"{slugify(page.round.name) or 'round'}-audit.pdf"


def audit_pdf(page: RoundAuditPage, *, public: bool) -> bytes:
    """The audit as a PDF. `page` is already what its reader may see (`round_audit_page(..., public=True)`
    for the public); `public` only changes the document's note on who it is for."""
    from icc.reports.pdf import html_to_pdf

    html = render_to_string(
        "reports/audit/pdf.html", {"page": page, "public": public, "generated_at": timezone.now()}
    )
    return html_to_pdf(html)
