"""Working days on the real official calendar (core.rules.workdays).

Expectations are worked out by hand from the State Council schedules
(国务院办公厅关于2025年/2026年部分节假日安排的通知):

* 2025 国庆节、中秋节: 10月1日至8日放假调休; 9月28日（周日）、10月11日（周六）上班.
* 2026 元旦: 1月1日至3日放假; 1月4日（周日）上班.
* 2026 春节: 2月15日至23日放假; 2月14日（周六）、2月28日（周六）上班.

test_published_schedule_matches_the_package checks the package agrees with them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InvalidInput
from core.rules.workdays import (
    MAX_SPAN_DAYS,
    CalendarDay,
    DaySource,
    WorkCalendar,
    WorkdayResult,
    official_workday,
)

D = date
CAL = WorkCalendar()
WARNING_2027_ZH = "2027年无国家节假日安排数据，已按周一至周五为工作日推算；请在日历中录入当年安排"


def _days(first: date, last: date) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))


# -- the data itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "is_workday"),
    [
        (D(2025, 9, 27), False),  # Saturday
        (D(2025, 9, 28), True),  # Sunday, adjusted working day (调休)
        (D(2025, 10, 1), False),
        (D(2025, 10, 8), False),  # Wednesday, still the holiday
        (D(2025, 10, 9), True),
        (D(2025, 10, 11), True),  # Saturday, adjusted working day
        (D(2026, 1, 1), False),
        (D(2026, 1, 4), True),  # Sunday, adjusted working day
        (D(2026, 2, 14), True),  # Saturday, adjusted working day
        (D(2026, 2, 16), False),  # Monday of Spring Festival
        (D(2026, 2, 23), False),
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday, adjusted working day
    ],
)
def test_published_schedule_matches_the_package(day: date, is_workday: bool) -> None:
    assert official_workday(day) is is_workday
    info = CAL.day(day)
    assert info == CalendarDay(day, is_workday, DaySource.OFFICIAL)


@pytest.mark.parametrize("day", [D(2027, 1, 4), D(2003, 6, 2), D(1990, 1, 1), D(2100, 1, 1)])
def test_official_workday_is_none_outside_the_data(day: date) -> None:
    assert official_workday(day) is None


def test_uncovered_day_is_an_assumption_with_a_note() -> None:
    info = CAL.day(D(2027, 1, 1))  # a Friday; probably New Year's Day off in reality
    assert info.is_workday is True
    assert info.source is DaySource.WEEKEND_RULE
    assert info.source.is_assumption
    assert "2027" in info.note
    assert CAL.day(D(2027, 1, 2)).is_workday is False  # Saturday


# -- N working days from a date ---------------------------------------------------------


def test_notice_posted_on_a_normal_monday() -> None:
    monday = D(2025, 6, 9)  # an ordinary week: no holiday or adjusted day nearby
    counted = CAL.add_working_days(monday, 5)
    assert counted.end == D(2025, 6, 13)  # Mon..Fri
    assert counted.is_certain and counted.assumed_days == ()
    assert counted.warning_zh() is None and counted.warning_en() is None
    not_counted = CAL.add_working_days(monday, 5, start_counts=False)
    assert not_counted.end == D(2025, 6, 16)  # Tue..Fri, then next Monday


@pytest.mark.parametrize("start_counts", [True, False])
def test_notice_posted_on_a_saturday_starts_monday_either_way(start_counts: bool) -> None:
    result = CAL.add_working_days(D(2025, 6, 14), 5, start_counts=start_counts)
    assert result.end == D(2025, 6, 20)
    assert result == WorkdayResult(D(2025, 6, 14), 5, start_counts, D(2025, 6, 20), ())


def test_across_national_day_2025() -> None:
    # 09-26 Fri (1), 09-27 off, 09-28 Sun adjusted (2), 09-29 (3), 09-30 (4),
    # 10-01..10-08 off, 10-09 (5).
    assert CAL.add_working_days(D(2025, 9, 26), 5).end == D(2025, 10, 9)
    # 09-30 (1), 10-09 (2), 10-10 (3), 10-11 Sat adjusted (4), 10-12 off, 10-13 (5).
    assert CAL.add_working_days(D(2025, 9, 30), 5).end == D(2025, 10, 13)
    # 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 (Saturdays/Sundays 09-27, 10-12 off).
    assert CAL.working_days_between(D(2025, 9, 27), D(2025, 10, 12)).count == 6
    # The weekend rule alone would have ended on 10-02, inside the holiday: the data matters.
    weekend_only = WorkCalendar(official=lambda d: None)
    assert weekend_only.add_working_days(D(2025, 9, 26), 5).end == D(2025, 10, 2)


def test_across_spring_festival_2026() -> None:
    # 02-12 (1), 02-13 (2), 02-14 Sat adjusted (3), 02-15..02-23 off, 02-24 (4), 02-25 (5).
    assert CAL.add_working_days(D(2026, 2, 12), 5).end == D(2026, 2, 25)
    assert CAL.add_working_days(D(2026, 2, 12), 5, start_counts=False).end == D(2026, 2, 26)
    # Feb 9-13 (5) + Sat 14 (1) + Feb 24-28 incl. Sat 28 (5); Sun Mar 1 off.
    count = CAL.working_days_between(D(2026, 2, 9), D(2026, 3, 1))
    assert count.count == 11
    assert count.is_certain


def test_adjusted_working_day_at_the_start() -> None:
    sunday = D(2025, 9, 28)  # 调休: a working Sunday
    assert CAL.add_working_days(sunday, 1).end == sunday
    assert CAL.add_working_days(sunday, 3).end == D(2025, 9, 30)
    # Not counting it: 09-29 (1), 09-30 (2), then the holiday, 10-09 (3).
    assert CAL.add_working_days(sunday, 3, start_counts=False).end == D(2025, 10, 9)
    # Posted on New Year's Eve 2025, not counting it: the first working day is Sunday 01-04.
    assert CAL.add_working_days(D(2025, 12, 31), 1, start_counts=False).end == D(2026, 1, 4)
    assert CAL.add_working_days(D(2025, 12, 31), 2, start_counts=False).end == D(2026, 1, 5)


def test_start_on_a_holiday_counts_from_the_next_working_day() -> None:
    assert CAL.add_working_days(D(2025, 10, 1), 1).end == D(2025, 10, 9)


# -- running into a year without data --------------------------------------------------


def test_into_2027_without_data_assumes_the_weekend_rule() -> None:
    # 2026-12-28..31 (4, official), 2027-01-01 Fri (5), 01-04..08 (6..10): assumed.
    result = CAL.add_working_days(D(2026, 12, 28), 10)
    assert result.end == D(2027, 1, 8)
    assert result.assumed_days == _days(D(2027, 1, 1), D(2027, 1, 8))
    assert result.assumed_years == (2027,)
    assert not result.is_certain
    assert result.warning_zh() == WARNING_2027_ZH
    warning_en = result.warning_en()
    assert warning_en is not None and "2027" in warning_en


def test_override_for_2027_new_year_moves_the_end() -> None:
    calendar = WorkCalendar(overrides={D(2027, 1, 1): False})
    result = calendar.add_working_days(D(2026, 12, 28), 10)
    assert result.end == D(2027, 1, 11)  # one working day lost, so the next Monday
    assert D(2027, 1, 1) not in result.assumed_days  # an entry is not an assumption
    assert result.assumed_years == (2027,)  # the other 2027 days still are
    assert result.warning_zh() == WARNING_2027_ZH
    assert calendar.day(D(2027, 1, 1)).source is DaySource.OVERRIDE


def test_declared_year_removes_the_warning() -> None:
    calendar = WorkCalendar(overrides={D(2027, 1, 1): False}, declared_years=frozenset({2027}))
    result = calendar.add_working_days(D(2026, 12, 28), 10)
    assert result.end == D(2027, 1, 11)
    assert result.is_certain
    assert result.assumed_days == ()
    assert result.warning_zh() is None and result.warning_en() is None
    assert calendar.day(D(2027, 1, 4)).source is DaySource.DECLARED_YEAR


def test_count_across_several_uncovered_years() -> None:
    count = CAL.working_days_between(D(2026, 12, 31), D(2028, 1, 3))
    assert count.assumed_years == (2027, 2028)
    assert D(2026, 12, 31) not in count.assumed_days
    assert len(count.assumed_days) == (D(2028, 1, 3) - D(2027, 1, 1)).days + 1
    assert count.warning_zh() == WARNING_2027_ZH.replace("2027年", "2027年、2028年")
    # 2026-12-31 (1) + 2027: 365 days from Friday 01-01 = 52 weeks + 1 day → 261;
    # 2028-01-03 Monday (1).
    assert count.count == 1 + 261 + 1


# -- overrides -------------------------------------------------------------------------


def test_overrides_win_over_official_data() -> None:
    calendar = WorkCalendar(
        overrides={D(2025, 6, 13): False, D(2025, 10, 1): True, D(2025, 6, 14): True}
    )
    assert calendar.day(D(2025, 10, 1)) == CalendarDay(D(2025, 10, 1), True, DaySource.OVERRIDE)
    # Friday taken off, Saturday worked: Mon..Thu (4) + Sat (5).
    assert calendar.add_working_days(D(2025, 6, 9), 5).end == D(2025, 6, 14)
    assert CAL.add_working_days(D(2025, 6, 9), 5).end == D(2025, 6, 13)


def test_calendar_is_frozen_against_later_changes_to_the_given_dict() -> None:
    entries = {D(2025, 6, 13): False}
    calendar = WorkCalendar(overrides=entries)
    entries[D(2025, 6, 12)] = False
    assert calendar.is_workday(D(2025, 6, 12))
    with pytest.raises(TypeError):
        calendar.overrides[D(2025, 6, 12)] = False  # type: ignore[index]
    assert calendar == WorkCalendar(overrides={D(2025, 6, 13): False})
    assert hash(calendar) == hash(WorkCalendar(overrides={D(2025, 6, 13): False}))


def test_bad_overrides_and_declared_years_are_refused() -> None:
    with pytest.raises(InvalidInput):
        WorkCalendar(overrides={D(2025, 6, 13): "no"})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput):
        WorkCalendar(overrides={datetime(2025, 6, 13, 8): False})
    with pytest.raises(InvalidInput):
        WorkCalendar(declared_years=frozenset({"2027"}))  # type: ignore[arg-type]


def test_official_source_is_injectable() -> None:
    # A fake schedule for 2030 only: every Monday of it is a holiday.
    def official(d: date) -> bool | None:
        if d.year != 2030:
            return None
        return d.weekday() not in (0, 5, 6)

    calendar = WorkCalendar(official=official)
    # 2030-01-07 is a Monday: the first working day is Tuesday.
    assert calendar.add_working_days(D(2030, 1, 7), 1).end == D(2030, 1, 8)
    assert calendar.day(D(2030, 1, 7)).source is DaySource.OFFICIAL
    assert calendar.day(D(2025, 1, 6)).source is DaySource.WEEKEND_RULE


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("days", [0, -1, True, 1.5])
def test_days_below_one_or_not_integer_is_refused(days: object) -> None:
    with pytest.raises(InvalidInput) as info:
        CAL.add_working_days(D(2025, 6, 9), days)  # type: ignore[arg-type]
    assert info.value.field == "days"


def test_last_before_first_is_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        CAL.working_days_between(D(2025, 6, 10), D(2025, 6, 9))
    assert info.value.field == "last"


def test_same_day_counts_once_or_not_at_all() -> None:
    assert CAL.working_days_between(D(2025, 6, 9), D(2025, 6, 9)).count == 1
    assert CAL.working_days_between(D(2025, 10, 1), D(2025, 10, 1)).count == 0


def test_datetime_is_refused() -> None:
    with pytest.raises(InvalidInput):
        CAL.add_working_days(datetime(2025, 6, 9, 9), 5)
    with pytest.raises(InvalidInput):
        CAL.working_days_between(D(2025, 6, 9), datetime(2025, 6, 13))
    with pytest.raises(InvalidInput):
        CAL.day(datetime(2025, 6, 9))


def test_runaway_is_stopped() -> None:
    never = WorkCalendar(official=lambda d: False)  # a calendar with no working day at all
    with pytest.raises(InvalidInput) as info:
        never.add_working_days(D(2025, 1, 1), 1)
    assert str(MAX_SPAN_DAYS) in info.value.rule
    with pytest.raises(InvalidInput):
        CAL.add_working_days(D(2025, 1, 1), 5000)
    with pytest.raises(InvalidInput):
        CAL.working_days_between(D(2000, 1, 1), D(2025, 1, 1))


def test_end_of_representable_dates_is_refused_not_crashed() -> None:
    with pytest.raises(InvalidInput):
        CAL.add_working_days(date.max - timedelta(days=3), 10)
    assert CAL.working_days_between(date.max - timedelta(days=1), date.max).count == 2


# -- properties -------------------------------------------------------------------------


@settings(deadline=None)
@given(
    start=st.dates(min_value=D(2005, 1, 1), max_value=D(2026, 12, 31)),
    days=st.integers(min_value=1, max_value=30),
    start_counts=st.booleans(),
)
def test_add_and_count_agree(start: date, days: int, start_counts: bool) -> None:
    result = CAL.add_working_days(start, days, start_counts=start_counts)
    assert CAL.is_workday(result.end)
    first = start if start_counts else start + timedelta(days=1)
    count = CAL.working_days_between(first, result.end)
    assert count.count == days
    assert count.assumed_days == result.assumed_days
    # The day before the end has one working day fewer: the end is the first day reaching n.
    if result.end > first:
        assert CAL.working_days_between(first, result.end - timedelta(days=1)).count == days - 1
