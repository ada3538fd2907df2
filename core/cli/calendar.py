"""``zhidu calendar``: working-day arithmetic and calendar entries."""

from __future__ import annotations

from datetime import timedelta

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def calendar() -> None:
    """Working days on China's official calendar plus an organization's entries (工作日)."""


@calendar.command()
@click.option("--org", "org_code", required=True)
@click.argument("start")
@click.argument("days", type=int)
@click.option(
    "--start-counts/--start-not-counts",
    default=None,
    help="Whether START is day 1 when it is a working day "
    "(default: the organization's parameter core.workdays.start_day_counts).",
)
@json_option
@click.pass_obj
def add(
    state: State, org_code: str, start: str, days: int, start_counts: bool | None, as_json: bool
) -> None:
    """The date of the DAYS-th working day from START (e.g. the end of a notice period)."""
    from core.services.calendar import add_working_days

    result = add_working_days(state.context(), org_code, start, days, start_counts)

    def text() -> None:
        click.echo(f"{result.days} working days from {result.start}: ends {result.end}")
        warning = result.warning_zh()
        if warning:
            click.echo(f"注意: {warning}")
            click.echo(f"note: {result.warning_en()}")

    emit(
        as_json,
        {
            "start": result.start,
            "days": result.days,
            "start_counts": result.start_counts,
            "end": result.end,
            "certain": result.is_certain,
            "assumed_days": result.assumed_days,
            "warning_zh": result.warning_zh(),
            "warning_en": result.warning_en(),
        },
        text,
    )


@calendar.command()
@click.option("--org", "org_code", required=True)
@click.argument("first")
@click.argument("last")
@json_option
@click.pass_obj
def show(state: State, org_code: str, first: str, last: str, as_json: bool) -> None:
    """Each day from FIRST to LAST: working or not, and on what authority."""
    from core.errors import InvalidInput
    from core.services.calendar import work_calendar
    from core.validate import parse_date

    begin, end = parse_date("first", first), parse_date("last", last)
    if not 0 <= (end - begin).days <= 366:
        raise InvalidInput("last", last, "must be within a year after first")
    cal = work_calendar(state.context(), org_code)
    days = [cal.day(begin + timedelta(n)) for n in range((end - begin).days + 1)]
    emit(
        as_json,
        days,
        lambda: table(
            ["day", "weekday", "working", "source"],
            [
                (
                    d.day,
                    "一二三四五六日"[d.day.weekday()],
                    "上班" if d.is_workday else "休息",
                    d.source.value,
                )
                for d in days
            ],
        ),
    )


@calendar.command("set")
@click.option("--org", "org_code", required=True)
@click.argument("day")
@click.option("--workday/--holiday", required=True, help="Is DAY a working day?")
@click.option("--note", required=True, help="The basis, e.g. 国办发明电〔2026〕X号.")
@json_option
@click.pass_obj
def set_(state: State, org_code: str, day: str, workday: bool, note: str, as_json: bool) -> None:
    """Enter DAY as a working day or a holiday for an organization."""
    from core.services.calendar import set_day

    set_day(state.context(), org_code, day, workday, note)
    emit(
        as_json,
        {"day": day, "is_workday": workday, "note": note},
        lambda: click.echo(f"{day}: {'working day' if workday else 'holiday'}"),
    )


@calendar.command("declare-year")
@click.option("--org", "org_code", required=True)
@click.argument("year", type=int)
@click.option("--note", required=True, help="The basis, e.g. the State Council's notice.")
@json_option
@click.pass_obj
def declare_year(state: State, org_code: str, year: int, note: str, as_json: bool) -> None:
    """Declare that YEAR's whole holiday schedule has been entered (no more assumptions)."""
    from core.services.calendar import declare_year as declare

    declare(state.context(), org_code, year, note)
    emit(as_json, {"year": year, "note": note}, lambda: click.echo(f"{year} declared entered"))
