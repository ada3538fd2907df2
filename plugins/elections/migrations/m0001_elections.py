"""The election engine's tables: elections, their offices and candidates, the votes
held (rounds), ballots entered one by one, tally sheets, and the results decided.

Every row carries the organization (``org``) and every query filters by it. A frozen
copy of the tables as of this migration, independent of ``plugins.elections.tables``.

Ballots are the large table (a congress or a village casts thousands): one row per
ballot, its marks in a compact text — one character per printed name in the round's
ballot order (✓ × △, · for no mark, ? for a mark that could not be read) — and its
write-ins as JSON only when there are any, so a round's ballots are counted by
streaming two short columns through the pure counting function in one pass.
"""

from __future__ import annotations

from typing import Any

import peewee as pw

DEPENDS_ON = (("core", "0001_initial"),)


def up(migrator: Any, db: pw.Database) -> None:
    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organization(Base):  # as in core 0001; only referenced, not created
        code = pw.CharField(unique=True)

    class Person(Base):  # as in core 0001; only referenced, not created
        name = pw.CharField()

    class Election(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        code = pw.CharField()
        title = pw.CharField()
        rule_set = pw.CharField()  # union_presidium | village_committee
        electorate = pw.IntegerField()  # registered voters or formal delegates
        electorate_kind = pw.CharField()  # REGISTERED_VOTERS | FORMAL_DELEGATES
        created_at = pw.DateTimeField()  # naive UTC
        created_by = pw.CharField()

        class Meta:
            table_name = "elections_election"
            indexes = ((("org", "code"), True),)

    class Office(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        election = pw.ForeignKeyField(Election, on_delete="CASCADE", index=False)
        position = pw.IntegerField()  # order on the ballot
        name = pw.CharField()
        seats = pw.IntegerField()

        class Meta:
            table_name = "elections_office"
            indexes = ((("election", "name"), True),)

    class Candidate(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        election = pw.ForeignKeyField(Election, on_delete="CASCADE", index=False)
        office = pw.ForeignKeyField(Office, on_delete="CASCADE", index=False)
        position = pw.IntegerField(null=True)  # order on the ballot; None: written in
        name = pw.CharField()  # as printed
        person = pw.ForeignKeyField(Person, null=True)  # the core's record, if linked

        class Meta:
            table_name = "elections_candidate"
            indexes = ((("election", "office", "name"), True),)

    class Round(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        election = pw.ForeignKeyField(Election, on_delete="CASCADE", index=False)
        number = pw.IntegerField()
        kind = pw.CharField()  # FIRST, ANOTHER, REVOTE (joined with + when mixed)
        offices = pw.TextField()  # JSON: the offices voted for, seats, candidates, kind
        present = pw.IntegerField(null=True)  # 实到
        ballots_issued = pw.IntegerField(null=True)
        ballots_returned = pw.IntegerField(null=True)
        took_part = pw.IntegerField(null=True)  # 参加投票的人
        staff = pw.TextField()  # JSON: 监票人, 计票人, 唱票人 of the ballots entered
        opened_at = pw.DateTimeField()
        opened_by = pw.CharField()
        closed_at = pw.DateTimeField(null=True)
        closed_by = pw.CharField(null=True)

        class Meta:
            table_name = "elections_round"
            indexes = ((("election", "number"), True),)

    class Ballot(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE", index=False)
        round = pw.ForeignKeyField(Round, on_delete="CASCADE", index=False)
        seq = pw.IntegerField()  # 1, 2, … in the order read aloud
        marks = pw.TextField()  # one of ✓ × △ · ? per printed name, in ballot order
        write_ins = pw.TextField(null=True)  # JSON [[office index, name], …] or NULL
        entered_by = pw.CharField()
        entered_at = pw.DateTimeField()

        class Meta:
            table_name = "elections_ballot"
            indexes = ((("round", "seq"), True),)

    class Sheet(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        round = pw.ForeignKeyField(Round, on_delete="CASCADE", index=False)
        count_no = pw.IntegerField()  # 1: the count; 2, 3 …: re-counts
        seq = pw.IntegerField()
        ballots_counted = pw.IntegerField()
        totals = pw.TextField()  # JSON {office: {for|against|abstain: {name: n}}}
        invalid = pw.TextField()  # JSON {reason: n}
        staff = pw.TextField()  # JSON: 监票人, 计票人, 唱票人
        entered_by = pw.CharField()
        entered_at = pw.DateTimeField()

        class Meta:
            table_name = "elections_sheet"
            indexes = ((("round", "count_no", "seq"), True),)

    class Result(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        election = pw.ForeignKeyField(Election, on_delete="CASCADE", index=False)
        round = pw.ForeignKeyField(Round, on_delete="CASCADE", index=False)
        count_no = pw.IntegerField()  # 1: the count; 2, 3 …: re-counts
        recount_of = pw.ForeignKeyField("self", null=True)
        reason = pw.TextField()
        present = pw.IntegerField(null=True)
        ballots_issued = pw.IntegerField()
        ballots_returned = pw.IntegerField()
        took_part = pw.IntegerField(null=True)
        tally = pw.TextField(null=True)  # JSON: the round's tally sheet as counted
        outcome = pw.CharField()  # the election's outcome after this vote
        members = pw.TextField()  # JSON: everyone elected so far, in office order
        result = pw.TextField()  # JSON: the decided result, every step and clause
        counted_at = pw.DateTimeField()
        counted_by = pw.CharField()
        certified = pw.BooleanField(default=False)
        certified_at = pw.DateTimeField(null=True)
        certified_by = pw.CharField(null=True)
        findings = pw.TextField(null=True)  # JSON: the findings when certified
        announcement = pw.CharField(null=True)  # 文号 or 公告（第N号）
        published_at = pw.DateTimeField(null=True)
        published_by = pw.CharField(null=True)
        locked = pw.BooleanField(default=False)

        class Meta:
            table_name = "elections_result"
            indexes = ((("election", "round", "count_no"), True),)

    db.create_tables([Election, Office, Candidate, Round, Ballot, Sheet, Result])
