"""Writes along the accession path: recording a city's next step (with its documents) and undoing a mistake.

Membership is granted here and nowhere else: recording the step "member" makes a candidate a member.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.accounts.models import User
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.core.uploads import DOCUMENT_KINDS, validate_upload
from icc.core.workflow import TransitionNotAllowed
from icc.network.models import (
    ACCESSION_ORDER,
    ACCESSION_WORKFLOW,
    CITY_STATUS_WORKFLOW,
    NOT_STARTED,
    AccessionDocument,
    AccessionStep,
    AccessionStepKind,
    City,
    CityStatus,
)
from icc.network.selectors.access import network_settings
from icc.network.selectors.pipeline import (
    accession_blocked_reason,
    admissions_in_quarter,
    quarter_label,
    state_from_steps,
    step_label,
)
from icc.network.services.cities import city_eligibility

MAX_DOCUMENTS_PER_STEP = 10
TITLE_MAX_LENGTH = AccessionDocument._meta.get_field("title").max_length or 200


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _check_order(city: City, step: str, recorded: dict[str, AccessionStep]) -> str:
    """The state the city stands in; raises when `step` may not be recorded next."""
    if step not in ACCESSION_ORDER:
        raise ValidationError({"step": _("“%(step)s” is not an accession step.") % {"step": step}})
    if step in recorded:
        raise TransitionNotAllowed(
            {
                "step": _(
                    "“%(step)s” was already recorded on %(date)s. To correct it, undo the last step first."
                )
                % {"step": step_label(step), "date": _day(recorded[step].date)}
            }
        )
    state = state_from_steps(set(recorded))
    if not ACCESSION_WORKFLOW.can(state, step):
        expected = (
            ACCESSION_ORDER[ACCESSION_ORDER.index(state) + 1] if state != NOT_STARTED else ACCESSION_ORDER[0]
        )
        raise TransitionNotAllowed(
            {
                "step": _("“%(step)s” cannot be recorded yet: “%(first)s” must come first.")
                % {"step": step_label(step), "first": step_label(expected)}
            }
        )
    blocked = accession_blocked_reason(city, state)
    if blocked:
        raise TransitionNotAllowed({"step": blocked})
    return state


def _check_documents(
    documents: Iterable[tuple[str, UploadedFile]], errors: dict[str, list[str]]
) -> list[tuple[str, UploadedFile, str]]:
    checked = []
    items = list(documents)
    if len(items) > MAX_DOCUMENTS_PER_STEP:
        errors.setdefault("documents", []).append(
            _("Attach at most %(n)s documents to one step.") % {"n": MAX_DOCUMENTS_PER_STEP}
        )
    for number, (raw_title, file) in enumerate(items, start=1):
        title = (raw_title or "").strip()
        if not title:
            errors.setdefault("documents", []).append(
                _("Document %(n)s has no title: give each document a title.") % {"n": number}
            )
        elif len(title) > TITLE_MAX_LENGTH:
            errors.setdefault("documents", []).append(
                _("The title of document %(n)s is longer than %(max)s characters; shorten it.")
                % {"n": number, "max": TITLE_MAX_LENGTH}
            )
        try:
            name = validate_upload(file, allowed=DOCUMENT_KINDS)
        except ValidationError as exc:
            errors.setdefault("documents", []).extend(exc.messages)
            continue
        checked.append((title, file, name))
    return checked


@transaction.atomic
def accession_record_step(
    *,
    city: City,
    step: str,
    date: datetime.date | None,
    by: User | None,
    note: str = "",
    documents: Iterable[tuple[str, UploadedFile]] = (),
    justification: str = "",
    confirm_over_cap: bool = False,
) -> AccessionStep:
    """Record the city's next accession step; "application received" makes it a candidate, "member" a member.

    Every check runs before anything is written, so a refused step leaves no row and no file behind.
    """
    city = City.objects.select_for_update().get(pk=city.pk)
    recorded = {s.step: s for s in AccessionStep.objects.filter(city=city)}
    state = _check_order(city, step, recorded)

    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if date is None:
        errors["date"] = [_("Give the date of the step.")]
    elif date > today:
        errors["date"] = [
            _("The date %(date)s is in the future; give the day the step happened (today at the latest).")
            % {"date": _day(date)}
        ]
    elif state != NOT_STARTED and date < recorded[state].date:
        errors["date"] = [
            _("The date cannot be before the previous step, “%(step)s”, recorded on %(date)s.")
            % {"step": step_label(state), "date": _day(recorded[state].date)}
        ]
    checked_documents = _check_documents(documents, errors)
    justification = (justification or "").strip()
    member_reason = history_reason("network.accession_member")
    if step == AccessionStepKind.MEMBER:
        shortfalls = city_eligibility(city)
        if shortfalls and not justification:
            errors["justification"] = [
                _(
                    "%(city)s does not meet the eligibility rules: %(rules)s "
                    "Give the justification for admitting it anyway."
                )
                % {"city": city, "rules": " ".join(s.message for s in shortfalls)}
            ]
        if date is not None and "date" not in errors:
            cap = network_settings().admissions_per_quarter_cap
            admitted = admissions_in_quarter(date, exclude_city_id=city.pk)
            if admitted + 1 > cap:
                if not confirm_over_cap:
                    errors["confirm_over_cap"] = [
                        ngettext(
                            "Admitting %(city)s would make %(n)s admission in %(quarter)s, above the cap of "
                            "%(cap)s per quarter. Tick the confirmation to admit it anyway.",
                            "Admitting %(city)s would make %(n)s admissions in %(quarter)s, above the cap of "
                            "%(cap)s per quarter. Tick the confirmation to admit it anyway.",
                            admitted + 1,
                        )
                        % {"city": city, "n": admitted + 1, "quarter": quarter_label(date), "cap": cap}
                    ]
                member_reason = history_reason(
                    "network.accession_member_over_cap", cap=cap, quarter=quarter_label(date)
                )
    if errors:
        raise ValidationError(errors)
    assert date is not None  # checked above; for the type checker

    record = AccessionStep(city=city, step=step, date=date, recorded_by=by, note=(note or "").strip())
    record_change(record, by=by, reason=history_reason("network.step_recorded"))
    record.save()
    saved: list[AccessionDocument] = []
    try:
        for title, file, name in checked_documents:
            document = AccessionDocument(step=record, title=title, uploaded_by=by)
            document.file.save(name, file, save=False)
            saved.append(document)
            document.save()
        _move_city_status(
            city, step=step, date=date, by=by, justification=justification, member_reason=member_reason
        )
    except BaseException:
        for document in saved:
            document.file.delete(save=False)
        raise
    return record


def _move_city_status(
    city: City, *, step: str, date: datetime.date, by: User | None, justification: str, member_reason: str
) -> None:
    if step == AccessionStepKind.APPLICATION_RECEIVED:
        if city.status == CityStatus.CANDIDATE:
            return
        CITY_STATUS_WORKFLOW.check(city.status, CityStatus.CANDIDATE)
        city.status = CityStatus.CANDIDATE
        city.status_since = date
        record_change(city, by=by, reason=history_reason("network.accession_application"))
    elif step == AccessionStepKind.MEMBER:
        CITY_STATUS_WORKFLOW.check(city.status, CityStatus.MEMBER)
        city.status = CityStatus.MEMBER
        city.status_since = date
        city.member_since = date
        if justification:
            city.eligibility_justification = justification
        record_change(city, by=by, reason=member_reason)
    else:
        return
    city.save()


def _previous_status_since(city: City, status: str, fallback: datetime.date) -> datetime.date:
    """When the city last entered `status`, read from its history."""
    record = city.history.filter(status=status).order_by("-history_date").first()  # type: ignore[attr-defined]
    return record.status_since if record is not None else fallback


@transaction.atomic
def accession_undo_last_step(*, city: City, by: User | None, reason: str) -> AccessionStep:
    """Remove the city's last recorded step to correct a mistake; the removal stays in the history.

    Undoing "member" makes the city a candidate again and clears its membership date, and undoing
    "application received" makes a candidate an enquiry again: the corrections CITY_STATUS_WORKFLOW
    declares (the workflow itself never lets a member become a candidate).
    """
    city = City.objects.select_for_update().get(pk=city.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for undoing the step; it is kept in the history.")}
        )
    steps = sorted(
        AccessionStep.objects.filter(city=city).prefetch_related("documents"),
        key=lambda s: ACCESSION_ORDER.index(s.step),
    )
    if not steps:
        raise ValidationError(
            {
                "step": _("No accession step is recorded for %(city)s; there is nothing to undo.")
                % {"city": city}
            }
        )
    last = steps[-1]
    previous_date = steps[-2].date if len(steps) > 1 else last.date
    status_changed = True
    if last.step == AccessionStepKind.MEMBER:
        if city.status != CityStatus.MEMBER:
            raise ValidationError(
                {
                    "step": _(
                        "%(city)s is “%(status)s”, not a member: its admission can no longer be undone here. "
                        "Change its status instead."
                    )
                    % {"city": city, "status": city.get_status_display()}
                }
            )
        CITY_STATUS_WORKFLOW.check(city.status, CityStatus.CANDIDATE, correction=True)
        city.status = CityStatus.CANDIDATE
        city.status_since = _previous_status_since(city, CityStatus.CANDIDATE, previous_date)
        city.member_since = None
    elif last.step == AccessionStepKind.APPLICATION_RECEIVED and city.status == CityStatus.CANDIDATE:
        CITY_STATUS_WORKFLOW.check(city.status, CityStatus.ENQUIRY, correction=True)
        city.status = CityStatus.ENQUIRY
        city.status_since = _previous_status_since(city, CityStatus.ENQUIRY, last.date)
    else:
        status_changed = False
    change_reason = history_reason("network.step_undone", step=last.step, words=reason)
    file_names = [document.file.name for document in last.documents.all() if document.file.name]
    storage = AccessionDocument._meta.get_field("file").storage
    record_change(last, by=by, reason=change_reason)
    last.delete()
    if status_changed:
        record_change(city, by=by, reason=change_reason)
        city.save()

    # The documents' rows went with the step; their files go once the removal is committed.
    def delete_files() -> None:
        for name in file_names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return last
