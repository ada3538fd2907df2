"""How the engine's values are stored: ballots as compact rows, the offices of a vote,
tally sheets and decided results as JSON. Pure functions; the services do the I/O.

A ballot row is two columns (see the migration): ``marks``, one character per printed
name in the round's ballot order — ✓ × △, ``·`` for no mark, ``?`` for a mark that
could not be read — and ``write_ins``, ``[[office index, name], …]`` or None.
:class:`BallotLayout` encodes what a clerk enters into that form and decodes stored
rows into the rows :func:`~plugins.elections.rules.count_ballots` counts, each distinct
row decoded once (:meth:`BallotLayout.reader`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from core.api import Finding, InvalidInput

from .values import (
    UNREADABLE_MARK,
    ElectionResult,
    InvalidReason,
    Mark,
    Office,
    OfficeVotes,
    Round,
    RoundResult,
    Step,
    TallySheet,
    VoteKind,
)

__all__ = [
    "BLANK",
    "BallotLayout",
    "offices_from_json",
    "offices_to_json",
    "parse_reason",
    "result_to_json",
    "sheet_from_json",
    "sheet_to_json",
    "staff_to_json",
]

BLANK = "·"
"""No mark beside a name (what :class:`BallotLayout` stores)."""

_BLANK_INPUT = frozenset({"", BLANK, "-", "_"})
_UNREADABLE_INPUT = frozenset({UNREADABLE_MARK, "？"})
_STORED = frozenset({Mark.FOR.value, Mark.AGAINST.value, Mark.ABSTAIN.value, BLANK})


# -- offices ---------------------------------------------------------------------------


def offices_to_json(offices: Sequence[Office]) -> list[dict[str, Any]]:
    """The offices of a vote, as stored in ``elections_round.offices``."""
    return [
        {"name": o.name, "seats": o.seats, "candidates": list(o.candidates), "vote": o.vote.name}
        for o in offices
    ]


def offices_from_json(data: Iterable[Mapping[str, Any]]) -> tuple[Office, ...]:
    return tuple(
        Office(d["name"], d["seats"], tuple(d["candidates"]), VoteKind[d["vote"]]) for d in data
    )


# -- ballots ---------------------------------------------------------------------------


def _symbol(text: object, where: str) -> str:
    """A stored symbol for what was typed beside ``where``."""
    value = "" if text is None else str(text).strip()
    if value in _BLANK_INPUT:
        return BLANK
    if value in _UNREADABLE_INPUT:
        return UNREADABLE_MARK
    mark = Mark.parse(value)
    if mark is None:
        raise InvalidInput(
            where,
            value,
            "须为 ✓ × △，空白为 ·，无法辨认为 ? (must be ✓ × △, · for none, ? for unreadable)",
        )
    return mark.value


class BallotLayout:
    """The printed places of one round's ballot: every office's candidates in order."""

    def __init__(self, offices: Sequence[Office]) -> None:
        self.offices = tuple(offices)
        self.places: tuple[tuple[int, str], ...] = tuple(
            (i, name) for i, office in enumerate(self.offices) for name in office.candidates
        )
        self._by_key: dict[str, int] = {}
        ambiguous: set[str] = set()
        for index, (office, name) in enumerate(self.places):
            self._by_key[f"{self.offices[office].name}:{name}"] = index
            if name in self._by_key:
                ambiguous.add(name)
            else:
                self._by_key[name] = index
        for name in ambiguous:
            del self._by_key[name]  # printed for two offices: name the office (委员:张三)
        self._ambiguous = ambiguous

    # -- entering --------------------------------------------------------------------

    def _place(self, key: str) -> int:
        key = key.strip()
        if key in self._ambiguous:
            raise InvalidInput(
                "name",
                key,
                "印在多个职务下，请写“职务:姓名” (printed for several offices: OFFICE:NAME)",
            )
        if key not in self._by_key:
            printed = "、".join(name for _, name in self.places) or "（无）"
            raise InvalidInput(
                "name", key, f"不是选票上印的候选人：{printed} (not printed on the ballot)"
            )
        return self._by_key[key]

    def _office(self, key: str) -> tuple[int, str]:
        """(office index, name) of a write-in given as NAME or OFFICE:NAME."""
        office_name, sep, name = key.strip().rpartition(":")
        names = [o.name for o in self.offices]
        if not sep:
            if len(self.offices) != 1:
                raise InvalidInput(
                    "write_in",
                    key,
                    f"选票上有{'、'.join(names)}，请写“职务:姓名” (several offices: OFFICE:NAME)",
                )
            return 0, name.strip()
        if office_name.strip() not in names:
            raise InvalidInput(
                "write_in", key, f"本轮没有这个职务：{'、'.join(names)} (no such office)"
            )
        return names.index(office_name.strip()), name.strip()

    def encode(
        self,
        marks: Mapping[str, object] | Sequence[object] | str,
        write_ins: Iterable[str] = (),
        unreadable: Iterable[str] = (),
    ) -> tuple[str, list[list[Any]] | None]:
        """A ballot as entered → its stored row (``marks``, ``write_ins``).

        ``marks`` is either a mapping name (or ``OFFICE:NAME``) → symbol, names left out
        having no mark, or the symbols in ballot order (a string of them, or a
        sequence). ``write_ins`` are names written in (另选他人, NAME or OFFICE:NAME);
        ``unreadable`` names the places whose mark could not be read.
        """
        cells = [BLANK] * len(self.places)
        if isinstance(marks, Mapping):
            for key, text in marks.items():
                index = self._place(str(key))
                cells[index] = _symbol(text, str(key))
        else:
            given = [c for c in marks if not str(c).isspace()] if isinstance(marks, str) else marks
            if len(given) != len(self.places):
                raise InvalidInput(
                    "marks",
                    "".join(str(c) for c in given),
                    f"选票上印有{len(self.places)}人，须逐一填写 "
                    f"(the ballot prints {len(self.places)} names: one symbol each, · for none)",
                )
            cells = [_symbol(text, self.places[i][1]) for i, text in enumerate(given)]
        for key in unreadable:
            cells[self._place(key)] = UNREADABLE_MARK
        written: list[list[Any]] = []
        for key in write_ins:
            office, name = self._office(key)
            if not name:
                raise InvalidInput("write_in", key, "姓名不能为空 (a name must not be empty)")
            if name in self.offices[office].candidates:
                raise InvalidInput(
                    "write_in",
                    name,
                    "已印在选票上，请在其姓名旁划符号 (printed on the ballot: mark it there)",
                )
            if [office, name] in written:
                raise InvalidInput("write_in", name, "重复 (written in twice)")
            written.append([office, name])
        return "".join(cells), written or None

    def describe(self, marks: str, write_ins: Sequence[Sequence[Any]] | None) -> dict[str, Any]:
        """A stored row for people: each office's marks by name and its write-ins."""
        out: dict[str, Any] = {o.name: {"marks": {}, "write_ins": []} for o in self.offices}
        for (office, name), symbol in zip(self.places, marks, strict=True):
            if symbol != BLANK:
                out[self.offices[office].name]["marks"][name] = symbol
        for office, name in write_ins or ():
            out[self.offices[office].name]["write_ins"].append(name)
        return out

    # -- counting --------------------------------------------------------------------

    def decode(
        self, marks: str, write_ins: Sequence[Sequence[Any]] | None
    ) -> dict[str, dict[str, str]]:
        """A stored row → office → {name: symbol}, as the counting functions read it."""
        if len(marks) != len(self.places):
            raise InvalidInput(
                "marks", marks, f"与选票上的{len(self.places)}人不符 (not this round's ballot)"
            )
        sections: dict[str, dict[str, str]] = {o.name: {} for o in self.offices}
        for (office, name), symbol in zip(self.places, marks, strict=True):
            if symbol != BLANK:
                sections[self.offices[office].name][name] = (
                    symbol if symbol in _STORED else UNREADABLE_MARK
                )
        for office, name in write_ins or ():
            sections[self.offices[office].name][name] = Mark.FOR.value
        return sections

    def reader(
        self, decode_json: Callable[[str], Any] | None = None
    ) -> Callable[[Iterable[tuple[str, Any]]], Iterator[Mapping[str, Any]]]:
        """A function from stored rows (``marks``, ``write_ins``) to the rows counted:
        one office's ``{name: symbol}`` when the round votes for one office, else
        ``{office: {name: symbol}}`` (sectioned). Rows marked alike share one decoded
        value, so 20,000 ballots decode a few hundred times. ``decode_json`` reads
        ``write_ins`` when the driver returns it as text."""
        single = self.offices[0].name if len(self.offices) == 1 else None
        cache: dict[tuple[str, Any], Mapping[str, Any]] = {}

        def read(rows: Iterable[tuple[str, Any]]) -> Iterator[Mapping[str, Any]]:
            for key in rows:
                value = cache.get(key)
                if value is None:
                    marks, written = key
                    if isinstance(written, str) and decode_json is not None:
                        written = decode_json(written)
                    sections = self.decode(marks, written)
                    value = cache[key] = sections[single] if single else sections
                yield value

        return read


# -- tally sheets ----------------------------------------------------------------------


def parse_reason(text: str | InvalidReason) -> InvalidReason:
    """An invalid-ballot reason by its name (``unreadable``, ``over_vote``,
    ``write_ins_exceed_against``) or its Chinese words."""
    if isinstance(text, InvalidReason):
        return text
    key = str(text).strip()
    for reason in InvalidReason:
        if key.upper().replace("-", "_") == reason.name or key == reason.zh:
            return reason
    names = ", ".join(r.name.lower() for r in InvalidReason)
    raise InvalidInput("invalid", key, f"无效票原因须为 {names} (one of these reasons)")


def staff_to_json(
    scrutineers: Iterable[str], counters: Iterable[str], tellers: Iterable[str]
) -> dict[str, list[str]]:
    """监票人, 计票人 and 唱票人, as stored."""
    return {
        "scrutineers": [s.strip() for s in scrutineers],
        "counters": [s.strip() for s in counters],
        "tellers": [s.strip() for s in tellers],
    }


def sheet_to_json(sheet: TallySheet) -> dict[str, Any]:
    return {
        "round_number": sheet.round_number,
        "ballots_counted": sheet.ballots_counted,
        "offices": {
            name: {
                "for": dict(votes.for_votes),
                "against": dict(votes.against),
                "abstain": dict(votes.abstain),
            }
            for name, votes in sheet.offices.items()
        },
        "invalid": {reason.name: n for reason, n in sheet.invalid.items()},
        **staff_to_json(sheet.scrutineers, sheet.counters, sheet.tellers),
    }


def sheet_from_json(data: Mapping[str, Any]) -> TallySheet:
    return TallySheet(
        data["round_number"],
        data["ballots_counted"],
        {
            name: OfficeVotes(v.get("for", {}), v.get("against", {}), v.get("abstain", {}))
            for name, v in data["offices"].items()
        },
        {InvalidReason[k]: n for k, n in data["invalid"].items()},
        tuple(data.get("scrutineers", ())),
        tuple(data.get("counters", ())),
        tuple(data.get("tellers", ())),
    )


# -- results ---------------------------------------------------------------------------


def _step(step: Step) -> dict[str, Any]:
    return {
        "rule_id": step.rule_id,
        "office": step.office,
        "what_zh": step.what_zh,
        "what_en": step.what_en,
        "numbers": [list(pair) for pair in step.numbers],
        "threshold": step.threshold.describe_zh() if step.threshold else None,
        "base_size": step.base_size,
        "needed": step.needed,
        "met": step.met,
        "citation": step.citation.as_dict(),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return finding.as_dict()


def _round(result: RoundResult) -> dict[str, Any]:
    round_ = result.round
    return {
        "number": round_.number,
        "offices": offices_to_json(round_.offices),
        "ballots_issued": round_.ballots_issued,
        "ballots_returned": round_.ballots_returned,
        "present": round_.present,
        "took_part": round_.took_part,
        "outcome": result.outcome.name,
        "outcome_zh": result.outcome.zh,
        "votes_held": result.votes_held,
        "elected": list(result.elected),
        "offices_decided": [
            {
                "office": o.office.name,
                "seats": o.office.seats,
                "vote": o.office.vote.name,
                "ranking": [list(pair) for pair in o.ranking],
                "elected": list(o.elected),
                "tied": list(o.tied),
                "tied_seats": o.tied_seats,
                "unfilled": o.unfilled,
            }
            for o in result.offices
        ],
        "next_offices": offices_to_json(result.next_offices),
        "steps": [_step(s) for s in result.steps],
        "findings": [_finding(f) for f in result.findings],
    }


def result_to_json(result: ElectionResult) -> dict[str, Any]:
    """A decided election, every round's steps with the clause each applied."""
    return {
        "outcome": result.outcome.name,
        "outcome_zh": result.outcome.zh,
        "elected": {office: list(names) for office, names in result.elected.items()},
        "members": list(result.members),
        "next_offices": offices_to_json(result.next_offices),
        "rounds": [_round(r) for r in result.rounds],
    }


def round_value(
    number: int,
    offices: Sequence[Office],
    *,
    issued: int,
    returned: int,
    present: int | None,
    took_part: int | None,
) -> Round:
    """A :class:`Round` from stored counts."""
    return Round(number, tuple(offices), issued, returned, present, took_part)
