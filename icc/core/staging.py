"""Uploaded files kept between a dry run and its apply, in the default storage (the media storage).

An import is checked first and applied on a later request, or by a worker, possibly on another machine: so
the file goes through Django's default storage (files under MEDIA_ROOT, or the bucket with MEDIA_STORAGE=s3),
not the local disk. It is kept behind a random token: `staging/<area>/<token>.<extension>` holds the bytes
and `staging/<area>/<token>.json` who uploaded it, when (UTC), its name and whatever the caller needs to find
its target again. A staged file belongs to the person who uploaded it (anyone else gets a 404) and is
forgotten a day after it was staged, by the time in its description (not the file's modification time,
which a bucket does not keep as a disk does).

Media have no public address (no view serves MEDIA_URL; pages serve a document through a view that checks
access), and no view serves a name under `staging/`: a staged file is never reachable by URL.
"""

import contextlib
import datetime
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone

STAGED_MAX_AGE = datetime.timedelta(days=1)
ROOT = "staging"
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
_AREA_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_EXTENSION_RE = re.compile(r"^[a-z0-9]{1,10}$")


@dataclass(frozen=True)
class StagedFile:
    token: str
    owner_id: int
    filename: str
    name: str  # the name in the default storage
    extension: str
    extra: dict[str, Any] = field(default_factory=dict)

    def read_bytes(self) -> bytes:
        with default_storage.open(self.name, "rb") as file:
            content = file.read()
        return content if isinstance(content, bytes) else content.encode()


def staging_dir(area: str) -> str:
    """The storage folder of `area` (a name, not a local path)."""
    if not _AREA_RE.fullmatch(area):
        raise ValueError(f"bad staging area {area!r}")
    return f"{ROOT}/{area}"


def _meta_name(area: str, token: str) -> str:
    return f"{staging_dir(area)}/{token}.json"


def _content_name(area: str, token: str, extension: str) -> str:
    return f"{staging_dir(area)}/{token}.{extension}"


def _read_meta(area: str, token: str) -> dict[str, Any]:
    """The description of a staged file; FileNotFoundError when there is none, ValueError when unreadable."""
    with default_storage.open(_meta_name(area, token), "rb") as file:
        meta = json.loads(file.read())
    if not isinstance(meta, dict):
        raise ValueError("not a staged file's description")
    return meta


def _is_expired(meta: dict[str, Any]) -> bool:
    """Staged more than a day ago, by the time in its description (none or an unreadable one: expired)."""
    try:
        created = datetime.datetime.fromisoformat(str(meta["created"]))
    except (KeyError, ValueError):
        return True
    if created.tzinfo is None:
        created = created.replace(tzinfo=datetime.UTC)
    return timezone.now() - created > STAGED_MAX_AGE


def _save(name: str, content: bytes) -> None:
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # a storage that renamed it (a collision of random tokens cannot happen)
        default_storage.delete(saved)
        raise RuntimeError(f"the storage kept the staged file as {saved!r}, not {name!r}")


def discard(area: str, token: str) -> None:
    """Forget a staged file (both its content and its description); nothing happens if it is gone."""
    if not _TOKEN_RE.fullmatch(token or ""):
        return
    try:
        extension = str(_read_meta(area, token).get("extension", ""))
    except (FileNotFoundError, ValueError):
        extension = ""
    if _EXTENSION_RE.fullmatch(extension):
        names = [_content_name(area, token, extension)]
    else:  # no readable description: find the content by its token
        try:
            names = [
                f"{staging_dir(area)}/{filename}"
                for filename in default_storage.listdir(staging_dir(area))[1]
                if filename.startswith(f"{token}.") and not filename.endswith(".json")
            ]
        except FileNotFoundError:
            names = []
    # The content first: a description left alone is found and purged later, a content alone would not be.
    for name in [*names, _meta_name(area, token)]:
        with contextlib.suppress(FileNotFoundError):
            default_storage.delete(name)


def purge_expired(area: str) -> None:
    """Forget the files of `area` staged more than a day ago."""
    try:
        filenames = default_storage.listdir(staging_dir(area))[1]
    except FileNotFoundError:
        return  # nothing staged yet
    for filename in filenames:
        token, _, suffix = filename.rpartition(".")
        if suffix != "json" or not _TOKEN_RE.fullmatch(token):
            continue
        try:
            meta = _read_meta(area, token)
        except FileNotFoundError:
            continue  # discarded meanwhile by another request
        except ValueError:
            meta = {}
        if _is_expired(meta):
            discard(area, token)


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
    if not _EXTENSION_RE.fullmatch(extension):
        raise ValueError(f"bad staged file extension {extension!r}")
    purge_expired(area)
    token = secrets.token_hex(16)
    meta = {
        "owner": owner_id,
        "filename": filename,
        "extension": extension,
        "created": timezone.now().astimezone(datetime.UTC).isoformat(),
        "extra": extra or {},
    }
    # The description first, so that the purge finds (and removes) a content whose save was interrupted.
    _save(_meta_name(area, token), json.dumps(meta).encode())
    name = _content_name(area, token, extension)
    try:
        _save(name, content)
    except BaseException:
        discard(area, token)
        raise
    return StagedFile(
        token=token,
        owner_id=owner_id,
        filename=filename,
        name=name,
        extension=extension,
        extra=dict(extra or {}),
    )


def staged_file_for_user(area: str, user: Any, token: str, *, extensions: Iterable[str]) -> StagedFile:
    """The file behind `token` if `user` staged it less than a day ago; else 404."""
    return staged_file(area, token, owner_id=user.pk, extensions=extensions)


def staged_file(area: str, token: str, *, owner_id: int | None, extensions: Iterable[str]) -> StagedFile:
    """The file behind `token` if `owner_id` staged it less than a day ago (a task reads it for the person
    who uploaded it); else 404."""
    if not _TOKEN_RE.fullmatch(token or ""):
        raise Http404("No such import.")
    try:
        meta = _read_meta(area, token)
    except (FileNotFoundError, ValueError):
        raise Http404("No such import.") from None
    if _is_expired(meta):
        discard(area, token)
        raise Http404("This import has expired.")
    extension = str(meta.get("extension", ""))
    if (
        owner_id is None
        or meta.get("owner") != owner_id
        or not _EXTENSION_RE.fullmatch(extension)
        or extension not in set(extensions)
    ):
        raise Http404("No such import.")
    name = _content_name(area, token, extension)
    if not default_storage.exists(name):
        raise Http404("No such import.")
    extra = meta.get("extra")
    return StagedFile(
        token=token,
        owner_id=owner_id,
        filename=str(meta.get("filename", "")),
        name=name,
        extension=extension,
        extra=extra if isinstance(extra, dict) else {},
    )
