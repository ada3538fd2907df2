"""Every core screen's main path and its error path, headless with Pilot, on a real
SQLite file through the services."""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Label

from core.migrate import migrate
from core.services.context import Context
from core.services.people import add_kinship, add_person
from core.services.plugins import enable_plugin, enabled_plugins
from core.services.posts import add_post, add_term
from tests.conftest import make_org
from tests.plugins.conftest import good_plugin
from tui.app import ZhiduApp
from tui.screens.audit import AuditScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.plugins import PluginsScreen
from tui.screens.posts import PostsScreen


def label(app: ZhiduApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


@pytest.fixture
def org(ctx: Context) -> Context:
    make_org(ctx, "gdpu")
    add_post(
        ctx,
        "gdpu",
        unit_code="office",
        code="kz",
        title="科长",
        rank="正科级",
        headcount=1,
        category="行政",
        term_years=3,
    )
    for n in range(250):
        add_person(ctx, "gdpu", name=f"王{n:03d}", gender="男", birth_date=f"{1960 + n % 40}-01-01")
    add_term(ctx, "gdpu", post_code="kz", person_id=1, start="2020-01-01", appointed_by="委任")
    add_kinship(ctx, "gdpu", 1, 2, "直系血亲")
    return ctx


async def open_home(app: ZhiduApp, pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    app.open_org("gdpu")
    await pilot.pause()  # type: ignore[attr-defined]


async def test_people_are_paged_searched_and_sorted_in_the_database(org: Context) -> None:
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        table = app.screen.query_one("#people", DataTable)
        assert table.row_count == 100 and table.has_focus
        assert label(app, "#page") == "第 1–100 人，共 250 人"
        await pilot.press("pagedown", "pagedown")
        assert label(app, "#page") == "第 201–250 人，共 250 人"
        await pilot.press("pagedown")  # past the end: stays
        assert label(app, "#page") == "第 201–250 人，共 250 人"
        await pilot.press("ctrl+f")
        search = app.screen.query_one("#search", Input)
        assert search.has_focus
        await pilot.press("1", "2")  # typing debounces, then queries
        await pilot.pause(0.5)
        assert label(app, "#page") == "第 1–13 人，共 13 人"  # 王012, 王112, 王120–129, 王212
        search.value = "王12"  # an input method delivers 王 whole
        await pilot.pause(0.5)
        await pilot.press("enter")  # done searching: back to the table
        assert table.has_focus
        assert label(app, "#page") == "第 1–10 人，共 10 人"  # 王120–王129
        search.value = ""
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        screen.order, screen.descending = "name", True
        screen.load()
        assert table.get_row_at(0)[1] == "王249"


async def test_a_person_shows_terms_and_kin(org: Context) -> None:
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        app.push_screen(PersonScreen(org, "gdpu", 1))
        await pilot.pause()
        terms = app.screen.query_one("#terms", DataTable)
        assert terms.row_count == 1 and terms.get_row_at(0)[1] == "2020-01-01"
        kin = app.screen.query_one("#kin", DataTable)
        assert [kin.get_row_at(0)[0], kin.get_row_at(0)[1]] == ["王001", "直系血亲"]


async def test_a_person_of_another_organization_cannot_be_opened(org: Context) -> None:
    from core.errors import NotFound

    make_org(org, "town", "government")
    other = add_person(org, "town", name="镇民", gender="女", birth_date="1990-01-01")
    with pytest.raises(NotFound, match="no such person in gdpu"):
        PersonScreen(org, "gdpu", other.id)


async def test_posts_show_their_holders_and_history(org: Context) -> None:
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PostsScreen)
        posts = app.screen.query_one("#posts", DataTable)
        assert posts.get_row_at(0)[3] == "1/1"
        terms = app.screen.query_one("#terms", DataTable)
        assert terms.row_count == 1


def plugin(name: str) -> types.ModuleType:
    module = types.ModuleType(f"screen_plugin_{name}")
    exec(
        good_plugin(name)
        + """
@hookimpl
def zhidu_screens():
    from core.api import Screen
    return [Screen("board", "看板", "Board", "tests.tui.test_screens:BoardScreen")]
""",
        module.__dict__,
    )
    return module


from textual.screen import Screen  # noqa: E402


class BoardScreen(Screen[None]):
    """A plugin's screen, for the tests."""

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__()
        self.org_code = org_code


async def test_plugins_are_enabled_here_and_disabling_asks_first(org: Context) -> None:
    org.host.register(plugin("board"), source="test")
    migrate(org.database, org.host.migrations())
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PluginsScreen)
        await pilot.press("e")
        await pilot.pause()
        assert "board" in {p.name for p in enabled_plugins(org, "gdpu")}
        await pilot.press("e")  # disable: a modal asks
        await pilot.pause()
        await pilot.press("escape")  # no
        await pilot.pause()
        assert "board" in {p.name for p in enabled_plugins(org, "gdpu")}
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "board" not in {p.name for p in enabled_plugins(org, "gdpu")}


async def test_the_palette_opens_screens_and_only_enabled_plugins_screens(org: Context) -> None:
    org.host.register(plugin("board"), source="test")
    migrate(org.database, org.host.migrations())
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("ctrl+p", *"看板")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BoardScreen)  # not enabled for gdpu
        await pilot.press("escape")
        enable_plugin(org, "gdpu", "board")
        await pilot.press("ctrl+p", *"看板")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and app.screen.org_code == "gdpu"
        await pilot.press("ctrl+p", *"人员")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)


async def test_the_audit_screen_verifies_in_a_worker_and_exports(
    org: Context, tmp_path: Path
) -> None:
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        assert app.screen.query_one("#entries", DataTable).row_count == 200
        assert label(app, "#seen") == "本机尚未核验过此日志"
        await pilot.press("x")
        await pilot.pause()
        exported = list((tmp_path / "data" / "zhidu" / "checkpoints").glob("*.checkpoint"))
        assert len(exported) == 1
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert label(app, "#result").startswith("核验通过")
        assert label(app, "#seen").startswith("本机上次核验的检查点")


async def test_the_audit_screen_says_when_the_log_is_tampered(org: Context) -> None:
    from core import models

    models.AuditEntry.update(leaf_hash=b"\0" * 32).where(models.AuditEntry.seq == 3).execute()
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("a", "v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert label(app, "#result").startswith("核验失败：entry 3:")


async def save(pilot: object, app: ZhiduApp) -> None:
    app.screen.query_one("#save", Button).press()
    await pilot.pause()  # type: ignore[attr-defined]


async def type_into(pilot: object, app: ZhiduApp, field: str, text: str) -> None:
    box = app.screen.query_one(f"#f-{field}", Input)
    box.value = text
    await pilot.pause()  # type: ignore[attr-defined]


async def test_a_parameter_override_validates_as_typed_and_saves(org: Context) -> None:
    from core.services.parameters import list_parameters
    from tui.screens.form import FormScreen
    from tui.screens.parameters import ParametersScreen

    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ParametersScreen)
        assert "docs/conventions.md" in label(app, "#citation")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_into(pilot, app, "value", "也许")
        assert "must be yes or no" in label(app, "#e-value")
        await type_into(pilot, app, "value", "否")
        assert label(app, "#e-value") == ""
        await type_into(pilot, app, "effective_from", "2026-02-30")
        assert "no such day in the calendar" in label(app, "#e-effective_from")
        await type_into(pilot, app, "effective_from", "2026-11-01")
        await save(pilot, app)  # no reason yet: the service refuses, the form stays
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "reason" in label(app, "#form-error")
        await type_into(pilot, app, "reason", "本单位2026年第3号文")
        await save(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, ParametersScreen)
    (resolved,) = [r for r in list_parameters(org, "gdpu", org.today())]
    assert (resolved.value, resolved.overridden) == (False, True)


async def test_the_calendar_takes_entries_and_counts_working_days(org: Context) -> None:
    from tui.screens.calendar import CalendarScreen

    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert label(app, "#title") == "2026-11"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert label(app, "#title") == "2027-01"
        cells = app.screen.query_one("#month", DataTable)
        assert "1?" in str(cells.get_row_at(0)[4])  # 2027-01-01, a Friday: assumed
        await pilot.press("s")
        await pilot.pause()
        await type_into(pilot, app, "day", "2027-01-01")
        await type_into(pilot, app, "workday", "否")
        await type_into(pilot, app, "note", "元旦")
        await save(pilot, app)
        await pilot.pause()
        assert "1*" in str(cells.get_row_at(0)[4])
        await pilot.press("n")
        await pilot.pause()
        await type_into(pilot, app, "start", "2026-12-28")
        await type_into(pilot, app, "days", "5")
        await save(pilot, app)
        await pilot.pause()
        answer = label(app, "#answer")
        assert answer.startswith("期满之日：2027-01-04") and "2027年" in answer


async def test_a_role_is_granted_from_the_accounts_screen(org: Context) -> None:
    from core.services.accounts import add_account, list_accounts
    from tui.screens.accounts import AccountsScreen

    add_account(org, "clerk")
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, AccountsScreen)
        await pilot.press("r")
        await pilot.pause()
        await type_into(pilot, app, "account", "clerk")
        await type_into(pilot, app, "role", "boss")
        assert "must be one of viewer/editor/org_admin/auditor" in label(app, "#e-role")
        await type_into(pilot, app, "role", "editor")
        await save(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, AccountsScreen)
    clerk = next(a for a in list_accounts(org) if a.name == "clerk")
    assert clerk.roles == (("gdpu", "editor"),)


async def test_home_shows_deadlines_and_their_chart(org: Context) -> None:
    from tui.widgets.bar_chart import BarChart

    add_post(
        org,
        "gdpu",
        unit_code="office",
        code="fkz",
        title="副科长",
        rank="副科级",
        headcount=1,
        category="行政",
        term_years=3,
    )
    add_term(
        org,
        "gdpu",
        post_code="fkz",
        person_id=3,
        start="2025-12-05",
        appointed_by="委任",
        probation_end="2026-12-04",
    )
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 50)) as pilot:
        await open_home(app, pilot)
        deadlines = app.screen.query_one("#deadlines", DataTable)
        assert [str(c) for c in deadlines.get_row_at(0)] == [
            "2026-12-04",
            "试用期满",
            "王002",
            "副科长",
        ]
        chart = app.screen.query_one("#chart", BarChart)
        assert chart.labels[0] == "26-11" and len(chart.labels) == 12
        # 王000's term of 3 years from 2020-01-01 completes on 2022-12-31 and 2025-12-31 …
        # and 2028-12-31: outside the year; 王002's probation ends in December 2026
        assert chart.values[1] == 1 and sum(chart.values) == 1


async def test_the_palette_runs_the_current_screens_actions(org: Context) -> None:
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert label(app, "#page") == "第 1–100 人，共 250 人"
        await pilot.press("ctrl+p", *"下一页")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert label(app, "#page") == "第 101–200 人，共 250 人"


async def test_the_audit_trail_is_filtered(org: Context) -> None:
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        table = app.screen.query_one("#entries", DataTable)
        box = app.screen.query_one("#filter", Input)
        box.value = "action=term.add"
        await box.action_submit()
        await pilot.pause()
        assert table.row_count == 1 and table.get_row_at(0)[3] == "term.add"
        box.value = "colour=blue"
        await box.action_submit()
        await pilot.pause()
        assert "筛选条件 colour=blue 无效" in label(app, "#result")


async def test_a_file_is_checked_then_imported_and_a_list_exported(
    org: Context, tmp_path: Path
) -> None:
    from core import models
    from tui.screens.confirm import ConfirmScreen
    from tui.screens.data import DataScreen

    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,性别,出生日期\n新人,男,1990-02-30\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("姓名,性别,出生日期\n新人,男,1990-02-28\n", encoding="utf-8")
    people = models.Person.select().count()
    app = ZhiduApp(org)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_home(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, DataScreen)
        app.screen.query_one("#kind", Input).value = "people"
        app.screen.query_one("#file", Input).value = str(bad)
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        problems = app.screen.query_one("#problems", DataTable)
        assert problems.row_count == 1 and problems.get_row_at(0)[0] == "2"
        assert "no such day in the calendar" in str(problems.get_row_at(0)[3])
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert label(app, "#status") == "1 个错误，未写入任何数据"
        assert models.Person.select().count() == people
        app.screen.query_one("#file", Input).value = str(good)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert label(app, "#status") == "已导入：新增 1，更新 0，不变 0"
        assert models.Person.select().count() == people + 1
        out = tmp_path / "people.xlsx"
        app.screen.query_one("#file", Input).value = str(out)
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert label(app, "#status") == f"已导出 {people + 1} 行到 {out}"
        assert out.exists()
