"""Periods counted in whole months and years (按年、月计算的期间; 周年).

ONE convention throughout, the Civil Code's (《中华人民共和国民法典》第二百零三条):

    按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。

So N months (or years) after a date is the same day-of-month in the target month, or the
last day of that month when it has no such day:

* 2024-01-31 + 1 month = 2024-02-29 (no 31 February: month end)
* 2024-02-29 + 1 year  = 2025-02-28 (no 29 February in 2025: month end)
* 2023-02-28 + 1 month = 2023-03-28 (28 February has a corresponding day in March,
  the 28th — being the last day of February does not make it "month end to month end")

A period of Y years and M months is a period of 12·Y + M months.

Whole years completed (周年) follow from it: ``n`` years are complete on ``on`` when the
``n``-th anniversary, computed as above, falls on or before ``on`` — the anniversary day
itself completes the year, so someone born on 2004-02-29 is 年满十八周岁 on 2022-02-28.
(Criminal law counts 周岁 from the day AFTER the birthday — 最高人民法院《关于审理未成年人
刑事案件具体应用法律若干问题的解释》第二条; no regulation in zhidu uses that reading.)

Pure functions: the caller passes every date, there is no clock here.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from core.errors import InvalidInput

__all__ = [
    "CIVIL_CODE_203",
    "add_months",
    "add_years",
    "completed_months",
    "completed_years",
    "latest_start_for",
    "require_date",
]

CIVIL_CODE_203 = (
    "《民法典》第二百零三条：按照年、月计算期间的，到期月的对应日为期间的最后一日；"
    "没有对应日的，月末日为期间的最后一日"
)
"""The citation every period computed here rests on."""

_RULE_203 = "民法典第二百零三条 (Civil Code art. 203: corresponding day, else month end)"


def require_date(value: object, field: str) -> date:
    """Return ``value`` if it is a calendar date; otherwise raise InvalidInput naming ``field``.

    A ``datetime`` is refused although it *is* a ``date`` subclass: it carries a time
    of day (and perhaps a time zone) that the date rules would silently drop, and it
    compares unequal to the same day as a ``date``.
    """
    if isinstance(value, datetime):
        raise InvalidInput(field, value, "须为日期而不是日期时间 (must be a date, not a datetime)")
    if not isinstance(value, date):
        raise InvalidInput(field, value, "须为日期 (must be a date)")
    return value


def _require_int(value: object, field: str, *, minimum: int | None = None) -> int:
    # bool is an int subclass; True months would be a bug, not a count.
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(field, value, "须为整数 (must be an integer)")
    if minimum is not None and value < minimum:
        raise InvalidInput(field, value, f"不能小于 {minimum} (must be ≥ {minimum})")
    return value


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_month(year: int, month: int, months: int, field: str, value: object) -> tuple[int, int]:
    """The (year, month) ``months`` after (year, month); InvalidInput outside years 1..9999."""
    index = year * 12 + (month - 1) + months
    new_year, new_month0 = divmod(index, 12)
    if not 1 <= new_year <= 9999:
        raise InvalidInput(
            field, value, "结果超出可表示的日期范围 (result is outside the supported date range)"
        )
    return new_year, new_month0 + 1


def _forward(start: date, months: int, field: str, value: object) -> date:
    year, month = _shift_month(start.year, start.month, months, field, value)
    return date(year, month, min(start.day, _last_day(year, month)))


def _backward(end: date, months: int, field: str, value: object, unit: str) -> date:
    """The unique start date that ``months`` months later is ``end``; else InvalidInput.

    Counting back is not the mirror image of counting forward: several start dates can
    reach the same end (01-28 … 01-31 all reach 02-28), and some ends are reached by
    none (nothing reaches 03-31 one month later, since 02-31 does not exist). Either
    way the question has no single answer, and a guess would move a deadline.
    """
    year, month = _shift_month(end.year, end.month, -months, field, value)
    last = _last_day(year, month)
    end_is_month_end = end.day == _last_day(end.year, end.month)
    if end_is_month_end:
        # Every start day from end.day to the end of its month is clamped onto `end`.
        candidates = list(range(end.day, last + 1))
    else:
        candidates = [end.day] if end.day <= last else []
    if len(candidates) == 1:
        return date(year, month, candidates[0])
    target = end.isoformat()
    if not candidates:
        rule = (
            f"没有哪一天往后数{unit}正好是 {target}，无法倒推 "
            f"(no date reaches {target}; {_RULE_203})"
        )
    else:
        options = "、".join(date(year, month, d).isoformat() for d in candidates)
        rule = (
            f"往后数{unit}落在 {target} 的有 {options}，倒推有歧义 "
            f"(ambiguous: several dates reach {target}; {_RULE_203})"
        )
    raise InvalidInput(field, value, rule)


def add_months(start: date, months: int) -> date:
    """The date ``months`` months after ``start`` (按月计算期间的对应日), per 民法典第二百零三条.

    For negative ``months``, the unique date from which counting ``-months`` forward
    reaches ``start``; InvalidInput when there is no such date or more than one.
    """
    start = require_date(start, "start")
    months = _require_int(months, "months")
    if months >= 0:
        return _forward(start, months, "months", months)
    return _backward(start, -months, "months", months, f"{-months}个月")


def add_years(start: date, years: int) -> date:
    """The date ``years`` years after ``start`` (按年计算期间的对应日), per 民法典第二百零三条.

    Equal to ``add_months(start, 12 * years)``; negative ``years`` likewise must be
    unambiguous (one year before 2025-02-28 is both 2024-02-28 and 2024-02-29: refused).
    """
    start = require_date(start, "start")
    years = _require_int(years, "years")
    if years >= 0:
        return _forward(start, 12 * years, "years", years)
    return _backward(start, -12 * years, "years", years, f"{-years}年")


def completed_months(start: date, on: date) -> int:
    """Whole months completed on ``on`` since ``start`` (满…个月).

    The corresponding day itself completes the month: completed_months(2025-01-31,
    2025-02-28) == 1.
    """
    start = require_date(start, "start")
    on = require_date(on, "on")
    if on < start:
        raise InvalidInput(
            "on", on, f"不能早于起始日 {start.isoformat()} (must not be before start)"
        )
    months = (on.year - start.year) * 12 + (on.month - start.month)
    # `months` lands in on's own month; if its corresponding day is still ahead of
    # `on`, that last month is not complete yet.
    if _forward(start, months, "on", on) > on:
        months -= 1
    return months


def completed_years(start: date, on: date) -> int:
    """Whole years completed on ``on`` since ``start`` (周年 / 满…周岁).

    completed_years(2020-03-15, 2023-03-14) == 2; (…, 2023-03-15) == 3;
    completed_years(2004-02-29, 2022-02-28) == 18.
    """
    # n years are complete exactly when 12n months are (add_months is monotone in n).
    return completed_months(start, on) // 12


def latest_start_for(on: date, years: int = 0, months: int = 0) -> date:
    """The latest start from which ``years`` years and ``months`` months are complete on ``on``.

    The safe way to compute cut-offs such as "出生日期在…之前（含当日）" for 年满十八周岁:
    latest_start_for(2022-02-28, years=18) == 2004-02-29, and
    latest_start_for(2025-02-28, months=1) == 2025-01-31.
    Every start on or before the result qualifies; every later start does not.
    """
    on = require_date(on, "on")
    years = _require_int(years, "years", minimum=0)
    months = _require_int(months, "months", minimum=0)
    total = 12 * years + months
    year, month = _shift_month(on.year, on.month, -total, "on", on)
    last = _last_day(year, month)
    if on.day == _last_day(on.year, on.month):
        # `on` is a month end: every day of the start month reaches it or earlier.
        return date(year, month, last)
    # Otherwise the corresponding day is the latest, or the month end of a shorter
    # month (the day after it would reach the next month).
    return date(year, month, min(on.day, last))
