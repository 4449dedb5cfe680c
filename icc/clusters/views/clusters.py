"""Learning clusters, under /clusters/: the list, a cluster's page (members, terms of reference, meetings,
progress reports, gender balance of the delegates, history), the matching page of its theme where the
secretariat picks suggested cities, the lead expert's progress reports and their review, the targets.
Access: icc.clusters.selectors (`get_cluster_for_user`, `require_secretariat`)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.clusters import selectors
from icc.clusters.forms import (
    ClusterForm,
    DocumentForm,
    EventLinkForm,
    MatchingSizeForm,
    MeetingForm,
    MemberForm,
    ReportForm,
    ReviewForm,
    StatusForm,
)
from icc.clusters.models import CLUSTER_WORKFLOW, ClusterMember, LearningCluster, ProgressReport, ReportStatus
from icc.clusters.regions import region_name
from icc.clusters.services import clusters as services
from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.experts.selectors.pool import area_title, language_name
from icc.network.models import City
from icc.notifications.services import told_about


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    clusters = list(selectors.visible_clusters(request.user))
    return render(
        request,
        "clusters/list.html",
        {"clusters": clusters, "secretariat": selectors.is_secretariat(request.user)},
    )


@login_required
def cluster_create(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(data=form.data_for_service(), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The cluster “%(title)s” was created.") % {"title": cluster.title})
            return redirect("clusters:cluster_detail", pk=cluster.pk)
    return render(request, "clusters/form.html", {"form": form, "cluster": None})


@login_required
def cluster_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = ClusterForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            services.cluster_update(cluster=cluster, data=form.data_for_service(), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The cluster was saved."))
            return redirect("clusters:cluster_detail", pk=cluster.pk)
    return render(request, "clusters/form.html", {"form": form, "cluster": cluster})


def _member_rows(members: list[ClusterMember]) -> list[dict[str, object]]:
    return [{"member": m, "reasons": selectors.recorded_reasons(m.matching or {})} for m in members]


@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    reports = selectors.cluster_reports(cluster) if access.reads_reports else []
    context = {
        "cluster": cluster,
        "access": access,
        "areas": selectors.theme_area_titles(cluster.theme),
        "members": _member_rows(selectors.cluster_members(cluster)),
        "meetings": selectors.cluster_meetings(cluster) if access.involved else [],
        "documents": list(cluster.documents.select_related("uploaded_by")) if access.involved else [],
        "reports": reports,
        "next_due": selectors.next_report_due(cluster, reports) if access.reads_reports else None,
        "balance": selectors.cluster_gender_balance(cluster),
        "status_choices": [
            (s, CLUSTER_WORKFLOW.labels[s]) for s in CLUSTER_WORKFLOW.allowed_from(cluster.status)
        ],
    }
    if access.secretariat:
        context["member_form"] = MemberForm()
        context["document_form"] = DocumentForm()
        context["meeting_form"] = EventLinkForm(kind="cluster_meeting", unlinked="cluster_meeting")
        context["new_meeting_form"] = MeetingForm(cluster=cluster)
    elif access.lead:
        context["document_form"] = DocumentForm()
    return render(request, "clusters/detail.html", context)


@login_required
@require_POST
def cluster_status(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            cluster = services.cluster_set_status(
                cluster=cluster, status=form.cleaned_data["status"], by=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The cluster is now %(status)s.") % {"status": cluster.get_status_display()}
            )
    return redirect("clusters:cluster_detail", pk=cluster.pk)


@login_required
def cluster_history(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    return render(
        request,
        "core/history.html",
        {
            "subject": cluster.title,
            "entries": selectors.cluster_history(cluster),
            "back_url": reverse("clusters:cluster_detail", args=[cluster.pk]),
        },
    )


# --------------------------------------------------------------------------------------------- members


@login_required
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    """The suggestion for the cluster's theme: strong cities as mentors, weak ones as learners, each with its
    reasons and scores; the secretariat ticks the cities to add."""
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    size = MatchingSizeForm(request.GET or None)
    mentors, learners = 3, 6
    if size.is_valid():
        mentors, learners = size.cleaned_data["mentors"], size.cleaned_data["learners"]
    result = selectors.cluster_matching(cluster, mentors=mentors, learners=learners)
    errors: list[str] = []
    if request.method == "POST":
        picked = set(request.POST.getlist("city"))
        chosen = [s for s in result.suggestions if s.key in picked]
        cities = {c.slug: c for c in City.objects.filter(slug__in=[s.key for s in chosen])}
        picks = [
            services.MemberPick(
                city=cities[s.key], role=s.role, reason="", matching=selectors.suggestion_record(s)
            )
            for s in chosen
            if s.key in cities
        ]
        try:
            added = services.members_add(cluster=cluster, picks=picks, by=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("Added to the cluster: %(cities)s.") % {"cities": ", ".join(m.city.name for m in added)},
            )
            return redirect("clusters:cluster_detail", pk=cluster.pk)
    rows: list[dict[str, Any]] = [
        {
            "suggestion": s,
            "reasons": [selectors.reason_text(r) for r in s.reasons],
            "areas": [(area_title(a), v) for a, v in s.area_scores.items()],
            "languages": ", ".join(language_name(code) for code in s.languages),
            "region": region_name(s.region),
        }
        for s in result.suggestions
    ]
    return render(
        request,
        "clusters/matching.html",
        {
            "cluster": cluster,
            "areas": selectors.theme_area_titles(cluster.theme),
            "result": result,
            "mentor_rows": [r for r in rows if r["suggestion"].role == "mentor"],
            "learner_rows": [r for r in rows if r["suggestion"].role == "learner"],
            "left_out": [(left, selectors.reason_text(left.reason)) for left in result.left_out],
            "size": size
            if size.is_bound
            else MatchingSizeForm(initial={"mentors": mentors, "learners": learners}),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.members_add(
                cluster=cluster,
                picks=[
                    services.MemberPick(
                        city=form.cleaned_data["city"],
                        role=form.cleaned_data["role"],
                        reason=form.cleaned_data.get("reason") or "",
                    )
                ],
                by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(city)s was added.") % {"city": form.cleaned_data["city"].name})
    else:
        messages.error(request, _("Choose a member city and its role."))
    return redirect("clusters:cluster_detail", pk=cluster.pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    member = get_object_or_404(ClusterMember, pk=member_pk, cluster=cluster)
    services.member_remove(member=member, by=request.user)
    messages.success(request, _("%(city)s was taken out of the cluster.") % {"city": member.city.name})
    return redirect("clusters:cluster_detail", pk=cluster.pk)


# ------------------------------------------------------------------------------------ documents, meetings


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not (access.secretariat or access.lead):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.document_add(
                cluster=cluster,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": document.name})
    else:
        messages.error(request, _("Choose a file and say what it is."))
    return redirect("clusters:cluster_detail", pk=cluster.pk)


@login_required
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.involved:
        raise PermissionDenied
    document = get_object_or_404(cluster.documents, pk=doc_pk)
    return attachment_response(document.file, document.name)


@login_required
@require_POST
def meeting_link(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = EventLinkForm(request.POST, kind="cluster_meeting", unlinked="cluster_meeting")
    if form.is_valid():
        try:
            services.meeting_link(cluster=cluster, event=form.cleaned_data["event"], by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The meeting was added to the cluster."))
    else:
        messages.error(request, _("Choose an event of the kind “learning cluster meeting”."))
    return redirect("clusters:cluster_detail", pk=cluster.pk)


@login_required
@require_POST
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A new meeting: a draft event of kind cluster_meeting (09:00-17:00, Paris time), to publish and send
    invitations from the programme's events."""
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.secretariat:
        raise PermissionDenied
    form = MeetingForm(request.POST, cluster=cluster)
    if form.is_valid():
        day, zone = form.cleaned_data["day"], ZoneInfo("Europe/Paris")
        try:
            meeting = services.meeting_create(
                cluster=cluster,
                by=request.user,
                starts_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=zone),
                ends_at=datetime.datetime.combine(day, datetime.time(17), tzinfo=zone),
                place=form.cleaned_data.get("place") or "",
                online_link=form.cleaned_data.get("online_link") or "",
                host_city=form.cleaned_data.get("host_city"),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The meeting of %(day)s is a draft event: publish it and invite the cities from it.")
                % {"day": formats.date_format(day, "DATE_FORMAT")},
            )
            return redirect("activities:event_detail", pk=meeting.event_id)
    else:
        messages.error(request, _("Give the meeting's day."))
    return redirect("clusters:cluster_detail", pk=cluster.pk)


# --------------------------------------------------------------------------------------------- reports


@login_required
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    cluster, access = selectors.get_cluster_for_user(request.user, pk)
    if not access.lead:
        raise PermissionDenied
    return _report_form(request, cluster, None)


def _report_form(
    request: HttpRequest, cluster: LearningCluster, report: ProgressReport | None
) -> HttpResponse:
    initial = {}
    if report is not None:
        initial = {"period_start": report.period_start, "period_end": report.period_end, "text": report.text}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_submit(
                cluster=cluster,
                by=request.user,
                report=report,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("The progress report was submitted.") + " " + told_about(report).sentence()
            )
            return redirect("clusters:report_detail", pk=report.pk)
    return render(
        request,
        "clusters/report_form.html",
        {"form": form, "cluster": cluster, "report": report},
        status=400 if form.errors else 200,
    )


def _report_for_user(request: HttpRequest, pk: int) -> tuple[ProgressReport, selectors.ClusterAccess]:
    report = get_object_or_404(ProgressReport.objects.select_related("cluster"), pk=pk)
    _cluster, access = selectors.get_cluster_for_user(request.user, report.cluster_id)
    if not access.reads_reports:
        raise PermissionDenied
    return report, access


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report, access = _report_for_user(request, pk)
    form = None
    if access.secretariat and report.status == ReportStatus.SUBMITTED:
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = services.report_review(
                    report=report,
                    by=request.user,
                    accept=form.cleaned_data["decision"] == "accept",
                    note=form.cleaned_data.get("note") or "",
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request,
                    _("The report is %(status)s.") % {"status": report.get_status_display()}
                    + " "
                    + told_about(report).sentence(),
                )
                return redirect("clusters:report_detail", pk=report.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "clusters/report.html",
        {
            "report": report,
            "cluster": report.cluster,
            "access": access,
            "form": form,
            "history": history_entries(report) if access.secretariat else [],
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead expert corrects a returned report and submits it again."""
    report, access = _report_for_user(request, pk)
    if not access.lead:
        raise PermissionDenied
    if report.status != ReportStatus.RETURNED:
        messages.error(request, _("Only a report returned to you is submitted again."))
        return redirect("clusters:report_detail", pk=report.pk)
    return _report_form(request, report.cluster, report)


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    selectors.require_secretariat(request.user)
    return render(
        request,
        "clusters/targets.html",
        {"targets": selectors.targets_progress(), "today": timezone.localdate()},
    )
