"""Writes to national networks, their member cities and their yearly action plans and reports.

The secretariat keeps the register of networks; a network's coordinators may only describe it (text and
website) and draft, submit and revise its plans. The secretariat approves or returns each plan.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.countries import country_name, is_country_code
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.core.workflow import TransitionNotAllowed
from icc.network.models import (
    PLAN_WORKFLOW,
    City,
    NationalNetwork,
    NetworkPlan,
    PlanKind,
    PlanStatus,
)
from icc.network.services.cities import city_name_key
from icc.notifications.models import NotificationKind
from icc.notifications.services import Told, notify

NETWORK_FIELDS = (
    "name_en",
    "name_fr",
    "description_en",
    "description_fr",
    "country",
    "founded",
    "website",
    "lead_city",
)
# What a network's own coordinators may change; everything else is the secretariat's register.
COORDINATOR_FIELDS = frozenset({"description_en", "description_fr", "website"})
PLAN_FIELDS = ("kind", "year", "title", "summary")
PLAN_DOCUMENT_KINDS = ("pdf", "docx", "odt", "xlsx")
EDITABLE_PLAN_STATES = frozenset({PlanStatus.DRAFT, PlanStatus.RETURNED})
# The programme started in 2008; plans are made at most a couple of years ahead.
FIRST_PLAN_YEAR = 2008
PLAN_YEARS_AHEAD = 2


def _acts_for_secretariat(by: User | None) -> bool:
    """`by=None` is the system itself (demo data, imports), which may do what the secretariat does."""
    return by is None or by.has_perm("network.manage_register")


# Networks -------------------------------------------------------------------------------------------


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "network")[:70]
    others = NationalNetwork.objects.exclude(pk=exclude_pk) if exclude_pk else NationalNetwork.objects.all()
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(slug for slug in [base, *(f"{base}-{n}" for n in range(2, 1000))] if slug not in taken)


def _validate_network(network: NationalNetwork, member_ids: set[int]) -> None:
    errors: dict[str, list[str]] = {}
    network.country = (network.country or "").strip().upper()
    if not is_country_code(network.country):
        errors.setdefault("country", []).append(
            _("“%(code)s” is not a country code. Use the two-letter ISO code, e.g. IT or ES.")
            % {"code": network.country}
        )
    network.name_en = (network.name_en or "").strip()  # type: ignore[attr-defined]
    network.name_fr = (network.name_fr or "").strip()  # type: ignore[attr-defined]
    if not network.name_en:  # type: ignore[attr-defined]
        errors.setdefault("name_en", []).append(_("Give the network's name in English."))
    keys = {city_name_key(n) for n in (network.name_en, network.name_fr) if n}  # type: ignore[attr-defined]
    for other in NationalNetwork.objects.exclude(pk=network.pk).only("pk", "name_en", "name_fr"):
        other_keys = {city_name_key(n) for n in (other.name_en, other.name_fr) if n}  # type: ignore[attr-defined]
        if keys & other_keys:
            errors.setdefault("name_en", []).append(
                _("A national network called “%(name)s” is already in the register; choose another name.")
                % {"name": other.name}
            )
            break
    this_year = datetime.date.today().year
    if network.founded is not None and not 1990 <= network.founded <= this_year:
        errors.setdefault("founded", []).append(
            _("The year founded must be between 1990 and %(year)s.") % {"year": this_year}
        )
    if network.lead_city_id is not None and network.lead_city_id not in member_ids:
        errors.setdefault("lead_city", []).append(
            _("%(city)s is not a member city of this network; add it to the members first.")
            % {"city": network.lead_city}
        )
    try:
        network.full_clean(exclude=["slug", "lead_city", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def network_create(
    *,
    by: User | None,
    name_en: str,
    country: str,
    name_fr: str = "",
    description_en: str = "",
    description_fr: str = "",
    founded: int | None = None,
    website: str = "",
    slug: str = "",
) -> NationalNetwork:
    if not _acts_for_secretariat(by):
        raise PermissionDenied(_("Only the secretariat adds national networks."))
    network = NationalNetwork(
        name_en=name_en,
        name_fr=name_fr,
        description_en=description_en,
        description_fr=description_fr,
        country=country,
        founded=founded,
        website=website or "",
    )
    _validate_network(network, member_ids=set())
    slug = slugify(slug)
    if slug and NationalNetwork.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("The short name “%(slug)s” is taken; choose another.") % {"slug": slug}}
        )
    network.slug = slug or _unique_slug(network.name_en)  # type: ignore[attr-defined]
    record_change(network, by=by, reason=reason("created"))
    network.save()
    return network


def _member_errors(network: NationalNetwork, cities: Iterable[City]) -> list[str]:
    errors = []
    for city in cities:
        if city.country != network.country:
            errors.append(
                _(
                    "%(city)s is in %(city_country)s; a national network of %(country)s takes only cities "
                    "of %(country)s."
                )
                % {
                    "city": city,
                    "city_country": country_name(city.country),
                    "country": country_name(network.country),
                }
            )
        elif city.national_network_id not in (None, network.pk):
            errors.append(
                _("%(city)s already belongs to %(other)s; remove it there first.")
                % {"city": city, "other": city.national_network}
            )
    return errors


def _apply_members(network: NationalNetwork, cities: list[City], by: User | None) -> None:
    wanted = {city.pk for city in cities}
    current = set(network.cities.values_list("pk", flat=True))
    for city in City.objects.select_for_update().filter(pk__in=wanted ^ current).order_by("pk"):
        joining = city.pk in wanted
        city.national_network = network if joining else None
        code = "network.city_joined" if joining else "network.city_left"
        record_change(city, by=by, reason=reason(code))
        city.save()


@transaction.atomic
def network_update(
    *, network: NationalNetwork, by: User | None, cities: Iterable[City] | None = None, **fields: Any
) -> NationalNetwork:
    """Change a network's facts; `cities`, when given, becomes its list of member cities."""
    unknown = set(fields) - set(NETWORK_FIELDS)
    if unknown:
        raise TypeError(f"network_update() got unknown fields {sorted(unknown)}")
    if by is not None and not by.has_perm("network.change_network", network):
        raise PermissionDenied(_("Only the secretariat and the network's coordinators change a network."))
    if not _acts_for_secretariat(by):
        reserved = sorted(set(fields) - COORDINATOR_FIELDS) + (["cities"] if cities is not None else [])
        if reserved:
            raise PermissionDenied(
                _("Only the secretariat changes these fields: %(fields)s.") % {"fields": ", ".join(reserved)}
            )
    network = NationalNetwork.objects.select_for_update().get(pk=network.pk)
    for name, value in fields.items():
        setattr(network, name, "" if value is None and name in ("website",) else value)
    if "country" in fields:
        network.country = (network.country or "").strip().upper()
    members = list(cities) if cities is not None else list(network.cities.all())
    member_errors = _member_errors(network, members)
    if member_errors:
        field = "cities" if cities is not None else "country"
        raise ValidationError({field: member_errors})
    _validate_network(network, member_ids={city.pk for city in members})
    record_change(network, by=by)
    network.save()
    if cities is not None:
        _apply_members(network, members, by)
    return network


@transaction.atomic
def network_set_members(*, network: NationalNetwork, by: User | None, cities: Iterable[City]) -> None:
    """Make `cities` the member cities of `network`: all of its country, none taken from another network."""
    if not _acts_for_secretariat(by):
        raise PermissionDenied(_("Only the secretariat changes the member cities of a network."))
    network = (
        NationalNetwork.objects.select_for_update(of=("self",)).select_related("lead_city").get(pk=network.pk)
    )
    members = list(cities)
    errors = _member_errors(network, members)
    if network.lead_city_id is not None and network.lead_city_id not in {city.pk for city in members}:
        errors.append(
            _("%(city)s is the lead city of this network; choose another lead city before removing it.")
            % {"city": network.lead_city}
        )
    if errors:
        raise ValidationError({"cities": errors})
    _apply_members(network, members, by)


def network_add_city(*, network: NationalNetwork, by: User | None, city: City) -> None:
    network_set_members(network=network, by=by, cities=[*network.cities.all(), city])


def network_remove_city(*, network: NationalNetwork, by: User | None, city: City) -> None:
    network_set_members(network=network, by=by, cities=network.cities.exclude(pk=city.pk))


# Action plans and reports ---------------------------------------------------------------------------


def plan_not_editable_reason(plan: NetworkPlan) -> str:
    """Why `plan` cannot be changed now, or "" when it can."""
    if plan.status == PlanStatus.SUBMITTED:
        return _(
            "This plan is waiting for the secretariat's decision; it can be changed again only if it is "
            "returned with comments."
        )
    if plan.status == PlanStatus.APPROVED:
        return _("This plan was approved by the secretariat; an approved plan can no longer be changed.")
    return ""


def _check_plan_editor(network: NationalNetwork, by: User | None) -> None:
    if by is not None and not by.has_perm("network.edit_network_plans", network):
        raise PermissionDenied(_("Only the network's coordinators and the secretariat write its plans."))


def _attach_document(plan: NetworkPlan, document: Any, errors: dict[str, list[str]]) -> None:
    try:
        document.name = validate_upload(document, allowed=PLAN_DOCUMENT_KINDS)
    except ValidationError as exc:
        errors.setdefault("document", []).extend(exc.messages)
    else:
        plan.document = document


def _validate_plan(plan: NetworkPlan, errors: dict[str, list[str]]) -> None:
    if plan.kind not in PlanKind.values:
        errors.setdefault("kind", []).append(_("Choose an action plan or an annual report."))
    last_year = datetime.date.today().year + PLAN_YEARS_AHEAD
    if not isinstance(plan.year, int) or not FIRST_PLAN_YEAR <= plan.year <= last_year:
        errors.setdefault("year", []).append(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_PLAN_YEAR, "last": last_year}
        )
    plan.title = (plan.title or "").strip()
    if not plan.title:
        errors.setdefault("title", []).append(_("Give the plan a title."))
    if not errors.get("kind") and not errors.get("year"):
        existing = (
            NetworkPlan.objects.filter(network=plan.network, kind=plan.kind, year=plan.year)
            .exclude(pk=plan.pk)
            .first()
        )
        if existing is not None:
            errors.setdefault("year", []).append(
                _(
                    "%(kind)s %(year)s already exists (“%(title)s”); open and edit it instead of "
                    "starting another."
                )
                % {"kind": existing.get_kind_display(), "year": plan.year, "title": existing.title}
            )
    try:
        plan.full_clean(exclude=["network", "document", "decided_by", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_create(
    *,
    network: NationalNetwork,
    by: User | None,
    kind: str,
    year: int,
    title: str,
    summary: str = "",
    document: Any = None,
) -> NetworkPlan:
    """Start a network's action plan or report for a year, as a draft; one of each kind per year."""
    _check_plan_editor(network, by)
    plan = NetworkPlan(network=network, kind=kind, year=year, title=title, summary=(summary or "").strip())
    errors: dict[str, list[str]] = {}
    if document:
        _attach_document(plan, document, errors)
    _validate_plan(plan, errors)
    record_change(plan, by=by, reason=reason("created"))
    plan.save()
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: NetworkPlan,
    by: User | None,
    document: Any = None,
    remove_document: bool = False,
    **fields: Any,
) -> NetworkPlan:
    """Revise a draft or a returned plan. A new `document` replaces the old one (kept in the history)."""
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update() got unknown fields {sorted(unknown)}")
    _check_plan_editor(plan.network, by)
    plan = NetworkPlan.objects.select_for_update().select_related("network").get(pk=plan.pk)
    not_editable = plan_not_editable_reason(plan)
    if not_editable:
        raise ValidationError(not_editable)
    for name, value in fields.items():
        setattr(plan, name, value.strip() if name == "summary" and value else value)
    if plan.summary is None:
        plan.summary = ""
    errors: dict[str, list[str]] = {}
    if document:
        _attach_document(plan, document, errors)
    elif remove_document:
        plan.document = None
    _validate_plan(plan, errors)
    record_change(plan, by=by)
    plan.save()
    return plan


@transaction.atomic
def plan_submit(*, plan: NetworkPlan, by: User | None) -> NetworkPlan:
    """Send a draft or returned plan to the secretariat for its decision; the secretariat is e-mailed."""
    _check_plan_editor(plan.network, by)
    plan = NetworkPlan.objects.select_for_update().select_related("network").get(pk=plan.pk)
    PLAN_WORKFLOW.check(plan.status, PlanStatus.SUBMITTED)
    if not plan.summary.strip() and not plan.document:
        raise ValidationError(
            {"summary": _("Write a summary or attach the document before submitting the plan.")}
        )
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    record_change(plan, by=by, reason=reason("network.plan_submitted"))
    plan.save()
    _notify_plan(plan, _secretariat_users(), NotificationKind.PLAN_SUBMITTED)
    return plan


@transaction.atomic
def plan_decide(*, plan: NetworkPlan, by: User | None, decision: str, comments: str = "") -> NetworkPlan:
    """Approve a submitted plan, or return it with the comments the network must act on."""
    if by is not None and not by.has_perm("network.decide_network_plans", plan.network):
        raise PermissionDenied(_("Only the secretariat approves or returns plans."))
    if decision not in (PlanStatus.APPROVED, PlanStatus.RETURNED):
        raise ValidationError({"decision": _("Choose whether to approve the plan or return it.")})
    plan = NetworkPlan.objects.select_for_update().select_related("network").get(pk=plan.pk)
    if plan.status == PlanStatus.APPROVED:
        raise TransitionNotAllowed(_("This plan is already approved; the decision is final."))
    PLAN_WORKFLOW.check(plan.status, decision)
    comments = (comments or "").strip()
    if decision == PlanStatus.RETURNED and not comments:
        raise ValidationError(
            {"comments": _("Say what the network should change: comments are required to return a plan.")}
        )
    plan.status = decision
    plan.decided_at = timezone.now()
    plan.decided_by = by
    plan.secretariat_comments = comments
    code = "network.plan_approved" if decision == PlanStatus.APPROVED else "network.plan_returned"
    record_change(plan, by=by, reason=reason(code))
    plan.save()
    approved = decision == PlanStatus.APPROVED
    kind = NotificationKind.PLAN_APPROVED if approved else NotificationKind.PLAN_RETURNED
    _notify_plan(plan, _network_coordinators(plan.network), kind)
    return plan


# E-mails --------------------------------------------------------------------------------------------


def _secretariat_users() -> list[User]:
    return list(
        User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).exclude(email="").distinct()
    )


def _network_coordinators(network: NationalNetwork) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, roles__kind=RoleKind.NETWORK_COORDINATOR, roles__national_network=network
        )
        .exclude(email="")
        .distinct()
    )


def _notify_plan(plan: NetworkPlan, recipients: list[User], kind: str) -> Told:
    """Tell the people the plan now needs (in their language, as each chose): see icc.notifications."""
    link = reverse("network:plan_detail", args=[plan.network.slug, plan.pk])
    context = {
        "plan": plan,
        "network_name": plan.network.name,
        "kind": lambda: plan.get_kind_display().lower(),
    }
    return notify(recipients=recipients, kind=kind, obj=plan, context=context, link=link)
