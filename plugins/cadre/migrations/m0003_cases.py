"""The selection cases (第十二–二十一条): cases and their posts, stages and timeline,
candidates, recommendation votes, 凡提四必 checks, the committee's roster and votes,
notices, talks and appointments. A frozen copy of plugins/cadre/tables/cases.py as of
this migration; it never changes."""

from __future__ import annotations

from typing import Any

import peewee as pw

DEPENDS_ON = (("core", "0001_initial"),)


def up(migrator: Any, db: pw.Database) -> None:
    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organization(Base):
        class Meta:
            table_name = "organization"

    class Person(Base):
        class Meta:
            table_name = "person"

    class Post(Base):
        class Meta:
            table_name = "post"

    class Term(Base):
        class Meta:
            table_name = "term"

    class CadreCase(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        title = pw.CharField()
        method = pw.CharField()
        opened_on = pw.DateField()
        closed_on = pw.DateField(null=True)
        note = pw.TextField(default="")

    def case_field() -> pw.ForeignKeyField:
        return pw.ForeignKeyField(CadreCase, on_delete="CASCADE")

    class CadreCasePost(Base):
        case = case_field()
        post = pw.ForeignKeyField(Post)
        seats = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("case", "post"), True),)

    class CadreCaseStage(Base):
        case = case_field()
        stage = pw.CharField()
        held_on = pw.DateField()
        facts = pw.TextField(default="{}")

        class Meta:
            indexes = ((("case", "stage"), True),)

    class CadreCaseEvent(Base):
        case = case_field()
        stage = pw.CharField()
        happened_on = pw.DateField()
        outcome = pw.CharField()
        person = pw.ForeignKeyField(Person, null=True)
        message_zh = pw.TextField()
        message_en = pw.TextField()
        article = pw.CharField(default="")
        words = pw.TextField(default="")

    class CadreCandidate(Base):
        case = case_field()
        person = pw.ForeignKeyField(Person)
        post = pw.ForeignKeyField(Post, null=True)
        source = pw.CharField()
        registered_on = pw.DateField(null=True)
        unit_consent = pw.BooleanField(default=False)
        eligible = pw.BooleanField(null=True)
        eligibility = pw.TextField(default="")
        score = pw.CharField(null=True)
        tested_on = pw.DateField(null=True)
        inspected_on = pw.DateField(null=True)

        class Meta:
            indexes = ((("case", "person"), True),)

    class CadreRecommendation(Base):
        case = case_field()
        kind = pw.CharField()
        held_on = pw.DateField()
        participants = pw.IntegerField()
        person = pw.ForeignKeyField(Person)
        votes = pw.IntegerField()
        scattered = pw.BooleanField(default=False)

    class CadreInspectionCheck(Base):
        case = case_field()
        person = pw.ForeignKeyField(Person)
        kind = pw.CharField()
        checked_on = pw.DateField()
        result = pw.TextField(default="")

        class Meta:
            indexes = ((("case", "person", "kind"), True),)

    class CadreCommitteeMember(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        body = pw.CharField()
        person = pw.ForeignKeyField(Person)
        since = pw.DateField()
        until = pw.DateField(null=True)

    class CadreVote(Base):
        case = case_field()
        person = pw.ForeignKeyField(Person)
        post = pw.ForeignKeyField(Post, null=True)
        kind = pw.CharField()
        held_on = pw.DateField()
        body = pw.CharField()
        members = pw.IntegerField()
        present = pw.IntegerField(default=0)
        withdrawn = pw.TextField(default="[]")
        yes = pw.IntegerField(default=0)
        no = pw.IntegerField(default=0)
        defer = pw.IntegerField(default=0)
        quorate = pw.BooleanField(default=False)
        passed = pw.BooleanField(default=False)
        note = pw.TextField(default="")

    class CadreNotice(Base):
        case = case_field()
        person = pw.ForeignKeyField(Person)
        post = pw.ForeignKeyField(Post)
        start = pw.DateField()
        end = pw.DateField()
        working_days = pw.IntegerField()
        assumed = pw.TextField(default="")
        affects = pw.BooleanField(default=False)
        note = pw.TextField(default="")

    class CadreTalk(Base):
        case = case_field()
        person = pw.ForeignKeyField(Person)
        kind = pw.CharField()
        held_on = pw.DateField()
        by = pw.CharField(default="")

    class CadreAppointment(Base):
        case = case_field()
        person = pw.ForeignKeyField(Person)
        post = pw.ForeignKeyField(Post)
        term = pw.ForeignKeyField(Term)
        start = pw.DateField()
        probation_end = pw.DateField(null=True)
        appointed_on = pw.DateField()

    db.create_tables(
        [
            CadreCase,
            CadreCasePost,
            CadreCaseStage,
            CadreCaseEvent,
            CadreCandidate,
            CadreRecommendation,
            CadreInspectionCheck,
            CadreCommitteeMember,
            CadreVote,
            CadreNotice,
            CadreTalk,
            CadreAppointment,
        ]
    )
