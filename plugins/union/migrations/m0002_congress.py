"""The congress's own records (student-union-bylaws.txt, 第八条 and 六、主席团成员选举办法):
each session's delegates (formal or 列席, and how they came to be delegates), the
presidium election a session holds through the elections engine, and the schedule's
items (七、日程和主要议程表) recorded done. A frozen copy of the store as of this
migration; it never changes.
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

    class UnionCongress(Base):
        class Meta:
            table_name = "union_congress"

    class UnionDelegate(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        congress = pw.ForeignKeyField(UnionCongress, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        kind = pw.CharField()  # 正式代表 | 列席代表
        elected_by = pw.CharField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("congress", "person"), True),)

    class UnionCongressElection(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        congress = pw.ForeignKeyField(UnionCongress, on_delete="CASCADE")
        election_code = pw.CharField()

        class Meta:
            indexes = ((("org", "election_code"), True),)

    class UnionAgendaDone(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        congress = pw.ForeignKeyField(UnionCongress, on_delete="CASCADE")
        item = pw.CharField()
        done_on = pw.DateField()
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("congress", "item"), True),)

    db.create_tables([UnionDelegate, UnionCongressElection, UnionAgendaDone])
