"""Staged imports go through the default storage, so that the next request or the worker finds them on any
machine: here a storage with no local paths at all (as a bucket), and the files of MEDIA_ROOT."""

import datetime
import json
import os
from types import SimpleNamespace

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.http import Http404
from django.utils import timezone
from django.utils._os import safe_join

from icc.core import staging

AREA = "imports"


class NoLocalPaths(InMemoryStorage):
    """Files in memory, and no local path to any of them (as in a bucket): `path()` raises as S3's does."""

    def path(self, name):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def _relative_path(self, name):  # InMemoryStorage's own bookkeeping, which went through path()
        return os.path.relpath(safe_join(self.location, name), self.location)


@pytest.fixture
def in_memory(settings):
    """A new storage of that kind for each test, as the default storage."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.NoLocalPaths"}}
    yield default_storage
    assert not os.path.exists(settings.MEDIA_ROOT)  # nothing on the local disk


def waiting() -> list[str]:
    folder = f"staging/{AREA}"
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def stage(owner_id: int = 7, content: bytes = b"name,country\nLyon,FR\n") -> staging.StagedFile:
    return staging.stage_file(
        AREA, owner_id=owner_id, filename="cities.csv", extension="csv", content=content, extra={"round": 3}
    )


def at(moment: datetime.datetime, monkeypatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_file_staged_in_a_storage_without_local_paths_is_read_back_by_its_owner(in_memory):
    staged = stage()
    assert isinstance(in_memory._wrapped, NoLocalPaths)
    assert staged.name == f"staging/{AREA}/{staged.token}.csv"
    assert waiting() == [f"{staged.token}.csv", f"{staged.token}.json"]

    found = staging.staged_file_for_user(
        AREA, SimpleNamespace(pk=7), staged.token, extensions=("csv", "xlsx")
    )
    assert found.read_bytes() == b"name,country\nLyon,FR\n"
    assert (found.filename, found.extension, found.extra) == ("cities.csv", "csv", {"round": 3})

    with pytest.raises(Http404):  # someone else
        staging.staged_file_for_user(AREA, SimpleNamespace(pk=8), staged.token, extensions=("csv",))
    with pytest.raises(Http404):  # a worker without the uploader
        staging.staged_file(AREA, staged.token, owner_id=None, extensions=("csv",))
    with pytest.raises(Http404):  # not a kind of file this import takes
        staging.staged_file(AREA, staged.token, owner_id=7, extensions=("xlsx",))
    with pytest.raises(Http404):
        staging.staged_file(AREA, "0" * 32, owner_id=7, extensions=("csv",))
    with pytest.raises(Http404):
        staging.staged_file(AREA, "../../secret", owner_id=7, extensions=("csv",))

    staging.discard(AREA, staged.token)
    assert waiting() == []
    with pytest.raises(Http404):
        staging.staged_file(AREA, staged.token, owner_id=7, extensions=("csv",))


def test_expiry_reads_the_time_written_in_the_description(in_memory, monkeypatch):
    monday = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    at(monday, monkeypatch)
    staged = stage()
    with default_storage.open(f"staging/{AREA}/{staged.token}.json") as file:
        assert json.loads(file.read())["created"] == "2026-03-02T09:00:00+00:00"

    at(monday + datetime.timedelta(hours=23), monkeypatch)
    assert staging.staged_file(AREA, staged.token, owner_id=7, extensions=("csv",)).token == staged.token

    at(monday + datetime.timedelta(days=1, minutes=1), monkeypatch)
    with pytest.raises(Http404, match=r"This import has expired\."):
        staging.staged_file(AREA, staged.token, owner_id=7, extensions=("csv",))
    assert waiting() == []  # forgotten, content and description


def test_staging_a_file_forgets_those_of_the_area_older_than_a_day(in_memory, monkeypatch):
    monday = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    at(monday, monkeypatch)
    old = stage(owner_id=1)
    at(monday + datetime.timedelta(hours=12), monkeypatch)
    recent = stage(owner_id=2)

    at(monday + datetime.timedelta(days=1, hours=1), monkeypatch)
    new = stage(owner_id=3)
    assert waiting() == sorted(f"{staged.token}.{ext}" for staged in (recent, new) for ext in ("csv", "json"))
    assert old.token not in "".join(waiting())


def test_the_purge_tolerates_files_gone_meanwhile(in_memory, monkeypatch):
    staged = stage()
    listed = default_storage.listdir(f"staging/{AREA}")
    gone = "0123456789abcdef" * 2
    # Listed, then discarded by another request before the purge reads it.
    monkeypatch.setattr(in_memory._wrapped, "listdir", lambda name: (listed[0], [*listed[1], f"{gone}.json"]))
    staging.purge_expired(AREA)
    staging.discard(AREA, gone)
    monkeypatch.undo()
    assert waiting() == [f"{staged.token}.csv", f"{staged.token}.json"]  # the recent one is kept


def test_files_in_media_root_are_named_as_asked_and_stay_out_of_other_areas(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    staged = stage()
    other = staging.stage_file(
        "index-imports", owner_id=7, filename="answers.xlsx", extension="xlsx", content=b"PK\x03\x04"
    )
    assert (tmp_path / "media" / staged.name).read_bytes() == b"name,country\nLyon,FR\n"
    assert (tmp_path / "media" / other.name).is_file()
    with pytest.raises(Http404):  # a token of one area is unknown in another
        staging.staged_file(AREA, other.token, owner_id=7, extensions=("xlsx",))


@pytest.mark.parametrize("area", ["", "../media", "Imports", "a/b"])
def test_a_bad_area_name_is_refused(area):
    with pytest.raises(ValueError):
        staging.staging_dir(area)


@pytest.mark.parametrize("extension", ["", "csv/../x", "CSV", ".csv"])
def test_a_bad_extension_is_refused(extension):
    with pytest.raises(ValueError):
        staging.stage_file(AREA, owner_id=1, filename="x", extension=extension, content=b"x")
