"""The one way a person is told that work reached them: `notify`.

It writes the in-platform notice (in the same transaction as the hand-off, so nothing is half-written) and
queues the e-mail after commit, in the recipient's language, honouring their preference per kind. It returns
who was told, so a page never claims an e-mail it did not send."""

import datetime
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.notifications.models import Delivery, Notification, NotificationKind, NotificationPreference

# The notice's title per kind, translated for each recipient and filled with the caller's context.
SUBJECTS: dict[str, str] = {
    NotificationKind.SECTION_ASSIGNED: gettext_noop("Section “%(section)s” of %(what)s is assigned to you"),
    NotificationKind.RESPONSE_SUBMITTED: gettext_noop("Submitted for review: %(what)s"),
    NotificationKind.REVIEW_QUESTION: gettext_noop("A question from the secretariat: %(what)s"),
    NotificationKind.COMMENT_ANSWERED: gettext_noop("A review comment was answered: %(what)s"),
    NotificationKind.RESPONSE_RETURNED: gettext_noop("Returned for revision: %(what)s"),
    NotificationKind.RESPONSE_VALIDATED: gettext_noop("Validated: %(what)s"),
    NotificationKind.EXPERT_ASSIGNED: gettext_noop("You are an expert on the report: %(what)s"),
    NotificationKind.REPORT_SHARED: gettext_noop("Draft report on your Index results: %(what)s"),
    NotificationKind.PLAN_SUBMITTED: gettext_noop("For approval: %(what)s"),
    NotificationKind.PLAN_APPROVED: gettext_noop("Approved: %(what)s"),
    NotificationKind.PLAN_RETURNED: gettext_noop("Returned with comments: %(what)s"),
    NotificationKind.DEADLINE_7_DAYS: gettext_noop("Due in 7 days (%(deadline)s): %(what)s"),
    NotificationKind.DEADLINE_1_DAY: gettext_noop("Due tomorrow (%(deadline)s): %(what)s"),
    NotificationKind.ROUND_INVITED: gettext_noop(
        "Intercultural Cities Index: %(city)s is invited to answer “%(round)s”"
    ),
    NotificationKind.ROUND_REMINDER: gettext_noop(
        "Reminder: %(city)s's answers to “%(round)s” are due on %(deadline)s"
    ),
    NotificationKind.REPORT_PUBLISHED: gettext_noop("Report published: %(response)s"),
    NotificationKind.EXPERT_WORK_ASSIGNED: gettext_noop("You are on the team: %(what)s"),
    NotificationKind.EXPERT_WORK_CHANGED: gettext_noop("%(status)s: %(what)s"),
    NotificationKind.EXPENSE_CLAIM_SUBMITTED: gettext_noop("Expense claim to check: %(what)s"),
    NotificationKind.EXPENSE_CLAIM_DECIDED: gettext_noop("Your expense claim is %(status)s: %(what)s"),
    NotificationKind.PROFILE_SUBMITTED: gettext_noop("Intercultural profile to review: %(what)s"),
    NotificationKind.PROFILE_RETURNED: gettext_noop("Intercultural profile returned: %(what)s"),
    NotificationKind.PROFILE_SHARED: gettext_noop("Intercultural profile shared with your city: %(what)s"),
    NotificationKind.PRACTICE_PROPOSED: gettext_noop("Good practice to review: %(what)s"),
    NotificationKind.PRACTICE_QUESTION: gettext_noop(
        "A question from the secretariat on your practice: %(what)s"
    ),
    NotificationKind.PRACTICE_ANSWERED: gettext_noop("The city answered about its practice: %(what)s"),
    NotificationKind.PRACTICE_DECIDED: gettext_noop("Your practice is %(status)s: %(what)s"),
    NotificationKind.PRACTICE_TO_CONFIRM: gettext_noop("Is it still current? %(what)s"),
    NotificationKind.EVENT_INVITED: gettext_noop("Invitation: %(what)s"),
    NotificationKind.EVENT_REGISTRATION: gettext_noop("Your registration (%(status)s): %(what)s"),
    NotificationKind.EVENT_FUNDING_REQUESTED: gettext_noop("Travel funding to decide: %(what)s"),
    NotificationKind.EVENT_FUNDING_DECIDED: gettext_noop("Your travel funding is %(status)s: %(what)s"),
    NotificationKind.EVENT_CLAIM_SUBMITTED: gettext_noop("Reimbursement claim to check: %(what)s"),
    NotificationKind.EVENT_CLAIM_DECIDED: gettext_noop("Your reimbursement claim is %(status)s: %(what)s"),
    NotificationKind.EVENT_FEEDBACK_OPEN: gettext_noop("Your feedback, please: %(what)s"),
    NotificationKind.EVENT_CANCELLED: gettext_noop("Cancelled: %(what)s"),
    NotificationKind.EVENT_REMINDER: gettext_noop("In a week (%(day)s): %(what)s"),
    NotificationKind.CLUSTER_REPORT_SUBMITTED: gettext_noop("Progress report to review: %(what)s"),
    NotificationKind.CLUSTER_REPORT_REVIEWED: gettext_noop("Your progress report is %(status)s: %(what)s"),
    NotificationKind.LAB_APPLICATION_RECEIVED: gettext_noop("Application to the policy lab: %(what)s"),
    NotificationKind.STRATEGY_ACTION_DUE: gettext_noop("Action due on %(due)s: %(what)s"),
    NotificationKind.STRATEGY_DATA_MISSING: gettext_noop("No data for %(period)s: %(what)s"),
    NotificationKind.STRATEGY_STATUS_CHANGED: gettext_noop("Strategy %(status)s: %(what)s"),
    NotificationKind.EVALUATION_OPENED: gettext_noop("Evaluation to answer: %(what)s"),
    NotificationKind.EVALUATION_SUBMITTED: gettext_noop("Evaluation answers submitted: %(what)s"),
    NotificationKind.EVALUATION_EXPERT_ASSIGNED: gettext_noop("You are the evaluator: %(what)s"),
    NotificationKind.EVALUATION_REPORT_SHARED: gettext_noop("Evaluation report %(status)s: %(what)s"),
    NotificationKind.CHECKLIST_ASSIGNED: gettext_noop("Policy self-assessment to fill in: %(what)s"),
    NotificationKind.CHECKLIST_COMPLETED: gettext_noop("Policy self-assessment completed: %(what)s"),
    NotificationKind.RISK_REVIEW_DUE: gettext_noop("Risk to review by %(due)s: %(what)s"),
    NotificationKind.TARGET_STATUS_CHANGED: gettext_noop("Target %(status)s: %(what)s"),
    NotificationKind.FUNDING_DEADLINE: gettext_noop("Due on %(due)s: %(what)s"),
    NotificationKind.NEWSLETTER_SENT: gettext_noop("Newsletter sent: %(what)s"),
    NotificationKind.SURVEY_FEW_ANSWERS: gettext_noop("Few answers so far: %(what)s"),
    NotificationKind.SURVEY_CLOSED: gettext_noop("Results ready: %(what)s"),
    NotificationKind.LESSON_TO_REVIEW: gettext_noop("Lesson to review: %(what)s"),
    NotificationKind.COURSE_NOT_FINISHED: gettext_noop("Your course is waiting: %(what)s"),
    NotificationKind.COURSE_COMPLETED: gettext_noop("Course completed: %(what)s"),
}


@dataclass
class Told:
    """Who `notify` told: by a notice (and an e-mail at once or in their digest); and who was not, because
    they turned that kind of notice off."""

    people: list[User] = field(default_factory=list)
    off: list[User] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.people)

    def sentence(self) -> str:
        """What a page says after a hand-off: who was told, or that nobody could be."""
        if not self.people:
            said = _("Nobody could be told: no one holds that role, or they turned these notices off.")
        else:
            said = ngettext("Told: %(names)s.", "Told: %(names)s.", len(self.people)) % {
                "names": _names(self.people)
            }
        if self.off:
            said += " " + ngettext(
                "Not told, as they turned these notices off: %(names)s.",
                "Not told, as they turned these notices off: %(names)s.",
                len(self.off),
            ) % {"names": _names(self.off)}
        return said


def _names(people: list[User]) -> str:
    return ", ".join(sorted(person.full_name or person.email for person in people))


def told_about(obj: object) -> Told:
    """The answer of the last `notify` a service ran for `obj` (services attach it to what they return)."""
    told = getattr(obj, "_icc_told", None)
    return told if isinstance(told, Told) else Told()


def remember(obj: object, told: Told) -> None:
    # A plain value (a name) cannot carry the answer; the caller has it from notify.
    with suppress(AttributeError):
        obj._icc_told = told  # type: ignore[attr-defined]


def delivery_for(user: User, kind: str) -> str:
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def _absolute(link: str) -> str:
    return settings.SITE_URL + link if link.startswith("/") else link


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    obj: object,
    context: Mapping[str, Any] | None = None,
    link: str = "",
    key: str = "",
) -> Told:
    """Tell each active recipient (once each) that `obj` needs them. `context` fills the kind's title
    (`what` defaults to str(obj)) and its e-mail template notifications/email/<kind>.txt; values may be
    callables, evaluated in the recipient's language. A `key` makes the notice happen once per person."""
    if kind not in SUBJECTS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    values = {"what": obj, **(context or {})}
    told = Told()
    seen: set[int] = set()
    immediate: dict[int, str] = {}  # notice id -> its e-mail body, sent once the transaction commits
    for person in recipients:
        if person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        delivery = delivery_for(person, kind)
        if delivery == Delivery.OFF:
            told.off.append(person)
            continue
        if key and Notification.objects.filter(recipient=person, key=key).exists():
            continue
        with translation.override(person.language or settings.LANGUAGE_CODE):
            filled = {name: (value() if callable(value) else value) for name, value in values.items()}
            title = (_(SUBJECTS[kind]) % {name: str(value) for name, value in filled.items()})[:300]
            body = render_to_string(
                f"notifications/email/{kind}.txt",
                {**filled, "recipient": person, "link": _absolute(link), "title": title},
            )
        notice = Notification.objects.create(
            recipient=person, kind=kind, title=title, link=link, delivery=delivery, key=key
        )
        told.people.append(person)
        if delivery == Delivery.IMMEDIATE and person.email:
            immediate[notice.pk] = body
    if immediate:
        transaction.on_commit(lambda: _send_now(immediate))
    remember(obj, told)
    return told


def _send_now(bodies: dict[int, str]) -> None:
    for notice in Notification.objects.filter(pk__in=bodies, emailed_at=None).select_related("recipient"):
        send_mail(notice.title, bodies[notice.pk], None, [notice.recipient.email])
        Notification.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())


@transaction.atomic
def digest_send(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per person with every digest notice not yet e-mailed; returns how many e-mails went.
    Marks each notice e-mailed, so a second run sends nothing twice."""
    now = now or timezone.now()
    pending = (
        Notification.objects.select_for_update()
        .filter(delivery=Delivery.DIGEST, emailed_at=None)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_person: dict[int, list[Notification]] = {}
    for notice in pending:
        by_person.setdefault(notice.recipient_id, []).append(notice)
    for notices in by_person.values():
        person = notices[0].recipient
        with translation.override(person.language or settings.LANGUAGE_CODE):
            subject = ngettext(
                "Intercultural Cities: %(count)d thing needs you",
                "Intercultural Cities: %(count)d things need you",
                len(notices),
            ) % {"count": len(notices)}
            body = render_to_string(
                "notifications/email/digest.txt",
                {"recipient": person, "notices": notices, "site": settings.SITE_URL},
            )
        ids = [notice.pk for notice in notices]
        transaction.on_commit(partial(send_mail, subject, body, None, [person.email]))
        Notification.objects.filter(pk__in=ids).update(emailed_at=now)
    return len(by_person)


# Each app that has deadlines registers a function that tells people of the ones coming (icc.index's
# response deadlines); `icc send_notifications` runs them every day. Each returns how many people it told.
DEADLINE_SOURCES: list[Callable[..., int]] = []


def register_deadlines(source: Callable[..., int]) -> None:
    if source not in DEADLINE_SOURCES:
        DEADLINE_SOURCES.append(source)


def notifications_send_due(*, today: datetime.date | None = None) -> tuple[int, int]:
    """The daily run: deadline reminders, then the digests. Returns (people reminded, digests sent)."""
    today = today or timezone.localdate()
    reminded = sum(source(today=today) for source in DEADLINE_SOURCES)
    return reminded, digest_send()


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the person's notices (or all of them) read; returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, user: User, choices: Mapping[str, str], by: User | None) -> None:
    """Set how the person is told of each kind; history records each change."""
    for kind, delivery in choices.items():
        if kind not in NotificationKind.values:
            raise ValidationError({kind: _("Unknown kind of notice.")})
        if delivery not in Delivery.values:
            raise ValidationError({kind: _("Choose at once, daily digest or off.")})
        preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
        if preference is None:
            if delivery == Delivery.IMMEDIATE:
                continue  # the default: no row needed
            preference = NotificationPreference(user=user, kind=kind)
        if preference.delivery == delivery:
            continue
        preference.delivery = delivery
        preference.full_clean()
        record_change(preference, by=by, reason=reason("notifications.preference_set"))
        preference.save()
