"""The ``union`` plugin: 学生会章程 (student-union-bylaws.txt) — the 14 standards of the
组织改革自评表 computed from the data, and membership (joining, appointments, warnings,
removals, resignations, certificates, 述职). Kept light: it is imported whenever
plugins are listed; the services and the CLI are imported when used."""

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
    Screen,
    Severity,
    add_years,
    hookimpl,
    migrations_from_package,
)
from plugins.union import rules
from plugins.union.parameters import SPECS, limits_from

NAME = "union"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(
        NAME,
        "0.1.0",
        "学生会章程",
        "Student union bylaws",
        regulation="student-union-bylaws.txt",
        depends_on=("elections",),  # type: ignore[arg-type]  # attrs converter=tuple
    )


@hookimpl
def zhidu_migrations() -> Sequence[Migration]:
    return migrations_from_package(NAME, "plugins.union.migrations")


@hookimpl
def zhidu_parameters() -> Sequence[ParameterSpec]:
    return SPECS


@hookimpl
def zhidu_commands() -> Sequence[Command]:
    return [Command(NAME, "学生会章程: self-assessment and membership", "plugins.union.cli:union")]


@hookimpl
def zhidu_screens() -> Sequence[Screen]:
    return [
        Screen(
            "assessment",
            "组织改革自评表",
            "Self-assessment",
            "plugins.union.screens.assessment:AssessmentScreen",
        )
    ]


def standards_check(ctx: CheckContext) -> Iterator[Finding]:
    """Each standard of the self-assessment the data breaks, with its clause."""
    from plugins.union.services import facts_for

    for result in rules.assess(facts_for(ctx), limits_from(ctx.parameter)):
        if result.met:
            continue
        who = "、".join(result.offenders)
        yield Finding(
            Severity.VIOLATION,
            f"union.standard-{result.number}",
            ctx.org.name,
            result.citation,
            f"自评表第{result.number}项不符合：{result.figure}" + (f"；{who}" if who else ""),
            f"standard {result.number} of the self-assessment is not met: "
            f"{result.figure}" + (f"; {who}" if who else ""),
        )


def overdue_terms_check(ctx: CheckContext) -> Iterator[Finding]:
    """Terms past their length (one year: the congress meets every year, 第八条) and
    still open: the 换届 is overdue."""
    posts = {p.id: p for p in ctx.posts}
    names = {p.id: p.name for p in ctx.people}
    for term in ctx.terms:
        post = posts[term.post_id]
        if term.end is not None or not post.term_years:
            continue
        due = add_years(term.start, post.term_years)
        if due <= ctx.on:
            name = names.get(term.person_id, str(term.person_id))
            yield Finding(
                Severity.VIOLATION,
                "union.term-overdue",
                name,
                rules.CONGRESS_YEARLY,
                f"{name}任{post.title}自{term.start.isoformat()}起，任期{post.term_years}年已满未换届",
                f"{name} has held {post.code} since {term.start.isoformat()}: the "
                f"{post.term_years}-year term ended on {due.isoformat()} and was not renewed",
                due=due,
                subject_key=f"person:{term.person_id}",
            )


@hookimpl
def zhidu_checks() -> Sequence[Check]:
    return [
        Check("standards", "组织改革自评表标准", "Self-assessment standards", standards_check),
        Check("term-overdue", "任期届满未换届", "Terms past their length", overdue_terms_check),
    ]


def _load_demo(ctx: object, org_code: str) -> None:
    from plugins.union.demo import load

    load(ctx, org_code)  # type: ignore[arg-type]


@hookimpl
def zhidu_demo_data() -> Sequence[DemoData]:
    return [
        DemoData(
            OrgKind.STUDENT_UNION,
            _load_demo,
            "the file's own facts: duties (三), congress (七), rankings (四), guides (十)",
        )
    ]
