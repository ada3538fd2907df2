"""``zhidu attendance``: sign-ins (one, or a CSV file of them), a person's sheet, and the
monthly discipline report. Every command takes ``--org`` and ``--json``; a mistake is
one line (the core's ``main`` prints it); a file with bad rows prints one line each and
exits with status 1, nothing written."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from core.api import jsonable

_Handler = Callable[..., Any]
_SHOWN = 100  # bad rows printed before "… and N more" (all of them in --json)


def _json(function: _Handler) -> _Handler:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(
        function
    )


def _org(function: _Handler) -> _Handler:
    return click.option("--org", "org_code", required=True, help="The organization's code.")(
        function
    )


def _emit(as_json: bool, data: Any, text: Callable[[], str]) -> None:
    if as_json:
        click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        click.echo(text())


def _services() -> Any:
    from plugins.attendance import services

    return services


@click.group()
def attendance() -> None:
    """机关作风建设与考勤 (office-conduct-attendance.txt): sign-ins and the monthly report."""


@attendance.command()
@_org
@click.argument("person_id", type=int)
@click.option("--at", required=True, help='The day and time, e.g. "2026-03-02 08:41".')
@click.option("--out", is_flag=True, help="A 签退 (signing out); without it a 签到.")
@_json
@click.pass_obj
def sign(state: Any, org_code: str, person_id: int, at: str, out: bool, as_json: bool) -> None:
    """Record one 签到 (or --out 签退) of PERSON_ID (本人签到制度, 第一篇 一(二)2)."""
    data = _services().sign(state.context(), org_code, person_id, at, out)
    _emit(
        as_json,
        data,
        lambda: (
            f"recorded #{data['id']} {data['name']} {data['day']} {data['time']} {data['kind']}"
        ),
    )


@attendance.command("import")
@_org
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="Check every row; write nothing.")
@_json
@click.pass_obj
def import_(state: Any, org_code: str, file: Path, check_only: bool, as_json: bool) -> None:
    """Import a CSV of sign-ins: columns 身份证号 (or 人员编号, 姓名), 时间 (or 日期 and 时间),
    类型 (签到/签退). All rows or none; exit status 1 when a row is bad."""
    result = _services().import_file(state.context(), org_code, file, check_only=check_only)

    def text() -> str:
        lines = [p.line() for p in result.problems[:_SHOWN]]
        if len(result.problems) > _SHOWN:
            lines.append(f"… and {len(result.problems) - _SHOWN} more bad rows")
        period = f"{result.first}–{result.last}" if result.first else "no day"
        if result.problems:
            lines.append(f"{len(result.problems)} bad row(s) of {result.rows}: nothing written")
        elif result.applied:
            lines.append(
                f"written: {result.added} added, {result.unchanged} already recorded; "
                f"{result.people} people, {period}, sha256 {result.sha256}"
            )
        else:
            lines.append(f"no bad row in {result.rows}: run again without --check to write")
        return "\n".join(lines)

    _emit(as_json, result.as_dict(), text)
    if result.problems:
        sys.exit(1)


@attendance.command()
@_org
@click.argument("person_id", type=int)
@click.option("--month", required=True, help="e.g. 2026-03")
@_json
@click.pass_obj
def sheet(state: Any, org_code: str, person_id: int, month: str, as_json: bool) -> None:
    """PERSON_ID's sign-ins of a month, each day judged (迟到, 早退)."""
    data = _services().sheet(state.context(), org_code, person_id, month)

    def text() -> str:
        hours = data["hours"]
        lines = [f"{data['name']} {data['month']} 作息时间 {hours['start']}–{hours['end']}"]
        for d in data["days"]:
            marks = [m for m, on in (("迟到", d["late"]), ("早退", d["early"])) if on]
            if d["outside_window"]:
                marks.append("签到时段外")
            if not d["workday"]:
                marks.append("非工作日")
            lines.append(
                f"{d['day']}  签到 {' '.join(d['sign_ins']) or '—'}  "
                f"签退 {' '.join(d['sign_outs']) or '—'}  {' '.join(marks)}".rstrip()
            )
        if not data["days"]:
            lines.append("(none)")
        return "\n".join(lines)

    _emit(as_json, data, text)


@attendance.command()
@_org
@click.option("--month", required=True, help="e.g. 2026-03")
@click.option("--unit", "unit_code", help="Only this unit (and the units below it).")
@_json
@click.pass_obj
def report(state: Any, org_code: str, month: str, unit_code: str | None, as_json: bool) -> None:
    """The monthly discipline report: per person the working days, days signed in, 迟到,
    早退, 未签到 days, the weeks over the limit, and the findings with their clauses."""
    result = _services().report(state.context(), org_code, month, unit_code)

    def text() -> str:
        hours, limits = result.hours.as_dict(), result.limits
        lines = [
            f"{result.name} {result.label} 考勤月报"
            + (f"（{result.unit}）" if result.unit else "")
            + f"：工作日{result.working_days}天，作息时间 {hours['start']}–{hours['end']}，"
            f"每周超过{limits.weekly}次诫勉谈话，每月超过{limits.monthly}次通报批评"
        ]
        if result.calendar_warning:
            lines.append(f"注意：{result.calendar_warning[0]}")
        lines.append("人员  工作日  签到天数  迟到  早退  未签到  超限周")
        for line in result.lines:
            m = line.month
            over = [w for w in m.weeks if w.count > limits.weekly]
            weeks = "、".join(f"{w.monday.isoformat()}起{w.count}次" for w in over) or "—"
            lines.append(
                f"{m.name}  {m.working_days}  {m.signed_days}  {m.late}  {m.early}  "
                f"{m.unsigned_days}  {weeks}"
            )
        if not result.lines:
            lines.append("(none)")
        for finding in result.findings:
            lines.append(f"[{finding.severity.zh}] {finding.message_zh}  依据 {finding.citation}")
        return "\n".join(lines)

    _emit(as_json, result.as_dict(), text)
