"""Eligibility on the demo's ``gdpu`` (core/demo_data.py and plugins/cadre/demo/
eligibility.py): the checks the demo's docstring promises, the training-overdue check,
the command line with --json, and the screen with Pilot."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Label, Select, Static

from core.demo import load_demo
from core.services.checks import run_checks
from core.services.context import Context
from plugins.cadre.cli import cadre as cadre_group
from plugins.cadre.screens.eligibility import EligibilityScreen
from plugins.cadre.services import eligibility as services
from plugins.cadre.vocabulary import Rank
from tui.app import ZhiduApp

ORG = "gdpu"


@pytest.fixture
def demo(cctx: Context) -> Context:
    assert ORG in load_demo(cctx)
    return cctx


def pid(ctx: Context, name: str) -> int:
    return next(p for p, n, _ in services.people_for_check(ctx, ORG) if n == name)


# --------------------------------------------------------------------------- the demo


def test_the_demo_loads_profiles_trainings_and_one_exception(demo: Context) -> None:
    profiles = services.list_profiles(demo, ORG)
    assert len(profiles) == 21
    abroad = [p.person_id for p in profiles if p.family_emigrated]
    assert abroad == [pid(demo, "何雪梅")]  # 第十五条（四）
    assert len(services.list_trainings(demo, ORG)) == 12
    (exception,) = services.list_exceptions(demo, ORG)
    assert exception.person_id == pid(demo, "吴俊杰") and exception.target_rank is Rank.DIVISION
    assert exception.consent_by == "中共广东省委教育工委组织部"


def test_liang_meets_deputy_division_with_training_deferred(demo: Context) -> None:
    got = services.check(demo, ORG, pid(demo, "梁家豪"), "副处级")
    assert got.eligible and got.current_rank is Rank.SECTION
    assert got.condition("deputy_division.years_as_section").met
    assert got.condition("division.training").status == "deferred"


def test_wu_exception_refused_in_probation_then_covering_the_years(demo: Context) -> None:
    wu = pid(demo, "吴俊杰")
    today = services.check(demo, ORG, wu, "正处级")
    assert not today.eligible
    assert today.condition("exception.probation").met is False  # until 2026-12-04
    assert today.condition("exception.after_promotion").met is False  # 1 year on 2026-12-05
    day_before = services.check(demo, ORG, wu, "正处级", "2026-12-04")
    assert not day_before.eligible
    then = services.check(demo, ORG, wu, "正处级", "2026-12-05")
    assert then.eligible and then.condition("division.years_as_deputy").covered


def test_the_demos_missed_and_unknown_conditions(demo: Context) -> None:
    ye = services.check(demo, ORG, pid(demo, "叶楚君"), "正处级", head="正职")
    assert ye.condition("division.professional").met is False
    assert ye.condition("head").met is False and not ye.eligible
    zheng = services.check(demo, ORG, pid(demo, "郑国栋"), "正处级")
    full = zheng.condition("division.full_term")
    assert full.met is False and dict(full.dates)["retirement"].isoformat() == "2026-12-08"
    daughter = services.check(demo, ORG, pid(demo, "郑思琪"), "副科级")
    assert daughter.condition("qualification").met is True  # both tracks met
    assert daughter.condition("fit_for_duty").met is None and not daughter.eligible
    su = services.check(demo, ORG, pid(demo, "苏晓婷"), "正科级", "2026-07-07")
    assert su.condition("section.management").parts[1].met  # 博士, a year in management


def test_training_overdue_finds_peng_only(demo: Context) -> None:
    report = run_checks(demo, ORG)
    assert report.failures == ()
    overdue = [f for f in report.findings if f.rule_id == "cadre.training-overdue"]
    assert [f.subject for f in overdue] == ["彭志强"]
    assert overdue[0].due is not None and overdue[0].due.isoformat() == "2026-06-30"
    assert overdue[0].citation.article == "第九条（二）7" and overdue[0].plugin == "cadre"


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def zhidu(
    demo: Context,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Callable[..., tuple[int, Any, str]]]:
    from core.cli import main
    from core.migrate import migrate
    from core.plugin_host import PluginHost

    migrate(demo.database, PluginHost.discover().migrations())  # every installed plugin's
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    monkeypatch.setattr("core.shell.current_os_user", lambda: "tester")

    def run(*args: str, as_json: bool = True) -> tuple[int, Any, str]:
        capsys.readouterr()
        try:
            main(["cadre", *args, *(["--json"] if as_json else [])])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capsys.readouterr()
        return code, (json.loads(out) if as_json and out.strip() else out), err

    yield run


def test_every_eligibility_command_takes_org_and_json() -> None:
    for name in ("eligible", "profile", "training", "exception"):
        command = cadre_group.commands[name]
        leaves = command.commands.values() if isinstance(command, click.Group) else [command]
        for leaf in leaves:
            assert any("--json" in p.opts for p in leaf.params), leaf.name
            assert any("--org" in p.opts for p in leaf.params), leaf.name


def test_eligible_through_the_cli(demo: Context, zhidu: Callable[..., Any]) -> None:
    liang = str(pid(demo, "梁家豪"))
    code, data, _ = zhidu("eligible", liang, "--rank", "正科级", "--org", ORG)
    assert code == 0 and data["eligible"] is True and data["rank"] == "正科级"
    management = next(c for c in data["conditions"] if c["key"] == "section.management")
    assert management["parts"][0]["dates"] == {"since": "2017-07-07", "reached": "2020-07-07"}
    code, text, _ = zhidu("eligible", liang, "--rank", "副处级", "--org", ORG, as_json=False)
    assert code == 0 and "✓ deputy_division.years_as_section" in text
    assert "任正科级自2020-07-07起：2023-07-07满3年（2023-07-06尚未满）" in text
    assert "△ division.training" in text and text.rstrip().endswith("结论：符合任职资格")
    wu = str(pid(demo, "吴俊杰"))
    code, text, _ = zhidu("eligible", wu, "--rank", "正处级", "--org", ORG, as_json=False)
    assert code == 0 and "✗ exception.probation" in text and "结论：不符合任职资格" in text
    code, data, _ = zhidu("eligible", wu, "--rank", "正处级", "--on", "2026-12-05", "--org", ORG)
    assert data["eligible"] is True and data["exception"]["reason"] == "专业性较强或专项工作急需"


def test_bad_input_is_one_line(demo: Context, zhidu: Callable[..., Any]) -> None:
    code, _, err = zhidu("eligible", "3", "--rank", "正科级", "--on", "2026-02-30", "--org", ORG)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "on" in err
    code, _, err = zhidu("eligible", "9999", "--rank", "正科级", "--org", ORG)
    assert code != 0 and len(err.strip().splitlines()) == 1
    code, _, err = zhidu("training", "add", "3", "--on", "2026-11-01", "--hours", "0",
                         "--institution", "党校", "--org", ORG)  # fmt: skip
    assert code == 2 and "hours" in err and len(err.strip().splitlines()) == 1


def test_profile_training_and_exception_through_the_cli(
    demo: Context, zhidu: Callable[..., Any]
) -> None:
    si = str(pid(demo, "郑思琪"))
    code, shown, _ = zhidu("profile", "show", si, "--org", ORG)
    assert code == 0 and shown is None
    code, made, _ = zhidu("profile", "set", si, "--track", "管理岗位", "--fit-for-duty", "是",
                          "--org", ORG)  # fmt: skip
    assert code == 0 and made["track"] == "管理岗位" and made["fit_for_duty"] is True
    code, data, _ = zhidu("eligible", si, "--rank", "副科级", "--org", ORG)
    assert data["eligible"] is True  # fitness now recorded
    code, added, _ = zhidu("training", "add", si, "--on", "2026-10-30", "--hours", "90",
                           "--institution", "广东省行政学院", "--org", ORG)  # fmt: skip
    assert code == 0 and added["hours"] == 90
    code, listed, _ = zhidu("training", "list", si, "--org", ORG)
    assert [t["hours"] for t in listed] == [90]
    code, exc, _ = zhidu("exception", "add", si, "--rank", "正科级", "--kind", "特别优秀",
                         "--reason", "关键时刻或急难险重", "--recorded-on", "2026-11-01",
                         "--org", ORG)  # fmt: skip
    assert code == 0 and exc["consent_on"] is None
    code, given, _ = zhidu("exception", "consent", str(exc["id"]), "--on", "2026-11-05",
                           "--by", "省委教育工委组织部", "--org", ORG)  # fmt: skip
    assert code == 0 and given["consent_on"] == "2026-11-05"
    code, listed, _ = zhidu("exception", "list", "--org", ORG)
    assert len(listed) == 2


# --------------------------------------------------------------------------- the screen


async def open_screen(app: ZhiduApp, pilot: Any) -> EligibilityScreen:
    await pilot.pause()
    app.open_org(ORG)
    await pilot.pause()
    app.screen.action_open("cadre.eligibility")  # type: ignore[attr-defined]  # the hook's entry
    await pilot.pause()
    assert isinstance(app.screen, EligibilityScreen)
    return app.screen


def cell(table: DataTable[Any], row: int, column: str) -> Text:
    value = table.get_cell(str(row), column)
    assert isinstance(value, Text)
    return value


async def test_the_screen_shows_each_condition_with_dates_and_clause(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(180, 50)) as pilot:
        screen = await open_screen(app, pilot)
        assert screen.query_one("#on", Input).value == "2026-11-21"
        assert screen.result is None  # nothing chosen yet
        screen.choose(pid(demo, "梁家豪"))  # 正科级 now: 副处级 is suggested
        await pilot.pause()
        assert screen.query_one("#rank", Select).value == "副处级"
        result = screen.result
        assert result is not None and result.eligible
        table = screen.query_one("#conditions", DataTable)
        assert table.row_count == len(result.conditions)
        assert cell(table, 1, "condition").plain == "deputy_division.years_as_section"
        assert cell(table, 1, "status").plain == "✓ 符合"
        assert "reached 2023-07-07" in cell(table, 1, "dates").plain
        assert cell(table, 1, "article").plain == "第九条（二）3"
        assert "符合任职资格" in str(screen.query_one("#summary", Label).render())
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        detail = str(screen.query_one("#detail", Static).render())
        assert "2023-07-07满3年" in detail and "须任正科级满3年以上" in detail


async def test_the_screen_marks_missed_rows_and_follows_the_date(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(180, 50)) as pilot:
        screen = await open_screen(app, pilot)
        screen.choose(pid(demo, "吴俊杰"), "正处级")
        await pilot.pause()
        assert screen.result is not None and not screen.result.eligible
        table = screen.query_one("#conditions", DataTable)
        keys = [cell(table, n, "condition").plain for n in range(table.row_count)]
        probation = keys.index("exception.probation")
        assert cell(table, probation, "status").plain == "✗ 不符合"
        assert "red" in str(cell(table, probation, "status").style)
        await pilot.press("d")
        date = screen.query_one("#on", Input)
        assert date.has_focus
        date.value = "2026-12-05"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.result.eligible and screen.result.on.isoformat() == "2026-12-05"
        years = [cell(table, n, "condition").plain for n in range(table.row_count)].index(
            "division.years_as_deputy"
        )
        assert cell(table, years, "status").plain == "◎ 破格"
        date.value = "2026-13-01"  # refused by the service: the last result stays
        await pilot.press("d", "enter")
        await pilot.pause()
        assert screen.result.on.isoformat() == "2026-12-05"


async def test_the_screen_with_a_head_and_parts_indented(demo: Context) -> None:
    app = ZhiduApp(demo)
    async with app.run_test(size=(180, 50)) as pilot:
        screen = await open_screen(app, pilot)
        screen.choose(pid(demo, "叶楚君"), "正处级", "正职")
        await pilot.pause()
        table = screen.query_one("#conditions", DataTable)
        keys = [cell(table, n, "condition").plain for n in range(table.row_count)]
        assert "head" in keys and "  └ division.full_senior" in keys
        assert cell(table, keys.index("head"), "status").plain == "✗ 不符合"
        assert "（正职）" in str(screen.query_one("#summary", Label).render())
