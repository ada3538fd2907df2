"""The union's self-assessment screen, headless with Pilot, on the demo's ``jc-xg``
(loaded through core.demo with union and elections installed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from core.demo import load_demo
from core.services.context import Context
from plugins.union.screens.assessment import AssessmentScreen, forms_folder
from tui.app import ZhiduApp


@pytest.fixture
def demo(ctx: Context) -> Context:
    assert "jc-xg" in load_demo(ctx)
    return ctx


async def open_assessment(app: ZhiduApp, pilot: object) -> AssessmentScreen:
    await pilot.pause()  # type: ignore[attr-defined]
    app.open_org("jc-xg")
    await pilot.pause()  # type: ignore[attr-defined]
    app.screen.action_open("union.assessment")  # type: ignore[attr-defined]  # the hook's entry
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, AssessmentScreen)
    return app.screen


def cell(table: DataTable, row: int, column: str) -> Text:
    value = table.get_cell(str(row), column)
    assert isinstance(value, Text)
    return value


def detail(screen: AssessmentScreen) -> str:
    return str(screen.query_one("#detail", Static).render())


async def test_the_fourteen_standards_failed_ones_red_with_who_breaks_them(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_assessment(app, pilot)
        table = screen.query_one("#standards", DataTable)
        assert table.row_count == 14 and table.has_focus
        assert screen.query_one("#on", Input).value == "2026-11-21"  # today
        # on the demo day: 1, 7, 9, 10, 12 and 14 are not met (tests/plugins/union/test_demo.py)
        failed = [n for n in range(1, 15) if cell(table, n, "met").plain == "不符合"]
        assert failed == [1, 7, 9, 10, 12, 14]
        assert "red" in str(cell(table, 7, "standard").style)
        assert "red" not in str(cell(table, 8, "standard").style)
        # the first row is highlighted: standard 1, the unit behind it, the clause
        assert "学习部（考察学生早晚自习缺勤情况" in detail(screen)
        await pilot.press("down", "down", "down", "down", "down", "down")  # standard 7
        await pilot.pause()
        shown = detail(screen)
        assert "第 7 项：不符合" in shown and "封尚 83/241" in shown
        assert "姚婧岚（未登记成绩排名）" in shown
        assert "组织改革自评表 第7项" in shown
        await pilot.press("down")  # standard 8: met, nobody behind it
        await pilot.pause()
        assert "第 8 项：符合" in detail(screen) and "封尚" not in detail(screen)


async def test_another_date_is_assessed_once_entered(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_assessment(app, pilot)
        first = screen.assessment
        await pilot.press("d")
        date = screen.query_one("#on", Input)
        assert date.has_focus
        date.value = "2022-11-2"  # typing alone assesses nothing
        await pilot.pause()
        assert screen.assessment is first
        await pilot.press("end", "1", "enter")
        await pilot.pause()
        assert screen.assessment is not None and screen.assessment.missed == (1, 7, 10, 12, 14)
        assert screen.query_one("#standards", DataTable).has_focus
        date.value = "2022-13-01"  # refused by the service: the last assessment stays
        await pilot.press("d", "enter")
        await pilot.pause()
        assert screen.assessment.on.isoformat() == "2022-11-21"


async def test_w_writes_the_form_as_the_assess_command_does(demo: Context) -> None:
    from docx import Document

    app = ZhiduApp(demo)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_assessment(app, pilot)
        await pilot.press("w")
        await pilot.pause()
    form = forms_folder() / "jc-xg-组织改革自评表-2026-11-21.docx"
    assert form.exists() and Path(form).stat().st_size > 0
    document = Document(str(form))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "不符合" in text and "封尚 83/241" in text
    body = "\n".join(p.text for p in document.paragraphs)
    assert "南京航空航天大学金城学院信息工程学院学生会" in body + text
