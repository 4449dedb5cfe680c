"""The annual programme: items proposed by the secretariat or a city, validated at a coordinators' meeting,
done or dropped (with the reason); and the gender balance targets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.activities.models import (
    COORDINATORS_MEETING,
    OBJECTIVES,
    Event,
    EventKind,
    GenderTarget,
    ProgrammeItem,
    ProgrammeStatus,
)
from icc.core.history import reason, record_change
from icc.core.workflow import Workflow
from icc.network.models import City

PS = ProgrammeStatus
PROGRAMME_WORKFLOW = Workflow(
    name="programme item",
    labels=dict(PS.choices),
    transitions={
        PS.PROPOSED: [PS.VALIDATED, PS.DROPPED],
        PS.VALIDATED: [PS.DONE, PS.DROPPED],
        PS.DONE: [],
        PS.DROPPED: [],
    },
)


@transaction.atomic
def programme_item_create(
    *,
    actor: User | None,
    year: int,
    title_en: str,
    title_fr: str = "",
    kind: EventKind,
    objective: str,
    proposed_by_city: City | None = None,
) -> ProgrammeItem:
    errors: dict[str, list[str]] = {}
    title_en = " ".join((title_en or "").split())
    if not title_en:
        errors.setdefault("title_en", []).append(_("Give the activity an English title."))
    if objective not in dict(OBJECTIVES):
        errors.setdefault("objective", []).append(_("Choose the objective of the strategy it serves."))
    if errors:
        raise ValidationError(errors)
    item = ProgrammeItem(
        year=year,
        title_en=title_en,
        title_fr=" ".join((title_fr or "").split()),
        kind=kind,
        objective=objective,
        proposed_by_city=proposed_by_city,
        created_by=actor,
    )
    item.full_clean()
    record_change(item, by=actor, reason=reason("activities.item_created"))
    item.save()
    return item


@transaction.atomic
def programme_item_set_status(
    *,
    actor: User | None,
    item: ProgrammeItem,
    status: str,
    meeting: Event | None = None,
    drop_reason: str = "",
) -> ProgrammeItem:
    """Validate (at a coordinators' meeting, which is recorded), mark done, or drop with a reason."""
    item = ProgrammeItem.objects.select_for_update().get(pk=item.pk)
    PROGRAMME_WORKFLOW.check(item.status, status)
    code = reason("activities.item_status", status=status)
    if status == PS.VALIDATED:
        if meeting is None or meeting.kind.key != COORDINATORS_MEETING:
            raise ValidationError({"meeting": _("Choose the coordinators' meeting that validated it.")})
        if meeting.starts_at.year not in (item.year, item.year - 1):
            raise ValidationError(
                {"meeting": _("A programme is validated at a meeting of its year or the year before.")}
            )
        item.validated_at = meeting
    elif status == PS.DROPPED:
        words = " ".join((drop_reason or "").split())
        if not words:
            raise ValidationError({"drop_reason": _("Say why the activity is dropped.")})
        item.drop_reason = words
        code = reason("activities.item_dropped", words=words)
    item.status = status
    item.full_clean()
    record_change(item, by=actor, reason=code)
    item.save()
    return item


@transaction.atomic
def gender_target_set(
    *, actor: User | None, from_year: int, women_share: int, kind: EventKind | None = None
) -> GenderTarget:
    target = GenderTarget.objects.filter(from_year=from_year, kind=kind).first() or GenderTarget(
        from_year=from_year, kind=kind
    )
    target.women_share = women_share
    target.full_clean()
    record_change(target, by=actor, reason=reason("activities.target_set"))
    target.save()
    return target
