"""``zhidu cadre assessment | sanction | audit add|list``, ``remove``, ``resign``,
``demote`` and ``due`` (第二十六–三十三条, 第十七条): the records of managing cadres,
the ways a term ends early, and what is due. Every command takes ``--org`` and
``--json``; a mistake is one line."""

from __future__ import annotations

from typing import Any

import click

from plugins.cadre.cli import as_json_option, emit, org_option


def _services() -> Any:
    from plugins.cadre.services import management

    return management


def _recorded(as_json: bool, data: dict[str, Any], keys: tuple[str, ...]) -> None:
    summary = " ".join(f"{k}={data[k]}" for k in keys if data.get(k) not in (None, ""))
    emit(as_json, data, f"recorded #{data['id']} {data['person']} {summary}".rstrip())


def _listed(as_json: bool, rows: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
    lines = [
        f"#{r['id']} {r['person']}（#{r['person_id']}） "
        + " ".join(str(r[k]) for k in keys if r.get(k) not in (None, ""))
        for r in rows
    ]
    emit(as_json, rows, "\n".join(lines) or "无")


def _ended(as_json: bool, result: Any) -> None:
    data = result.as_dict()
    text = (
        f"{result.person} {result.post_code} {result.action}，最后任职日 "
        f"{result.term.end.isoformat()}（{result.basis}）"
    )
    if result.started is not None:
        text += f"；{result.started.start.isoformat()} 起任 {result.started_post}"
    emit(as_json, data, text)


# ---------------------------------------------------------------------- assessment


@click.group()
def assessment() -> None:
    """考核 (第二十七条; 第十七条 试用期满): record and list."""


@assessment.command("add")
@org_option
@click.argument("person_id", type=int)
@click.option("--kind", required=True, help="试用期满, 年度, 届中 or 届满.")
@click.option("--on", "assessed_on", required=True, help="The day assessed.")
@click.option("--grade", required=True, help="优秀, 称职, 基本称职 or 不称职.")
@click.option("--year", help="The year rated (年度 only).")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def assessment_add(
    state: Any,
    org_code: str,
    person_id: int,
    kind: str,
    assessed_on: str,
    grade: str,
    year: str | None,
    note: str,
    as_json: bool,
) -> None:
    """Record an assessment with its grade."""
    data = _services().add_assessment(
        state.context(),
        org_code,
        person_id,
        kind=kind,
        assessed_on=assessed_on,
        grade=grade,
        year=year,
        note=note,
    )
    _recorded(as_json, data, ("kind", "year", "assessed_on", "grade"))


@assessment.command("list")
@org_option
@click.option("--person", "person_id", type=int)
@as_json_option
@click.pass_obj
def assessment_list(state: Any, org_code: str, person_id: int | None, as_json: bool) -> None:
    """Assessments recorded, oldest first."""
    rows = _services().list_assessments(state.context(), org_code, person_id)
    _listed(as_json, rows, ("kind", "year", "assessed_on", "grade", "note"))


# ------------------------------------------------------------------------ sanction


@click.group()
def sanction() -> None:
    """组织处理、纪律处分 (第十五条（五）, 第三十三条): record and list."""


@sanction.command("add")
@org_option
@click.argument("person_id", type=int)
@click.option("--kind", required=True, help="e.g. 诫勉, 党内警告, 免职处理.")
@click.option("--on", "imposed_on", required=True, help="The day imposed.")
@click.option("--until", help="The day its effect ends (影响期满).")
@click.option("--affects-use/--no-affects-use", default=True, help="影响使用 (default yes).")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def sanction_add(
    state: Any,
    org_code: str,
    person_id: int,
    kind: str,
    imposed_on: str,
    until: str | None,
    affects_use: bool,
    note: str,
    as_json: bool,
) -> None:
    """Record a sanction."""
    data = _services().add_sanction(
        state.context(),
        org_code,
        person_id,
        kind=kind,
        imposed_on=imposed_on,
        until=until,
        affects_use=affects_use,
        note=note,
    )
    _recorded(as_json, data, ("kind", "imposed_on", "until", "affects_use"))


@sanction.command("list")
@org_option
@click.option("--person", "person_id", type=int)
@as_json_option
@click.pass_obj
def sanction_list(state: Any, org_code: str, person_id: int | None, as_json: bool) -> None:
    """Sanctions recorded, oldest first."""
    rows = _services().list_sanctions(state.context(), org_code, person_id)
    _listed(as_json, rows, ("kind", "imposed_on", "until", "note"))


# --------------------------------------------------------------------------- audit


@click.group()
def audit() -> None:
    """经济责任审计 (第二十八条: 离任、届中、专项): record and list."""


@audit.command("add")
@org_option
@click.argument("person_id", type=int)
@click.option("--kind", required=True, help="离任, 届中 or 专项.")
@click.option("--started", "started_on", required=True, help="The day the audit began.")
@click.option("--finished", "finished_on", help="The day it ended.")
@click.option("--post", "post_code", help="The post audited (optional).")
@click.option("--conclusion", default="")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def audit_add(
    state: Any,
    org_code: str,
    person_id: int,
    kind: str,
    started_on: str,
    finished_on: str | None,
    post_code: str | None,
    conclusion: str,
    note: str,
    as_json: bool,
) -> None:
    """Record an economic-responsibility audit."""
    data = _services().add_audit(
        state.context(),
        org_code,
        person_id,
        kind=kind,
        started_on=started_on,
        finished_on=finished_on,
        post_code=post_code,
        conclusion=conclusion,
        note=note,
    )
    _recorded(as_json, data, ("kind", "post_code", "started_on", "finished_on"))


@audit.command("list")
@org_option
@click.option("--person", "person_id", type=int)
@as_json_option
@click.pass_obj
def audit_list(state: Any, org_code: str, person_id: int | None, as_json: bool) -> None:
    """Audits recorded, oldest first."""
    rows = _services().list_audits(state.context(), org_code, person_id)
    _listed(as_json, rows, ("kind", "post_code", "started_on", "finished_on", "conclusion"))


# ------------------------------------------------------- removal, resignation, demotion


@click.command()
@org_option
@click.argument("person_id", type=int)
@click.option("--post", "post_code", required=True)
@click.option("--on", required=True, help="The last day in post.")
@click.option("--ground", required=True, help="第三十条's ground: 一 to 六 (or 1–6).")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def remove(
    state: Any,
    org_code: str,
    person_id: int,
    post_code: str,
    on: str,
    ground: str,
    note: str,
    as_json: bool,
) -> None:
    """免职 (第三十条): end the term with one of the six grounds."""
    _ended(
        as_json,
        _services().remove(
            state.context(),
            org_code,
            person_id,
            post_code=post_code,
            on=on,
            ground=ground,
            note=note,
        ),
    )


@click.command()
@org_option
@click.argument("person_id", type=int)
@click.option("--post", "post_code", required=True)
@click.option("--on", required=True, help="The last day in post.")
@click.option("--kind", required=True, help="因公辞职, 自愿辞职, 引咎辞职 or 责令辞职.")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def resign(
    state: Any,
    org_code: str,
    person_id: int,
    post_code: str,
    on: str,
    kind: str,
    note: str,
    as_json: bool,
) -> None:
    """辞职 (第三十一条): end the term with the kind of resignation."""
    _ended(
        as_json,
        _services().resign(
            state.context(),
            org_code,
            person_id,
            post_code=post_code,
            on=on,
            kind=kind,
            note=note,
        ),
    )


@click.command()
@org_option
@click.argument("person_id", type=int)
@click.option("--post", "post_code", required=True)
@click.option("--on", required=True, help="The last day in the post.")
@click.option("--to", "to_post", help="The lower post held from the next day.")
@click.option("--note", default="")
@as_json_option
@click.pass_obj
def demote(
    state: Any,
    org_code: str,
    person_id: int,
    post_code: str,
    on: str,
    to_post: str | None,
    note: str,
    as_json: bool,
) -> None:
    """降职 (第三十二条): end the term and, with --to, start a lower one the next day."""
    _ended(
        as_json,
        _services().demote(
            state.context(),
            org_code,
            person_id,
            post_code=post_code,
            on=on,
            to_post=to_post,
            note=note,
        ),
    )


@click.command()
@org_option
@click.option("--on", help="The date (default: today).")
@as_json_option
@click.pass_obj
def due(state: Any, org_code: str, on: str | None, as_json: bool) -> None:
    """What is due: assessments (试用期满、届中、届满), demotions, departure audits."""
    found = _services().findings(state.context(), org_code, on)
    lines = []
    for f in found:
        when = f.due.isoformat() if f.due else ""
        lines.append(f"[{f.severity.zh}] {when} {f.message_zh}")
        lines.append(f"      依据 {f.citation}")
    emit(as_json, [f.as_dict() for f in found], "\n".join(lines) or "无")


COMMANDS = (assessment, sanction, audit, remove, resign, demote, due)
