"""The union's thresholds, each a ParameterSpec with its clause and the date it applies
from: 2022-11-14, the 第五次学生代表大会 that adopted the bylaws' amendment (七、八)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any

from core.api import ParameterSpec, Unit
from plugins.union import rules

__all__ = ["KEYS", "SPECS", "limits_from"]

FROM = date(2022, 11, 14)
S = rules.STANDARDS

SPECS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        "union.max_staff", "工作人员上限", "Staff limit", Unit.COUNT, 30, S[2], FROM, minimum=1
    ),
    ParameterSpec(
        "union.max_presidium", "主席团成员上限", "Presidium limit", Unit.COUNT, 3, S[3], FROM,
        minimum=1,
    ),
    ParameterSpec(
        "union.ranking_top", "成绩排名须在本专业前（比例）", "Ranking within the top fraction",
        Unit.FRACTION, Fraction(3, 10), S[6], FROM,
    ),
    ParameterSpec(
        "union.congress_interval_months", "学生代表大会召开周期", "Congress held every",
        Unit.MONTHS, 12, rules.CONGRESS_YEARLY, FROM, minimum=1,
    ),
    ParameterSpec(
        "union.congress_quorum", "学生代表大会到会比例（以上）", "Congress quorum (at least)",
        Unit.FRACTION, Fraction(2, 3), rules.CONGRESS_YEARLY, FROM,
    ),
    ParameterSpec(
        "union.training_window_months", "春、秋季培训的回溯期", "Trainings looked for within",
        Unit.MONTHS, 12, S[9], FROM, minimum=1,
    ),
    ParameterSpec(
        # 定期 has no figure in the text: zhidu takes once a semester, an organization
        # may set its own.
        "union.hearing_interval_months", "党组织听取汇报的周期（定期，每学期）",
        "Party hearing at least every", Unit.MONTHS, 6, S[11], FROM, minimum=1,
    ),
    ParameterSpec(
        "union.resignation_notice_months", "辞职提前申请期", "Resignation notice",
        Unit.MONTHS, 1, rules.RESIGNATION, FROM, minimum=0,
    ),
    ParameterSpec(
        "union.certificate_years", "发放证书所需任期", "Service for a certificate",
        Unit.YEARS, 1, rules.CERTIFICATE, FROM, minimum=0,
    ),
)  # fmt: skip

KEYS = tuple(s.key for s in SPECS)


def limits_from(value: Callable[[str], Any]) -> rules.Limits:
    """The standards' limits from a lookup ``value(key)`` (a CheckContext's parameter)."""
    return rules.Limits(
        max_staff=value("union.max_staff"),
        max_presidium=value("union.max_presidium"),
        top=value("union.ranking_top"),
        congress_months=value("union.congress_interval_months"),
        congress_quorum=value("union.congress_quorum"),
        training_months=value("union.training_window_months"),
        hearing_months=value("union.hearing_interval_months"),
    )
