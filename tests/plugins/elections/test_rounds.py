"""Deciding a vote and an election: every quorum, threshold, tie and further round at
its boundary, as each rule set words it."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.api import Base, Comparison, InvalidInput
from plugins.elections.rules import decide_election, decide_round, next_candidates
from plugins.elections.values import (
    Election,
    ElectorateKind,
    InvalidReason,
    Office,
    Outcome,
    Round,
    RoundResult,
    Step,
    TallySheet,
    VoteKind,
)

from .helpers import (
    DELEGATES,
    PRESIDIUM,
    UNION,
    UNION_CANDIDATES,
    VILLAGE,
    another,
    revote,
    sheet,
    union_election,
    union_round,
    village_election,
    village_round,
)

A, B, C, D, E = UNION_CANDIDATES


def step(result: RoundResult, rule_id: str, name: str | None = None) -> Step:
    """The one step with ``rule_id`` (and naming ``name``, if given)."""
    found = [
        s
        for s in result.steps
        if s.rule_id == rule_id and (name is None or s.what_zh.startswith(name))
    ]
    assert len(found) == 1, [s.what_zh for s in result.steps]
    return found[0]


def decide_union(present: int, votes: dict[str, int], returned: int | None = None) -> RoundResult:
    round_ = union_round(present, returned=returned)
    tally = sheet(1, round_.ballots_returned, {PRESIDIUM: votes})
    return decide_round(UNION, union_election(), round_, tally)


# -- the union's quorums: 三分之二以上 to meet, 五分之四以上 to elect ---------------------


def test_the_congress_meets_with_exactly_two_thirds_of_its_delegates() -> None:
    # 189 × 2/3 = 126.
    met = decide_round(UNION, union_election(), union_round(126), None)
    short = decide_round(UNION, union_election(), union_round(125), None)
    assert step(met, "elections.convene").met is True
    assert step(met, "elections.convene").needed == 126
    assert short.outcome is Outcome.NOT_HELD
    assert [s.rule_id for s in short.steps] == ["elections.convene"]


def test_the_election_proceeds_with_exactly_four_fifths_present() -> None:
    election = union_election(electorate=100)
    at = union_round(80)
    below = union_round(79)
    held = decide_round(UNION, election, at, sheet(1, 80, {PRESIDIUM: {A: 80, B: 80, C: 80}}))
    not_held = decide_round(UNION, election, below, None)
    assert step(held, "elections.presence").met is True
    assert held.outcome is Outcome.COMPLETE
    assert not_held.outcome is Outcome.NOT_HELD
    presence = step(not_held, "elections.presence")
    assert (presence.met, presence.needed, presence.base_size) == (False, 80, 100)
    assert presence.threshold is not None and presence.threshold.base is Base.ALL_MEMBERS
    assert presence.citation.words.startswith("大会选举必须有五分之四以上的正式代表出席")


def test_189_delegates_need_152_present_to_elect() -> None:
    assert decide_round(UNION, union_election(), union_round(151), None).outcome is Outcome.NOT_HELD
    result = decide_union(152, {A: 100, B: 100, C: 100})
    assert step(result, "elections.presence").needed == 152


def test_more_ballots_returned_than_delegates_present_voids_the_union_vote() -> None:
    void = decide_round(UNION, union_election(), union_round(160, returned=161), None)
    assert void.outcome is Outcome.VOID
    assert step(void, "elections.returned").met is False
    assert void.next_offices == union_round(160).offices  # 应重新选举: the same vote again
    held = decide_union(160, {A: 100, B: 100, C: 100}, returned=160)
    assert step(held, "elections.returned").met is True


# -- the union's majority: 超过实到会议代表半数 -----------------------------------------


def test_exactly_half_of_those_present_is_not_more_than_half() -> None:
    result = decide_union(160, {C: 120, A: 81, B: 80, D: 30, E: 10})
    assert result.offices[0].elected == (C, A)
    assert step(result, "elections.threshold", B).met is False
    at_81 = step(result, "elections.threshold", A)
    assert (at_81.met, at_81.needed, at_81.base_size) == (True, 81, 160)
    assert at_81.threshold is not None
    assert at_81.threshold.comparison is Comparison.MORE_THAN
    assert at_81.threshold.base is Base.PRESENT


def test_an_unfilled_union_seat_goes_to_a_further_round_with_one_more_candidate() -> None:
    result = decide_union(160, {C: 120, A: 81, B: 80, D: 30, E: 10})
    assert result.outcome is Outcome.NEXT_VOTE
    assert result.offices[0].unfilled == 1
    assert result.next_offices == (another(PRESIDIUM, 1, (B, D)),)
    assert step(result, "elections.unfilled").citation.words.endswith("按不足名额另行选举")


# -- the village's quorum and majority: 半数以上 (the file, not the law's 过半数) -----------


def decide_village(
    took_part: int, votes: dict[str, dict[str, int]], issued: int | None = None
) -> RoundResult:
    round_ = village_round(took_part, issued=issued)
    tally = sheet(round_.number, round_.ballots_returned, votes)
    return decide_round(VILLAGE, village_election(), round_, tally)


FULL = {"主任": {"张": 60}, "副主任": {"王": 60}, "委员": {"李": 60, "赵": 60, "钱": 60}}


def test_exactly_half_of_the_registered_voters_taking_part_makes_the_vote_valid() -> None:
    half = {"主任": {"张": 25}, "副主任": {"王": 25}, "委员": {"李": 25, "赵": 25, "钱": 25}}
    valid = decide_village(50, half)
    assert step(valid, "elections.participation").met is True
    assert valid.outcome is Outcome.COMPLETE
    void = decide_round(VILLAGE, village_election(), village_round(49), None)
    assert void.outcome is Outcome.VOID
    participation = step(void, "elections.participation")
    assert (participation.needed, participation.base_size) == (50, 100)


def test_exactly_half_of_those_who_took_part_elects_in_the_village() -> None:
    votes = {
        "主任": {"张": 50, "周": 49},
        "副主任": {"王": 49},
        "委员": {"李": 50, "赵": 50, "钱": 49},
    }
    result = decide_village(100, votes)
    elected = {o.office.name: o.elected for o in result.offices}
    assert elected == {"主任": ("张",), "副主任": (), "委员": ("李", "赵")}
    assert step(result, "elections.threshold", "周").met is False


def test_more_ballots_returned_than_issued_voids_the_village_vote() -> None:
    # Checked before anything else: 101 returned of 100 issued is void, not an error.
    void = decide_round(VILLAGE, village_election(), village_round(101, issued=100), None)
    assert void.outcome is Outcome.VOID
    assert [s.rule_id for s in void.steps] == ["elections.returned"]
    assert void.steps[0].citation.words.endswith("须重新组织投票")
    held = decide_village(100, FULL, issued=100)
    assert step(held, "elections.returned").met is True


def test_invalid_ballots_are_reported_with_the_clause_of_their_reason() -> None:
    round_ = village_round(100)
    tally = sheet(1, 100, FULL, invalid={InvalidReason.OVER_VOTE: 3, InvalidReason.UNREADABLE: 2})
    result = decide_round(VILLAGE, village_election(), round_, tally)
    invalid = [s for s in result.steps if s.rule_id == "elections.invalid-ballots"]
    assert {s.citation.words for s in invalid} == {
        "每一选票所选的人数多于规定应选人数的选票无效",
        "书写模糊,无法辨认或者不按规定符号填写的无效",
    }
    assert dict(step(result, "elections.valid-ballots").numbers)["valid_ballots"] == 95


# -- ties at the last seat: 对票数相等者重新投票 ------------------------------------------


def test_a_tie_at_the_last_seat_calls_a_re_vote_and_picks_no_one() -> None:
    result = decide_union(160, {C: 120, A: 100, B: 90, D: 90, E: 10})
    office = result.offices[0]
    assert (office.elected, office.tied, office.tied_seats, office.unfilled) == (
        (C, A),
        (B, D),
        1,
        0,
    )
    assert result.outcome is Outcome.NEXT_VOTE
    assert result.next_offices == (revote(PRESIDIUM, 1, (B, D)),)
    assert step(result, "elections.tie").citation.words.endswith("应对相等者重新选举")


def test_a_tie_inside_the_seats_needs_no_re_vote() -> None:
    result = decide_union(160, {C: 120, A: 100, B: 100, D: 10})
    assert result.offices[0].elected == (C, A, B)
    assert result.outcome is Outcome.COMPLETE


def test_one_vote_more_breaks_the_tie() -> None:
    result = decide_union(160, {C: 120, A: 100, B: 91, D: 90})
    assert result.offices[0].elected == (C, A, B)


def test_a_tie_for_every_seat_elects_no_one_yet() -> None:
    result = decide_union(160, {A: 100, B: 100, C: 100, D: 100})
    office = result.offices[0]
    assert (office.elected, office.tied, office.tied_seats) == ((), (A, B, C, D), 3)


def test_a_re_vote_is_won_by_the_most_votes_among_the_tied_only() -> None:
    office = revote(PRESIDIUM, 1, (B, D))
    round_ = union_round(160, number=2, office=office)
    tally = sheet(2, 160, {PRESIDIUM: {B: 70, D: 69, "己": 20}})
    result = decide_round(UNION, union_election(), round_, tally, votes_held_before=1)
    # 70 of 160 is not more than half: the re-vote has no threshold, most votes win.
    assert result.offices[0].elected == (B,)
    assert result.outcome is Outcome.COMPLETE
    assert dict(step(result, "elections.revote-others").numbers) == {"ignored_votes": 20}


def test_a_re_vote_that_ties_again_is_voted_again() -> None:
    office = revote(PRESIDIUM, 1, (B, D))
    round_ = union_round(160, number=2, office=office)
    result = decide_round(
        UNION, union_election(), round_, sheet(2, 160, {PRESIDIUM: {B: 70, D: 70}})
    )
    assert result.next_offices == (office,)


# -- further rounds: 另行选举 -------------------------------------------------------------


def test_a_further_village_round_elects_the_most_votes_with_at_least_one_third() -> None:
    # 99 took part: a third is exactly 33.
    office = another("主任", 1, ("张", "周"))
    round_ = village_round(99, number=2, offices=(office,))
    at_third = decide_round(
        VILLAGE, village_election(), round_, sheet(2, 99, {"主任": {"张": 33, "周": 32}})
    )
    assert at_third.offices[0].elected == ("张",)
    threshold = step(at_third, "elections.threshold", "张")
    assert (threshold.needed, threshold.base_size) == (33, 99)
    below = decide_round(
        VILLAGE, village_election(), round_, sheet(2, 99, {"主任": {"张": 32, "周": 31}})
    )
    assert below.offices[0].elected == () and below.offices[0].unfilled == 1


def test_one_seat_in_a_further_village_round_has_two_candidates() -> None:
    votes = {
        "主任": {"张": 40, "周": 30, "吴": 20, "郑": 5},
        **{k: FULL[k] for k in ("副主任", "委员")},
    }
    result = decide_village(100, votes)
    assert result.next_offices == (another("主任", 1, ("张", "周")),)


def test_names_tied_at_the_cut_of_the_candidate_list_are_all_listed() -> None:
    ranking = (("张", 40), ("周", 30), ("吴", 30), ("郑", 5))
    assert next_candidates(VILLAGE, ranking, 1) == ("张", "周", "吴")
    assert next_candidates(VILLAGE, ranking, 2) == ("张", "周", "吴")
    assert next_candidates(VILLAGE, ranking[:1], 1) == ("张",)  # short: all there is
    assert next_candidates(VILLAGE, ranking, 1, elected=("张",)) == ("周", "吴")


def test_a_short_candidate_list_is_said_and_may_be_completed() -> None:
    votes = {"主任": {"张": 40}, **{k: FULL[k] for k in ("副主任", "委员")}}
    first = decide_village(100, votes)
    assert first.next_offices == (another("主任", 1, ("张",)),)
    assert "名单须另行补足" in step(first, "elections.next-vote").what_zh
    completed = village_round(100, number=2, offices=(another("主任", 1, ("张", "周")),))
    result = decide_election(
        VILLAGE,
        village_election(),
        [
            (village_round(100), sheet(1, 100, votes)),
            (completed, sheet(2, 100, {"主任": {"周": 60, "张": 40}})),
        ],
    )
    assert result.elected["主任"] == ("周",)


# -- the round limit ----------------------------------------------------------------------


def union_further(
    number: int, candidates: tuple[str, ...], votes: dict[str, int]
) -> tuple[Round, TallySheet]:
    office = another(PRESIDIUM, 1, candidates)
    return union_round(160, number=number, office=office), sheet(number, 160, {PRESIDIUM: votes})


def test_the_union_allows_one_further_round_then_its_presidium_decides() -> None:
    first = (union_round(160), sheet(1, 160, {PRESIDIUM: {C: 120, A: 81, B: 80, D: 30, E: 10}}))
    second = union_further(2, (B, D), {B: 80, D: 79})
    result = decide_election(UNION, union_election(), [first, second])
    assert result.outcome is Outcome.INCOMPLETE
    limit = step(result.rounds[-1], "elections.round-limit")
    assert limit.what_zh.endswith("由大会主席团讨论裁定")
    assert limit.citation.words.startswith("选举时，若出现超出本选举办法规定的情况")
    assert result.members == (C, A)
    assert result.next_offices == ()


def test_a_further_round_that_fills_the_seat_ends_the_union_election() -> None:
    first = (union_round(160), sheet(1, 160, {PRESIDIUM: {C: 120, A: 81, B: 80, D: 30, E: 10}}))
    second = union_further(2, (B, D), {B: 81, D: 79})
    result = decide_election(UNION, union_election(), [first, second])
    assert result.outcome is Outcome.COMPLETE
    assert result.elected == {PRESIDIUM: (C, A, B)}


def village_rounds(
    *votes: dict[str, dict[str, int]], void_first: bool = False
) -> list[tuple[Round, TallySheet | None]]:
    """A village election's votes, each the one the votes before called for."""
    rounds: list[tuple[Round, TallySheet | None]] = []
    offices = village_election().offices
    if void_first:
        rounds.append((village_round(101, issued=100), None))
    for vote in votes:
        number = len(rounds) + 1
        round_ = village_round(100, number=number, offices=offices)
        rounds.append((round_, sheet(number, 100, vote)))
        result = decide_election(VILLAGE, village_election(), rounds)
        offices = result.next_offices
    return rounds


NO_HEAD = {
    "主任": {"张": 20, "周": 10, "吴": 5},
    "副主任": {"王": 60},
    "委员": {"李": 60, "赵": 60, "钱": 60},
}


def test_three_village_votes_then_the_committee_is_incomplete() -> None:
    # Vote 1 elects 王, 李, 赵, 钱; 主任 is not elected in votes 2 (below ⅓) and 3.
    below_third = {"主任": {"张": 30, "周": 20}}
    rounds = village_rounds(NO_HEAD, below_third, below_third)
    before_limit = decide_election(VILLAGE, village_election(), rounds[:2])
    assert before_limit.outcome is Outcome.NEXT_VOTE
    result = decide_election(VILLAGE, village_election(), rounds)
    assert result.outcome is Outcome.INCOMPLETE
    limit = step(result.rounds[-1], "elections.round-limit")
    assert dict(limit.numbers)["votes_held"] == 3
    # 4 elected (≥ 3): the consequence for fewer than 3 does not apply; the text is silent.
    assert limit.met is True and "规定未明" in limit.what_zh


def test_fewer_than_three_elected_after_three_votes_calls_for_an_election_in_3_months() -> None:
    nobody = {
        "主任": {"张": 30, "周": 20},
        "副主任": {"王": 30, "孙": 1},
        "委员": {"李": 60, "赵": 40, "钱": 40},
    }
    none_again = {
        "主任": {"张": 30, "周": 20},
        "副主任": {"王": 30, "孙": 20},
        "委员": {"赵": 30, "钱": 20, "孙": 10, "吴": 1},
    }
    rounds = village_rounds(nobody, none_again, none_again)
    result = decide_election(VILLAGE, village_election(), rounds)
    assert result.members == ("李",)
    assert result.outcome is Outcome.INCOMPLETE
    limit = step(result.rounds[-1], "elections.round-limit")
    assert limit.met is False and limit.what_zh.endswith("应当在3个月之内对不足的名额另行选举")


def test_a_void_vote_does_not_count_towards_the_round_limit() -> None:
    below_third = {"主任": {"张": 30, "周": 20}}
    rounds = village_rounds(NO_HEAD, below_third, void_first=True)
    result = decide_election(VILLAGE, village_election(), rounds)
    assert result.rounds[0].outcome is Outcome.VOID
    assert result.outcome is Outcome.NEXT_VOTE  # vote 3 of the rounds, 2 of those held
    assert result.rounds[-1].votes_held == 2


def test_a_tie_in_one_office_and_unfilled_seats_in_another_are_voted_on_together() -> None:
    # 张 and 周 each have exactly half: both elected by 半数以上, tied for one seat.
    votes = {"主任": {"张": 50, "周": 50}, "副主任": {"王": 60}, "委员": {"李": 60, "赵": 40}}
    result = decide_village(100, votes)
    head, members = result.next_offices
    assert (head.vote, head.seats, set(head.candidates)) == (VoteKind.REVOTE, 1, {"张", "周"})
    assert members == another("委员", 2, ("赵",))


# -- an election is the votes called for, in order -----------------------------------------


def test_a_further_round_with_other_candidates_than_the_ranking_gives_is_refused() -> None:
    first = (union_round(160), sheet(1, 160, {PRESIDIUM: {C: 120, A: 81, B: 80, D: 30, E: 10}}))
    wrong = union_further(2, (B, E), {B: 81})
    with pytest.raises(InvalidInput, match="候选人应为"):
        decide_election(UNION, union_election(), [first, wrong])


def test_no_vote_after_the_election_ended_and_votes_are_numbered_in_order() -> None:
    done = (union_round(160), sheet(1, 160, {PRESIDIUM: {A: 100, B: 100, C: 100}}))
    with pytest.raises(InvalidInput, match="结束"):
        decide_election(UNION, union_election(), [done, union_further(2, (D, E), {D: 90})])
    late = (union_round(160, number=2), sheet(2, 160, {PRESIDIUM: {A: 100}}))
    with pytest.raises(InvalidInput, match="第1次"):
        decide_election(UNION, union_election(), [late])


def test_an_election_without_votes_calls_for_its_first() -> None:
    result = decide_election(UNION, union_election(), [])
    assert result.outcome is Outcome.NEXT_VOTE
    assert result.next_offices == union_election().offices


# -- data that cannot be right -------------------------------------------------------------


def test_a_sheet_that_counts_other_than_the_ballots_returned_is_refused() -> None:
    with pytest.raises(InvalidInput, match="ballots_counted"):
        decide_round(UNION, union_election(), union_round(160), sheet(1, 159, {PRESIDIUM: {}}))


def test_more_votes_for_a_name_than_valid_ballots_is_refused() -> None:
    tally = sheet(1, 160, {PRESIDIUM: {A: 159}}, invalid={InvalidReason.OVER_VOTE: 2})
    with pytest.raises(InvalidInput, match="有效票"):
        decide_round(UNION, union_election(), union_round(160), tally)


def test_more_for_votes_than_seats_on_every_valid_ballot_is_refused() -> None:
    tally = sheet(1, 10, {PRESIDIUM: {A: 10, B: 10, C: 10, D: 1}})
    with pytest.raises(InvalidInput, match="赞成票总数"):
        decide_round(UNION, union_election(electorate=10), union_round(10), tally)


def test_a_rule_set_for_another_electorate_is_refused() -> None:
    with pytest.raises(InvalidInput, match="electorate_kind"):
        decide_round(VILLAGE, union_election(), union_round(160), None)


def test_the_union_needs_the_number_present() -> None:
    round_ = Round(1, union_election().offices, 160, 160)
    with pytest.raises(InvalidInput, match="present"):
        decide_round(UNION, union_election(), round_, None)


# -- properties ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    seats=st.integers(min_value=1, max_value=4),
    present=st.integers(min_value=152, max_value=DELEGATES),
    votes=st.lists(st.integers(min_value=0, max_value=152), min_size=1, max_size=7),
    kind=st.sampled_from(list(VoteKind)),
)
def test_never_more_elected_than_seats_and_every_seat_accounted_for(
    seats: int, present: int, votes: list[int], kind: VoteKind
) -> None:
    names = tuple(f"候选人{i}" for i in range(len(votes)))
    office = Office(PRESIDIUM, seats, names, kind)
    election = Election(
        "x", DELEGATES, ElectorateKind.FORMAL_DELEGATES, (Office(PRESIDIUM, 4, names),)
    )
    round_ = union_round(present, office=office)
    tally = sheet(1, present, {PRESIDIUM: dict(zip(names, votes, strict=True))})
    assume(sum(votes) <= seats * present)  # else not a possible count
    result = decide_round(UNION, election, round_, tally)
    outcome = result.offices[0]
    assert len(outcome.elected) <= seats
    assert len(outcome.elected) + outcome.tied_seats + outcome.unfilled == seats
    votes_of = dict(zip(names, votes, strict=True))
    # Those elected got more votes than anyone not elected, and all met the threshold.
    others = [votes_of[n] for n in names if n not in outcome.elected]
    for name in outcome.elected:
        assert all(votes_of[name] > v for v in others)
        if kind is not VoteKind.REVOTE:
            assert votes_of[name] * 2 > present
    # A tie is called only when more are tied than seats remain.
    assert not outcome.tied or len(outcome.tied) > outcome.tied_seats > 0


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=100), min_size=5, max_size=5),
        min_size=1,
        max_size=4,
    )
)
def test_an_election_never_elects_more_than_its_seats(rounds_votes: list[list[int]]) -> None:
    election = village_election(offices=(Office("委员", 3, ()),))
    rounds: list[tuple[Round, TallySheet | None]] = []
    offices = election.offices
    for number, votes in enumerate(rounds_votes, start=1):
        result = decide_election(VILLAGE, election, rounds)
        if result.outcome in (Outcome.COMPLETE, Outcome.INCOMPLETE):
            break
        offices = result.next_offices
        office = offices[0]
        names = office.candidates or tuple(f"村民{i}" for i in range(5))
        per_name = dict(zip(names, votes, strict=False))
        if sum(per_name.values()) > office.seats * 100:
            break
        rounds.append(
            (
                village_round(100, number=number, offices=offices),
                sheet(number, 100, {"委员": per_name}),
            )
        )
    result = decide_election(VILLAGE, election, rounds)
    assert len(result.members) <= 3
    assert len(set(result.members)) == len(result.members)


def test_an_election_is_set_up_with_its_first_vote() -> None:
    with pytest.raises(InvalidInput, match="主任"):
        village_election(offices=(another("主任", 1, ("张", "周")),))
