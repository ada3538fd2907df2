"""Appending in bulk gives the same log as appending one entry at a time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core import models
from core.audit import merkle
from core.audit.entry import Body
from core.audit.log import append, append_many, log_size, read_entries
from core.audit.verify import verify
from core.services.context import Context
from tests.conftest import make_org


def bodies(n: int, start: int = 0) -> list[Body]:
    return [
        Body("tester", "bench.row", "row", str(i), after={"n": i}) for i in range(start, start + n)
    ]


def test_bulk_entries_verify_decrypt_and_are_checkpointed_like_single_ones(ctx: Context) -> None:
    assert ctx.keys is not None
    org = models.Organization.get(code=make_org(ctx, "town", "government"))
    before = log_size()
    with ctx.transaction():
        append(ctx.database, ctx.keys, org_id=org.id, body=bodies(1)[0])
        last = append_many(
            ctx.database, ctx.keys, org_id=org.id, bodies=bodies(20, 1), batch_size=6
        )
    assert last == before + 20 == log_size() - 1
    report = verify(keys=ctx.keys)
    assert report.ok, report.first
    # checkpoint_every is 8 in the tests' deployment: every multiple of 8 is signed
    sizes = {c.size for c in models.AuditCheckpoint.select()}
    assert {s for s in range(8, log_size() + 1, 8)} <= sizes
    read = [e for e in read_entries(ctx.keys, {org.id}) if e.body and e.body.action == "bench.row"]
    assert [e.body.object_id for e in read if e.body] == [str(i) for i in range(21)]
    assert [e.seq for e in read] == list(range(before, before + 21))


def test_bulk_append_of_nothing_changes_nothing(ctx: Context) -> None:
    assert ctx.keys is not None
    size = log_size()
    with ctx.transaction():
        assert append_many(ctx.database, ctx.keys, org_id=0, bodies=[]) == -1
    assert log_size() == size and verify().ok


def test_a_rolled_back_bulk_append_leaves_no_trace(ctx: Context) -> None:
    assert ctx.keys is not None
    size = log_size()

    class Stop(Exception):
        pass

    try:
        with ctx.transaction():
            append_many(ctx.database, ctx.keys, org_id=0, bodies=bodies(30))
            raise Stop
    except Stop:
        pass
    assert log_size() == size == models.AuditEntry.select().count()
    assert verify().ok


@given(st.lists(st.binary(min_size=32, max_size=32), max_size=70), st.integers(0, 70))
def test_the_frontier_builder_agrees_with_the_frontier(leaves: list[bytes], split: int) -> None:
    start = merkle.Frontier.of(leaves[:split])
    builder = merkle.FrontierBuilder(start)
    for leaf in leaves[split:]:
        builder.append(leaf)
    assert builder.frontier() == merkle.Frontier.of(leaves)
    assert builder.root() == merkle.root(leaves)
    assert builder.size == len(leaves)
