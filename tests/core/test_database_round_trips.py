"""PostgreSQL write transactions in few round trips (core.database.PostgresqlDatabase):
the BEGIN and the audit log's lock go with the first statement, the audit entry and the
log's update with the COMMIT — and what waits always reaches the server before anything
that could see it, and never after a rollback. A real server, its statements counted at
the driver."""

from __future__ import annotations

import os
from collections.abc import Iterator
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


def test_an_audited_change_is_three_round_trips(ctx: Context, sent: list[str]) -> None:
    """The raw baseline (bench) takes three too: psycopg2's BEGIN, the INSERT, COMMIT."""
    add_person(ctx, "gdpu", name="张三", gender="男", birth_date="1990-01-01")
    assert len(sent) == 3, sent
    # the BEGIN rode along with the service's first statement, which read the
    # organization and the audit log's state, locking the log (so no lock statement)
    assert sent[0].startswith("BEGIN; EXECUTE") and sent[0].count(";") == 1, sent[0]
    assert sent[-1].startswith(("EXECUTE", "PREPARE")) and sent[-1].endswith("COMMIT")
    assert sum(s.count("PREPARE") for s in sent) <= 5  # the hot statements, once
    sent.clear()
    add_person(ctx, "gdpu", name="张四", gender="男", birth_date="1990-01-01")
    assert len(sent) == 3 and not any("PREPARE" in s for s in sent), sent  # prepared once
    assert [b.action for b in audit_entries(ctx, "person.add")] == ["person.add"] * 2


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
