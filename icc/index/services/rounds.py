"""Writes to Index rounds: the secretariat opens a round, invites cities, extends deadlines, reminds.

Only members and candidates answer the Index (a candidate's submission is a step of its accession).
Invitations and reminders go through `notify`: a notice, and an e-mail in the language the person chose.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from icc.accounts.models import Role, RoleKind, User
from icc.core.history import reason, record_change
from icc.index.models import (
    EDITABLE_STATUSES,
    ROUND_WORKFLOW,
    Questionnaire,
    Response,
    Round,
    RoundStatus,
    SectionAssignment,
)
from icc.index.selectors.rounds import progress_of
from icc.index.structure import structure_of
from icc.network.models import City, CityStatus
from icc.notifications.models import NotificationKind
from icc.notifications.services import Told, notify

INVITABLE_STATUSES = frozenset({CityStatus.MEMBER, CityStatus.CANDIDATE})
# The history reason code of each status change ROUND_WORKFLOW allows (icc/index/reasons.py).
STATUS_REASONS: dict[tuple[str, str], str] = {
    (RoundStatus.DRAFT, RoundStatus.OPEN): "index.round_opened",
    (RoundStatus.OPEN, RoundStatus.CLOSED): "index.round_closed",
    (RoundStatus.CLOSED, RoundStatus.OPEN): "index.round_reopened",
}


@dataclass
class InviteResult:
    invited: int = 0
    skipped: int = 0  # already invited to this round
    emailed: int = 0  # coordinators told of the invitation (by a notice and an e-mail, as they chose)
    without_coordinator: list[City] = field(default_factory=list)
    told: Told = field(default_factory=Told)


def _check_manager(by: User | None) -> None:
    """`by=None` is the system itself (demo data, imports), which may do what the secretariat does."""
    if by is not None and not by.has_perm("index.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat manages Index rounds."))


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _locked(round: Round) -> Round:
    return Round.objects.select_for_update().select_related("questionnaire").get(pk=round.pk)


# Rounds ---------------------------------------------------------------------------------------------


def _validate_round(
    name: str, opens_on: datetime.date | None, deadline: datetime.date | None, exclude_pk: int | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the round a name, e.g. “Intercultural Cities Index 2027”.")]
    elif len(name) > 200:
        errors["name"] = [_("The name is too long: at most 200 characters.")]
    elif Round.objects.filter(name_en__iexact=name).exclude(pk=exclude_pk or 0).exists():
        errors["name"] = [
            _("A round called “%(name)s” already exists; choose another name.") % {"name": name}
        ]
    if opens_on is None:
        errors["opens_on"] = [_("Give the date the round opens.")]
    if deadline is None:
        errors["deadline"] = [_("Give the deadline for the cities' answers.")]
    elif opens_on is not None and deadline <= opens_on:
        errors["deadline"] = [
            _("The deadline must be after the opening date (%(opens_on)s); choose a later date.")
            % {"opens_on": _date(opens_on)}
        ]
    return errors


def _validate_french_name(name_fr: str) -> dict[str, list[str]]:
    if len(name_fr) > 200:
        return {"name_fr": [_("The French name is too long: at most 200 characters.")]}
    return {}


@transaction.atomic
def round_create(
    *,
    name: str,
    name_fr: str = "",
    questionnaire: Questionnaire | None,
    opens_on: datetime.date | None,
    deadline: datetime.date | None,
    by: User | None,
) -> Round:
    """A new round, in draft until the secretariat opens it."""
    _check_manager(by)
    name = (name or "").strip()
    name_fr = (name_fr or "").strip() or name  # the same in French unless given
    errors = _validate_round(name, opens_on, deadline, exclude_pk=None)
    errors.update(_validate_french_name(name_fr))
    if questionnaire is None:
        errors["questionnaire"] = [_("Choose the questionnaire version the cities will answer.")]
    if errors:
        raise ValidationError(errors)
    assert opens_on is not None and deadline is not None and questionnaire is not None
    round = Round(
        name_en=name,
        name_fr=name_fr,
        questionnaire=questionnaire,
        opens_on=opens_on,
        deadline=deadline,
        status=RoundStatus.DRAFT,
        created_by=by,
    )
    record_change(round, by=by, reason=reason("created"))
    round.save()
    return round


@transaction.atomic
def round_update(
    *,
    round: Round,
    by: User | None,
    name: str | None = None,
    name_fr: str | None = None,
    deadline: datetime.date | None = None,
) -> Round:
    """Rename a round and, when `deadline` differs, move its deadline.

    A draft round (no city invited yet) may take any deadline after its opening; once cities are
    invited the deadline only moves later, for everyone (see `round_extend_deadline`)."""
    _check_manager(by)
    round = _locked(round)
    new_name = round.name_en if name is None else name.strip()
    if name_fr is None:  # unchanged: a French name that was the English one follows it
        new_name_fr = new_name if not round.name_fr or round.name_fr == round.name_en else round.name_fr
    else:
        new_name_fr = name_fr.strip() or new_name
    errors = _validate_round(new_name, round.opens_on, deadline or round.deadline, exclude_pk=round.pk)
    errors.update(_validate_french_name(new_name_fr))
    if errors:
        raise ValidationError(errors)
    renamed = (new_name, new_name_fr) != (round.name_en, round.name_fr or round.name_en)
    round.name_en, round.name_fr = new_name, new_name_fr
    moved = ""  # how the deadline moved: "set" (a draft's) or "extended"
    if deadline is not None and deadline != round.deadline:
        if round.status == RoundStatus.DRAFT and not round.responses.exists():
            round.deadline = deadline
            moved = "set"
        else:
            _extend_round(round, deadline, by)
            moved = "extended"
    if moved:
        code = f"index.round_renamed_deadline_{moved}" if renamed else f"index.deadline_{moved}"
        record_change(round, by=by, reason=reason(code, deadline=round.deadline.isoformat()))
    elif renamed:
        record_change(round, by=by, reason=reason("index.round_renamed"))
    if renamed or moved:
        round.save()
    return round


def round_opens_early(round: Round, status: str, today: datetime.date | None = None) -> bool:
    """Whether moving the round to `status` would open it before its opening date."""
    return status == RoundStatus.OPEN and (today or timezone.localdate()) < round.opens_on


@transaction.atomic
def round_change_status(*, round: Round, status: str, by: User | None, confirm_early: bool = False) -> Round:
    """Open, close or reopen a round, as ROUND_WORKFLOW allows.

    Opening before the opening date needs `confirm_early`: the opening date then becomes today, and the
    history keeps the date it replaced (cities and the public pages read the opening date)."""
    _check_manager(by)
    round = _locked(round)
    ROUND_WORKFLOW.check(round.status, status)
    stored = reason(STATUS_REASONS.get((round.status, status), "changed"))
    today = timezone.localdate()
    if round_opens_early(round, status, today):
        if not confirm_early:
            raise ValidationError(
                {
                    "confirm_early": _(
                        "%(round)s opens on %(opens_on)s. To open it today, confirm that its opening date "
                        "becomes today, %(today)s."
                    )
                    % {"round": round.name, "opens_on": _date(round.opens_on), "today": _date(today)}
                },
                code="early",
            )
        stored = reason("index.round_opened_early", was=round.opens_on.isoformat(), now=today.isoformat())
        round.opens_on = today
    round.status = status
    record_change(round, by=by, reason=stored)
    round.save()
    return round


# Invitations ----------------------------------------------------------------------------------------


@transaction.atomic
def round_invite(*, round: Round, cities: Iterable[City], by: User | None) -> InviteResult:
    """One response per city, due at the round's deadline; its coordinators are e-mailed the link.

    All or nothing: a city that is not a member or a candidate refuses the whole invitation."""
    _check_manager(by)
    round = _locked(round)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(
            _("Cities are invited to an open round only; this round is %(status)s. Open it first.")
            % {"status": round.get_status_display().lower()}
        )
    chosen = sorted({city.pk: city for city in cities}.values(), key=lambda c: c.name)
    if not chosen:
        raise ValidationError({"cities": _("Choose at least one city to invite.")})
    refused = [
        _("%(city)s has the status “%(status)s”; only members and candidates answer the Index.")
        % {"city": city.name, "status": city.get_status_display()}
        for city in chosen
        if city.status not in INVITABLE_STATUSES
    ]
    if refused:
        raise ValidationError({"cities": refused})
    already = set(round.responses.values_list("city_id", flat=True))
    result = InviteResult(skipped=sum(1 for city in chosen if city.pk in already))
    coordinators = _coordinators_by_city([city.pk for city in chosen if city.pk not in already])
    for city in chosen:
        if city.pk in already:
            continue
        response = Response(round=round, city=city, deadline=round.deadline)
        record_change(response, by=by, reason=reason("index.response_invited"))
        response.save()
        result.invited += 1
        told = _notify_invited(response, coordinators.get(city.pk, []))
        result.emailed += len(told.people)
        result.told.people.extend(p for p in told.people if p not in result.told.people)
        result.told.off.extend(p for p in told.off if p not in result.told.off)
    result.without_coordinator = [c for c in chosen if c.pk not in already and not coordinators.get(c.pk)]
    return result


def _coordinators_by_city(city_ids: Iterable[int]) -> dict[int, list[User]]:
    people: dict[int, list[User]] = defaultdict(list)
    roles = (
        Role.objects.filter(kind=RoleKind.CITY_COORDINATOR, city_id__in=list(city_ids), user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__full_name")
    )
    for role in roles:
        assert role.city_id is not None
        people[role.city_id].append(role.user)
    return people


def _notify_invited(response: Response, people: list[User]) -> Told:
    """Tell the city's coordinators that it is invited; dates are written in each person's language."""
    return notify(
        recipients=people,
        kind=NotificationKind.ROUND_INVITED,
        obj=response,
        context={
            "response": response,
            "city": response.city.name,
            "round": lambda: response.round.name,  # in the recipient's language
            "city_name": response.city.name,
            "round_name": lambda: response.round.name,
            "questionnaire": lambda: str(response.round.questionnaire),
            "deadline": lambda: _date(response.deadline),
        },
        link=reverse("index:response_detail", args=[response.pk]),
    )


# Deadlines ------------------------------------------------------------------------------------------


def _extend_round(round: Round, deadline: datetime.date, by: User | None) -> None:
    """Move the round's deadline later, and with it every response still being answered that would
    otherwise be due earlier (a response given a later deadline of its own keeps it)."""
    if deadline <= round.deadline:
        raise ValidationError(
            {
                "deadline": _(
                    "An extension must be later than the current deadline (%(current)s); choose a later date."
                )
                % {"current": _date(round.deadline)}
            }
        )
    round.deadline = deadline
    extended = reason("index.deadline_extended", deadline=deadline.isoformat())
    record_change(round, by=by, reason=extended)
    moved = list(round.responses.filter(status__in=list(EDITABLE_STATUSES), deadline__lt=deadline))
    for response in moved:
        response.deadline = deadline
    if moved:
        bulk_update_with_history(
            moved,
            Response,
            ["deadline"],
            default_user=by,
            default_change_reason=extended,
        )


@transaction.atomic
def round_extend_deadline(
    *,
    round: Round,
    deadline: datetime.date | None,
    by: User | None,
    responses: Iterable[Response] | None = None,
) -> Round:
    """Extend the deadline of the whole round, or only of the chosen responses."""
    _check_manager(by)
    round = _locked(round)
    if deadline is None:
        raise ValidationError({"deadline": _("Give the new deadline.")})
    if responses is None:
        _extend_round(round, deadline, by)
        round.save()
        return round
    chosen_ids = {response.pk for response in responses}
    if not chosen_ids:
        raise ValidationError({"responses": _("Choose the cities whose deadline is extended.")})
    chosen = list(
        Response.objects.select_for_update()
        .filter(pk__in=chosen_ids)
        .select_related("city")
        .order_by("city__name")
    )
    errors = []
    if len(chosen) != len(chosen_ids) or any(r.round_id != round.pk for r in chosen):
        errors.append(_("Some of the chosen responses are not part of this round; choose again."))
    for response in chosen:
        if response.status not in EDITABLE_STATUSES:
            errors.append(
                _("%(city)s's response is %(status)s; there is nothing left to extend.")
                % {"city": response.city.name, "status": response.get_status_display().lower()}
            )
        elif deadline <= response.deadline:
            errors.append(
                _("%(city)s is already due on %(current)s; an extension must be later than that.")
                % {"city": response.city.name, "current": _date(response.deadline)}
            )
    if errors:
        raise ValidationError({"deadline": errors})
    for response in chosen:
        response.deadline = deadline
        record_change(
            response, by=by, reason=reason("index.deadline_extended", deadline=deadline.isoformat())
        )
        response.save(update_fields=["deadline", "updated"])
    return round


# Reminders ------------------------------------------------------------------------------------------


@dataclass
class _Reminder:
    person: User
    response: Response
    answered: int
    total: int
    areas: list[str]  # the sections assigned to a contributor; empty for a coordinator (every section)


@transaction.atomic
def round_send_reminders(*, round: Round, by: User | None) -> Told:
    """Remind the coordinators, and the contributors with assigned sections, of every response that is
    still being answered; returns who was told (a person who turned reminders off is not)."""
    _check_manager(by)
    round = _locked(round)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(
            _("Reminders are sent for an open round only; this round is %(status)s.")
            % {"status": round.get_status_display().lower()}
        )
    reminders = _reminders(round)
    structure = structure_of(round.questionnaire)
    areas = {area.id: area for area in structure.areas}
    told = Told()
    for reminder in reminders:
        response = reminder.response
        answer = notify(
            recipients=[reminder.person],
            kind=NotificationKind.ROUND_REMINDER,
            obj=response,
            context={
                "city": response.city.name,
                "round": lambda: round.name,  # in the recipient's language
                "city_name": response.city.name,
                "round_name": lambda: round.name,
                "answered": reminder.answered,
                "total": reminder.total,
                "deadline": partial(_date, response.deadline),
                "sections": partial(_section_titles, areas, reminder.areas),
            },
            link=reverse("index:response_detail", args=[response.pk]),
        )
        told.people.extend(p for p in answer.people if p not in told.people)
        told.off.extend(p for p in answer.off if p not in told.off)
    return told


def _section_titles(areas: dict[str, Any], chosen: list[str]) -> list[str]:
    return [areas[a].title() if a in areas else a for a in chosen]


def round_reminders_preview(*, round: Round) -> list[tuple[str, list[str]]]:
    """Who `round_send_reminders` would remind now, by city: (city, [person, ...]); for the confirmation
    page, which says what the click will do before it is done. Sends nothing."""
    by_city: dict[str, list[str]] = {}
    for reminder in _reminders(round):
        people = by_city.setdefault(reminder.response.city.name, [])
        name = reminder.person.full_name or reminder.person.email
        if name not in people:
            people.append(name)
    return list(by_city.items())


def _reminders(round: Round) -> list[_Reminder]:
    responses = list(
        round.responses.filter(status__in=list(EDITABLE_STATUSES))
        .select_related("city")
        .order_by("city__name")
    )
    progress = progress_of(round.questionnaire, [r.pk for r in responses])
    coordinators = _coordinators_by_city(r.city_id for r in responses)
    # Contributors who still hold a role for the city; a person who left keeps no reminder.
    assignments = (
        SectionAssignment.objects.filter(
            response__in=responses, user__is_active=True, user__roles__city=F("response__city")
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
        .distinct()
    )
    assigned: dict[int, dict[int, tuple[User, list[str]]]] = defaultdict(dict)
    for assignment in assignments:
        person, areas = assigned[assignment.response_id].setdefault(assignment.user_id, (assignment.user, []))
        if assignment.area not in areas:
            areas.append(assignment.area)
    reminders = []
    for response in responses:
        done, total = progress[response.pk]
        coordinator_ids = set()
        for person in coordinators.get(response.city_id, []):
            coordinator_ids.add(person.pk)
            reminders.append(_Reminder(person, response, done, total, []))
        for user_id, (person, areas) in assigned[response.pk].items():
            if user_id not in coordinator_ids:
                reminders.append(_Reminder(person, response, done, total, areas))
    return reminders
