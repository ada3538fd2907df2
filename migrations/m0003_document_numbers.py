"""Document numbers (``document_number``): each organization's 发文字号, issued per
机关代字 (prefix) and year without gaps, hence unique on (org, prefix, year, seq).

A frozen copy of the table as of this migration; it follows the core's migration before it.
"""

from __future__ import annotations

from typing import Any

import peewee as pw


def up(migrator: Any, db: pw.Database) -> None:
    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organization(Base):  # as in 0001; only referenced, not created
        code = pw.CharField(unique=True)

    class DocumentNumber(Base):
        org = pw.ForeignKeyField(Organization, on_delete="CASCADE", index=True)
        prefix = pw.CharField()  # 机关代字, e.g. 组发
        year = pw.IntegerField()
        seq = pw.IntegerField()
        title = pw.TextField()
        issued_at = pw.DateTimeField()  # naive UTC

        class Meta:
            indexes = ((("org", "prefix", "year", "seq"), True),)

    db.create_tables([DocumentNumber])
