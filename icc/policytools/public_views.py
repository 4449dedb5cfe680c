"""The public business "diversity advantage" self-assessment (/<lang>/policy-tools/diversity-advantage/): a
business answers without an account and gets its result from the answers kept in its session; nothing is
stored unless it saves the result with an e-mail address and its consent; then a private link finds it again
and erases it. Abuse guard: a honeypot field and the public forms' limit per address (core.throttling)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.forms import apply_validation_error
from icc.core.throttling import form_allowed, too_many
from icc.policytools import scoring, selectors, services
from icc.policytools.forms import BusinessAnswersForm, SaveResultForm
from icc.policytools.models import Checklist

SESSION_KEY = "policytools.diversity_advantage"


def _result_context(checklist: Checklist, answers: dict[str, Any]) -> dict[str, Any]:
    document = checklist.document
    profile = scoring.score(document, answers)
    return {
        "checklist": checklist,
        "profile": profile,
        "sections": selectors.checklist_rows(document, answers, profile),
        "gaps": selectors.gap_rows(document, answers, profile)[:5],
    }


def diversity_advantage(request: HttpRequest) -> HttpResponse:
    checklist = selectors.business_checklist()
    form = BusinessAnswersForm(request.POST or None, checklist=checklist)
    if request.method == "POST":
        if not form_allowed(request, scope="policytools"):
            return too_many(request)
        if form.is_robot():
            # Answer as if it worked, keep nothing: a robot learns nothing from the page.
            return redirect("public:policytools:diversity_advantage")
        if form.is_valid():
            answers = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            request.session[SESSION_KEY] = {"checklist": checklist.key, "answers": answers}
            return redirect("public:policytools:diversity_advantage_result")
    return render(
        request, "policytools/public/diversity_advantage.html", {"checklist": checklist, "form": form}
    )


def diversity_advantage_result(request: HttpRequest) -> HttpResponse:
    kept = request.session.get(SESSION_KEY)
    if not kept:
        return redirect("public:policytools:diversity_advantage")
    checklist = selectors.get_checklist(kept["checklist"])
    form = SaveResultForm(request.POST or None, initial={})
    if request.method == "POST":
        if not form_allowed(request, scope="policytools"):
            return too_many(request)
        if form.is_robot():
            return redirect("public:policytools:diversity_advantage_result")
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.business_result_save(
                    checklist=checklist,
                    answers=kept["answers"],
                    email=data["email"],
                    consent=data["consent"],
                    organisation=data["organisation"],
                    language=request.LANGUAGE_CODE,
                    private_url=lambda r: request.build_absolute_uri(
                        reverse("public:policytools:saved_result", args=[r.token])
                    ),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                del request.session[SESSION_KEY]
                messages.success(
                    request,
                    _("Your result is saved. We sent the private link to this page to your e-mail address."),
                )
                return redirect("public:policytools:saved_result", result.token)
    return render(
        request,
        "policytools/public/result.html",
        {**_result_context(checklist, kept["answers"]), "form": form, "saved": None},
    )


def saved_result(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.get_business_result(token)
    response = render(
        request,
        "policytools/public/result.html",
        {**_result_context(result.checklist, result.answers), "form": None, "saved": result},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def saved_result_erase(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.get_business_result(token)
    services.business_result_erase(result=result)
    messages.success(request, _("Your saved result and your e-mail address are erased."))
    return redirect("public:policytools:diversity_advantage")
