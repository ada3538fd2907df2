"""Eligibility's tables: ``cadre_profile`` (one per person: track, family abroad for
第十五条（四）, management since for 第九条（一）4, fitness for 第九条（一）5/（二）8),
``cadre_training`` (第九条（二）7) and ``cadre_exception`` (破格提拔, 第十一条).
A frozen copy of plugins/cadre/tables/records.py as of this migration; it never changes.
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

    class Person(Base):
        class Meta:
            table_name = "person"

    class CadreProfile(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person, unique=True)
        track = pw.CharField()
        family_emigrated = pw.BooleanField(default=False)
        management_since = pw.DateField(null=True)
        fit_for_duty = pw.BooleanField(default=True)
        note = pw.TextField(default="")

    class CadreTraining(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        completed_on = pw.DateField()
        hours = pw.IntegerField()
        institution = pw.CharField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "person"), False),)

    class CadreException(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        target_rank = pw.CharField()
        kind = pw.CharField()
        reason = pw.CharField()
        consent_on = pw.DateField(null=True)
        consent_by = pw.CharField(null=True)
        recorded_on = pw.DateField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "person"), False),)

    db.create_tables([CadreProfile, CadreTraining, CadreException])
