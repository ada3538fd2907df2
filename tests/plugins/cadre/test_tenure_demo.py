"""The demo's ``gdpu`` with the cadre plugin: the careers of core/demo_data.py and the
management part's records give the rotation forecast, the terms report, the avoidance
scan and what is due something real to say on 2026-11-21; the rotation screen shows the
forecast (headless, with Pilot)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from core.demo import load_demo
from core.services.checks import run_checks
from core.services.context import Context
from plugins.cadre.screens.rotation import RotationScreen
from plugins.cadre.services import management, tenure
from tui.app import ZhiduApp

ORG = "gdpu"


@pytest.fixture
def demo(cctx: Context) -> Context:
    assert ORG in load_demo(cctx)
    return cctx


def test_the_demo_forecast_terms_avoidance_and_dues(demo: Context) -> None:
    items = {i.person_name: i for i in tenure.forecast(demo, ORG).items}
    assert items["王立新"].state == "over" and items["梁家豪"].due == "岗位轮换"
    assert (
        items["林振华"].state == "ahead" and items["林振华"].limit_date.isoformat() == "2027-01-09"
    )
    assert items["李文博"].state == "retained"  # kept by the 党委全委会 on 2026-10-28
    report = {p.name: p for p in tenure.terms_report(demo, ORG).people}
    zhou = report["周丽娟"]  # 2020-12-18 … 2023-01-09: years served, not a 届
    assert [r.counts for r in zhou.rows if r.post_code == "zzb-fbz"] == [False, True]
    assert report["叶楚君"].rows[0].counts  # just over 2½ years to 2027-01-09
    assert sorted(f.rule_id for f in tenure.avoidance_scan(demo, ORG)) == [
        "cadre.avoidance-direct-line",  # 徐志明 and 蔡丽华
        "cadre.avoidance-sensitive-work",  # 郑国栋 and 郑思琪
    ]
    due = {(f.rule_id, f.subject) for f in management.findings(demo, ORG)}
    assert due == {
        ("cadre.assessment-mid_term", "王立新"),
        ("cadre.demotion-due", "黄振宇"),
        ("cadre.probation-review", "吴俊杰"),
        ("cadre.departure-audit", "何振邦"),
    }
    checks = {f.rule_id for f in run_checks(demo, ORG).findings if f.plugin == "cadre"}
    assert {"cadre.exchange", "cadre.rotation", "cadre.demotion-due"} <= checks


async def test_the_rotation_screen(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.pause()
        app.open_org(ORG)
        await pilot.pause()
        app.screen.action_open("cadre.rotation")  # type: ignore[attr-defined]  # the hook's entry
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RotationScreen)
        table = screen.query_one("#forecast", DataTable)
        assert table.row_count == 8 and table.has_focus
        first = table.get_cell("0", "person")
        assert isinstance(first, Text) and first.plain == "王立新" and "red" in str(first.style)
        assert table.get_cell("0", "citation").plain == "第二十三条第四款"
        detail = str(screen.query_one("#detail", Static).render())
        assert "已于2023-01-09满2届" in detail and "依据" in detail
        await pilot.press("down")  # 梁家豪, the 科长 who must rotate
        await pilot.pause()
        assert "岗位轮换" in str(screen.query_one("#detail", Static).render())
        await pilot.press("m")
        months = screen.query_one("#months", Input)
        assert months.has_focus and months.value == "6"
        months.value = ""
        await pilot.press("1", "enter")  # one month: the 2027-01-09 limits fall outside
        await pilot.pause()
        assert screen.result is not None and screen.result.months == 1
        assert table.row_count == 3  # 王立新, 梁家豪 and 李文博 (kept)
        months.value = "x"
        await pilot.press("m", "enter")
        await pilot.pause()
        assert screen.result.months == 1  # refused in one line, the table kept
