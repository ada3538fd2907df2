"""第十六条 讨论决定 — the committee vote at its boundaries (pure)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from core.api import InvalidInput
from plugins.cadre.committee import (
    MAJORITY,
    QUORUM,
    WITHDRAWAL,
    Outcome,
    Vote,
    VoteRule,
    decide,
    reconsider_allowed,
)
from plugins.cadre.vocabulary import Body

S = Body.STANDING_COMMITTEE


def test_exactly_two_thirds_present_is_quorate() -> None:
    d = decide(Vote(S, members=9, present=6, yes=5, no=1, defer=0))
    assert d.quorate and d.passed
    assert d.quorum_needed == 6
    assert d.reasons[0].citation == QUORUM


def test_one_fewer_than_two_thirds_is_not_quorate_whatever_the_ballots() -> None:
    d = decide(Vote(S, members=9, present=5, yes=5, no=0, defer=0))
    assert not d.quorate and not d.passed
    assert d.outcome == Outcome.NOT_QUORATE
    assert all(r.citation == QUORUM for r in d.reasons)


def test_yes_exactly_half_of_all_members_fails_even_if_most_of_those_present() -> None:
    # 10 members, 8 present (2 absent): 5 yes is 5/8 of those present but only half of all.
    d = decide(Vote(S, members=10, present=8, yes=5, no=3, defer=0))
    assert d.quorate and not d.passed
    assert d.yes_needed == 6
    assert d.reasons[-1].citation == MAJORITY


def test_yes_half_plus_one_passes() -> None:
    d = decide(Vote(S, members=10, present=8, yes=6, no=1, defer=1))
    assert d.passed and d.outcome == Outcome.PASSED
    assert d.as_dict()["outcome_zh"] == "通过"


def test_absent_members_opinions_cannot_be_counted() -> None:
    with pytest.raises(InvalidInput, match="不得计入票数"):
        Vote(S, members=10, present=7, yes=7, no=1, defer=0)


def test_withdrawn_member_stays_in_base_but_does_not_vote() -> None:
    # 9 members, all present, one withdraws: base stays 9, 8 vote; 5 yes passes (> 4.5).
    d = decide(Vote(S, members=9, present=9, yes=5, no=3, defer=0, withdrawn=1))
    assert d.base == 9 and d.passed
    assert d.reasons[0].citation == WITHDRAWAL
    # 9 members, 6 present, 1 withdraws: 5 for the item is below 2/3 of 9.
    d = decide(Vote(S, members=9, present=6, yes=5, no=0, defer=0, withdrawn=1))
    assert not d.quorate


def test_withdrawn_out_of_base_when_the_organization_reads_it_so() -> None:
    rule = VoteRule.of(Fraction(2, 3), Fraction(1, 2), withdrawn_in_base=False)
    vote = Vote(S, members=10, present=8, yes=5, no=1, defer=0, withdrawn=2)
    d = decide(vote, rule)
    assert d.base == 8 and d.quorate and d.passed
    assert not decide(vote).quorate  # the strict default: 6 of 10 is below 2/3


def test_ballots_may_not_include_withdrawn() -> None:
    with pytest.raises(InvalidInput):
        Vote(S, members=9, present=9, yes=9, no=0, defer=0, withdrawn=1)


def test_reconsideration_needs_more_than_half_of_members() -> None:
    assert not reconsider_allowed(10, 5)
    assert reconsider_allowed(10, 6)
    assert reconsider_allowed(9, 5)
    with pytest.raises(InvalidInput):
        reconsider_allowed(9, 10)


def test_fractions_are_parameters() -> None:
    rule = VoteRule.of(Fraction(3, 4), Fraction(2, 3))
    assert not decide(Vote(S, members=8, present=5, yes=5, no=0, defer=0), rule).quorate
    d = decide(Vote(S, members=9, present=9, yes=6, no=3, defer=0), rule)
    assert not d.passed  # 6 is not more than 2/3 of 9
