"""An expert's personal data: everything stored about them as one JSON document (the right of access), and
erasure on request (the right to erasure).

Erasure keeps what the programme must keep (the work done: assignments, visits, expense amounts for the
budget), attached to an anonymised record ("Erased expert 12"), and removes the rest: contact details,
gender, country, languages, expertise, countries known, documents (files included), training, the free texts
they wrote (conflict statements, notes to open calls and claims), the link to their user account, and the
same fields in every history row that held them. Nothing of the person can be read back afterwards, from the
pages, the API or the history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.core.history import reason, record_change
from icc.experts.models import (
    AssignmentExpert,
    CallInterest,
    ExpenseClaim,
    Expert,
    ExpertCountry,
    ExpertDocument,
    ExpertExpertise,
    ExpertLanguage,
    ExpertStatus,
    TrainingRecord,
)

EXPORT_FORMAT = "icc-expert-personal-data/1"
# The Expert fields that are about the person: blanked on the record and in its history.
PERSONAL_FIELDS = ("email", "phone", "gender", "country", "availability_note", "biography", "calendar_token")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def expert_personal_data(expert: Expert) -> dict[str, Any]:
    """Everything the platform stores about the expert, including the history of their record."""
    team = AssignmentExpert.objects.filter(expert=expert).select_related(
        "assignment__kind", "assignment__city"
    )
    claims = ExpenseClaim.objects.filter(assignment_expert__expert=expert).select_related(
        "assignment_expert__assignment"
    )
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "expert": {
            "id": expert.pk,
            "full_name": expert.full_name,
            "email": expert.email,
            "phone": expert.phone,
            "gender": expert.gender,
            "country": expert.country,
            "status": expert.status,
            "availability_note": expert.availability_note,
            "biography": expert.biography,
            "mentor": expert.mentor.full_name if expert.mentor else None,
            "user_account": expert.user.email if expert.user else None,
            "created": _iso(expert.created),
            "updated": _iso(expert.updated),
            "erased_at": _iso(expert.erased_at),
        },
        "languages": [
            {"language": row.language, "level": row.level, "working": row.working}
            for row in ExpertLanguage.objects.filter(expert=expert)
        ],
        "expertise": [
            {"area": row.area or None, "theme": row.theme.key if row.theme else None}
            for row in ExpertExpertise.objects.filter(expert=expert).select_related("theme")
        ],
        "countries_known": [row.country for row in ExpertCountry.objects.filter(expert=expert)],
        "documents": [
            {"kind": doc.kind, "name": doc.name, "size": doc.size, "uploaded": _iso(doc.created)}
            for doc in ExpertDocument.objects.filter(expert=expert)
        ],
        "training": [
            {"session": row.session, "date": _iso(row.held_on), "attended": row.attended, "note": row.note}
            for row in TrainingRecord.objects.filter(expert=expert)
        ],
        "mentees": [mentee.full_name for mentee in expert.mentees.all()],
        "assignments": [
            {
                "title": member.assignment.title,
                "kind": member.assignment.kind.key,
                "city": member.assignment.city.name if member.assignment.city else None,
                "starts_on": _iso(member.assignment.starts_on),
                "ends_on": _iso(member.assignment.ends_on),
                "status": member.assignment.status,
                "lead": member.lead,
                "conflict_declared_at": _iso(member.conflict_declared_at),
                "conflict_statement": member.conflict_statement,
            }
            for member in team
        ],
        "open_call_answers": [
            {
                "assignment": row.assignment.title,
                "available": row.available,
                "note": row.note,
                "at": _iso(row.at),
            }
            for row in CallInterest.objects.filter(expert=expert).select_related("assignment")
        ],
        "expense_claims": [
            {
                "assignment": claim.assignment_expert.assignment.title,
                "status": claim.status,
                "travel": str(claim.travel),
                "subsistence": str(claim.subsistence),
                "fee": str(claim.fee),
                "expert_note": claim.expert_note,
                "reason": claim.reason,
                "submitted_at": _iso(claim.submitted_at),
            }
            for claim in claims
        ],
        "history": [
            {
                "at": _iso(row.history_date),
                "change": row.history_type,
                "full_name": row.full_name,
                "email": row.email,
                "status": row.status,
            }
            for row in expert.history.order_by("history_date", "history_id")
        ],
    }


def _delete_files(files: list[Any]) -> None:
    for stored in files:
        stored.delete(save=False)


def anonymous_name(expert: Expert) -> str:
    return _("Erased expert %(number)s") % {"number": expert.pk}


@transaction.atomic
def expert_erase(*, expert: Expert, by: Any) -> Expert:
    """Erase the expert's personal data on request; their assignments stay, anonymised. Irreversible."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    name = anonymous_name(expert)
    files = [doc.file for doc in ExpertDocument.objects.filter(expert=expert)]
    ExpertDocument.objects.filter(expert=expert).delete()
    for model in (ExpertLanguage, ExpertExpertise, ExpertCountry, TrainingRecord):
        model.objects.filter(expert=expert).delete()
        # The history of these rows is the person's data alone: none of it is kept.
        model.history.filter(expert_id=expert.pk).delete()
    Expert.objects.filter(mentor=expert).update(mentor=None)
    Expert.history.filter(mentor_id=expert.pk).update(mentor_id=None)

    AssignmentExpert.objects.filter(expert=expert).update(conflict_statement="")
    AssignmentExpert.history.filter(expert_id=expert.pk).update(conflict_statement="")
    CallInterest.objects.filter(expert=expert).update(note="")
    CallInterest.history.filter(expert_id=expert.pk).update(note="")
    claims = ExpenseClaim.objects.filter(assignment_expert__expert=expert)
    claim_ids = list(claims.values_list("pk", flat=True))
    claims.update(expert_note="")
    ExpenseClaim.history.filter(id__in=claim_ids).update(expert_note="")

    # The record's own history keeps its dates and statuses, without anything about the person.
    blanks: dict[str, Any] = dict.fromkeys(PERSONAL_FIELDS, "")
    Expert.history.filter(id=expert.pk).update(full_name=name, user_id=None, mentor_id=None, **blanks)
    expert.full_name = name
    for field_name in PERSONAL_FIELDS:
        setattr(expert, field_name, "")
    expert.user = None
    expert.mentor = None
    expert.status = ExpertStatus.INACTIVE
    expert.erased_at = timezone.now()
    record_change(expert, by=by, reason=reason("experts.erased"))
    expert.save()
    transaction.on_commit(lambda: _delete_files(files))
    return expert
