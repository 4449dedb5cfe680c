"""Writes to funding and partners. Every write checks every field first (errors keyed by the field, with the
fix), then saves in one transaction with its history row (icc.core.history.record_change). The application
workflow is declared once (models.APPLICATION_WORKFLOW); a move it does not declare is refused.

CRUD services take the form's cleaned values as `values` (field name -> value) and the acting person `by`."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.uploads import validate_upload
from icc.funding.models import (
    APPLICATION_WORKFLOW,
    AgreementDocument,
    ApplicationStatus,
    BudgetLine,
    CostReceipt,
    Donor,
    FundingApplication,
    FundingProject,
    IncomeSource,
    OtherCost,
    Partner,
    PartnerActivity,
    PartnerAgreement,
    PartnerContact,
    PartnerContribution,
)
from icc.funding.selectors import deadlines_due
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify


def secretariat_people() -> list[User]:
    return list(
        User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct().order_by("pk")
    )


def _check(obj: models.Model, extra: Mapping[str, list[str]] | None = None) -> None:
    """Every field's error at once: the service's own checks and the model's."""
    errors: dict[str, list[str]] = {k: list(v) for k, v in (extra or {}).items()}
    try:
        obj.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(m for m in messages if m not in errors.get(field, []))
    if errors:
        raise ValidationError(errors)


def _save[M: models.Model](
    obj: M, values: Mapping[str, Any], *, by: Any, checks: Any = None, code: str | None = None
) -> M:
    created = obj.pk is None
    for name, value in values.items():
        setattr(obj, name, value)
    _check(obj, checks(obj) if checks else None)
    with transaction.atomic():
        record_change(
            obj, by=by, reason=reason(code or ("funding.created" if created else "funding.changed"))
        )
        obj.save()
    return obj


def _delete(obj: models.Model, *, by: Any) -> None:
    with transaction.atomic():
        record_change(obj, by=by, reason=reason("funding.deleted"))
        obj.delete()


# ---------------------------------------------------------------------------------------------- budget


def _line_checks(line: BudgetLine) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if line.source == IncomeSource.EU and line.project_id is None:
        errors["project"] = [_("Choose the EU joint project this co-funding comes from.")]
    if line.source != IncomeSource.EU and line.project_id is not None:
        errors["project"] = [_("Only EU co-funding names a project: clear this field or change the source.")]
    if line.source == IncomeSource.DONOR and line.donor_id is None:
        errors["donor"] = [_("Choose the donor of this voluntary contribution.")]
    if line.source != IncomeSource.DONOR and line.donor_id is not None:
        errors["donor"] = [
            _("Only a voluntary contribution names a donor: clear this field or change the source.")
        ]
    if line.project_id is not None and line.year:
        project = line.project
        assert project is not None
        if not project.starts_on.year <= line.year <= project.ends_on.year:
            errors["year"] = [
                _("The project runs from %(start)s to %(end)s: choose a year in between.")
                % {"start": project.starts_on.year, "end": project.ends_on.year}
            ]
    return errors


def budget_line_save(*, line: BudgetLine | None = None, values: Mapping[str, Any], by: Any) -> BudgetLine:
    return _save(line or BudgetLine(), values, by=by, checks=_line_checks)


def budget_line_delete(*, line: BudgetLine, by: Any) -> None:
    _delete(line, by=by)


def _project_checks(project: FundingProject) -> dict[str, list[str]]:
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        return {"ends_on": [_("The project cannot end before it starts: correct one of the dates.")]}
    return {}


def project_save(
    *, project: FundingProject | None = None, values: Mapping[str, Any], by: Any
) -> FundingProject:
    return _save(project or FundingProject(), values, by=by, checks=_project_checks)


def donor_save(*, donor: Donor | None = None, values: Mapping[str, Any], by: Any) -> Donor:
    values = {**values, "country": (values.get("country") or "").upper()}
    return _save(donor or Donor(), values, by=by)


# ----------------------------------------------------------------------------------------- other costs


def other_cost_save(
    *, cost: OtherCost | None = None, values: Mapping[str, Any], by: Any, receipt: UploadedFile | None = None
) -> OtherCost:
    """A cost typed by the secretariat, with an optional receipt (checked by icc.core.uploads)."""
    name = ""
    if receipt is not None:
        try:
            name = validate_upload(receipt)
        except ValidationError as exc:
            raise ValidationError({"receipt": exc.messages}) from exc
    obj = cost or OtherCost()
    for field, value in values.items():
        setattr(obj, field, value)
    _check(obj)
    with transaction.atomic():
        record_change(obj, by=by, reason=reason("funding.changed" if obj.pk else "funding.created"))
        obj.save()
        if receipt is not None:
            stored = getattr(obj, "receipt", None) if cost else None
            if stored is not None:
                stored.file.delete(save=False)
                stored.delete()
            document = CostReceipt(cost=obj, name=name, size=receipt.size or 0, uploaded_by=by)
            document.file.save(name, receipt, save=False)
            record_change(document, by=by, reason=reason("funding.document_added", words=name))
            document.save()
    return obj


def other_cost_delete(*, cost: OtherCost, by: Any) -> None:
    _delete(cost, by=by)


# ----------------------------------------------------------------------------------------- applications


def _application_checks(application: FundingApplication) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if (
        application.amount_granted is not None
        and application.amount_asked is not None
        and application.amount_granted > application.amount_asked
    ):
        errors["amount_granted"] = [
            _("More was granted than asked: check the amounts (raise the amount asked if the donor did).")
        ]
    if (
        application.submission_deadline
        and application.reporting_deadline
        and application.reporting_deadline < application.submission_deadline
    ):
        errors["reporting_deadline"] = [
            _("The report cannot be due before the application: correct the date.")
        ]
    return errors


def application_create(*, values: Mapping[str, Any], by: Any) -> FundingApplication:
    values = {k: v for k, v in values.items() if k != "status"}
    return _save(
        FundingApplication(status=ApplicationStatus.DRAFT), values, by=by, checks=_application_checks
    )


def application_update(
    *, application: FundingApplication, values: Mapping[str, Any], by: Any
) -> FundingApplication:
    values = {k: v for k, v in values.items() if k != "status"}
    return _save(application, values, by=by, checks=_application_checks)


def application_set_status(
    *,
    application: FundingApplication,
    status: str,
    by: Any,
    amount_granted: Any = None,
    today: datetime.date | None = None,
    correction: bool = False,
) -> FundingApplication:
    """Moves along the workflow. Submitting records the day; granting needs the amount granted."""
    APPLICATION_WORKFLOW.check(application.status, status, correction=correction)
    today = today or timezone.localdate()
    if status == ApplicationStatus.GRANTED and not correction:
        if amount_granted is None and application.amount_granted is None:
            raise ValidationError({"amount_granted": [_("Give the amount granted to record the grant.")]})
        if amount_granted is not None:
            application.amount_granted = amount_granted
    if status == ApplicationStatus.SUBMITTED and not correction and application.submitted_on is None:
        application.submitted_on = today
    if status == ApplicationStatus.REFUSED:
        application.amount_granted = None
    application.status = status
    _check(application, _application_checks(application))
    code = "funding.status_corrected" if correction else "funding.status"
    with transaction.atomic():
        record_change(application, by=by, reason=reason(code, status=status))
        application.save()
    return application


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the secretariat of every deadline within 30 days (FUNDING_DEADLINE), once per application, kind
    of deadline and date (the notice's key): run daily by `icc funding_send_reminders`. Returns how many
    notices were written."""
    today = today or timezone.localdate()
    people = secretariat_people()
    sent = 0
    for due, which, application in deadlines_due(today):
        what = (_("submission of %(title)s") if which == "submission" else _("report on %(title)s")) % {
            "title": application.title
        }
        told = notify(
            recipients=people,
            kind=NotificationKind.FUNDING_DEADLINE,
            obj=application,
            context={
                "due": lambda due=due: formats.date_format(due, "DATE_FORMAT"),
                "what": what,
                "donor": application.donor.name,
            },
            link=reverse("funding:application_detail", args=[application.pk]),
            key=f"funding-deadline:{application.pk}:{which}:{due.isoformat()}",
        )
        sent += len(told.people)
    return sent


# ---------------------------------------------------------------------------------------------- partners


def partner_save(*, partner: Partner | None = None, values: Mapping[str, Any], by: Any) -> Partner:
    values = {**values, "country": (values.get("country") or "").upper()}
    # Only the per-language columns are set: setting `description` itself would write the active language's.
    return _save(partner or Partner(), values, by=by)


def _agreement_checks(agreement: PartnerAgreement) -> dict[str, list[str]]:
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        return {"ends_on": [_("The agreement cannot end before it starts: correct one of the dates.")]}
    return {}


def agreement_add(
    *, partner: Partner, values: Mapping[str, Any], by: Any, document: UploadedFile | None = None
) -> PartnerAgreement:
    """An agreement with its signed document (optional; checked by icc.core.uploads)."""
    name = ""
    if document is not None:
        try:
            name = validate_upload(document)
        except ValidationError as exc:
            raise ValidationError({"document": exc.messages}) from exc
    agreement = PartnerAgreement(partner=partner)
    for field, value in values.items():
        setattr(agreement, field, value)
    _check(agreement, _agreement_checks(agreement))
    with transaction.atomic():
        record_change(agreement, by=by, reason=reason("funding.created"))
        agreement.save()
        if document is not None:
            stored = AgreementDocument(
                agreement=agreement, name=name, size=document.size or 0, uploaded_by=by
            )
            stored.file.save(name, document, save=False)
            record_change(stored, by=by, reason=reason("funding.document_added", words=name))
            stored.save()
    return agreement


def contribution_add(*, partner: Partner, values: Mapping[str, Any], by: Any) -> PartnerContribution:
    return _save(PartnerContribution(partner=partner), values, by=by)


def contact_add(*, partner: Partner, values: Mapping[str, Any], by: Any) -> PartnerContact:
    return _save(PartnerContact(partner=partner), values, by=by)


def contact_delete(*, contact: PartnerContact, by: Any) -> None:
    """Personal data: a contact who left is deleted, not kept."""
    _delete(contact, by=by)


def activity_link(*, partner: Partner, values: Mapping[str, Any], by: Any) -> PartnerActivity:
    event = values.get("event")
    if event is not None and PartnerActivity.objects.filter(partner=partner, event=event).exists():
        raise ValidationError({"event": [_("This partner is already linked to this event.")]})
    return _save(PartnerActivity(partner=partner), values, by=by)


def activity_unlink(*, activity: PartnerActivity, by: Any) -> None:
    _delete(activity, by=by)
