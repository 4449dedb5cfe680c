"""The audit trail every page shows: who changed what and when, read from django-simple-history."""

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HIDDEN_FIELDS = {"updated", "created", "name_key", "id"}

# A change's reason is stored as a code, with parameters ("network.fees_opened?year=2026"), and rendered in
# the reader's language by reason_display(); what a person typed as their reason is stored and shown as
# written, alone or as the `words` of a code ("network.fee_waived?words=Budget freeze"). Parameters keep
# their characters (only %, & and + are escaped). The column is a text (settings: simple-history's
# ..._CHANGE_REASON_USE_TEXT_FIELD); forms that take a reason allow 1,000 characters and say so, so the
# bound below, which shortens typed words with "…" rather than fail, is reached only by other callers.
REASON_MAX_LENGTH = 2000
REASON_FORM_MAX_LENGTH = 1000
_REASONS: dict[str, str | Promise] = {
    # Words stored as reasons before codes existed: read as codes, so old rows are translated too.
    "created": gettext_lazy("created"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("deleted"),
    "opened": gettext_lazy("opened"),
}
# Per code, the parameters that hold a value of a TextChoices (a status, a step): shown by its label.
_CHOICE_PARAMS: dict[str, dict[str, type[models.Choices]]] = {}
_ELLIPSIS = "…"


def register_reasons(
    reasons: Mapping[str, str | Promise],
    *,
    choices: Mapping[str, Mapping[str, type[models.Choices]]] | None = None,
) -> None:
    """Each app declares its reason codes once (a lazy translatable message each, %(name)s for parameters);
    `choices` names, per code, the parameters that store a choice's value and read as its label."""
    _REASONS.update(reasons)
    for code, params in (choices or {}).items():
        _CHOICE_PARAMS[code] = dict(params)


def _quote(value: object) -> str:
    return str(value).replace("%", "%25").replace("&", "%26").replace("+", "%2B")


def _encode(code: str, params: Mapping[str, object]) -> str:
    """`code?name=value&...`, read back by parse_qsl."""
    if not params:
        return code
    return f"{code}?" + "&".join(f"{_quote(name)}={_quote(value)}" for name, value in params.items())


def reason(code: str, *, words: str | None = None, **params: object) -> str:
    """The value to store as a history row's reason: a registered code and its parameters. Parameters
    are stored as text; pass codes, numbers or choice values (see register_reasons), not words in one
    language. `words` is what a person typed (their reason, a file's name): kept as written on one line,
    and shortened with "…" when the whole would not fit the column; the message shows it as %(words)s."""
    if code not in _REASONS:
        raise ValueError(f"Unknown history reason {code!r}: declare it with register_reasons().")
    stored = _encode(code, params)
    if len(stored) > REASON_MAX_LENGTH:
        raise ValueError(f"History reason {stored!r} is longer than {REASON_MAX_LENGTH} characters.")
    text = " ".join((words or "").split())
    if not text:
        return stored
    with_words = _encode(code, {**params, "words": text})
    text = text[:REASON_MAX_LENGTH]
    while len(with_words) > REASON_MAX_LENGTH and text:
        text = text[:-1].rstrip()
        with_words = _encode(code, {**params, "words": text + _ELLIPSIS})
    return with_words if text else stored


def _param_display(code: str, name: str, value: str) -> str:
    choices = _CHOICE_PARAMS.get(code, {}).get(name)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def reason_display(stored: str | None) -> str:
    """A stored reason in the active language: a registered code's message with its parameters, or the
    text as it was written."""
    if not stored:
        return ""
    code, _sep, query = stored.partition("?")
    message = _REASONS.get(code)
    if message is None:
        return stored
    text = str(message)
    params = {name: _param_display(code, name, value) for name, value in parse_qsl(query)}
    if params:
        with contextlib.suppress(KeyError, TypeError, ValueError):  # a message changed since: shown bare
            text = text % params
    return text


def record_change(obj: models.Model, *, by: Any, reason: str = "") -> None:
    """Who makes the next save or delete of `obj`, and why (a `reason(...)` code or the person's words):
    the one way services mark the history row that save writes."""
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason[:REASON_MAX_LENGTH]  # type: ignore[attr-defined]


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


def _tracked_values(record: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(record, name, None) for name in names}


def skip_unchanged_history(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """pre_save: a change that changes nothing writes no history row (an empty "changed" entry on the
    history page, after a form or an API call that sent the same values). Compared with the object's
    latest history row, the version the history page diffs against."""
    manager_name = getattr(sender._meta, "simple_history_manager_attribute", None)
    if manager_name is None or raw or instance._state.adding or instance.pk is None:
        return
    if getattr(instance, "skip_history_when_saving", False):
        return
    history_model = getattr(sender, manager_name).model
    names = [
        f.attname for f in history_model.tracked_fields if f.name not in HIDDEN_FIELDS and f.attname != "id"
    ]
    latest = (
        getattr(sender, manager_name)
        .filter(**{sender._meta.pk.attname: instance.pk})
        .order_by("-history_date", "-history_id")
        .values(*names)
        .first()
    )
    if latest is not None and latest == _tracked_values(instance, names):
        instance.skip_history_when_saving = True  # type: ignore[attr-defined]
        instance._icc_history_skipped = True  # type: ignore[attr-defined]


def restore_history_after_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """post_save (after simple-history's own receiver): the next save of the same object decides afresh."""
    if getattr(instance, "_icc_history_skipped", False):
        del instance.skip_history_when_saving  # type: ignore[attr-defined]
        del instance._icc_history_skipped  # type: ignore[attr-defined]


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
            reason=reason_display(record.history_change_reason),
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
