"""Writes to city strategies. Each write checks every field first (errors keyed by the field, naming the
fix), then writes in one transaction with its history row (icc.core.history.record_change) and, for status
changes, tells the city's people (STRATEGY_STATUS_CHANGED). Access is the caller's: views and the API go
through icc.strategies.selectors.strategy_for_user first."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Model
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.activities.models import Event
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.network.models import City
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify, remember
from icc.strategies.models import (
    STRATEGY_WORKFLOW,
    Action,
    ActionStatus,
    ActionUpdate,
    DataPoint,
    DataSource,
    Indicator,
    PerformanceMeasure,
    Polarity,
    Programme,
    Quadrant,
    Result,
    SourceKind,
    Strategy,
    StrategyDocument,
    StrategyStatus,
    StrategyVersion,
    SupportGroupMember,
    Target,
)

MAX_TEXT = 20_000
MAX_VERSIONS = 50


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _check(obj: Model, errors: dict[str, list[str]], exclude: Sequence[str] = ()) -> None:
    try:
        obj.full_clean(exclude=[*errors, *exclude])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def city_people(city_id: int, *, coordinators_only: bool = False) -> list[User]:
    kinds = (
        [RoleKind.CITY_COORDINATOR]
        if coordinators_only
        else [RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR]
    )
    return list(User.objects.filter(is_active=True, roles__kind__in=kinds, roles__city_id=city_id).distinct())


def _index_area_keys() -> set[str]:
    from icc.practices.index_areas import index_areas

    return {area.key for area in index_areas()}


# --------------------------------------------------------------------------------------------- strategy


@dataclass
class StrategyData:
    title_en: str
    title_fr: str = ""
    summary: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    index_areas: Sequence[str] = ()
    previous: Strategy | None = None


def _apply_strategy(strategy: Strategy, data: StrategyData) -> None:
    errors: dict[str, list[str]] = {}
    strategy.title_en = _one_line(data.title_en)
    strategy.title_fr = _one_line(data.title_fr)
    strategy.title = strategy.title_en
    if not strategy.title_en:
        errors["title_en"] = [_("Give the strategy a title in English.")]
    strategy.summary = (data.summary or "").strip()
    strategy.starts_on, strategy.ends_on = data.starts_on, data.ends_on
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors["ends_on"] = [_("The strategy cannot end before it starts; correct one of the two days.")]
    known = _index_area_keys()
    unknown = [a for a in data.index_areas if a not in known]
    if unknown:
        errors["index_areas"] = [_("“%(value)s” is not an Index area.") % {"value": unknown[0]}]
    strategy.index_areas = sorted(set(data.index_areas))
    if data.previous is not None:
        if data.previous.city_id != strategy.city_id:
            errors["previous"] = [_("Choose a strategy of the same city.")]
        elif strategy.pk and data.previous.pk == strategy.pk:
            errors["previous"] = [_("A strategy cannot replace itself.")]
    strategy.previous = data.previous
    _check(strategy, errors, exclude=["title"])


@transaction.atomic
def strategy_create(*, city: City, data: StrategyData, by: Any) -> Strategy:
    strategy = Strategy(city=city)
    _apply_strategy(strategy, data)
    record_change(strategy, by=by, reason=reason("strategies.created"))
    strategy.save()
    return strategy


@transaction.atomic
def strategy_update(*, strategy: Strategy, data: StrategyData, by: Any) -> Strategy:
    strategy = Strategy.objects.select_for_update(of=("self",)).get(pk=strategy.pk)
    _apply_strategy(strategy, data)
    record_change(strategy, by=by, reason=reason("strategies.changed"))
    strategy.save()
    return strategy


@transaction.atomic
def strategy_set_status(
    *,
    strategy: Strategy,
    status: str,
    by: Any,
    validated_on: datetime.date | None = None,
    validated_by_body: str = "",
    presented_at_event: Event | None = None,
    presented_on: datetime.date | None = None,
    correction: bool = False,
    today: datetime.date | None = None,
) -> Strategy:
    """Move the strategy along STRATEGY_WORKFLOW (anything else is refused, naming the allowed moves).
    Validation needs its date and the body that validated; presenting needs the event or the day. Moving
    on to implementing supersedes the strategy it replaces (if that one may be superseded)."""
    today = today or datetime.date.today()
    strategy = Strategy.objects.select_for_update(of=("self",)).get(pk=strategy.pk)
    STRATEGY_WORKFLOW.check(strategy.status, status, correction=correction)
    errors: dict[str, list[str]] = {}
    if status == StrategyStatus.VALIDATED and not correction:
        if validated_on is None:
            errors["validated_on"] = [_("Give the day the city's body validated the strategy.")]
        elif validated_on > today:
            errors["validated_on"] = [_("The validation cannot be in the future; give the day it happened.")]
        if not _one_line(validated_by_body):
            errors["validated_by_body"] = [
                _("Name the body that validated the strategy, e.g. “City council”.")
            ]
        if errors:
            raise ValidationError(errors)
        strategy.validated_on = validated_on
        strategy.validated_by_body = _one_line(validated_by_body)
    if status == StrategyStatus.PRESENTED:
        if presented_at_event is None and presented_on is None:
            raise ValidationError(
                {"presented_on": _("Give the day the strategy was presented, or choose the event.")}
            )
        strategy.presented_at_event = presented_at_event
        strategy.presented_on = presented_on or (
            presented_at_event.starts_at.date() if presented_at_event is not None else None
        )
    if correction and status == StrategyStatus.DRAFTING:
        strategy.published = False
    strategy.status = status
    strategy.status_changed_on = today
    code = "strategies.status_corrected" if correction else "strategies.status"
    record_change(strategy, by=by, reason=reason(code, status=status))
    strategy.save()
    if status == StrategyStatus.IMPLEMENTING and strategy.previous_id:
        previous = Strategy.objects.select_for_update(of=("self",)).get(pk=strategy.previous_id)
        if STRATEGY_WORKFLOW.can(previous.status, StrategyStatus.SUPERSEDED):
            previous.status = StrategyStatus.SUPERSEDED
            previous.status_changed_on = today
            record_change(
                previous, by=by, reason=reason("strategies.status", status=StrategyStatus.SUPERSEDED)
            )
            previous.save()
    label = strategy.get_status_display()
    told = notify(
        recipients=[p for p in city_people(strategy.city_id) if p != by],
        kind=NotificationKind.STRATEGY_STATUS_CHANGED,
        obj=strategy,
        context={"status": label, "city": strategy.city.name},
        link=reverse("strategies:strategy_detail", args=[strategy.pk]),
    )
    remember(strategy, told)
    return strategy


@transaction.atomic
def strategy_publish(*, strategy: Strategy, published: bool, by: Any) -> Strategy:
    """Show the strategy (scorecard and report cards) on the city's public page, or take it off."""
    strategy = Strategy.objects.select_for_update(of=("self",)).get(pk=strategy.pk)
    if published and strategy.status == StrategyStatus.DRAFTING:
        raise ValidationError(
            {
                "published": _(
                    "A strategy in drafting cannot be published: have it validated by the city first."
                )
            }
        )
    strategy.published = published
    record_change(
        strategy, by=by, reason=reason("strategies.published" if published else "strategies.unpublished")
    )
    strategy.save()
    return strategy


# ------------------------------------------------------------------------------------------ versions, group


@transaction.atomic
def version_add(
    *,
    strategy: Strategy,
    by: Any,
    text: str = "",
    content: Mapping[str, Any] | None = None,
    note: str = "",
    file: UploadedFile | None = None,
) -> StrategyVersion:
    """A new version of the strategy's document (its text, structured content and/or its file)."""
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if len(text) > MAX_TEXT * 10:
        errors["text"] = [_("The text is too long; upload it as a document instead.")]
    if not text and file is None and not content:
        errors["text"] = [_("Write the text of the version or upload its document.")]
    name = ""
    if file is not None:
        try:
            name = validate_upload(file)
        except ValidationError as exc:
            errors["file"] = exc.messages
    if errors:
        raise ValidationError(errors)
    Strategy.objects.select_for_update(of=("self",)).get(pk=strategy.pk)
    count = strategy.versions.count()
    if count >= MAX_VERSIONS:
        raise ValidationError({"text": _("A strategy keeps at most %(n)s versions.") % {"n": MAX_VERSIONS}})
    number = (strategy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = StrategyVersion(
        strategy=strategy,
        number=number,
        text=text,
        content=dict(content or {}),
        note=_one_line(note)[:300],
        created_by=by,
    )
    _check(version, {})
    record_change(version, by=by, reason=reason("strategies.version_added"))
    version.save()
    if file is not None:
        document = StrategyDocument(version=version, name=name, size=file.size or 0, uploaded_by=by)
        document.file.save(name, file, save=False)
        record_change(document, by=by, reason=reason("strategies.version_added"))
        document.save()
    return version


@transaction.atomic
def member_add(
    *, strategy: Strategy, name: str, organisation: str = "", role: str = "", by: Any
) -> SupportGroupMember:
    member = SupportGroupMember(
        strategy=strategy, name=_one_line(name), organisation=_one_line(organisation), role=_one_line(role)
    )
    errors: dict[str, list[str]] = {}
    if not member.name:
        errors["name"] = [_("Give the member's name.")]
    _check(member, errors)
    record_change(member, by=by, reason=reason("strategies.member_added"))
    member.save()
    return member


@transaction.atomic
def member_remove(*, member: SupportGroupMember, by: Any) -> None:
    record_change(member, by=by, reason=reason("strategies.member_removed"))
    member.delete()


# -------------------------------------------------------------------------------------- results, indicators


@transaction.atomic
def result_save(
    *,
    strategy: Strategy,
    by: Any,
    title_en: str,
    title_fr: str = "",
    statement_en: str = "",
    statement_fr: str = "",
    order: int = 0,
    result: Result | None = None,
) -> Result:
    result = result or Result(strategy=strategy)
    errors: dict[str, list[str]] = {}
    result.title_en, result.title_fr = _one_line(title_en), _one_line(title_fr)
    result.title = result.title_en
    if not result.title_en:
        errors["title_en"] = [_("Name the result in English, e.g. “Everyone feels at home in our city”.")]
    result.statement_en, result.statement_fr = (statement_en or "").strip(), (statement_fr or "").strip()
    result.statement = result.statement_en
    result.order = order
    _check(result, errors, exclude=["title", "statement"])
    record_change(result, by=by, reason=reason("strategies.result_saved"))
    result.save()
    return result


@dataclass
class IndicatorData:
    name_en: str
    name_fr: str = ""
    unit: str = ""
    polarity: str = Polarity.HIGHER_IS_BETTER
    source_kind: str = SourceKind.OWN
    source_key: str = ""
    order: int = 0


def _gap_indicator_keys() -> set[str]:
    from icc.gaps.models import Indicator as GapIndicator

    return set(GapIndicator.objects.values_list("key", flat=True))


@transaction.atomic
def indicator_save(
    *, result: Result, data: IndicatorData, by: Any, indicator: Indicator | None = None
) -> Indicator:
    indicator = indicator or Indicator(result=result)
    errors: dict[str, list[str]] = {}
    indicator.name_en, indicator.name_fr = _one_line(data.name_en), _one_line(data.name_fr)
    indicator.name = indicator.name_en
    if not indicator.name_en:
        errors["name_en"] = [_("Name the indicator in English.")]
    indicator.unit = _one_line(data.unit)
    indicator.polarity = data.polarity
    indicator.source_kind = data.source_kind
    indicator.source_key = (data.source_key or "").strip()
    indicator.order = data.order
    if data.source_kind == SourceKind.INDEX_AREA and indicator.source_key not in _index_area_keys():
        errors["source_key"] = [_("Give the key of an Index area (e.g. education) to read its scores.")]
    if data.source_kind == SourceKind.GAP and indicator.source_key.split(":")[0] not in _gap_indicator_keys():
        errors["source_key"] = [_("Give the key of a gap indicator (e.g. employment_rate) to read its gaps.")]
    if data.source_kind == SourceKind.OWN:
        indicator.source_key = ""
    _check(indicator, errors, exclude=["name"])
    record_change(indicator, by=by, reason=reason("strategies.indicator_saved"))
    indicator.save()
    return indicator


@transaction.atomic
def indicator_curve_save(
    *,
    indicator: Indicator,
    by: Any,
    story: str = "",
    partners: str = "",
    what_works: str = "",
    practices: Iterable[Any] = (),
) -> Indicator:
    """The turn-the-curve fields: the story behind the curve, the partners, what works (and the published
    practices that show it)."""
    from icc.practices.models import Practice

    indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    errors: dict[str, list[str]] = {}
    for name, value in (("story", story), ("partners", partners), ("what_works", what_works)):
        if len(value or "") > MAX_TEXT:
            errors[name] = [_("Keep it under %(n)s characters.") % {"n": MAX_TEXT}]
        setattr(indicator, name, (value or "").strip())
    chosen = list(practices)
    public_ids = set(
        Practice.objects.public().filter(pk__in=[p.pk for p in chosen]).values_list("pk", flat=True)
    )
    if any(p.pk not in public_ids for p in chosen):
        errors["practices"] = [_("Link published practices only.")]
    _check(indicator, errors, exclude=["name"])
    record_change(indicator, by=by, reason=reason("strategies.curve_saved"))
    indicator.save()
    indicator.practices.set(chosen)
    return indicator


def parse_number(value: Any, field: str = "value") -> float:
    """A number as people type it ("12.5", "12,5", " 1 200 "); a clear error naming the field otherwise."""
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a number, e.g. 42 or 12.5.")})
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value or "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if not text:
            raise ValidationError({field: _("Enter the value: a number, e.g. 42 or 12.5.")})
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(
                {
                    field: _("“%(value)s” is not a number; enter digits, e.g. 42 or 12.5.")
                    % {"value": str(value)[:40]}
                }
            ) from None
    if not math.isfinite(number) or abs(number) > 1e12:
        raise ValidationError({field: _("Enter a finite number below a thousand billion.")})
    return number


@transaction.atomic
def indicator_forecast_set(
    *, indicator: Indicator, values: Mapping[str, Any], note: str, by: Any
) -> Indicator:
    """The city replaces the computed forecast by its own, period by period, and says why (the history keeps
    the reason). Empty `values` goes back to the computed forecast."""
    indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    if not values:
        indicator.forecast_override, indicator.forecast_note = {}, ""
        record_change(indicator, by=by, reason=reason("strategies.forecast_cleared"))
        indicator.save()
        return indicator
    errors: dict[str, list[str]] = {}
    parsed: dict[str, float] = {}
    for label, value in values.items():
        label = _one_line(label)
        if not label:
            errors["forecast"] = [_("Give each forecast value its period.")]
            continue
        try:
            parsed[label] = parse_number(value, "forecast")
        except ValidationError as exc:
            errors.setdefault("forecast", []).extend(exc.messages)
    if not _one_line(note):
        errors["forecast_note"] = [_("Say why the forecast is set by hand (it is kept in the history).")]
    if errors:
        raise ValidationError(errors)
    indicator.forecast_override = parsed
    indicator.forecast_note = note.strip()
    record_change(indicator, by=by, reason=reason("strategies.forecast_set", words=note))
    indicator.save()
    return indicator


# --------------------------------------------------------------------------------------------- series


def _owner_kwargs(indicator: Indicator | None, measure: PerformanceMeasure | None) -> dict[str, Any]:
    if (indicator is None) == (measure is None):
        raise ValueError("A data point belongs to an indicator or to a measure, exactly one.")
    return {"indicator": indicator} if indicator is not None else {"measure": measure}


def _period_errors(period_label: str, period_start: datetime.date | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not _one_line(period_label):
        errors["period_label"] = [_("Name the period, e.g. 2024 or 2024 Q1.")]
    if period_start is None:
        errors["period_start"] = [_("Give the day the period starts, e.g. 2024-01-01.")]
    return errors


@transaction.atomic
def point_save(
    *,
    by: Any,
    period_label: str,
    period_start: datetime.date | None,
    value: Any,
    source: str = "",
    indicator: Indicator | None = None,
    measure: PerformanceMeasure | None = None,
    point: DataPoint | None = None,
    source_kind: str = DataSource.OWN,
) -> DataPoint:
    """Add a period's figure to a series, or correct one (`point`). A second figure for a period the series
    already has is refused: correct that one instead."""
    owner = _owner_kwargs(indicator, measure)
    errors = _period_errors(period_label, period_start)
    number: float | None = None
    try:
        number = parse_number(value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if period_start is not None:
        same = DataPoint.objects.filter(**owner, period_start=period_start)
        label_same = DataPoint.objects.filter(**owner, period_label=_one_line(period_label))
        if point is not None:
            same, label_same = same.exclude(pk=point.pk), label_same.exclude(pk=point.pk)
        if same.exists() or label_same.exists():
            errors["period_start"] = [
                _(
                    "This series already has a figure for %(period)s; correct that one instead of adding "
                    "another."
                )
                % {"period": _one_line(period_label) or period_start.isoformat()}
            ]
    if errors:
        raise ValidationError(errors)
    assert number is not None and period_start is not None
    point = point or DataPoint(**owner)
    point.period_label, point.period_start, point.value = _one_line(period_label), period_start, number
    point.source = _one_line(source)[:300]
    point.source_kind = source_kind
    _check(point, {})
    record_change(point, by=by, reason=reason("strategies.point_saved"))
    point.save()
    return point


@transaction.atomic
def point_remove(*, point: DataPoint, by: Any) -> None:
    record_change(point, by=by, reason=reason("strategies.point_removed"))
    point.delete()


@transaction.atomic
def target_save(
    *,
    by: Any,
    period_label: str,
    period_start: datetime.date | None,
    value: Any,
    indicator: Indicator | None = None,
    measure: PerformanceMeasure | None = None,
) -> Target:
    """The target for one period (set again for the same period: the new value replaces the old one). A
    target without its period is refused."""
    owner = _owner_kwargs(indicator, measure)
    errors = _period_errors(period_label, period_start)
    number: float | None = None
    try:
        number = parse_number(value)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    assert number is not None and period_start is not None
    target = Target.objects.filter(**owner, period_start=period_start).first() or Target(**owner)
    target.period_label, target.period_start, target.value = _one_line(period_label), period_start, number
    _check(target, {})
    record_change(target, by=by, reason=reason("strategies.target_saved"))
    target.save()
    return target


# --------------------------------------------------------------------------------------------- refresh


@dataclass(frozen=True)
class SourceFigure:
    period_label: str
    period_start: datetime.date
    value: float
    source: str


def source_figures(indicator: Indicator, city: City) -> list[SourceFigure]:
    """The figures an indicator's source holds for the city: one per Index round (the area's score in the
    city's validated responses) or one per period of its gap (the gap score of its focal group)."""
    from icc.strategies.sources import gap_figures, index_area_figures

    if indicator.source_kind == SourceKind.INDEX_AREA:
        return [SourceFigure(*row) for row in index_area_figures(city, indicator.source_key)]
    if indicator.source_kind == SourceKind.GAP:
        return [SourceFigure(*row) for row in gap_figures(city, indicator.source_key)]
    return []


@transaction.atomic
def indicator_refresh(*, indicator: Indicator, by: Any) -> int:
    """Read the indicator's figures again from its source (Index area scores or gaps): new periods are
    added, changed values corrected; figures typed by hand are left alone. Returns how many changed."""
    if indicator.source_kind == SourceKind.OWN:
        raise ValidationError(
            {"source_kind": _("This indicator's figures are the city's own: type them in.")}
        )
    city = indicator.result.strategy.city
    kind = DataSource.INDEX if indicator.source_kind == SourceKind.INDEX_AREA else DataSource.GAPS
    existing = {p.period_start: p for p in indicator.points.all()}
    changed = 0
    for figure in source_figures(indicator, city):
        point = existing.get(figure.period_start)
        value = round(figure.value, 6)
        if point is not None and (point.source_kind == DataSource.OWN or math.isclose(point.value, value)):
            continue
        point = point or DataPoint(indicator=indicator)
        point.period_label, point.period_start = figure.period_label, figure.period_start
        point.value, point.source, point.source_kind = value, figure.source[:300], kind
        record_change(point, by=by, reason=reason("strategies.refreshed"))
        point.save()
        changed += 1
    return changed


# --------------------------------------------------------------------------------------------- performance


@transaction.atomic
def programme_save(
    *, strategy: Strategy, name: str, description: str = "", by: Any, programme: Programme | None = None
) -> Programme:
    programme = programme or Programme(strategy=strategy)
    programme.name, programme.description = _one_line(name), (description or "").strip()
    errors: dict[str, list[str]] = {}
    if not programme.name:
        errors["name"] = [_("Name the programme.")]
    _check(programme, errors)
    record_change(programme, by=by, reason=reason("strategies.programme_saved"))
    programme.save()
    return programme


@transaction.atomic
def measure_save(
    *,
    programme: Programme,
    quadrant: str,
    name: str,
    by: Any,
    unit: str = "",
    polarity: str = Polarity.HIGHER_IS_BETTER,
    measure: PerformanceMeasure | None = None,
) -> PerformanceMeasure:
    measure = measure or PerformanceMeasure(programme=programme)
    measure.quadrant, measure.name, measure.unit, measure.polarity = (
        quadrant,
        _one_line(name),
        _one_line(unit),
        polarity,
    )
    errors: dict[str, list[str]] = {}
    if not measure.name:
        errors["name"] = [_("Name the measure, e.g. “Number of people trained”.")]
    if quadrant not in Quadrant.values:
        errors["quadrant"] = [_("Choose one of the three quadrants.")]
    _check(measure, errors)
    record_change(measure, by=by, reason=reason("strategies.measure_saved"))
    measure.save()
    return measure


# --------------------------------------------------------------------------------------------- actions


@dataclass
class ActionData:
    title: str
    description: str = ""
    owner: User | None = None
    owner_name: str = ""
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None


@transaction.atomic
def action_save(*, indicator: Indicator, data: ActionData, by: Any, action: Action | None = None) -> Action:
    action = action or Action(indicator=indicator)
    errors: dict[str, list[str]] = {}
    action.title, action.description = _one_line(data.title), (data.description or "").strip()
    if not action.title:
        errors["title"] = [_("Say what the action is.")]
    action.owner, action.owner_name = data.owner, _one_line(data.owner_name)
    if data.owner is None and not action.owner_name:
        errors["owner_name"] = [_("Name who leads the action (a person or an organisation).")]
    if data.owner is not None:
        city_id = indicator.result.strategy.city_id
        if data.owner not in city_people(city_id):
            errors["owner"] = [_("Choose a person of the city's team, or type the owner's name.")]
        elif not action.owner_name:
            action.owner_name = data.owner.get_full_name() or data.owner.email
    action.starts_on, action.due_on = data.starts_on, data.due_on
    if data.starts_on and data.due_on and data.due_on < data.starts_on:
        errors["due_on"] = [_("The action cannot be due before it starts; correct one of the two days.")]
    _check(action, errors)
    record_change(action, by=by, reason=reason("strategies.action_saved"))
    action.save()
    return action


@transaction.atomic
def action_update_add(
    *,
    action: Action,
    status: str,
    on: datetime.date | None,
    note: str = "",
    by: Any,
    today: datetime.date | None = None,
) -> ActionUpdate:
    """A dated status update: the action takes its status."""
    today = today or datetime.date.today()
    errors: dict[str, list[str]] = {}
    if status not in ActionStatus.values:
        errors["status"] = [_("Choose the action's status.")]
    if on is None:
        errors["on"] = [_("Give the day of the update.")]
    elif on > today:
        errors["on"] = [_("An update cannot be dated in the future.")]
    if len(note or "") > MAX_TEXT:
        errors["note"] = [_("Keep it under %(n)s characters.") % {"n": MAX_TEXT}]
    if errors:
        raise ValidationError(errors)
    action = Action.objects.select_for_update(of=("self",)).get(pk=action.pk)
    assert on is not None
    update = ActionUpdate(action=action, status=status, on=on, note=(note or "").strip(), by=by)
    _check(update, {})
    record_change(update, by=by, reason=reason("strategies.action_updated", status=status))
    update.save()
    action.status = status
    record_change(action, by=by, reason=reason("strategies.action_updated", status=status))
    action.save()
    return action.updates.first() or update


# --------------------------------------------------------------------------------------------- reminders

REMIND_DAYS_BEFORE = 14


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each open action's owner (or, without an owner account, the city's coordinators) when it is due
    within REMIND_DAYS_BEFORE days or overdue, once per action and due date (the notification's key); tell
    the city's people once per series and period when a measure or own-figure indicator has no figure for the
    strategy's latest period (STRATEGY_DATA_MISSING). Returns how many people were told."""
    from icc.strategies.selectors import missing_data, open_actions_due

    today = today or datetime.date.today()
    told = 0
    for action in open_actions_due(today + datetime.timedelta(days=REMIND_DAYS_BEFORE)):
        strategy = action.indicator.result.strategy
        recipients = (
            [action.owner] if action.owner_id else city_people(strategy.city_id, coordinators_only=True)
        )
        due = action.due_on
        result = notify(
            recipients=[r for r in recipients if r is not None],
            kind=NotificationKind.STRATEGY_ACTION_DUE,
            obj=action,
            context={
                "due": lambda due=due: formats.date_format(due, "DATE_FORMAT"),
                "city": strategy.city.name,
            },
            link=reverse("strategies:indicator_detail", args=[strategy.pk, action.indicator_id]),
            key=f"strategy-action-{action.pk}-{due.isoformat() if due else ''}",
        )
        told += len(result.people)
    for item in missing_data():
        result = notify(
            recipients=city_people(item.city_id, coordinators_only=True),
            kind=NotificationKind.STRATEGY_DATA_MISSING,
            obj=item.series,
            context={"period": item.period_label, "city": item.city_name},
            link=reverse("strategies:strategy_detail", args=[item.strategy_id]),
            key=f"strategy-missing-{item.key}-{item.period_label}",
        )
        told += len(result.people)
    return told
