"""The selection procedure's pure rules at their boundaries (第十二–二十一条, 第三十四条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from core.api import Finding, InvalidInput, Severity
from plugins.cadre import procedure as p
from plugins.cadre.procedure import MotionKind, MotionRule, Stage
from plugins.cadre.vocabulary import Method, Rank, cite

D = date


# ---------------------------------------------------------------- stage order


def test_decision_without_a_motion_is_ad_hoc() -> None:
    done = {Stage.RECOMMENDATION: D(2026, 5, 1), Stage.INSPECTION: D(2026, 6, 1)}
    refusal = p.order_refusal(Method.ORGANIZATION, done, Stage.DECISION, D(2026, 7, 1))
    assert refusal is not None
    assert refusal.citation.article == "第三十四条（十一）"
    assert "临时动议" in refusal.message_zh


def test_skipping_inspection_is_refused() -> None:
    done = {Stage.MOTION: D(2026, 4, 2), Stage.RECOMMENDATION: D(2026, 5, 1)}
    refusal = p.order_refusal(Method.ORGANIZATION, done, Stage.DECISION, D(2026, 7, 1))
    assert refusal is not None and refusal.citation == p.PROCEDURE
    assert "考察" in refusal.message_zh
    assert p.order_refusal(Method.ORGANIZATION, done, Stage.INSPECTION, D(2026, 6, 1)) is None


def test_going_back_after_a_later_stage_is_refused() -> None:
    done = {s: D(2026, 4, 2) for s in (Stage.MOTION, Stage.RECOMMENDATION, Stage.INSPECTION)}
    refusal = p.order_refusal(Method.ORGANIZATION, done, Stage.RECOMMENDATION, D(2026, 6, 1))
    assert refusal is not None and refusal.rule_id == "cadre.case.stage-late"


def test_per_person_stages_repeat_after_later_ones() -> None:
    done = {
        s: D(2026, 4, 2)
        for s in (Stage.MOTION, Stage.RECOMMENDATION, Stage.INSPECTION, Stage.DECISION)
    } | {Stage.NOTICE: D(2026, 4, 3)}
    assert p.order_refusal(Method.ORGANIZATION, done, Stage.DECISION, D(2026, 4, 5)) is None


def test_a_stage_dated_before_the_one_it_follows_is_refused() -> None:
    done = {Stage.MOTION: D(2026, 4, 10)}
    refusal = p.order_refusal(Method.ORGANIZATION, done, Stage.RECOMMENDATION, D(2026, 4, 9))
    assert refusal is not None and refusal.rule_id == "cadre.case.stage-date"
    assert p.order_refusal(Method.ORGANIZATION, done, Stage.RECOMMENDATION, D(2026, 4, 10)) is None


def test_open_selection_has_its_own_stages() -> None:
    assert p.order_refusal(Method.OPEN, {}, Stage.RECOMMENDATION, D(2026, 4, 1)) is not None
    done = {Stage.MOTION: D(2026, 4, 1), Stage.PUBLICATION: D(2026, 4, 2)}
    assert p.order_refusal(Method.OPEN, done, Stage.TESTING, D(2026, 4, 9)) is not None
    done[Stage.REGISTRATION] = D(2026, 4, 5)
    # 竞争上岗 may hold 民主推荐 before the tests, not after them.
    assert p.order_refusal(Method.COMPETITION, done, Stage.RECOMMENDATION, D(2026, 4, 9)) is None
    done[Stage.TESTING] = D(2026, 4, 9)
    late = p.order_refusal(Method.COMPETITION, done, Stage.RECOMMENDATION, D(2026, 4, 10))
    assert late is not None and late.citation == p.PROCEDURE


# ---------------------------------------------------------------- 动议


def test_regular_motion_in_april_ok_may_refused() -> None:
    assert p.motion_refusal(MotionKind.REGULAR, D(2026, 4, 30), [], True) is None
    refusal = p.motion_refusal(MotionKind.REGULAR, D(2026, 5, 1), [], True)
    assert refusal is not None and refusal.citation == p.REGULAR_MOTION
    assert p.motion_refusal(MotionKind.REGULAR, D(2026, 10, 1), [], True) is None


def test_individual_motions_exactly_two_months_apart() -> None:
    assert p.motion_refusal(MotionKind.INDIVIDUAL, D(2026, 5, 15), [D(2026, 3, 15)], True) is None
    refusal = p.motion_refusal(MotionKind.INDIVIDUAL, D(2026, 5, 14), [D(2026, 3, 15)], True)
    assert refusal is not None and refusal.rule_id == "cadre.motion.individual-interval"
    # measured both ways: a back-dated entry too close to a later one
    assert p.motion_refusal(MotionKind.INDIVIDUAL, D(2026, 1, 16), [D(2026, 3, 15)], True)


def test_third_individual_motion_in_a_year_refused() -> None:
    earlier = [D(2026, 2, 1), D(2026, 5, 1)]
    refusal = p.motion_refusal(MotionKind.INDIVIDUAL, D(2026, 9, 1), earlier, True)
    assert refusal is not None and refusal.rule_id == "cadre.motion.individual-count"
    assert refusal.citation == p.INDIVIDUAL_MOTION
    # the next calendar year starts afresh
    assert p.motion_refusal(MotionKind.INDIVIDUAL, D(2027, 1, 5), earlier, True) is None
    # parameters: three a year, one month apart
    rule = MotionRule(per_year=3, interval_months=1)
    assert p.motion_refusal(MotionKind.INDIVIDUAL, D(2026, 6, 1), earlier, True, rule) is None


def test_a_motion_must_consult() -> None:
    refusal = p.motion_refusal(MotionKind.GENERAL, D(2026, 4, 1), [], False)
    assert refusal is not None and refusal.citation == p.MOTION_CONSULT


# ---------------------------------------------------------------- 民主推荐


def test_recommendation_valid_on_day_365_expired_on_366() -> None:
    held = D(2025, 3, 10)
    assert p.recommendation_valid_until(held) == D(2026, 3, 10)  # day 365
    assert p.recommendation_refusal("甲", held, D(2026, 3, 10)) is None
    refusal = p.recommendation_refusal("甲", held, D(2026, 3, 11))  # day 366
    assert refusal is not None and refusal.citation == p.RECOMMENDATION_VALID


def test_no_recommendation_no_popular_basis() -> None:
    refusal = p.recommendation_refusal("甲", None, D(2026, 3, 11))
    assert refusal is not None and refusal.citation == p.POPULAR_BASIS


def test_scatter_hint_is_nobody_above_half() -> None:
    assert p.scatter_hint({1: 20, 2: 20, 3: 10}, 50)  # 20 of 50
    assert p.scatter_hint({1: 25, 2: 25}, 50)  # exactly half is not above half
    assert not p.scatter_hint({1: 26, 2: 24}, 50)


def test_second_round_among_the_first_rounds_candidates() -> None:
    assert p.second_round_refusal([], [1]) is not None
    assert p.second_round_refusal([1, 2, 3], [1, 2]) is None
    refusal = p.second_round_refusal([1, 2, 3], [1, 4])
    assert refusal is not None and refusal.citation == p.SECOND_ROUND


# ---------------------------------------------------------------- 考察


def test_exclusions_of_article_15() -> None:
    on = D(2026, 6, 1)
    clean = p.CandidateFacts(1, "甲", ratings=((2022, "不称职"), (2025, "称职")))
    assert p.exclusions(clean, on) == []  # 2022 is outside 2023–2026
    facts = p.CandidateFacts(
        2,
        "乙",
        ratings=((2023, "基本称职"),),
        family_emigrated=True,
        sanctions=(
            p.Sanction("诫勉", D(2025, 1, 1), D(2026, 6, 1), True),
            p.Sanction("党内警告", D(2024, 1, 1), D(2025, 1, 1), True),
            p.Sanction("通报", D(2026, 1, 1), None, False),
        ),
        eligible=False,
        missed=("正科级任职不满3年",),
    )
    found = p.exclusions(facts, on)
    assert [r.citation for r in found] == [
        p.EXCLUSION_RATING,
        p.EXCLUSION_EMIGRATED,
        p.EXCLUSION_SANCTION,
        p.INSPECTION_BASIS,
    ]
    # the sanction's effect ends on its `until` day: the day after it no longer excludes
    later = p.exclusions(attrs_evolve(facts), D(2026, 6, 2))
    assert p.EXCLUSION_SANCTION not in [r.citation for r in later]


def attrs_evolve(facts: p.CandidateFacts) -> p.CandidateFacts:
    import attrs

    return attrs.evolve(facts, family_emigrated=False, eligible=True, ratings=())


def test_team_of_two_without_kin() -> None:
    assert p.team_refusals([10, 11], [1, 2], []) == []
    assert [r.citation for r in p.team_refusals([10], [1], [])] == [p.TEAM]
    kin = p.team_refusals([10, 11], [1, 2], [(2, 11)])
    assert [r.citation for r in kin] == [p.TEAM_WITHDRAWAL]
    with pytest.raises(InvalidInput):
        p.team_refusals([10, 10], [1], [])


def test_candidates_should_outnumber_posts() -> None:
    warning = p.candidates_outnumber_posts(1, 1, "case 1")
    assert isinstance(warning, Finding) and warning.severity is Severity.WARNING
    assert warning.citation == p.OUTNUMBER
    assert p.candidates_outnumber_posts(2, 1, "case 1") is None


def test_four_checks_by_rank_and_unit() -> None:
    assert p.required_checks(Rank.DEPUTY_DIVISION, False, True) == tuple(p.CheckKind)
    assert p.required_checks(Rank.SECTION, True, True) == (
        p.CheckKind.FILE,
        p.CheckKind.PERSONAL_MATTERS,
    )
    assert p.required_checks(Rank.SECTION, False, True) == ()
    assert p.required_checks(Rank.DIVISION, False, False) == ()
    refusal = p.missing_checks("甲", tuple(p.CheckKind), [p.CheckKind.FILE])
    assert refusal is not None and refusal.citation == p.FOUR_CHECKS
    assert p.missing_checks("甲", [p.CheckKind.FILE], [p.CheckKind.FILE]) is None
    assert p.personnel_unit(["干部科", "党委组织部"]) and not p.personnel_unit(["药学院"])


# ---------------------------------------------------------------- 任职


def facts(**changes: Any) -> p.AppointmentFacts:
    import attrs

    base = p.AppointmentFacts(
        name="甲",
        post="药学院副院长",
        rank=Rank.DEPUTY_DIVISION,
        on=D(2026, 10, 20),
        decided_on=D(2026, 9, 20),
        promotion=True,
        notice_end=D(2026, 10, 15),
        notice_affects=False,
        talks=(p.TalkKind.APPOINTMENT, p.TalkKind.INTEGRITY),
        probation_until=None,
        serving=2,
        headcount=3,
    )
    return attrs.evolve(base, **changes)


def test_appointment_when_everything_is_in_place() -> None:
    assert p.appointment_refusals(facts()) == []


def test_over_headcount_refused() -> None:
    (refusal,) = p.appointment_refusals(facts(serving=3))
    assert refusal.citation == p.OVER_HEADCOUNT and "超职数" in refusal.message_zh


def test_probation_forbids_a_post_change() -> None:
    (refusal,) = p.appointment_refusals(facts(probation_until=D(2026, 10, 20)))
    assert refusal.citation == p.PROBATION_NO_MOVE
    assert p.appointment_refusals(facts(probation_until=D(2026, 10, 19))) == []


def test_notice_must_have_ended_and_talks_held() -> None:
    (refusal,) = p.appointment_refusals(facts(on=D(2026, 10, 15)))
    assert refusal.rule_id == "cadre.appointment.notice-running"
    (refusal,) = p.appointment_refusals(facts(notice_end=None))
    assert refusal.rule_id == "cadre.appointment.no-notice"
    assert p.appointment_refusals(facts(notice_end=None, promotion=False)) == []
    (refusal,) = p.appointment_refusals(facts(talks=(p.TalkKind.APPOINTMENT,)))
    assert refusal.citation == p.TALKS and "廉政谈话" in refusal.message_zh
    assert p.appointment_refusals(facts(rank=Rank.SECTION, talks=(p.TalkKind.APPOINTMENT,))) == []


def test_no_decision_no_appointment() -> None:
    (refusal,) = p.appointment_refusals(facts(decided_on=None))
    assert refusal.citation == p.AD_HOC


def test_avoidance_violation_refuses() -> None:
    where = cite("第二十四条", "实行干部任职回避制度")
    finding = Finding(Severity.VIOLATION, "cadre.avoidance", "甲", where, "回避", "avoid")
    note = Finding(Severity.WARNING, "cadre.avoidance", "甲", where, "留意", "note")
    (refusal,) = p.appointment_refusals(facts(avoidance=(finding, note)))
    assert refusal.citation == where


def test_probation_is_one_year_to_the_day_before_the_anniversary() -> None:
    assert p.probation_end(D(2026, 9, 20)) == D(2027, 9, 19)
    assert p.probation_end(D(2024, 2, 29)) == D(2025, 2, 27)
    assert p.required_talks(Rank.SECTION) == (p.TalkKind.APPOINTMENT,)


def test_stage_and_kinds_parse() -> None:
    assert Stage.parse("考察") is Stage.INSPECTION
    assert p.parse_vocabulary(MotionKind, "kind", "个别") is MotionKind.INDIVIDUAL
    with pytest.raises(InvalidInput):
        p.parse_vocabulary(MotionKind, "kind", "临时")


def test_parameters_apply_from_the_publication() -> None:
    from plugins.cadre import parameters

    assert p.EFFECTIVE == parameters.FROM
    keys = {s.key for s in parameters.SPECS}
    assert {s.key for s in p.SPECS} <= keys
    for spec in p.SPECS:
        spec.validate("cadre")


def test_a_motion_is_held_once() -> None:
    done = {Stage.MOTION: D(2026, 4, 2)}
    refusal = p.order_refusal(Method.ORGANIZATION, done, Stage.MOTION, D(2026, 4, 3))
    assert refusal is not None and refusal.rule_id == "cadre.case.stage-twice"
