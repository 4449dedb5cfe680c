"""Uploaded files kept between a dry run and its apply, under VAR_DIR (never under the web root).

An import is checked first and applied on a later request, so the file is kept behind a random token:
`<area>/<token>.<extension>` holds the bytes and `<area>/<token>.json` who uploaded it, its name and
whatever the caller needs to find its target again. A staged file belongs to the person who uploaded it
(anyone else gets a 404) and is forgotten after a day.
"""

import datetime
import json
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404

STAGED_MAX_AGE = datetime.timedelta(days=1)
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
_AREA_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class StagedFile:
    token: str
    owner_id: int
    filename: str
    path: Path
    extra: dict[str, Any] = field(default_factory=dict)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


def staging_dir(area: str) -> Path:
    if not _AREA_RE.fullmatch(area):
        raise ValueError(f"bad staging area {area!r}")
    path = Path(settings.VAR_DIR) / area
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _is_expired(path: Path) -> bool:
    return time.time() - path.stat().st_mtime > STAGED_MAX_AGE.total_seconds()


def discard(area: str, token: str) -> None:
    """Forget a staged file (both its content and its description)."""
    if not _TOKEN_RE.fullmatch(token or ""):
        return
    for path in staging_dir(area).glob(f"{token}.*"):
        path.unlink(missing_ok=True)


def purge_expired(area: str) -> None:
    for path in staging_dir(area).glob("*.json"):
        try:
            if _is_expired(path):
                discard(area, path.stem)
        except FileNotFoundError:
            pass  # removed meanwhile by another request


def stage_file(
    area: str,
    *,
    owner_id: int,
    filename: str,
    extension: str,
    content: bytes,
    extra: dict[str, Any] | None = None,
) -> StagedFile:
    """Keep `content` for its owner behind a new random token; old files of the area are purged."""
    purge_expired(area)
    token = secrets.token_hex(16)
    directory = staging_dir(area)
    path = directory / f"{token}.{extension}"
    path.write_bytes(content)
    meta = {"owner": owner_id, "filename": filename, "extension": extension, "extra": extra or {}}
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return StagedFile(token=token, owner_id=owner_id, filename=filename, path=path, extra=dict(extra or {}))


def staged_file_for_user(area: str, user: Any, token: str, *, extensions: Iterable[str]) -> StagedFile:
    """The file behind `token` if `user` staged it less than a day ago; else 404."""
    return staged_file(area, token, owner_id=user.pk, extensions=extensions)


def staged_file(area: str, token: str, *, owner_id: int | None, extensions: Iterable[str]) -> StagedFile:
    """The file behind `token` if `owner_id` staged it less than a day ago (a task reads it for the person
    who uploaded it); else 404."""
    if not _TOKEN_RE.fullmatch(token or ""):
        raise Http404("No such import.")
    directory = staging_dir(area)
    meta_path = directory / f"{token}.json"
    try:
        if _is_expired(meta_path):
            discard(area, token)
            raise Http404("This import has expired.")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        raise Http404("No such import.") from None
    extension = meta.get("extension")
    path = directory / f"{token}.{extension}"
    if (
        owner_id is None
        or meta.get("owner") != owner_id
        or extension not in set(extensions)
        or not path.exists()
    ):
        raise Http404("No such import.")
    extra = meta.get("extra")
    return StagedFile(
        token=token,
        owner_id=owner_id,
        filename=str(meta.get("filename", "")),
        path=path,
        extra=extra if isinstance(extra, dict) else {},
    )
