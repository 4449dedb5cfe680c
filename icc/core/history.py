"""The audit trail every page shows: who changed what and when, read from django-simple-history."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

HIDDEN_FIELDS = {"updated", "created", "name_key", "id"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(model: type[models.Model], name: str, value: Any) -> str:
    if value is None or value == "":
        return "–"
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    choices = getattr(model_field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "DATETIME_FORMAT")
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except Exception:
        return name


def history_entries(obj: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: every recorded version of `obj` with the fields that changed from the one before."""
    history = obj.history  # type: ignore[attr-defined]
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    model = type(obj)
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        entry = HistoryEntry(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else _("the system"),
            action=str(actions.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
        )
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                entry.changes.append(
                    Change(
                        field=_label(model, change.field),
                        old=_display(model, change.field, change.old),
                        new=_display(model, change.field, change.new),
                    )
                )
        entries.append(entry)
    return entries
