"""A published round's statistical audit: the page and its PDF annex, naming only the cities that agreed
to publication (`round_audit_page(..., public=True)`, the API's filter). An unpublished round has none."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from icc.index.selectors.audit import round_audit_page
from icc.public.page_cache import public_cache
from icc.public.selectors.open_data import get_published_round
from icc.public.views.open_data import _published_headers, _round_etag, _round_modified, _round_version
from icc.reports.selectors.audit import audit_pdf, audit_pdf_filename

PDF_CACHE_SECONDS = 7 * 24 * 3600


@require_safe
@public_cache
def round_audit(request: HttpRequest, round_id: int) -> HttpResponse:
    page = round_audit_page(get_published_round(round_id), public=True)
    return render(request, "public/data/audit.html", {"page": page})


def _pdf_etag(request: HttpRequest, round_id: int) -> str | None:
    return _round_etag(request, round_id, f"audit-{get_language()}")


@require_safe
@condition(etag_func=_pdf_etag, last_modified_func=_round_modified)
def round_audit_pdf(request: HttpRequest, round_id: int) -> HttpResponse:
    """Like the open-data downloads: ETag and Last-Modified from what the round's published data depends on
    (its scores, hence its audit, and which cities are published). The PDF is kept in the cache under that
    version and the language, so that readers after the first get it without WeasyPrint."""
    page = round_audit_page(get_published_round(round_id), public=True)
    version = _round_version(request, round_id)  # computed once for the request, with the ETag
    key = f"public-audit-pdf:{version.etag if version else ''}:{get_language()}:{round_id}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = audit_pdf(page, public=True)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, audit_pdf_filename(page)) or ""
    return _published_headers(response, request)
