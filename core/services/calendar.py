"""The working-day calendar of an organization: the official schedule plus its entries.

China's official holidays and adjusted workdays come from ``chinesecalendar``; an
administrator enters days for years the library does not cover yet (or local
exceptions), and may declare a year fully entered. Where neither exists the weekend
rule is assumed, and every result says so.
"""

from __future__ import annotations

from datetime import date

from core import audit, models, validate
from core.access import Action
from core.builtin import START_DAY_COUNTS
from core.errors import InvalidInput
from core.rules.workdays import WorkCalendar, WorkdayResult
from core.services.context import Context
from core.services.orgs import org_row
from core.services.parameters import table_for_org

__all__ = ["add_working_days", "calendar_for_org", "declare_year", "set_day", "work_calendar"]


def calendar_for_org(org: models.Organization) -> WorkCalendar:
    """The organization's calendar: its day entries and declared years (no permission check)."""
    days = {
        r.day: r.is_workday
        for r in models.CalendarDay.select().where(models.CalendarDay.org == org.id)
    }
    years = frozenset(
        r.year for r in models.CalendarYear.select().where(models.CalendarYear.org == org.id)
    )
    return WorkCalendar(overrides=days, declared_years=years)


def work_calendar(ctx: Context, org_code: str) -> WorkCalendar:
    return calendar_for_org(org_row(ctx, org_code, Action.READ))


def add_working_days(
    ctx: Context,
    org_code: str,
    start: date | str,
    days: int | str,
    start_counts: bool | None = None,
) -> WorkdayResult:
    """The date of the ``days``-th working day from ``start``; whether ``start`` itself
    counts is the organization's parameter ``core.workdays.start_day_counts`` unless given."""
    org = org_row(ctx, org_code, Action.READ)
    first = validate.parse_date("start", start)
    count = validate.whole_number("days", days, minimum=1, maximum=1000)
    if start_counts is None:
        start_counts = bool(table_for_org(ctx, org).value(START_DAY_COUNTS, first))
    return calendar_for_org(org).add_working_days(first, count, start_counts=start_counts)


def set_day(ctx: Context, org_code: str, day: date | str, is_workday: bool, note: str) -> None:
    """Enter one day as working or not (e.g. the 2027 schedule before the library has it)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_CALENDAR)
        when = validate.parse_date("day", day)
        why = validate.text("note", note, max_length=200)
        row = models.CalendarDay.get_or_none(
            (models.CalendarDay.org == org.id) & (models.CalendarDay.day == when)
        )
        before = None if row is None else {"is_workday": row.is_workday, "note": row.note}
        if row is None:
            models.CalendarDay.create(org=org.id, day=when, is_workday=is_workday, note=why)
        else:
            models.CalendarDay.update(is_workday=is_workday, note=why).where(
                models.CalendarDay.id == row.id
            ).execute()
        audit.record(
            ctx,
            org_id=org.id,
            action="calendar.day",
            object_type="calendar_day",
            object_id=when.isoformat(),
            before=before,
            after={"is_workday": is_workday, "note": why},
        )


def declare_year(ctx: Context, org_code: str, year: int | str, note: str) -> None:
    """Declare that the whole holiday schedule of ``year`` has been entered."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_CALENDAR)
        value = validate.whole_number("year", year, minimum=2000, maximum=2100)
        why = validate.text("note", note, max_length=200)
        if (
            models.CalendarYear.select()
            .where((models.CalendarYear.org == org.id) & (models.CalendarYear.year == value))
            .exists()
        ):
            raise InvalidInput("year", value, "is already declared entered")
        models.CalendarYear.create(org=org.id, year=value, note=why)
        audit.record(
            ctx,
            org_id=org.id,
            action="calendar.year",
            object_type="calendar_year",
            object_id=value,
            after={"year": value, "note": why},
        )
