"""`icc backup` and `icc restore` give back exactly the backup: every table row for row, every media file
byte for byte, nothing written afterwards; a damaged, foreign or newer archive, or a database in use, is
refused with everything left as it was.

The in-process tests run on whatever database the suite runs on (SQLite's in-memory test database, or
PostgreSQL in CI); the ones about SQLite's files run the real commands on a copy of the test database."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from icc.network.models import City
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the dump and restore tools see committed data only

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's files")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's sessions")


def table_checksums() -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of its rows in primary-key order."""
    quote = connection.ops.quote_name
    checksums = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            primary_key = connection.introspection.get_primary_key_column(cursor, table)
            order = f" ORDER BY {quote(primary_key)}" if primary_key else ""
            cursor.execute(f"SELECT * FROM {quote(table)}{order}")  # noqa: S608
            rows = cursor.fetchall() if primary_key else sorted(cursor.fetchall(), key=repr)
            checksums[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return checksums


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def write_media(name: str, data: bytes) -> None:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def take_backup(tmp_path: Path) -> Path:
    call_command("backup", f"{tmp_path / 'backups'}/", stdout=io.StringIO())
    (archive,) = (tmp_path / "backups").iterdir()
    return archive


def rewrite_archive(archive: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the archive with members changed by `change(name, data)`, as a careless hand would."""
    changed = archive.with_name("changed.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as target:
        for info in source:
            data = change(info.name, source.extractfile(info).read())
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return changed


@pytest.fixture
def site(lyon, porto, alice):
    write_media("reports/1/draft/report-en.pdf", b"%PDF-1.7 Lyon's draft report\x00\xff")
    write_media("accession/lyon/letter.pdf", b"%PDF-1.7 letter of intent")
    return lyon


@pytest.fixture
def later_writes():
    """What happens after the backup: a new city, a changed one, a new file and a changed file, and a
    table that a later migration made, pointing at the cities (it would block dropping them)."""

    def write() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE later_migration "
                "(id integer PRIMARY KEY, city_id bigint REFERENCES network_city(id))"
            )
            cursor.execute("INSERT INTO later_migration VALUES (1, %s)", [City.objects.get(slug="lyon").pk])
        CityFactory(name_en="Aarhus", slug="aarhus", country="DK")
        City.objects.filter(slug="lyon").update(population=1)
        write_media("uploads/late.pdf", b"written after the backup")
        write_media("reports/1/draft/report-en.pdf", b"regenerated after the backup")

    yield write
    with connection.cursor() as cursor:  # a refused restore leaves it; the next tests must not see it
        cursor.execute("DROP TABLE IF EXISTS later_migration")


def test_a_restore_gives_back_exactly_the_backup(site, later_writes, tmp_path):
    tables, files = table_checksums(), media_files()
    archive = take_backup(tmp_path)
    later_writes()
    assert table_checksums() != tables and media_files() != files

    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out)

    assert table_checksums() == tables
    assert media_files() == files
    assert not City.objects.filter(slug="aarhus").exists()
    assert City.objects.get(slug="lyon").population == 522_000
    assert "later_migration" not in connection.introspection.table_names()
    assert "Restored" in out.getvalue()
    # The restored database goes on working: new rows get new keys.
    CityFactory(name_en="Aarhus", slug="aarhus", country="DK")
    assert not list(tmp_path.glob(".icc-restore-*"))


def test_the_manifest_lists_every_member_with_its_checksum(site, tmp_path):
    archive = take_backup(tmp_path)
    with tarfile.open(archive) as tar:
        contents = {info.name: tar.extractfile(info).read() for info in tar}
    manifest = json.loads(contents.pop("manifest.json"))
    assert manifest["engine"] == connection.vendor
    assert manifest["platform_version"]
    assert "0001_initial" in manifest["migrations"]["network"]
    assert manifest["members"] == {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in contents.items()
    }
    assert {"media/reports/1/draft/report-en.pdf", "media/accession/lyon/letter.pdf"} <= set(contents)


def test_check_verifies_an_archive_without_changing_anything(site, later_writes, tmp_path):
    archive = take_backup(tmp_path)
    later_writes()
    tables, files = table_checksums(), media_files()
    out = io.StringIO()
    call_command("restore", str(archive), check=True, stdout=out)
    assert "every checksum matches" in out.getvalue()
    assert table_checksums() == tables and media_files() == files


def test_a_restore_asks_first_and_no_changes_nothing(site, later_writes, tmp_path, monkeypatch):
    archive = take_backup(tmp_path)
    later_writes()
    tables, files = table_checksums(), media_files()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled; nothing was changed"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert table_checksums() == tables and media_files() == files


def test_a_restore_without_a_terminal_says_to_use_no_input(site, tmp_path, monkeypatch):
    archive = take_backup(tmp_path)

    def no_terminal(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    with pytest.raises(CommandError, match="run with --no-input"):
        call_command("restore", str(archive), stdout=io.StringIO())


def _flip_media_byte(name: str, data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 1]) if name == "media/accession/lyon/letter.pdf" else data


def _list_a_missing_member(name: str, data: bytes) -> bytes:
    if name == "manifest.json":
        manifest = json.loads(data)
        manifest["members"]["media/extra.txt"] = {"sha256": "0" * 64, "size": 1}
        return json.dumps(manifest).encode()
    return data


def _truncated(archive: Path) -> Path:
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return archive


def _replaced(archive: Path, data: bytes) -> Path:
    archive.write_bytes(data)
    return archive


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda archive: rewrite_archive(archive, _flip_media_byte),
            "letter.pdf does not match its checksum",
        ),
        (lambda archive: rewrite_archive(archive, _list_a_missing_member), "media/extra.txt is missing"),
        (lambda archive: _truncated(archive), "is damaged or not a backup archive"),
        (lambda archive: _replaced(archive, b"not an archive at all"), "is damaged or not a backup archive"),
        (lambda archive: archive.with_name("nowhere.tar.gz"), "No backup archive at"),
    ],
    ids=["changed-file", "missing-member", "truncated", "not-an-archive", "no-such-file"],
)
def test_a_damaged_or_missing_archive_is_refused_and_nothing_changes(
    site, later_writes, tmp_path, damage, message
):
    archive = damage(take_backup(tmp_path))
    later_writes()
    tables, files = table_checksums(), media_files()

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), interactive=False, stdout=io.StringIO())

    assert table_checksums() == tables
    assert media_files() == files
    assert not list(tmp_path.glob(".icc-restore-*"))


def test_an_archive_of_another_engine_is_refused(site, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    names = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}

    def pretend_other_engine(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["engine"] = other
        manifest["members"][names[other]] = manifest["members"].pop(names[connection.vendor])
        return json.dumps(manifest).encode()

    archive = rewrite_archive(take_backup(tmp_path), pretend_other_engine)
    with tarfile.open(archive) as source, tarfile.open(tmp_path / "other.tar.gz", "w:gz") as target:
        for info in source:
            data = source.extractfile(info).read()
            info.name = names[other] if info.name == names[connection.vendor] else info.name
            target.addfile(info, io.BytesIO(data))
    tables = table_checksums()
    with pytest.raises(CommandError, match="database, but this installation runs on"):
        call_command("restore", str(tmp_path / "other.tar.gz"), interactive=False)
    assert table_checksums() == tables


def test_an_archive_from_a_newer_version_is_refused(site, tmp_path):
    def from_the_future(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["network"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    archive = rewrite_archive(take_backup(tmp_path), from_the_future)
    with pytest.raises(CommandError, match=r"newer version .* network\.9999_from_the_future"):
        call_command("restore", str(archive), interactive=False)


def test_a_backup_never_lands_inside_media_root(site):
    with pytest.raises(CommandError, match="inside MEDIA_ROOT"):
        call_command("backup", f"{settings.MEDIA_ROOT}/backups/")


@postgresql_only
def test_a_restore_is_refused_while_postgresql_has_other_sessions(site, tmp_path):
    import psycopg

    archive = take_backup(tmp_path)
    database = connection.settings_dict
    other = psycopg.connect(
        dbname=database["NAME"],
        host=database["HOST"],
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"],
        application_name="gunicorn",
    )
    try:
        with pytest.raises(CommandError, match=r"in use by 1 other connection\(s\) \(gunicorn\)"):
            call_command("restore", str(archive), interactive=False)
    finally:
        other.close()


# --- SQLite's files: the real commands on a copy of the test database ------------------------------------


@pytest.fixture
def sqlite_site(tmp_path):
    """A file database like production's (WAL), a probe table with three rows, and a media file."""
    path = tmp_path / "site" / "icc.sqlite3"
    path.parent.mkdir()
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.execute("PRAGMA journal_mode=WAL")
    copy.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, value TEXT)")
    copy.executemany("INSERT INTO probe (value) VALUES (?)", [("one",), ("two",), ("three",)])
    copy.commit()
    copy.close()
    media = tmp_path / "site" / "media"
    (media / "reports").mkdir(parents=True)
    (media / "reports" / "a.pdf").write_bytes(b"%PDF before")
    return path


def icc(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{site}",
        "MEDIA_ROOT": str(site.parent / "media"),
        "ICC_VAR_DIR": str(site.parent),
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "icc", *args], env=environment, capture_output=True, text=True, check=False
    )


def probe_rows(site: Path) -> list[tuple[int, str]]:
    reader = sqlite3.connect(site)
    try:
        return reader.execute("SELECT id, value FROM probe ORDER BY id").fetchall()
    finally:
        reader.close()


CRASHING_WRITER = """
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode=WAL")
db.executemany("INSERT INTO probe (value) VALUES (?)", [(f"late {n}",) for n in range(100)])
db.execute("UPDATE probe SET value = 'changed' WHERE id = 1")
db.commit()
os._exit(0)  # dies without closing: its commits stay in the -wal, never checkpointed
"""


@sqlite_only
def test_a_restore_over_a_left_over_wal_gives_back_exactly_the_backup(sqlite_site, tmp_path):
    backup = icc(sqlite_site, "backup", str(tmp_path / "site.tar.gz"))
    assert backup.returncode == 0, backup.stderr
    subprocess.run([sys.executable, "-c", CRASHING_WRITER, str(sqlite_site)], check=True)  # noqa: S603
    assert Path(f"{sqlite_site}-wal").stat().st_size > 0
    assert len(probe_rows(sqlite_site)) == 103  # the -wal holds the later writes
    (sqlite_site.parent / "media" / "late.pdf").write_bytes(b"after")

    restore = icc(sqlite_site, "restore", "--no-input", str(tmp_path / "site.tar.gz"))

    assert restore.returncode == 0, restore.stderr
    assert probe_rows(sqlite_site) == [(1, "one"), (2, "two"), (3, "three")]
    check = sqlite3.connect(sqlite_site)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
    assert sorted(p.name for p in (sqlite_site.parent / "media").rglob("*")) == ["a.pdf", "reports"]


@sqlite_only
def test_a_restore_is_refused_while_the_sqlite_database_is_in_use(sqlite_site, tmp_path):
    assert icc(sqlite_site, "backup", str(tmp_path / "site.tar.gz")).returncode == 0
    (sqlite_site.parent / "media" / "late.pdf").write_bytes(b"after")
    running_site = sqlite3.connect(sqlite_site)  # an idle connection, as a worker or gunicorn keeps
    running_site.execute("INSERT INTO probe (value) VALUES ('four')")
    running_site.commit()
    try:
        restore = icc(sqlite_site, "restore", "--no-input", str(tmp_path / "site.tar.gz"))
    finally:
        running_site.close()
    assert restore.returncode == 1
    assert "is in use: stop the web server and the worker" in restore.stderr
    assert len(probe_rows(sqlite_site)) == 4
    assert (sqlite_site.parent / "media" / "late.pdf").exists()


BUSY_WRITER = """
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=60)
db.execute("PRAGMA journal_mode=WAL")
started = False
while not os.path.exists(sys.argv[2]):
    db.executemany("INSERT INTO probe (value) VALUES (?)", [("busy",)] * 50)
    db.commit()
    if not started:
        print("writing", flush=True)
        started = True
    time.sleep(0.005)  # a busy site, not a disk filler: the copies stay small
db.close()
"""


@sqlite_only
def test_a_backup_succeeds_while_the_site_writes(sqlite_site, tmp_path):
    stop = tmp_path / "stop"
    writer = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", BUSY_WRITER, str(sqlite_site), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        archives = []
        for number in range(3):
            archive = tmp_path / f"busy-{number}.tar.gz"
            result = icc(sqlite_site, "backup", str(archive))
            assert result.returncode == 0, result.stderr
            archives.append(archive)
    finally:
        stop.touch()
        writer.wait(timeout=120)
    assert writer.returncode == 0
    counts = []
    for archive in archives:
        with tarfile.open(archive) as tar:
            (tmp_path / "copy.sqlite3").write_bytes(tar.extractfile("database.sqlite3").read())
        copy = sqlite3.connect(tmp_path / "copy.sqlite3")
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts.append(copy.execute("SELECT count(*) FROM probe").fetchone()[0])
        copy.close()
    # Each backup is a consistent snapshot taken while rows kept coming, in batches of 50.
    assert counts == sorted(counts) and all(count > 3 and (count - 3) % 50 == 0 for count in counts)


def test_uploads_waiting_for_their_import_are_left_out(site, tmp_path):
    write_media("staging/imports/0123456789abcdef0123456789abcdef.csv", b"name,country\nLyon,FR\n")

    with tarfile.open(take_backup(tmp_path)) as tar:
        names = set(tar.getnames())

    assert "media/accession/lyon/letter.pdf" in names
    assert not any("staging" in name for name in names)
