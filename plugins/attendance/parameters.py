"""The attendance thresholds, each a ParameterSpec with its clause and the date it applies
from.

Date convention: the text has no date (本规定自发布之日起执行); it was written for the
先进性教育活动 (以保持共产党的先进性教育活动为契机), which began in January 2005, so the
rules apply from 2005-01-01 — before any sign-in zhidu can hold. An organization sets
its own from a date (``zhidu param set``). A month's report reads the values in force
on the month's first day, for all of the month.

Office hours are minutes after midnight (510 is 08:30): the text requires 作息时间 kept
and names no hours, so 08:30–17:30 is zhidu's default, to be set by each organization.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from core.api import ParameterSpec, Unit
from plugins.attendance import rules

__all__ = ["KEYS", "SPECS", "hours_from", "limits_from"]

FROM = date(2005, 1, 1)

START = "attendance.work_start_minute"
END = "attendance.work_end_minute"
WINDOW = "attendance.sign_in_window_minutes"
WEEKLY = "attendance.weekly_limit"
MONTHLY = "attendance.monthly_limit"

SPECS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        START, "上班时间（0点起的分钟数，510即8:30；原文未规定）",
        "Office hours start (minutes after midnight; the text names none)",
        Unit.MINUTES, 510, rules.HOURS, FROM, minimum=0, maximum=1439,
    ),
    ParameterSpec(
        END, "下班时间（0点起的分钟数，1050即17:30；原文未规定）",
        "Office hours end (minutes after midnight; the text names none)",
        Unit.MINUTES, 1050, rules.HOURS, FROM, minimum=1, maximum=1439,
    ),
    ParameterSpec(
        WINDOW, "签到时段（上班前后）", "Sign-in window either side of the start",
        Unit.MINUTES, 30, rules.WINDOW, FROM, minimum=0, maximum=240,
    ),
    ParameterSpec(
        WEEKLY, "每周迟到、早退次数上限（超过则诫勉谈话）",
        "Lateness and early leaving a week (more: a warning talk)",
        Unit.COUNT, 2, rules.WEEKLY, FROM, minimum=0,
    ),
    ParameterSpec(
        MONTHLY, "每月迟到、早退次数上限（超过则通报批评）",
        "Lateness and early leaving a month (more: a notice of criticism)",
        Unit.COUNT, 10, rules.MONTHLY, FROM, minimum=0,
    ),
)  # fmt: skip

KEYS = tuple(s.key for s in SPECS)


def hours_from(value: Callable[[str], Any]) -> rules.OfficeHours:
    """Office hours from a lookup ``value(key)`` (a parameter table on a date)."""
    return rules.OfficeHours.from_minutes(value(START), value(END), value(WINDOW))


def limits_from(value: Callable[[str], Any]) -> rules.Limits:
    """The weekly and monthly limits from a lookup ``value(key)``."""
    return rules.Limits(weekly=value(WEEKLY), monthly=value(MONTHLY))
