"""Builders shared by the election engine's tests: setups, rounds and tally sheets."""

from __future__ import annotations

from collections.abc import Mapping

from plugins.elections.rulesets import union_presidium, village_committee
from plugins.elections.values import (
    Election,
    ElectorateKind,
    InvalidReason,
    Office,
    OfficeVotes,
    Round,
    TallySheet,
    VoteKind,
)

UNION = union_presidium
VILLAGE = village_committee

PRESIDIUM = "主席团成员"
DELEGATES = 189  # 第五次学生代表大会的正式代表 (student-union-bylaws.txt 七)
UNION_CANDIDATES = ("甲", "乙", "丙", "丁", "戊")


def union_election(
    seats: int = 3, candidates: tuple[str, ...] = UNION_CANDIDATES, electorate: int = DELEGATES
) -> Election:
    """The presidium election: 3 seats, 5 candidates, 189 formal delegates (第3项)."""
    return Election(
        "第五届学生会主席团",
        electorate,
        ElectorateKind.FORMAL_DELEGATES,
        (Office(PRESIDIUM, seats, candidates),),
    )


def village_election(offices: tuple[Office, ...] | None = None, electorate: int = 100) -> Election:
    """A villagers' committee: one 主任, one 副主任 and three 委员 unless given."""
    return Election(
        "第七届村民委员会",
        electorate,
        ElectorateKind.REGISTERED_VOTERS,
        offices or (Office("主任", 1), Office("副主任", 1), Office("委员", 3)),
    )


def union_round(
    present: int,
    *,
    number: int = 1,
    returned: int | None = None,
    issued: int | None = None,
    office: Office | None = None,
) -> Round:
    """A vote at the congress: every delegate present takes and returns a ballot."""
    returned = present if returned is None else returned
    return Round(
        number,
        (office or Office(PRESIDIUM, 3, UNION_CANDIDATES),),
        present if issued is None else issued,
        returned,
        present=present,
    )


def village_round(
    took_part: int,
    *,
    number: int = 1,
    issued: int | None = None,
    offices: tuple[Office, ...] = (Office("主任", 1), Office("副主任", 1), Office("委员", 3)),
) -> Round:
    """A village vote: ``took_part`` ballots returned out of as many issued."""
    return Round(number, offices, took_part if issued is None else issued, took_part)


def sheet(
    number: int,
    counted: int,
    votes: Mapping[str, Mapping[str, int]],
    *,
    invalid: Mapping[InvalidReason, int] | None = None,
    scrutineers: tuple[str, ...] = (),
) -> TallySheet:
    """A tally sheet as entered from paper: ✓ per office and name."""
    return TallySheet(
        number,
        counted,
        {office: OfficeVotes(for_votes) for office, for_votes in votes.items()},
        invalid or {},
        scrutineers,
    )


def another(office: str, seats: int, candidates: tuple[str, ...]) -> Office:
    """An office in a further round (另行选举)."""
    return Office(office, seats, candidates, VoteKind.ANOTHER)


def revote(office: str, seats: int, candidates: tuple[str, ...]) -> Office:
    """An office in a re-vote among the tied (重新投票)."""
    return Office(office, seats, candidates, VoteKind.REVOTE)
