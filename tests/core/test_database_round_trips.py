"""PostgreSQL write transactions in few round trips (core.database.PostgresqlDatabase):
the BEGIN and the audit log's lock go with the first statement (which also draws a new
row's id, core.sql.keep_new_id), the new row, the audit entry and the log's update with
the COMMIT — and what waits always reaches the server before anything that could see it,
and never after a rollback. A real server, its statements counted at the driver."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

import pytest

from core import models
from core.errors import InvalidInput
from core.services.context import Context
from core.services.people import add_person
from tests.conftest import audit_entries, make_org

if not os.environ.get("ZHIDU_TEST_POSTGRES"):
    pytest.skip(
        "PostgreSQL's round trips: these run in the PostgreSQL pass", allow_module_level=True
    )

import psycopg2.extensions  # the postgres extra, installed for that pass


class _Counting(psycopg2.extensions.cursor):
    sent: ClassVar[list[str]] = []

    def execute(self, query: object, vars: object = None) -> None:
        _Counting.sent.append(query if isinstance(query, str) else bytes(query).decode())
        super().execute(query, vars)  # type: ignore[arg-type]


@pytest.fixture
def sent(ctx: Context) -> Iterator[list[str]]:
    make_org(ctx)
    connection = ctx.database.connection()
    connection.cursor_factory = _Counting
    _Counting.sent = []
    yield _Counting.sent
    connection.cursor_factory = psycopg2.extensions.cursor


def test_an_audited_change_is_two_round_trips(ctx: Context, sent: list[str]) -> None:
    """The raw baseline (bench) takes three: psycopg2's BEGIN, the INSERT, COMMIT."""
    models.AuditLog.update(checkpoint_every=1_000).execute()  # none signed in between
    trips, ids = [], []
    for n in range(15):
        sent.clear()
        ids.append(add_person(ctx, "gdpu", name=f"张{n}", gender="男", birth_date="1990-01-01").id)
        trips.append(len(sent))
        # the BEGIN rode along with the service's first statement, which read the
        # organization and the audit log's state, locking the log (so no lock statement)
        assert sent[0].startswith(("BEGIN; EXECUTE", "BEGIN; PREPARE")), sent[0]
        # the new row, the audit entry and the log's new size went with the COMMIT
        assert sent[-1].endswith("COMMIT") and sent[-1].count("EXECUTE") == 3, sent
    assert trips == [2] * 15, trips
    assert ids == list(range(ids[0], ids[0] + 15))  # drawn in order, no gaps
    assert not any("PREPARE" in s for s in sent), sent  # the statements prepared once
    assert [b.action for b in audit_entries(ctx, "person.add")] == ["person.add"] * 15
    stored = models.Person.select().where(models.Person.id.in_(ids)).order_by(models.Person.id)
    assert [p.name for p in stored] == [f"张{n}" for n in range(15)]


def test_ids_drawn_with_the_lock_follow_the_order_of_changes(ctx: Context, sent: list[str]) -> None:
    """Another connection's row, its id filled in by the server, between two of ours."""
    first = add_person(ctx, "gdpu", name="张一", gender="男", birth_date="1990-01-01").id
    other = psycopg2.connect(**ctx.database.connect_params, dbname=ctx.database.database)
    try:
        with other, other.cursor() as cursor:
            cursor.execute(_INSERT + ' RETURNING "id"', (_org_id(), "李四", "男", "1990-01-01"))
            theirs = cursor.fetchone()[0]
    finally:
        other.close()
    with pytest.raises(InvalidInput):  # refused after its id was drawn: a gap, no row
        add_person(ctx, "gdpu", name="张二", gender="男", birth_date="2990-01-01")
    second = add_person(ctx, "gdpu", name="张三", gender="男", birth_date="1990-01-01").id
    assert first < theirs < second == theirs + 2
    names = {p.id: p.name for p in models.Person.select()}
    assert names == {first: "张一", theirs: "李四", second: "张三"}


def test_a_row_the_server_refuses_fails_the_whole_change(ctx: Context, sent: list[str]) -> None:
    """The new row waits for the COMMIT: the server's refusal comes there, and undoes
    the change's audit entry with it."""
    from peewee import IntegrityError

    from core import audit, sql
    from core.access import Action
    from core.services.orgs import org_row

    entries = models.AuditEntry.select().count()
    body_done = False
    with pytest.raises(IntegrityError), ctx.transaction():
        org = org_row(ctx, "gdpu", Action.EDIT_PEOPLE, new_row_of=models.Person)
        values = {"org": org.id, "name": "李四", "gender": "男", "birth_date": date(1990, 1, 1)}
        new_id = sql.insert(models.Person, values | {"unit": 999_999})  # no such unit
        audit.record(
            ctx, org_id=org.id, action="person.add", object_type="person", object_id=new_id
        )
        body_done = True  # the refused row waited: no error yet
    assert body_done
    assert models.Person.select().count() == 0
    assert models.AuditEntry.select().count() == entries


_INSERT = 'INSERT INTO "person" ("org_id", "name", "gender", "birth_date") VALUES (%s, %s, %s, %s)'


def _org_id() -> int:
    return int(models.Organization.get(models.Organization.code == "gdpu").id)


def test_what_waits_is_sent_before_the_next_statement_sees_it(
    ctx: Context, sent: list[str]
) -> None:
    with ctx.transaction():
        ctx.database.send_with_commit(_INSERT, (_org_id(), "张三", "男", "1990-01-01"))
        seen = models.Person.select().where(models.Person.name == "张三").count()
        assert sent[-1].startswith(_INSERT) and "COUNT" in sent[-1]  # one round trip
    assert seen == 1


def test_savepoints_keep_the_order(ctx: Context, sent: list[str]) -> None:
    with ctx.transaction():
        add_person(ctx, "gdpu", name="张三", gender="男", birth_date="1990-01-01")  # nested
        count = models.AuditEntry.select().count()
    # the entry was sent before the count (with the savepoint's release): it is counted
    assert count == models.AuditEntry.select().count() == models.AuditLog.select().get().size


def test_a_rollback_drops_what_waits(ctx: Context, sent: list[str]) -> None:
    org_id = _org_id()
    with pytest.raises(InvalidInput), ctx.transaction():
        ctx.database.send_with_commit(_INSERT, (org_id, "张三", "男", "1990-01-01"))
        raise InvalidInput("test", "x", "stop here")
    assert not any(s.startswith(_INSERT) for s in sent)
    assert models.Person.select().where(models.Person.name == "张三").count() == 0


def test_a_transaction_that_did_nothing_sends_nothing(ctx: Context, sent: list[str]) -> None:
    with ctx.transaction():
        pass
    assert sent == []


def test_a_cursor_handed_out_gets_what_waits_sent_first(ctx: Context, sent: list[str]) -> None:
    with ctx.transaction():
        cursor = ctx.database.cursor()  # as execute_batch / execute_values take one
        assert sent and sent[0].startswith("BEGIN; SELECT")
        cursor.execute('SELECT count(*) FROM "person"')
        assert cursor.fetchone()[0] == 0


def _log_is_locked(ctx: Context) -> bool:
    """Whether another connection finds the audit log's row locked."""
    other = psycopg2.connect(**ctx.database.connect_params, dbname=ctx.database.database)
    try:
        with other.cursor() as cursor:
            cursor.execute('SELECT "id" FROM "audit_log" FOR UPDATE NOWAIT')
        return False
    except psycopg2.errors.LockNotAvailable:
        return True
    finally:
        other.close()


@pytest.mark.parametrize("code", ["gdpu", "nowhere"])
def test_the_organization_read_for_a_change_locks_the_log(
    ctx: Context, sent: list[str], code: str
) -> None:
    from core.audit.log import organization_for_change

    with ctx.transaction():
        found = organization_for_change(ctx.database, code)
        assert (found is not None) == (code == "gdpu")
        assert "FOR UPDATE" not in sent[0]  # no lock statement of its own …
        assert _log_is_locked(ctx)  # … the read took the lock, found or not
    assert not _log_is_locked(ctx)
