"""Certifying a result (确认当选): every constraint that fails blocks with a finding
citing its clause; nothing blocks a result that meets them all."""

from __future__ import annotations

import pytest

from core.api import Finding, Gender, Relation, Severity
from plugins.elections.rules import KinshipPair, certify, check_setup, decide_election
from plugins.elections.values import (
    Certification,
    ElectionResult,
    Office,
    Round,
    TallySheet,
)

from .helpers import (
    PRESIDIUM,
    UNION,
    UNION_CANDIDATES,
    VILLAGE,
    another,
    sheet,
    union_election,
    union_round,
    village_election,
    village_round,
)

A, B, C, D, E = UNION_CANDIDATES
MEMBERS = ("张", "王", "李", "赵", "钱")
ELECTED = {"主任": {"张": 60}, "副主任": {"王": 60}, "委员": {"李": 60, "赵": 60, "钱": 60}}
WOMAN_AMONG_THEM: dict[str, Gender | str] = {
    "张": "男",
    "王": Gender.FEMALE,
    "李": "男",
    "赵": Gender.MALE,
    "钱": "男",
}


def village_result(votes: dict[str, dict[str, int]] = ELECTED) -> ElectionResult:
    return decide_election(
        VILLAGE, village_election(), [(village_round(100), sheet(1, 100, votes))]
    )


def rule_ids(certification: Certification, severity: Severity | None = None) -> list[str]:
    return [f.rule_id for f in certification.findings if severity is None or f.severity is severity]


def only(certification: Certification, rule_id: str) -> Finding:
    found = [f for f in certification.findings if f.rule_id == rule_id]
    assert len(found) == 1, certification.findings
    return found[0]


def test_a_village_committee_that_meets_every_rule_is_certifiable() -> None:
    result = village_result()
    assert result.members == MEMBERS
    certification = certify(VILLAGE, result, genders=WOMAN_AMONG_THEM)
    assert certification.findings == ()
    assert certification.certifiable


# -- 村委会成员中应当至少有一名妇女 ----------------------------------------------------------


def test_no_woman_among_the_members_blocks() -> None:
    men = dict.fromkeys(MEMBERS, Gender.MALE)
    certification = certify(VILLAGE, village_result(), genders=men)
    finding = only(certification, "elections.women")
    assert finding.severity is Severity.VIOLATION
    assert finding.citation.words == "村委会成员中应当至少有一名妇女"
    assert not certification.certifiable


def test_exactly_one_woman_is_enough() -> None:
    one = {**dict.fromkeys(MEMBERS, "男"), "钱": "女"}
    assert certify(VILLAGE, village_result(), genders=one).certifiable


def test_an_unknown_gender_cannot_stand_for_the_woman_required() -> None:
    unknown = {"张": "男", "王": "男", "李": "男"}
    finding = only(certify(VILLAGE, village_result(), genders=unknown), "elections.women")
    assert "赵、钱性别未知" in finding.message_zh
    # A known woman is enough whatever the others are.
    assert certify(VILLAGE, village_result(), genders={"李": "女"}).certifiable


def test_the_union_requires_no_woman() -> None:
    result = decide_election(
        UNION,
        union_election(),
        [(union_round(160), sheet(1, 160, {PRESIDIUM: {A: 90, B: 90, C: 90}}))],
    )
    assert certify(UNION, result, genders=dict.fromkeys((A, B, C), "男")).certifiable


# -- 成员之间不得有夫妻、父母、子女、兄弟、姐妹关系 -------------------------------------------


@pytest.mark.parametrize("relation", ["夫妻", Relation.SPOUSE, "父母", "子女", "兄弟", "姐妹"])
def test_close_kin_among_the_members_blocks(relation: Relation | str) -> None:
    certification = certify(
        VILLAGE, village_result(), genders=WOMAN_AMONG_THEM, kinship=[("张", "王", relation)]
    )
    finding = only(certification, "elections.kinship")
    assert finding.severity is Severity.VIOLATION
    assert finding.citation.words == "成员之间不得有夫妻、父母、子女、兄弟、姐妹关系"
    assert not certification.certifiable


@pytest.mark.parametrize("relation", [Relation.LINEAL, Relation.COLLATERAL_3])
def test_a_coarse_record_of_kinship_is_flagged_for_checking_not_refused(relation: Relation) -> None:
    # 直系血亲 may be 父母/子女 or 祖孙; 三代以内旁系血亲 may be 兄弟姐妹 or cousins.
    certification = certify(
        VILLAGE, village_result(), genders=WOMAN_AMONG_THEM, kinship=[("李", "赵", relation)]
    )
    assert only(certification, "elections.kinship").severity is Severity.WARNING
    assert certification.certifiable


def test_kin_of_someone_not_elected_do_not_matter() -> None:
    kin: list[KinshipPair] = [
        ("张", "周", "夫妻"),
        ("周", "吴", Relation.SPOUSE),
        ("张", "张", "夫妻"),
    ]
    certification = certify(VILLAGE, village_result(), genders=WOMAN_AMONG_THEM, kinship=kin)
    assert certification.findings == ()


# -- the body's size: 村委会成员不少于3人，不超过7人; 主席团成员不超过3人 ----------------


@pytest.mark.parametrize(("members", "fine"), [(2, False), (3, True), (7, True), (8, False)])
def test_the_village_committee_has_three_to_seven_seats(members: int, fine: bool) -> None:
    election = village_election(offices=(Office("主任", 1), Office("委员", members - 1)))
    findings = check_setup(VILLAGE, election)
    assert (findings == ()) is fine
    if not fine:
        assert findings[0].rule_id == "elections.seat-range"
        assert findings[0].citation.words == "村委会成员不少于3人,不超过7人"


@pytest.mark.parametrize(("seats", "fine"), [(3, True), (4, False)])
def test_the_presidium_has_at_most_three_seats(seats: int, fine: bool) -> None:
    findings = check_setup(UNION, union_election(seats=seats))
    assert (findings == ()) is fine


def test_fewer_members_elected_than_the_body_needs_blocks() -> None:
    two = {"主任": {"张": 60}, "副主任": {"王": 60}, "委员": {}}
    certification = certify(VILLAGE, village_result(two), genders=WOMAN_AMONG_THEM)
    assert "elections.seat-range" in rule_ids(certification, Severity.VIOLATION)
    assert "elections.not-ended" in rule_ids(certification, Severity.DUE)
    assert not certification.certifiable


# -- 差额选举 and those who count ----------------------------------------------------------


def test_a_union_election_with_no_more_candidates_than_seats_is_not_contested() -> None:
    uncontested = check_setup(UNION, union_election(candidates=(A, B, C)))
    assert [f.rule_id for f in uncontested] == ["elections.contested"]
    assert uncontested[0].citation.words == "选举采用无记名投票方式差额选举"
    assert check_setup(UNION, union_election(candidates=(A, B, C, D))) == ()
    # The village's 无候选人选举 prints no names at all.
    assert check_setup(VILLAGE, village_election()) == ()


def test_a_candidate_who_counted_the_ballots_blocks() -> None:
    tally = sheet(1, 160, {PRESIDIUM: {A: 90, B: 90, C: 90}}, scrutineers=("监票人", E))
    result = decide_election(UNION, union_election(), [(union_round(160), tally)])
    certification = certify(UNION, result)
    finding = only(certification, "elections.staff")
    assert finding.citation.words == "所有选举工作人员必须是非委员候选人"
    assert E in finding.message_zh and not certification.certifiable


def test_a_stray_write_in_for_a_teller_does_not_make_them_a_candidate() -> None:
    votes = {"主任": {"张": 60, "计票员": 1}, **{k: ELECTED[k] for k in ("副主任", "委员")}}
    tally = TallySheet(
        1, 100, sheet(1, 100, votes).offices, {}, ("监票员",), ("计票员",), ("唱票员",)
    )
    result = decide_election(VILLAGE, village_election(), [(village_round(100), tally)])
    assert certify(VILLAGE, result, genders=WOMAN_AMONG_THEM).certifiable


# -- an election that has not ended --------------------------------------------------------


def test_a_pending_re_vote_blocks() -> None:
    tally = sheet(1, 160, {PRESIDIUM: {C: 120, A: 100, B: 90, D: 90}})
    result = decide_election(UNION, union_election(), [(union_round(160), tally)])
    finding = only(certify(UNION, result), "elections.not-ended")
    assert finding.severity is Severity.DUE
    assert finding.citation.words.endswith("应对相等者重新选举")


def test_a_void_vote_blocks() -> None:
    result = decide_election(VILLAGE, village_election(), [(village_round(101, issued=100), None)])
    certification = certify(VILLAGE, result)
    assert only(certification, "elections.not-ended").severity is Severity.DUE
    assert not certification.certifiable


def test_no_vote_yet_blocks() -> None:
    assert not certify(UNION, decide_election(UNION, union_election(), [])).certifiable


def union_incomplete() -> ElectionResult:
    first = (union_round(160), sheet(1, 160, {PRESIDIUM: {C: 120, A: 81, B: 80, D: 30, E: 10}}))
    office = another(PRESIDIUM, 1, (B, D))
    second = (union_round(160, number=2, office=office), sheet(2, 160, {PRESIDIUM: {B: 80}}))
    return decide_election(UNION, union_election(), [first, second])


def test_an_incomplete_presidium_waits_for_the_congress_presidium() -> None:
    finding = only(certify(UNION, union_incomplete()), "elections.round-limit")
    assert finding.severity is Severity.DUE
    assert finding.message_zh.endswith("由大会主席团讨论裁定")


def village_after_three_votes(first: dict[str, dict[str, int]]) -> ElectionResult:
    rounds: list[tuple[Round, TallySheet | None]] = []
    offices = village_election().offices
    for number in (1, 2, 3):
        votes = first if number == 1 else {o.name: {} for o in offices}
        rounds.append(
            (village_round(100, number=number, offices=offices), sheet(number, 100, votes))
        )
        offices = decide_election(VILLAGE, village_election(), rounds).next_offices
    return decide_election(VILLAGE, village_election(), rounds)


def test_three_or_more_elected_after_the_last_vote_can_form_the_committee() -> None:
    no_head = {"主任": {"张": 40, "周": 30}, **{k: ELECTED[k] for k in ("副主任", "委员")}}
    result = village_after_three_votes(no_head)
    assert len(result.members) == 4
    certification = certify(VILLAGE, result, genders=WOMAN_AMONG_THEM)
    assert only(certification, "elections.round-limit").severity is Severity.WARNING
    assert certification.certifiable


def test_fewer_than_three_after_the_last_vote_calls_for_another_election() -> None:
    two = {"主任": {"张": 60}, "副主任": {"王": 60}, "委员": {"李": 40, "赵": 30, "钱": 20}}
    result = village_after_three_votes(two)
    assert result.members == ("张", "王")
    certification = certify(VILLAGE, result, genders=WOMAN_AMONG_THEM)
    finding = only(certification, "elections.round-limit")
    assert finding.severity is Severity.DUE
    assert finding.message_zh.endswith("应当在3个月之内对不足的名额另行选举")
    assert "elections.seat-range" in rule_ids(certification, Severity.VIOLATION)
