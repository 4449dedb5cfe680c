"""Two writers on SQLite: the second waits for the first instead of failing with "database is locked".

With the platform's SQLite options (IMMEDIATE transactions, WAL, a busy timeout), a request that writes
while a long transaction (an import of thousands of cities) holds the write lock waits for it and then
succeeds; it used to answer HTTP 500. The test uses a database file, as the platform does (the test
database lives in memory, where there is no second connection to lock out).
"""

import threading
import time

import pytest
from django.db import connections, transaction

pytestmark = pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="the lock waits are SQLite's own"
)


@pytest.fixture
def two_writers(tmp_path, django_db_blocker):
    """Two connection aliases on one database file, configured as the platform's default database."""
    aliases = ("writer_a", "writer_b")
    for alias in aliases:
        connections.settings[alias] = {
            **connections["default"].settings_dict,
            "NAME": str(tmp_path / "icc.sqlite3"),
        }
    with django_db_blocker.unblock():
        with connections["writer_a"].cursor() as cursor:
            cursor.execute("CREATE TABLE saves (who TEXT)")
        yield aliases
        for alias in aliases:
            connections[alias].close()
    for alias in aliases:
        del connections.settings[alias]
        if hasattr(connections._connections, alias):
            delattr(connections._connections, alias)


def test_the_platform_waits_for_the_write_lock_instead_of_failing():
    options = connections["default"].settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 30
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout=30000" in options["init_command"]


def test_a_writer_waiting_on_a_long_transaction_succeeds(two_writers):
    first, second = two_writers
    holding = threading.Event()
    errors: list[BaseException] = []

    def long_import() -> None:
        try:
            with transaction.atomic(using=first):
                with connections[first].cursor() as cursor:
                    cursor.execute("INSERT INTO saves VALUES ('import')")
                holding.set()
                time.sleep(1.5)  # holds the write lock, as a long import does
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            holding.set()
            connections[first].close()

    thread = threading.Thread(target=long_import)
    thread.start()
    assert holding.wait(timeout=60)
    # An autosave: it reads, then writes, in one transaction, while the import holds the lock.
    with transaction.atomic(using=second), connections[second].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM saves")
        cursor.execute("INSERT INTO saves VALUES ('autosave')")
    thread.join()

    assert errors == []
    with connections[second].cursor() as cursor:
        cursor.execute("SELECT who FROM saves ORDER BY rowid")
        assert [row[0] for row in cursor.fetchall()] == ["import", "autosave"]
