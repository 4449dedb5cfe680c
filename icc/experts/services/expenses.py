"""Expense claims: after the work, the expert submits travel, subsistence and fee with receipts; the
secretariat approves, corrects (with a reason), or returns the claim; a returned claim is submitted again."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.core.workflow import Workflow
from icc.experts.models import AssignmentExpert, ClaimStatus, ExpenseClaim, ExpenseReceipt
from icc.experts.selectors.work import claimable
from icc.notifications.models import NotificationKind
from icc.notifications.services import Told, notify

CLAIM_WORKFLOW = Workflow(
    name="expense claim",
    labels=dict(ClaimStatus.choices),
    transitions={
        ClaimStatus.SUBMITTED: [ClaimStatus.APPROVED, ClaimStatus.CORRECTED, ClaimStatus.RETURNED],
        ClaimStatus.RETURNED: [ClaimStatus.SUBMITTED],
        ClaimStatus.APPROVED: [],
        ClaimStatus.CORRECTED: [],
    },
)
RECEIPT_KINDS = ("pdf", "png", "jpeg")
MAX_RECEIPTS = 20
MAX_AMOUNT = Decimal("99999999.99")
AMOUNTS = ("travel", "subsistence", "fee")


def _check_amounts(values: dict[str, Decimal | None]) -> dict[str, Decimal]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Decimal] = {}
    for name in AMOUNTS:
        value = values.get(name)
        if value is None:
            value = Decimal("0.00")
        if value < 0 or value > MAX_AMOUNT:
            errors.setdefault(name, []).append(_("Give an amount in euros from 0 to 99,999,999.99."))
        clean[name] = value
    if not errors and not any(clean.values()):
        errors.setdefault("travel", []).append(_("Give at least one amount: travel, subsistence or fee."))
    if errors:
        raise ValidationError(errors)
    return clean


def _add_receipts(claim: ExpenseClaim, files: Sequence[UploadedFile], by: User | None) -> None:
    if claim.receipts.count() + len(files) > MAX_RECEIPTS:
        raise ValidationError({"receipts": _("At most %(n)s receipts per claim.") % {"n": MAX_RECEIPTS}})
    # Every file is checked before any is stored, so a bad one leaves nothing behind.
    names = []
    for file in files:
        try:
            names.append(validate_upload(file, allowed=RECEIPT_KINDS))
        except ValidationError as exc:
            raise ValidationError({"receipts": exc.messages}) from None
    for file, name in zip(files, names, strict=True):
        receipt = ExpenseReceipt(claim=claim, name=name, size=file.size or 0, uploaded_by=by)
        receipt.file.save(name, file, save=False)
        stored = receipt.file
        try:
            receipt.save()
        except Exception:
            stored.delete(save=False)
            raise


def _secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


@transaction.atomic
def claim_submit(
    *,
    member: AssignmentExpert,
    by: User | None,
    travel: Decimal | None,
    subsistence: Decimal | None,
    fee: Decimal | None,
    note: str = "",
    receipts: Sequence[UploadedFile] = (),
    claim: ExpenseClaim | None = None,
) -> ExpenseClaim:
    """A new claim once the work is over, or a returned one submitted again (`claim`). Tells the
    secretariat."""
    amounts = _check_amounts({"travel": travel, "subsistence": subsistence, "fee": fee})
    if claim is None:
        if not claimable(member):
            raise ValidationError(
                _(
                    "A claim is made once the work is over, and one at a time: this work is not over, or a "
                    "claim for it is already waiting or settled."
                )
            )
        claim = ExpenseClaim(assignment_expert=member)
    else:
        if claim.assignment_expert_id != member.pk:
            raise ValidationError(_("This claim belongs to another piece of work."))
        CLAIM_WORKFLOW.check(claim.status, ClaimStatus.SUBMITTED)
    for name, value in amounts.items():
        setattr(claim, name, value)
    claim.expert_note = (note or "").strip()
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = timezone.now()
    claim.decided_at = None
    claim.decided_by = None
    claim.full_clean()
    record_change(claim, by=by, reason=reason("experts.claim_submitted"))
    claim.save()
    _add_receipts(claim, receipts, by)
    if not claim.receipts.exists():
        raise ValidationError(
            {"receipts": _("Attach the receipts (PDF, PNG or JPEG) for the amounts claimed.")}
        )
    notify(
        recipients=_secretariat(),
        kind=NotificationKind.EXPENSE_CLAIM_SUBMITTED,
        obj=claim,
        link=reverse("experts:claim_detail", args=[claim.pk]),
    )
    return claim


@transaction.atomic
def claim_decide(
    *,
    claim: ExpenseClaim,
    by: User | None,
    status: str,
    reason_words: str = "",
    travel: Decimal | None = None,
    subsistence: Decimal | None = None,
    fee: Decimal | None = None,
) -> Told:
    """Approve as claimed, correct the amounts (with the reason), or return to the expert (with the
    reason). Tells the expert."""
    claim = ExpenseClaim.objects.select_for_update().get(pk=claim.pk)
    CLAIM_WORKFLOW.check(claim.status, status)
    words = " ".join((reason_words or "").split())
    if status in (ClaimStatus.CORRECTED, ClaimStatus.RETURNED) and not words:
        raise ValidationError({"reason": _("Say why: the expert reads the reason with the claim.")})
    if status == ClaimStatus.CORRECTED:
        amounts = _check_amounts({"travel": travel, "subsistence": subsistence, "fee": fee})
        if all(getattr(claim, name) == value for name, value in amounts.items()):
            raise ValidationError(
                {"travel": _("The amounts are those claimed: change one, or approve the claim as it is.")}
            )
        for name, value in amounts.items():
            setattr(claim, name, value)
        code = reason("experts.claim_corrected", words=words)
    elif status == ClaimStatus.RETURNED:
        code = reason("experts.claim_returned", words=words)
    else:
        code = reason("experts.claim_approved")
    claim.status = status
    claim.reason = words
    claim.decided_at = timezone.now()
    claim.decided_by = by
    record_change(claim, by=by, reason=code)
    claim.save()
    expert = claim.assignment_expert.expert
    if expert.user is None:
        return Told()
    return notify(
        recipients=[expert.user],
        kind=NotificationKind.EXPENSE_CLAIM_DECIDED,
        obj=claim,
        context={"status": lambda: claim.get_status_display()},
        link=reverse("experts:claim_detail", args=[claim.pk]),
    )
