"""``zhidu titles``: applications (申报), annual ratings, 破格 consent, fraud records, the
bulk import and the year's screening (资格审查). Every command takes ``--org`` and
``--json``; a mistake is one line (the core's ``main`` prints it)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from core.api import jsonable

_Handler = Callable[..., Any]

LEVELS = ("初级", "中级", "副高级", "正高级")
KINDS = ("评审", "转评", "初次认定")
GRADES = ("优秀", "合格", "基本合格", "不合格")


def _json(function: _Handler) -> _Handler:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(
        function
    )


def _org(function: _Handler) -> _Handler:
    return click.option("--org", "org_code", required=True, help="The organization's code.")(
        function
    )


def _emit(as_json: bool, data: Any, text: str) -> None:
    if as_json:
        click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        click.echo(text)


def _services() -> Any:
    from plugins.titles import services

    return services


#: The conditions shown even when met: the periods that decide an application.
_ALWAYS = ("years", "transfer_post", "from_organ", "first_intermediate")


@click.group()
def titles() -> None:
    """职称评审 (professional-title-review.txt): applications and their screening."""


@titles.command()
@_org
@click.option("--year", required=True, help="The application year.")
@click.option("--only", type=click.Choice(("eligible", "ineligible", "undetermined")))
@_json
@click.pass_obj
def screen(state: Any, org_code: str, year: str, only: str | None, as_json: bool) -> None:
    """资格审查: every application of the year, eligible or not, with the reasons and clauses."""
    report = _services().screen(state.context(), org_code, year)
    shown = [s for s in report.screenings if only is None or s.verdict == only]
    data = report.as_dict() | {"applicants": [s.as_dict() for s in shown]}
    lines = [f"{report.org} {report.year}年度职称申报资格审查（任职年限计算至{report.cutoff}）"]
    for s in shown:
        a = s.applicant
        lines.append(
            f"#{a.application_id} {a.name}（人员{a.person_id}） {a.series} {a.level.value}"
            f"（{a.kind.value}"
            f"{'，破格' if a.exceptional else ''}）：{s.verdict_zh}"
        )
        for c in s.conditions:
            if c.status != "met" or c.key in _ALWAYS:
                lines.append(f"    {c.mark} {c.message_zh}")
                lines.append(f"      依据 {c.citation}")
    counts = report.counts
    lines.append(
        f"符合{counts['eligible']}人，不符合{counts['ineligible']}人，"
        f"待核实{counts['undetermined']}人"
    )
    _emit(as_json, data, "\n".join(lines))


@titles.command()
@_org
@click.argument("person_id")
@click.option("--year", required=True)
@click.option("--level", required=True, type=click.Choice(LEVELS), help="申报级别.")
@click.option("--series", required=True, help="系列（专业）, e.g. 工程.")
@click.option("--kind", type=click.Choice(KINDS), default="评审", show_default=True)
@click.option("--current-series", help="The current title's series (转评: the old one).")
@click.option(
    "--subject",
    default="相符",
    show_default=True,
    help="学历专业: 相符 / 不符 / 未知 (第六十一条).",
)
@click.option("--ce-hours", default="0", help="继续教育学时 of the applied subject.")
@click.option("--training-months", default="0", help="Months of training in the subject.")
@click.option("--retrained", is_flag=True, help="Holds a 转岗培训 certificate.")
@click.option("--exceptional", is_flag=True, help="破格 (第三十九条).")
@click.option("--transferred-on", help="调入时间 from an organ (第四十一条).")
@click.option("--post-changed-on", help="The day the post changed (转评, 第三十四条).")
@click.option("--on", help="申报日期 (default: today).")
@click.option("--note", default="")
@_json
@click.pass_obj
def apply(
    state: Any, org_code: str, person_id: str, year: str, level: str, series: str, kind: str,
    current_series: str | None, subject: str, ce_hours: str, training_months: str,
    retrained: bool, exceptional: bool, transferred_on: str | None,
    post_changed_on: str | None, on: str | None, note: str, as_json: bool,
) -> None:  # fmt: skip
    """Record an application (申报); a second one the same year is refused (第十四条)."""
    data = _services().apply(
        state.context(), org_code, person_id, year=year, level=level, series=series,
        kind=kind, current_series=current_series, subject_matches=subject,
        ce_hours=ce_hours, training_months=training_months, retrained=retrained,
        exceptional=exceptional, transferred_on=transferred_on,
        post_changed_on=post_changed_on, on=on, note=note,
    )  # fmt: skip
    _emit(
        as_json, data, f"recorded application #{data['id']}: {data['name']} {data['year']} "
        f"{data['series']} {data['level']} ({data['kind']})",
    )  # fmt: skip


@titles.command()
@_org
@click.argument("person_id")
@click.option("--year", required=True)
@click.option("--grade", required=True, type=click.Choice(GRADES), help="年度考核等次.")
@_json
@click.pass_obj
def rating(state: Any, org_code: str, person_id: str, year: str, grade: str, as_json: bool) -> None:
    """Record a 年度考核 (第十一条); a different grade for the year corrects it."""
    data = _services().rate(state.context(), org_code, person_id, year=year, grade=grade)
    _emit(as_json, data, f"recorded {data['name']} {data['year']}年度考核 {data['grade']}")


@titles.command()
@_org
@click.argument("person_id")
@click.option("--year", required=True)
@click.option("--on", required=True, help="The day the department consented.")
@click.option("--by", required=True, help="The department, e.g. 阜阳市人力资源和社会保障局.")
@_json
@click.pass_obj
def consent(
    state: Any, org_code: str, person_id: str, year: str, on: str, by: str, as_json: bool
) -> None:
    """Record the 人社部门's consent to a 破格 application (第四十条)."""
    data = _services().consent(state.context(), org_code, person_id, year=year, on=on, by=by)
    _emit(
        as_json, data, f"recorded consent for {data['name']} {data['year']}: {data['consent_on']}"
    )


@titles.command()
@_org
@click.argument("person_id")
@click.option("--revoked-on", required=True, help="The day the title was revoked.")
@click.option("--note", default="")
@_json
@click.pass_obj
def fraud(
    state: Any, org_code: str, person_id: str, revoked_on: str, note: str, as_json: bool
) -> None:
    """Record a title revoked for fraud (第五十三条: no application for 5 years)."""
    data = _services().record_fraud(
        state.context(), org_code, person_id, revoked_on=revoked_on, note=note
    )
    _emit(as_json, data, f"recorded: {data['name']}'s title revoked on {data['revoked_on']}")


@titles.command(name="import")
@_org
@click.argument("file", type=click.Path(dir_okay=False))
@_json
@click.pass_obj
def import_(state: Any, org_code: str, file: str, as_json: bool) -> None:
    """Import applications from a CSV file: all rows or none; one line per bad row."""
    result = _services().import_csv(state.context(), org_code, file)
    if not result.applied:
        if as_json:
            click.echo(json.dumps(jsonable(result.as_dict()), ensure_ascii=False, indent=2))
        for line in result.problems:
            click.echo(f"error: {line}", err=True)
        click.echo(f"error: nothing imported: {len(result.problems)} bad row(s)", err=True)
        sys.exit(2)
    _emit(
        as_json, result.as_dict(), f"imported {len(result.applications)} application(s) and "
        f"{result.ratings} rating(s) from {result.file}",
    )  # fmt: skip
