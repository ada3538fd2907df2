"""The titles plugin's tables (professional-title-review.txt): applications (申报, 第九条),
annual ratings (年度考核, 第十一条) and titles revoked for fraud (第五十三条). What the core
keeps of a person (学历, 现职称级别 and its date, 参加工作时间) is not copied here: the
screening reads it from the person. One application per person and year (第十四条) is a
unique index. A frozen copy of plugins/titles/store.py as of this migration; it never
changes."""

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

    class TitlesApplication(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        year = pw.IntegerField()
        series = pw.CharField()
        level = pw.CharField()
        kind = pw.CharField(default="评审")
        current_series = pw.CharField(null=True)
        subject_matches = pw.BooleanField(null=True)
        ce_hours = pw.IntegerField(default=0)
        training_months = pw.IntegerField(default=0)
        retrained = pw.BooleanField(default=False)
        exceptional = pw.BooleanField(default=False)
        consent_on = pw.DateField(null=True)
        consent_by = pw.CharField(null=True)
        transferred_on = pw.DateField(null=True)
        post_changed_on = pw.DateField(null=True)
        applied_on = pw.DateField()
        status = pw.CharField(default="已申报")
        note = pw.TextField(default="")

        class Meta:
            indexes = (
                (("org", "year"), False),  # the screening of a year
                (("org", "person", "year"), True),  # 第十四条: one a year
            )

    class TitlesRating(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        year = pw.IntegerField()
        grade = pw.CharField()

        class Meta:
            indexes = ((("org", "person", "year"), True),)

    class TitlesSanction(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        revoked_on = pw.DateField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "person"), False),)

    db.create_tables([TitlesApplication, TitlesRating, TitlesSanction])
