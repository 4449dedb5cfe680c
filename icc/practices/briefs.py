"""Policy briefs: the secretariat's services and reads (one module: the part is small).

Workflow (BRIEF_WORKFLOW): draft -> in review -> published; a review may return the brief to draft with a
note. The person who publishes must not be its author (a second pair of eyes), unless no one else is in the
secretariat. The public list shows the published briefs and the progress against the strategy's target.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.accounts.selectors import user_roles_summary
from icc.core.history import reason, record_change
from icc.core.workflow import Workflow
from icc.practices.index_areas import area_title, index_areas
from icc.practices.models import LANGUAGES, BriefStatus, BriefTarget, PolicyBrief, PolicyField, Practice

BRIEF_WORKFLOW = Workflow(
    name="policy brief",
    labels=dict(BriefStatus.choices),
    transitions={
        BriefStatus.DRAFT: [BriefStatus.IN_REVIEW],
        BriefStatus.IN_REVIEW: [BriefStatus.DRAFT, BriefStatus.PUBLISHED],
        BriefStatus.PUBLISHED: [],
    },
)
FIELDS = ("field", *(f"{n}_{lang}" for n in ("title", "summary", "body") for lang in LANGUAGES), "areas")


def _secretariat_only(by: User) -> None:
    if not user_roles_summary(by).secretariat:
        raise PermissionDenied


def _apply(brief: PolicyBrief, data: Mapping[str, Any], practices: list[Practice] | None) -> None:
    errors: dict[str, list[str]] = {}
    for name in FIELDS:
        if name in data and name != "areas":
            value = data[name]
            setattr(brief, name, value.strip() if isinstance(value, str) else value)
    if "areas" in data:
        known = {a.key for a in index_areas()}
        unknown = [a for a in data["areas"] or [] if a not in known]
        if unknown:
            errors["areas"] = [_("“%(value)s” is not one of the choices.") % {"value": unknown[0]}]
        brief.areas = [a for a in data["areas"] or [] if a in known]
    if not (brief.title_en or brief.title_fr):
        errors["title_en"] = [_("Give the title in English or in French.")]
    if practices is not None:
        unpublished = [p for p in practices if not Practice.objects.public().filter(pk=p.pk).exists()]
        if unpublished:
            errors["practices"] = [_("A brief links published practices only.")]
    try:
        brief.full_clean(exclude=["author", "reviewed_by"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def brief_create(
    *, by: User, data: Mapping[str, Any], practices: list[Practice] | None = None
) -> PolicyBrief:
    _secretariat_only(by)
    with transaction.atomic():
        brief = PolicyBrief(author=by)
        _apply(brief, data, practices)
        record_change(brief, by=by, reason=reason("practices.brief_created"))
        brief.save()
        if practices is not None:
            brief.practices.set(practices)
    return brief


def brief_update(
    *, by: User, brief: PolicyBrief, data: Mapping[str, Any], practices: list[Practice] | None = None
) -> PolicyBrief:
    _secretariat_only(by)
    with transaction.atomic():
        brief = PolicyBrief.objects.select_for_update().get(pk=brief.pk)
        if brief.status == BriefStatus.PUBLISHED:
            raise ValidationError(_("A published brief is not changed; write a new brief for the field."))
        _apply(brief, data, practices)
        record_change(brief, by=by, reason=reason("practices.brief_changed"))
        brief.save()
        if practices is not None:
            brief.practices.set(practices)
    return brief


def brief_move(*, by: User, brief: PolicyBrief, status: str, note: str = "") -> PolicyBrief:
    """Submit for review, return to draft (with a note) or publish (by someone else than the author)."""
    _secretariat_only(by)
    with transaction.atomic():
        brief = PolicyBrief.objects.select_for_update().get(pk=brief.pk)
        BRIEF_WORKFLOW.check(brief.status, status)
        if status == BriefStatus.IN_REVIEW and not all(
            getattr(brief, f"{n}_{lang}") for n in ("title", "summary", "body") for lang in LANGUAGES
        ):
            raise ValidationError(
                {
                    "body_fr": _(
                        "A brief goes to review with its title, summary and text in English and French."
                    )
                }
            )
        if status == BriefStatus.DRAFT and not note.strip():
            raise ValidationError({"note": _("Say what to change: the author reads it.")})
        if status == BriefStatus.PUBLISHED:
            others = User.objects.filter(roles__kind=RoleKind.SECRETARIAT, is_active=True).exclude(
                pk=brief.author_id or 0
            )
            if brief.author_id == by.pk and others.exists():
                raise ValidationError(
                    _("Another person of the secretariat publishes the brief: a second reading.")
                )
            brief.published_at = timezone.now()
            brief.reviewed_by = by
        brief.status = status
        brief.review_note = note.strip()[:2000] if status == BriefStatus.DRAFT else brief.review_note
        record_change(brief, by=by, reason=reason("practices.brief_status", status=status))
        brief.save()
    return brief


# ------------------------------------------------------------------------------------------------ reads


@dataclass
class BriefProgress:
    published: int
    target: BriefTarget | None
    fields_covered: int
    fields_total: int
    by_field: list[tuple[str, int]]

    @property
    def percent(self) -> int:
        if self.target is None or not self.target.briefs:
            return 0
        return min(100, round(100 * self.published / self.target.briefs))


def brief_progress(today: datetime.date | None = None) -> BriefProgress:
    published = list(PolicyBrief.objects.public().values_list("field", flat=True))
    day = today or timezone.localdate()
    target = BriefTarget.objects.filter(due_on__gte=day).order_by("due_on").first() or (
        BriefTarget.objects.order_by("-due_on").first()
    )
    labels = dict(PolicyField.choices)
    by_field = [(str(labels[value]), published.count(value)) for value in PolicyField.values]
    return BriefProgress(
        published=len(published),
        target=target,
        fields_covered=len(set(published)),
        fields_total=len(PolicyField.values),
        by_field=by_field,
    )


def public_briefs() -> list[PolicyBrief]:
    return list(PolicyBrief.objects.public().order_by("field", "-published_at"))


def brief_areas(brief: PolicyBrief) -> list[str]:
    return [area_title(key) for key in brief.areas]


def brief_pdf(brief: PolicyBrief, language: str) -> bytes:
    """The brief's printable PDF in `language`, made like the reports (tagged PDF/UA)."""
    from icc.reports.pdf import html_to_pdf

    with translation.override(language):
        html = render_to_string(
            "practices/briefs/pdf.html",
            {
                "brief": brief,
                "areas": brief_areas(brief),
                "practices": list(brief.practices.public().select_related("city")),
                "language": language,
            },
        )
    return html_to_pdf(html)
