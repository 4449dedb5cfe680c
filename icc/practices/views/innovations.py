"""Spreading tested innovations: the public pages (/<lang>/practices/innovations/) and the secretariat's
record of each city's adoption (/practices/work/innovations/<key>/)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from icc.accounts.models import User
from icc.accounts.selectors import user_roles_summary
from icc.core.forms import apply_validation_error
from icc.practices.forms import AdoptionForm
from icc.practices.innovations import adoption_record, innovation_page
from icc.practices.models import Innovation
from icc.public.page_cache import public_cache


@require_safe
@public_cache
def public_innovation_list(request: HttpRequest) -> HttpResponse:
    pages = [innovation_page(i, public=True) for i in Innovation.objects.all()]
    return render(request, "practices/innovations/public_list.html", {"pages": pages})


@require_safe
@public_cache
def public_innovation_detail(request: HttpRequest, key: str) -> HttpResponse:
    page = innovation_page(get_object_or_404(Innovation, key=key), public=True)
    return render(request, "practices/innovations/public_detail.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def innovation_manage(request: HttpRequest, key: str) -> HttpResponse:
    if not user_roles_summary(request.user).secretariat:
        raise PermissionDenied
    innovation = get_object_or_404(Innovation, key=key)
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            adoption_record(by=cast(User, request.user), innovation=innovation, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The city's stage is recorded."))
            return redirect("practices:innovation_manage", key)
    page = innovation_page(innovation, public=False)
    return render(request, "practices/innovations/manage.html", {"page": page, "form": form})
