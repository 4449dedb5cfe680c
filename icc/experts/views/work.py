"""Expert work in the back office: the secretariat's assignments (team, suggestions, status, open calls),
claims and coverage; an expert's own work (declarations, claims) and the open calls.

Every view goes through one access helper of icc.experts.selectors.work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.experts.forms.work import (
    AssignmentForm,
    ClaimForm,
    DecisionForm,
    DeclarationForm,
    InterestForm,
    StatusForm,
    TeamAddForm,
)
from icc.experts.models import (
    Assignment,
    AssignmentExpert,
    AssignmentStatus,
    CallInterest,
    ClaimStatus,
    ExpenseReceipt,
)
from icc.experts.selectors import work as selectors
from icc.experts.services import assignments as services
from icc.experts.services import calls as call_services
from icc.experts.services import expenses as expense_services
from icc.notifications.services import told_about


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# ------------------------------------------------------------------------------------- the secretariat


@login_required
def assignment_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    status = request.GET.get("status", "")
    status = status if status in AssignmentStatus.values else ""
    kind = request.GET.get("kind", "")
    year = _int(request.GET.get("year"))
    rows = list(selectors.assignment_list(status=status, kind=kind, year=year)[:300])
    return render(
        request,
        "experts/work/list.html",
        {
            "rows": rows,
            "status": status,
            "kind": kind,
            "year": year,
            "statuses": AssignmentStatus.choices,
            "kinds": selectors.work_kinds(),
            "years": selectors.assignment_years(),
        },
    )


def _assignment_form(request: HttpRequest, assignment: Assignment | None) -> HttpResponse:
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.ASSIGNMENT_FIELDS}
        try:
            if assignment is None:
                saved = services.assignment_create(by=request.user, **data)  # type: ignore[arg-type]
            else:
                saved = services.assignment_update(assignment=assignment, by=request.user, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved: %(title)s.") % {"title": saved.title})
            return redirect("experts:assignment_detail", pk=saved.pk)
    return render(request, "experts/work/form.html", {"form": form, "assignment": assignment})


@login_required
def assignment_create(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    return _assignment_form(request, None)


@login_required
def assignment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_secretariat(request.user, pk)
    return _assignment_form(request, assignment)


def _detail(
    request: HttpRequest,
    assignment: Assignment,
    *,
    status_form: StatusForm | None = None,
    team_form: TeamAddForm | None = None,
    code: int = 200,
) -> HttpResponse:
    allowed = services.ASSIGNMENT_WORKFLOW.allowed_from(assignment.status)
    return render(
        request,
        "experts/work/detail.html",
        {
            "assignment": assignment,
            "page": selectors.assignment_page(assignment),
            "suggestions": selectors.suggestion_page(assignment),
            "status_form": status_form or StatusForm(allowed=allowed),
            "team_form": team_form or TeamAddForm(),
            "allowed": allowed,
            "editable": assignment.status not in (AssignmentStatus.DONE, AssignmentStatus.CANCELLED),
        },
        status=code,
    )


@login_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_assignment_for_secretariat(request.user, pk))


@login_required
@require_POST
def assignment_status(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_secretariat(request.user, pk)
    form = StatusForm(request.POST, allowed=services.ASSIGNMENT_WORKFLOW.allowed_from(assignment.status))
    if form.is_valid():
        try:
            told = services.assignment_set_status(
                assignment=assignment,
                by=request.user,  # type: ignore[arg-type]
                status=form.cleaned_data["status"],
                cancel_reason=form.cleaned_data["cancel_reason"],
                clash_reason=form.cleaned_data["clash_reason"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            assignment.refresh_from_db()
            said = _("The work is now %(status)s.") % {"status": assignment.get_status_display()}
            if told.people or told.off:
                said += " " + told.sentence()
            messages.success(request, said)
            return redirect("experts:assignment_detail", pk=assignment.pk)
    return _detail(request, assignment, status_form=form, code=400)


@login_required
@require_POST
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_secretariat(request.user, pk)
    form = TeamAddForm(request.POST)
    if form.is_valid():
        try:
            member = services.team_add(
                assignment=assignment,
                expert=form.cleaned_data["expert"],
                lead=form.cleaned_data["lead"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            said = _("%(name)s is on the team.") % {"name": member.expert.full_name}
            told = told_about(assignment)
            if told.people or told.off:
                said += " " + told.sentence()
            messages.success(request, said)
            return redirect("experts:assignment_detail", pk=assignment.pk)
    return _detail(request, assignment, team_form=form, code=400)


def _member(request: HttpRequest, pk: int, member_pk: int) -> AssignmentExpert:
    assignment = selectors.get_assignment_for_secretariat(request.user, pk)
    return get_object_or_404(
        AssignmentExpert.objects.select_related("expert", "assignment"), pk=member_pk, assignment=assignment
    )


@login_required
@require_POST
def team_lead(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = _member(request, pk, member_pk)
    services.team_set_lead(member=member, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(name)s leads the work.") % {"name": member.expert.full_name})
    return redirect("experts:assignment_detail", pk=pk)


@login_required
@require_POST
def team_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = _member(request, pk, member_pk)
    try:
        services.team_remove(member=member, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s is off the team.") % {"name": member.expert.full_name})
    return redirect("experts:assignment_detail", pk=pk)


@login_required
@require_POST
def call_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_secretariat(request.user, pk)
    publish = request.POST.get("open_call") == "1"
    try:
        call_services.call_set_open(assignment=assignment, by=request.user, open_call=publish)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Published to the pool: experts see it among the open calls.")
            if publish
            else _("The call is closed."),
        )
    return redirect("experts:assignment_detail", pk=pk)


@login_required
def assignment_history(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_secretariat(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": assignment.title,
            "entries": history_entries(assignment),
            "back_url": reverse("experts:assignment_detail", args=[pk]),
        },
    )


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    status = status if status in [*ClaimStatus.values, "all"] else ClaimStatus.SUBMITTED
    year = _int(request.GET.get("year"))
    claims = list(selectors.claims_list("" if status == "all" else status)[:300])
    return render(
        request,
        "experts/work/claims.html",
        {
            "claims": claims,
            "status": status,
            "statuses": ClaimStatus.choices,
            "totals": selectors.expense_totals(year),
            "year": year,
            "years": selectors.assignment_years(),
        },
    )


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    return render(request, "experts/work/coverage.html", {"networks": selectors.coverage()})


# --------------------------------------------------------------------------------------------- claims


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.get_claim_for_user(request.user, pk)
    secretariat = request.user.is_authenticated and selectors.user_roles_summary(request.user).secretariat
    form = None
    if secretariat and claim.status == ClaimStatus.SUBMITTED:
        form = DecisionForm(
            request.POST or None,
            initial={"travel": claim.travel, "subsistence": claim.subsistence, "fee": claim.fee},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                told = expense_services.claim_decide(
                    claim=claim,
                    by=request.user,  # type: ignore[arg-type]
                    status=data["decision"],
                    reason_words=data["reason"],
                    travel=data["travel"],
                    subsistence=data["subsistence"],
                    fee=data["fee"],
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                claim.refresh_from_db()
                said = _("The claim is %(status)s.") % {"status": claim.get_status_display()}
                if told.people or told.off:
                    said += " " + told.sentence()
                messages.success(request, said)
                return redirect("experts:claim_detail", pk=claim.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "experts/work/claim_detail.html",
        {
            "claim": claim,
            "form": form,
            "secretariat": secretariat,
            "history": history_entries(claim),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def receipt_download(request: HttpRequest, pk: int, receipt_pk: int) -> FileResponse:
    claim = selectors.get_claim_for_user(request.user, pk)
    receipt = get_object_or_404(ExpenseReceipt, pk=receipt_pk, claim=claim)
    return attachment_response(receipt.file, receipt.name)


# --------------------------------------------------------------------------------------- an expert's


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    expert = selectors.own_expert(request.user)
    if expert is None:
        if not selectors.user_roles_summary(request.user).expert:
            raise PermissionDenied
        # An expert's role without a record in the pool yet: nothing assigned, and the page says why.
        return render(request, "experts/work/my_work.html", {"expert": None, "members": [], "feed_url": ""})
    members = selectors.my_work(expert)
    for member in members:
        member.can_claim = selectors.claimable(member)  # type: ignore[attr-defined]
    return render(
        request,
        "experts/work/my_work.html",
        {
            "expert": expert,
            "members": members,
            "feed_url": request.build_absolute_uri(
                reverse("experts:expert_feed", args=[expert.calendar_token])
            )
            if expert.calendar_token
            else "",
        },
    )


@login_required
def declare(request: HttpRequest, member_pk: int) -> HttpResponse:
    member = selectors.get_member_for_expert(request.user, member_pk)
    initial = {
        "none": member.conflict_declared_at is not None and not member.conflict_statement,
        "statement": member.conflict_statement,
    }
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(
                member=member,
                by=request.user,  # type: ignore[arg-type]
                statement=form.cleaned_data["statement"],
                none=form.cleaned_data["none"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your declaration is recorded, dated today."))
            return redirect("experts:my_work")
    return render(
        request,
        "experts/work/declare.html",
        {"member": member, "form": form, "assignment": member.assignment},
        status=400 if form.errors else 200,
    )


@login_required
def claim_new(request: HttpRequest, member_pk: int) -> HttpResponse:
    member = selectors.get_member_for_expert(request.user, member_pk)
    returned = member.claims.filter(status=ClaimStatus.RETURNED).order_by("-pk").first()
    if returned is None and not selectors.claimable(member):
        messages.error(request, _("A claim is made once the work is over, and one at a time."))
        return redirect("experts:my_work")
    initial = (
        {
            "travel": returned.travel,
            "subsistence": returned.subsistence,
            "fee": returned.fee,
            "note": returned.expert_note,
        }
        if returned
        else {}
    )
    form = ClaimForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = expense_services.claim_submit(
                member=member,
                by=request.user,  # type: ignore[arg-type]
                travel=data["travel"],
                subsistence=data["subsistence"],
                fee=data["fee"],
                note=data["note"],
                receipts=data["receipts"],
                claim=returned,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your claim is submitted to the secretariat."))
            return redirect("experts:claim_detail", pk=claim.pk)
    return render(
        request,
        "experts/work/claim_form.html",
        {"member": member, "form": form, "returned": returned},
        status=400 if form.errors else 200,
    )


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    """The open calls: every expert of the pool reads them; the secretariat sees the interest counts."""
    summary = selectors.user_roles_summary(request.user)
    expert = selectors.own_expert(request.user)
    if expert is None and not summary.secretariat:
        raise Http404
    return render(
        request,
        "experts/work/calls.html",
        {"calls": selectors.open_calls(expert), "expert": expert, "form": InterestForm()},
    )


@login_required
@require_POST
def call_answer(request: HttpRequest, pk: int) -> HttpResponse:
    expert = selectors.require_expert(request.user)
    assignment = get_object_or_404(Assignment, pk=pk, open_call=True)
    if request.POST.get("withdraw"):
        interest = get_object_or_404(CallInterest, assignment=assignment, expert=expert)
        call_services.interest_withdraw(interest=interest, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your interest is withdrawn."))
        return redirect("experts:calls")
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            call_services.interest_give(
                assignment=assignment,
                expert=expert,
                by=request.user,  # type: ignore[arg-type]
                available=form.cleaned_data["available"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you: the secretariat sees your answer beside the work."))
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("experts:calls")
