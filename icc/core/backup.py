"""Backup and restore of the whole platform: the database and MEDIA_ROOT in one .tar.gz.

An archive holds `database.sqlite3` (SQLite, taken with SQLite's online backup API, so the site may keep
running and writing) or `database.pgdump` (PostgreSQL, `pg_dump --format=custom`), the files of MEDIA_ROOT
under `media/`, and last `manifest.json`: the SHA-256 and size of every other member, the engine, the
platform version, the applied migrations and the date.

A restore reads and checks the whole archive into a staging directory before it touches anything; then it
refuses a database in use, replaces the database (SQLite: the file, with any left-over -wal/-shm removed, so
that no later write is replayed over the backup; PostgreSQL: one transaction that also drops the tables the
backup does not have) and swaps MEDIA_ROOT for the archive's files, so files written after the backup go.

Both use Django's connection settings (`using`), so they reach whatever database the process runs on,
the test database under pytest included.
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "icc-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# How long a backup waits for a writer's lock before giving up (SQLite's busy timeout, in seconds).
BUSY_TIMEOUT = 60.0
# How long a restore waits for the database to be free before calling it "in use".
IN_USE_TIMEOUT = 2.0
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    engine: str
    created_at: str
    platform_version: str
    migrations: dict[str, list[str]]
    members: dict[str, Member]

    @property
    def media_files(self) -> int:
        return sum(1 for name in self.members if name.startswith(MEDIA_PREFIX))

    def as_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": self.created_at,
                "platform_version": self.platform_version,
                "engine": self.engine,
                "database": DATABASE_MEMBERS[self.engine],
                "migrations": self.migrations,
                "members": {
                    name: {"sha256": member.sha256, "size": member.size}
                    for name, member in sorted(self.members.items())
                },
            },
            indent=2,
            ensure_ascii=False,
        )


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    skipped: list[str] = field(default_factory=list)  # media entries that are not regular files


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    # Migrations this code has that the backup had not applied: `icc migrate` brings the database up to date.
    unapplied: list[str]


# --- backup -------------------------------------------------------------------------------------------


def backup_create(*, destination: Path | str, using: str = "default") -> BackupResult:
    """Write a backup archive of the database and MEDIA_ROOT to `destination`: a file named *.tar.gz, or
    a directory that gets `icc-backup-<date>.tar.gz`. The archive appears complete or not at all."""
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    now = datetime.datetime.now(datetime.UTC)
    to_directory = (
        str(destination).endswith(os.sep)
        or Path(destination).is_dir()
        or not Path(destination).name.endswith((".tar.gz", ".tgz"))
    )
    destination = Path(destination).resolve()
    if to_directory:
        destination = destination / f"icc-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    if destination.exists():
        raise BackupError(f"{destination} already exists: choose another file name or a directory.")
    if destination.is_relative_to(media_root):
        raise BackupError(
            f"{destination} is inside MEDIA_ROOT ({media_root}): write backups somewhere else, "
            "or each backup would hold the previous ones."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix=".icc-backup-", dir=destination.parent) as tmp:
        database_file = Path(tmp) / DATABASE_MEMBERS[engine]
        migrations = _applied_migrations(connection)
        if engine == "sqlite":
            _sqlite_copy(connection, database_file)
        else:
            _pg_dump(connection, database_file)

        partial = destination.with_name(destination.name + ".partial")
        members: dict[str, Member] = {}
        skipped: list[str] = []
        try:
            with tarfile.open(partial, "w:gz") as tar:
                members[database_file.name] = _add_file(tar, database_file.name, database_file)
                for name, path in _media_files(media_root, skipped):
                    members[name] = _add_file(tar, name, path)
                manifest = Manifest(
                    engine=engine,
                    created_at=now.isoformat(timespec="seconds"),
                    platform_version=_platform_version(),
                    migrations=migrations,
                    members=members,
                )
                data = manifest.as_json().encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o644
                tar.addfile(info, _BytesReader(data))
            _fsync(partial)
            os.replace(partial, destination)
            _fsync_dir(destination.parent)
        finally:
            partial.unlink(missing_ok=True)
    return BackupResult(path=destination, manifest=manifest, skipped=skipped)


def _sqlite_copy(connection: BaseDatabaseWrapper, target: Path) -> None:
    """A consistent copy of a live SQLite database through its online backup API (never the file itself,
    whose -wal may hold the latest commits). One step: the copy is one read transaction, which in WAL mode
    writers do not wait for; the busy timeout covers the moments a checkpoint holds the lock."""
    destination = sqlite3.connect(target)
    try:
        if connection.is_in_memory_db():  # type: ignore[attr-defined]
            # The test database lives in this process only: copy it through Django's own connection.
            connection.ensure_connection()
            connection.connection.backup(destination)
        else:
            source = sqlite3.connect(connection.settings_dict["NAME"], timeout=BUSY_TIMEOUT)
            try:
                source.backup(destination)
            except sqlite3.Error as error:
                raise BackupError(f"Could not copy the SQLite database: {error}.") from error
            finally:
                source.close()
        # The copy stands alone: a rollback journal, no -wal to carry beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _pg_dump(connection: BaseDatabaseWrapper, target: Path) -> None:
    _run(["pg_dump", "--format=custom", "--no-password", f"--file={target}"], connection, "pg_dump")


def _media_files(media_root: Path, skipped: list[str]) -> Iterator[tuple[str, Path]]:
    if not media_root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(media_root):
        if Path(directory) == media_root and "staging" in dirnames:
            # Uploads waiting a day at most between an import's check and its apply (icc/core/staging.py):
            # removed while the backup runs when an import is applied, and worth nothing after a restore.
            dirnames.remove("staging")
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            relative = path.relative_to(media_root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
                continue
            yield MEDIA_PREFIX + relative, path


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> Member:
    stat = path.stat()
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
    digest = hashlib.sha256()
    with path.open("rb") as file:
        try:
            tar.addfile(info, _HashingReader(file, digest))
        except OSError as error:  # tarfile reads exactly `size` bytes: the file shrank meanwhile
            raise BackupError(
                f"{path} changed while it was being backed up: run the backup again."
            ) from error
    return Member(sha256=digest.hexdigest(), size=stat.st_size)


class _HashingReader:
    def __init__(self, file: IO[bytes], digest: Any):
        self.file, self.digest = file, digest

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.position = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return chunk


# --- verify and restore -------------------------------------------------------------------------------


def backup_verify(*, archive: Path, using: str = "default") -> Manifest:
    """Read the whole archive and check every checksum and that it fits this installation; touch nothing."""
    connection = connections[using]
    archive = Path(archive)
    # Beside the archive, not in /tmp: a tmpfs may be too small for the media of a whole network.
    place = archive.parent if archive.parent.is_dir() else None
    with tempfile.TemporaryDirectory(prefix=".icc-verify-", dir=place) as staging:
        manifest = _extract_verified(archive, Path(staging))
        _check_fits(manifest, _engine(connection))
        if manifest.engine == "sqlite":
            _sqlite_check_integrity(Path(staging) / DATABASE_MEMBERS["sqlite"])
    return manifest


def backup_restore(
    *,
    archive: Path,
    using: str = "default",
    force: bool = False,
    confirm: Callable[[Manifest], bool] | None = None,
) -> RestoreResult:
    """Replace the database and MEDIA_ROOT with the archive's. Every check runs before anything changes:
    a damaged, foreign or newer archive, a database in use or a `confirm` that says no leaves everything
    as it was."""
    connection = connections[using]
    engine = _engine(connection)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Staged beside MEDIA_ROOT so that the new media directory is renamed into place, not copied.
    staging = Path(tempfile.mkdtemp(prefix=".icc-restore-", dir=media_root.parent))
    try:
        manifest = _extract_verified(Path(archive), staging)
        unapplied = _check_fits(manifest, engine)
        if confirm is not None and not confirm(manifest):
            raise BackupError("Restore cancelled; nothing was changed.")
        database_file = staging / DATABASE_MEMBERS[engine]
        if engine == "sqlite":
            _sqlite_check_integrity(database_file)
            _sqlite_restore(connection, database_file)
        else:
            _pg_refuse_if_in_use(connection, force=force)
            _pg_restore(connection, database_file, staging)
        _media_replace(media_root, staging / "media", staging / "media-before-restore")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(manifest=manifest, unapplied=unapplied)


def _extract_verified(archive: Path, staging: Path) -> Manifest:
    """Extract every member into `staging`, checking names, types, sizes and SHA-256 against the manifest."""
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}: check the path.")
    seen: dict[str, Member] = {}
    manifest_data: bytes | None = None
    try:
        with tarfile.open(archive, "r:*") as tar:
            for info in tar:
                name = _safe_member_name(info, archive)
                if name in seen or (name == MANIFEST and manifest_data is not None):
                    raise BackupError(
                        f"{archive} holds {name} twice: it is not a backup made by `icc backup`."
                    )
                source = tar.extractfile(info)
                assert source is not None  # a regular file, checked above
                if name == MANIFEST:
                    manifest_data = source.read()
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with target.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[name] = Member(sha256=digest.hexdigest(), size=size)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(
            f"{archive} is damaged or not a backup archive ({error}): use another backup."
        ) from error
    except OSError as error:
        raise BackupError(f"Could not read or unpack {archive} ({error}). Nothing was restored.") from error
    if manifest_data is None:
        raise BackupError(f"{archive} has no {MANIFEST}: it is incomplete or not made by `icc backup`.")
    manifest = _parse_manifest(manifest_data, archive)
    missing = sorted(set(manifest.members) - set(seen))
    unlisted = sorted(set(seen) - set(manifest.members))
    changed = sorted(
        name for name in seen.keys() & manifest.members.keys() if seen[name] != manifest.members[name]
    )
    problems = [
        *(f"{name} is missing" for name in missing),
        *(f"{name} is not in the manifest" for name in unlisted),
        *(f"{name} does not match its checksum" for name in changed),
    ]
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise BackupError(f"{archive} is damaged: {shown}. Nothing was restored: use another backup.")
    if DATABASE_MEMBERS[manifest.engine] not in seen:
        raise BackupError(f"{archive} holds no database: it is not a complete backup.")
    return manifest


def _safe_member_name(info: tarfile.TarInfo, archive: Path) -> str:
    path = PurePosixPath(info.name)
    allowed = info.name in (MANIFEST, *DATABASE_MEMBERS.values()) or info.name.startswith(MEDIA_PREFIX)
    if (
        not info.isreg()
        or path.is_absolute()
        or ".." in path.parts
        or str(path) != info.name
        or info.name == MEDIA_PREFIX
        or not allowed
    ):
        raise BackupError(
            f"{archive} holds an unexpected entry {info.name!r}: it is not a backup made by `icc backup`."
        )
    return info.name


def _parse_manifest(data: bytes, archive: Path) -> Manifest:
    try:
        document = json.loads(data)
        if document.get("format") != FORMAT:
            raise BackupError(f"{archive} is not an icc backup (its manifest has no format {FORMAT!r}).")
        if document.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"{archive} is in backup format version {document.get('format_version')}; this version of "
                f"the platform reads version {FORMAT_VERSION}: restore it with the version that made it."
            )
        engine = document["engine"]
        if engine not in DATABASE_MEMBERS:
            raise BackupError(f"{archive} holds a database of an unknown engine {engine!r}.")
        return Manifest(
            engine=engine,
            created_at=str(document["created_at"]),
            platform_version=str(document["platform_version"]),
            migrations={
                str(app): [str(name) for name in names] for app, names in document["migrations"].items()
            },
            members={
                str(name): Member(sha256=str(member["sha256"]), size=int(member["size"]))
                for name, member in document["members"].items()
            },
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"{archive} has a damaged {MANIFEST} ({error!r}): use another backup.") from error


def _check_fits(manifest: Manifest, engine: str) -> list[str]:
    """Refuse an archive of another engine or from a newer version; return the migrations still to apply."""
    if manifest.engine != engine:
        raise BackupError(
            f"This backup holds a {ENGINE_NAMES[manifest.engine]} database, but this installation runs on "
            f"{ENGINE_NAMES[engine]}: restore it where DATABASE_URL points at "
            f"{ENGINE_NAMES[manifest.engine]}."
        )
    on_disk = {
        f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    in_backup = {f"{app}.{name}" for app, names in manifest.migrations.items() for name in names}
    newer = sorted(in_backup - on_disk)
    if newer:
        raise BackupError(
            f"This backup was made by a newer version of the platform ({manifest.platform_version}); "
            f"this code does not know its migrations {', '.join(newer[:5])}"
            f"{' ...' if len(newer) > 5 else ''}: install that version, then restore."
        )
    return sorted(on_disk - in_backup)


def _sqlite_check_integrity(path: Path) -> None:
    check = sqlite3.connect(path)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        result = str(error)
    finally:
        check.close()
    if result != "ok":
        raise BackupError(f"The database in this backup is damaged ({result}): use another backup.")


def _sqlite_restore(connection: BaseDatabaseWrapper, database_file: Path) -> None:
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        # The test database lives in this process only: copy the backup into it through Django's connection.
        connection.ensure_connection()
        source = sqlite3.connect(database_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    target = Path(connection.settings_dict["NAME"]).resolve()
    connection.close()  # this process's own connection must not count as "in use", nor outlive the file
    _sqlite_refuse_if_in_use(target)
    replacement = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(database_file, replacement)
    _fsync(replacement)
    # A -wal left beside the database would be replayed over the restored file at the next open: later
    # writes would come back, on pages that no longer mean the same thing.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(replacement, target)
    _fsync_dir(target.parent)


def _sqlite_refuse_if_in_use(path: Path) -> None:
    """Refuse while another process has the database open. In WAL mode readers never block an ordinary
    exclusive transaction, but exclusive locking mode needs every other connection gone."""
    if not path.exists():
        return
    probe = sqlite3.connect(path, timeout=IN_USE_TIMEOUT, isolation_level=None)
    try:
        probe.execute("PRAGMA locking_mode=EXCLUSIVE")
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise BackupError(
                f"The database {path} is in use: stop the web server and the worker (icc db_worker), "
                "then restore. Nothing was changed."
            ) from error
        # Any other error means a damaged file, which is what a restore is for.
    except sqlite3.DatabaseError:
        pass
    finally:
        probe.close()


def _pg_refuse_if_in_use(connection: BaseDatabaseWrapper, *, force: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), string_agg(DISTINCT coalesce(nullif(application_name, ''), "
            "host(client_addr), 'local'), ', ') FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        count, who = cursor.fetchone()
    connection.close()
    if count and not force:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is in use by {count} other connection(s) "
            f"({who}): stop the web server and the worker (icc db_worker), then restore; --force restores "
            "anyway when those connections are not the site. Nothing was changed."
        )


def _pg_restore(connection: BaseDatabaseWrapper, dump: Path, staging: Path) -> None:
    """pg_restore --clean --if-exists as one psql transaction, which first drops the tables the backup
    does not have (made by later migrations): they would block the drops and survive the restore."""
    listing = _run(["pg_restore", "--list", str(dump)], connection, "pg_restore").stdout
    in_dump = set()
    for line in listing.splitlines():
        parts = line.split()
        if not line.startswith(";") and len(parts) >= 6 and parts[3] == "TABLE":
            in_dump.add((parts[4], parts[5]))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false))"
        )
        present = set(cursor.fetchall())
    connection.close()
    quote = connection.ops.quote_name
    drops = "".join(
        f"DROP TABLE IF EXISTS {quote(schema)}.{quote(table)} CASCADE;\n"
        for schema, table in sorted(present - in_dump)
    )
    script = staging / "restore.sql"
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", f"--file={script}", str(dump)],
        connection,
        "pg_restore",
    )
    command = ["psql", "--no-psqlrc", "--quiet", "--no-password", "--single-transaction"]
    command += ["--set=ON_ERROR_STOP=1", f"--command={drops or 'SELECT 1;'}", f"--file={script}"]
    _run(command, connection, "psql")


def _run(command: list[str], connection: BaseDatabaseWrapper, tool: str) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL client with the connection's settings in its environment (no password in argv)."""
    database = connection.settings_dict
    options = database.get("OPTIONS") or {}
    environment = {
        **os.environ,
        "PGDATABASE": str(database["NAME"]),
        "PGHOST": str(database.get("HOST") or ""),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": str(database.get("USER") or ""),
        "PGPASSWORD": str(database.get("PASSWORD") or ""),
        "PGSSLMODE": str(options.get("sslmode") or os.environ.get("PGSSLMODE", "prefer")),
        "PGAPPNAME": "icc-backup",
    }
    environment = {key: value for key, value in environment.items() if value}
    try:
        result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            f"{tool} is not installed: install the PostgreSQL client "
            "(e.g. apt-get install postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def _media_replace(media_root: Path, new: Path, old: Path) -> None:
    """MEDIA_ROOT becomes exactly the archive's files: renamed into place, the former directory removed."""
    new.mkdir(exist_ok=True)
    if not media_root.exists():
        os.rename(new, media_root)
        return
    try:
        os.rename(media_root, old)
    except OSError:
        # MEDIA_ROOT is a mount point: it cannot be renamed, so empty it and move the files in.
        for entry in media_root.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in new.iterdir():
            shutil.move(entry, media_root / entry.name)
        return
    try:
        os.rename(new, media_root)
    except OSError:
        os.rename(old, media_root)
        raise


# --- helpers ------------------------------------------------------------------------------------------


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"icc backup handles SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _platform_version() -> str:
    try:
        return metadata.version("icc")
    except metadata.PackageNotFoundError:
        return "unknown"


def _fsync(path: Path) -> None:
    with path.open("rb") as file:
        os.fsync(file.fileno())


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
