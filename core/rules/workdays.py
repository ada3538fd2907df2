"""Working days (工作日) on China's official calendar.

"公示期不少于5个工作日" is counted on the calendar the State Council publishes each year
(国务院办公厅关于部分节假日安排的通知): holidays are off, and some Saturdays and Sundays
are adjusted working days (调休). That data arrives one year at a time, so a period
can run into a year nobody has published yet. zhidu never crashes on it and never hides
it: such days are decided by the weekend rule (Monday–Friday working), and every result
says which days were assumed, so the interface can ask the administrator to enter the
year's schedule.

Which source decides a day, first match wins:

1. ``OVERRIDE`` — an administrator's entry for that day;
2. ``OFFICIAL`` — the State Council schedule, from the ``chinesecalendar`` package;
3. ``DECLARED_YEAR`` — a year the administrator declared fully entered: the weekend
   rule, as a fact;
4. ``WEEKEND_RULE`` — no data at all: the weekend rule, as an ASSUMPTION.

Counting convention for "N working days from a date": the result is the date of the
N-th working day. If the start date counts and is itself a working day it is day 1;
otherwise day 1 is the first working day after it. Pure: the caller passes every date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType

import attrs
import chinese_calendar

from core.domain import Bilingual
from core.errors import InvalidInput
from core.rules.periods import require_date

__all__ = [
    "MAX_SPAN_DAYS",
    "CalendarDay",
    "DaySource",
    "WorkCalendar",
    "WorkdayCount",
    "WorkdayResult",
    "official_workday",
]

MAX_SPAN_DAYS = 3660
"""The longest span, in calendar days (about ten years), a working-day count may scan.

A notice period is days or weeks; a span beyond this is a mistyped number, and
refusing it keeps a typo from scanning the calendar to year 9999.
"""

_SPAN_RULE = (
    f"跨度超过 {MAX_SPAN_DAYS} 个自然日，应为输入错误 (span exceeds {MAX_SPAN_DAYS} calendar days)"
)
_ONE_DAY = timedelta(days=1)


def official_workday(d: date) -> bool | None:
    """Whether ``d`` is a working day on the State Council's schedule; None if no data for its year.

    ``chinesecalendar`` raises NotImplementedError for years it does not cover (today
    2004–2026); that is turned into None, never a crash.
    """
    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:
        return None


class DaySource(Bilingual):
    """What decided whether a day is a working day (判定依据)."""

    OFFICIAL = (
        "国务院办公厅节假日安排 (chinesecalendar)",
        "State Council holiday schedule (chinesecalendar)",
    )
    """The published schedule, including adjusted working days (调休)."""
    OVERRIDE = ("管理员录入", "entered by an administrator")
    """An administrator's entry for that very day; wins over the official data."""
    DECLARED_YEAR = (
        "管理员已录入全年安排，未录入日按周一至周五",
        "year declared fully entered; other days Monday–Friday",
    )
    """A year declared complete: days without an entry follow the weekend rule, as a fact."""
    WEEKEND_RULE = ("无节假日数据，按周一至周五推定", "no holiday data; Monday–Friday ASSUMED")
    """No data: Monday–Friday assumed working. An assumption that must be shown to the user."""

    @property
    def is_assumption(self) -> bool:
        """True only for WEEKEND_RULE, the one source that is a guess."""
        return self is DaySource.WEEKEND_RULE


@attrs.frozen
class CalendarDay:
    """One day of the working calendar and why it is (not) a working day."""

    day: date
    is_workday: bool
    source: DaySource
    note: str = ""


def _assumed_years(days: tuple[date, ...]) -> tuple[int, ...]:
    return tuple(sorted({d.year for d in days}))


def _warning_zh(years: tuple[int, ...]) -> str | None:
    if not years:
        return None
    listed = "、".join(f"{y}年" for y in years)
    return f"{listed}无国家节假日安排数据，已按周一至周五为工作日推算；请在日历中录入当年安排"


def _warning_en(years: tuple[int, ...]) -> str | None:
    if not years:
        return None
    listed = ", ".join(str(y) for y in years)
    return (
        f"No official holiday schedule for {listed}: Monday to Friday were assumed to be "
        "working days. Enter that year's schedule in the calendar."
    )


class _Assumptions:
    """What a span's result says about days decided by the weekend rule alone."""

    assumed_days: tuple[date, ...]

    @property
    def assumed_years(self) -> tuple[int, ...]:
        """The years whose holiday schedule was missing, ascending."""
        return _assumed_years(self.assumed_days)

    @property
    def is_certain(self) -> bool:
        """True when no day in the span was assumed."""
        return not self.assumed_days

    def warning_zh(self) -> str | None:
        """A plain warning in Chinese when anything was assumed, else None."""
        return _warning_zh(self.assumed_years)

    def warning_en(self) -> str | None:
        """A plain warning in English when anything was assumed, else None."""
        return _warning_en(self.assumed_years)


@attrs.frozen
class WorkdayResult(_Assumptions):
    """The end of a period of ``days`` working days from ``start`` (…个工作日届满之日)."""

    start: date
    days: int
    start_counts: bool
    end: date
    assumed_days: tuple[date, ...] = ()
    """Days in the span decided by the weekend rule alone (no data for their year)."""


@attrs.frozen
class WorkdayCount(_Assumptions):
    """The number of working days in ``[first, last]`` inclusive."""

    first: date
    last: date
    count: int
    assumed_days: tuple[date, ...] = ()
    """Days in the span decided by the weekend rule alone (no data for their year)."""


def _freeze_overrides(value: Mapping[date, bool]) -> Mapping[date, bool]:
    # Copy, then wrap read-only: a caller mutating its dict later must not change
    # a calendar that results were already computed from.
    items = dict(value)
    for day, is_workday in items.items():
        require_date(day, "overrides")
        if not isinstance(is_workday, bool):
            raise InvalidInput(
                f"overrides[{day.isoformat()}]", is_workday, "须为 True/False (must be a bool)"
            )
    return MappingProxyType(items)


def _freeze_years(value: Iterable[int]) -> frozenset[int]:
    # A bare string or int would iterate (or fail) confusingly: ask for a collection.
    if not isinstance(value, (set, frozenset, list, tuple)):
        raise InvalidInput(
            "declared_years", value, "须为年份的集合 (must be a collection of years)"
        )
    years = frozenset(value)
    for year in years:
        if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 9999:
            raise InvalidInput(
                "declared_years", year, "须为 1 至 9999 的年份 (must be a year 1..9999)"
            )
    return years


@attrs.frozen
class WorkCalendar:
    """The working calendar of one organization: official data plus the administrator's entries.

    ``overrides`` maps a day to True (working) or False (off) and wins over the official
    data; ``declared_years`` are years whose every exception the administrator has
    entered; ``official`` is the State Council data (injectable for tests).
    """

    # hash=False: a mapping proxy is not hashable; equality still compares the entries.
    overrides: Mapping[date, bool] = attrs.field(
        factory=dict, converter=_freeze_overrides, hash=False
    )
    declared_years: frozenset[int] = attrs.field(factory=frozenset, converter=_freeze_years)
    official: Callable[[date], bool | None] = official_workday

    def day(self, d: date) -> CalendarDay:
        """Whether ``d`` is a working day, and which source decided it."""
        d = require_date(d, "day")
        override = self.overrides.get(d)
        if override is not None:
            return CalendarDay(d, override, DaySource.OVERRIDE)
        official = self.official(d)
        if official is not None:
            return CalendarDay(d, official, DaySource.OFFICIAL)
        weekday = d.weekday() < 5
        if d.year in self.declared_years:
            return CalendarDay(d, weekday, DaySource.DECLARED_YEAR)
        return CalendarDay(
            d, weekday, DaySource.WEEKEND_RULE, note=f"{d.year}年无节假日数据，按周一至周五推定"
        )

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day (see :meth:`day` for why)."""
        return self.day(d).is_workday

    def add_working_days(
        self, start: date, days: int, *, start_counts: bool = True
    ) -> WorkdayResult:
        """The date of the ``days``-th working day from ``start`` (…个工作日届满之日).

        With ``start_counts`` and ``start`` a working day, ``start`` is day 1; otherwise
        day 1 is the first working day after ``start`` — so a notice posted on a Saturday
        starts on Monday (or on an adjusted working Sunday) either way.
        """
        start = require_date(start, "start")
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise InvalidInput("days", days, "工作日数须为不小于 1 的整数 (must be an integer ≥ 1)")
        if not isinstance(start_counts, bool):
            raise InvalidInput("start_counts", start_counts, "须为 True/False (must be a bool)")
        assumed: list[date] = []
        found = 0
        current = start if start_counts else _next_day(start, "start")
        while True:
            if (current - start).days > MAX_SPAN_DAYS:
                raise InvalidInput(
                    "days",
                    days,
                    _SPAN_RULE,
                )
            info = self.day(current)
            if info.source.is_assumption:
                assumed.append(current)
            if info.is_workday:
                found += 1
                if found == days:
                    return WorkdayResult(start, days, start_counts, current, tuple(assumed))
            current = _next_day(current, "start")

    def working_days_between(self, first: date, last: date) -> WorkdayCount:
        """The number of working days in ``[first, last]``, both ends included."""
        first = require_date(first, "first")
        last = require_date(last, "last")
        if last < first:
            raise InvalidInput(
                "last", last, f"不能早于 first {first.isoformat()} (must not be before first)"
            )
        if (last - first).days > MAX_SPAN_DAYS:
            raise InvalidInput(
                "last",
                last,
                _SPAN_RULE,
            )
        assumed: list[date] = []
        count = 0
        current = first
        while current <= last:
            info = self.day(current)
            if info.source.is_assumption:
                assumed.append(current)
            count += info.is_workday
            if current == last:
                break  # stepping past 9999-12-31 would overflow
            current += _ONE_DAY
        return WorkdayCount(first, last, count, tuple(assumed))


def _next_day(d: date, field: str) -> date:
    if d == date.max:
        raise InvalidInput(field, d, "超出可表示的日期范围 (beyond the last representable date)")
    return d + _ONE_DAY
