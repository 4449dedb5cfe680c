"""Documents of an event: materials before and after it, and its report (each with who uploaded it and
when, as every stored file)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.activities.models import DocumentKind, Event, EventDocument
from icc.core.uploads import validate_upload


@transaction.atomic
def document_add(*, event: Event, actor: User | None, kind: str, file: UploadedFile | None) -> EventDocument:
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose whether it is material before, after, or the report.")})
    if file is None:
        raise ValidationError({"file": _("Choose a file to upload.")})
    try:
        name = validate_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    document = EventDocument(event=event, kind=kind, name=name, size=file.size or 0, uploaded_by=actor)
    document.file.save(name, file, save=False)
    stored = document.file
    try:
        document.save()
    except Exception:
        stored.delete(save=False)
        raise
    return document
