"""The pure rules at their boundaries: no database, no clock."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest

from core.api import Education, InvalidInput, TitleLevel
from plugins.titles import rules
from plugins.titles.parameters import SPECS, limits_from
from plugins.titles.rules import Applicant, Grade, Kind, Limits, Rating

LIMITS = Limits()


def applicant(**changes: Any) -> Applicant:
    """梁晨-like: 本科, 中级 since 2020-12-20, applying for 副高级 in 2026, all 合格."""
    base = Applicant(
        application_id=1, person_id=7, name="甲", year=2026, series="工程",
        level=TitleLevel.DEPUTY_SENIOR, current_series="工程", education=Education.BACHELOR,
        current_level=TitleLevel.INTERMEDIATE, current_since=date(2020, 12, 20),
        employment_start=date(2011, 7, 1), applied_on=date(2026, 9, 15),
        ratings=tuple(Rating(7, y, Grade.PASS) for y in range(2021, 2026)),
    )  # fmt: skip
    return attrs.evolve(base, **changes)


def rated(**grades: str) -> tuple[Rating, ...]:
    """2021–2025 合格 except the years given (y2023="基本合格")."""
    return tuple(Rating(7, y, Grade(grades.get(f"y{y}", "合格"))) for y in range(2021, 2026))


def years(a: Applicant, limits: Limits = LIMITS) -> rules.Condition:
    c = rules.service_years(a, limits)
    assert c.citation.source == "professional-title-review.txt"
    assert c.citation.article == "第十一条"
    return c


# --- 第五十九条 周年, with the cut-off ------------------------------------------------


def test_the_years_are_complete_on_the_anniversary_not_the_day_before() -> None:
    # 副高级 needs 5 years (本科); 中级 since 2021-12-31 → 5 years on 2026-12-31, the cut-off
    on_the_day = years(applicant(current_since=date(2021, 12, 31), ratings=rated()))
    assert on_the_day.status == "met"
    assert dict(on_the_day.dates)["reached"] == date(2026, 12, 31)
    day_later = years(applicant(current_since=date(2022, 1, 1), ratings=rated()))
    assert day_later.status == "missed"
    assert dict(day_later.dates)["reached"] == date(2027, 1, 1)
    assert "2027-01-01方满" in day_later.message_zh


def test_the_cutoff_is_a_parameter_and_moves_the_anniversary() -> None:
    early = attrs.evolve(LIMITS, cutoff="12-19")
    assert years(applicant(current_since=date(2021, 12, 20)), early).status == "missed"
    assert years(applicant(current_since=date(2021, 12, 19)), early).status == "met"


# --- 第十一条 -------------------------------------------------------------------------


def test_one_basic_pass_year_makes_it_one_year_short() -> None:
    # since 2021-12-31: exactly 5 on the cut-off; a 基本合格 year leaves 4
    fine = applicant(current_since=date(2020, 12, 31), ratings=rated())
    assert years(fine).status == "met"
    short = years(applicant(current_since=date(2021, 12, 31), ratings=rated(y2023="基本合格")))
    assert short.status == "missed"
    assert "2023年度基本合格扣除1年，计4年" in short.message_zh
    assert dict(short.dates)["reached"] == date(2027, 12, 31)


def test_liang_chen_is_exactly_at_five_years_on_2026_12_20() -> None:
    a = applicant(ratings=rated(y2023="基本合格"))  # 中级 since 2020-12-20
    c = years(a)
    assert c.status == "met" and dict(c.dates)["reached"] == date(2026, 12, 20)
    assert years(a, attrs.evolve(LIMITS, cutoff="12-19")).status == "missed"


def test_a_failed_year_is_deducted_too_and_excellent_counts() -> None:
    c = years(applicant(current_since=date(2021, 12, 31), ratings=rated(y2022="不合格")))
    assert c.status == "missed"
    assert years(applicant(current_since=date(2021, 12, 31), ratings=rated(y2022="优秀"))).met


def test_a_missing_rating_is_unknown_only_where_it_decides() -> None:
    some = tuple(r for r in rated() if r.year != 2024)
    tight = years(applicant(current_since=date(2021, 12, 31), ratings=some))
    assert tight.status == "unknown" and "2024年度考核未记载" in tight.message_zh
    ample = years(applicant(current_since=date(2015, 12, 31), ratings=some))
    assert ample.status == "met"


def test_failed_the_year_before_bars_this_year() -> None:
    barred = rules.not_failed(applicant(ratings=rated(y2025="不合格")))
    assert (
        barred.status == "missed" and barred.citation.words == "年度考核不合格的，当年不得申报职称"
    )
    assert rules.not_failed(applicant(ratings=rated(y2024="不合格"))).status == "met"
    assert rules.not_failed(applicant(ratings=rated(y2025="基本合格"))).status == "met"
    none = rules.not_failed(applicant(ratings=()))
    assert none.status == "unknown"
    new = applicant(ratings=(), current_level=None, employment_start=date(2026, 7, 1))
    assert rules.not_failed(new).status == "met"  # no year to rate before this one


# --- years per level and education (第九条) --------------------------------------------


@pytest.mark.parametrize(
    ("level", "education", "needed"),
    [
        (TitleLevel.JUNIOR, Education.MASTERS, 0),
        (TitleLevel.JUNIOR, Education.DOCTORAL, 0),  # the nearest lower education's
        (TitleLevel.JUNIOR, Education.JUNIOR_COLLEGE, 3),
        (TitleLevel.JUNIOR, Education.MIDDLE_SCHOOL, 5),  # the usual figure
        (TitleLevel.INTERMEDIATE, Education.MASTERS, 2),
        (TitleLevel.INTERMEDIATE, Education.JUNIOR_COLLEGE, 5),
        (TitleLevel.DEPUTY_SENIOR, Education.DOCTORAL, 2),
        (TitleLevel.DEPUTY_SENIOR, Education.MASTERS, 5),
        (TitleLevel.FULL_SENIOR, None, 5),
    ],
)
def test_years_needed(level: TitleLevel, education: Education | None, needed: int) -> None:
    assert rules.needed_years(level, education, LIMITS) == needed


def test_every_parameter_has_a_default_equal_to_the_limits_and_a_citation() -> None:
    specs = {s.key: s for s in SPECS}
    assert limits_from(lambda key: specs[key].default) == LIMITS
    assert dict(limits_from(lambda key: specs[key].default).years) == dict(LIMITS.years)
    for spec in SPECS:
        assert spec.citation.source == "professional-title-review.txt"
        assert spec.effective_from == date(2018, 1, 1)
    with pytest.raises(InvalidInput, match=r"titles\.cutoff"):
        limits_from(lambda key: "02-30" if key == "titles.cutoff" else specs[key].default)


# --- 第六十一条 -------------------------------------------------------------------------


def test_a_subject_mismatch_needs_400_hours_for_a_senior_title() -> None:
    off = applicant(subject_matches=False)
    assert rules.education_matches(attrs.evolve(off, ce_hours=400), LIMITS).status == "met"
    short = rules.education_matches(attrs.evolve(off, ce_hours=399), LIMITS)
    assert short.status == "missed" and "需400学时" in short.message_zh
    middle = attrs.evolve(off, level=TitleLevel.INTERMEDIATE, ce_hours=200)
    assert rules.education_matches(middle, LIMITS).met
    junior = attrs.evolve(off, level=TitleLevel.JUNIOR, ce_hours=99)
    assert rules.education_matches(junior, LIMITS).status == "missed"
    assert rules.education_matches(attrs.evolve(junior, ce_hours=100), LIMITS).met


def test_three_months_training_or_a_retraining_certificate_also_match() -> None:
    off = applicant(subject_matches=False)
    three = rules.education_matches(attrs.evolve(off, training_months=3), LIMITS)
    assert three.met and three.citation.article == "第六十一条（一）"
    assert not rules.education_matches(attrs.evolve(off, training_months=2), LIMITS).met
    again = rules.education_matches(attrs.evolve(off, retrained=True), LIMITS)
    assert again.met and again.citation.article == "第六十一条（三）"
    assert rules.education_matches(applicant(subject_matches=None), LIMITS).status == "unknown"


# --- 第三十四条, 第四十一条: one year in the post ----------------------------------------


def test_a_transfer_after_exactly_one_year_and_not_a_day_less() -> None:
    a = applicant(kind=Kind.TRANSFER, level=TitleLevel.INTERMEDIATE, series="经济")
    year = rules.transfer_post_time(attrs.evolve(a, post_changed_on=date(2025, 12, 31)), LIMITS)
    assert year.status == "met"
    less = rules.transfer_post_time(attrs.evolve(a, post_changed_on=date(2026, 1, 1)), LIMITS)
    assert less.status == "missed" and dict(less.dates)["reached"] == date(2027, 1, 1)
    assert rules.transfer_post_time(a, LIMITS).status == "unknown"  # no date recorded
    screened = rules.screen_one(attrs.evolve(a, post_changed_on=date(2025, 12, 31)), LIMITS)
    assert screened.verdict == "eligible"
    assert "years" not in {c.key for c in screened.conditions}  # same level: no 资历


def test_from_an_organ_exactly_one_year_and_a_day_less() -> None:
    a = applicant(transferred_on=date(2025, 12, 31))
    c = rules.from_organ(a, LIMITS)
    assert c.status == "met" and c.citation.article == "第四十一条"
    assert rules.from_organ(attrs.evolve(a, transferred_on=date(2026, 1, 1)), LIMITS).met is False
    assert "from_organ" in {c.key for c in rules.screen_one(a, LIMITS).conditions}
    assert "from_organ" not in {c.key for c in rules.screen_one(applicant(), LIMITS).conditions}


# --- levels and series --------------------------------------------------------------


def test_the_level_follows_the_current_one() -> None:
    assert rules.level_applied(applicant()).met
    assert not rules.level_applied(applicant(level=TitleLevel.FULL_SENIOR)).met  # skips one
    fresh = applicant(current_level=None, current_since=None, level=TitleLevel.JUNIOR)
    assert rules.level_applied(fresh).met
    assert not rules.level_applied(attrs.evolve(fresh, level=TitleLevel.INTERMEDIATE)).met
    doctor = attrs.evolve(fresh, level=TitleLevel.INTERMEDIATE, education=Education.DOCTORAL)
    assert rules.level_applied(doctor).met
    transfer = applicant(kind=Kind.TRANSFER, series="经济")
    assert not rules.level_applied(transfer).met  # a transfer keeps the level
    assert rules.level_applied(attrs.evolve(transfer, level=TitleLevel.INTERMEDIATE)).met


def test_no_higher_level_across_series_without_a_transfer() -> None:
    across = rules.series_crossing(applicant(series="经济"))
    assert across.status == "missed" and across.citation.article == "第三十五条"
    same = applicant(kind=Kind.TRANSFER, series="工程", level=TitleLevel.INTERMEDIATE)
    assert rules.series_crossing(same).status == "missed"  # a transfer into its own series


def test_only_a_doctor_has_a_first_intermediate_recognized() -> None:
    doctor = applicant(
        kind=Kind.FIRST, level=TitleLevel.INTERMEDIATE, education=Education.DOCTORAL,
        current_level=None, current_since=None, employment_start=date(2025, 7, 10),
        ratings=(Rating(7, 2025, Grade.PASS),),
    )  # fmt: skip
    s = rules.screen_one(doctor, LIMITS)
    assert s.verdict == "eligible", [c.message_zh for c in s.conditions if not c.met]
    master = attrs.evolve(doctor, education=Education.MASTERS)
    c = rules.first_intermediate(master)
    assert c.status == "missed" and c.citation.article == "第六十条"
    assert rules.screen_one(master, LIMITS).verdict == "ineligible"


# --- 破格 (第三十九、四十条) -------------------------------------------------------------


def test_an_exception_waives_education_and_years_but_needs_consent() -> None:
    weak = applicant(
        exceptional=True, current_since=date(2024, 12, 20), subject_matches=False,
        education=Education.JUNIOR_COLLEGE,
    )  # fmt: skip
    s = rules.screen_one(weak, LIMITS)
    statuses = {c.key: c.status for c in s.conditions}
    assert statuses["years"] == "waived" and statuses["subject"] == "waived"
    assert statuses["exception_consent"] == "missed" and s.verdict == "ineligible"
    consented = rules.screen_one(attrs.evolve(weak, consent_on=date(2026, 10, 8)), LIMITS)
    assert consented.verdict == "eligible"
    failed = attrs.evolve(weak, consent_on=date(2026, 10, 8), ratings=rated(y2025="不合格"))
    assert rules.screen_one(failed, LIMITS).verdict == "ineligible"  # not waived


# --- bars: 第六十五条, 第五十三条, 第十四条 ------------------------------------------------


def test_civil_servants_and_retirees_are_barred() -> None:
    assert rules.not_barred(applicant(civil_servant=True)).status == "missed"
    retired = applicant(retired_on=date(2026, 9, 15))  # the day of the application
    assert rules.not_barred(retired).status == "missed"
    assert rules.not_barred(applicant(retired_on=date(2026, 9, 16))).status == "met"


def test_five_years_after_fraud_to_the_day() -> None:
    a = applicant(revoked_on=(date(2021, 9, 16),))
    banned = rules.fraud_ban(a, LIMITS)  # applied 2026-09-15, free from 2026-09-16
    assert banned.status == "missed" and dict(banned.dates)["free_from"] == date(2026, 9, 16)
    assert rules.fraud_ban(attrs.evolve(a, revoked_on=(date(2021, 9, 15),)), LIMITS).met


def test_one_series_a_year() -> None:
    assert rules.one_series_per_year("甲", 2026, ["工程"]).met
    two = rules.one_series_per_year("甲", 2026, ["工程", "经济"])
    assert two.status == "missed" and two.citation.article == "第十四条"
    assert "同一年度只能申报一个系列" in two.message_zh


def test_from_row_reads_driver_values() -> None:
    row = (
        3, 7, "甲", 2026, "工程", "副高级", "评审", "工程", 1, 0, 0, 0, 0, None, None,
        None, "2026-09-15", "大学本科", "中级", "2020-12-20", "2011-07-01",
        '{"civil_servant": true, "retired": "2024-10-31"}',
    )  # fmt: skip
    a = Applicant.from_row(row, [Rating.from_row((7, 2025, "合格"))], [date(2023, 10, 20)])
    assert a.civil_servant and a.retired_on == date(2024, 10, 31)
    assert a.current_since == date(2020, 12, 20) and a.subject_matches is True
    assert a.ratings[0].grade is Grade.PASS and a.revoked_on == (date(2023, 10, 20),)
    assert Applicant.from_row((*row[:21], None)).civil_servant is False
