"""Serving stored files: only through views that checked access first, always as a download."""

import os

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def attachment_response(stored: FieldFile, filename: str | None = None) -> FileResponse:
    """The file as an attachment (never rendered inline by the browser); 404 when storage lost it."""
    if not stored:
        raise Http404("No file.")
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("The file is missing from storage.") from exc
    return FileResponse(handle, as_attachment=True, filename=filename or os.path.basename(stored.name or ""))
