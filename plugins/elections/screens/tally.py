"""The running tally of the ballot-entry screen: what was stored when the screen
opened, plus each ballot entered since — never a re-count of all ballots per key.

The stored part is read once (the ballots of the open vote, grouped and counted in one
pass by the service's own counting); each ballot entered after that is counted alone by
the pure core (:func:`~plugins.elections.rules.count_ballots`, so the invalid-ballot
rules apply exactly as at the count) and added in: O(names on the ballot) per ballot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from core.api import Context

from ..codec import BallotLayout
from ..rules import count_ballots, count_sectioned_ballots
from ..rulesets import RuleSet
from ..values import InvalidReason, Mark, Office, Round, TallySheet

__all__ = ["RunningTally", "stored_tally"]

MARKS = (Mark.FOR.value, Mark.AGAINST.value, Mark.ABSTAIN.value)


def stored_tally(ctx: Context, org_code: str, code: str) -> TallySheet | None:
    """The ballots of ``code``'s open vote as stored now, counted once (the service's
    :func:`~plugins.elections.services.open_vote_tally`)."""
    from ..services import open_vote_tally

    return open_vote_tally(ctx, org_code, code)


class RunningTally:
    """✓ × △ per office and name, ballots entered and invalid ones by reason."""

    def __init__(
        self, rules: RuleSet, number: int, offices: Sequence[Office], start: TallySheet | None
    ) -> None:
        self.rules = rules
        self.shape = Round(number, tuple(offices), 0, 0)
        self.layout = BallotLayout(offices)
        self.votes: Counter[tuple[str, str, str]] = Counter()  # (office, name, mark)
        self.invalid: Counter[InvalidReason] = Counter()
        self.ballots = 0
        self.names: dict[tuple[str, str], None] = {  # printed first, write-ins as they come
            (o.name, n): None for o in offices for n in o.candidates
        }
        if start is not None:
            self.add(start)

    def add(self, sheet: TallySheet) -> list[tuple[str, str]]:
        """Add a counted sheet; the (office, name) whose totals changed."""
        changed: list[tuple[str, str]] = []
        self.ballots += sheet.ballots_counted
        self.invalid.update(sheet.invalid)
        for office, votes in sheet.offices.items():
            for mark, totals in zip(
                MARKS, (votes.for_votes, votes.against, votes.abstain), strict=True
            ):
                for name, n in totals.items():
                    self.votes[(office, name, mark)] += n
                    self.names.setdefault((office, name), None)
                    changed.append((office, name))
        return list(dict.fromkeys(changed))

    def add_ballot(self, marks: str, write_ins: Iterable[Sequence[Any]] | None) -> TallySheet:
        """Count one stored ballot (``marks``, ``write_ins`` as stored) and add it in."""
        sections = self.layout.decode(marks, list(write_ins) if write_ins else None)
        offices = self.shape.offices
        if len(offices) == 1:
            sheet = count_ballots(self.rules, self.shape, [sections[offices[0].name]])
        else:
            sheet = count_sectioned_ballots(self.rules, self.shape, [sections])
        self.add(sheet)
        return sheet

    def counts(self, office: str, name: str) -> tuple[int, int, int]:
        """(✓, ×, △) for ``name`` in ``office`` so far."""
        return (
            self.votes[(office, name, MARKS[0])],
            self.votes[(office, name, MARKS[1])],
            self.votes[(office, name, MARKS[2])],
        )

    @property
    def invalid_ballots(self) -> int:
        return self.invalid.total()
