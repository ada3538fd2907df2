"""SQLite writers in separate processes take turns (core.database.SqliteDatabase): a
write transaction that finds another process writing waits and then commits; it gives
up with "database is locked" after WRITE_WAIT seconds, not SQLite's busy timeout; and
readers' snapshots never wait. Real files, a second process holding the write lock."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee as pw
import pytest

import core.database
from core.database import connect, db
from core.errors import Busy

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("ZHIDU_TEST_POSTGRES")),
    reason="waiting for SQLite's write lock: these run in the SQLite pass",
)

#: Another process: takes the write lock, says so, holds it for argv[2] seconds, commits.
HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO t (who) VALUES ('holder')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    connection.execute("COMMIT")
""")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[pw.Database]:
    database = connect(f"sqlite:///{tmp_path / 'busy.db'}")
    database.execute_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)")
    yield database
    database.close()
    db.initialize(None)


@pytest.fixture
def hold(database: pw.Database) -> Iterator[Callable[[float], None]]:
    """Start another process holding the write lock for some seconds (ended after)."""
    started: list[subprocess.Popen[str]] = []

    def start(seconds: float) -> None:
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, database.database, str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(holder)
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"

    yield start
    for holder in started:
        holder.kill()
        holder.wait()


def whos(database: pw.Database) -> list[str]:
    return [who for (who,) in database.execute_sql("SELECT who FROM t ORDER BY id")]


def test_a_writer_waits_for_another_process_and_then_commits(
    database: pw.Database, hold: Callable[[float], None]
) -> None:
    hold(1.0)
    started = time.monotonic()
    with database.atomic():
        database.execute_sql("INSERT INTO t (who) VALUES ('waiter')")
    assert time.monotonic() - started > 0.7  # it really waited for the other process
    assert whos(database) == ["holder", "waiter"]


def test_the_wait_is_bounded_by_write_wait_not_the_busy_timeout(
    database: pw.Database, hold: Callable[[float], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core.database, "WRITE_WAIT", 0.5)
    hold(30)
    started = time.monotonic()
    with pytest.raises(Busy, match="the database is busy"), database.atomic():
        database.execute_sql("INSERT INTO t (who) VALUES ('waiter')")
    assert 0.5 <= time.monotonic() - started < 5  # SQLite's busy timeout is 10 s
    (timeout,) = database.execute_sql("PRAGMA busy_timeout").fetchone()
    assert timeout == core.database.SQLITE_PRAGMAS["busy_timeout"]  # restored afterwards
    assert whos(database) == []  # the holder has not committed; nothing of ours was written


def test_a_readers_snapshot_does_not_wait_for_a_writer(
    database: pw.Database, hold: Callable[[float], None]
) -> None:
    hold(30)
    started = time.monotonic()
    with database.atomic(lock_type="DEFERRED"):
        assert whos(database) == []
    assert time.monotonic() - started < 0.5


def test_writes_in_a_row_leave_the_busy_timeout_off_and_anything_else_turns_it_on(
    database: pw.Database,
) -> None:
    from core import sql

    sent: list[str] = []
    database.connection().set_trace_callback(sent.append)
    for who in ("a", "b", "c"):
        with database.atomic():
            database.execute_sql("INSERT INTO t (who) VALUES (?)", (who,))
    switched = [s for s in sent if s.startswith("PRAGMA busy_timeout")]
    assert switched == ["PRAGMA busy_timeout = 0"]  # once, before the first BEGIN
    (timeout,) = database.execute_sql("PRAGMA busy_timeout").fetchone()  # outside: on again
    assert timeout == core.database.WAIT_MS
    with database.atomic():
        database.execute_sql("INSERT INTO t (who) VALUES ('d')")
    assert sql.fetch_one(database, "PRAGMA busy_timeout") == (core.database.WAIT_MS,)
    with database.atomic():
        database.execute_sql("INSERT INTO t (who) VALUES ('e')")
    with database.atomic(lock_type="DEFERRED"):  # a reader's snapshot waits as SQLite does
        (timeout,) = database.execute_sql("PRAGMA busy_timeout").fetchone()
    assert timeout == core.database.WAIT_MS
    assert whos(database) == ["a", "b", "c", "d", "e"]
