"""SVG snapshots of the screens on fixed data (pytest-textual-snapshot; Textual's
version is pinned by the test extra). Regenerate after a deliberate change with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and review the SVGs."""

from __future__ import annotations

from typing import Any

import pytest

from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_post, add_term
from tests.conftest import make_org
from tui.app import ZhiduApp

SIZE = (120, 32)


@pytest.fixture
def app(ctx: Context) -> ZhiduApp:
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    add_post(
        ctx,
        "gdpu",
        unit_code="office",
        code="kz",
        title="办公室主任",
        rank="正科级",
        headcount=1,
        category="行政",
        term_years=3,
    )
    for n, name in enumerate(("林振华", "周丽娟", "梁家豪", "苏晓婷", "王立新")):
        add_person(
            ctx,
            "gdpu",
            name=name,
            gender="女" if n % 2 else "男",
            birth_date=f"{1965 + n * 4}-0{n + 1}-1{n}",
            political_status="中共党员",
        )
    add_term(ctx, "gdpu", post_code="kz", person_id=1, start="2021-07-01", appointed_by="委任")
    return ZhiduApp(ctx)


async def _open(pilot: Any) -> None:
    await pilot.pause()
    pilot.app.open_org("gdpu")
    await pilot.pause()


def test_organization_picker(snap_compare: Any, app: ZhiduApp) -> None:
    assert snap_compare(app, terminal_size=SIZE)


async def _open_without_chart(pilot: Any) -> None:
    await _open(pilot)
    # plotext does not place its axis labels the same way twice; the chart's values are
    # checked in test_screens.py, so the snapshot leaves the drawing out.
    pilot.app.screen.query_one("#chart").display = False
    await pilot.pause()


def test_home(snap_compare: Any, app: ZhiduApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_without_chart)


def test_people(snap_compare: Any, app: ZhiduApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_open, press=["p"])


def test_posts(snap_compare: Any, app: ZhiduApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_open, press=["o"])


def test_calendar(snap_compare: Any, app: ZhiduApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_open, press=["c"])
