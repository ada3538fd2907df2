"""The demo's ``gdpu`` selection cases: one finished (吴俊杰 to 人事处副处长, linked to the
term core/demo_data.py records), one waiting at 讨论决定 with two refusals on its
timeline; the 选拔任用案件 screen shows them (headless, with Pilot)."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from core.demo import load_demo
from core.services.checks import run_checks
from core.services.context import Context
from plugins.cadre.screens.case import CaseScreen
from plugins.cadre.services import cases
from tui.app import ZhiduApp

ORG = "gdpu"


@pytest.fixture
def demo(cctx: Context) -> Context:
    assert ORG in load_demo(cctx)
    return cctx


def test_the_demo_cases(demo: Context) -> None:
    second, first = cases.list_cases(demo, ORG)
    assert first["title"] == "人事处副处长选拔" and first["appointed"] == 1
    assert first["current"] is None
    assert second["title"] == "科技处处长选拔" and second["current"] == "讨论决定"
    done = cases.show_case(demo, ORG, first["id"])
    assert done["appointments"][0]["start"] == date(2025, 12, 5)
    assert done["notices"][0]["end"] == date(2025, 12, 12)
    assert [f["rule_id"] for f in done["findings"]] == ["cadre.inspection.outnumber"]
    waiting = cases.show_case(demo, ORG, second["id"])
    refusals = [e for e in waiting["timeline"] if e["outcome"] == "驳回"]
    assert [r["citation"]["article"] for r in refusals] == ["第十五条（四）", "第十五条"]
    assert "何雪梅" in refusals[0]["message_zh"] and "信访举报必查" in refusals[1]["message_zh"]
    assert [s["state"] for s in waiting["stages"]] == [
        "done", "done", "done", "current", "pending", "pending",
    ]  # fmt: skip
    on_the_day = [f for f in run_checks(demo, ORG).findings if f.rule_id.startswith("cadre.case")]
    assert on_the_day == []  # the waiting case moved on 2026-11-14: not stalled


async def test_the_case_screen_shows_the_timeline(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        app.open_org(ORG)
        await pilot.pause()
        app.screen.action_open("cadre.case")  # type: ignore[attr-defined]
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        listed = screen.query_one("#cases", DataTable)
        assert listed.row_count == 2 and listed.has_focus
        stages = screen.query_one("#stages", DataTable)
        state = stages.get_cell("讨论决定", "state")
        assert isinstance(state, Text) and state.plain.startswith("→ 当前")
        refused = stages.get_cell("考察", "refused")
        assert isinstance(refused, Text) and "red" in str(refused.style)
        timeline = str(screen.query_one("#timeline", Static).render())
        assert "科技处处长选拔" in timeline and "依据 第十五条（四）" in timeline
        await pilot.press("down")  # the finished case
        await pilot.pause()
        timeline = str(screen.query_one("#timeline", Static).render())
        assert "人事处副处长选拔" in timeline and "吴俊杰任人事处副处长" in timeline
        assert stages.get_cell("任职", "on").plain == "2025-12-16"
