"""The policy lab, under /clusters/lab/: the secretariat's cohorts (members, gender balance, sessions and
attendance continuity), calls and their applications ranked by score, the scoring and decision of one
application; and a call's public page with its application form, for anyone (no account needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.clusters import selection, selectors
from icc.clusters.forms import ApplicationForm, CallForm, DecisionForm, EventLinkForm, LabForm, ScoreForm
from icc.clusters.models import ApplicationStatus, LabCall, OrganisationType
from icc.clusters.services import lab as services
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries


@login_required
def lab_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    form = LabForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lab = services.lab_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The cohort “%(title)s” was created.") % {"title": lab.title})
            return redirect("clusters:lab_detail", pk=lab.pk)
    return render(
        request,
        "clusters/lab/list.html",
        {"labs": list(selectors.labs()), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def lab_detail(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    lab = selectors.get_lab(pk)
    figures = selectors.cohort_figures(lab)
    types = dict(OrganisationType.choices)
    return render(
        request,
        "clusters/lab/detail.html",
        {
            "lab": lab,
            "figures": figures,
            "by_type": [(types.get(key, key), count) for key, count in sorted(figures.by_type.items())],
            "sessions": [(s, *selectors.session_attendance(s)) for s in figures.sessions],
            "calls": list(lab.calls.annotate(application_count=Count("applications"))),
            "session_form": EventLinkForm(kind="policy_lab_session", unlinked="lab_session"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def session_link(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    lab = selectors.get_lab(pk)
    form = EventLinkForm(request.POST, kind="policy_lab_session", unlinked="lab_session")
    if form.is_valid():
        try:
            services.session_link(lab=lab, event=form.cleaned_data["event"], by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The session was added to the cohort."))
    else:
        messages.error(request, _("Choose an event of the kind “policy lab session”."))
    return redirect("clusters:lab_detail", pk=lab.pk)


@login_required
def call_create(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    lab = selectors.get_lab(pk)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call: LabCall = services.call_save(lab=lab, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The call was saved; its public page is open on its dates."))
            return redirect("clusters:call_applications", pk=call.pk)
    return render(
        request, "clusters/lab/call_form.html", {"form": form, "lab": lab}, status=400 if form.errors else 200
    )


@login_required
def call_applications(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.require_secretariat(request.user)
    call: LabCall = get_object_or_404(LabCall.objects.select_related("lab"), pk=pk)
    rows = selectors.call_applications(call)
    return render(
        request,
        "clusters/lab/applications.html",
        {
            "call": call,
            "rows": rows,
            "criteria": selectors.active_criteria(),
            "to_decide": sum(1 for r in rows if r.application.status == ApplicationStatus.SUBMITTED),
            "accepted": sum(1 for r in rows if r.application.status == ApplicationStatus.ACCEPTED),
        },
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One application: the secretariat scores it per criterion and decides with a reason."""
    application = selectors.application_for_secretariat(request.user, pk)
    criteria = selectors.active_criteria()
    scores = {s.criterion.key: s.score for s in application.scores.select_related("criterion")}
    score_form = ScoreForm(
        request.POST if request.POST.get("action") == "score" else None, criteria=criteria, scores=scores
    )
    decision_form = DecisionForm(request.POST if request.POST.get("action") == "decide" else None)
    if request.method == "POST":
        if request.POST.get("action") == "score" and score_form.is_valid():
            try:
                services.application_score(
                    application=application, scores=score_form.scores(), by=request.user
                )
            except ValidationError as exc:
                apply_validation_error(score_form, exc)
            else:
                messages.success(request, _("The scores were saved."))
                return redirect("clusters:application_detail", pk=application.pk)
        elif request.POST.get("action") == "decide" and decision_form.is_valid():
            try:
                application = services.application_decide(
                    application=application,
                    status=decision_form.cleaned_data["status"],
                    decision_reason=decision_form.cleaned_data["decision_reason"],
                    by=request.user,
                )
            except ValidationError as exc:
                apply_validation_error(decision_form, exc)
            else:
                messages.success(
                    request,
                    _("The application is %(status)s.") % {"status": application.get_status_display()},
                )
                return redirect("clusters:call_applications", pk=application.call_id)
    total = selection.application_total(selectors.criteria_data(criteria), scores)
    bound_with_errors = score_form.errors or decision_form.errors
    return render(
        request,
        "clusters/lab/application.html",
        {
            "application": application,
            "score_form": score_form,
            "decision_form": decision_form,
            "total": total,
            "history": history_entries(application),
        },
        status=400 if bound_with_errors else 200,
    )


# --------------------------------------------------------------------------------------------- public


def call_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A call's public page: what the lab is, the dates, and the application form while the call is open.
    No account needed; nothing of other applications is shown."""
    call = LabCall.objects.select_related("lab").filter(pk=pk).first()
    if call is None:
        raise Http404("No such call.")
    today = timezone.localdate()
    is_open = call.opens_on <= today <= call.closes_on
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("This call is closed: applications are no longer taken."))
            return redirect("clusters:call_public", pk=call.pk)
        if form.is_valid():
            try:
                services.application_submit(
                    call=call, language=(get_language() or "en")[:2], **form.cleaned_data
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                return render(request, "clusters/lab/applied.html", {"call": call})
    return render(
        request,
        "clusters/lab/call.html",
        {"call": call, "form": form, "is_open": is_open, "today": today},
        status=400 if form.errors else 200,
    )
