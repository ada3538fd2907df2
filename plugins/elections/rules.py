"""The election engine's rules: pure functions over the values in ``values`` and a
:class:`~plugins.elections.rulesets.RuleSet`.

* Counting (计票): :func:`count_ballots` (one office) and :func:`count_sectioned_ballots`
  (several offices on one ballot) read raw rows — ``{name: "✓" | "×" | "△"}``, names
  not printed on the ballot being write-ins — in one pass into a :class:`TallySheet`;
  :func:`combine_sheets` adds up the sheets of one round's ballot boxes.
* Quorums (法定人数): :func:`convened`, :func:`presence_met`,
  :func:`participation_met`, :func:`returned_within_ceiling` — each a :class:`Step`.
* Deciding: :func:`decide_round` (one vote), :func:`decide_election` (all of them).
* Certifying (确认当选): :func:`check_setup` and :func:`certify` return findings; DUE and
  VIOLATION findings block.

Data that cannot be right (a sheet counting more ballots than were returned, votes for
a name on more ballots than were valid) raises :class:`~core.api.InvalidInput`; what
the rules decide about right data is returned, never raised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from operator import countOf, methodcaller

from core.api import Base, Citation, Finding, Gender, InvalidInput, Relation, Severity

from .rulesets import Ceiling, RuleSet, ThresholdRule
from .values import (
    MARK_SYMBOLS,
    Certification,
    Election,
    ElectionResult,
    InvalidReason,
    Mark,
    Office,
    OfficeOutcome,
    OfficeVotes,
    Outcome,
    Round,
    RoundResult,
    Step,
    TallySheet,
    VoteKind,
)

__all__ = [
    "KinshipPair",
    "Pattern",
    "Row",
    "certify",
    "check_setup",
    "combine_sheets",
    "convened",
    "count_ballots",
    "count_patterns",
    "count_sectioned_ballots",
    "decide_election",
    "decide_round",
    "next_candidates",
    "participation_met",
    "pattern_of",
    "presence_met",
    "returned_within_ceiling",
]

FOR, AGAINST, ABSTAIN = Mark.FOR.value, Mark.AGAINST.value, Mark.ABSTAIN.value
_MARKS = frozenset((FOR, AGAINST, ABSTAIN))
_CHUNK = 4096  # rows held at once: a generator of ballots is never kept whole
_values = methodcaller("values")

Row = Mapping[str, str]
"""One ballot's marks for one office: name → "✓", "×" or "△" (other text: unreadable;
empty: no mark). Names not printed on the ballot are write-ins (另选他人)."""

KinshipPair = tuple[str, str, "Relation | str"]
"""(person_a, person_b, relation): the relation as core.api.Relation or the
regulation's word (夫妻, 父母, 子女, 兄弟, 姐妹 …)."""


# ======================================================================================
# counting
# ======================================================================================


class _Checks:
    """What makes one office's ballot section invalid under a rule set."""

    __slots__ = ("candidates", "over_vote", "seats", "unreadable", "write_ins")

    def __init__(self, rules: RuleSet, office: Office) -> None:
        self.candidates = frozenset(office.candidates)
        self.seats = office.seats
        self.unreadable = rules.ballot_rule(InvalidReason.UNREADABLE) is not None
        self.over_vote = rules.ballot_rule(InvalidReason.OVER_VOTE) is not None
        self.write_ins = rules.ballot_rule(InvalidReason.WRITE_INS_EXCEED_AGAINST) is not None


def _read_section(row: Row, checks: _Checks) -> tuple[InvalidReason | None, Row]:
    """The reason ``row`` is invalid (or None) and its marks as counted."""
    values = row.values()
    if _MARKS.issuperset(values):  # the rules' symbols only, as nearly every ballot
        written = row.keys() - checks.candidates
        # A write-in is a name with ✓ (另选他人): any other symbol beside it is unreadable.
        if not written or all(row[name] == FOR and name.strip() for name in written):
            return _judged(row, len(written), checks), row
    return _read_unusual_section(row, checks)


def _read_unusual_section(row: Row, checks: _Checks) -> tuple[InvalidReason | None, Row]:
    # Variants of the symbols (√), blanks, unreadable marks or write-ins without ✓:
    # read each.
    marks: dict[str, str] = {}
    unreadable = False
    for name, text in row.items():
        if isinstance(text, str) and not text.strip():
            continue  # no mark at all
        mark = MARK_SYMBOLS.get(text.strip()) if isinstance(text, str) else None
        if mark is None or not name.strip() or (name not in checks.candidates and mark != FOR):
            unreadable = True
            continue
        marks[name] = mark
    if unreadable and checks.unreadable:
        return InvalidReason.UNREADABLE, marks
    return _judged(marks, sum(1 for name in marks if name not in checks.candidates), checks), marks


def _judged(marks: Row, written: int, checks: _Checks) -> InvalidReason | None:
    """Why readable ``marks`` with ``written`` write-ins are invalid, or None."""
    if checks.over_vote and countOf(marks.values(), FOR) > checks.seats:
        return InvalidReason.OVER_VOTE
    if checks.write_ins and written > countOf(marks.values(), AGAINST):
        return InvalidReason.WRITE_INS_EXCEED_AGAINST
    return None


def _office_votes(pairs: Counter[tuple[str, str]]) -> OfficeVotes:
    by_mark: dict[str, dict[str, int]] = {FOR: {}, AGAINST: {}, ABSTAIN: {}}
    for (name, mark), n in pairs.items():
        by_mark[mark][name] = n
    return OfficeVotes(by_mark[FOR], by_mark[AGAINST], by_mark[ABSTAIN])


Pattern = tuple[tuple[str, ...], tuple[str, ...]]
"""A ballot's names and their symbols, in the ballot's order: the key ballots that
are marked alike share."""


def _patterns(rows: Iterable[Row]) -> Counter[Pattern]:
    """How many ballots are marked each way: one C-level pass, a few rows at a time."""
    patterns: Counter[Pattern] = Counter()
    it = iter(rows)
    while chunk := list(islice(it, _CHUNK)):
        patterns.update(zip(map(tuple, chunk), map(tuple, map(_values, chunk)), strict=True))
    return patterns


def count_ballots(
    rules: RuleSet,
    round_: Round,
    rows: Iterable[Row],
    *,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
) -> TallySheet:
    """Count one office's ballots (计票), one row per ballot, in a single pass.

    Ballots marked alike are counted together and each distinct way of marking is read
    once against the rule set's invalid-ballot rules (the first that applies names the
    reason), so 20,000 ballots cost about as much as a Counter over their marks.
    """
    return count_patterns(
        rules, round_, _patterns(rows),
        scrutineers=scrutineers, counters=counters, tellers=tellers,
    )  # fmt: skip


def pattern_of(row: Row) -> Pattern:
    """A ballot's row as the key that ballots marked alike share."""
    return tuple(row), tuple(_values(row))


def count_patterns(
    rules: RuleSet,
    round_: Round,
    patterns: Counter[Pattern],
    *,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
) -> TallySheet:
    """:func:`count_ballots` for ballots already grouped by how they are marked
    (:func:`pattern_of` → how many): storage that counts its rows alike in one pass of
    the driver's rows hands them over here."""
    if len(round_.offices) != 1:
        raise InvalidInput(
            "offices",
            "、".join(o.name for o in round_.offices),
            "一张选票选多个职务，请用 count_sectioned_ballots (several offices: count sections)",
        )
    office = round_.offices[0]
    checks = _Checks(rules, office)
    pairs: Counter[tuple[str, str]] = Counter()
    invalid: Counter[InvalidReason] = Counter()
    for (names, symbols), n in patterns.items():
        reason, marks = _read_section(dict(zip(names, symbols, strict=True)), checks)
        if reason is None:
            for pair in marks.items():
                pairs[pair] += n
        else:
            invalid[reason] += n
    return TallySheet(
        round_.number,
        patterns.total(),
        {office.name: _office_votes(pairs)},
        invalid,
        tuple(scrutineers),
        tuple(counters),
        tuple(tellers),
    )


def count_sectioned_ballots(
    rules: RuleSet,
    round_: Round,
    ballots: Iterable[Mapping[str, Row]],
    *,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
) -> TallySheet:
    """Count ballots that vote for several offices at once (一次性投票选举主任、副主任和
    委员), each ballot a mapping office → row; an invalid section voids the whole ballot
    (每一选票…的选票无效), under the first reason in the rule set's order."""
    checks = {o.name: _Checks(rules, o) for o in round_.offices}
    patterns: Counter[tuple[tuple[str, Pattern], ...]] = Counter(
        tuple((office, (tuple(row), tuple(row.values()))) for office, row in ballot.items())
        for ballot in ballots
    )
    pairs: dict[str, Counter[tuple[str, str]]] = {name: Counter() for name in checks}
    invalid: Counter[InvalidReason] = Counter()
    order = list(InvalidReason)
    for sections, n in patterns.items():
        read: list[tuple[str, Row]] = []
        reasons: list[InvalidReason] = []
        for office, (names, symbols) in sections:
            if office not in checks:
                raise InvalidInput(
                    "office", office, "本轮没有这个职务 (no such office in this round)"
                )
            reason, marks = _read_section(dict(zip(names, symbols, strict=True)), checks[office])
            if reason is None:
                read.append((office, marks))
            else:
                reasons.append(reason)
        if reasons:
            invalid[min(reasons, key=order.index)] += n
            continue
        for office, marks in read:
            for pair in marks.items():
                pairs[office][pair] += n
    return TallySheet(
        round_.number,
        patterns.total(),
        {name: _office_votes(c) for name, c in pairs.items() if c},
        invalid,
        tuple(scrutineers),
        tuple(counters),
        tuple(tellers),
    )


def combine_sheets(sheets: Iterable[TallySheet]) -> TallySheet:
    """The sum of one round's tally sheets (汇总), e.g. one per ballot box."""
    sheets = list(sheets)
    if not sheets:
        raise InvalidInput("sheets", "", "至少一张计票单 (at least one tally sheet)")
    numbers = {s.round_number for s in sheets}
    if len(numbers) != 1:
        raise InvalidInput(
            "round_number", sorted(numbers), "不是同一轮的计票单 (sheets of different rounds)"
        )
    offices: dict[str, list[Counter[str]]] = {}
    invalid: Counter[InvalidReason] = Counter()
    for sheet in sheets:
        invalid.update(sheet.invalid)
        for name, votes in sheet.offices.items():
            totals = offices.setdefault(name, [Counter(), Counter(), Counter()])
            for total, part in zip(
                totals, (votes.for_votes, votes.against, votes.abstain), strict=True
            ):
                total.update(part)

    def people(attribute: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for s in sheets for n in getattr(s, attribute)))

    return TallySheet(
        numbers.pop(),
        sum(s.ballots_counted for s in sheets),
        {name: OfficeVotes(*totals) for name, totals in offices.items()},
        invalid,
        people("scrutineers"),
        people("counters"),
        people("tellers"),
    )


# ======================================================================================
# quorums
# ======================================================================================


def _base_size(base: Base, election: Election, round_: Round) -> int:
    """The size of a threshold's named base in this round."""
    match base:
        case Base.ALL_MEMBERS | Base.REGISTERED_VOTERS:
            return election.electorate
        case Base.PRESENT:
            if round_.present is None:
                raise InvalidInput(
                    "present",
                    None,
                    "此规则以实到人数为基数，须填写 (the rule's base is those present)",
                )
            return _within_electorate("present", round_.present, election)
        case Base.TOOK_PART:
            return _within_electorate("took_part", round_.voters_took_part, election)
        case Base.VOTES_CAST:
            return round_.ballots_returned
    raise AssertionError(base)  # pragma: no cover - every Base is matched above


def _within_electorate(field: str, count: int, election: Election) -> int:
    if count > election.electorate:
        raise InvalidInput(
            field,
            count,
            f"多于{election.electorate_kind.zh} {election.electorate} 人 "
            f"(more than the {election.electorate} {election.electorate_kind.en})",
        )
    return count


def _meets(rule: ThresholdRule, count: int, base_size: int) -> bool:
    # Nobody can be elected, or make a quorum, out of nobody (0 ≥ ½ × 0 is no majority).
    return base_size > 0 and rule.threshold.is_met(count, base_size)


def _needed(rule: ThresholdRule, base_size: int) -> int | None:
    return rule.threshold.minimum(base_size) if base_size > 0 else None


def _quorum_step(
    rule_id: str,
    rule: ThresholdRule,
    count_label: str,
    count: int,
    election: Election,
    round_: Round,
    what: tuple[str, str],
) -> Step:
    base_size = _base_size(rule.threshold.base, election, round_)
    count = _within_electorate(count_label, count, election)
    met = _meets(rule, count, base_size)
    needed = _needed(rule, base_size)
    verdict_zh, verdict_en = ("达到", "met") if met else ("未达到", "not met")
    return Step(
        rule_id,
        f"{what[0]}：{count}人，{rule.threshold.describe_zh()}"
        f"（{base_size}人中须{needed}人），{verdict_zh}",
        f"{what[1]}: {count}, {rule.threshold.describe_en()} "
        f"({needed} of {base_size} needed), {verdict_en}",
        rule.citation,
        ((count_label, count), (rule.threshold.base.en, base_size)),
        rule.threshold,
        base_size,
        needed,
        met,
    )


def convened(rules: RuleSet, election: Election, round_: Round) -> Step | None:
    """Whether the congress may meet (大会方可召开): 三分之二以上当选代表参加."""
    if rules.convene is None:
        return None
    return _quorum_step(
        "elections.convene",
        rules.convene,
        "present",
        _required_present(round_),
        election,
        round_,
        ("大会召开", "the congress meets"),
    )


def presence_met(rules: RuleSet, election: Election, round_: Round) -> Step | None:
    """Whether enough are present for the election to proceed (选举方能进行):
    五分之四以上的正式代表出席."""
    if rules.presence is None:
        return None
    return _quorum_step(
        "elections.presence",
        rules.presence,
        "present",
        _required_present(round_),
        election,
        round_,
        ("出席人数", "present"),
    )


def participation_met(rules: RuleSet, election: Election, round_: Round) -> Step | None:
    """Whether enough took part for the vote to be valid (选举有效): 半数以上参选村民
    参加投票 in the village rule set."""
    if rules.participation is None:
        return None
    return _quorum_step(
        "elections.participation",
        rules.participation,
        "took_part",
        round_.voters_took_part,
        election,
        round_,
        ("参加投票", "took part"),
    )


def returned_within_ceiling(rules: RuleSet, round_: Round) -> Step:
    """Whether the ballots returned are within what the rule allows (收回的选票数不多于
    发出的选票数 / 实到会议代表人数); more voids the round (选举无效)."""
    ceiling = rules.returned_ceiling
    if ceiling.compared_with is Ceiling.ISSUED:
        limit = round_.ballots_issued
    else:
        limit = _required_present(round_)
    met = round_.ballots_returned <= limit
    verdict_zh, verdict_en = ("未多于", "not more than") if met else ("多于", "more than")
    return Step(
        "elections.returned",
        f"收回选票{round_.ballots_returned}张，{verdict_zh}{ceiling.compared_with.zh}{limit}"
        + ("" if met else "，本次选举无效，应重新投票"),
        f"{round_.ballots_returned} ballots returned, {verdict_en} the {limit} "
        f"{ceiling.compared_with.en}" + ("" if met else ": the vote is void and held again"),
        ceiling.citation,
        (
            ("ballots_returned", round_.ballots_returned),
            (ceiling.compared_with.name.lower(), limit),
        ),
        met=met,
    )


def _required_present(round_: Round) -> int:
    if round_.present is None:
        raise InvalidInput("present", None, "须填写实到人数 (the number present is needed)")
    return round_.present


# ======================================================================================
# deciding a round
# ======================================================================================


def decide_round(
    rules: RuleSet,
    election: Election,
    round_: Round,
    sheet: TallySheet | None,
    *,
    elected_before: Mapping[str, Sequence[str]] | None = None,
    votes_held_before: int = 0,
) -> RoundResult:
    """Decide one vote (一次投票): quorums, void rounds, invalid ballots, who is elected
    in each office, ties at the last seat, unfilled seats and what comes next.

    ``elected_before`` are those already elected in earlier rounds, per office (they
    are not candidates again); ``votes_held_before`` counts the earlier votes that were
    held and valid, for the round limit. ``sheet`` may be None only when the round
    turns out not held or void.
    """
    _check_round(rules, election, round_)
    elected_before = elected_before or {}
    steps: list[Step] = []

    def stopped(outcome: Outcome) -> RoundResult:
        # The same vote is held again; it does not count towards the round limit.
        return RoundResult(
            round_, outcome, tuple(steps), next_offices=round_.offices, votes_held=votes_held_before
        )

    # In order: may the meeting and the vote proceed (else not held), is the vote
    # valid (else void) — only then are the ballots looked at.
    # Each test runs only once those before it passed: the counts a later one reads
    # (those who took part) may be nonsense in a round already void.
    tests: tuple[tuple[Callable[[], Step | None], Outcome], ...] = (
        (lambda: convened(rules, election, round_), Outcome.NOT_HELD),
        (lambda: presence_met(rules, election, round_), Outcome.NOT_HELD),
        (lambda: returned_within_ceiling(rules, round_), Outcome.VOID),
        (lambda: participation_met(rules, election, round_), Outcome.VOID),
    )
    for test, failed in tests:
        step = test()
        if step is not None:
            steps.append(step)
            if not step.met:
                return stopped(failed)
    if sheet is None:
        raise InvalidInput("sheet", None, "须有计票单才能确定结果 (a tally sheet is needed)")
    _check_sheet(rules, round_, sheet)
    steps.extend(_invalid_ballot_steps(rules, sheet))
    votes_held = votes_held_before + 1

    outcomes: list[OfficeOutcome] = []
    for office in round_.offices:
        outcome, office_steps = _decide_office(
            rules,
            election,
            round_,
            office,
            sheet.votes(office.name),
            elected_before.get(office.name, ()),
        )
        outcomes.append(outcome)
        steps.extend(office_steps)

    findings = _staff_findings(rules, election, round_, sheet, outcomes)
    pending = [o for o in outcomes if o.tied_seats or o.unfilled]
    if not pending:
        result_outcome, next_offices = Outcome.COMPLETE, tuple[Office, ...]()
    elif votes_held >= rules.round_limit.votes:
        elected_in_all = sum(len(v) for v in elected_before.values()) + sum(
            len(o.elected) for o in outcomes
        )
        steps.append(_round_limit_step(rules, election, votes_held, elected_in_all, pending))
        result_outcome, next_offices = Outcome.INCOMPLETE, ()
    else:
        next_list: list[Office] = []
        for o in pending:
            office, step = _next_vote(rules, o)
            next_list.append(office)
            steps.append(step)
        result_outcome, next_offices = Outcome.NEXT_VOTE, tuple(next_list)
    return RoundResult(
        round_, result_outcome, tuple(steps), tuple(outcomes), next_offices, votes_held, findings
    )


def _check_round(rules: RuleSet, election: Election, round_: Round) -> None:
    if election.electorate_kind is not rules.electorate_kind:
        raise InvalidInput(
            "electorate_kind",
            election.electorate_kind.zh,
            f"{rules.title_zh}的选民是{rules.electorate_kind.zh} "
            f"(this rule set's electorate is {rules.electorate_kind.en})",
        )
    for office in round_.offices:
        setup = election.office(office.name)
        if office.seats > setup.seats:
            raise InvalidInput(
                office.name,
                office.seats,
                f"多于应选名额 {setup.seats} (more than the {setup.seats} seats)",
            )


def _check_sheet(rules: RuleSet, round_: Round, sheet: TallySheet) -> None:
    if sheet.round_number != round_.number:
        raise InvalidInput(
            "round_number",
            sheet.round_number,
            f"计票单不是第{round_.number}轮的 (not this round's sheet)",
        )
    if sheet.ballots_counted != round_.ballots_returned:
        raise InvalidInput(
            "ballots_counted",
            sheet.ballots_counted,
            f"与收回选票数 {round_.ballots_returned} 不符 "
            f"(differs from the {round_.ballots_returned} ballots returned)",
        )
    valid = sheet.valid_ballots
    if valid > round_.voters_took_part:
        raise InvalidInput(
            "took_part",
            round_.voters_took_part,
            f"少于有效票 {valid} (fewer than the {valid} valid ballots)",
        )
    for name, votes in sheet.offices.items():
        office = round_.office(name)
        for person in {*votes.for_votes, *votes.against, *votes.abstain}:
            marked = (
                votes.votes_for(person)
                + votes.against.get(person, 0)
                + votes.abstain.get(person, 0)
            )
            if marked > valid:
                raise InvalidInput(
                    person,
                    marked,
                    f"所得票数多于有效票 {valid} (more marks than the {valid} valid ballots)",
                )
        if (
            rules.ballot_rule(InvalidReason.OVER_VOTE)
            and sum(votes.for_votes.values()) > office.seats * valid
        ):
            raise InvalidInput(
                name,
                sum(votes.for_votes.values()),
                f"赞成票总数多于 {office.seats}×{valid}，有效票不可能如此 "
                f"(more ✓ than {office.seats} per valid ballot)",
            )


def _invalid_ballot_steps(rules: RuleSet, sheet: TallySheet) -> list[Step]:
    steps = []
    for reason, n in sheet.invalid.items():
        rule = rules.ballot_rule(reason)
        if rule is None:
            raise InvalidInput(
                reason.zh, n, f"{rules.title_zh}没有这条无效票规则 (not a rule of this set)"
            )
        steps.append(
            Step(
                "elections.invalid-ballots",
                f"无效票{n}张：{reason.zh}",
                f"{n} invalid ballots: {reason.en}",
                rule.citation,
                (("invalid_ballots", n), ("ballots_counted", sheet.ballots_counted)),
            )
        )
    steps.append(
        Step(
            "elections.valid-ballots",
            f"收回选票{sheet.ballots_counted}张，有效票{sheet.valid_ballots}张",
            f"{sheet.ballots_counted} ballots counted, {sheet.valid_ballots} valid",
            rules.returned_ceiling.citation,
            (("ballots_counted", sheet.ballots_counted), ("valid_ballots", sheet.valid_ballots)),
        )
    )
    return steps


def _decide_office(
    rules: RuleSet,
    election: Election,
    round_: Round,
    office: Office,
    votes: OfficeVotes,
    already: Sequence[str],
) -> tuple[OfficeOutcome, list[Step]]:
    """Rank one office's names, test the threshold, allocate the seats by votes."""
    if office.vote is VoteKind.REVOTE:
        rule, clause = rules.revote.threshold, rules.revote.citation
        names = [n for n in office.candidates if n not in already]  # only the tied stand
    else:
        rule = rules.election if office.vote is VoteKind.FIRST else rules.another_round
        clause = rules.ranking_clause if office.vote is VoteKind.FIRST else rule.citation
        names = [n for n in office.candidates if n not in already]
        names += sorted(
            n for n in votes.for_votes if n not in office.candidates and n not in already
        )
    printed = {n: i for i, n in enumerate(names)}
    ranking = tuple(
        sorted(((n, votes.votes_for(n)) for n in names), key=lambda nv: (-nv[1], printed[nv[0]]))
    )
    steps: list[Step] = []
    if office.vote is VoteKind.REVOTE and (
        stray := sum(v for n, v in votes.for_votes.items() if n not in printed)
    ):
        steps.append(
            Step(
                "elections.revote-others",
                f"{office.name}：重新投票只在票数相等者之间进行，投给他人的{stray}票不计",
                f"{office.name}: the re-vote is among the tied only; {stray} ✓ for others ignored",
                rules.revote.citation,
                (("ignored_votes", stray),),
                office=office.name,
            )
        )
    if rule is None:
        qualified = list(ranking)
    else:
        base_size = _base_size(rule.threshold.base, election, round_)
        qualified = [(n, v) for n, v in ranking if _meets(rule, v, base_size)]
        # Each printed candidate, each name over the threshold and the runners-up who
        # would stand in a further round get a step of their own.
        shown = {*office.candidates, *(n for n, _ in qualified)}
        shown.update(n for n, _ in ranking[: office.seats + rules.proportion.extra])
        steps.extend(_threshold_steps(office, rule, base_size, ranking, qualified, shown))

    seats = office.seats
    tied: tuple[str, ...] = ()
    tied_seats = 0
    if len(qualified) <= seats:
        elected = tuple(n for n, _ in qualified)
    else:
        cut = qualified[seats - 1][1]
        if qualified[seats][1] < cut:
            elected = tuple(n for n, _ in qualified[:seats])
        else:  # 票数相等，超过应选数: the seats above the tie are decided, the rest re-voted
            elected = tuple(n for n, v in qualified if v > cut)
            tied = tuple(n for n, v in qualified if v == cut)
            tied_seats = seats - len(elected)
    unfilled = seats - len(elected) - tied_seats

    if elected:
        steps.append(
            Step(
                "elections.elected",
                f"{office.name}当选："
                + "、".join(f"{n}（{votes.votes_for(n)}票）" for n in elected),
                f"{office.name} elected: "
                + ", ".join(f"{n} ({votes.votes_for(n)})" for n in elected),
                clause,
                tuple((n, votes.votes_for(n)) for n in elected),
                office=office.name,
            )
        )
    if tied:
        steps.append(
            Step(
                "elections.tie",
                f"{office.name}：" + "、".join(tied) + f"均得{votes.votes_for(tied[0])}票，"
                f"争{tied_seats}个名额，应对票数相等者重新投票",
                f"{office.name}: " + ", ".join(tied) + f" tied at {votes.votes_for(tied[0])} votes "
                f"for {tied_seats} seat(s): a re-vote among them",
                rules.revote.citation,
                (("seats", tied_seats), *((n, votes.votes_for(n)) for n in tied)),
                office=office.name,
            )
        )
    if unfilled:
        steps.append(
            Step(
                "elections.unfilled",
                f"{office.name}：应选{seats}人，当选{len(elected)}人，不足{unfilled}个名额",
                f"{office.name}: {seats} seat(s), {len(elected)} elected, {unfilled} unfilled",
                rules.another_round_clause,
                (("seats", seats), ("elected", len(elected)), ("unfilled", unfilled)),
                office=office.name,
            )
        )
    return OfficeOutcome(office, ranking, elected, tied, tied_seats, unfilled), steps


def _threshold_steps(
    office: Office,
    rule: ThresholdRule,
    base_size: int,
    ranking: tuple[tuple[str, int], ...],
    qualified: list[tuple[str, int]],
    shown: set[str],
) -> list[Step]:
    # A step per name ``shown``; the other names (a 无候选人选举 may have hundreds of
    # write-ins) are summed up in one step.
    needed = _needed(rule, base_size)
    over = {n for n, _ in qualified}
    steps = []
    others = []
    for name, votes in ranking:
        if name not in shown:
            others.append(votes)
            continue
        met = name in over
        steps.append(
            Step(
                "elections.threshold",
                f"{name}得赞成票{votes}，{rule.threshold.describe_zh()}（{base_size}人中须{needed}票），"
                + ("达到" if met else "未达到"),
                f"{name}: {votes} for, {rule.threshold.describe_en()} "
                f"({needed} of {base_size} needed), " + ("met" if met else "not met"),
                rule.citation,
                (("votes", votes), (rule.threshold.base.en, base_size)),
                rule.threshold,
                base_size,
                needed,
                met,
                office.name,
            )
        )
    if others:
        steps.append(
            Step(
                "elections.threshold",
                f"另有{len(others)}人得票，最多{max(others)}票，均未达到{rule.threshold.describe_zh()}",
                f"{len(others)} other names, at most {max(others)} votes, none "
                f"{rule.threshold.describe_en()}",
                rule.citation,
                (
                    ("names", len(others)),
                    ("most_votes", max(others)),
                    (rule.threshold.base.en, base_size),
                ),
                rule.threshold,
                base_size,
                needed,
                False,
                office.name,
            )
        )
    return steps


def next_candidates(
    rules: RuleSet, ranking: Sequence[tuple[str, int]], seats: int, elected: Iterable[str] = ()
) -> tuple[str, ...]:
    """The candidates of a further round (另行选举的候选人): from the last round's ranking,
    not yet elected, seats + the rule set's extra — more when names tie at the cut, fewer
    when the ranking is short."""
    done = set(elected)
    ranked = [(n, v) for n, v in ranking if n not in done]
    want = seats + rules.proportion.extra
    if len(ranked) <= want:
        return tuple(n for n, _ in ranked)
    cut = ranked[want - 1][1]
    return tuple(n for i, (n, v) in enumerate(ranked) if i < want or v == cut)


def _next_vote(rules: RuleSet, outcome: OfficeOutcome) -> tuple[Office, Step]:
    name = outcome.office.name
    if outcome.tied_seats:
        office = Office(name, outcome.tied_seats, outcome.tied, VoteKind.REVOTE)
        return office, Step(
            "elections.next-vote",
            f"{name}：对{'、'.join(outcome.tied)}重新投票，选{outcome.tied_seats}人",
            f"{name}: re-vote among {', '.join(outcome.tied)} for {outcome.tied_seats} seat(s)",
            rules.revote.citation,
            (("seats", outcome.tied_seats), ("candidates", len(outcome.tied))),
            office=name,
        )
    candidates = next_candidates(rules, outcome.ranking, outcome.unfilled, outcome.elected)
    want = outcome.unfilled + rules.proportion.extra
    remark_zh = remark_en = ""
    if len(candidates) > want:
        remark_zh, remark_en = "（末位票数相等，一并列入）", " (names tied at the cut all listed)"
    elif len(candidates) < want:
        remark_zh, remark_en = (
            f"（得票者不足{want}人，名单须另行补足）",
            f" (fewer than {want} names in the ranking: the list must be completed)",
        )
    office = Office(name, outcome.unfilled, candidates, VoteKind.ANOTHER)
    return office, Step(
        "elections.next-vote",
        f"{name}：按不足名额{outcome.unfilled}个另行选举，候选人{'、'.join(candidates)}{remark_zh}",
        f"{name}: a further round for {outcome.unfilled} seat(s), candidates "
        f"{', '.join(candidates)}{remark_en}",
        rules.proportion.citation,
        (("seats", outcome.unfilled), ("candidates", len(candidates)), ("wanted", want)),
        office=name,
    )


def _round_limit_step(
    rules: RuleSet,
    election: Election,
    votes_held: int,
    elected_in_all: int,
    pending: Sequence[OfficeOutcome],
) -> Step:
    limit = rules.round_limit
    open_seats = sum(o.tied_seats + o.unfilled for o in pending)
    applies = limit.unless_elected is None or elected_in_all < limit.unless_elected
    if applies:
        zh, en = limit.consequence_zh, limit.consequence_en
    else:  # e.g. 3 or more villagers elected: the body can be formed, the text says no more
        zh = f"已选出{elected_in_all}人，可以组成；缺额{open_seats}个，规定未明，照实记载"
        en = (
            f"{elected_in_all} elected, enough to form the body; "
            f"{open_seats} seat(s) open, on which the text is silent"
        )
    return Step(
        "elections.round-limit",
        f"已进行{votes_held}次投票（至多{limit.votes}次），仍缺{open_seats}个名额：{zh}",
        f"{votes_held} votes held (at most {limit.votes}), {open_seats} seat(s) open: {en}",
        limit.citation,
        (
            ("votes_held", votes_held),
            ("round_limit", limit.votes),
            ("elected", elected_in_all),
            ("open_seats", open_seats),
        ),
        met=not applies,
    )


# ======================================================================================
# deciding an election
# ======================================================================================


def decide_election(
    rules: RuleSet, election: Election, rounds: Sequence[tuple[Round, TallySheet | None]]
) -> ElectionResult:
    """Decide an election from its votes in order (each a round and its tally sheet):
    every round must be the vote the previous one called for."""
    elected: dict[str, list[str]] = {o.name: [] for o in election.offices}
    results: list[RoundResult] = []
    expected: tuple[Office, ...] = election.offices
    votes_held = 0
    for index, (round_, sheet) in enumerate(rounds, start=1):
        if round_.number != index:
            raise InvalidInput(
                "round", round_.number, f"应为第{index}次投票 (expected vote {index})"
            )
        if results and results[-1].outcome in (Outcome.COMPLETE, Outcome.INCOMPLETE):
            raise InvalidInput(
                "round", round_.number, f"选举已于第{index - 1}次投票结束 (the election has ended)"
            )
        _check_follows(rules, expected, round_)
        result = decide_round(
            rules, election, round_, sheet, elected_before=elected, votes_held_before=votes_held
        )
        for outcome in result.offices:
            elected[outcome.office.name].extend(outcome.elected)
        votes_held = result.votes_held
        expected = result.next_offices
        results.append(result)
    return ElectionResult(
        election,
        tuple(results),
        {name: tuple(names) for name, names in elected.items()},
        results[-1].outcome if results else Outcome.NEXT_VOTE,
        expected,
    )


def _check_follows(rules: RuleSet, expected: Sequence[Office], round_: Round) -> None:
    """A vote must be the one called for: same offices, seats and kind of vote; the
    candidates those proposed (more only when the ranking fell short)."""
    wanted = {o.name: o for o in expected}
    given = {o.name: o for o in round_.offices}
    if wanted.keys() != given.keys():
        raise InvalidInput(
            "offices",
            "、".join(given),
            f"本次投票应选：{'、'.join(wanted)} (this vote is for these offices)",
        )
    for name, office in given.items():
        want = wanted[name]
        if (office.seats, office.vote) != (want.seats, want.vote):
            raise InvalidInput(
                name,
                f"{office.vote.zh} {office.seats}",
                f"应为{want.vote.zh}，名额{want.seats} (must be {want.vote.en} for {want.seats})",
            )
        proposed, listed = set(want.candidates), set(office.candidates)
        short = (
            want.vote is VoteKind.ANOTHER and len(proposed) < want.seats + rules.proportion.extra
        )
        if not (listed == proposed or (short and listed > proposed)):
            raise InvalidInput(
                name,
                "、".join(office.candidates),
                f"候选人应为：{'、'.join(want.candidates) or '（无）'} (the candidates called for)",
            )


# ======================================================================================
# certifying
# ======================================================================================


def _finding(
    severity: Severity, rule: str, election: Election, citation: Citation, zh: str, en: str
) -> Finding:
    return Finding(severity, f"elections.{rule}", election.title, citation, zh, en)


def _size_findings(
    rules: RuleSet, election: Election, size: int, what: tuple[str, str]
) -> list[Finding]:
    """The body's size (职数) against the rule set's range: ``what`` is (应选, seats) or
    (当选, elected)."""
    rng = rules.seat_range
    if rng is None:
        return []
    out = []
    if rng.minimum is not None and size < rng.minimum:
        zh, en = (
            f"{what[0]}{size}人，少于{rng.minimum}人",
            f"{size} {what[1]}, fewer than {rng.minimum}",
        )
        out.append(_finding(Severity.VIOLATION, "seat-range", election, rng.citation, zh, en))
    if rng.maximum is not None and size > rng.maximum:
        zh, en = (
            f"{what[0]}{size}人，多于{rng.maximum}人",
            f"{size} {what[1]}, more than {rng.maximum}",
        )
        out.append(_finding(Severity.VIOLATION, "seat-range", election, rng.citation, zh, en))
    return out


def check_setup(rules: RuleSet, election: Election) -> tuple[Finding, ...]:
    """Findings on an election's setup before the vote: the body's size within the
    rule set's range (职数), more candidates than seats where 差额选举 is required."""
    findings = _size_findings(rules, election, election.seats, ("应选", "seats"))
    if rules.contested is not None:
        for office in election.offices:
            n = len(office.candidates)
            if n <= office.seats:
                findings.append(
                    _finding(
                        Severity.VIOLATION,
                        "contested",
                        election,
                        rules.contested.citation,
                        f"{office.name}：候选人{n}人，不多于应选{office.seats}人，不是差额选举",
                        f"{office.name}: {n} candidates for {office.seats} seat(s), not contested",
                    )
                )
    return tuple(findings)


def _staff_findings(
    rules: RuleSet,
    election: Election,
    round_: Round,
    sheet: TallySheet,
    outcomes: Sequence[OfficeOutcome],
) -> tuple[Finding, ...]:
    """选举工作人员不得是候选人: those who counted must not stand in this vote — the
    printed candidates, and anyone elected or tied by write-ins (a stray write-in vote
    for a teller does not make them a candidate)."""
    if rules.staff is None:
        return ()
    standing = {n for o in round_.offices for n in o.candidates}
    standing |= {n for o in outcomes for n in (*o.elected, *o.tied)}
    return tuple(
        _finding(
            Severity.VIOLATION,
            "staff",
            election,
            rules.staff.citation,
            f"第{round_.number}次投票：{person}既是选举工作人员又是被选人",
            f"vote {round_.number}: {person} counted the ballots and is standing",
        )
        for person in sheet.staff
        if person in standing
    )


def certify(
    rules: RuleSet,
    result: ElectionResult,
    *,
    genders: Mapping[str, Gender | str] | None = None,
    kinship: Iterable[KinshipPair] = (),
) -> Certification:
    """Whether the result can be certified (确认当选结果): the election ended, the setup,
    the counting staff, the body's size, at least one woman, no forbidden kin among the
    members — each failure a finding that blocks, never a silent pass.

    ``genders`` maps members to 男/女 (core.api.Gender or its value); ``kinship`` is
    the organization's kinship records as plain (person_a, person_b, relation) tuples.
    """
    election, members = result.election, result.members
    findings = [*check_setup(rules, election)]
    findings.extend(f for r in result.rounds for f in r.findings)
    findings.extend(_outcome_findings(rules, result))
    findings.extend(_size_findings(rules, election, len(members), ("当选", "elected")))
    if rules.women is not None:
        findings.extend(_women_findings(rules, election, members, genders or {}))
    if rules.kinship is not None:
        findings.extend(_kinship_findings(rules, election, members, kinship))
    return Certification(tuple(findings))


def _outcome_findings(rules: RuleSet, result: ElectionResult) -> list[Finding]:
    election = result.election
    last = result.rounds[-1] if result.rounds else None
    if result.outcome is Outcome.COMPLETE:
        return []
    if result.outcome is Outcome.INCOMPLETE and last is not None:
        step = next(s for s in last.steps if s.rule_id == "elections.round-limit")
        # ``met``: enough were elected to form the body, so the limit's consequence does
        # not apply — certifiable, with the open seats said.
        severity = Severity.WARNING if step.met else Severity.DUE
        citation = rules.round_limit.citation
        return [_finding(severity, "round-limit", election, citation, step.what_zh, step.what_en)]
    if last is None:
        zh, en, citation = "尚未投票", "no vote held yet", rules.election.citation
    else:
        zh = f"第{last.round.number}次投票：{last.outcome.zh}，尚需投票"
        en = f"vote {last.round.number}: {last.outcome.en}; another vote is needed"
        citation = last.steps[-1].citation
    return [_finding(Severity.DUE, "not-ended", election, citation, zh, en)]


def _women_findings(
    rules: RuleSet, election: Election, members: Sequence[str], genders: Mapping[str, Gender | str]
) -> list[Finding]:
    """妇女成员: at least the rule's number of women; an unknown gender cannot count."""
    rule = rules.women
    assert rule is not None
    known = {m: g.value if isinstance(g, Gender) else str(g).strip() for m, g in genders.items()}
    women = [m for m in members if known.get(m) == Gender.FEMALE.value]
    if len(women) >= rule.minimum:
        return []
    zh = f"当选成员中妇女{len(women)}名，少于{rule.minimum}名"
    en = f"{len(women)} women among the members, fewer than {rule.minimum}"
    if unknown := [m for m in members if m not in known]:
        zh += f"；{'、'.join(unknown)}性别未知，无法核实"
        en += f"; gender unknown for {', '.join(unknown)}, cannot be verified"
    return [_finding(Severity.VIOLATION, "women", election, rule.citation, zh, en)]


def _kinship_findings(
    rules: RuleSet, election: Election, members: Sequence[str], kinship: Iterable[KinshipPair]
) -> list[Finding]:
    """亲属回避 among the members: a forbidden relation blocks, a coarse one is flagged."""
    rule = rules.kinship
    assert rule is not None
    inside = set(members)
    findings = []
    for a, b, relation in kinship:
        if a == b or a not in inside or b not in inside:
            continue
        word = relation.value if isinstance(relation, Relation) else str(relation).strip()
        if word in rule.forbidden:
            zh = f"{a}与{b}是{word}关系，不得同为成员"
            en = f"{a} and {b} are related ({word}): they may not both be members"
            findings.append(
                _finding(Severity.VIOLATION, "kinship", election, rule.citation, zh, en)
            )
        elif word in rule.doubtful:
            zh = f"{a}与{b}记为{word}，须核实是否为{'、'.join(sorted(rule.forbidden))}"
            en = f"{a} and {b} are recorded as {word}: check whether a forbidden relation"
            findings.append(_finding(Severity.WARNING, "kinship", election, rule.citation, zh, en))
    return findings
