"""The ``attendance`` plugin: 机关作风建设与考勤 (office-conduct-attendance.txt) — the
sign-in sheet (签到/签退), lateness and early leaving counted by week and by month
(第一篇 一(二)2), the days without a sign-in. Kept light: imported whenever plugins are
listed; the services, commands and screens are imported when used."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from core.api import (
    Check,
    CheckContext,
    Command,
    DemoData,
    Finding,
    Migration,
    OrgKind,
    ParameterSpec,
    PluginInfo,
    Severity,
    hookimpl,
    migrations_from_package,
)
from plugins.attendance import rules
from plugins.attendance.parameters import SPECS

NAME = "attendance"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(
        NAME,
        "0.1.0",
        "机关作风建设与考勤",
        "Office conduct and attendance",
        regulation="office-conduct-attendance.txt",
    )


@hookimpl
def zhidu_migrations() -> Sequence[Migration]:
    return migrations_from_package(NAME, "plugins.attendance.migrations")


@hookimpl
def zhidu_parameters() -> Sequence[ParameterSpec]:
    return SPECS


@hookimpl
def zhidu_commands() -> Sequence[Command]:
    return [
        Command(
            NAME, "机关考勤: sign-ins and the monthly report", "plugins.attendance.cli:attendance"
        )
    ]


def discipline_check(ctx: CheckContext) -> Iterator[Finding]:
    """The last complete month's findings (迟到、早退 by week and month, 未签到 days), each
    with its clause; a month without any sign-in is one note, not a 未签到 finding for everyone."""
    from plugins.attendance import services

    year, month = services.last_complete_month(ctx.on)
    report = services.compute(ctx, year, month)
    if not report.recorded:
        yield Finding(
            Severity.INFO,
            "attendance.no-records",
            ctx.org.name,
            rules.SIGN_IN,
            f"{report.label}没有签到记录",
            f"no sign-in is recorded for {report.label}",
        )
        return
    yield from report.findings


@hookimpl
def zhidu_checks() -> Sequence[Check]:
    return [
        Check(
            "discipline",
            "上月考勤（迟到、早退、未签到）",
            "Last month's attendance (lateness, early leaving, no sign-in)",
            discipline_check,
        )
    ]


def _load_demo(ctx: object, org_code: str) -> None:
    from plugins.attendance.demo import load

    load(ctx, org_code)  # type: ignore[arg-type]


@hookimpl
def zhidu_demo_data() -> Sequence[DemoData]:
    return [
        DemoData(
            OrgKind.GOVERNMENT,
            _load_demo,
            "sign-ins of the town's staff, August–November 2026, with planted lateness",
        )
    ]
