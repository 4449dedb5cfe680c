"""Checks every uploaded file passes before it is stored: size, type by extension AND by content, safe name.

A file whose extension says PDF but whose first bytes say otherwise is refused: the extension alone is
what a browser or an office suite trusts when someone later opens the download.
"""

import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


def _starts_with(*signatures: bytes) -> Callable[[bytes, IO[bytes]], bool]:
    def check(head: bytes, _stream: IO[bytes]) -> bool:
        return any(head.startswith(signature) for signature in signatures)

    return check


def _zip_with(*, member_prefix: str = "", mimetype: bytes = b"") -> Callable[[bytes, IO[bytes]], bool]:
    """Office documents are ZIP archives; tell them apart by what the archive holds."""

    def check(head: bytes, stream: IO[bytes]) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        if mimetype:
            # OpenDocument stores its uncompressed media type first, right after the 30-byte header.
            return head[30:38] == b"mimetype" and head[38 : 38 + len(mimetype)] == mimetype
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                return any(name.startswith(member_prefix) for name in archive.namelist())
        except (zipfile.BadZipFile, OSError, EOFError):
            return False
        finally:
            stream.seek(0)

    return check


def _plain_text(head: bytes, _stream: IO[bytes]) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            # A multi-byte character may be cut at the end of the sample.
            head.decode(encoding, errors="strict" if len(head) < 2048 else "ignore")
        except UnicodeDecodeError:
            continue
        return True
    return False


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes, IO[bytes]], bool]


FILE_KINDS: dict[str, FileKind] = {
    "pdf": FileKind("PDF", (".pdf",), _starts_with(b"%PDF-")),
    "docx": FileKind("DOCX", (".docx",), _zip_with(member_prefix="word/")),
    "odt": FileKind("ODT", (".odt",), _zip_with(mimetype=b"application/vnd.oasis.opendocument.text")),
    "xlsx": FileKind("XLSX", (".xlsx",), _zip_with(member_prefix="xl/")),
    "png": FileKind("PNG", (".png",), _starts_with(b"\x89PNG\r\n\x1a\n")),
    "jpeg": FileKind("JPEG", (".jpg", ".jpeg"), _starts_with(b"\xff\xd8\xff")),
    "csv": FileKind("CSV", (".csv",), _plain_text),
}
DOCUMENT_KINDS = ("pdf", "docx", "odt", "xlsx", "png", "jpeg")


def safe_filename(name: str) -> str:
    """The file's own name without any folder, reduced to letters, digits, dots, dashes and underscores."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # get_valid_filename refuses names that reduce to nothing or to dots
        cleaned = ""
    stem, ext = os.path.splitext(cleaned)
    return f"{stem[:120] or 'document'}{ext.lower()[:10]}"


def _kinds(allowed: Iterable[str]) -> list[FileKind]:
    """Kinds named by key ("pdf") or by extension (".jpg", "jpg"), in the order given."""
    kinds: list[FileKind] = []
    for item in allowed:
        key = item.lower().lstrip(".")
        kind = FILE_KINDS.get(key) or next(
            (k for k in FILE_KINDS.values() if f".{key}" in k.extensions), None
        )
        if kind is None:
            raise ValueError(f"unknown file kind {item!r}; known: {sorted(FILE_KINDS)}")
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def validate_upload(
    file: UploadedFile, *, allowed: Iterable[str] = DOCUMENT_KINDS, max_mb: int | None = None
) -> str:
    """Refuse a file that is too large or not of an allowed kind; return its sanitised name.

    Raises a ValidationError whose message names the file and the fix; the caller attaches it to its field.
    """
    kinds = _kinds(allowed)
    limit_mb = max_mb if max_mb is not None else settings.MAX_UPLOAD_MB
    name = safe_filename(file.name or "")
    accepted = ", ".join(kind.label for kind in kinds)
    size = file.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty; choose the file again.") % {"name": name})
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; the limit is %(limit)s MB. Reduce or split the file.")
            % {"name": name, "size": size / (1024 * 1024), "limit": limit_mb}
        )
    extension = os.path.splitext(name)[1].lower()
    matching = [kind for kind in kinds if extension in kind.extensions]
    if not matching:
        raise ValidationError(
            _("“%(name)s” is not an accepted kind of file. Accepted: %(kinds)s.")
            % {"name": name, "kinds": accepted}
        )
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if not any(kind.sniff(head, file) for kind in matching):
        raise ValidationError(
            _("“%(name)s” does not contain what its extension says (%(kind)s). Save it again as %(kind)s.")
            % {"name": name, "kind": matching[0].label}
        )
    file.seek(0)
    return name
