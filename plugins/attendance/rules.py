"""The attendance rules, as pure functions over values (office-conduct-attendance.txt).

第一篇 一(二)2 is the clause: 全体机关工作人员要严格遵守作息时间……和机关考勤制度。对无故
迟到、早退，每周超过两次由主管领导对其进行诫勉谈话，一个月内超过10次者对其进行通报批评……
办公室负责机关人员考勤，实行本人签到制度，不准代签，签到时间为上班前后半小时。

What is decided here, on values the shell built (nothing reads or writes, no clock):

* a sign-in (签到) after the start of office hours is late (迟到); the day's first 签到
  counts. A sign-out (签退) before the end is leaving early (早退); the day's last 签退
  counts. Office hours are parameters: the text names none.
* the sign-in window (签到时间为上班前后半小时): a 签到 later than the window's close is
  still a lateness — the person came — and is flagged besides, for the office to check
  the 备注 (事由) the text asks for. A 签到 before the window opens is on time.
* lateness and early leaving are counted together (迟到、早退 … 超过两次): more than
  ``weekly`` in one ISO week (Monday–Sunday) calls for a 诫勉谈话 by the 主管领导, more
  than ``monthly`` in one calendar month for a 通报批评.
* a week that runs over two months belongs to the month of its Thursday (ISO 8601's
  rule for years, applied to months): each week is judged once, in one month's report,
  with all of its days — also those of the neighbouring month.
* a working day (the organization's China working-day calendar: 调休 weekends count,
  holidays do not) without a 签到 is a 未签到 day; zhidu does not call it 旷工, since
  no leave (请假) is recorded yet.

The counting itself is done by the database (plugins/attendance/store.py); the
functions below say what it counts, and apply the thresholds to what it returns.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Any, Self

import attrs

from core.api import Citation, Finding, InvalidInput, Severity, WorkCalendar

__all__ = [
    "BASE",
    "HOURS",
    "LATE_EARLY",
    "MONTHLY",
    "MONTH_DIGIT",
    "SIGN_IN",
    "SOURCE",
    "WEEKLY",
    "WINDOW",
    "Kind",
    "Limits",
    "OfficeHours",
    "PersonMonth",
    "Tally",
    "WeekTally",
    "clock",
    "findings",
    "is_early",
    "is_late",
    "monday_of",
    "month_of_week",
    "month_span",
    "outside_window",
    "owned_weeks",
    "person_month",
    "query_days",
    "second_of_day",
    "working_days_in",
]

SOURCE = "office-conduct-attendance.txt"
ARTICLE = "第一篇 一(二)2"

#: Office hours: the text requires them kept and names none (parameters).
HOURS = Citation(SOURCE, ARTICLE, "全体机关工作人员要严格遵守作息时间、请销假制度和机关考勤制度")
LATE_EARLY = Citation(SOURCE, ARTICLE, "对无故迟到、早退")
WEEKLY = Citation(SOURCE, ARTICLE, "对无故迟到、早退，每周超过两次由主管领导对其进行诫勉谈话")
MONTHLY = Citation(SOURCE, ARTICLE, "一个月内超过10次者对其进行通报批评")
SIGN_IN = Citation(SOURCE, ARTICLE, "办公室负责机关人员考勤，实行本人签到制度，不准代签")
WINDOW = Citation(
    SOURCE,
    ARTICLE,
    "签到时间为上班前后半小时，本人不能准时签到，应向主管领导或所站长请假，"
    "主管领导和本所站长应在备注栏内填写事由并签名",
)

_DAY_SECONDS = 86_400


class Kind(enum.IntEnum):
    """签到 (signing in) or 签退 (signing out); stored as the integer."""

    SIGN_IN = 1
    SIGN_OUT = 2

    @property
    def zh(self) -> str:
        return "签到" if self is Kind.SIGN_IN else "签退"

    @classmethod
    def parse(cls, field: str, value: object) -> Kind:
        """签到/签退 (or in/out, 1/2) — or InvalidInput."""
        if isinstance(value, Kind):
            return value
        text = str(value).strip().lower() if value is not None else ""
        found = _KIND_WORDS.get(text)
        if found is None:
            raise InvalidInput(field, value, "must be 签到 or 签退 (类型应为 签到 或 签退)")
        return found


_KIND_WORDS = {
    "签到": Kind.SIGN_IN,
    "in": Kind.SIGN_IN,
    "1": Kind.SIGN_IN,
    "签退": Kind.SIGN_OUT,
    "out": Kind.SIGN_OUT,
    "2": Kind.SIGN_OUT,
}


def second_of_day(t: time) -> int:
    """08:41:05 → 31265."""
    return t.hour * 3600 + t.minute * 60 + t.second


def clock(second: int) -> str:
    """31260 → ``08:41``; 31265 → ``08:41:05``."""
    hours, rest = divmod(second, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


@attrs.frozen
class OfficeHours:
    """作息时间: the start and end of the working day and the sign-in window, in seconds
    of the day (08:30 is 30600). ``window`` is the half-width of 签到时间为上班前后半小时."""

    start: int
    end: int
    window: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start < self.end < _DAY_SECONDS:
            raise InvalidInput(
                "office hours",
                f"{clock(self.start)}–{clock(self.end)}",
                "the start must come before the end, within the day (上班时间应早于下班时间)",
            )
        if self.window < 0:
            raise InvalidInput("sign-in window", self.window, "must not be negative")

    @classmethod
    def from_minutes(cls, start: int, end: int, window: int) -> Self:
        """From minutes after midnight (the parameters' unit): 510, 1050, 30."""
        return cls(start * 60, end * 60, window * 60)

    @property
    def window_closes(self) -> int:
        """The last second of the day a 签到 is inside the window."""
        return self.start + self.window

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": clock(self.start),
            "end": clock(self.end),
            "window_minutes": self.window // 60,
        }


def is_late(first_sign_in: int, hours: OfficeHours) -> bool:
    """迟到: the day's first 签到 after the start — 08:30:00 is on time, 08:30:01 late."""
    return first_sign_in > hours.start


def outside_window(first_sign_in: int, hours: OfficeHours) -> bool:
    """The 签到 came after the window closed (签到时间为上班前后半小时): late, and to be
    checked against the 备注 the text asks for."""
    return first_sign_in > hours.window_closes


def is_early(last_sign_out: int, hours: OfficeHours) -> bool:
    """早退: the day's last 签退 before the end — 17:30:00 is on time, 17:29:59 early."""
    return last_sign_out < hours.end


@attrs.frozen
class Limits:
    """The thresholds of 第一篇 一(二)2: more than ``weekly`` in an ISO week, more than
    ``monthly`` in a calendar month (迟到 and 早退 counted together)."""

    weekly: int
    monthly: int

    def as_dict(self) -> dict[str, int]:
        return {"weekly": self.weekly, "monthly": self.monthly}


# --------------------------------------------------------------------------- weeks, months


def month_span(year: int, month: int) -> tuple[date, date]:
    """The first and last day of the month."""
    first = date(year, month, 1)
    after = date(year + (month == 12), month % 12 + 1, 1)
    return first, after - timedelta(days=1)


def monday_of(day: date) -> date:
    """The Monday of the ISO week of ``day``."""
    return day - timedelta(days=day.weekday())


def month_of_week(monday: date) -> tuple[int, int]:
    """The month a week belongs to: its Thursday's (a week is judged once, in one month)."""
    thursday = monday + timedelta(days=3)
    return thursday.year, thursday.month


def owned_weeks(year: int, month: int) -> tuple[date, ...]:
    """The Mondays of the weeks the month judges (their Thursday falls in it)."""
    first, last = month_span(year, month)
    monday = monday_of(first)
    weeks = []
    while monday <= last:
        if month_of_week(monday) == (year, month):
            weeks.append(monday)
        monday += timedelta(days=7)
    return tuple(weeks)


def query_days(calendar: WorkCalendar, year: int, month: int) -> tuple[date, ...]:
    """The working days whose sign-ins a month's report reads: the month's own, and
    those of the weeks it judges that fall in the neighbouring months. Ascending."""
    first, last = month_span(year, month)
    weeks = owned_weeks(year, month)
    start = min(first, weeks[0]) if weeks else first
    end = max(last, weeks[-1] + timedelta(days=6)) if weeks else last
    days = []
    day = start
    while day <= end:
        in_month = first <= day <= last
        if (in_month or monday_of(day) in weeks) and calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def working_days_in(days: Sequence[date], first: date, last: date) -> int:
    """How many of the ascending working ``days`` fall in ``[first, last]``."""
    if last < first:
        return 0
    return bisect.bisect_right(days, last) - bisect.bisect_left(days, first)


# --------------------------------------------------------------------------- tallies


#: How the database's count packs a person's 迟到 (and 早退) into one number: a digit in
#: base 32 for each judged week (the first week is the units digit; at most 7 days a
#: week) and the month's own days in digit 5 (at most 31). A month judges at most 5 weeks.
BASE = 32
MONTH_DIGIT = BASE**5

#: How it packs the month's other three counts into one number, each at most 31 days:
#: the days with a 签到 in the units digit, 迟到 after the window in the next, and days
#: with a 签到 but no 签退 in the third. One sum costs the database less than three.
SIGNED, OUTSIDE_WINDOW, NO_SIGN_OUT = 1, BASE, BASE**2


@attrs.frozen
class Tally:
    """One row of the database's count, a person's: in the month's working days, the
    days with a 签到, 迟到, 迟到 after the window, 早退, and days with a 签到 but no 签退;
    and each week the month judges, with all its days: 迟到 and 早退."""

    person_id: int
    signed: int
    late: int
    late_outside_window: int
    early: int
    no_sign_out: int
    weeks: tuple[WeekTally, ...]

    @classmethod
    def from_row(cls, row: Sequence[Any], mondays: Sequence[date]) -> Self:
        """From ``(person, late packed, early packed, month packed)``: 迟到 and 早退 in
        :data:`BASE` digits, a week's in the order of ``mondays`` (weeks without a 迟到
        or 早退 are left out) and the month's in :data:`MONTH_DIGIT`; the month's other
        counts in the digits :data:`SIGNED`, :data:`OUTSIDE_WINDOW`, :data:`NO_SIGN_OUT`."""
        person, late, early, month = row
        no_out, rest = divmod(int(month or 0), NO_SIGN_OUT)
        outside, signed = divmod(rest, OUTSIDE_WINDOW)
        late_month, late_weeks = divmod(int(late or 0), MONTH_DIGIT)
        early_month, early_weeks = divmod(int(early or 0), MONTH_DIGIT)
        weeks: list[WeekTally] = []
        for monday in mondays:  # the units digit first; stop when no digit is left
            if not (late_weeks or early_weeks):
                break
            late_weeks, week_late = divmod(late_weeks, BASE)
            early_weeks, week_early = divmod(early_weeks, BASE)
            if week_late or week_early:
                weeks.append(WeekTally(monday, week_late, week_early))
        return cls(person, signed, late_month, outside, early_month, no_out, tuple(weeks))


@attrs.frozen
class WeekTally:
    """A person's 迟到 and 早退 in one ISO week the month judges (all its days)."""

    monday: date
    late: int
    early: int

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def count(self) -> int:
        """迟到 and 早退 together (一个迟到且早退的日子计两次)."""
        return self.late + self.early

    def as_dict(self) -> dict[str, Any]:
        return {
            "monday": self.monday.isoformat(),
            "sunday": self.sunday.isoformat(),
            "late": self.late,
            "early": self.early,
            "count": self.count,
        }


@attrs.frozen
class PersonMonth:
    """One person's month: the working days they were expected (their span in the month)
    and their row of the count — the days they signed in, 迟到, 早退, and the weeks the
    month judges. The count is held, not copied: a report builds one for every person."""

    person_id: int
    name: str
    year: int
    month: int
    first: date
    last: date
    working_days: int
    tally: Tally

    @property
    def signed_days(self) -> int:
        return self.tally.signed

    @property
    def late(self) -> int:
        return self.tally.late

    @property
    def early(self) -> int:
        return self.tally.early

    @property
    def late_outside_window(self) -> int:
        return self.tally.late_outside_window

    @property
    def missing_sign_out(self) -> int:
        return self.tally.no_sign_out

    @property
    def weeks(self) -> tuple[WeekTally, ...]:
        return self.tally.weeks

    @property
    def unsigned_days(self) -> int:
        """未签到: working days of the span without a 签到 (never below zero)."""
        return max(0, self.working_days - self.tally.signed)

    @property
    def count(self) -> int:
        """迟到 and 早退 together in the calendar month."""
        return self.tally.late + self.tally.early

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"


def person_month(
    person_id: int,
    name: str,
    year: int,
    month: int,
    span: tuple[date, date],
    working_days: int,
    tally: Tally | None,
) -> PersonMonth:
    """A person's month from their row of the count (None: no sign-in at all)."""
    if tally is None:
        tally = Tally(person_id, 0, 0, 0, 0, 0, ())
    return PersonMonth(person_id, name, year, month, *span, working_days, tally)


def findings(person: PersonMonth, limits: Limits) -> tuple[Finding, ...]:
    """What the month calls for, each with its clause: a 诫勉谈话 for each judged week
    over ``weekly``, a 通报批评 over ``monthly``, the 未签到 days, and the 签到 after the
    window. Exactly at a limit is no finding (超过 is more than)."""
    unsigned, over_month = person.unsigned_days, person.count > limits.monthly
    if not (person.weeks or over_month or unsigned or person.late_outside_window):
        return ()  # most people: nothing to say, and nothing built to say it
    found: list[Finding] = []
    who, key, label = person.name, f"person:{person.person_id}", person.label
    for week in person.weeks:
        if week.count > limits.weekly:
            span = f"{week.monday.isoformat()}–{week.sunday.isoformat()}"
            found.append(
                Finding(
                    Severity.VIOLATION,
                    "attendance.weekly",
                    who,
                    WEEKLY,
                    f"{who}在{span}一周内迟到{week.late}次、早退{week.early}次，共{week.count}次，"
                    f"超过{limits.weekly}次：由主管领导进行诫勉谈话",
                    f"{who} was late {week.late} and left early {week.early} times in the week "
                    f"{span}, {week.count} in all, more than {limits.weekly}: a warning talk "
                    "(诫勉谈话) by the supervising leader",
                    due=None,
                    subject_key=key,
                )
            )
    if over_month:
        found.append(
            Finding(
                Severity.VIOLATION,
                "attendance.monthly",
                who,
                MONTHLY,
                f"{who}在{label}迟到{person.late}次、早退{person.early}次，共{person.count}次，"
                f"超过{limits.monthly}次：通报批评",
                f"{who} was late {person.late} and left early {person.early} times in "
                f"{label}, {person.count} in all, more than {limits.monthly}: a notice "
                "of criticism (通报批评)",
                subject_key=key,
            )
        )
    if unsigned:
        found.append(
            Finding(
                Severity.WARNING,
                "attendance.unsigned",
                who,
                SIGN_IN,
                f"{who}在{label}有{unsigned}个工作日未签到（未录入请假，是否旷工待核实）",
                f"{who} did not sign in on {unsigned} working day(s) of "
                f"{label} (no leave is recorded: whether it was absence is to be checked)",
                subject_key=key,
            )
        )
    if person.late_outside_window:
        found.append(
            Finding(
                Severity.INFO,
                "attendance.outside-window",
                who,
                WINDOW,
                f"{who}在{label}有{person.late_outside_window}次签到晚于签到时段，请核对备注栏事由",
                f"{who} signed in after the sign-in window closed on "
                f"{person.late_outside_window} day(s) of {label}: check the 备注 "
                "for a reason",
                subject_key=key,
            )
        )
    return tuple(found)
