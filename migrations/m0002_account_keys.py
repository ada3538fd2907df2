"""SSH public keys bound to accounts (``account_key``): over SSH the key a person logs
in with names the account that acts, so each key belongs to exactly one account.

A frozen copy of the table as of this migration; it follows core/0001_initial.
"""

from __future__ import annotations

from typing import Any

import peewee as pw


def up(migrator: Any, db: pw.Database) -> None:
    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Account(Base):  # as in 0001; only referenced, not created
        name = pw.CharField(unique=True)

    class AccountKey(Base):
        account = pw.ForeignKeyField(Account, on_delete="CASCADE", index=True)
        public_key = pw.TextField()  # the OpenSSH one-line form: type, base64, comment
        fingerprint = pw.CharField(unique=True)  # SHA256:… as ssh-keygen -l prints it
        comment = pw.CharField(default="")
        added_at = pw.DateTimeField()

    db.create_tables([AccountKey])
