"""Who attended a congress session (student-union-bylaws.txt 第八条 当有三分之二以上当选
代表参加时,方可召开; 六、4 大会选举必须有五分之四以上的正式代表出席; 六、6 因故未出席本次
代表大会的代表,不得委托他人代为投票): one row per 正式代表 of the session whose attendance is
recorded — present (出席) or absent (缺席) — with a note (e.g. 请假). Once a session has any
row, its recorded present delegates are the figure its quorums count, not the typed
``present`` of the session. A frozen copy of the store as of this migration; it never
changes.
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
        class Meta:
            table_name = "union_delegate"

    class UnionAttendance(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        congress = pw.ForeignKeyField(UnionCongress, on_delete="CASCADE")
        delegate = pw.ForeignKeyField(UnionDelegate, on_delete="CASCADE")
        person = pw.ForeignKeyField(Person)
        present = pw.BooleanField()  # True 出席, False 缺席
        note = pw.TextField(default="")

        class Meta:
            indexes = ((("congress", "person"), True),)

    db.create_tables([UnionAttendance])
