"""Frozen values of the election engine: setup, ballots, tally sheets and results.

An :class:`Election` names its electorate and its offices (seats and candidates); each
vote held is a :class:`Round` with its turnout and ballot counts. Ballots are counted
into a :class:`TallySheet` (计票单); :mod:`plugins.elections.rules` decides a round into
a :class:`RoundResult` and a whole election into an :class:`ElectionResult`, each an
ordered list of :class:`Step` s that say what was decided, on which numbers, against
which threshold of which base, and under which clause.

Candidates and elected people are identified by a string (a name, or whatever key the
shell uses); the engine never looks them up.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping

import attrs

from core.api import Bilingual, Citation, Finding, InvalidInput, Severity, Threshold

__all__ = [
    "MARK_SYMBOLS",
    "UNREADABLE_MARK",
    "Ballot",
    "Certification",
    "Election",
    "ElectionResult",
    "ElectorateKind",
    "InvalidReason",
    "Mark",
    "Office",
    "OfficeOutcome",
    "OfficeVotes",
    "Outcome",
    "Round",
    "RoundResult",
    "Step",
    "TallySheet",
    "VoteKind",
]


# -- vocabularies ----------------------------------------------------------------------


class Mark(enum.Enum):
    """A mark beside a name on the ballot (选票符号): ✓ 赞成, × 不赞成, △ 弃权.

    The value is the symbol counted; :meth:`parse` also reads the variants people type
    (the union's 选举办法 prints “√”).
    """

    FOR = "✓"
    AGAINST = "×"
    ABSTAIN = "△"

    @property
    def zh(self) -> str:
        """赞成, 不赞成 or 弃权."""
        return {"✓": "赞成", "×": "不赞成", "△": "弃权"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Mark | None:
        """The mark a symbol stands for, or None when it is none of the rules' symbols."""
        return _MARK_VARIANTS.get(text.strip()) if isinstance(text, str) else None


_MARK_VARIANTS: dict[str, Mark] = {
    "✓": Mark.FOR,
    "√": Mark.FOR,
    "✔": Mark.FOR,
    "×": Mark.AGAINST,
    "✕": Mark.AGAINST,
    "✗": Mark.AGAINST,
    "△": Mark.ABSTAIN,
}

MARK_SYMBOLS: dict[str, str] = {text: mark.value for text, mark in _MARK_VARIANTS.items()}
"""Each symbol :meth:`Mark.parse` reads → the symbol counted (“√” → “✓”): the counting
path's lookup, without building a :class:`Mark` for every mark of every ballot."""

UNREADABLE_MARK = "?"
"""What :meth:`Ballot.as_row` writes for a mark that could not be read (any text that is
not a mark counts as unreadable)."""


class ElectorateKind(Bilingual):
    """Who the electorate is (选民): registered voters or a congress's formal delegates."""

    REGISTERED_VOTERS = ("登记参选村民", "registered voters")
    FORMAL_DELEGATES = ("正式代表", "formal delegates")


class VoteKind(Bilingual):
    """Which vote an office is in: the first (选举), a further round for unfilled seats
    (另行选举) or a re-vote among those tied at the last seat (重新投票)."""

    FIRST = ("选举", "election")
    ANOTHER = ("另行选举", "further round")
    REVOTE = ("重新投票", "re-vote among the tied")


class InvalidReason(Bilingual):
    """Why a ballot is invalid (无效选票), in the order the rules are checked."""

    UNREADABLE = ("书写模糊，无法辨认或者不按规定符号填写", "unreadable or not the rules' symbols")
    OVER_VOTE = ("所选的人数多于应选人数", "more people marked for than seats")
    WRITE_INS_EXCEED_AGAINST = ("另选他人数多于不赞成票数", "more write-ins than × marks")


class Outcome(Bilingual):
    """How a round, or a whole election, ended."""

    NOT_HELD = ("选举不能进行", "the vote could not proceed")
    VOID = ("选举无效", "the vote is void")
    NEXT_VOTE = ("尚需投票", "another vote is needed")
    COMPLETE = ("名额选满", "all seats filled")
    INCOMPLETE = ("未能选满", "seats left unfilled after the last round allowed")


# -- validators ------------------------------------------------------------------------


def _check_count(field: str, value: object, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InvalidInput(
            field, value, f"须为不小于 {minimum} 的整数 (must be an integer ≥ {minimum})"
        )


def _count(minimum: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        _check_count(attribute.name, value, minimum)

    return check


def _optional_count(
    _instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None:
        _check_count(attribute.name, value, 0)


def _names(value: Iterable[str]) -> tuple[str, ...]:
    names = tuple(value)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InvalidInput("name", name, "姓名不能为空 (a name must not be empty)")
    if len(set(names)) != len(names):
        duplicated = sorted({n for n in names if names.count(n) > 1})
        raise InvalidInput("names", "、".join(duplicated), "重复 (listed twice)")
    return names


def _tally(value: Mapping[str, int]) -> dict[str, int]:
    # A tally keeps no zero entries, so one entered with zeros equals one counted.
    out: dict[str, int] = {}
    for name, votes in dict(value).items():
        if not isinstance(votes, int) or isinstance(votes, bool) or votes < 0:
            raise InvalidInput(name, votes, "票数须为非负整数 (votes must be an integer ≥ 0)")
        if votes:
            out[name] = votes
    return out


# -- setup -----------------------------------------------------------------------------


@attrs.frozen
class Office:
    """One office voted for in a round (职务): its seats (应选名额) and printed candidates.

    ``candidates`` may be empty: a 无候选人选举 prints no names and every name is written
    in. ``vote`` says whether this is the first vote, a further round (另行选举) or a
    re-vote among the tied (重新投票).
    """

    name: str
    seats: int = attrs.field(validator=_count(1))
    candidates: tuple[str, ...] = attrs.field(default=(), converter=_names)
    vote: VoteKind = VoteKind.FIRST


def _offices(value: Iterable[Office]) -> tuple[Office, ...]:
    offices = tuple(value)
    if not offices:
        raise InvalidInput("offices", "", "至少一个职务 (at least one office)")
    _names(o.name for o in offices)
    return offices


@attrs.frozen
class Election:
    """An election (选举): its title, the electorate and the offices of the first vote.

    ``electorate`` is the number of registered voters (登记参选村民) or formal delegates
    (正式代表), as ``electorate_kind`` says: the base of 全体 thresholds.
    """

    title: str
    electorate: int = attrs.field(validator=_count(1))
    electorate_kind: ElectorateKind
    offices: tuple[Office, ...] = attrs.field(converter=_offices)

    def __attrs_post_init__(self) -> None:
        for office in self.offices:
            if office.vote is not VoteKind.FIRST:
                raise InvalidInput(
                    office.name,
                    office.vote.zh,
                    "选举的设置是第一次投票 (an election starts with its first vote)",
                )

    @property
    def seats(self) -> int:
        """All seats of all offices: the size of the body elected (职数)."""
        return sum(o.seats for o in self.offices)

    def office(self, name: str) -> Office:
        """The office called ``name`` (its first vote's setup)."""
        for office in self.offices:
            if office.name == name:
                return office
        raise InvalidInput("office", name, "本次选举没有这个职务 (no such office in this election)")


@attrs.frozen
class Round:
    """One vote held (一次投票): the offices voted for and the counts of the day.

    ``number`` counts the votes of the election from 1. ``present`` is those at the
    meeting (实到会议代表), needed where a rule set's quorum or base is the presence;
    ``took_part`` is those who took part in the vote (参加投票的人) and defaults to the
    ballots returned, which is how the 监票人 count it — a proxy's ballot is its
    principal's part.
    """

    number: int = attrs.field(validator=_count(1))
    offices: tuple[Office, ...] = attrs.field(converter=_offices)
    ballots_issued: int = attrs.field(validator=_count(0))
    ballots_returned: int = attrs.field(validator=_count(0))
    present: int | None = attrs.field(default=None, validator=_optional_count)
    took_part: int | None = attrs.field(default=None, validator=_optional_count)

    @property
    def voters_took_part(self) -> int:
        """参加投票的人: ``took_part`` if given, else the ballots returned."""
        return self.ballots_returned if self.took_part is None else self.took_part

    def office(self, name: str) -> Office:
        """The office called ``name`` in this round."""
        for office in self.offices:
            if office.name == name:
                return office
        raise InvalidInput("office", name, "本轮没有这个职务 (no such office in this round)")


# -- ballots and tally sheets ----------------------------------------------------------


def _marks(value: Mapping[str, Mark]) -> dict[str, Mark]:
    return dict(value)


@attrs.frozen
class Ballot:
    """One ballot for one office as entered (选票): a mark per printed candidate, the
    names written in (另选他人, each a ✓) and the places whose mark could not be read.

    :meth:`as_row` gives the plain mapping the counting functions take.
    """

    marks: Mapping[str, Mark] = attrs.field(factory=dict, converter=_marks)
    write_ins: tuple[str, ...] = attrs.field(default=(), converter=_names)
    unreadable: tuple[str, ...] = attrs.field(default=(), converter=_names)

    def __attrs_post_init__(self) -> None:
        for mark in self.marks.values():
            if not isinstance(mark, Mark):
                raise InvalidInput("mark", mark, "须为 ✓ × △ (must be a Mark)")
        _names([*self.marks, *self.write_ins, *self.unreadable])  # each place once

    def as_row(self) -> dict[str, str]:
        """The ballot as the raw row counted: name → symbol ("✓", "×", "△", or "?")."""
        row = {name: mark.value for name, mark in self.marks.items()}
        row.update(dict.fromkeys(self.write_ins, Mark.FOR.value))
        row.update(dict.fromkeys(self.unreadable, UNREADABLE_MARK))
        return row


@attrs.frozen
class OfficeVotes:
    """The totals for one office on a tally sheet: ✓, × and △ per name (write-ins too)."""

    for_votes: Mapping[str, int] = attrs.field(factory=dict, converter=_tally)
    against: Mapping[str, int] = attrs.field(factory=dict, converter=_tally)
    abstain: Mapping[str, int] = attrs.field(factory=dict, converter=_tally)

    def votes_for(self, name: str) -> int:
        """✓ votes (赞成票) for ``name``, 0 if none."""
        return self.for_votes.get(name, 0)


def _office_totals(value: Mapping[str, OfficeVotes]) -> dict[str, OfficeVotes]:
    return dict(value)


def _invalid(value: Mapping[InvalidReason, int]) -> dict[InvalidReason, int]:
    out: dict[InvalidReason, int] = {}
    for reason, n in dict(value).items():
        if not isinstance(reason, InvalidReason):
            raise InvalidInput("invalid", reason, "须为 InvalidReason (must be an InvalidReason)")
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InvalidInput(reason.zh, n, "须为非负整数 (must be an integer ≥ 0)")
        if n:
            out[reason] = n
    return out


@attrs.frozen
class TallySheet:
    """A tally sheet (计票单): the ballots counted, invalid ones by reason, the totals per
    office and name, and the people who counted (监票人, 计票人, 唱票人).

    Counted by :func:`plugins.elections.rules.count_ballots` or entered from paper;
    several sheets of one round (one per ballot box) add up with ``combine_sheets``.
    """

    round_number: int = attrs.field(validator=_count(1))
    ballots_counted: int = attrs.field(validator=_count(0))
    offices: Mapping[str, OfficeVotes] = attrs.field(factory=dict, converter=_office_totals)
    invalid: Mapping[InvalidReason, int] = attrs.field(factory=dict, converter=_invalid)
    scrutineers: tuple[str, ...] = attrs.field(default=(), converter=_names)
    counters: tuple[str, ...] = attrs.field(default=(), converter=_names)
    tellers: tuple[str, ...] = attrs.field(default=(), converter=_names)

    def __attrs_post_init__(self) -> None:
        if self.invalid_ballots > self.ballots_counted:
            raise InvalidInput(
                "invalid",
                self.invalid_ballots,
                f"无效票多于所计选票 {self.ballots_counted} "
                f"(more invalid ballots than the {self.ballots_counted} counted)",
            )

    @property
    def invalid_ballots(self) -> int:
        """All invalid ballots (无效票)."""
        return sum(self.invalid.values())

    @property
    def valid_ballots(self) -> int:
        """Valid ballots (有效票)."""
        return self.ballots_counted - self.invalid_ballots

    @property
    def staff(self) -> tuple[str, ...]:
        """Everyone who counted: 监票人, 计票人 and 唱票人, each once."""
        return tuple(dict.fromkeys((*self.scrutineers, *self.counters, *self.tellers)))

    def votes(self, office: str) -> OfficeVotes:
        """The totals for ``office`` (empty when nobody got a vote)."""
        return self.offices.get(office, _NO_VOTES)


_NO_VOTES = OfficeVotes()


# -- results ---------------------------------------------------------------------------


@attrs.frozen
class Step:
    """One decision of a round, explained (决定事项): what was decided, the numbers it
    was decided on, the threshold as a fraction of which base, and the clause.

    ``numbers`` are labelled counts in order (e.g. ``("present", 152)``); ``needed``
    is the least count that meets ``threshold`` out of ``base_size``; ``met`` is None
    for a step that is not a test.
    """

    rule_id: str
    what_zh: str
    what_en: str
    citation: Citation
    numbers: tuple[tuple[str, int], ...] = ()
    threshold: Threshold | None = None
    base_size: int | None = None
    needed: int | None = None
    met: bool | None = None
    office: str = ""


@attrs.frozen
class OfficeOutcome:
    """What one round decided for one office: the ranking, who was elected, who is tied
    for how many seats (a re-vote), and how many seats are left unfilled."""

    office: Office
    ranking: tuple[tuple[str, int], ...]
    elected: tuple[str, ...] = ()
    tied: tuple[str, ...] = ()
    tied_seats: int = 0
    unfilled: int = 0


@attrs.frozen
class RoundResult:
    """One round decided: its outcome, the steps in order, each office's outcome, the
    offices of the next vote when one is needed, and findings about the count itself."""

    round: Round
    outcome: Outcome
    steps: tuple[Step, ...]
    offices: tuple[OfficeOutcome, ...] = ()
    next_offices: tuple[Office, ...] = ()
    votes_held: int = 0
    findings: tuple[Finding, ...] = ()

    @property
    def elected(self) -> tuple[str, ...]:
        """Everyone elected in this round, office by office."""
        return tuple(name for o in self.offices for name in o.elected)


@attrs.frozen
class ElectionResult:
    """A whole election: each round's result, who holds each office, how it ended and,
    if it has not ended, the offices of the next vote."""

    election: Election
    rounds: tuple[RoundResult, ...]
    elected: Mapping[str, tuple[str, ...]]
    outcome: Outcome
    next_offices: tuple[Office, ...] = ()

    @property
    def members(self) -> tuple[str, ...]:
        """Everyone elected, office by office in the election's order."""
        return tuple(n for o in self.election.offices for n in self.elected.get(o.name, ()))

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every round's steps, in order."""
        return tuple(step for r in self.rounds for step in r.steps)


@attrs.frozen
class Certification:
    """Whether a result can be certified (确认当选): the findings, of which DUE and
    VIOLATION ones block and WARNING and INFO ones inform."""

    findings: tuple[Finding, ...]

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings that stop certification."""
        return tuple(f for f in self.findings if f.severity in _BLOCKING)

    @property
    def certifiable(self) -> bool:
        """True when nothing blocks."""
        return not self.blocking


_BLOCKING = frozenset({Severity.DUE, Severity.VIOLATION})
