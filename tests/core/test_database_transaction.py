"""SQLite's write transaction (core.database._WriteTransaction, what ``atomic()`` with no
arguments gives): it behaves as peewee's — commit, rollback on an exception, a savepoint
inside another, commit callbacks, a failed COMMIT rolled back — on a real file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import peewee as pw
import pytest

from core.database import connect, db

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("ZHIDU_TEST_POSTGRES")),
    reason="SQLite's own transaction object: these run in the SQLite pass",
)


class Boom(Exception):
    pass


@pytest.fixture
def database(tmp_path: Path) -> Iterator[pw.Database]:
    database = connect(f"sqlite:///{tmp_path / 'tx.db'}")
    database.execute_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    database.execute_sql(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT, "
        "parent_id INTEGER REFERENCES parent (id))"
    )
    yield database
    database.close()
    db.initialize(None)


def add(database: pw.Database, who: str, parent: int | None = None) -> None:
    database.execute_sql("INSERT INTO t (who, parent_id) VALUES (?, ?)", (who, parent))


def whos(database: pw.Database) -> list[str]:
    return [who for (who,) in database.execute_sql("SELECT who FROM t ORDER BY id")]


def test_it_commits_and_is_a_transaction_while_it_runs(database: pw.Database) -> None:
    sent: list[str] = []
    database.connection().set_trace_callback(sent.append)
    with database.atomic():
        assert database.in_transaction() and database.transaction_depth() == 1
        add(database, "a")
    assert not database.in_transaction()
    assert not database.connection().in_transaction  # SQLite's own state: committed
    assert [s for s in sent if not s.startswith("PRAGMA")] == [
        "BEGIN IMMEDIATE",
        "INSERT INTO t (who, parent_id) VALUES ('a', NULL)",
        "COMMIT",
    ]
    assert whos(database) == ["a"]


def test_an_exception_rolls_it_back_and_goes_on(database: pw.Database) -> None:
    with pytest.raises(Boom), database.atomic():
        add(database, "a")
        raise Boom
    assert not database.in_transaction() and not database.connection().in_transaction
    assert whos(database) == []


def test_inside_another_it_is_a_savepoint(database: pw.Database) -> None:
    with database.atomic():
        add(database, "outer")
        with pytest.raises(Boom), database.atomic():
            add(database, "inner")
            raise Boom
        assert database.in_transaction()  # the outer one goes on
        with database.atomic():
            add(database, "kept")
    assert whos(database) == ["outer", "kept"]  # only the failed savepoint was undone


def test_commit_callbacks_run_after_a_commit_only(database: pw.Database) -> None:
    ran: list[str] = []
    with database.atomic():
        database.after_commit(lambda: ran.append("committed"))
        assert ran == []
    assert ran == ["committed"]
    with pytest.raises(Boom), database.atomic():
        database.after_commit(lambda: ran.append("rolled back"))
        raise Boom
    assert ran == ["committed"]
    with database.atomic():
        pass
    assert ran == ["committed"]  # the rolled-back one was dropped, not kept for later


def test_a_failed_commit_is_rolled_back_and_raised_as_peewees_error(
    database: pw.Database,
) -> None:
    with pytest.raises(pw.IntegrityError, match="FOREIGN KEY"), database.atomic():
        database.execute_sql("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT
        add(database, "orphan", parent=99)
    assert not database.in_transaction() and not database.connection().in_transaction
    assert whos(database) == []
    with database.atomic():  # and the next one works
        add(database, "next")
    assert whos(database) == ["next"]


def test_it_opens_a_closed_connection(database: pw.Database) -> None:
    database.close()
    with database.atomic():
        add(database, "a")
        assert database.transaction_depth() == 1  # on the new connection's stack
    assert whos(database) == ["a"]


def test_as_a_decorator_each_call_is_a_transaction(database: pw.Database) -> None:
    @database.atomic()
    def add_then_fail(who: str) -> None:
        assert database.in_transaction()
        add(database, who)
        if who == "fails":
            raise Boom

    add_then_fail("a")
    with pytest.raises(Boom):
        add_then_fail("fails")
    assert whos(database) == ["a"]


def test_a_begin_that_fails_otherwise_than_locked_raises_peewees_error(
    database: pw.Database,
) -> None:
    database.connection().execute("BEGIN")  # behind peewee's back
    with pytest.raises(pw.OperationalError, match="within a transaction"), database.atomic():
        add(database, "never")
    assert not database.in_transaction()  # peewee's stack left as it was
    database.connection().execute("ROLLBACK")
    assert whos(database) == []
