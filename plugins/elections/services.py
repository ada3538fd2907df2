"""Elections as stored (选举): the services the command line (and later the interface)
call. Each one looks the organization up through the core (``org_row``, which checks
the actor's permission there), refuses an organization that has not enabled the
plugin, runs in one ``ctx.transaction()`` and audits its change with
``audit.record(..., plugin="elections")`` inside it — or writes nothing at all.

The flow of an election::

    create_election    offices (seats), candidates as printed, the rule set, the electorate
    open_round         a vote: the first, or the one the last result calls for
    enter_ballot       one ballot as read aloud (唱票) — one small transaction each
    enter_sheet        a tally sheet (计票单) from paper, e.g. one per ballot box
    count_round        closes the vote; counts its ballots in one pass, adds its sheets,
                       decides the election so far with the pure core, stores the result
    certify_result     the pure ``certify`` on the result with the members' genders and
                       kinship from the core; a blocking finding refuses, citing its clause
    publish_result     the announcement (公告 第N号 or a document with a 文号); locks it
    recount            a new result for the last vote counted, from the same ballots or a
                       corrected tally sheet; earlier results are never edited

Permissions (core Actions): reading is ``Action.READ``; every change is
``Action.EDIT_TERMS`` (:data:`WRITE`), because an election decides who holds the posts
— the permission that records terms of office and issues the 文号 of appointment
documents. Plugin-specific permissions (``zhidu_permissions``) are not wired into the
roles yet; when they are, entering ballots and certifying should become separate
permissions (a clerk who enters ballots need not be the one who certifies).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any

import attrs

from core.api import (
    Action,
    Conflict,
    Context,
    DocumentNumber,
    InvalidInput,
    NotFound,
    OfficialDocument,
    Paragraph,
    Table,
    audit,
    enabled_names,
    get_person,
    issue_number,
    kinship_of_org,
    org_row,
    sql,
    village_announcement,
)

from .codec import (
    BallotLayout,
    offices_from_json,
    offices_to_json,
    parse_reason,
    result_to_json,
    sheet_from_json,
    sheet_to_json,
    staff_to_json,
)
from .rules import (
    KinshipPair,
    Pattern,
    certify,
    check_setup,
    combine_sheets,
    count_patterns,
    count_sectioned_ballots,
    decide_election,
    pattern_of,
)
from .rulesets import RULE_SETS, RuleSet
from .tables import (
    BallotRow,
    CandidateRow,
    ElectionRow,
    OfficeRow,
    ResultRow,
    RoundRow,
    SheetRow,
    bind,
)
from .values import (
    Election,
    ElectionResult,
    ElectorateKind,
    Office,
    OfficeVotes,
    Outcome,
    Round,
    TallySheet,
    VoteKind,
)

__all__ = [
    "PLUGIN",
    "WRITE",
    "BallotView",
    "CandidateSpec",
    "ElectionView",
    "OfficeSpec",
    "Publication",
    "ResultView",
    "RoundView",
    "SheetView",
    "certify_result",
    "count_round",
    "create_election",
    "enter_ballot",
    "enter_sheet",
    "get_election",
    "link_candidate",
    "list_elections",
    "open_round",
    "open_vote_tally",
    "publish_result",
    "recount",
]

PLUGIN = "elections"
WRITE = Action.EDIT_TERMS
"""The permission every change needs (see the module docstring)."""

_BALLOTS = (
    "SELECT marks, write_ins, count(*) FROM elections_ballot WHERE org_id = ? AND round_id = ?"
    " GROUP BY marks, write_ins"
)
"""The ballots of a vote as stored, each way of marking once with how many ballots were
marked so: grouped by the database (a few hundred rows for twenty thousand ballots);
their order does not matter to a count."""


# ======================================================================================
# input values
# ======================================================================================


@attrs.frozen
class CandidateSpec:
    """A candidate as printed on the ballot, and the core's record of them if known."""

    name: str
    person_id: int | None = None


def _candidates(values: Iterable[object]) -> tuple[CandidateSpec, ...]:
    """Candidates given as specs, names, or (name, person id) pairs."""
    out = []
    for value in values:
        if isinstance(value, CandidateSpec):
            out.append(value)
        elif isinstance(value, str):
            out.append(CandidateSpec(value))
        elif isinstance(value, tuple | list) and len(value) == 2:
            out.append(CandidateSpec(str(value[0]), value[1]))
        else:
            raise InvalidInput("candidate", value, "a name, or (name, person id)")
    return tuple(out)


@attrs.frozen
class OfficeSpec:
    """An office of a new election: its seats (应选名额) and candidates in ballot order."""

    name: str
    seats: int
    candidates: tuple[CandidateSpec, ...] = attrs.field(default=(), converter=_candidates)


# ======================================================================================
# views returned
# ======================================================================================


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@attrs.frozen
class RoundView:
    """A vote as stored: its offices, counts, and how many ballots and sheets entered."""

    number: int
    kind: str
    offices: tuple[Office, ...]
    present: int | None
    ballots_issued: int | None
    ballots_returned: int | None
    took_part: int | None
    staff: Mapping[str, Any]
    ballots_entered: int
    sheets_entered: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "open": self.is_open,
            "offices": offices_to_json(self.offices),
            "present": self.present,
            "ballots_issued": self.ballots_issued,
            "ballots_returned": self.ballots_returned,
            "took_part": self.took_part,
            "staff": dict(self.staff),
            "ballots_entered": self.ballots_entered,
            "sheets_entered": self.sheets_entered,
            "opened_at": _iso(self.opened_at),
            "closed_at": _iso(self.closed_at),
        }


@attrs.frozen
class ResultView:
    """One decided result (a count or a re-count of a vote): the outcome, who is elected,
    every step, and whether it is certified, published and locked."""

    id: int
    election: str
    round: int
    count_no: int
    recount_of: int | None
    reason: str
    outcome: Outcome
    members: tuple[str, ...]
    result: Mapping[str, Any]
    counted_at: dt.datetime
    counted_by: str
    certified: bool
    certified_at: dt.datetime | None
    certified_by: str | None
    findings: tuple[Mapping[str, Any], ...]
    announcement: str | None
    published_at: dt.datetime | None
    locked: bool
    current: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "election": self.election,
            "round": self.round,
            "count_no": self.count_no,
            "recount_of": self.recount_of,
            "reason": self.reason,
            "outcome": self.outcome.name,
            "outcome_zh": self.outcome.zh,
            "members": list(self.members),
            "elected": self.result.get("elected", {}),
            "counted_at": _iso(self.counted_at),
            "counted_by": self.counted_by,
            "certified": self.certified,
            "certified_at": _iso(self.certified_at),
            "certified_by": self.certified_by,
            "findings": list(self.findings),
            "announcement": self.announcement,
            "published_at": _iso(self.published_at),
            "locked": self.locked,
            "current": self.current,
            "result": dict(self.result),
        }


@attrs.frozen
class ElectionView:
    """An election: setup, candidates, votes held, results (the current one last)."""

    code: str
    title: str
    rule_set: str
    rule_set_title: str
    electorate: int
    electorate_kind: ElectorateKind
    offices: tuple[Office, ...]
    people: Mapping[str, int]  # candidate name → the core's person id, where linked
    setup_findings: tuple[Mapping[str, Any], ...]
    rounds: tuple[RoundView, ...]
    results: tuple[ResultView, ...]
    created_at: dt.datetime

    @property
    def current(self) -> ResultView | None:
        return self.results[-1] if self.results else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "rule_set": self.rule_set,
            "rule_set_title": self.rule_set_title,
            "electorate": self.electorate,
            "electorate_kind": self.electorate_kind.zh,
            "offices": offices_to_json(self.offices),
            "people": dict(self.people),
            "setup_findings": list(self.setup_findings),
            "rounds": [r.as_dict() for r in self.rounds],
            "results": [r.as_dict() for r in self.results],
            "created_at": _iso(self.created_at),
        }


@attrs.frozen
class BallotView:
    """A ballot as stored: its place in the reading, marks and write-ins per office."""

    election: str
    round: int
    seq: int
    marks: str
    sections: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "round": self.round,
            "seq": self.seq,
            "marks": self.marks,
            "sections": dict(self.sections),
        }


@attrs.frozen
class SheetView:
    """A tally sheet as stored."""

    election: str
    round: int
    count_no: int
    seq: int
    sheet: TallySheet

    def as_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "round": self.round,
            "count_no": self.count_no,
            "seq": self.seq,
            "sheet": sheet_to_json(self.sheet),
        }


@attrs.frozen
class Publication:
    """A published result: the announcement's number or 文号, and the document."""

    result: ResultView
    announcement: str
    document: OfficialDocument

    def as_dict(self) -> dict[str, Any]:
        return {
            "announcement": self.announcement,
            "title": self.document.title,
            "issuer": self.document.issuer,
            "date": self.document.date.isoformat(),
            "result": self.result.as_dict(),
        }


# ======================================================================================
# lookups
# ======================================================================================


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _org(ctx: Context, org_code: str, action: Action) -> Any:
    """The organization's row, once the actor may do ``action`` there and the
    organization has enabled the plugin."""
    org = org_row(ctx, org_code, action)
    if PLUGIN not in enabled_names(org.id):
        raise Conflict(
            "plugin",
            PLUGIN,
            f"is not enabled for {org.code} (未启用选举插件): "
            f"zhidu plugins enable --org {org.code} {PLUGIN}",
        )
    bind(ctx.database)
    return org


def _election_row(org: Any, code: str) -> ElectionRow:
    row = sql.select_one(ElectionRow, org_id=org.id, code=code)  # prebuilt: every call
    if row is None:
        raise NotFound("election", code, f"no such election in {org.code}")
    return row


def _rules(row: ElectionRow) -> RuleSet:
    return RULE_SETS[row.rule_set]


def _setup(org: Any, row: ElectionRow) -> tuple[Election, dict[tuple[str, str], int]]:
    """The election's setup value, and (office, name) → person id where linked."""
    # Prebuilt statements (core.sql.select), sorted here: every count reads the setup.
    offices = sorted(
        sql.select(OfficeRow, org_id=org.id, election_id=row.id), key=attrgetter("position")
    )
    by_id = {o.id: o.name for o in offices}
    printed: dict[int, list[str]] = {o.id: [] for o in offices}
    people: dict[tuple[str, str], int] = {}
    candidates = sql.select(CandidateRow, org_id=org.id, election_id=row.id)
    on_ballot = (c for c in candidates if c.position is not None)  # the printed names
    for c in sorted(on_ballot, key=attrgetter("office_id", "position")):  # ties: by id
        printed[c.office_id].append(c.name)
    for c in candidates:
        if c.person_id is not None:
            people[(by_id[c.office_id], c.name)] = c.person_id
    election = Election(
        row.title,
        row.electorate,
        ElectorateKind[row.electorate_kind],
        tuple(Office(o.name, o.seats, tuple(printed[o.id])) for o in offices),
    )
    return election, people


def _rounds(org: Any, row: ElectionRow) -> list[RoundRow]:
    rounds = sql.select(RoundRow, org_id=org.id, election_id=row.id)
    return sorted(rounds, key=attrgetter("number"))


def _results(org: Any, row: ElectionRow) -> list[ResultRow]:
    """The election's results, oldest first: the last is the current one (a re-count is
    always of the last vote counted, and a later vote opens only after it)."""
    return sql.select(ResultRow, org_id=org.id, election_id=row.id)


def _open_round(org: Any, row: ElectionRow, rounds: Sequence[RoundRow] | None = None) -> RoundRow:
    """The election's open vote, among ``rounds`` when the caller has read them (an
    election holds a few rounds, read with one prebuilt statement)."""
    if rounds is None:
        rounds = _rounds(org, row)
    found = next((r for r in rounds if r.closed_at is None), None)
    if found is None:
        raise Conflict(
            "round",
            row.code,
            "no vote is open in this election (没有正在进行的投票): a counted vote takes no "
            "more ballots — the next vote opens with zhidu elections round open, a count is "
            "corrected with zhidu elections recount",
        )
    return found


def _history(
    org: Any, row: ElectionRow, rounds: Sequence[RoundRow], results: Sequence[ResultRow]
) -> list[tuple[Round, TallySheet | None]]:
    """Every counted vote as the engine takes it, each from its latest (re-)count."""
    latest: dict[int, ResultRow] = {}
    for result in results:
        latest[result.round_id] = result  # oldest first: a re-count replaces the count
    out: list[tuple[Round, TallySheet | None]] = []
    for r in rounds:
        counted = latest.get(r.id)
        if counted is None:
            continue
        out.append(
            (
                Round(
                    r.number,
                    offices_from_json(r.offices),
                    counted.ballots_issued,
                    counted.ballots_returned,
                    counted.present,
                    counted.took_part,
                ),
                None if counted.tally is None else sheet_from_json(counted.tally),
            )
        )
    return out


def _count_rows(model: Any, org: Any, round_id: int, **equal: Any) -> int:
    query = model.select().where((model.org_id == org.id) & (model.round_id == round_id))
    for name, value in equal.items():
        query = query.where(getattr(model, name) == value)
    count: int = query.count()
    return count


def _round_view(org: Any, r: RoundRow) -> RoundView:
    return RoundView(
        r.number,
        r.kind,
        offices_from_json(r.offices),
        r.present,
        r.ballots_issued,
        r.ballots_returned,
        r.took_part,
        r.staff,
        _count_rows(BallotRow, org, r.id),
        _count_rows(SheetRow, org, r.id),
        r.opened_at,
        r.closed_at,
    )


def _result_view(
    row: ElectionRow, result: ResultRow, rounds: Mapping[int, int], current: bool
) -> ResultView:
    return ResultView(
        result.id,
        row.code,
        rounds[result.round_id],
        result.count_no,
        result.recount_of_id,
        result.reason,
        Outcome[result.outcome],
        tuple(result.members),
        result.result,
        result.counted_at,
        result.counted_by,
        bool(result.certified),
        result.certified_at,
        result.certified_by,
        tuple(result.findings or ()),
        result.announcement,
        result.published_at,
        bool(result.locked),
        current,
    )


def _view(org: Any, row: ElectionRow) -> ElectionView:
    election, people = _setup(org, row)
    rules = _rules(row)
    rounds = _rounds(org, row)
    results = _results(org, row)
    numbers = {r.id: r.number for r in rounds}
    return ElectionView(
        row.code,
        row.title,
        row.rule_set,
        rules.title_zh,
        row.electorate,
        ElectorateKind[row.electorate_kind],
        election.offices,
        {name: pid for (_, name), pid in people.items()},
        tuple(f.as_dict() for f in check_setup(rules, election)),
        tuple(_round_view(org, r) for r in rounds),
        tuple(_result_view(row, r, numbers, i == len(results) - 1) for i, r in enumerate(results)),
        row.created_at,
    )


# ======================================================================================
# small validators (the core's own are not part of core.api)
# ======================================================================================


def _text(field: str, value: object, max_length: int = 100) -> str:
    if not isinstance(value, str) or not value.strip(" \u3000\t"):
        raise InvalidInput(field, value, "must not be empty (不能为空)")
    cleaned = value.strip(" \u3000\t")
    if len(cleaned) > max_length or any(c in cleaned for c in "\r\n\t"):
        raise InvalidInput(field, value, f"one line of at most {max_length} characters")
    return cleaned


def _code(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not (
        0 < len(text) <= 40
        and all(c.isascii() and (c.isdigit() or c.islower() or c in "-_") for c in text)
    ):
        raise InvalidInput("code", value, "a code is 1–40 lower-case letters, digits, - or _")
    return text


def _count(field: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InvalidInput(field, value, f"须为不小于 {minimum} 的整数 (an integer ≥ {minimum})")
    return value


def _optional_count(field: str, value: object) -> int | None:
    return None if value is None else _count(field, value)


def _names(field: str, values: Iterable[str]) -> tuple[str, ...]:
    return tuple(_text(field, v, 50) for v in values)


# ======================================================================================
# setting up
# ======================================================================================


def create_election(
    ctx: Context,
    org_code: str,
    *,
    code: str,
    title: str,
    rule_set: str,
    electorate: int,
    offices: Sequence[OfficeSpec | tuple[str, int, Sequence[Any]]],
) -> ElectionView:
    """Set up an election: its offices (seats, candidates in ballot order, each linked to
    the core's person where given), the rule set that decides it (``union_presidium`` or
    ``village_committee``) and the electorate — registered voters or formal delegates, as
    the rule set says. Findings on the setup (too many seats, not 差额) are returned,
    not refused: certification refuses them."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        cleaned_code = _code(code)
        cleaned_title = _text("title", title)
        if rule_set not in RULE_SETS:
            raise InvalidInput("rule_set", rule_set, f"one of {', '.join(sorted(RULE_SETS))}")
        rules = RULE_SETS[rule_set]
        size = _count("electorate", electorate, 1)
        specs = [o if isinstance(o, OfficeSpec) else OfficeSpec(*o) for o in offices]
        election = Election(  # validates: offices, seats, names once each
            cleaned_title,
            size,
            rules.electorate_kind,
            tuple(
                Office(
                    _text("office", o.name, 50),
                    _count(f"{o.name} seats", o.seats, 1),
                    _names("candidate", (c.name for c in o.candidates)),
                )
                for o in specs
            ),
        )
        if (
            ElectionRow.select()
            .where((ElectionRow.org_id == org.id) & (ElectionRow.code == cleaned_code))
            .exists()
        ):
            raise Conflict("code", cleaned_code, f"an election with this code exists in {org.code}")
        linked: dict[int, str] = {}
        for spec in specs:
            for c in spec.candidates:
                if c.person_id is None:
                    continue
                person = get_person(ctx, org.code, _count("person_id", c.person_id, 1))
                if linked.setdefault(person.id, c.name.strip()) != c.name.strip():
                    raise InvalidInput(
                        "person_id", person.id, f"already linked to {linked[person.id]}"
                    )
        now = _now()
        row = ElectionRow.create(
            org_id=org.id,
            code=cleaned_code,
            title=cleaned_title,
            rule_set=rules.name,
            electorate=size,
            electorate_kind=rules.electorate_kind.name,
            created_at=now,
            created_by=ctx.actor.name,
        )
        for position, (spec, office) in enumerate(zip(specs, election.offices, strict=True)):
            office_row = OfficeRow.create(
                org_id=org.id,
                election_id=row.id,
                position=position,
                name=office.name,
                seats=office.seats,
            )
            for place, (c, name) in enumerate(zip(spec.candidates, office.candidates, strict=True)):
                CandidateRow.create(
                    org_id=org.id,
                    election_id=row.id,
                    office_id=office_row.id,
                    position=place,
                    name=name,
                    person_id=c.person_id,
                )
        view = _view(org, row)
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.create",
            object_type="election",
            object_id=row.id,
            after={
                "code": view.code,
                "title": view.title,
                "rule_set": view.rule_set,
                "electorate": view.electorate,
                "electorate_kind": view.electorate_kind.zh,
                "offices": offices_to_json(view.offices),
                "people": dict(view.people),
            },
            plugin=PLUGIN,
        )
    return view


def list_elections(ctx: Context, org_code: str) -> list[ElectionView]:
    """The organization's elections, oldest first."""
    org = _org(ctx, org_code, Action.READ)
    rows = ElectionRow.select().where(ElectionRow.org_id == org.id).order_by(ElectionRow.id)
    return [_view(org, r) for r in rows]


def get_election(ctx: Context, org_code: str, code: str) -> ElectionView:
    """One election with its votes and results."""
    org = _org(ctx, org_code, Action.READ)
    return _view(org, _election_row(org, code))


def link_candidate(
    ctx: Context, org_code: str, code: str, name: str, person_id: int, *, office: str | None = None
) -> ElectionView:
    """Link a candidate — or someone written in (另选他人) — to the core's record of the
    person, so certification can read their gender and kinship. A link once made is not
    changed (it would change what a certification read)."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        election, _ = _setup(org, row)
        name = _text("name", name, 50)
        offices = {
            o.name: o
            for o in OfficeRow.select().where(
                (OfficeRow.org_id == org.id) & (OfficeRow.election_id == row.id)
            )
        }
        if office is None:
            holding = [o.name for o in election.offices if name in o.candidates]
            if len(holding) > 1:
                raise InvalidInput(
                    "office", None, f"{name} stands for {'、'.join(holding)}: name the office"
                )
            office = holding[0] if holding else election.offices[0].name
            if not holding and len(election.offices) > 1:
                raise InvalidInput("office", None, f"{name} is written in: name the office")
        if office not in offices:
            raise InvalidInput("office", office, f"no such office in {row.code}")
        person = get_person(ctx, org.code, _count("person_id", person_id, 1))
        office_row = offices[office]
        existing = CandidateRow.get_or_none(
            (CandidateRow.org_id == org.id)
            & (CandidateRow.election_id == row.id)
            & (CandidateRow.office_id == office_row.id)
            & (CandidateRow.name == name)
        )
        other = CandidateRow.get_or_none(
            (CandidateRow.org_id == org.id)
            & (CandidateRow.election_id == row.id)
            & (CandidateRow.person_id == person.id)
            & (CandidateRow.name != name)
        )
        if other is not None:
            raise Conflict("person_id", person.id, f"already linked to {other.name}")
        if existing is not None and existing.person_id is not None:
            raise Conflict(
                "name", name, f"already linked to person {existing.person_id} (已关联，不再更改)"
            )
        if existing is None:
            CandidateRow.create(
                org_id=org.id,
                election_id=row.id,
                office_id=office_row.id,
                position=None,
                name=name,
                person_id=person.id,
            )
        else:
            CandidateRow.update(person_id=person.id).where(
                (CandidateRow.id == existing.id) & (CandidateRow.org_id == org.id)
            ).execute()
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.candidate.link",
            object_type="election",
            object_id=row.id,
            after={"office": office, "name": name, "person_id": person.id,
                   "written_in": existing is None},
            plugin=PLUGIN,
        )  # fmt: skip
        view = _view(org, row)
    return view


# ======================================================================================
# votes
# ======================================================================================


def _staff(
    scrutineers: Iterable[str], counters: Iterable[str], tellers: Iterable[str]
) -> dict[str, list[str]]:
    return staff_to_json(
        _names("scrutineer", scrutineers), _names("counter", counters), _names("teller", tellers)
    )


def open_round(
    ctx: Context,
    org_code: str,
    code: str,
    *,
    present: int | None = None,
    ballots_issued: int | None = None,
    took_part: int | None = None,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
    add_candidates: Mapping[str, Sequence[str]] | None = None,
) -> RoundView:
    """Open the next vote: the first, or the one the last result calls for (a further
    round 另行选举, a re-vote among the tied, or the same vote again when the last was not
    held or void). ``add_candidates`` completes a further round's list where the ranking
    gave too few names (the last result says so)."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        rules = _rules(row)
        election, _ = _setup(org, row)
        rounds = _rounds(org, row)
        if any(r.closed_at is None for r in rounds):
            raise Conflict(
                "round", row.code, "a vote is open already: count it first (zhidu elections count)"
            )
        results = _results(org, row)
        if not rounds:
            offices = election.offices
        else:
            current = results[-1]
            outcome = Outcome[current.outcome]
            if outcome in (Outcome.COMPLETE, Outcome.INCOMPLETE):
                raise Conflict(
                    "round",
                    row.code,
                    f"the election has ended ({outcome.zh}): no further vote "
                    "(a correction is a re-count: zhidu elections recount)",
                )
            offices = offices_from_json(current.result["next_offices"])
        offices = _completed(rules, offices, add_candidates or {})
        number = len(rounds) + 1
        kind = "+".join(dict.fromkeys(o.vote.name for o in offices))
        now = _now()
        staff = _staff(scrutineers, counters, tellers)
        created = RoundRow.create(
            org_id=org.id,
            election_id=row.id,
            number=number,
            kind=kind,
            offices=offices_to_json(offices),
            present=_optional_count("present", present),
            ballots_issued=_optional_count("ballots_issued", ballots_issued),
            ballots_returned=None,
            took_part=_optional_count("took_part", took_part),
            staff=staff,
            opened_at=now,
            opened_by=ctx.actor.name,
        )
        view = _round_view(org, created)
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.round.open",
            object_type="election",
            object_id=row.id,
            after={"election": row.code} | view.as_dict(),
            plugin=PLUGIN,
        )
    return view


def _completed(
    rules: RuleSet, offices: Sequence[Office], add: Mapping[str, Sequence[str]]
) -> tuple[Office, ...]:
    out = []
    names = {o.name for o in offices}
    for extra_office in add:
        if extra_office not in names:
            raise InvalidInput("office", extra_office, "this vote is not for that office")
    for office in offices:
        extra = _names("candidate", add.get(office.name, ()))
        if not extra:
            out.append(office)
            continue
        want = office.seats + rules.proportion.extra
        if office.vote is not VoteKind.ANOTHER or len(office.candidates) >= want:
            raise InvalidInput(
                office.name,
                "、".join(extra),
                "候选人名单由上一轮得票顺序确定，不能增加 (the list follows the last ranking)",
            )
        out.append(attrs.evolve(office, candidates=(*office.candidates, *extra)))
    return tuple(out)


def enter_ballot(
    ctx: Context,
    org_code: str,
    code: str,
    marks: Mapping[str, object] | Sequence[object] | str,
    *,
    write_ins: Sequence[str] = (),
    unreadable: Sequence[str] = (),
) -> BallotView:
    """Enter one ballot of the open vote as it is read aloud: ``marks`` by name
    (``{"张三": "✓"}``, OFFICE:NAME where a name is printed for two offices) or as
    symbols in ballot order (``"✓×△"``; ``·`` no mark, ``?`` unreadable); names written
    in (另选他人); places whose mark could not be read. One small transaction."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        round_row = _open_round(org, row)
        layout = BallotLayout(offices_from_json(round_row.offices))
        stored, written = layout.encode(marks, write_ins, unreadable)
        last = sql.fetch_one(
            ctx.database,
            "SELECT max(seq) FROM elections_ballot WHERE org_id = ? AND round_id = ?",
            (org.id, round_row.id),
        )
        seq = ((last[0] if last else None) or 0) + 1
        ballot_id = sql.insert(
            BallotRow,
            {
                "org_id": org.id,
                "round_id": round_row.id,
                "seq": seq,
                "marks": stored,
                "write_ins": written,
                "entered_by": ctx.actor.name,
                "entered_at": _now(),
            },
        )
        view = BallotView(row.code, round_row.number, seq, stored, layout.describe(stored, written))
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.ballot",
            object_type="election_ballot",
            object_id=ballot_id,
            after={"election": row.code, "round": round_row.number, "seq": seq,
                   "marks": stored, "write_ins": written},
            plugin=PLUGIN,
        )  # fmt: skip
    return view


VotesInput = Mapping[str, Mapping[str, int | Sequence[int]]]
"""office ("" when the vote is for one) → name → ✓ votes, or (✓, ×, △)."""


def _sheet_value(
    rules: RuleSet,
    round_row: RoundRow,
    *,
    ballots_counted: int,
    votes: VotesInput,
    invalid: Mapping[str, int] | None = None,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
) -> TallySheet:
    offices = [o.name for o in offices_from_json(round_row.offices)]
    totals: dict[str, OfficeVotes] = {}
    for given, names in votes.items():
        office = given.strip()
        if not office and len(offices) == 1:
            office = offices[0]  # one office voted for: its name may be left out
        if office not in offices:
            raise InvalidInput(
                "office", office, f"本轮没有这个职务：{'、'.join(offices)} (no such office)"
            )
        marks: list[dict[str, int]] = [{}, {}, {}]
        for name, value in names.items():
            counts = (value,) if isinstance(value, int) else tuple(value)
            if not 1 <= len(counts) <= 3:
                raise InvalidInput(name, value, "✓, or ✓/×/△ counts")
            for i, n in enumerate(counts):
                marks[i][_text("name", name, 50)] = _count(name, n)
        totals[office] = OfficeVotes(*marks)
    reasons: dict[Any, int] = {}
    for key, n in (invalid or {}).items():
        reason = parse_reason(key)
        if rules.ballot_rule(reason) is None:
            raise InvalidInput(
                "invalid",
                reason.name.lower(),
                f"{rules.title_zh}没有这条无效票规则 (not a rule of this set)",
            )
        reasons[reason] = _count(reason.name.lower(), n)
    staff = _staff(scrutineers, counters, tellers)
    return TallySheet(
        round_row.number,
        _count("ballots_counted", ballots_counted),
        totals,
        reasons,
        tuple(staff["scrutineers"]),
        tuple(staff["counters"]),
        tuple(staff["tellers"]),
    )


def _store_sheet(
    ctx: Context, org: Any, round_row: RoundRow, sheet: TallySheet, count_no: int
) -> int:
    last = (
        SheetRow.select(SheetRow.seq)
        .where(
            (SheetRow.org_id == org.id)
            & (SheetRow.round_id == round_row.id)
            & (SheetRow.count_no == count_no)
        )
        .order_by(SheetRow.seq.desc())
        .first()
    )
    seq = (last.seq if last else 0) + 1
    data = sheet_to_json(sheet)
    SheetRow.create(
        org_id=org.id,
        round_id=round_row.id,
        count_no=count_no,
        seq=seq,
        ballots_counted=sheet.ballots_counted,
        totals=data["offices"],
        invalid=data["invalid"],
        staff=staff_to_json(sheet.scrutineers, sheet.counters, sheet.tellers),
        entered_by=ctx.actor.name,
        entered_at=_now(),
    )
    return seq


def enter_sheet(
    ctx: Context,
    org_code: str,
    code: str,
    *,
    ballots_counted: int,
    votes: VotesInput,
    invalid: Mapping[str, int] | None = None,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
) -> SheetView:
    """Enter a tally sheet (计票单) of the open vote: the ballots it counted, the totals
    per office and name (✓, or ✓/×/△), the invalid ballots by reason, and the 监票人,
    计票人 and 唱票人 who signed it. Several sheets (ballot boxes) add up at the count."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        round_row = _open_round(org, row)
        sheet = _sheet_value(
            _rules(row),
            round_row,
            ballots_counted=ballots_counted,
            votes=votes,
            invalid=invalid,
            scrutineers=scrutineers,
            counters=counters,
            tellers=tellers,
        )
        seq = _store_sheet(ctx, org, round_row, sheet, 1)
        view = SheetView(row.code, round_row.number, 1, seq, sheet)
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.sheet",
            object_type="election",
            object_id=row.id,
            after=view.as_dict(),
            plugin=PLUGIN,
        )
    return view


# ======================================================================================
# counting and deciding
# ======================================================================================


def _tally(
    ctx: Context, org: Any, rules: RuleSet, round_row: RoundRow, count_no: int
) -> TallySheet | None:
    """The round's tally at count ``count_no``: the latest re-count's sheets where a
    re-count entered some (the paper ballots counted again); else the ballots entered
    one by one — streamed and counted in one pass — with the sheets of the first count.
    None when nothing was entered."""
    offices = offices_from_json(round_row.offices)
    # The round's sheets in one statement, in the order they were entered.
    stored = sorted(
        (s for s in sql.select(SheetRow, org_id=org.id, round_id=round_row.id)
         if s.count_no <= count_no),
        key=attrgetter("seq"),
    )  # fmt: skip

    def sheets(number: int) -> list[TallySheet]:
        return [
            sheet_from_json(
                {
                    "round_number": round_row.number,
                    "ballots_counted": s.ballots_counted,
                    "offices": s.totals,
                    "invalid": s.invalid,
                    **s.staff,
                }
            )
            for s in stored
            if s.count_no == number
        ]

    recounted = max((s.count_no for s in stored if s.count_no > 1), default=None)
    if recounted is not None:  # the paper ballots counted again: the latest such sheets
        return combine_sheets(sheets(recounted))
    parts = sheets(1)
    counted = _count_ballots(ctx, org, rules, round_row, offices)
    if counted is not None:
        parts.insert(0, counted)
    return combine_sheets(parts) if parts else None


def _count_ballots(
    ctx: Context, org: Any, rules: RuleSet, round_row: RoundRow, offices: Sequence[Office]
) -> TallySheet | None:
    """The ballots entered one by one, read with the raw driver a page at a time and
    counted by the pure core in one pass (never a query per ballot).

    The database groups the stored rows (ballots marked alike are the same row), so
    each way of marking is read, decoded and checked once."""
    staff = round_row.staff
    shape = Round(round_row.number, tuple(offices), 0, 0)
    stored: Counter[tuple[Any, Any]] = Counter()
    for marks, write_ins, n in sql.execute(ctx.database, _BALLOTS, (org.id, round_row.id)):
        stored[marks, write_ins] += n
    read = BallotLayout(offices).reader(json.loads)
    people = {
        "scrutineers": staff.get("scrutineers", ()),
        "counters": staff.get("counters", ()),
        "tellers": staff.get("tellers", ()),
    }
    if len(offices) == 1:
        patterns: Counter[Pattern] = Counter()
        for decoded, n in zip(read(stored), stored.values(), strict=True):
            patterns[pattern_of(decoded)] += n
        sheet = count_patterns(rules, shape, patterns, **people)
    else:
        rows = read(key for key, n in stored.items() for _ in range(n))
        sheet = count_sectioned_ballots(rules, shape, rows, **people)
    return sheet if sheet.ballots_counted else None


def open_vote_tally(ctx: Context, org_code: str, code: str) -> TallySheet | None:
    """The ballots entered so far in the open vote, counted as a count would count them
    (read permission; nothing is stored) — what a ballot-entry screen starts from.

    Read in one snapshot: the ballots stream through a server-side cursor on PostgreSQL,
    which lives in a transaction."""
    with sql.snapshot(ctx.database):
        org = _org(ctx, org_code, Action.READ)
        row = _election_row(org, code)
        round_row = _open_round(org, row)
        offices = offices_from_json(round_row.offices)
        return _count_ballots(ctx, org, _rules(row), round_row, offices)


def _store_result(
    ctx: Context,
    org: Any,
    row: ElectionRow,
    round_row: RoundRow,
    round_: Round,
    sheet: TallySheet | None,
    result: ElectionResult,
    *,
    count_no: int,
    recount_of: int | None,
    reason: str,
) -> ResultRow:
    values = dict(
        org_id=org.id,
        election_id=row.id,
        round_id=round_row.id,
        count_no=count_no,
        recount_of_id=recount_of,
        reason=reason,
        present=round_.present,
        ballots_issued=round_.ballots_issued,
        ballots_returned=round_.ballots_returned,
        took_part=round_.took_part,
        tally=None if sheet is None else sheet_to_json(sheet),
        outcome=result.outcome.name,
        members=list(result.members),
        result=result_to_json(result),
        counted_at=_now(),
        counted_by=ctx.actor.name,
    )
    stored = ResultRow(**values)  # with the model's defaults, then a prebuilt INSERT
    stored.id = sql.insert(ResultRow, stored.__data__)
    return stored


def _summary(view: ResultView) -> dict[str, Any]:
    """What an audit entry says of a result."""
    return {
        "election": view.election,
        "round": view.round,
        "count_no": view.count_no,
        "outcome": view.outcome.name,
        "elected": view.result.get("elected", {}),
        "members": list(view.members),
    }


def count_round(
    ctx: Context,
    org_code: str,
    code: str,
    *,
    ballots_issued: int | None = None,
    ballots_returned: int | None = None,
    present: int | None = None,
    took_part: int | None = None,
    scrutineers: Sequence[str] | None = None,
    counters: Sequence[str] | None = None,
    tellers: Sequence[str] | None = None,
) -> ResultView:
    """Close the open vote and decide it: its ballots counted and its sheets added up,
    the election so far decided by the pure core, the result stored with every step.

    Counts not given here are the ones given when the vote opened; the ballots returned
    default to those counted. The staff given here (监票人, 计票人, 唱票人) are those who
    counted the ballots entered one by one."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        rules = _rules(row)
        election, _ = _setup(org, row)
        rounds = _rounds(org, row)
        round_row = _open_round(org, row, rounds)
        if scrutineers is not None or counters is not None or tellers is not None:
            round_row.staff = _staff(scrutineers or (), counters or (), tellers or ())
        issued = ballots_issued if ballots_issued is not None else round_row.ballots_issued
        if issued is None:
            raise InvalidInput(
                "ballots_issued", None, "须填写发出选票数 (the number of ballots issued is needed)"
            )
        sheet = _tally(ctx, org, rules, round_row, 1)
        counted = sheet.ballots_counted if sheet else 0
        round_ = Round(
            round_row.number,
            offices_from_json(round_row.offices),
            _count("ballots_issued", issued),
            counted if ballots_returned is None else _count("ballots_returned", ballots_returned),
            _optional_count("present", present if present is not None else round_row.present),
            _optional_count(
                "took_part", took_part if took_part is not None else round_row.took_part
            ),
        )
        history = _history(org, row, rounds, _results(org, row))
        result = decide_election(rules, election, [*history, (round_, sheet)])
        stored = _store_result(
            ctx, org, row, round_row, round_, sheet, result, count_no=1, recount_of=None, reason=""
        )
        RoundRow.update(
            present=round_.present,
            ballots_issued=round_.ballots_issued,
            ballots_returned=round_.ballots_returned,
            took_part=round_.took_part,
            staff=round_row.staff,
            closed_at=_now(),
            closed_by=ctx.actor.name,
        ).where((RoundRow.id == round_row.id) & (RoundRow.org_id == org.id)).execute()
        view = _result_view(row, stored, {round_row.id: round_row.number}, True)
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.count",
            object_type="election_result",
            object_id=stored.id,
            after=_summary(view) | {"tally": stored.tally, "counts": _counts(round_)},
            plugin=PLUGIN,
        )
    return view


def _counts(round_: Round) -> dict[str, int | None]:
    return {
        "ballots_issued": round_.ballots_issued,
        "ballots_returned": round_.ballots_returned,
        "present": round_.present,
        "took_part": round_.took_part,
    }


def recount(
    ctx: Context,
    org_code: str,
    code: str,
    *,
    reason: str,
    ballots_issued: int | None = None,
    ballots_returned: int | None = None,
    present: int | None = None,
    took_part: int | None = None,
    sheet: Mapping[str, Any] | None = None,
) -> ResultView:
    """Re-count the last vote counted (重新计票): a new result, audited, beside the old
    one, which is never edited — certified, published and locked results included.

    The ballots entered are counted again with the counts corrected where given; or,
    with ``sheet`` (the keyword arguments of :func:`enter_sheet`: ``ballots_counted``,
    ``votes``, ``invalid`` and the staff), a tally sheet of the paper ballots counted
    again replaces what was entered. The new result needs certifying and publishing."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        why = _text("reason", reason, 200)
        rules = _rules(row)
        election, _ = _setup(org, row)
        rounds = _rounds(org, row)
        results = _results(org, row)
        if not results:
            raise Conflict("round", row.code, "no vote has been counted yet (尚未计票)")
        if any(r.closed_at is None for r in rounds):
            raise Conflict(
                "round", row.code, "a later vote is open: only the last vote counted is re-counted"
            )
        old = results[-1]
        round_row = next(r for r in rounds if r.id == old.round_id)
        count_no = old.count_no + 1
        if sheet is not None:
            corrected = _sheet_value(rules, round_row, **sheet)
            _store_sheet(ctx, org, round_row, corrected, count_no)
        tally = _tally(ctx, org, rules, round_row, count_no)
        counted = tally.ballots_counted if tally else 0
        round_ = Round(
            round_row.number,
            offices_from_json(round_row.offices),
            _count(
                "ballots_issued", old.ballots_issued if ballots_issued is None else ballots_issued
            ),
            counted if ballots_returned is None else _count("ballots_returned", ballots_returned),
            _optional_count("present", old.present if present is None else present),
            _optional_count("took_part", old.took_part if took_part is None else took_part),
        )
        history = _history(org, row, rounds, results[:-1])
        history = [h for h in history if h[0].number != round_row.number]
        result = decide_election(rules, election, [*history, (round_, tally)])
        stored = _store_result(
            ctx, org, row, round_row, round_, tally, result,
            count_no=count_no, recount_of=old.id, reason=why,
        )  # fmt: skip
        numbers = {r.id: r.number for r in rounds}
        view = _result_view(row, stored, numbers, True)
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.recount",
            object_type="election_result",
            object_id=stored.id,
            before=_summary(_result_view(row, old, numbers, False)) | {"result_id": old.id},
            after=_summary(view) | {"tally": stored.tally, "counts": _counts(round_)},
            reason=why,
            plugin=PLUGIN,
        )
    return view


# ======================================================================================
# certifying and publishing
# ======================================================================================


def _current(org: Any, row: ElectionRow) -> tuple[list[RoundRow], list[ResultRow], ResultRow]:
    rounds = _rounds(org, row)
    results = _results(org, row)
    if not results:
        raise Conflict("result", row.code, "no vote has been counted yet (尚未计票)")
    return rounds, results, results[-1]


def _members_people(
    ctx: Context,
    org: Any,
    result: ElectionResult,
    people: Mapping[tuple[str, str], int],
) -> tuple[dict[str, str], list[KinshipPair]]:
    """The members' genders and the kinship among them, from the core's records of
    the people the candidates are linked to (a member not linked has no known gender)."""
    by_name = {name: pid for (_, name), pid in people.items()}
    linked: dict[str, int] = {}
    for office, names in result.elected.items():
        for name in names:
            pid = people.get((office, name), by_name.get(name))
            if pid is not None:
                linked[name] = pid
    genders = {name: get_person(ctx, org.code, pid).gender.value for name, pid in linked.items()}
    names_of = {pid: name for name, pid in linked.items()}
    pairs: list[KinshipPair] = []
    seen: set[tuple[int, int]] = set()
    for pid in names_of:
        for kin in kinship_of_org(ctx, org.code, pid):
            a, b = kin.person_a, kin.person_b
            if a in names_of and b in names_of and (a, b) not in seen:
                seen.add((a, b))
                pairs.append((names_of[a], names_of[b], kin.relation))
    return genders, pairs


def certify_result(ctx: Context, org_code: str, code: str) -> ResultView:
    """Certify the current result (确认当选): the pure ``certify`` on it with the members'
    genders and kinship from the core. A blocking finding — no woman, close kin, the
    body's size, an election not ended, … — refuses with one line naming the rule and
    its clause; the refusal itself is audited. Certified, the result shows its findings
    (warnings included) and can no longer be certified again."""
    refusal: Conflict | None = None
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        rules = _rules(row)
        election, people = _setup(org, row)
        rounds, results, current = _current(org, row)
        if current.certified:
            raise Conflict("result", row.code, f"already certified by {current.certified_by}")
        result = decide_election(rules, election, _history(org, row, rounds, results))
        genders, kinship = _members_people(ctx, org, result, people)
        certification = certify(rules, result, genders=genders, kinship=kinship)
        findings = [f.as_dict() for f in certification.findings]
        numbers = {r.id: r.number for r in rounds}
        view = _result_view(row, current, numbers, True)
        if certification.blocking:
            first = certification.blocking[0]
            more = [
                r
                for r in dict.fromkeys(f.rule_id for f in certification.blocking)
                if r != first.rule_id
            ]
            refusal = Conflict(
                "certification",
                first.rule_id,
                f"{first.message_zh} ({first.message_en}) — {first.citation}"
                + (f"; also {', '.join(more)}" if more else ""),
            )
            audit.record(
                ctx,
                org_id=org.id,
                action="elections.certify.refused",
                object_type="election_result",
                object_id=current.id,
                after=_summary(view) | {"findings": findings},
                plugin=PLUGIN,
            )
        else:
            now = _now()
            ResultRow.update(
                certified=True, certified_at=now, certified_by=ctx.actor.name, findings=findings
            ).where((ResultRow.id == current.id) & (ResultRow.org_id == org.id)).execute()
            certified = ResultRow.get((ResultRow.id == current.id) & (ResultRow.org_id == org.id))
            view = _result_view(row, certified, numbers, True)
            audit.record(
                ctx,
                org_id=org.id,
                action="elections.certify",
                object_type="election_result",
                object_id=current.id,
                after=_summary(view) | {"findings": findings},
                plugin=PLUGIN,
            )
    if refusal is not None:
        raise refusal
    return view


def _elected_rows(result: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(office, name, votes) of everyone elected, in the order elected."""
    rows = []
    for round_ in result["rounds"]:
        for office in round_["offices_decided"]:
            votes = dict((n, v) for n, v in office["ranking"])
            for name in office["elected"]:
                rows.append((office["office"], name, f"{votes.get(name, 0)}"))
    return rows


def _village_number(result: Mapping[str, Any]) -> int:
    """第10号 the result; 第11号 seats left after the last round allowed; 第13号 the
    result of a further round (village-committee-election.txt, 选举操作规程)."""
    if result["outcome"] == Outcome.INCOMPLETE.name:
        return 11
    last = result["rounds"][-1]
    if any(o["vote"] == VoteKind.ANOTHER.name for o in last["offices"]):
        return 13
    return 10


def publish_result(
    ctx: Context,
    org_code: str,
    code: str,
    *,
    issuer: str | None = None,
    prefix: str | None = None,
) -> Publication:
    """Publish the certified result and lock it. A village election's is the 村民选举委员会
    公告 (第10号, 第11号 or 第13号, :func:`core.api.village_announcement`); any other is a
    document with a 文号 of ``prefix`` (机关代字) issued now. Corrections after this are
    re-counts, never edits."""
    with ctx.transaction():
        org = _org(ctx, org_code, WRITE)
        row = _election_row(org, code)
        rules = _rules(row)
        rounds, _, current = _current(org, row)
        if not current.certified:
            raise Conflict(
                "result", row.code, "not certified yet (未确认): zhidu elections certify"
            )
        if current.locked:
            raise Conflict(
                "result", row.code, f"published already as {current.announcement} (已公布，已锁定)"
            )
        result = current.result
        elected = _elected_rows(result)
        today = ctx.today()
        lines = [
            f"{row.title}依照{rules.title_zh}的规定进行，共投票{len(result['rounds'])}次，"
            "选举结果经确认，现将当选名单公告如下：",
        ]
        table = Table(("职务", "姓名", "得票数"), elected or [("—", "—", "—")])
        if rules.name == "village_committee":
            number = _village_number(result)
            committee = _text("issuer", issuer or f"{org.name}村民选举委员会")
            document = village_announcement(
                number, committee=committee, body=[*lines, table], date=today
            )
            announcement = f"公告（第{number}号）"
        else:
            if not prefix:
                raise InvalidInput(
                    "prefix", prefix, "选举结果公告须编发文字号：请给出机关代字 (e.g. 学代发)"
                )
            title = f"关于{row.title}选举结果的公告"
            number_issued: DocumentNumber = issue_number(ctx, org.code, prefix, None, title)
            signer = _text("issuer", issuer or org.name)
            document = OfficialDocument(
                issuer=signer,
                number=number_issued,
                title=title,
                body=(*(Paragraph(t) for t in lines), table),
                signature=signer,
                date=today,
            )
            announcement = str(number_issued)
        ResultRow.update(
            announcement=announcement,
            published_at=_now(),
            published_by=ctx.actor.name,
            locked=True,
        ).where((ResultRow.id == current.id) & (ResultRow.org_id == org.id)).execute()
        numbers = {r.id: r.number for r in rounds}
        locked = ResultRow.get((ResultRow.id == current.id) & (ResultRow.org_id == org.id))
        view = _result_view(row, locked, numbers, True)
        audit.record(
            ctx,
            org_id=org.id,
            action="elections.publish",
            object_type="election_result",
            object_id=current.id,
            after=_summary(view) | {"announcement": announcement, "title": document.title},
            plugin=PLUGIN,
        )
    return Publication(view, announcement, document)
