"""The attendance rules, pure, at their boundaries: the second of lateness, the sign-in
window, 2 vs 3 a week, 10 vs 11 a month, the week over two months, Golden Week, the
Spring Festival and their 调休 days, a year without calendar data."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.api import InvalidInput, Severity, WorkCalendar
from plugins.attendance import rules
from plugins.attendance.parameters import SPECS, hours_from, limits_from

HOURS = rules.OfficeHours.from_minutes(510, 1050, 30)
LIMITS = rules.Limits(weekly=2, monthly=10)


def s(text: str) -> int:
    return rules.second_of_day(time.fromisoformat(text))


def test_late_is_after_the_start_to_the_second() -> None:
    assert not rules.is_late(s("08:30:00"), HOURS)
    assert rules.is_late(s("08:30:01"), HOURS)
    assert not rules.is_late(s("06:00"), HOURS)  # before the window opens: on time


def test_the_window_closes_half_an_hour_after_the_start() -> None:
    assert not rules.outside_window(s("09:00:00"), HOURS)
    assert rules.outside_window(s("09:00:01"), HOURS)
    assert rules.is_late(s("09:00:01"), HOURS)  # still a lateness


def test_early_is_before_the_end_to_the_second() -> None:
    assert not rules.is_early(s("17:30:00"), HOURS)
    assert rules.is_early(s("17:29:59"), HOURS)


def test_office_hours_must_make_a_day() -> None:
    with pytest.raises(InvalidInput, match="上班时间应早于下班时间"):
        rules.OfficeHours.from_minutes(1050, 510, 30)
    assert HOURS.as_dict() == {"start": "08:30", "end": "17:30", "window_minutes": 30}
    assert rules.clock(s("08:41:05")) == "08:41:05" and rules.clock(s("08:41")) == "08:41"


def test_kinds_in_chinese_and_english() -> None:
    assert rules.Kind.parse("类型", " 签退 ") is rules.Kind.SIGN_OUT
    assert rules.Kind.parse("类型", "in") is rules.Kind.SIGN_IN
    with pytest.raises(InvalidInput, match="类型 = '代签'"):
        rules.Kind.parse("类型", "代签")


def test_the_parameters_default_to_the_text_and_cite_it() -> None:
    values = {spec.key: spec.default for spec in SPECS}
    assert hours_from(values.__getitem__) == HOURS
    assert limits_from(values.__getitem__) == LIMITS
    weekly = next(spec for spec in SPECS if spec.key == "attendance.weekly_limit")
    assert "每周超过两次" in weekly.citation.words and weekly.effective_from == date(2005, 1, 1)
    for spec in SPECS:
        spec.validate("attendance")


# --------------------------------------------------------------------------- weeks


def test_a_week_belongs_to_the_month_of_its_thursday() -> None:
    assert rules.month_of_week(date(2026, 3, 30)) == (2026, 4)  # Mon 03-30, Thu 04-02
    assert rules.month_of_week(date(2026, 9, 28)) == (2026, 10)  # Thu 10-01
    assert rules.month_of_week(date(2026, 10, 26)) == (2026, 10)  # Thu 10-29, Sun 11-01
    assert rules.owned_weeks(2026, 3) == tuple(date(2026, 3, d) for d in (2, 9, 16, 23))
    assert rules.owned_weeks(2026, 10)[0] == date(2026, 9, 28)
    assert len(rules.owned_weeks(2026, 10)) == 5


def test_golden_week_and_its_adjusted_saturday() -> None:
    days = rules.query_days(WorkCalendar(), 2026, 10)
    assert days[:3] == (date(2026, 9, 28), date(2026, 9, 29), date(2026, 9, 30))
    assert not any(date(2026, 10, 1) <= d <= date(2026, 10, 7) for d in days)  # 国庆、中秋
    assert date(2026, 10, 10) in days  # 调休: a Saturday worked
    october = [d for d in days if d.month == 10]
    assert len(october) == 18 and days[-1] == date(2026, 10, 30)


def test_the_spring_festival_and_its_adjusted_saturdays() -> None:
    days = rules.query_days(WorkCalendar(), 2026, 2)
    assert date(2026, 2, 14) in days and date(2026, 2, 28) in days  # 调休 Saturdays
    assert not any(date(2026, 2, 16) <= d <= date(2026, 2, 23) for d in days)
    assert len(days) == 16


def test_a_year_without_calendar_data_is_assumed_monday_to_friday() -> None:
    days = rules.query_days(WorkCalendar(), 2027, 3)
    assert all(d.weekday() < 5 for d in days) and len(days) == 23
    counted = WorkCalendar().working_days_between(date(2027, 3, 1), date(2027, 3, 31))
    warning = counted.warning_zh()
    assert warning is not None and "2027年" in warning


def test_working_days_in_a_span() -> None:
    days = rules.query_days(WorkCalendar(), 2026, 3)
    assert rules.working_days_in(days, date(2026, 3, 1), date(2026, 3, 31)) == 22
    assert rules.working_days_in(days, date(2026, 3, 1), date(2026, 3, 15)) == 10
    assert rules.working_days_in(days, date(2026, 3, 16), date(2026, 3, 15)) == 0


# --------------------------------------------------------------------------- thresholds


def month(
    late: int = 0,
    early: int = 0,
    weeks: tuple[tuple[int, int], ...] = (),
    working: int = 22,
    signed: int = 22,
    outside: int = 0,
) -> rules.PersonMonth:
    counted = tuple(
        rules.WeekTally(date(2026, 3, 2 + 7 * i), w_late, w_early)
        for i, (w_late, w_early) in enumerate(weeks)
    )
    tally = rules.Tally(7, signed, late, outside, early, 0, counted)
    span = (date(2026, 3, 1), date(2026, 3, 31))
    return rules.person_month(7, "张一", 2026, 3, span, working, tally)


def ids(found: tuple[object, ...]) -> list[str]:
    return [f.rule_id for f in found]  # type: ignore[attr-defined]


def test_two_a_week_is_no_finding_three_is_a_warning_talk() -> None:
    assert rules.findings(month(2, 0, ((2, 0),)), LIMITS) == ()
    assert rules.findings(month(1, 1, ((1, 1),)), LIMITS) == ()
    found = rules.findings(month(2, 1, ((2, 1),)), LIMITS)
    assert ids(found) == ["attendance.weekly"]
    (talk,) = found
    assert talk.severity is Severity.VIOLATION and talk.citation == rules.WEEKLY
    assert "诫勉谈话" in talk.message_zh and "2026-03-02–2026-03-08" in talk.message_zh
    assert talk.subject_key == "person:7"


def test_ten_a_month_is_no_finding_eleven_is_a_notice_of_criticism() -> None:
    spread = ((2, 0), (2, 0), (1, 1), (2, 0))
    assert rules.findings(month(9, 1, spread), LIMITS) == ()
    found = rules.findings(month(10, 1, spread), LIMITS)
    assert ids(found) == ["attendance.monthly"]
    assert found[0].citation == rules.MONTHLY and "通报批评" in found[0].message_zh


def test_late_and_early_on_one_day_count_twice() -> None:
    week = rules.WeekTally(date(2026, 3, 2), 2, 1)
    assert week.count == 3 and week.sunday == date(2026, 3, 8)


def test_days_without_a_sign_in_and_late_outside_the_window() -> None:
    found = rules.findings(month(1, 0, ((1, 0),), working=22, signed=20, outside=1), LIMITS)
    assert ids(found) == ["attendance.unsigned", "attendance.outside-window"]
    unsigned, outside = found
    assert unsigned.severity is Severity.WARNING and "2个工作日未签到" in unsigned.message_zh
    assert unsigned.citation == rules.SIGN_IN and "不准代签" in unsigned.citation.words
    assert outside.severity is Severity.INFO and outside.citation == rules.WINDOW


def test_nobody_signed_is_every_working_day_unsigned() -> None:
    span = (date(2026, 3, 1), date(2026, 3, 15))
    person = rules.person_month(8, "张四", 2026, 3, span, 10, None)
    assert person.unsigned_days == 10 and person.count == 0 and person.weeks == ()


def test_a_row_of_the_count_unpacks_its_weeks_and_its_month() -> None:
    mondays = rules.owned_weeks(2026, 10)
    m, b = rules.MONTH_DIGIT, rules.BASE
    late = 2 * m + 2 * b + 1 * b**4 + 1  # 1 late in the week of 09-28: not October's day
    early = 1 * m + 1 * b
    month = 18 * rules.SIGNED + 3 * rules.OUTSIDE_WINDOW + 1 * rules.NO_SIGN_OUT
    tally = rules.Tally.from_row((3, late, early, month), mondays)
    assert (tally.signed, tally.late, tally.early) == (18, 2, 1)
    assert (tally.late_outside_window, tally.no_sign_out) == (3, 1)
    assert tally.weeks == (
        rules.WeekTally(date(2026, 9, 28), 1, 0),
        rules.WeekTally(date(2026, 10, 5), 2, 1),
        rules.WeekTally(date(2026, 10, 26), 1, 0),
    )
    assert rules.Tally.from_row((3, 0, None, 18), mondays).weeks == ()
