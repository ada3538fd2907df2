"""第二十二、二十三条 as pure rules: which terms count as a 届 (两年半 / 两年, at the day),
runs of consecutive terms in one post, the 届 a mid-term appointment belongs to, the day
two 届 are full, and the forecast's window at its edge."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.api import AppointedBy, EndReason, Post, Severity, Term, add_months, add_years
from plugins.cadre import tenure
from plugins.cadre.tenure import Limits

DAY = timedelta(days=1)
LIMITS = Limits()

CZ = Post(1, 1, 10, "rsc-cz", "人事处处长", "正处级", 1, 4, 2, "行政")
FCZ = Post(2, 1, 10, "rsc-fcz", "人事处副处长", "副处级", 2, 4, 2, "行政")
KZ = Post(3, 1, 11, "szk-kz", "师资科科长", "正科级", 1, 3, 2, "行政")
ZR = Post(4, 1, 12, "yjx-zr", "药剂学系主任", "正科级", 1, 3, 2, "教学")
BARE = Post(5, 1, 10, "rsc-x", "人事处副处长（未定任期）", "副处级", 1, None, None, "行政")

_ids = iter(range(1, 10_000))


def term(post: Post, start: str, end: str | None, person: int = 7) -> Term:
    return Term(
        next(_ids),
        1,
        post.id,
        person,
        date.fromisoformat(start),
        None if end is None else date.fromisoformat(end),
        AppointedBy.APPOINTMENT,
        end_reason=None if end is None else EndReason.TERM_EXPIRED,
    )


def run(
    post: Post,
    terms: list[Term],
    on: str,
    anchors: dict[int, tuple[date, ...]] | None = None,
    retentions: tuple[tenure.Retention, ...] = (),
) -> tenure.Tenure:
    found = tenure.tenure_of(
        7, post, terms, anchors or {}, date.fromisoformat(on), LIMITS, retentions
    )
    assert found is not None
    return found


# ----------------------------------------------------------------- 两年半 and 两年


def test_four_year_post_counts_from_exactly_two_and_a_half_years() -> None:
    start = date(2019, 1, 10)
    exactly = add_months(start, 30) - DAY  # last day: held 30 months
    assert tenure.held_months(start, exactly) == 30
    assert tenure.counts_as_term(start, exactly, 4, LIMITS)
    assert tenure.held_months(start, exactly - DAY) == 29
    assert not tenure.counts_as_term(start, exactly - DAY, 4, LIMITS)


def test_three_year_post_counts_from_exactly_two_years() -> None:
    start = date(2020, 7, 7)
    exactly = add_years(start, 2) - DAY  # 2022-07-06
    assert tenure.counts_as_term(start, exactly, 3, LIMITS)
    assert not tenure.counts_as_term(start, exactly - DAY, 3, LIMITS)
    # two and a half years would be needed in a four-year post
    assert not tenure.counts_as_term(start, exactly, 4, LIMITS)


def test_a_short_term_counts_its_years_but_no_term() -> None:
    # 周丽娟 in the demo: 2020-12-18 … 2023-01-09 is 24 months of a four-year 届.
    rows = tenure.term_rows(
        [term(FCZ, "2020-12-18", "2023-01-09")], FCZ, 4, (), date(2026, 11, 21), LIMITS
    )
    assert rows[0].held_months == 24 and not rows[0].counts and rows[0].consecutive == 0
    assert rows[0].citation == tenure.COUNTS_FOUR
    assert rows[0].as_dict()["held"] == "2年"


def test_term_length_from_the_post_else_by_rank() -> None:
    assert tenure.term_years_of(KZ, LIMITS) == 3
    assert tenure.term_years_of(BARE, LIMITS) == 4  # 副处级 with no term_years: 处级 four years
    assert tenure.term_years_of(BARE, Limits(division_years=5)) == 5
    other = Post(6, 1, 10, "x", "干事", "干事", 3, None, None, "行政")
    assert tenure.term_years_of(other, LIMITS) is None
    assert tenure.max_terms_of(BARE, Limits(max_consecutive=3)) == 3


# ------------------------------------------------------------------ the 届 in progress


def test_renewal_days_are_the_organizations_换届() -> None:
    terms = [
        term(CZ, "2019-01-10", "2023-01-09", person=1),
        term(CZ, "2023-01-10", None, person=1),  # re-appointed the next day: a 换届
        term(FCZ, "2024-06-20", None, person=2),  # a mid-term appointment: no 换届
    ]
    assert tenure.cycle_starts(terms, {1: 4, 2: 4}) == {4: (date(2023, 1, 10),)}


def test_a_mid_term_appointment_ends_with_its_届() -> None:
    anchors = (date(2019, 1, 10), date(2023, 1, 10))
    assert tenure.scheduled_end(date(2024, 6, 20), 4, anchors) == date(2027, 1, 9)
    assert tenure.scheduled_end(date(2023, 1, 10), 4, anchors) == date(2027, 1, 9)
    assert tenure.scheduled_end(date(2027, 3, 1), 4, anchors) == date(2031, 1, 9)  # next cycle
    assert tenure.scheduled_end(date(2024, 6, 20), 4, ()) == date(2028, 6, 19)  # none on record


# -------------------------------------------------------------------- runs in a post


def test_reappointment_continues_the_run_a_gap_breaks_it() -> None:
    both = [
        term(CZ, "2015-01-10", "2019-01-09"),
        term(CZ, "2019-01-10", "2023-01-09"),
        term(CZ, "2023-01-10", None),
    ]
    assert run(CZ, both, "2026-11-21").terms == 3
    gap = [
        term(CZ, "2015-01-10", "2019-01-08"),
        term(CZ, "2019-01-10", "2023-01-09"),
        term(CZ, "2023-01-10", None),
    ]
    assert run(CZ, gap, "2026-11-21").terms == 2  # one day out of the post starts anew


def test_another_post_between_breaks_the_run() -> None:
    terms = [
        term(CZ, "2011-01-10", "2015-01-09"),
        term(FCZ, "2015-01-10", "2019-01-09"),
        term(CZ, "2019-01-10", "2023-01-09"),
        term(CZ, "2023-01-10", None),
    ]
    current = run(CZ, terms, "2026-11-21")
    assert current.terms == 2 and [r.start.year for r in current.rows] == [2019, 2023]


# ------------------------------------------------------- 满两届: the day before and of


def two_terms() -> list[Term]:
    return [term(CZ, "2019-01-10", "2023-01-09"), term(CZ, "2023-01-10", None)]


def test_two_terms_are_full_on_the_last_day_of_the_second() -> None:
    current = run(CZ, two_terms(), "2026-11-21")
    assert current.limit_date == date(2027, 1, 9) and current.over == 0
    (before,) = tenure.forecast(
        [run(CZ, two_terms(), "2027-01-08")], {7: "甲"}, date(2027, 1, 8), 6, LIMITS
    )
    assert before.state == "ahead" and before.severity is Severity.WARNING
    (of,) = tenure.forecast(
        [run(CZ, two_terms(), "2027-01-09")], {7: "甲"}, date(2027, 1, 9), 6, LIMITS
    )
    assert of.state == "reached" and of.severity is Severity.DUE
    assert of.due == "交流" and of.body == "党委全委会" and of.citation == tenure.EXCHANGE
    assert of.finding().due == date(2027, 1, 9) and of.finding().citation == tenure.EXCHANGE


def test_a_third_term_without_a_vote_is_a_violation() -> None:
    terms = [term(CZ, "2015-01-10", "2019-01-09"), *two_terms()]
    (item,) = tenure.forecast(
        [run(CZ, terms, "2026-11-21")], {7: "王立新"}, date(2026, 11, 21), 6, LIMITS
    )
    assert item.state == "over" and item.severity is Severity.VIOLATION
    assert item.limit_date == date(2023, 1, 9) and "党委全委会" in item.message_zh


def test_a_passed_vote_keeps_them_one_more_term() -> None:
    kept = (tenure.Retention(7, CZ.id, date(2022, 11, 30), "党委全委会", True),)
    terms = [term(CZ, "2015-01-10", "2019-01-09"), *two_terms()]
    current = run(CZ, terms, "2026-11-21", retentions=kept)
    assert current.limit == 3 and current.over == 0 and current.limit_date == date(2027, 1, 9)
    failed = (tenure.Retention(7, CZ.id, date(2022, 11, 30), "党委全委会", False),)
    assert run(CZ, terms, "2026-11-21", retentions=failed).over == 1
    far = run(CZ, two_terms(), "2026-11-21", retentions=kept)  # kept ahead of the limit
    (item,) = tenure.forecast([far], {7: "甲"}, date(2026, 11, 21), 6, LIMITS)
    assert item.state == "retained" and item.severity is Severity.INFO
    assert item.limit_date == date(2031, 1, 9)


# ---------------------------------------------------------------- the forecast window


def test_the_window_includes_a_limit_exactly_n_months_ahead() -> None:
    on = add_months(date(2027, 1, 9), -6)  # 2026-07-09
    current = run(CZ, two_terms(), on.isoformat())
    assert [i.state for i in tenure.forecast([current], {}, on, 6, LIMITS)] == ["ahead"]
    later = on - DAY  # the limit is now six months and a day ahead
    current = run(CZ, two_terms(), later.isoformat())
    assert tenure.forecast([current], {}, later, 6, LIMITS) == []


def test_section_chiefs_rotate_others_are_not_forecast() -> None:
    terms = [term(KZ, "2020-07-07", "2023-07-06"), term(KZ, "2023-07-07", None)]
    (item,) = tenure.forecast(
        [run(KZ, terms, "2026-03-01")], {7: "乙"}, date(2026, 3, 1), 6, LIMITS
    )
    assert item.due == "岗位轮换" and item.body is None and item.citation == tenure.ROTATION
    assert item.limit_date == date(2026, 7, 6)
    chair = [term(ZR, "2020-07-07", "2023-07-06"), term(ZR, "2023-07-07", None)]
    assert tenure.forecast([run(ZR, chair, "2026-03-01")], {}, date(2026, 3, 1), 6, LIMITS) == []
    with_teaching = Limits(rotation_categories=frozenset({"行政", "教学"}))
    assert tenure.duty_of(ZR, with_teaching) == ("岗位轮换", tenure.ROTATION)


def test_a_short_current_term_pushes_the_projected_limit() -> None:
    # 马志远: exchanged mid-term into a post; that stretch will not be a 届.
    terms = [term(FCZ, "2025-04-01", None)]
    current = run(FCZ, terms, "2026-11-21", {4: (date(2023, 1, 10),)})
    assert current.terms == 0 and current.limit_date == date(2035, 1, 9)


@pytest.mark.parametrize(
    "rank, years", [("正处级", 4), ("副处级", 4), ("正科级", 3), ("副科级", 3)]
)
def test_fallback_term_years_by_rank(rank: str, years: int) -> None:
    post = Post(9, 1, 10, "p", "某职", rank, 1, None, None, "行政")
    assert tenure.term_years_of(post, LIMITS) == years
