"""The ``cadre`` plugin: 广东药科大学党政领导干部选拔任用与管理实施办法（试行）
(cadre-selection-appointment.txt). Kept light: imported whenever plugins are listed;
the services, commands and screens are imported when used."""

from __future__ import annotations

from collections.abc import Sequence

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
    Screen,
    hookimpl,
    migrations_from_package,
)
from plugins.cadre.parameters import SPECS

NAME = "cadre"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(
        NAME,
        "0.1.0",
        "干部选拔任用与管理",
        "Cadre selection, appointment and management",
        regulation="cadre-selection-appointment.txt",
    )


@hookimpl
def zhidu_migrations() -> Sequence[Migration]:
    return migrations_from_package(NAME, "plugins.cadre.migrations")


@hookimpl
def zhidu_parameters() -> Sequence[ParameterSpec]:
    return SPECS


@hookimpl
def zhidu_commands() -> Sequence[Command]:
    return [
        Command(NAME, "干部选拔任用与管理: eligibility, cases, terms", "plugins.cadre.cli:cadre")
    ]


@hookimpl
def zhidu_screens() -> Sequence[Screen]:
    return [
        Screen(
            "rotation",
            "交流轮岗预测",
            "Exchange and rotation forecast",
            "plugins.cadre.screens.rotation:RotationScreen",
        ),
        Screen("case", "选拔任用案件", "Selection cases", "plugins.cadre.screens.case:CaseScreen"),
        Screen(
            "eligibility",
            "任职资格",
            "Eligibility",
            "plugins.cadre.screens.eligibility:EligibilityScreen",
        ),
    ]


def _rotation(check: CheckContext) -> list[Finding]:
    from plugins.cadre.services.tenure import rotation_check

    return rotation_check(check)


def _avoidance(check: CheckContext) -> list[Finding]:
    from plugins.cadre.services.tenure import avoidance_check

    return avoidance_check(check)


def _cases(check: CheckContext) -> list[Finding]:
    from plugins.cadre.services.cases import case_findings

    return list(case_findings(check))


def _training(check: CheckContext) -> list[Finding]:
    from plugins.cadre.services.eligibility import training_overdue_check

    return list(training_overdue_check(check))


def _management(check: CheckContext) -> list[Finding]:
    from plugins.cadre.services.management import management_check

    return management_check(check)


@hookimpl
def zhidu_checks() -> Sequence[Check]:
    return [
        Check("exchange", "交流轮岗（第二十三条）", "Exchange and rotation due", _rotation),
        Check("avoidance", "任职回避（第二十四条）", "Avoidance in office", _avoidance),
        Check(
            "training-overdue",
            "提任后一年内未完成培训（第九条（二）7）",
            "Training not completed within a year after promotion",
            _training,
        ),
        Check(
            "management",
            "考核、降职、离任审计（第十七、二十七、二十八、三十二条）",
            "Assessments, demotions and departure audits due",
            _management,
        ),
        Check(
            "cases",
            "选拔任用案件：久拖不决、任前公示、试用期满考核（第十六、十七条）",
            "Selection cases stalled, notices running, probation reviews due",
            _cases,
        ),
    ]


def _load_demo(ctx: object, org_code: str) -> None:
    from plugins.cadre.demo import load

    load(ctx, org_code)


@hookimpl
def zhidu_demo_data() -> Sequence[DemoData]:
    return [
        DemoData(
            OrgKind.UNIVERSITY,
            _load_demo,
            "ratings, sanctions, training, selection cases and votes for gdpu's cadres",
        )
    ]
