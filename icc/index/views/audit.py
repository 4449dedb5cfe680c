"""The secretariat's page of a round's statistical audit (stored with its scores)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from icc.index.selectors.access import get_round_for_user
from icc.index.selectors.audit import round_audit_page


@login_required
@require_GET
def round_audit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round_for_user(request.user, pk)
    return render(request, "index/scores/audit.html", {"page": round_audit_page(round_)})
