"""Per-organization enablement, dependency refusal, checks and parameters through services."""

from __future__ import annotations

import types
from datetime import date

import pytest

from core.errors import Conflict, InvalidInput, NotFound
from core.migrate import migrate
from core.services.calendar import add_working_days, declare_year, set_day
from core.services.checks import run_checks
from core.services.context import Context
from core.services.parameters import list_parameters, override_parameter
from core.services.people import add_person
from core.services.plugins import disable_plugin, enable_plugin, enabled_plugins
from tests.conftest import audit_entries, make_org
from tests.plugins.conftest import good_plugin


def plugin_module(name: str, depends: tuple[str, ...] = (), extra: str = "") -> types.ModuleType:
    module = types.ModuleType(f"test_plugin_{name}")
    exec(good_plugin(name, depends) + extra, module.__dict__)
    return module


@pytest.fixture
def plugged(ctx: Context) -> Context:
    """Two plugins, ``staff`` depending on ``engine``, migrated; two organizations."""
    for module in (plugin_module("engine"), plugin_module("staff", ("engine",))):
        assert ctx.host.register(module, source="test") is not None
    migrate(ctx.database, ctx.host.migrations())
    make_org(ctx, "union", "student_union")
    make_org(ctx, "gdpu")
    return ctx


def names(ctx: Context, org: str) -> list[str]:
    return sorted(p.name for p in enabled_plugins(ctx, org))


def test_enabling_is_per_organization(plugged: Context) -> None:
    enable_plugin(plugged, "union", "engine")
    assert names(plugged, "union") == ["core", "engine"]
    assert names(plugged, "gdpu") == ["core"]


def test_enabling_before_the_dependency_is_refused(plugged: Context) -> None:
    with pytest.raises(
        Conflict, match="depends on engine, not enabled for union; enable engine first"
    ):
        enable_plugin(plugged, "union", "staff")
    enable_plugin(plugged, "union", "engine")
    enable_plugin(plugged, "union", "staff")
    with pytest.raises(Conflict, match="staff depends on it in union"):
        disable_plugin(plugged, "union", "engine")


def test_disabling_keeps_the_data(plugged: Context) -> None:
    enable_plugin(plugged, "union", "engine")
    plugged.database.execute_sql("INSERT INTO engine_row (id) VALUES (1)")
    disable_plugin(plugged, "union", "engine")
    assert names(plugged, "union") == ["core"]
    assert plugged.database.execute_sql("SELECT count(*) FROM engine_row").fetchone()[0] == 1
    enable_plugin(plugged, "union", "engine")  # and it can come back
    actions = [e.action for e in audit_entries(plugged) if e.object_type == "plugin"]
    assert actions == ["plugin.enable", "plugin.disable", "plugin.enable"]


def test_unknown_plugins_and_the_core_cannot_be_toggled(plugged: Context) -> None:
    with pytest.raises(NotFound, match="plugin 'cadre' not found; installed: core, engine, staff"):
        enable_plugin(plugged, "union", "cadre")
    with pytest.raises(InvalidInput, match="always enabled"):
        enable_plugin(plugged, "union", "core")


def test_check_returns_findings_only_from_enabled_plugins(plugged: Context) -> None:
    for n in range(31):
        add_person(plugged, "union", name=f"学生{n}", gender="女", birth_date="2003-01-01")
    assert run_checks(plugged, "union").findings == ()
    enable_plugin(plugged, "union", "engine")
    report = run_checks(plugged, "union", date(2026, 11, 21))
    (finding,) = report.findings
    assert (finding.plugin, finding.org, finding.rule_id) == ("engine", "union", "engine.staff")
    assert finding.citation.words == "工作人员不超过30人"
    assert "31人，超过30人" in finding.message_zh


def test_an_override_from_a_date_changes_the_check_from_that_date(plugged: Context) -> None:
    enable_plugin(plugged, "union", "engine")
    for n in range(31):
        add_person(plugged, "union", name=f"学生{n}", gender="女", birth_date="2003-01-01")
    override_parameter(plugged, "union", "engine.max_staff", "35", "2026-09-01", "学代会决议")
    assert run_checks(plugged, "union", date(2026, 8, 31)).findings != ()
    assert run_checks(plugged, "union", date(2026, 9, 1)).findings == ()
    (resolved,) = [
        r
        for r in list_parameters(plugged, "union", date(2026, 9, 1))
        if r.key == "engine.max_staff"
    ]
    assert (resolved.value, resolved.overridden) == (35, True)
    with pytest.raises(InvalidInput, match="whole number"):
        override_parameter(plugged, "union", "engine.max_staff", "很多", "2027-01-01", "x")


def test_a_failing_check_is_reported_and_the_others_still_run(ctx: Context) -> None:
    boom = plugin_module(
        "boom",
        extra="\ndef _boom(ctx):\n    raise ZeroDivisionError('bad')\n"
        "@hookimpl\ndef zhidu_checks():\n    return [Check('boom', 'x', 'x', _boom)]\n",
    )
    ctx.host.register(boom, source="test")
    ctx.host.register(plugin_module("fine"), source="test")
    migrate(ctx.database, ctx.host.migrations())
    make_org(ctx, "union", "student_union")
    enable_plugin(ctx, "union", "boom")
    enable_plugin(ctx, "union", "fine")
    for n in range(31):
        add_person(ctx, "union", name=f"学生{n}", gender="女", birth_date="2003-01-01")
    report = run_checks(ctx, "union")
    assert [f.plugin for f in report.findings] == ["fine"]
    assert [(f.plugin, f.check) for f in report.failures] == [("boom", "boom")]


def test_working_days_use_the_organizations_entries_and_parameter(ctx: Context) -> None:
    make_org(ctx)
    # 2026-12-28 (Mon) + 5 working days, the start counting: Mon..Fri 2027-01-01, assumed
    first = add_working_days(ctx, "gdpu", "2026-12-28", 5)
    assert (first.end, first.is_certain) == (date(2027, 1, 1), False)
    set_day(ctx, "gdpu", "2027-01-01", False, "元旦")
    assert add_working_days(ctx, "gdpu", "2026-12-28", 5).end == date(2027, 1, 4)
    override_parameter(
        ctx, "gdpu", "core.workdays.start_day_counts", "否", "2026-01-01", "本单位规定"
    )
    assert add_working_days(ctx, "gdpu", "2026-12-28", 5).end == date(2027, 1, 5)
    declare_year(ctx, "gdpu", 2027, "国办发明电〔2026〕")
    assert add_working_days(ctx, "gdpu", "2026-12-28", 5).is_certain


def test_one_organizations_calendar_does_not_touch_anothers(ctx: Context) -> None:
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    set_day(ctx, "gdpu", "2027-01-01", False, "元旦")
    assert add_working_days(ctx, "town", "2026-12-28", 5).end == date(2027, 1, 1)


def test_a_plugin_registered_twice_under_one_name_is_refused(ctx: Context) -> None:
    from core.errors import PluginError

    ctx.host.register(plugin_module("dup"), source="a")
    with pytest.raises(PluginError, match="two plugins claim the name 'dup'"):
        ctx.host.register(plugin_module("dup"), source="b")


def test_a_check_loads_only_the_data_it_looks_at(ctx: Context) -> None:
    from core.services.checks import CheckContext

    seen: list[CheckContext] = []
    extra = (
        "\ndef _watch(ctx):\n    SEEN.append(ctx)\n    ctx.parameter('watch.max_staff')\n"
        "    return []\n@hookimpl\ndef zhidu_checks():\n"
        "    return [Check('watch', 'x', 'x', _watch)]\n"
    )
    watcher = plugin_module("watch", extra=extra)
    watcher.SEEN = seen  # type: ignore[attr-defined]
    ctx.host.register(watcher, source="test")
    migrate(ctx.database, ctx.host.migrations())
    make_org(ctx, "union", "student_union")
    enable_plugin(ctx, "union", "watch")
    add_person(ctx, "union", name="学生", gender="女", birth_date="2003-01-01")
    run_checks(ctx, "union")
    (check_ctx,) = seen
    assert "parameters" in vars(check_ctx) and "people" not in vars(check_ctx)
    assert [p.name for p in check_ctx.people] == ["学生"]  # and loads when asked
