"""The PDF annex of a round's statistical audit, for the secretariat (every city named); the public's, of a
published round, is icc/public/views/audit.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from icc.index.selectors.access import get_round_for_user
from icc.index.selectors.audit import round_audit_page
from icc.reports.selectors.audit import audit_pdf, audit_pdf_filename


@login_required
@require_GET
def round_audit_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    page = round_audit_page(get_round_for_user(request.user, pk))
    response = HttpResponse(audit_pdf(page, public=False), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, audit_pdf_filename(page)) or ""
    return response
