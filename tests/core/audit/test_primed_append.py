"""The log's state read with the organization (core.audit.log.organization_for_change)
serves the change's entry once, for that organization, in that transaction — and every
other append reads the log anew, so the log stays gap-free and each entry is under its
own organization's key."""

from __future__ import annotations

import pytest

from core import models
from core.audit.entry import Body
from core.audit.log import append, log_size, organization_for_change, read_entries
from core.audit.verify import verify
from core.database import transaction_memo
from core.services.audit_trail import rotate_key
from core.services.context import Context
from tests.conftest import make_org


def _body(name: str) -> Body:
    return Body("tester", "test.row", "row", name)


def _org_id(code: str) -> int:
    return int(models.Organization.get(models.Organization.code == code).id)


def test_the_state_read_with_one_organization_is_not_used_for_another(ctx: Context) -> None:
    assert ctx.keys is not None
    make_org(ctx, "a"), make_org(ctx, "b")
    assert rotate_key(ctx, "a") == 2  # a's newest key is version 2, b's still 1
    with ctx.transaction():
        assert organization_for_change(ctx.database, "a") is not None
        seq = append(ctx.database, ctx.keys, org_id=_org_id("b"), body=_body("for b"))
    entry = next(e for e in read_entries(ctx.keys, {_org_id("b")}) if e.seq == seq)
    assert entry.body == _body("for b")  # under b's version 1: a's 2 would not exist for b
    assert verify(keys=ctx.keys).ok


def test_a_rolled_back_append_does_not_leave_its_state_behind(ctx: Context) -> None:
    assert ctx.keys is not None
    make_org(ctx, "a")
    before = log_size()

    class Undo(Exception):
        pass

    with ctx.transaction():
        organization_for_change(ctx.database, "a")
        with pytest.raises(Undo), ctx.database.atomic():  # a savepoint
            append(ctx.database, ctx.keys, org_id=_org_id("a"), body=_body("undone"))
            raise Undo
        seq = append(ctx.database, ctx.keys, org_id=_org_id("a"), body=_body("kept"))
    assert seq == before  # the undone entry's number again: no gap
    assert log_size() == before + 1
    assert verify(keys=ctx.keys).ok


def test_changes_in_two_organizations_in_one_transaction(ctx: Context) -> None:
    from core.services.people import add_person

    assert ctx.keys is not None
    make_org(ctx, "a"), make_org(ctx, "b")
    before = log_size()
    with ctx.transaction():
        add_person(ctx, "a", name="张三", gender="男", birth_date="1990-01-01")
        add_person(ctx, "b", name="李四", gender="女", birth_date="1991-02-03")
        add_person(ctx, "a", name="王五", gender="男", birth_date="1992-03-04")
    assert log_size() == before + 3
    report = verify(keys=ctx.keys)
    assert report.ok, report.first
    names = {
        code: [e.body.after["name"] for e in read_entries(ctx.keys, {_org_id(code)}) if e.body
               and e.body.action == "person.add"]
        for code in ("a", "b")
    }  # fmt: skip
    assert names == {"a": ["张三", "王五"], "b": ["李四"]}


def test_outside_a_transaction_it_refuses(ctx: Context) -> None:
    make_org(ctx, "a")
    with pytest.raises(RuntimeError, match="inside the change's transaction"):
        organization_for_change(ctx.database, "a")


def test_an_unknown_organization_reads_none_and_leaves_nothing(ctx: Context) -> None:
    with ctx.transaction():
        assert organization_for_change(ctx.database, "nowhere") is None
        assert transaction_memo(ctx.database) == {}


def test_the_memo_lives_as_long_as_the_outermost_transaction(ctx: Context) -> None:
    with ctx.transaction():
        transaction_memo(ctx.database)["x"] = 1
        with ctx.database.atomic():  # nested: the same transaction, the same memo
            assert transaction_memo(ctx.database) == {"x": 1}
        assert transaction_memo(ctx.database) == {"x": 1}
    with ctx.transaction():
        assert transaction_memo(ctx.database) == {}  # the next transaction's own
    outside = transaction_memo(ctx.database)
    outside["y"] = 2
    assert transaction_memo(ctx.database) == {}  # outside one, nothing is kept


def test_a_refused_change_records_nothing_and_the_next_one_is_numbered_right(
    ctx: Context,
) -> None:
    from core.errors import InvalidInput
    from core.services.people import add_person

    assert ctx.keys is not None
    make_org(ctx, "a")
    before = log_size()
    with pytest.raises(InvalidInput):  # read the organization, then refused
        add_person(ctx, "a", name="张三", gender="男", birth_date="not a date")
    with ctx.transaction():
        seq = append(ctx.database, ctx.keys, org_id=_org_id("a"), body=_body("next"))
    assert seq == before and verify(keys=ctx.keys).ok
