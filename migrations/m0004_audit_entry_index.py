"""The audit entries' two indexes, one on the organization and one on the time, become
one on (organization, time): one index page written with each change where there were
two, and a reader's query — an organization's entries, within a time window or not —
uses it the same way.

A query by time alone (an operator's, across every organization) reads the table in
``seq`` order instead, as it does without a time window.
"""

from __future__ import annotations

from typing import Any

import peewee as pw
from playhouse.migrate import migrate


def up(migrator: Any, db: pw.Database) -> None:
    migrate(
        migrator.drop_index("audit_entry", "audit_entry_at"),
        migrator.drop_index("audit_entry", "audit_entry_org_id"),
        migrator.add_index("audit_entry", ("org_id", "at"), False),
    )
