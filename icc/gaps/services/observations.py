"""A city's groups and figures, entered by hand: each write checks every field, writes in one transaction
with its history, and recomputes the city's stored gaps in the same transaction."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icc.core.history import reason, record_change
from icc.core.public_version import public_content_changed
from icc.gaps.models import PERIOD_RE, CityGaps, GapGroup, Indicator, MissingReason, Observation, Role
from icc.gaps.problems import platform_message
from icc.gaps.services.compute import city_gaps_recompute
from icc.network.models import City

GROUP_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
# The group every city may name for people whose origin is not known: kept apart, never merged.
UNKNOWN_GROUP = "unknown"


def period_problems(period: str) -> list[str]:
    """The codes of what is wrong with a period's text (a year, or two years joined by a dash), if anything:
    "period_format" or "period_order" (icc.gaps.problems.PLATFORM_MESSAGES)."""
    match = PERIOD_RE.fullmatch(period or "")
    if match is None:
        return ["period_format"]
    if match["end"] and int(match["end"]) <= int(match["start"]):
        return ["period_order"]
    return []


def period_errors(period: str) -> list[str]:
    """What is wrong with a period's text, in the active language."""
    return [platform_message(code, {}) for code in period_problems(period)]


def group_create(*, city: City, by: Any, key: str, name: str, description: str = "") -> GapGroup:
    """Name a group of the city. The key is what data files use (lower case, digits, underscores)."""
    key = (key or "").strip()
    errors: dict[str, list[str]] = {}
    if not GROUP_KEY_RE.fullmatch(key):
        errors["key"] = [
            _("Use lower-case letters, digits and underscores, starting with a letter, e.g. foreign_born.")
        ]
    elif GapGroup.objects.filter(city=city, key=key).exists():
        errors["key"] = [
            _("The city already has a group “%(key)s”. Choose another identifier.") % {"key": key}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        group = GapGroup(city=city, key=key, name=(name or "").strip() or key, description=description)
        group.full_clean()
        record_change(group, by=by, reason=reason("gaps.entered"))
        group.save()
    return group


def group_update(*, group: GapGroup, by: Any, name: str, description: str = "") -> GapGroup:
    """Rename a group or describe it (its key, which files use, stays)."""
    with transaction.atomic():
        group.name = (name or "").strip()
        group.description = description
        group.full_clean()
        record_change(group, by=by, reason=reason("gaps.entered"))
        group.save()
        if CityGaps.objects.filter(city_id=group.city_id, published=True).exists():
            public_content_changed()  # the public page names the groups
    return group


def groups_for_keys(*, city: City, by: Any, keys: dict[str, str], why: str) -> dict[str, GapGroup]:
    """The city's groups of these keys, creating the missing ones (name: the given name, else the key)."""
    groups = {group.key: group for group in GapGroup.objects.filter(city=city, key__in=keys)}
    for key, name in keys.items():
        if key not in groups:
            group = GapGroup(city=city, key=key, name=name or key.replace("_", " ").capitalize())
            group.full_clean()
            record_change(group, by=by, reason=why)
            group.save()
            groups[key] = group
    return groups


@dataclass(frozen=True)
class GroupFigures:
    """One group's figure as entered: counts, or the reason there are none."""

    group: GapGroup
    numerator: int | None = None
    denominator: int | None = None
    missing_reason: str = ""


def _figure_errors(prefix: str, figures: GroupFigures) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    has_counts = figures.numerator is not None or figures.denominator is not None
    if figures.missing_reason:
        if figures.missing_reason not in MissingReason.values:
            errors[f"{prefix}_missing"] = [_("Choose why the figure is missing from the list.")]
        if has_counts:
            errors[f"{prefix}_missing"] = [
                _("Give either the counts or why they are missing, not both: clear the counts or the reason.")
            ]
        return errors
    if figures.denominator is None:
        errors[f"{prefix}_denominator"] = [
            _("Give the number of people in the group, or say why the figure is missing.")
        ]
    elif figures.denominator <= 0:
        errors[f"{prefix}_denominator"] = [_("The group must count at least one person.")]
    if figures.numerator is None:
        errors[f"{prefix}_numerator"] = [
            _("Give the number of people with the outcome, or say why the figure is missing.")
        ]
    elif figures.numerator < 0:
        errors[f"{prefix}_numerator"] = [_("A count cannot be negative.")]
    elif figures.denominator is not None and figures.numerator > figures.denominator:
        errors[f"{prefix}_numerator"] = [
            _(
                "%(numerator)s people with the outcome is more than the %(denominator)s people in the group. "
                "Check both counts."
            )
            % {"numerator": figures.numerator, "denominator": figures.denominator}
        ]
    return errors


def observations_enter(
    *,
    city: City,
    by: Any,
    indicator: Indicator,
    period: str,
    reference: GroupFigures,
    focal: GroupFigures,
    source_note: str = "",
) -> list[Observation]:
    """Record both groups' figures for an indicator and period (replacing what the two groups had there)
    and recompute the city's gaps. Every problem is raised at once, keyed by the form's field."""
    period = (period or "").strip()
    errors: dict[str, list[str]] = {}
    if not indicator.is_active:
        errors["indicator"] = [_("This indicator is no longer in use. Choose another.")]
    if problems := period_errors(period):
        errors["period"] = problems
    for prefix, figures in (("reference", reference), ("focal", focal)):
        if figures.group.city_id != city.pk:
            errors[f"{prefix}_group"] = [_("Choose one of the city's groups.")]
        errors.update(_figure_errors(prefix, figures))
    if reference.group.pk == focal.group.pk:
        errors["focal_group"] = [_("The focal group must differ from the reference group.")]
    with transaction.atomic():
        existing = {
            o.group_id: o
            for o in Observation.objects.select_for_update().filter(
                city=city, indicator=indicator, period=period
            )
        }
        other_reference = next(
            (o for o in existing.values() if o.role == Role.REFERENCE and o.group_id != reference.group.pk),
            None,
        )
        if other_reference is not None and "reference_group" not in errors:
            errors["reference_group"] = [
                _(
                    "“%(group)s” is already the reference group for this indicator and period. Choose it, or "
                    "delete its figures first."
                )
                % {"group": other_reference.group}
            ]
        was_reference = existing.get(focal.group.pk)
        if was_reference is not None and was_reference.role == Role.REFERENCE and "focal_group" not in errors:
            errors["focal_group"] = [
                _("“%(group)s” is the reference group for this indicator and period. Choose another group.")
                % {"group": focal.group}
            ]
        if errors:
            raise ValidationError(errors)
        saved = []
        for role, figures in ((Role.REFERENCE, reference), (Role.FOCAL, focal)):
            observation = existing.get(figures.group.pk) or Observation(
                city=city, indicator=indicator, period=period, group=figures.group
            )
            observation.role = role
            observation.numerator = None if figures.missing_reason else figures.numerator
            observation.denominator = None if figures.missing_reason else figures.denominator
            observation.missing_reason = figures.missing_reason
            observation.source_note = source_note.strip()
            observation.full_clean()
            record_change(observation, by=by, reason=reason("gaps.entered"))
            observation.save()
            saved.append(observation)
        city_gaps_recompute(city=city)
    return saved


def observation_delete(*, observation: Observation, by: Any) -> None:
    """Delete one group's figure for an indicator and period, and recompute the city's gaps. The focal
    groups of a deleted reference keep their figures; their gaps are gone until a reference is entered."""
    city = observation.city
    with transaction.atomic():
        record_change(observation, by=by, reason=reason("gaps.deleted"))
        observation.delete()
        city_gaps_recompute(city=city)
