"""Pages of the national networks and of their yearly action plans and reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries
from icc.network.forms import NetworkForm, NetworkPlanForm, PlanDecisionForm
from icc.network.selectors.access import get_network_for_user
from icc.network.selectors.networks import (
    get_plan,
    network_page_context,
    network_rows,
    plan_page_context,
    plans_awaiting_decision,
)
from icc.network.services import networks as network_services
from icc.notifications.services import told_about


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    secretariat = request.user.has_perm("network.view_register")
    context = {
        "rows": network_rows(request.user),
        "awaiting": list(plans_awaiting_decision()) if secretariat else None,
    }
    return render(request, "network/networks/list.html", context)


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("network.manage_register"):
        raise PermissionDenied
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            network = network_services.network_create(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request, _("%(network)s was added. Now choose its member cities.") % {"network": network}
            )
            return redirect("network:network_edit", slug=network.slug)
    return render(request, "network/networks/form.html", {"form": form, "network": None})


@login_required
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_network_for_user(request.user, slug)
    return render(request, "network/networks/detail.html", network_page_context(request.user, network))


@login_required
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="network.change_network")
    coordinator_only = not request.user.has_perm("network.manage_register")
    form = NetworkForm(request.POST or None, instance=network, coordinator_only=coordinator_only)
    if request.method == "POST" and form.is_valid():
        try:
            network = network_services.network_update(network=network, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes to %(network)s saved.") % {"network": network})
            return redirect("network:network_detail", slug=network.slug)
    return render(request, "network/networks/form.html", {"form": form, "network": network})


@login_required
def network_history(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="network.view_register")
    return render(
        request,
        "core/history.html",
        {"subject": network, "entries": history_entries(network), "back_url": network.get_absolute_url()},
    )


@login_required
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="network.edit_network_plans")
    # The dashboard's "plan due" link names the kind and year.
    initial = {name: request.GET[name] for name in ("kind", "year") if name in request.GET}
    form = NetworkPlanForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "remove_document"}
        try:
            plan = network_services.plan_create(network=network, by=request.user, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready for the secretariat."))
            return redirect("network:plan_detail", slug=network.slug, pk=plan.pk)
    return render(
        request, "network/networks/plan_form.html", {"form": form, "network": network, "plan": None}
    )


@login_required
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = get_network_for_user(request.user, slug)
    plan = get_plan(network, pk)
    context = plan_page_context(request.user, plan)
    context["decision_form"] = PlanDecisionForm()
    return render(request, "network/networks/plan_detail.html", context)


@login_required
def plan_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="network.edit_network_plans")
    plan = get_plan(network, pk)
    locked = network_services.plan_not_editable_reason(plan)
    if locked:
        messages.error(request, locked)
        return redirect("network:plan_detail", slug=network.slug, pk=plan.pk)
    form = NetworkPlanForm(request.POST or None, request.FILES or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan = network_services.plan_update(plan=plan, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("network:plan_detail", slug=network.slug, pk=plan.pk)
    return render(
        request, "network/networks/plan_form.html", {"form": form, "network": network, "plan": plan}
    )


@login_required
@require_POST
def plan_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="network.edit_network_plans")
    plan = get_plan(network, pk)
    try:
        plan = network_services.plan_submit(plan=plan, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        # Say who notify told, never more (icc.notifications).
        messages.success(request, _("Submitted.") + " " + told_about(plan).sentence())
    return redirect("network:plan_detail", slug=network.slug, pk=plan.pk)


@login_required
@require_POST
def plan_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = get_network_for_user(request.user, slug, perm="network.decide_network_plans")
    plan = get_plan(network, pk)
    form = PlanDecisionForm(request.POST)
    if form.is_valid():
        try:
            plan = network_services.plan_decide(plan=plan, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            if not (hasattr(exc, "error_dict") and set(exc.message_dict) <= set(form.fields)):
                # Not about the form (the plan is no longer waiting for a decision): say so on the plan page.
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("network:plan_detail", slug=network.slug, pk=plan.pk)
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                _("%(plan)s: %(status)s.") % {"plan": plan, "status": plan.get_status_display()}
                + " "
                + told_about(plan).sentence(),
            )
            return redirect("network:plan_detail", slug=network.slug, pk=plan.pk)
    context = plan_page_context(request.user, get_plan(network, pk))
    context["decision_form"] = form
    return render(request, "network/networks/plan_detail.html", context)


@login_required
def plan_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    network = get_network_for_user(request.user, slug)
    plan = get_plan(network, pk)
    if not plan.document:
        raise Http404("This plan has no document.")
    return attachment_response(plan.document)
