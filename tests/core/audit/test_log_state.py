"""The tree's state the log's row keeps (core.audit.log): written with every append on
PostgreSQL, every STATE_EVERY entries on SQLite; an append folds in the entries stored
after it, or takes the frontier this process left when the newest entry is still its
own; verification holds the row to the entries."""

from __future__ import annotations

import datetime as dt
import os

import peewee as pw
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import models
from core.audit import log as audit_log
from core.audit import merkle
from core.audit.entry import Body, Header, time_of
from core.audit.log import STATE_EVERY, append, current_frontier, log_row, log_size
from core.audit.verify import verify
from core.database import is_sqlite
from core.errors import ConfigurationError
from core.services.context import Context
from tests.conftest import make_org


def _add(ctx: Context, count: int, name: str = "row") -> None:
    assert ctx.keys is not None
    org_id = int(models.Organization.get(models.Organization.code == "gdpu").id)
    for n in range(count):
        with ctx.transaction():
            append(ctx.database, ctx.keys, org_id=org_id, body=Body("t", "test", name, str(n)))


def _stored_root() -> bytes:
    leaves = [
        bytes(r.leaf_hash) for r in models.AuditEntry.select().order_by(models.AuditEntry.seq)
    ]
    return merkle.root(leaves)


def test_the_rows_state_lags_by_fewer_than_state_every_on_sqlite(ctx: Context) -> None:
    make_org(ctx)
    sizes = []
    for _ in range(2 * STATE_EVERY + 3):
        _add(ctx, 1)
        sizes.append((log_size(), log_row().size))
    if is_sqlite(ctx.database):
        assert all(0 <= size - row < STATE_EVERY for size, row in sizes)
        assert any(size > row for size, row in sizes)  # the row really is written less often
    else:
        assert all(size == row for size, row in sizes)  # PostgreSQL: with every append
    builder = current_frontier(ctx.database)
    assert builder.size == log_size() and builder.root() == _stored_root()
    assert verify().ok


def test_an_append_without_its_own_last_frontier_folds_in_the_stored_leaves(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_org(ctx)
    _add(ctx, STATE_EVERY - 1)  # the row's state now lags (SQLite)
    monkeypatch.setattr(audit_log, "_left", {})  # as in another process
    _add(ctx, 1)
    assert current_frontier(ctx.database).root() == _stored_root()
    assert verify().ok


def test_a_frontier_left_behind_by_others_appends_is_not_taken(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_org(ctx)
    _add(ctx, 3)
    left = dict(audit_log._left)
    _add(ctx, 2, "by another process")  # appends this process's frontier did not see …
    monkeypatch.setattr(audit_log, "_left", left)  # … as another process's would be
    _add(ctx, 1)
    assert verify().ok and log_size() == current_frontier(ctx.database).size


def test_a_frontier_grown_by_a_rolled_back_append_is_not_taken(ctx: Context) -> None:
    assert ctx.keys is not None
    make_org(ctx)
    _add(ctx, 2)

    class Undo(Exception):
        pass

    org_id = int(models.Organization.get(models.Organization.code == "gdpu").id)
    with pytest.raises(Undo), ctx.transaction():
        append(ctx.database, ctx.keys, org_id=org_id, body=Body("t", "test", "row", "undone"))
        raise Undo
    _add(ctx, 1)
    assert verify().ok and current_frontier(ctx.database).root() == _stored_root()


@pytest.mark.skipif(
    bool(os.environ.get("ZHIDU_TEST_POSTGRES")), reason="the frontier left behind: SQLite's"
)
def test_a_frontier_grown_by_an_append_that_failed_is_not_taken(ctx: Context) -> None:
    make_org(ctx)
    _add(ctx, 2)
    ctx.database.execute_sql(
        "CREATE TRIGGER refuse BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    with pytest.raises(
        pw.IntegrityError, match=r"^no$"
    ):  # the frontier grew, then the insert failed
        _add(ctx, 1, "refused")
    ctx.database.execute_sql("DROP TRIGGER refuse")
    _add(ctx, 1)
    assert verify().ok and current_frontier(ctx.database).root() == _stored_root()


@pytest.mark.skipif(
    bool(os.environ.get("ZHIDU_TEST_POSTGRES")), reason="entries after the row's state: SQLite's"
)
def test_a_missing_entry_after_the_rows_state_stops_the_append(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_org(ctx)
    _add(ctx, STATE_EVERY)  # the row's state written at some size …
    _add(ctx, 3)  # … and entries after it
    stored = log_row().size
    assert log_size() > stored + 1
    models.AuditEntry.delete().where(models.AuditEntry.seq == stored).execute()
    monkeypatch.setattr(audit_log, "_left", {})
    with pytest.raises(ConfigurationError, match=f"no entry {stored} before entry {stored + 1}"):
        _add(ctx, 1)


def test_verification_holds_the_row_to_the_entries(ctx: Context) -> None:
    make_org(ctx)
    _add(ctx, STATE_EVERY + 2)
    log = log_row()
    size, frontier = log.size, bytes(log.frontier)
    assert verify().ok

    other = merkle.Frontier.of([b"\x07" * 32] * size).to_bytes()  # right size, wrong tree
    models.AuditLog.update(frontier=other).execute()
    assert [(p.kind, p.seq) for p in verify().problems] == [("frontier", None)]
    assert f"does not match the entries up to {size}" in str(verify().first)

    ahead = merkle.Frontier.of([b"\x07" * 32] * (log_size() + 5))
    models.AuditLog.update(size=ahead.size, frontier=ahead.to_bytes()).execute()
    assert [(p.kind, str(p)) for p in verify().problems] == [
        ("size", f"the log says it holds at least {ahead.size} entries, {log_size()} are stored")
    ]

    models.AuditLog.update(size=size + 1, frontier=frontier).execute()
    assert [str(p) for p in verify().problems] == [
        f"the log's row says {size + 1} entries, its frontier {size}"
    ]

    models.AuditLog.update(size=size, frontier=b"\x00" * 7).execute()
    assert [str(p) for p in verify().problems] == ["the log's stored tree frontier is damaged"]

    models.AuditLog.update(size=size, frontier=frontier).execute()
    assert verify().ok


@given(micros=st.integers(0, 253402300799999999))  # up to 9999-12-31 23:59:59.999999
def test_an_entrys_time_column_is_what_peewee_stores_for_its_header_time(micros: int) -> None:
    naive = time_of(micros).replace(tzinfo=None)
    sqlite = pw.SqliteDatabase(":memory:")
    assert audit_log._time_column(sqlite, micros) == str(naive)  # .ffffff left out at 0 µs
    assert audit_log._time_column(pw.PostgresqlDatabase("x"), micros) == naive


def test_an_appended_entry_stores_its_header_time(ctx: Context) -> None:
    make_org(ctx)
    before = dt.datetime.now(dt.UTC)
    _add(ctx, 1)
    row = models.AuditEntry.get(models.AuditEntry.seq == log_size() - 1)
    header = Header.unpack(bytes(row.header))
    assert before <= header.at <= dt.datetime.now(dt.UTC)
    assert row.at == header.at.replace(tzinfo=None)  # as peewee reads the column back
