"""Travel and subsistence funding: the participant's request (never above the event's ceiling), the
secretariat's decision with amounts, the follow-up form after approval, the reimbursement claim with receipts
after the event, its approval or return, and the payment."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.activities.models import (
    ClaimReceipt,
    ClaimStatus,
    EventStatus,
    FundingRequest,
    FundingStatus,
    Registration,
    RegistrationStatus,
    ReimbursementClaim,
)
from icc.activities.services.messages import tell_participant, tell_secretariat
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.core.workflow import Workflow
from icc.notifications.models import NotificationKind

FUNDING_WORKFLOW = Workflow(
    name="funding request",
    labels=dict(FundingStatus.choices),
    transitions={
        FundingStatus.REQUESTED: [FundingStatus.APPROVED, FundingStatus.REFUSED],
        FundingStatus.APPROVED: [],
        FundingStatus.REFUSED: [],
    },
)
CLAIM_WORKFLOW = Workflow(
    name="reimbursement claim",
    labels=dict(ClaimStatus.choices),
    transitions={
        ClaimStatus.SUBMITTED: [ClaimStatus.APPROVED, ClaimStatus.RETURNED],
        ClaimStatus.RETURNED: [ClaimStatus.SUBMITTED],
        ClaimStatus.APPROVED: [ClaimStatus.PAID],
        ClaimStatus.PAID: [],
    },
)
MAX_AMOUNT = Decimal("99999999.99")
RECEIPT_KINDS = ("pdf", "png", "jpeg")
MAX_RECEIPTS = 20


def euros(amount: Decimal) -> str:
    """An amount as the reader's language writes it, e.g. “1,250.00 EUR” or « 1 250,00 EUR »."""
    return f"{formats.number_format(amount, 2, use_l10n=True, force_grouping=True)} EUR"


def _amounts(**values: Decimal | None) -> dict[str, Decimal]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Decimal] = {}
    for name, value in values.items():
        value = Decimal("0.00") if value is None else value
        if value < 0 or value > MAX_AMOUNT:
            errors.setdefault(name, []).append(_("Give an amount in euros from 0 to 99,999,999.99."))
        clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


def _check_ceiling(registration: Registration, total: Decimal, field: str) -> None:
    ceiling = registration.event.funding_ceiling
    if total > ceiling:
        raise ValidationError(
            {
                field: _(
                    "%(total)s is above this event's ceiling of %(ceiling)s per participant for travel and "
                    "subsistence together. Ask for %(ceiling)s at most."
                )
                % {"total": euros(total), "ceiling": euros(ceiling)}
            }
        )


@transaction.atomic
def funding_request(
    *,
    actor: User | None,
    registration: Registration,
    travel: Decimal | None,
    subsistence: Decimal | None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> FundingRequest:
    """Ask for travel and subsistence (or change a request not yet decided). Refused above the event's
    ceiling, with the ceiling named. Tells the secretariat."""
    registration = Registration.objects.select_related("event", "contact").get(pk=registration.pk)
    event = registration.event
    if event.funding_ceiling <= 0:
        raise ValidationError(_("This event does not fund travel or subsistence."))
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(
            _("Funding is asked for a confirmed place: this registration is %(status)s.")
            % {"status": registration.get_status_display()}
        )
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise ValidationError(
            _("This event is %(status)s: funding can no longer be asked.")
            % {"status": event.get_status_display()}
        )
    amounts = _amounts(travel=travel, subsistence=subsistence)
    total = amounts["travel"] + amounts["subsistence"]
    if total <= 0:
        raise ValidationError({"travel": _("Give the travel or subsistence you need, in euros.")})
    _check_ceiling(registration, total, "travel")
    funding = FundingRequest.objects.select_for_update().filter(registration=registration).first()
    if funding is not None and funding.status != FundingStatus.REQUESTED:
        raise ValidationError(
            _("This request is already %(status)s.") % {"status": funding.get_status_display()}
        )
    funding = funding or FundingRequest(registration=registration)
    funding.travel_requested = amounts["travel"]
    funding.subsistence_requested = amounts["subsistence"]
    funding.note = (note or "").strip()
    funding.requested_at = now or timezone.now()
    funding.full_clean()
    record_change(funding, by=actor, reason=reason("activities.funding_requested"))
    funding.save()
    tell_secretariat(
        kind=NotificationKind.EVENT_FUNDING_REQUESTED,
        obj=registration,
        link=reverse("activities:funding_list"),
    )
    return funding


@transaction.atomic
def funding_decide(
    *,
    actor: User | None,
    funding: FundingRequest,
    approve: bool,
    travel: Decimal | None = None,
    subsistence: Decimal | None = None,
    refusal_reason: str = "",
    now: datetime.datetime | None = None,
) -> FundingRequest:
    """Approve with amounts (the requested ones by default, within the ceiling) or refuse with a reason.
    Tells the participant."""
    funding = (
        FundingRequest.objects.select_for_update().select_related("registration__event").get(pk=funding.pk)
    )
    target = FundingStatus.APPROVED if approve else FundingStatus.REFUSED
    FUNDING_WORKFLOW.check(funding.status, target)
    if approve:
        amounts = _amounts(
            travel=funding.travel_requested if travel is None else travel,
            subsistence=funding.subsistence_requested if subsistence is None else subsistence,
        )
        total = amounts["travel"] + amounts["subsistence"]
        if total <= 0:
            raise ValidationError({"travel": _("Approve an amount above 0, or refuse the request.")})
        _check_ceiling(funding.registration, total, "travel")
        funding.travel_approved = amounts["travel"]
        funding.subsistence_approved = amounts["subsistence"]
        code = reason("activities.funding_status", status=target)
    else:
        words = " ".join((refusal_reason or "").split())
        if not words:
            raise ValidationError({"refusal_reason": _("Say why: the participant reads the reason.")})
        funding.refusal_reason = words
        code = reason("activities.funding_refused", words=words)
    funding.status = target
    funding.decided_at = now or timezone.now()
    funding.decided_by = actor
    funding.full_clean()
    record_change(funding, by=actor, reason=code)
    funding.save()
    tell_participant(
        registration=funding.registration,
        kind=NotificationKind.EVENT_FUNDING_DECIDED,
        context={"status": lambda: funding.get_status_display()},
    )
    return funding


def _approved_funding(registration: Registration) -> FundingRequest:
    funding = FundingRequest.objects.filter(registration=registration).first()
    if funding is None or funding.status != FundingStatus.APPROVED:
        raise ValidationError(_("This is for travellers whose funding is approved."))
    return funding


@transaction.atomic
def follow_up_submit(
    *,
    actor: User | None,
    registration: Registration,
    itinerary: str,
    arrival_at: datetime.datetime | None,
    departure_at: datetime.datetime | None,
    now: datetime.datetime | None = None,
) -> Registration:
    """The traveller's itinerary, arrival and departure, once funding is approved."""
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    _approved_funding(registration)
    errors: dict[str, list[str]] = {}
    itinerary = (itinerary or "").strip()
    if not itinerary:
        errors.setdefault("itinerary", []).append(_("Say how you travel: e.g. “Train Lyon–Lisbon, 3 May”."))
    if arrival_at is None:
        errors.setdefault("arrival_at", []).append(_("Give the day and time of your arrival."))
    if departure_at is None:
        errors.setdefault("departure_at", []).append(_("Give the day and time of your departure."))
    if arrival_at and departure_at and departure_at < arrival_at:
        errors.setdefault("departure_at", []).append(
            _("You leave before you arrive: give a later departure.")
        )
    if errors:
        raise ValidationError(errors)
    registration.itinerary = itinerary
    registration.arrival_at = arrival_at
    registration.departure_at = departure_at
    registration.follow_up_at = now or timezone.now()
    registration.full_clean()
    record_change(registration, by=actor, reason=reason("activities.follow_up"))
    registration.save()
    return registration


def _add_receipts(claim: ReimbursementClaim, files: Sequence[UploadedFile], by: User | None) -> None:
    if claim.receipts.count() + len(files) > MAX_RECEIPTS:
        raise ValidationError({"receipts": _("At most %(n)s receipts per claim.") % {"n": MAX_RECEIPTS}})
    names = []  # every file checked before any is stored, so a bad one leaves nothing behind
    for file in files:
        try:
            names.append(validate_upload(file, allowed=RECEIPT_KINDS))
        except ValidationError as exc:
            raise ValidationError({"receipts": exc.messages}) from None
    for file, name in zip(files, names, strict=True):
        receipt = ClaimReceipt(claim=claim, name=name, size=file.size or 0, uploaded_by=by)
        receipt.file.save(name, file, save=False)
        stored = receipt.file
        try:
            receipt.save()
        except Exception:
            stored.delete(save=False)
            raise


@transaction.atomic
def claim_submit(
    *,
    actor: User | None,
    registration: Registration,
    travel: Decimal | None,
    subsistence: Decimal | None,
    note: str = "",
    receipts: Sequence[UploadedFile] = (),
    now: datetime.datetime | None = None,
) -> ReimbursementClaim:
    """After the event, what the traveller spent, within what was approved, with receipts; or a returned
    claim submitted again. Tells the secretariat."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    funding = _approved_funding(registration)
    now = now or timezone.now()
    if registration.event.ends_at > now:
        raise ValidationError(
            _("A claim is made after the event, from %(day)s.")
            % {"day": formats.date_format(timezone.localtime(registration.event.ends_at))}
        )
    if registration.attended is False:
        raise ValidationError(
            _("You were marked absent from this event: travel is reimbursed to those present.")
        )
    amounts = _amounts(travel=travel, subsistence=subsistence)
    total = amounts["travel"] + amounts["subsistence"]
    if total <= 0:
        raise ValidationError({"travel": _("Give what you spent on travel or subsistence, in euros.")})
    if total > funding.approved_total:
        raise ValidationError(
            {
                "travel": _(
                    "%(total)s is above the %(approved)s approved for you. Claim %(approved)s at most."
                )
                % {"total": euros(total), "approved": euros(funding.approved_total)}
            }
        )
    claim = ReimbursementClaim.objects.select_for_update().filter(registration=registration).first()
    if claim is None:
        claim = ReimbursementClaim(registration=registration)
    else:
        CLAIM_WORKFLOW.check(claim.status, ClaimStatus.SUBMITTED)
    claim.travel = amounts["travel"]
    claim.subsistence = amounts["subsistence"]
    claim.note = (note or "").strip()
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = now
    claim.decided_at = None
    claim.decided_by = None
    claim.full_clean()
    record_change(claim, by=actor, reason=reason("activities.claim_submitted"))
    claim.save()
    _add_receipts(claim, receipts, actor)
    if not claim.receipts.exists():
        raise ValidationError(
            {"receipts": _("Attach the receipts (PDF, PNG or JPEG) for the amounts claimed.")}
        )
    tell_secretariat(
        kind=NotificationKind.EVENT_CLAIM_SUBMITTED, obj=registration, link=reverse("activities:claim_list")
    )
    return claim


@transaction.atomic
def claim_decide(
    *,
    actor: User | None,
    claim: ReimbursementClaim,
    approve: bool,
    reason_words: str = "",
    now: datetime.datetime | None = None,
) -> ReimbursementClaim:
    """Approve the claim as it is, or return it to the traveller with the reason. Tells the traveller."""
    claim = ReimbursementClaim.objects.select_for_update().select_related("registration").get(pk=claim.pk)
    target = ClaimStatus.APPROVED if approve else ClaimStatus.RETURNED
    CLAIM_WORKFLOW.check(claim.status, target)
    words = " ".join((reason_words or "").split())
    if not approve and not words:
        raise ValidationError({"reason": _("Say why: the traveller reads the reason with the claim.")})
    claim.status = target
    claim.reason = words
    claim.decided_at = now or timezone.now()
    claim.decided_by = actor
    code = (
        reason("activities.claim_returned", words=words)
        if not approve
        else reason("activities.claim_status", status=target)
    )
    record_change(claim, by=actor, reason=code)
    claim.save()
    tell_participant(
        registration=claim.registration,
        kind=NotificationKind.EVENT_CLAIM_DECIDED,
        context={"status": lambda: claim.get_status_display()},
    )
    return claim


@transaction.atomic
def claim_pay(
    *,
    actor: User | None,
    claim: ReimbursementClaim,
    amount: Decimal | None = None,
    now: datetime.datetime | None = None,
) -> ReimbursementClaim:
    """Record the payment of an approved claim (its total unless another amount is given, never more)."""
    claim = ReimbursementClaim.objects.select_for_update().get(pk=claim.pk)
    CLAIM_WORKFLOW.check(claim.status, ClaimStatus.PAID)
    paid = _amounts(paid_amount=claim.total if amount is None else amount)["paid_amount"]
    if paid <= 0 or paid > claim.total:
        raise ValidationError(
            {
                "paid_amount": _("Give the amount paid, above 0 and at most the %(total)s claimed.")
                % {"total": euros(claim.total)}
            }
        )
    claim.status = ClaimStatus.PAID
    claim.paid_amount = paid
    claim.paid_at = now or timezone.now()
    record_change(claim, by=actor, reason=reason("activities.claim_paid"))
    claim.save()
    return claim
