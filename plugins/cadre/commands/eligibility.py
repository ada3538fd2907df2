"""``zhidu cadre eligible | profile | training | exception`` (第九–十一条): the eligibility
check with every condition ✓/✗/? and its dates and clause, and the facts it reads beyond
the core — a cadre's profile, trainings completed, exceptional promotions (破格) and the
superior department's consent. Every command takes ``--org`` and ``--json``; a mistake
is one line (exit status 2). ``eligible`` exits 0 whether or not the person is eligible:
it is a report — read ``eligible`` in the JSON (or the last line) for the answer."""

from __future__ import annotations

from typing import Any

import click

from plugins.cadre.cli import as_json_option, emit, org_option

RANKS = click.Choice(["副科级", "正科级", "副处级", "正处级"])
HEADS = click.Choice(["正职", "副职"])
TRACKS = click.Choice(["管理岗位", "专业技术岗位"])
KINDS = click.Choice(["特别优秀", "工作特殊需要"])
REASONS = click.Choice(
    ["关键时刻或急难险重", "工作实绩特别显著", "班子结构或职位特殊要求", "专业性较强或专项工作急需"]
)
YES_NO = click.Choice(["是", "否", "yes", "no"])


def _services() -> Any:
    from plugins.cadre.services import eligibility

    return eligibility


def eligibility_text(result: Any) -> str:
    """The check for people: each condition (and its parts) with its mark, dates, clause."""
    head = f"（{result.head.zh}）" if result.head else ""
    now = result.current_rank.zh if result.current_rank else "无干部职级"
    track = result.track.zh if result.track else "岗位类别未登记"
    lines = [
        f"{result.name}（#{result.person_id}）拟任{result.rank.zh}{head} {result.on.isoformat()}"
        f"  现任：{now}  {track}"
    ]

    def add(condition: Any, indent: str) -> None:
        lines.append(f"{indent}{condition.mark} {condition.key}")
        if condition.parts:
            for part in condition.parts:
                add(part, indent + "    ")
        else:
            lines.append(f"{indent}    {condition.message_zh}")
        if condition.dates and not condition.parts:
            dates = "  ".join(f"{name} {day.isoformat()}" for name, day in condition.dates)
            lines.append(f"{indent}    日期 {dates}")
        lines.append(f"{indent}    依据 {condition.citation}")

    for condition in result.conditions:
        add(condition, "")
    lines.append("✓ 符合  ✗ 不符合  ? 无法判断（数据未登记）  ◎ 破格  △ 提任后一年内完成")
    lines.append("结论：" + ("符合任职资格" if result.eligible else "不符合任职资格"))
    return "\n".join(lines)


@click.command()
@org_option
@click.argument("person_id", type=int)
@click.option("--rank", required=True, type=RANKS, help="The rank aimed at (第五条).")
@click.option("--head", type=HEADS, help="Heading a 教学/科研/教辅 unit (第九条（二）4).")
@click.option("--on", help="The date of the decision (default: today).")
@as_json_option
@click.pass_obj
def eligible(
    state: Any, org_code: str, person_id: int, rank: str, head: str | None, on: str | None,
    as_json: bool,
) -> None:  # fmt: skip
    """任职资格 (第九–十一条): every condition met (✓), missed (✗) or unknown (?), its dates
    and clause. Exits 0 either way; ``eligible`` in the JSON is the answer."""
    result = _services().check(state.context(), org_code, person_id, rank, on, head)
    emit(as_json, result.as_dict(), eligibility_text(result))


# --------------------------------------------------------------------------- profile


def _profile_text(profile: Any) -> str:
    since = profile.management_since.isoformat() if profile.management_since else "—"
    return (
        f"#{profile.person_id} {profile.track.zh}  在校从事管理岗位工作自 {since}  "
        f"身体条件 {'正常' if profile.fit_for_duty else '不能正常履行职责'}  "
        f"配偶/子女移居国（境）外 {'是' if profile.family_emigrated else '否'}"
        + (f"  {profile.note}" if profile.note else "")
    )


@click.group()
def profile() -> None:
    """干部档案补充信息: track, management since, fitness, a family abroad (第九、十五条)."""


@profile.command("set")
@org_option
@click.argument("person_id", type=int)
@click.option("--track", type=TRACKS, help="管理岗位 or 专业技术岗位 (needed the first time).")
@click.option("--management-since", help="在校从事管理岗位工作起始 (第九条（一）4); '' clears.")
@click.option("--fit-for-duty", type=YES_NO, help="正常履行职责的身体条件 (第九条（一）5).")
@click.option(
    "--family-emigrated", type=YES_NO, help="配偶（或子女均）移居国（境）外 (第十五条（四）)."
)
@click.option("--note")
@as_json_option
@click.pass_obj
def profile_set(
    state: Any, org_code: str, person_id: int, track: str | None, management_since: str | None,
    fit_for_duty: str | None, family_emigrated: str | None, note: str | None, as_json: bool,
) -> None:  # fmt: skip
    """Record or change a cadre's profile; only the options given change."""
    changes: dict[str, Any] = {
        "track": track, "fit_for_duty": fit_for_duty, "family_emigrated": family_emigrated,
        "note": note,
    }  # fmt: skip
    if management_since is not None:
        changes["management_since"] = management_since
    done = _services().set_profile(state.context(), org_code, person_id, **changes)
    emit(as_json, done.as_dict(), _profile_text(done))


@profile.command("show")
@org_option
@click.argument("person_id", type=int)
@as_json_option
@click.pass_obj
def profile_show(state: Any, org_code: str, person_id: int, as_json: bool) -> None:
    """A cadre's profile (nothing recorded: null)."""
    found = _services().profile_of(state.context(), org_code, person_id)
    emit(
        as_json,
        found.as_dict() if found else None,
        _profile_text(found) if found else f"#{person_id}: 未登记干部档案补充信息",
    )


# --------------------------------------------------------------------------- training


@click.group()
def training() -> None:
    """培训 (第九条（二）7): trainings completed and their hours."""


@training.command("add")
@org_option
@click.argument("person_id", type=int)
@click.option("--on", "completed_on", required=True, help="The day it was completed.")
@click.option("--hours", required=True, type=int, help="学时.")
@click.option("--institution", required=True, help="省委党校、行政院校或认可的其他培训机构.")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def training_add(
    state: Any, org_code: str, person_id: int, completed_on: str, hours: int, institution: str,
    note: str, as_json: bool,
) -> None:  # fmt: skip
    """A training completed, with its hours."""
    done = _services().add_training(
        state.context(), org_code, person_id, completed_on=completed_on, hours=hours,
        institution=institution, note=note,
    )  # fmt: skip
    emit(
        as_json,
        done,
        f"recorded #{done.id} person={done.person_id} {done.completed_on} {done.hours}学时",
    )


@training.command("list")
@org_option
@click.argument("person_id", type=int, required=False)
@as_json_option
@click.pass_obj
def training_list(state: Any, org_code: str, person_id: int | None, as_json: bool) -> None:
    """The trainings recorded (of one person, or everyone's)."""
    found = _services().list_trainings(state.context(), org_code, person_id)
    lines = [
        f"#{t.id} person={t.person_id} {t.completed_on.isoformat()} {t.hours}学时 {t.institution}"
        + (f" {t.note}" if t.note else "")
        for t in found
    ]
    emit(as_json, found, "\n".join(lines) or "无")


# --------------------------------------------------------------------------- exceptions


def _exception_text(e: Any) -> str:
    consent = (
        f"{e.consent_by} {e.consent_on.isoformat()} 同意"
        if e.consent_on
        else "未登记上级组织部门同意"
    )
    return (
        f"#{e.id} person={e.person_id} 破格提拔{e.target_rank.zh}：{e.kind.zh}——{e.reason.zh}  "
        f"登记 {e.recorded_on.isoformat()}  {consent}" + (f"  {e.note}" if e.note else "")
    )


@click.group()
def exception() -> None:
    """破格提拔 (第十一条): the kind, the listed ground, the superior department's consent."""


@exception.command("add")
@org_option
@click.argument("person_id", type=int)
@click.option("--rank", "target_rank", required=True, type=RANKS)
@click.option("--kind", required=True, type=KINDS)
@click.option("--reason", required=True, type=REASONS, help="A ground listed in 第十一条.")
@click.option("--recorded-on", help="Default: today.")
@click.option("--consent-on", help="上级组织部门同意的日期 (with --consent-by).")
@click.option("--consent-by", help="Which department consented.")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def exception_add(
    state: Any, org_code: str, person_id: int, target_rank: str, kind: str, reason: str,
    recorded_on: str | None, consent_on: str | None, consent_by: str | None, note: str,
    as_json: bool,
) -> None:  # fmt: skip
    """Record an exceptional promotion (and, if given already, the consent)."""
    done = _services().add_exception(
        state.context(), org_code, person_id, target_rank=target_rank, kind=kind, reason=reason,
        recorded_on=recorded_on, consent_on=consent_on, consent_by=consent_by, note=note,
    )  # fmt: skip
    emit(as_json, done.as_dict(), _exception_text(done))


@exception.command("consent")
@org_option
@click.argument("exception_id", type=int)
@click.option("--on", required=True, help="The day the superior department consented.")
@click.option("--by", required=True, help="Which department.")
@as_json_option
@click.pass_obj
def exception_consent(
    state: Any, org_code: str, exception_id: int, on: str, by: str, as_json: bool
) -> None:
    """The superior department's consent (第十一条 "报经上级组织部门同意"), before the decision."""
    done = _services().record_consent(state.context(), org_code, exception_id, on=on, by=by)
    emit(as_json, done.as_dict(), _exception_text(done))


@exception.command("list")
@org_option
@click.argument("person_id", type=int, required=False)
@as_json_option
@click.pass_obj
def exception_list(state: Any, org_code: str, person_id: int | None, as_json: bool) -> None:
    """The exceptional promotions recorded (of one person, or everyone's)."""
    found = _services().list_exceptions(state.context(), org_code, person_id)
    emit(as_json, [e.as_dict() for e in found], "\n".join(map(_exception_text, found)) or "无")
