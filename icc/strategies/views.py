"""City strategies, under /strategies/: the list (the city's, or every city's for the secretariat), a
strategy's page (status workflow, versions, support group, Index areas, results with their indicators,
programmes with their measures in the three RBA quadrants), an indicator's page (its series, targets,
forecast, turn-the-curve fields and action plan), a measure's page, the scorecard, the report cards (PDF)
and the history. Access: icc.strategies.selectors.strategy_for_user, once per view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.practices.index_areas import area_title
from icc.strategies import report_cards, selectors, services
from icc.strategies.charts import series_chart
from icc.strategies.forms import (
    ActionForm,
    ActionUpdateForm,
    CurveForm,
    ForecastForm,
    IndicatorForm,
    MeasureForm,
    MemberForm,
    PointForm,
    ProgrammeForm,
    ResultForm,
    StatusForm,
    StrategyForm,
    TargetForm,
    VersionForm,
)
from icc.strategies.models import (
    STRATEGY_WORKFLOW,
    Action,
    DataPoint,
    Indicator,
    PerformanceMeasure,
    Programme,
    Result,
    Strategy,
    StrategyStatus,
)


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back_url: str,
    back_label: str,
    files: bool = False,
    removable: bool = False,
) -> HttpResponse:
    return render(
        request,
        "strategies/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "back_label": back_label,
            "files": files,
            "removable": removable,
        },
    )


def _detail_url(strategy: Strategy) -> str:
    return reverse("strategies:strategy_detail", args=[strategy.pk])


def _indicator_url(strategy: Strategy, indicator: Indicator) -> str:
    return reverse("strategies:indicator_detail", args=[strategy.pk, indicator.pk])


# --------------------------------------------------------------------------------------------- strategies


@login_required
def strategy_list(request: HttpRequest) -> HttpResponse:
    city = request.GET.get("city", "")[:120]
    status = request.GET.get("status", "")
    if status not in StrategyStatus.values:
        status = ""
    rows = selectors.strategy_rows(request.user, city_slug=city, status=status)
    return render(
        request,
        "strategies/list.html",
        {
            "rows": rows,
            "secretariat": selectors.user_roles_summary(request.user).secretariat,
            "may_create": selectors.cities_for_new_strategy(request.user).exists(),
            "statuses": StrategyStatus.choices,
            "status": status,
            "city": city,
        },
    )


@login_required
def strategy_create(request: HttpRequest) -> HttpResponse:
    cities = selectors.cities_for_new_strategy(request.user)
    if not cities.exists():
        raise PermissionDenied
    form = StrategyForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            strategy = services.strategy_create(
                city=form.cleaned_data["city"], data=form.data_for_service(), by=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The strategy “%(title)s” was created.") % {"title": strategy.title})
            return redirect(_detail_url(strategy))
    return _form_page(
        request,
        form,
        title=_("New strategy"),
        back_url=reverse("strategies:strategy_list"),
        back_label=_("Strategies"),
    )


@login_required
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    access = selectors.strategy_access(request.user, strategy)
    allowed = STRATEGY_WORKFLOW.allowed_from(strategy.status)
    corrections = [
        s for s in STRATEGY_WORKFLOW.labels if STRATEGY_WORKFLOW.can(strategy.status, s, correction=True)
    ]
    return render(
        request,
        "strategies/detail.html",
        {
            "strategy": strategy,
            "access": access,
            "areas": [(key, area_title(key)) for key in strategy.index_areas],
            "versions": list(strategy.versions.prefetch_related("documents").select_related("created_by")),
            "members": list(strategy.support_group.all()),
            "results": selectors.result_views(strategy),
            "programmes": selectors.programme_views(strategy),
            "status_form": StatusForm(
                choices=[(s, STRATEGY_WORKFLOW.labels[s]) for s in [*allowed, *corrections]]
            )
            if access.write and (allowed or corrections)
            else None,
            "corrections": corrections,
            "member_form": MemberForm() if access.write else None,
            "version_form": VersionForm() if access.write else None,
            "next_strategies": list(strategy.next_strategies.all()),
        },
    )


@login_required
def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    form = StrategyForm(request.POST or None, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        try:
            services.strategy_update(strategy=strategy, data=form.data_for_service(), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The strategy was saved."))
            return redirect(_detail_url(strategy))
    return _form_page(
        request,
        form,
        title=_("Change %(title)s") % {"title": strategy.title},
        back_url=_detail_url(strategy),
        back_label=strategy.title,
    )


@login_required
@require_POST
def strategy_status(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST, choices=list(STRATEGY_WORKFLOW.labels.items()))
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(_detail_url(strategy))
    d = form.cleaned_data
    try:
        strategy = services.strategy_set_status(
            strategy=strategy,
            status=d["status"],
            by=request.user,
            validated_on=d.get("validated_on"),
            validated_by_body=d.get("validated_by_body") or "",
            presented_at_event=d.get("presented_at_event"),
            presented_on=d.get("presented_on"),
            correction=bool(d.get("correction")),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The strategy is now “%(status)s”.") % {"status": strategy.get_status_display()}
        )
    return redirect(_detail_url(strategy))


@login_required
@require_POST
def strategy_publish(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    publish = request.POST.get("published") == "1"
    try:
        services.strategy_publish(strategy=strategy, published=publish, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The strategy is on the city's public page.")
            if publish
            else _("The strategy is no longer on the public site."),
        )
    return redirect(_detail_url(strategy))


@login_required
def strategy_history(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": strategy.title,
            "entries": selectors.strategy_history(strategy),
            "back_url": _detail_url(strategy),
        },
    )


@login_required
@require_POST
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.version_add(
                strategy=strategy,
                by=request.user,
                text=form.cleaned_data.get("text") or "",
                note=form.cleaned_data.get("note") or "",
                file=form.cleaned_data.get("file"),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Version %(n)s was added.") % {"n": version.number})
            return redirect(_detail_url(strategy))
    return _form_page(
        request,
        form,
        title=_("New version"),
        back_url=_detail_url(strategy),
        back_label=strategy.title,
        files=True,
    )


@login_required
def version_detail(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    version = get_object_or_404(strategy.versions.prefetch_related("documents"), pk=version_pk)
    return render(request, "strategies/version.html", {"strategy": strategy, "version": version})


@login_required
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    from icc.strategies.models import StrategyDocument

    document = get_object_or_404(StrategyDocument, pk=doc_pk, version__strategy=strategy)
    return attachment_response(document.file, document.name)


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.member_add(strategy=strategy, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The member was added to the support group."))
            return redirect(_detail_url(strategy) + "#group-h")
    return _form_page(
        request,
        form,
        title=_("Add a support group member"),
        back_url=_detail_url(strategy),
        back_label=strategy.title,
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    member = get_object_or_404(strategy.support_group, pk=member_pk)
    services.member_remove(member=member, by=request.user)
    messages.success(request, _("%(name)s is no longer in the support group.") % {"name": member.name})
    return redirect(_detail_url(strategy) + "#group-h")


# --------------------------------------------------------------------------------------------- results


@login_required
def result_edit(request: HttpRequest, pk: int, result_pk: int | None = None) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    result = get_object_or_404(Result, pk=result_pk, strategy=strategy) if result_pk else None
    initial = (
        {
            "title_en": result.title_en,
            "title_fr": result.title_fr,
            "statement_en": result.statement_en,
            "statement_fr": result.statement_fr,
            "order": result.order,
        }
        if result
        else {"order": strategy.results.count() + 1}
    )
    form = ResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.result_save(strategy=strategy, result=result, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The result was saved."))
            return redirect(_detail_url(strategy))
    return _form_page(
        request,
        form,
        title=_("Change the result") if result else _("New result"),
        back_url=_detail_url(strategy),
        back_label=strategy.title,
    )


@login_required
def indicator_edit(
    request: HttpRequest, pk: int, result_pk: int | None = None, indicator_pk: int | None = None
) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    indicator = selectors.indicator_for_strategy(strategy, indicator_pk) if indicator_pk else None
    result = indicator.result if indicator else get_object_or_404(Result, pk=result_pk, strategy=strategy)
    initial = (
        {
            "name_en": indicator.name_en,
            "name_fr": indicator.name_fr,
            "unit": indicator.unit,
            "polarity": indicator.polarity,
            "source_kind": indicator.source_kind,
            "source_key": indicator.source_key,
            "order": indicator.order,
        }
        if indicator
        else {"order": result.indicators.count() + 1}
    )
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_save(
                result=result, indicator=indicator, data=form.data_for_service(), by=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect(_indicator_url(strategy, indicator))
    return _form_page(
        request,
        form,
        title=_("Change the indicator")
        if indicator
        else _("New indicator of “%(result)s”") % {"result": result},
        back_url=_indicator_url(strategy, indicator) if indicator else _detail_url(strategy),
        back_label=str(indicator or strategy),
    )


def _series_context(
    strategy: Strategy, view: selectors.SeriesView, title: str, chart_id: str
) -> dict[str, Any]:
    return {"series": view, "chart": series_chart(view, chart_id=chart_id, title=title)}


@login_required
def indicator_detail(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    access = selectors.strategy_access(request.user, strategy)
    indicator = selectors.indicator_for_strategy(strategy, indicator_pk)
    view = selectors.indicator_view(strategy, indicator)
    return render(
        request,
        "strategies/indicator.html",
        {
            "strategy": strategy,
            "access": access,
            "indicator": view.indicator,
            "actions": view.actions,
            "practices": list(view.indicator.practices.all()),
            "point_form": PointForm(prefix="point") if access.data else None,
            "target_form": TargetForm(prefix="target") if access.data else None,
            "update_form": ActionUpdateForm() if access.data else None,
            "owner_kind": "indicator",
            **_series_context(strategy, view.series, str(indicator), f"indicator-{indicator.pk}"),
        },
    )


@login_required
def measure_detail(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    access = selectors.strategy_access(request.user, strategy)
    measure = selectors.measure_for_strategy(strategy, measure_pk)
    view = next(
        mv.series
        for pv in selectors.programme_views(strategy)
        for _q, _label, measures in pv.quadrants
        for mv in measures
        if mv.measure.pk == measure.pk
    )
    return render(
        request,
        "strategies/measure.html",
        {
            "strategy": strategy,
            "access": access,
            "measure": measure,
            "point_form": PointForm(prefix="point") if access.data else None,
            "target_form": TargetForm(prefix="target") if access.data else None,
            "owner_kind": "measure",
            **_series_context(strategy, view, str(measure), f"measure-{measure.pk}"),
        },
    )


def _series_owner(strategy: Strategy, kind: str, owner_pk: int) -> tuple[dict[str, Any], str]:
    if kind == "indicator":
        indicator = selectors.indicator_for_strategy(strategy, owner_pk)
        return {"indicator": indicator}, _indicator_url(strategy, indicator)
    if kind == "measure":
        measure = selectors.measure_for_strategy(strategy, owner_pk)
        return {"measure": measure}, reverse("strategies:measure_detail", args=[strategy.pk, measure.pk])
    raise Http404


@login_required
def point_add(request: HttpRequest, pk: int, kind: str, owner_pk: int) -> HttpResponse:
    """Add a figure to an indicator's or a measure's series; the form page shows what was refused."""
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    owner, back = _series_owner(strategy, kind, owner_pk)
    form = PointForm(request.POST or None, prefix="point")
    if request.method == "POST" and form.is_valid():
        try:
            services.point_save(by=request.user, **owner, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The figure was saved."))
            return redirect(back)
    return _form_page(
        request, form, title=_("Add a figure"), back_url=back, back_label=_("Back to the series")
    )


@login_required
def point_edit(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    point = get_object_or_404(
        DataPoint.objects.select_related("indicator__result", "measure__programme"), pk=point_pk
    )
    if point.indicator is not None:
        owner_strategy = point.indicator.result.strategy_id
    else:
        assert point.measure is not None
        owner_strategy = point.measure.programme.strategy_id
    if owner_strategy != strategy.pk:
        raise Http404
    kind, owner_pk = (
        ("indicator", point.indicator_id) if point.indicator_id else ("measure", point.measure_id)
    )
    owner, back = _series_owner(strategy, kind, owner_pk or 0)
    if request.method == "POST" and request.POST.get("remove") == "1":
        services.point_remove(point=point, by=request.user)
        messages.success(request, _("The figure was removed."))
        return redirect(back)
    form = PointForm(
        request.POST or None,
        prefix="point",
        initial={
            "period_label": point.period_label,
            "period_start": point.period_start,
            "value": f"{point.value:g}",
            "source": point.source,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.point_save(by=request.user, point=point, **owner, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The figure was saved."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Correct the figure of %(period)s") % {"period": point.period_label},
        back_url=back,
        back_label=_("Back to the series"),
        removable=True,
    )


@login_required
def target_add(request: HttpRequest, pk: int, kind: str, owner_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    owner, back = _series_owner(strategy, kind, owner_pk)
    form = TargetForm(request.POST or None, prefix="target")
    if request.method == "POST" and form.is_valid():
        try:
            services.target_save(by=request.user, **owner, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The target was saved."))
            return redirect(back)
    return _form_page(
        request, form, title=_("Set a target"), back_url=back, back_label=_("Back to the series")
    )


@login_required
def curve_edit(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    indicator = selectors.indicator_for_strategy(strategy, indicator_pk)
    form = CurveForm(
        request.POST or None,
        initial={
            "story": indicator.story,
            "partners": indicator.partners,
            "what_works": indicator.what_works,
            "practices": list(indicator.practices.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_curve_save(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The turn-the-curve fields were saved."))
            return redirect(_indicator_url(strategy, indicator))
    return _form_page(
        request,
        form,
        title=_("Turn the curve: %(name)s") % {"name": indicator},
        back_url=_indicator_url(strategy, indicator),
        back_label=str(indicator),
    )


@login_required
def forecast_edit(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    indicator = selectors.indicator_for_strategy(strategy, indicator_pk)
    lines = "\n".join(f"{label}: {value:g}" for label, value in (indicator.forecast_override or {}).items())
    form = ForecastForm(
        request.POST or None, initial={"values": lines, "forecast_note": indicator.forecast_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_forecast_set(
                indicator=indicator,
                values=form.parsed(),
                note=form.cleaned_data.get("forecast_note") or "",
                by=request.user,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The forecast was saved."))
            return redirect(_indicator_url(strategy, indicator))
    return _form_page(
        request,
        form,
        title=_("Set the forecast of %(name)s") % {"name": indicator},
        back_url=_indicator_url(strategy, indicator),
        back_label=str(indicator),
    )


@login_required
@require_POST
def indicator_refresh(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    indicator = selectors.indicator_for_strategy(strategy, indicator_pk)
    try:
        changed = services.indicator_refresh(indicator=indicator, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(n)s figures were added or corrected from the source.") % {"n": changed}
        )
    return redirect(_indicator_url(strategy, indicator))


# --------------------------------------------------------------------------------------------- programmes


@login_required
def programme_edit(request: HttpRequest, pk: int, programme_pk: int | None = None) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    programme = get_object_or_404(Programme, pk=programme_pk, strategy=strategy) if programme_pk else None
    initial = {"name": programme.name, "description": programme.description} if programme else {}
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_save(
                strategy=strategy, programme=programme, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect(_detail_url(strategy) + "#programmes-h")
    return _form_page(
        request,
        form,
        title=_("Change the programme") if programme else _("New programme"),
        back_url=_detail_url(strategy),
        back_label=strategy.title,
    )


@login_required
def measure_edit(
    request: HttpRequest, pk: int, programme_pk: int | None = None, measure_pk: int | None = None
) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, write=True)
    measure: PerformanceMeasure | None = (
        selectors.measure_for_strategy(strategy, measure_pk) if measure_pk else None
    )
    programme = (
        measure.programme if measure else get_object_or_404(Programme, pk=programme_pk, strategy=strategy)
    )
    initial = (
        {
            "quadrant": measure.quadrant,
            "name": measure.name,
            "unit": measure.unit,
            "polarity": measure.polarity,
        }
        if measure
        else {"quadrant": request.GET.get("quadrant", "")}
    )
    form = MeasureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_save(
                programme=programme, measure=measure, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The measure was saved."))
            return redirect("strategies:measure_detail", pk=strategy.pk, measure_pk=measure.pk)
    return _form_page(
        request,
        form,
        title=_("Change the measure")
        if measure
        else _("New measure of “%(programme)s”") % {"programme": programme},
        back_url=_detail_url(strategy),
        back_label=strategy.title,
    )


# --------------------------------------------------------------------------------------------- actions


@login_required
def action_edit(
    request: HttpRequest, pk: int, indicator_pk: int | None = None, action_pk: int | None = None
) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    action = (
        get_object_or_404(
            Action.objects.select_related("indicator"), pk=action_pk, indicator__result__strategy=strategy
        )
        if action_pk
        else None
    )
    indicator = action.indicator if action else selectors.indicator_for_strategy(strategy, indicator_pk or 0)
    people = services.city_people(strategy.city_id)
    initial = (
        {
            "title": action.title,
            "description": action.description,
            "owner": action.owner_id,
            "owner_name": action.owner_name,
            "starts_on": action.starts_on,
            "due_on": action.due_on,
        }
        if action
        else {}
    )
    form = ActionForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(
                indicator=indicator, action=action, data=form.data_for_service(), by=request.user
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(_indicator_url(strategy, indicator) + "#actions-h")
    return _form_page(
        request,
        form,
        title=_("Change the action") if action else _("New action for “%(name)s”") % {"name": indicator},
        back_url=_indicator_url(strategy, indicator),
        back_label=str(indicator),
    )


@login_required
@require_POST
def action_update(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk, data=True)
    action = get_object_or_404(
        Action.objects.select_related("indicator"), pk=action_pk, indicator__result__strategy=strategy
    )
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.action_update_add(action=action, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The action's update was saved."))
            return redirect(_indicator_url(strategy, action.indicator) + "#actions-h")
    return _form_page(
        request,
        form,
        title=_("Update “%(action)s”") % {"action": action},
        back_url=_indicator_url(strategy, action.indicator),
        back_label=str(action.indicator),
    )


# --------------------------------------------------------------------------------------------- scorecard


@login_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    return render(
        request,
        "strategies/scorecard.html",
        {"strategy": strategy, **report_cards.scorecard_context(strategy), "public": False},
    )


@login_required
def report_card_pdf(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    strategy = selectors.strategy_for_user(request.user, pk)
    result = get_object_or_404(Result, pk=result_pk, strategy=strategy)
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    if language not in ("en", "fr"):
        language = "en"
    return report_cards.pdf_response(strategy, result, language)
