"""The management part's tables (cadre-selection-appointment.txt 第十七、二十三、二十七、
二十八、三十三条): ``cadre_assessment``, ``cadre_sanction``, ``cadre_audit``,
``cadre_retention``. A frozen copy of plugins/cadre/tables/management.py as of this
migration; it never changes."""

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

    class CadreAssessment(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        kind = pw.CharField()  # 试用期满 | 年度 | 届中 | 届满
        year = pw.IntegerField(null=True)
        assessed_on = pw.DateField()
        grade = pw.CharField()  # 优秀 | 称职 | 基本称职 | 不称职
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("org", "person", "kind", "year"), False),)

    class CadreSanction(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        kind = pw.CharField()
        imposed_on = pw.DateField()
        until = pw.DateField(null=True)
        affects_use = pw.BooleanField(default=True)
        note = pw.TextField(default="")

    class CadreAudit(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        post = pw.ForeignKeyField(Post, null=True)
        kind = pw.CharField()  # 离任 | 届中 | 专项
        started_on = pw.DateField()
        finished_on = pw.DateField(null=True)
        conclusion = pw.TextField(default="")
        note = pw.TextField(default="")

    class CadreRetention(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        post = pw.ForeignKeyField(Post)
        decided_on = pw.DateField()
        body = pw.CharField()  # 党委全委会 | 党委常委会
        members = pw.IntegerField()
        present = pw.IntegerField()
        yes = pw.IntegerField()
        no = pw.IntegerField()
        defer = pw.IntegerField(default=0)
        passed = pw.BooleanField()
        note = pw.TextField(default="")

    db.create_tables([CadreAssessment, CadreSanction, CadreAudit, CadreRetention])
