"""The presidium elected by the congress taking office (student-union-bylaws.txt, 第十条;
六、5 选举结果当场公布): one row per election seated — the result it seated, the day the
terms begin, and the core terms it created — so an election is seated once. A frozen copy
of the store as of this migration; it never changes.
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

    class UnionCongress(Base):
        class Meta:
            table_name = "union_congress"

    class UnionSeating(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE")
        congress = pw.ForeignKeyField(UnionCongress, on_delete="CASCADE")
        election_code = pw.CharField()
        result_id = pw.IntegerField()  # the elections engine's result (certified, published)
        seated_on = pw.DateField()
        terms = pw.TextField()  # JSON: [{"person", "post", "term"}, …]

        class Meta:
            indexes = ((("org", "election_code"), True),)

    db.create_tables([UnionSeating])
