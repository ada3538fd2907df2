"""The sign-in sheet (签到表, office-conduct-attendance.txt 第一篇 一(二)2: 办公室负责机关
人员考勤，实行本人签到制度): one row per 签到 or 签退 of a person — the day and the second
of that day kept apart, so SQL compares a time of day as a plain integer on SQLite and
PostgreSQL alike.

Two indexes: ``(org, day, person, kind, second_of_day)`` covers the monthly report (a
day range of one organization grouped by person, every column it reads in the index);
the unique ``(org, person, day, second_of_day, kind)`` refuses the same event twice
and serves one person's sheet. A frozen copy of plugins/attendance/store.py as of this
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

    class AttendanceSignIn(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE", index=False)
        person = pw.ForeignKeyField(Person, index=False)
        day = pw.DateField()
        second_of_day = pw.IntegerField()  # 0 … 86399: 08:41 is 31260
        kind = pw.SmallIntegerField()  # 1 签到, 2 签退

        class Meta:
            table_name = "attendance_sign_in"
            indexes = (
                (("org", "day", "person", "kind", "second_of_day"), False),
                (("org", "person", "day", "second_of_day", "kind"), True),
            )

    db.create_tables([AttendanceSignIn])
