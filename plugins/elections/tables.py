"""The election engine's tables as peewee models, for the services only.

The schema is created by ``plugins/elections/migrations`` (a frozen copy there); these
classes read and write it. The models are bound to the service context's database
through a proxy of their own (:func:`bind`), since a plugin imports no core module but
``core.api``. Every row carries ``org_id``; every query filters by it.
"""

from __future__ import annotations

import json
from typing import Any

import peewee as pw

__all__ = [
    "BallotRow",
    "CandidateRow",
    "ElectionRow",
    "OfficeRow",
    "ResultRow",
    "RoundRow",
    "SheetRow",
    "bind",
]

_DB = pw.DatabaseProxy()


def bind(database: pw.Database) -> None:
    """Point the models at ``database`` (the service context's)."""
    if _DB.obj is not database:
        _DB.initialize(database)


class JsonText(pw.TextField):
    """JSON stored as text, portable across SQLite and PostgreSQL."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class _Row(pw.Model):
    id = pw.AutoField()
    org_id = pw.IntegerField()

    class Meta:
        database = _DB
        legacy_table_names = False


class ElectionRow(_Row):
    code = pw.CharField()
    title = pw.CharField()
    rule_set = pw.CharField()
    electorate = pw.IntegerField()
    electorate_kind = pw.CharField()
    created_at = pw.DateTimeField()
    created_by = pw.CharField()

    class Meta:
        table_name = "elections_election"


class OfficeRow(_Row):
    election_id = pw.IntegerField()
    position = pw.IntegerField()
    name = pw.CharField()
    seats = pw.IntegerField()

    class Meta:
        table_name = "elections_office"


class CandidateRow(_Row):
    election_id = pw.IntegerField()
    office_id = pw.IntegerField()
    position = pw.IntegerField(null=True)
    name = pw.CharField()
    person_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "elections_candidate"


class RoundRow(_Row):
    election_id = pw.IntegerField()
    number = pw.IntegerField()
    kind = pw.CharField()
    offices = JsonText()
    present = pw.IntegerField(null=True)
    ballots_issued = pw.IntegerField(null=True)
    ballots_returned = pw.IntegerField(null=True)
    took_part = pw.IntegerField(null=True)
    staff = JsonText()
    opened_at = pw.DateTimeField()
    opened_by = pw.CharField()
    closed_at = pw.DateTimeField(null=True)
    closed_by = pw.CharField(null=True)

    class Meta:
        table_name = "elections_round"


class BallotRow(_Row):
    round_id = pw.IntegerField()
    seq = pw.IntegerField()
    marks = pw.TextField()
    write_ins = JsonText(null=True)
    entered_by = pw.CharField()
    entered_at = pw.DateTimeField()

    class Meta:
        table_name = "elections_ballot"


class SheetRow(_Row):
    round_id = pw.IntegerField()
    count_no = pw.IntegerField()
    seq = pw.IntegerField()
    ballots_counted = pw.IntegerField()
    totals = JsonText()
    invalid = JsonText()
    staff = JsonText()
    entered_by = pw.CharField()
    entered_at = pw.DateTimeField()

    class Meta:
        table_name = "elections_sheet"


class ResultRow(_Row):
    election_id = pw.IntegerField()
    round_id = pw.IntegerField()
    count_no = pw.IntegerField()
    recount_of_id = pw.IntegerField(null=True)
    reason = pw.TextField()
    present = pw.IntegerField(null=True)
    ballots_issued = pw.IntegerField()
    ballots_returned = pw.IntegerField()
    took_part = pw.IntegerField(null=True)
    tally = JsonText(null=True)
    outcome = pw.CharField()
    members = JsonText()
    result = JsonText()
    counted_at = pw.DateTimeField()
    counted_by = pw.CharField()
    certified = pw.BooleanField(default=False)
    certified_at = pw.DateTimeField(null=True)
    certified_by = pw.CharField(null=True)
    findings = JsonText(null=True)
    announcement = pw.CharField(null=True)
    published_at = pw.DateTimeField(null=True)
    published_by = pw.CharField(null=True)
    locked = pw.BooleanField(default=False)

    class Meta:
        table_name = "elections_result"
