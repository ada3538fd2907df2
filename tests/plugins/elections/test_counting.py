"""Counting ballots (计票): every invalid-ballot rule at its boundary, for the rule set
that has it and not for the one that does not; sheets add up; counting in one pass
agrees with counting one ballot at a time."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.api import InvalidInput
from plugins.elections.rules import combine_sheets, count_ballots, count_sectioned_ballots
from plugins.elections.rulesets import RuleSet
from plugins.elections.values import (
    Ballot,
    InvalidReason,
    Mark,
    Office,
    OfficeVotes,
    Round,
    TallySheet,
)

from .helpers import PRESIDIUM, UNION, UNION_CANDIDATES, VILLAGE, union_round

FOR, AGAINST, ABSTAIN = "✓", "×", "△"
A, B, C, D, E = UNION_CANDIDATES  # 3 seats, 5 candidates


def count_one(
    rules: RuleSet,
    row: dict[str, str],
    seats: int = 3,
    candidates: tuple[str, ...] = UNION_CANDIDATES,
) -> TallySheet:
    round_ = Round(1, (Office(PRESIDIUM, seats, candidates),), 1, 1, present=1)
    return count_ballots(rules, round_, [row])


def reason(rules: RuleSet, row: dict[str, str]) -> InvalidReason | None:
    tally = count_one(rules, row)
    assert tally.ballots_counted == 1
    return next(iter(tally.invalid), None)


# -- more ✓ than seats (所选的人数多于应选人数) ----------------------------------------


@pytest.mark.parametrize("rules", [UNION, VILLAGE], ids=["union", "village"])
def test_as_many_for_as_seats_is_valid_one_more_is_not(rules: RuleSet) -> None:
    exactly = {A: FOR, B: FOR, C: FOR, D: AGAINST, E: AGAINST}
    one_more = {A: FOR, B: FOR, C: FOR, D: FOR, E: AGAINST}
    assert reason(rules, exactly) is None
    assert reason(rules, one_more) is InvalidReason.OVER_VOTE


@pytest.mark.parametrize("rules", [UNION, VILLAGE], ids=["union", "village"])
def test_a_write_in_counts_as_a_person_marked_for(rules: RuleSet) -> None:
    # Two ✓ and one write-in fill the three seats; a second write-in is one too many.
    at_seats = {A: FOR, B: FOR, C: AGAINST, D: AGAINST, E: AGAINST, "己": FOR}
    over = {**at_seats, "庚": FOR}
    assert reason(rules, at_seats) is None
    assert reason(rules, over) is InvalidReason.OVER_VOTE


def test_a_counted_write_in_is_a_for_vote_for_that_name() -> None:
    tally = count_one(UNION, {A: FOR, B: AGAINST, C: AGAINST, D: ABSTAIN, E: ABSTAIN, "己": FOR})
    votes = tally.votes(PRESIDIUM)
    assert votes.votes_for("己") == 1 and votes.votes_for(A) == 1
    assert votes.against == {B: 1, C: 1} and votes.abstain == {D: 1, E: 1}


# -- 另选他人数应少于或等于投不赞成票的人数 (the union's rule alone) ---------------------


def test_union_write_ins_up_to_the_against_marks_are_valid_one_more_is_not() -> None:
    two_against_two_written = {A: FOR, B: AGAINST, C: AGAINST, D: ABSTAIN, E: ABSTAIN,
                               "己": FOR}  # fmt: skip
    one_against_one_written = {A: ABSTAIN, B: AGAINST, C: ABSTAIN, D: ABSTAIN, E: ABSTAIN,
                               "己": FOR}  # fmt: skip
    one_against_two_written = {**one_against_one_written, "庚": FOR}
    assert reason(UNION, two_against_two_written) is None
    assert reason(UNION, one_against_one_written) is None
    assert reason(UNION, one_against_two_written) is InvalidReason.WRITE_INS_EXCEED_AGAINST


def test_the_village_has_no_write_in_rule() -> None:
    # No × at all, two write-ins, within the seats: valid in the village (无候选人选举).
    row = {A: ABSTAIN, B: ABSTAIN, C: ABSTAIN, D: ABSTAIN, E: ABSTAIN, "己": FOR, "庚": FOR}
    assert reason(UNION, row) is InvalidReason.WRITE_INS_EXCEED_AGAINST
    assert reason(VILLAGE, row) is None


# -- unreadable marks (书写模糊，无法辨认或者不按规定符号填写) -----------------------------


@pytest.mark.parametrize("rules", [UNION, VILLAGE], ids=["union", "village"])
@pytest.mark.parametrize("mark", ["?", "○", "✓✓", "x"])
def test_an_unreadable_mark_voids_the_ballot(rules: RuleSet, mark: str) -> None:
    row = {A: FOR, B: mark, C: AGAINST}
    assert reason(rules, row) is InvalidReason.UNREADABLE


def test_a_written_in_name_with_a_mark_other_than_for_is_not_the_rules_symbol() -> None:
    assert reason(VILLAGE, {A: FOR, "己": AGAINST}) is InvalidReason.UNREADABLE


@pytest.mark.parametrize("name", ["", " ", "\u3000"], ids=["empty", "space", "ideographic-space"])
def test_a_write_in_without_a_name_is_unreadable(name: str) -> None:
    # ✓ beside a blank line names nobody (书写模糊，无法辨认): the ballot is void, under
    # both rule sets, however the other marks read.
    row = {A: FOR, B: AGAINST, C: ABSTAIN, name: FOR}
    assert reason(UNION, row) is InvalidReason.UNREADABLE
    assert reason(VILLAGE, row) is InvalidReason.UNREADABLE


def test_unreadable_is_named_before_over_voting() -> None:
    row = {A: FOR, B: FOR, C: FOR, D: FOR, E: "?"}
    assert reason(UNION, row) is InvalidReason.UNREADABLE


def test_variants_of_the_symbols_and_blanks_are_read_not_voided() -> None:
    # The union's text prints “√”; a blank is no mark at all.
    tally = count_one(UNION, {A: "√", B: " ", C: "×", D: "△", E: ""})
    assert not tally.invalid
    votes = tally.votes(PRESIDIUM)
    assert votes.for_votes == {A: 1} and votes.against == {C: 1} and votes.abstain == {D: 1}


# -- several offices on one ballot (一次性投票选举主任、副主任和委员) -------------------------


def village_three_offices() -> Round:
    offices = (Office("主任", 1), Office("副主任", 1), Office("委员", 3))
    return Round(1, offices, 3, 3)


def test_one_over_voted_office_voids_the_whole_village_ballot() -> None:
    good = {"主任": {"张": FOR}, "副主任": {"王": FOR}, "委员": {"李": FOR, "赵": FOR, "钱": FOR}}
    over = {**good, "委员": {"李": FOR, "赵": FOR, "钱": FOR, "孙": FOR}}
    two_heads = {**good, "主任": {"张": FOR, "周": FOR}}
    tally = count_sectioned_ballots(VILLAGE, village_three_offices(), [good, over, two_heads])
    assert tally.ballots_counted == 3 and tally.invalid == {InvalidReason.OVER_VOTE: 2}
    # Only the valid ballot's marks count, in every office.
    assert tally.votes("主任").for_votes == {"张": 1}
    assert tally.votes("委员").for_votes == {"李": 1, "赵": 1, "钱": 1}


def test_the_first_reason_in_the_rules_order_names_a_sectioned_ballot() -> None:
    ballot = {"主任": {"张": FOR, "周": FOR}, "委员": {"李": "?"}}
    tally = count_sectioned_ballots(VILLAGE, village_three_offices(), [ballot])
    assert tally.invalid == {InvalidReason.UNREADABLE: 1}


def test_a_section_for_an_office_not_voted_for_is_refused() -> None:
    with pytest.raises(InvalidInput, match="村长"):
        count_sectioned_ballots(VILLAGE, village_three_offices(), [{"村长": {"张": FOR}}])


def test_a_round_of_several_offices_is_not_counted_as_one() -> None:
    with pytest.raises(InvalidInput, match="count_sectioned_ballots"):
        count_ballots(VILLAGE, village_three_offices(), [])


# -- ballots as values ---------------------------------------------------------------


def test_a_ballot_entered_as_a_value_is_the_same_row() -> None:
    ballot = Ballot({A: Mark.FOR, B: Mark.AGAINST}, write_ins=("己",), unreadable=(C,))
    assert ballot.as_row() == {A: FOR, B: AGAINST, "己": FOR, C: "?"}
    assert reason(UNION, ballot.as_row()) is InvalidReason.UNREADABLE


def test_a_ballot_names_each_place_once() -> None:
    with pytest.raises(InvalidInput):
        Ballot({A: Mark.FOR}, write_ins=(A,))
    with pytest.raises(InvalidInput):
        Ballot({}, write_ins=("己", "己"))
    with pytest.raises(InvalidInput):
        Ballot({A: "✓"})  # type: ignore[dict-item]


def test_a_tally_sheet_cannot_have_more_invalid_ballots_than_it_counted() -> None:
    with pytest.raises(InvalidInput):
        TallySheet(1, 2, {}, {InvalidReason.OVER_VOTE: 3})


def test_zero_totals_are_the_same_as_none() -> None:
    assert OfficeVotes({A: 0, B: 2}) == OfficeVotes({B: 2})
    with pytest.raises(InvalidInput):
        OfficeVotes({A: -1})


def test_combining_sheets_of_different_rounds_is_refused() -> None:
    with pytest.raises(InvalidInput):
        combine_sheets([TallySheet(1, 0), TallySheet(2, 0)])


def test_combined_sheets_keep_everyone_who_counted() -> None:
    first = TallySheet(1, 1, {}, {}, ("监1",), ("计1",), ("唱1",))
    second = TallySheet(1, 1, {}, {}, ("监2", "监1"), ("计1",), ())
    both = combine_sheets([first, second])
    assert (both.scrutineers, both.counters, both.tellers) == (("监1", "监2"), ("计1",), ("唱1",))
    assert both.staff == ("监1", "监2", "计1", "唱1")


# -- properties ------------------------------------------------------------------------

NAMES = (*UNION_CANDIDATES, "己", "庚")
marks = st.sampled_from([FOR, AGAINST, ABSTAIN, FOR, FOR, "?", ""])
rows = st.lists(st.dictionaries(st.sampled_from(NAMES), marks, max_size=len(NAMES)), max_size=60)


def reference_count(rules: RuleSet, seats: int, ballots: list[dict[str, str]]) -> TallySheet:
    """The rules applied one ballot at a time, as a teller would, plainly."""
    printed = set(UNION_CANDIDATES)
    symbols = {"✓": "✓", "×": "×", "△": "△"}
    invalid: Counter[InvalidReason] = Counter()
    tally: dict[str, Counter[str]] = {FOR: Counter(), AGAINST: Counter(), ABSTAIN: Counter()}
    for ballot in ballots:
        marked = {n: m for n, m in ballot.items() if m.strip()}
        if any(m not in symbols or (n not in printed and m != FOR) for n, m in marked.items()):
            invalid[InvalidReason.UNREADABLE] += 1
            continue
        if sum(m == FOR for m in marked.values()) > seats:
            invalid[InvalidReason.OVER_VOTE] += 1
            continue
        written = sum(n not in printed for n in marked)
        if rules is UNION and written > sum(m == AGAINST for m in marked.values()):
            invalid[InvalidReason.WRITE_INS_EXCEED_AGAINST] += 1
            continue
        for name, mark in marked.items():
            tally[mark][name] += 1
    return TallySheet(
        1,
        len(ballots),
        {PRESIDIUM: OfficeVotes(tally[FOR], tally[AGAINST], tally[ABSTAIN])},
        invalid,
    )


@settings(max_examples=200, deadline=None)
@given(ballots=rows, seats=st.integers(min_value=1, max_value=4))
def test_counting_in_one_pass_agrees_with_one_ballot_at_a_time(
    ballots: list[dict[str, str]], seats: int
) -> None:
    for rules in (UNION, VILLAGE):
        counted = count_one(rules, {}, seats)  # the round's setup, reused below
        round_ = Round(1, (Office(PRESIDIUM, seats, UNION_CANDIDATES),), 1, 1, present=1)
        counted = count_ballots(rules, round_, iter(ballots))
        expected = reference_count(rules, seats, ballots)
        assert counted.ballots_counted == expected.ballots_counted
        assert counted.invalid == expected.invalid
        assert counted.votes(PRESIDIUM) == expected.votes(PRESIDIUM)


@settings(max_examples=200, deadline=None)
@given(ballots=rows, cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=4))
def test_the_sum_of_tally_sheets_is_the_tally_of_the_same_ballots(
    ballots: list[dict[str, str]], cuts: list[int]
) -> None:
    # One sheet per ballot box, added up, equals all ballots entered one by one.
    bounds = sorted({0, len(ballots), *(min(c, len(ballots)) for c in cuts)})
    boxes = [ballots[a:b] for a, b in pairwise(bounds)] or [[]]
    round_ = union_round(1)
    whole = count_ballots(UNION, round_, ballots)
    sheets = combine_sheets(count_ballots(UNION, round_, box) for box in boxes)
    assert sheets == whole


def test_a_generator_of_ballots_is_read_a_chunk_at_a_time() -> None:
    # More ballots than one chunk, streamed: nothing is lost at the chunk boundaries.
    n = 10_001
    ballots = ({A: FOR, B: FOR if i % 2 else AGAINST, C: ABSTAIN} for i in range(n))
    tally = count_ballots(UNION, union_round(1), ballots)
    assert tally.ballots_counted == n and tally.valid_ballots == n
    assert tally.votes(PRESIDIUM).for_votes == {A: n, B: n // 2}
