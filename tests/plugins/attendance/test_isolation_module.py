"""tests/plugins/attendance/isolation.py works with the isolation table's world: each of
its cases is refused in B (one line, nothing of B shown, B unchanged) and works in A,
until the lead wires the module into tests/core/cli/test_isolation.py."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from core.services.orgs import get_org
from plugins.attendance import store
from tests.core.cli import test_isolation as table
from tests.core.cli.test_isolation import B_SECRETS, Case, Result, World, assert_refused
from tests.plugins.attendance import isolation

A, B = table.A, table.B
plugin_site = table.plugin_site  # the isolation table's fixtures
world = table.world
zhidu = table.zhidu


@pytest.fixture
def both(world: World) -> World:
    for org in (A, B):
        isolation.setup(world.ctx, org, world.ids[org])
    return world


def b_sheet(ctx: object) -> set[tuple[int, str, int, int]]:
    org = get_org(ctx, B)  # type: ignore[arg-type]
    return store.existing(org.id, store.as_date("2026-10-01"), store.as_date("2026-10-31"))


@pytest.mark.parametrize("case", isolation.CASES, ids=lambda c: f"{c[0]} {c[1]}")
def test_refused_in_b_and_working_in_a(
    case: tuple[str, str], both: World, zhidu: Callable[..., Result]
) -> None:
    command = Case(*case)
    before = b_sheet(both.ctx)
    for extra in ((), ("--json",)):
        refused = zhidu(*command.argv(both.ids[B]), *extra)
        assert_refused(refused, json_output=bool(extra))
        shown = refused.out + refused.err
        assert not [s for s in (*B_SECRETS, *isolation.SECRETS) if s in shown]
    assert b_sheet(both.ctx) == before
    done = zhidu(*command.argv(both.ids[A]), "--json")
    assert done.code == 0, done.err
    assert not [s for s in (*B_SECRETS, *isolation.SECRETS) if s in done.out]
    json.loads(done.out)
    assert b_sheet(both.ctx) == before


def test_b_holds_the_secret_time(both: World) -> None:
    assert any(second == 7 * 3600 + 13 * 60 + 57 for _, _, second, _ in b_sheet(both.ctx))
