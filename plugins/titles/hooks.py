"""The ``titles`` plugin: 职称评审 (professional-title-review.txt, 皖人社发〔2018〕5号) —
applications (申报) and their eligibility screening (资格审查). Kept light: imported
whenever plugins are listed; the services, commands and screens are imported when used."""

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
    hookimpl,
    migrations_from_package,
)

NAME = "titles"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(
        NAME,
        "0.1.0",
        "职称评审",
        "Professional title review",
        regulation="professional-title-review.txt",
    )


@hookimpl
def zhidu_migrations() -> Sequence[Migration]:
    return migrations_from_package(NAME, "plugins.titles.migrations")


@hookimpl
def zhidu_parameters() -> Sequence[ParameterSpec]:
    from plugins.titles.parameters import SPECS

    return SPECS


@hookimpl
def zhidu_commands() -> Sequence[Command]:
    return [
        Command(NAME, "职称评审: applications and their screening", "plugins.titles.cli:titles")
    ]


def _ineligible(check: CheckContext) -> Iterator[Finding]:
    from plugins.titles.services import ineligible_findings

    return ineligible_findings(check)


@hookimpl
def zhidu_checks() -> Sequence[Check]:
    return [
        Check(
            "ineligible",
            "本年度申报资格审查不符合或待核实",
            "This year's applications that fail or cannot be judged",
            _ineligible,
        )
    ]


def _load_demo(ctx: object, org_code: str) -> None:
    from plugins.titles.demo import load

    load(ctx, org_code)  # type: ignore[arg-type]


@hookimpl
def zhidu_demo_data() -> Sequence[DemoData]:
    return [
        DemoData(
            OrgKind.HR_OFFICE,
            _load_demo,
            "the applicants' 2026 applications and 年度考核 (转评, 破格, 博士, 基本合格 …)",
        )
    ]
