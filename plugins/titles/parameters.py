"""The titles plugin's thresholds, each a ParameterSpec with its clause.

Date convention: every figure is in force from 2018-01-01. The 实施办法 takes effect
"自印发之日起施行" (第六十七条) and the file does not print the day of issue, only the
year of its 文号 (皖人社发〔2018〕5号): zhidu takes the first day of that year. An
organization that knows the exact day, or a later 评审标准条件, overrides from its date.
The screening reads the parameters in force on 1 January of the application year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from core.api import Education, ParameterSpec, TitleLevel, Unit
from plugins.titles import rules

__all__ = ["FROM", "KEYS", "SPECS", "limits_from", "years_key"]

FROM = date(2018, 1, 1)

_LEVEL_KEY = {
    TitleLevel.JUNIOR: "junior",
    TitleLevel.INTERMEDIATE: "intermediate",
    TitleLevel.DEPUTY_SENIOR: "deputy_senior",
    TitleLevel.FULL_SENIOR: "full_senior",
}
_EDUCATION_KEY = {
    Education.DOCTORAL: "doctoral",
    Education.MASTERS: "masters",
    Education.BACHELOR: "bachelor",
    Education.JUNIOR_COLLEGE: "college",
    Education.HIGH_SCHOOL: "high_school",
}


def years_key(level: TitleLevel, education: Education | None) -> str:
    """``titles.years_<level>[_<education>]``: the years needed; without an education,
    the level's usual figure."""
    tail = "" if education is None else f"_{_EDUCATION_KEY[education]}"
    return f"titles.years_{_LEVEL_KEY[level]}{tail}"


def _years_specs() -> list[ParameterSpec]:
    specs = []
    for level, table in rules.YEARS_DEFAULTS.items():
        for education, years in table.items():
            edu_zh = education.value if education else "一般"
            edu_en = education.name.lower().replace("_", " ") if education else "usually"
            specs.append(
                ParameterSpec(
                    years_key(level, education),
                    f"申报{level.value}所需任职年限（{edu_zh}）",
                    f"Years needed for {level.name.lower().replace('_', ' ')} ({edu_en})",
                    Unit.YEARS,
                    years,
                    rules.CONDITIONS,
                    FROM,
                    minimum=0,
                    maximum=30,
                )
            )
    return specs


SPECS: tuple[ParameterSpec, ...] = (
    *_years_specs(),
    ParameterSpec(
        "titles.ce_hours_senior", "学历专业不符：申报高级职称的专业科目学时",
        "Another subject: hours of the subject for a senior title", Unit.HOURS, 400,
        rules.SUBJECT_HOURS, FROM, minimum=0,
    ),
    ParameterSpec(
        "titles.ce_hours_intermediate", "学历专业不符：申报中级职称的专业科目学时",
        "Another subject: hours of the subject for an intermediate title", Unit.HOURS, 200,
        rules.SUBJECT_HOURS, FROM, minimum=0,
    ),
    ParameterSpec(
        "titles.ce_hours_junior", "学历专业不符：申报初级职称的专业科目学时",
        "Another subject: hours of the subject for a junior title", Unit.HOURS, 100,
        rules.SUBJECT_HOURS, FROM, minimum=0,
    ),
    ParameterSpec(
        "titles.training_months", "学历专业不符：继续教育培训累计月数（以上）",
        "Another subject: months of training in it (at least)", Unit.MONTHS, 3,
        rules.SUBJECT_TRAINING, FROM, minimum=0,
    ),
    ParameterSpec(
        "titles.transfer_post_years", "转评：现任专业技术岗位工作年限（以上）",
        "Transfer of series: years in the current post (at least)", Unit.YEARS, 1,
        rules.TRANSFER, FROM, minimum=0,
    ),
    ParameterSpec(
        "titles.organ_post_years", "机关调入：现专业技术岗位工作年限（满…以上）",
        "From an organ: years in the current post (at least)", Unit.YEARS, 1,
        rules.FROM_ORGAN, FROM, minimum=0,
    ),
    ParameterSpec(
        "titles.fraud_ban_years", "弄虚作假撤销职称后不得再申报的年限",
        "Years barred after a title revoked for fraud", Unit.YEARS, 5, rules.FRAUD_BAN, FROM,
        minimum=0,
    ),
    ParameterSpec(
        # The text leaves the 申报时间 to the committee's organizer (第六条); zhidu counts
        # periods to 31 December of the application year unless the organization sets
        # another day (MM-DD).
        "titles.cutoff", "任职年限计算截止日（月-日，约定：12-31）",
        "Periods counted up to (MM-DD; convention: 12-31)", Unit.TEXT, "12-31",
        rules.PUBLISHED, FROM,
    ),
)  # fmt: skip

KEYS = tuple(s.key for s in SPECS)


def limits_from(value: Callable[[str], Any]) -> rules.Limits:
    """The limits from a lookup ``value(key)`` (a parameter table on a date)."""
    years = {
        level: {education: value(years_key(level, education)) for education in table}
        for level, table in rules.YEARS_DEFAULTS.items()
    }
    cutoff = str(value("titles.cutoff"))
    _check_cutoff(cutoff)
    return rules.Limits(
        years=years,
        ce_hours_senior=value("titles.ce_hours_senior"),
        ce_hours_intermediate=value("titles.ce_hours_intermediate"),
        ce_hours_junior=value("titles.ce_hours_junior"),
        training_months=value("titles.training_months"),
        transfer_post_years=value("titles.transfer_post_years"),
        organ_post_years=value("titles.organ_post_years"),
        fraud_ban_years=value("titles.fraud_ban_years"),
        cutoff=cutoff,
    )


def _check_cutoff(text: str) -> None:
    from core.api import InvalidInput

    try:
        month, day = (int(x) for x in text.split("-"))
        date(2024, month, day)  # a leap year: 02-29 is a day
        if (month, day) == (2, 29):
            raise ValueError
    except ValueError:
        raise InvalidInput(
            "titles.cutoff", text, "must be a month and day MM-DD such as 12-31 (not 02-29)"
        ) from None
