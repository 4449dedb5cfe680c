"""Writes to the policy lab: cohorts, calls, applications (made on the public page, no account needed), the
secretariat's scores per criterion and decisions with reasons, members (an accepted applicant becomes a
contact of icc.activities and a member of the cohort) and sessions (events of kind policy_lab_session)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icc.activities.models import Contact, Event
from icc.activities.services.events import event_create
from icc.activities.services.registrations import contact_create
from icc.clusters.models import (
    ApplicationStatus,
    LabApplication,
    LabCall,
    LabCriterion,
    LabMember,
    LabScore,
    LabSession,
    OrganisationType,
    PolicyLab,
)
from icc.clusters.selection import Criterion, score_error
from icc.clusters.services.clusters import _secretariat
from icc.core.countries import is_country_code
from icc.core.history import reason, record_change
from icc.core.models import Gender
from icc.network.models import City
from icc.notifications.services import notify, remember

MAX_MOTIVATION = 5000


# --------------------------------------------------------------------------------------------- cohorts, calls


@transaction.atomic
def lab_create(
    *,
    title_en: str,
    title_fr: str = "",
    first_year: int,
    last_year: int,
    description: str = "",
    by: Any,
) -> PolicyLab:
    lab = PolicyLab(
        title=" ".join((title_en or "").split()),
        title_en=" ".join((title_en or "").split()),
        title_fr=" ".join((title_fr or "").split()),
        first_year=first_year,
        last_year=last_year,
        description=(description or "").strip(),
    )
    errors: dict[str, list[str]] = {}
    if not lab.title_en:
        errors["title_en"] = [_("Give the cohort a title in English.")]
    if last_year < first_year:
        errors["last_year"] = [_("The last year cannot come before the first.")]
    if errors:
        raise ValidationError(errors)
    lab.full_clean()
    record_change(lab, by=by, reason=reason("clusters.lab_created"))
    lab.save()
    return lab


@transaction.atomic
def call_save(
    *,
    lab: PolicyLab,
    call: LabCall | None = None,
    title_en: str,
    title_fr: str = "",
    introduction_en: str = "",
    introduction_fr: str = "",
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    places: int = 20,
    by: Any,
) -> LabCall:
    """Create or change an open call for members of a cohort."""
    target = call or LabCall(lab=lab)
    target.title_en = " ".join((title_en or "").split())
    target.title_fr = " ".join((title_fr or "").split())
    target.title = target.title_en
    target.introduction_en = (introduction_en or "").strip()
    target.introduction_fr = (introduction_fr or "").strip()
    target.introduction = target.introduction_en
    target.places = places
    errors: dict[str, list[str]] = {}
    if not target.title_en:
        errors["title_en"] = [_("Give the call a title in English.")]
    if opens_on is None:
        errors["opens_on"] = [_("Give the day the call opens.")]
    if closes_on is None:
        errors["closes_on"] = [_("Give the day the call closes.")]
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = [_("The call cannot close before it opens.")]
    if errors:
        raise ValidationError(errors)
    assert opens_on is not None and closes_on is not None
    target.opens_on, target.closes_on = opens_on, closes_on
    target.full_clean()
    record_change(target, by=by, reason=reason("clusters.call_saved"))
    target.save()
    return target


# --------------------------------------------------------------------------------------------- applications


@transaction.atomic
def application_submit(
    *,
    call: LabCall,
    full_name: str,
    email: str,
    organisation: str,
    organisation_type: str,
    country: str,
    gender: str = "",
    motivation: str,
    language: str = "en",
    consent: bool,
    now: datetime.datetime | None = None,
) -> LabApplication:
    """An application from the call's public page. Refused outside the call's dates, without consent to keep
    the data, or a second time with the same e-mail address; the secretariat is told."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    if not (call.opens_on <= today <= call.closes_on):
        raise ValidationError(
            _("This call is open from %(opens)s to %(closes)s: applications are not taken today.")
            % {"opens": call.opens_on.isoformat(), "closes": call.closes_on.isoformat()}
        )
    application = LabApplication(
        call=call,
        full_name=" ".join((full_name or "").split()),
        email=(email or "").strip().lower(),
        organisation=" ".join((organisation or "").split()),
        organisation_type=organisation_type,
        country=(country or "").strip().upper(),
        gender=gender or "",
        motivation=(motivation or "").strip(),
        language=language if language in dict(settings.LANGUAGES) else "en",
        consent_at=now,
    )
    errors: dict[str, list[str]] = {}
    if not application.full_name:
        errors["full_name"] = [_("Give your full name.")]
    try:
        validate_email(application.email)
    except ValidationError:
        errors["email"] = [_("Give an e-mail address such as name@example.org: the answer is sent there.")]
    if not application.organisation:
        errors["organisation"] = [_("Give the organisation you work for.")]
    if organisation_type not in OrganisationType.values:
        errors["organisation_type"] = [_("Choose the type of your organisation from the list.")]
    if not is_country_code(application.country):
        errors["country"] = [_("Choose your country from the list.")]
    if application.gender and application.gender not in Gender.values:
        errors["gender"] = [_("Choose one of the listed answers, or leave it empty.")]
    if not application.motivation:
        errors["motivation"] = [_("Say why you wish to join the lab and what you would bring to it.")]
    elif len(application.motivation) > MAX_MOTIVATION:
        errors["motivation"] = [_("Keep your motivation under 5,000 characters.")]
    if not consent:
        errors["consent"] = [
            _("Tick the box to agree that the Council of Europe keeps these data for the selection.")
        ]
    if "email" not in errors and LabApplication.objects.filter(call=call, email=application.email).exists():
        errors["email"] = [_("An application with this e-mail address was already received for this call.")]
    if errors:
        raise ValidationError(errors)
    application.full_clean()
    record_change(application, by=None, reason=reason("clusters.applied"))
    application.save()
    told = notify(
        recipients=_secretariat(),
        kind="lab_application_received",
        obj=application,
        context={"what": f"{application.full_name} ({call})"},
        link=reverse("clusters:application_detail", args=[application.pk]),
    )
    remember(application, told)
    return application


@transaction.atomic
def application_score(
    *, application: LabApplication, scores: Mapping[str, int | None], by: Any
) -> LabApplication:
    """The secretariat's score on each criterion (criterion key -> score; None leaves a criterion unscored).
    Every score is checked before any is written."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application is decided: its scores stay as they were."))
    criteria = {c.key: c for c in LabCriterion.objects.filter(active=True)}
    errors: dict[str, list[str]] = {}
    for key, value in scores.items():
        criterion = criteria.get(key)
        if criterion is None:
            errors.setdefault("scores", []).append(_("“%(key)s” is not a criterion in use.") % {"key": key})
            continue
        if value is None:
            continue
        problem = score_error(Criterion(key, float(criterion.weight), criterion.max_score), value)
        if problem:
            errors.setdefault(f"score_{key}", []).append(
                _("Give a whole number from 0 to %(max)s.") % {"max": criterion.max_score}
            )
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion.key: s for s in application.scores.select_related("criterion")}
    for key, value in scores.items():
        row = existing.get(key)
        if value is None:
            if row is not None:
                record_change(row, by=by, reason=reason("clusters.scored"))
                row.delete()
            continue
        if row is None:
            row = LabScore(application=application, criterion=criteria[key])
        elif row.score == value:
            continue
        row.score, row.scored_by = value, by
        record_change(row, by=by, reason=reason("clusters.scored"))
        row.save()
    return application


@transaction.atomic
def application_decide(
    *,
    application: LabApplication,
    status: str,
    decision_reason: str,
    by: Any,
    joined_on: datetime.date | None = None,
) -> LabApplication:
    """Accept or decline an application, with the reason. An accepted applicant becomes a contact
    (icc.activities: they may never sign in) and a member of the call's cohort."""
    application = (
        LabApplication.objects.select_for_update().select_related("call__lab").get(pk=application.pk)
    )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(
            _("This application is already %(status)s.") % {"status": application.get_status_display()}
        )
    if status not in (ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED):
        raise ValidationError({"status": _("Choose to accept or to decline the application.")})
    decision_reason = (decision_reason or "").strip()
    if not decision_reason:
        raise ValidationError(
            {"decision_reason": _("Give the reason for the decision: the applicant is told it.")}
        )
    if len(decision_reason) > 2000:
        raise ValidationError({"decision_reason": _("Keep the reason under 2,000 characters.")})
    application.status = status
    application.decision_reason = decision_reason
    application.decided_at, application.decided_by = timezone.now(), by
    if status == ApplicationStatus.ACCEPTED:
        application.contact = _contact_for(application, by=by)
    application.full_clean()
    record_change(application, by=by, reason=reason("clusters.decided", status=status, words=decision_reason))
    application.save()
    _email_decision(application)
    if status == ApplicationStatus.ACCEPTED:
        assert application.contact is not None
        member_add(
            lab=application.call.lab,
            contact=application.contact,
            organisation_type=application.organisation_type,
            application=application,
            joined_on=joined_on,
            by=by,
        )
    return application


def _email_decision(application: LabApplication) -> None:
    """The applicant (who has no account) reads the decision and its reason by e-mail, in the language they
    applied in, once the decision is committed."""
    with translation.override(application.language or settings.LANGUAGE_CODE):
        call = application.call.title  # the call's title in that language
        subject = _("Your application to the policy lab: %(call)s") % {"call": call}
        body = render_to_string(
            "clusters/email/decision.txt",
            {
                "application": application,
                "call": call,
                "accepted": application.status == ApplicationStatus.ACCEPTED,
                "reason": application.decision_reason,
            },
        )
    transaction.on_commit(partial(send_mail, subject[:300], body, None, [application.email]))


def _contact_for(application: LabApplication, *, by: Any) -> Contact:
    """The applicant's contact record: the one with their e-mail address, or a new one from the application
    (with the consent they gave on it)."""
    found = Contact.objects.filter(email=application.email).order_by("pk").first()
    if found is not None:
        return found
    return contact_create(
        actor=by,
        full_name=application.full_name,
        email=application.email,
        organisation=application.organisation,
        country=application.country,
        language=application.language,
        gender=application.gender,
        consent=True,
        now=application.consent_at,
    )


@transaction.atomic
def member_add(
    *,
    lab: PolicyLab,
    contact: Contact,
    organisation_type: str,
    by: Any,
    application: LabApplication | None = None,
    joined_on: datetime.date | None = None,
) -> LabMember:
    if organisation_type not in OrganisationType.values:
        raise ValidationError({"organisation_type": _("Choose the type of the member's organisation.")})
    if LabMember.objects.filter(lab=lab, contact=contact).exists():
        raise ValidationError(
            {"contact": _("%(name)s is already a member of this cohort.") % {"name": contact}}
        )
    member = LabMember(
        lab=lab,
        contact=contact,
        application=application,
        organisation_type=organisation_type,
        joined_on=joined_on or timezone.localdate(),
    )
    member.full_clean()
    record_change(member, by=by, reason=reason("clusters.member_joined"))
    member.save()
    return member


# --------------------------------------------------------------------------------------------- sessions


@transaction.atomic
def session_link(*, lab: PolicyLab, event: Event, by: Any) -> LabSession:
    if event.kind.key != "policy_lab_session":
        raise ValidationError({"event": _("Only an event of the kind “policy lab session” is a session.")})
    if LabSession.objects.filter(event=event).exists():
        raise ValidationError({"event": _("This event is already a session of a cohort.")})
    session = LabSession(lab=lab, event=event)
    record_change(session, by=by, reason=reason("clusters.session_linked"))
    session.save()
    return session


@transaction.atomic
def session_create(
    *,
    lab: PolicyLab,
    by: Any,
    title_en: str,
    title_fr: str = "",
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    host_city: City | None = None,
    status: str = "draft",
) -> LabSession:
    """A new session of the cohort: an event of kind policy_lab_session for invited people (its members)."""
    event = event_create(
        actor=by,
        kind_key="policy_lab_session",
        title_en=title_en,
        title_fr=title_fr,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        host_city=host_city,
        audience="invited",
        status=status,
    )
    return session_link(lab=lab, event=event, by=by)
