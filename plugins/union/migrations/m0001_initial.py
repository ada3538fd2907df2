"""The union's tables: what the core does not hold (student-union-bylaws.txt).

Department duties declared (standard 1), congress sessions (8, 9), trainings and who
attended (10), awards and their basis (11), the Party's hearings (12), the league's
guide and secretary-general (13: not students, so not core posts — they would count
as staff), league branches (14), students' academic standing (7), and membership
events (join, appointment, warning, removal, resignation notice, certificate, 述职).
A frozen copy of plugins/union/store.py as of this migration; it never changes.
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

    class Organization(Base):
        class Meta:
            table_name = "organization"

    class Unit(Base):
        class Meta:
            table_name = "unit"

    class Person(Base):
        class Meta:
            table_name = "person"

    class UnionDuty(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        unit = pw.ForeignKeyField(Unit)
        duty = pw.TextField()
        administrative = pw.BooleanField(null=True)
        declared_on = pw.DateField()

    class UnionCongress(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        held_on = pw.DateField()
        kind = pw.CharField()
        delegates = pw.IntegerField()
        present = pw.IntegerField()
        elects_presidium = pw.BooleanField(default=False)
        note = pw.TextField(default="")

    class UnionTraining(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        held_on = pw.DateField()
        season = pw.CharField()
        note = pw.TextField(default="")

    class UnionTrainingAttendee(Base):
        training = pw.ForeignKeyField(UnionTraining, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)

        class Meta:
            indexes = ((("training", "person"), True),)

    class UnionAward(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        awarded_on = pw.DateField()
        name = pw.CharField()
        basis = pw.CharField()

    class UnionHearing(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        held_on = pw.DateField()
        topic = pw.TextField()

    class UnionGuide(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        role = pw.CharField()
        name = pw.CharField()
        league_cadre = pw.BooleanField()
        start = pw.DateField()
        end = pw.DateField(null=True)

    class UnionBranch(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        founded_on = pw.DateField()
        secretary = pw.ForeignKeyField(Person, null=True)
        dissolved_on = pw.DateField(null=True)

    class UnionAcademic(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        recorded_on = pw.DateField()
        level = pw.CharField()
        enrolled = pw.IntegerField()
        failed = pw.IntegerField(default=0)
        basis = pw.CharField(null=True)
        rank = pw.IntegerField(null=True)
        size = pw.IntegerField(null=True)

    class UnionEvent(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        kind = pw.CharField()
        happened_on = pw.DateField()
        unit = pw.ForeignKeyField(Unit, null=True)
        post_code = pw.CharField(null=True)
        offence = pw.CharField(null=True)
        authority = pw.CharField(null=True)
        effective_on = pw.DateField(null=True)
        note = pw.TextField(default="")

    db.create_tables(
        [
            UnionDuty,
            UnionCongress,
            UnionTraining,
            UnionTrainingAttendee,
            UnionAward,
            UnionHearing,
            UnionGuide,
            UnionBranch,
            UnionAcademic,
            UnionEvent,
        ]
    )
