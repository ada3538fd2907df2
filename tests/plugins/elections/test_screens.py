"""The elections plugin's screens, headless with Pilot on a real database: ballots typed
one key per name are stored through the service (audited), the running tally follows,
write-ins, undo and refused keys; the result shows who is elected and each step with its
clause; the list reaches both."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Label

from core.services.context import Context
from plugins.elections.screens.ballots import BallotScreen
from plugins.elections.screens.elections import ElectionsScreen
from plugins.elections.screens.result import ResultScreen
from plugins.elections.services import (
    count_round,
    enter_ballot,
    enter_sheet,
    get_election,
    open_round,
)
from tests.conftest import audit_entries
from tests.plugins.elections.setups import UNION_CANDIDATES, org_with_elections, union_election
from tui.app import ZhiduApp
from tui.screens.form import FormScreen

A, B, C, D, E = UNION_CANDIDATES


def label(app: ZhiduApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def save(pilot: Pilot[None], app: ZhiduApp) -> None:
    app.screen.query_one("#save", Button).press()
    await pilot.pause()


def tally(app: ZhiduApp, name: str, office: str = "主席团成员") -> list[str]:
    table = app.screen.query_one("#tally", DataTable)
    return [str(c) for c in table.get_row(f"{office}:{name}")[2:]]


def union(ectx: Context) -> Context:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    return ectx


async def test_ballots_typed_by_key_are_stored_and_tallied(ectx: Context) -> None:
    union(ectx)
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    enter_ballot(ectx, "union", "p5", "✓✓×××")  # stored before the screen opened
    app = ZhiduApp(ectx, "union")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.push_screen(BallotScreen(ectx, "union", "p5"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BallotScreen)
        assert tally(app, A) == ["1", "0", "0"]
        assert label(app, "#count").startswith("已录入 1 张（本次 0 张）")

        await pilot.press("1", "v", "2", "x", "3")  # ✓✓××△: saved on the last mark
        assert screen.cursor == 0 and screen.entered_here == 1
        await pilot.press("x", "space", "1", "a", "question_mark")  # ×·✓△? unreadable
        assert tally(app, A) == ["2", "0", "0"] and tally(app, C) == ["0", "2", "0"]
        assert label(app, "#count") == "已录入 3 张（本次 2 张），其中无效 1 张"
        assert label(app, "#error").startswith("第 3 张无效")

        # undo the mark being typed: ✓ then backspace, ×
        await pilot.press("1", "backspace")
        assert screen.cursor == 0 and screen.cells[0] is None
        await pilot.press("backspace")  # nothing left to undo on this ballot
        assert label(app, "#error") == "本张还没有可撤销的符号"
        # a refused key: one line, nothing typed
        await pilot.press("z")
        assert label(app, "#error").startswith("“z”不是选票符号")
        assert screen.cursor == 0

        # a write-in (另选他人) before the last mark, beside two ×
        await pilot.press("2", "w")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = A  # printed: refused in the form
        await save(pilot, app)
        assert "已印在选票上" in label(app, "#form-error")
        app.screen.query_one("#f-name", Input).value = "赵六"
        await save(pilot, app)
        assert app.screen is screen and label(app, "#write-ins") == "另选他人：赵六"
        await pilot.press("1", "2", "1", "3")  # ×✓×✓△ + 赵六
        assert tally(app, "赵六") == ["1", "0", "0"]
        assert tally(app, A) == ["2", "1", "0"] and tally(app, B) == ["3", "0", "0"]
        assert label(app, "#count") == "已录入 4 张（本次 3 张），其中无效 1 张"

    election = get_election(ectx, "union", "p5")
    assert election.rounds[-1].ballots_entered == 4
    assert len(audit_entries(ectx, "elections.ballot")) == 4
    result = count_round(ectx, "union", "p5")  # what the tally showed is what is counted
    votes = result.result["rounds"][0]
    assert votes["ballots_returned"] == 4
    stored = {name: n for name, n in votes["offices_decided"][0]["ranking"]}
    assert stored[A] == 2 and stored[B] == 3 and stored["赵六"] == 1


async def test_no_open_vote_is_one_line_and_keys_do_nothing(ectx: Context) -> None:
    union(ectx)
    app = ZhiduApp(ectx, "union")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.push_screen(BallotScreen(ectx, "union", "p5"))
        await pilot.pause()
        await pilot.press("1", "2")
        assert "没有正在进行的投票" in label(app, "#error")
    assert get_election(ectx, "union", "p5").rounds == ()


async def test_the_result_shows_the_elected_and_each_step_with_its_clause(
    ectx: Context,
) -> None:
    union(ectx)
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    enter_sheet(ectx, "union", "p5", ballots_counted=160, votes={"": {A: 120, B: 100, C: 90}})
    count_round(ectx, "union", "p5")
    app = ZhiduApp(ectx, "union")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        app.push_screen(ElectionsScreen(ectx, "union"))
        await pilot.pause()
        elections = app.screen.query_one("#elections", DataTable)
        assert elections.row_count == 1
        assert app.screen.query_one("#results", DataTable).row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert label(app, "#outcome").startswith("第五届学生会主席团：名额选满")
        assert label(app, "#elected") == f"当选：主席团成员 {A}、{B}、{C}"
        steps = app.screen.query_one("#steps", DataTable)
        rows = [[str(c) for c in steps.get_row_at(i)] for i in range(steps.row_count)]
        step = next(r for r in rows if r[2].startswith(C))
        assert step[5] == "✓" and "基数 160，至少 81" in step[4]
        assert "候选人所得赞成票，超过实到会议代表半数方可当选" in step[6]
        await pilot.press("c")  # certify
        await pilot.pause()
        assert label(app, "#outcome").endswith("；已确认）")
        assert get_election(ectx, "union", "p5").current.certified  # type: ignore[union-attr]
        await pilot.press("c")  # again: the service's refusal, in one line
        assert "already certified by tester" in label(app, "#error")


def notes(app: ZhiduApp) -> list[tuple[str, str]]:
    """The notifications shown so far: (severity, message)."""
    return [(n.severity, n.message) for n in app._notifications]


async def fill(pilot: Pilot[None], app: ZhiduApp, **values: str) -> None:
    assert isinstance(app.screen, FormScreen)
    for name, value in values.items():
        app.screen.query_one(f"#f-{name}", Input).value = value
    await save(pilot, app)


def cells(app: ZhiduApp, table: str) -> list[list[str]]:
    found = app.screen.query_one(f"#{table}", DataTable)
    return [[str(c) for c in found.get_row_at(i)] for i in range(found.row_count)]


async def test_the_list_takes_an_election_from_its_first_vote_to_publication(
    ectx: Context,
) -> None:
    union(ectx)
    app = ZhiduApp(ectx, "union")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        app.push_screen(ElectionsScreen(ectx, "union"))
        await pilot.pause()
        screen = app.screen
        # refusals before anything is open: one line each, in a notification
        for key, refusal in (
            ("k", "没有正在进行的投票"),  # count: the service's Conflict
            ("s", "这次选举没有正在进行的投票"),  # a sheet: nothing to enter into
            ("c", "尚未计票"),  # certify: nothing counted
            ("p", "结果尚未确认，不能公布"),
        ):
            await pilot.press(key)
            await pilot.pause()
            severity, message = notes(app)[-1]
            assert severity == "error" and refusal in message and "\n" not in message, key
            assert app.screen is screen

        # o: open the first vote — a form; a bad count is refused as it is typed
        await pilot.press("o")
        await pilot.pause()
        await fill(pilot, app, present="一百六", issued="")
        assert isinstance(app.screen, FormScreen)  # kept open, the line under the field
        assert "whole number" in str(app.screen.query_one("#e-present", Label).render())
        await fill(pilot, app, present="160", issued="160")
        assert app.screen is screen and notes(app)[-1] == ("information", "第1次投票已开始")
        assert cells(app, "rounds")[0][3] == "进行中"
        await pilot.press("o")  # a second while one is open: the service refuses in the form
        await pilot.pause()
        await fill(pilot, app, present="160", issued="160")
        assert "a vote is open already" in label(app, "#form-error")
        await pilot.press("escape")
        await pilot.pause()

        # s: a tally sheet, read as the CLI reads one
        await pilot.press("s")
        await pilot.pause()
        await fill(pilot, app, counted="160", votes="", invalid="")
        assert "至少一人的得票" in label(app, "#form-error")  # refused on save, form kept
        await fill(
            pilot, app, counted="160", votes=f"{A}=120/28/10 {B}=100 {C}=90",
            invalid="unreadable=2", scrutineers="钱文博、孙嘉怡", counters="何思琪",
        )  # fmt: skip
        assert app.screen is screen and notes(app)[-1][1] == "计票单已录入：第1张"
        assert cells(app, "rounds")[0][5] == "1"
        (sheet,) = audit_entries(ectx, "elections.sheet")
        assert sheet.after["sheet"]["scrutineers"] == ["钱文博", "孙嘉怡"]

        # k: count; c: certify; p: publish (a form asking the 机关代字)
        await pilot.press("k")
        await pilot.pause()
        assert notes(app)[-1] == ("information", "已计票：名额选满")
        assert cells(app, "results")[0][2:5] == ["名额选满", f"{A}、{B}、{C}", "未确认"]
        await pilot.press("c")
        await pilot.pause()
        assert notes(app)[-1] == ("information", f"已确认当选：{A}、{B}、{C}")
        await pilot.press("c")  # again: the service's refusal
        await pilot.pause()
        assert "already certified" in notes(app)[-1][1] and notes(app)[-1][0] == "error"
        await pilot.press("p")
        await pilot.pause()
        await fill(pilot, app, prefix="")  # a union election needs its 机关代字
        assert "学代发" in label(app, "#form-error")
        await fill(pilot, app, prefix="学代发")
        assert app.screen is screen
        severity, message = notes(app)[-1]
        assert severity == "information" and message.startswith("已公布：学代发〔")
        assert cells(app, "results")[0][4:] == ["已确认", message.removeprefix("已公布：")]
        await pilot.press("p")
        await pilot.pause()
        assert notes(app)[-1][1].startswith("结果已公布：学代发〔")

    current = get_election(ectx, "union", "p5").current
    assert current is not None and current.locked and current.members == (A, B, C)
    for action in ("round.open", "sheet", "count", "certify", "publish"):
        assert len(audit_entries(ectx, f"elections.{action}")) == 1, action
