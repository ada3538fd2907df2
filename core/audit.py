"""Writing the record of a change, in the same transaction as the change.

Every service that changes anything calls :func:`record` inside its transaction;
nothing else writes audit rows. The body (before, after, reason) is stored as JSON
for now; the encrypted, hash-linked trail (the audit issue) replaces the storage
behind this same function.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.models import AuditEntry
from core.services.context import Context

__all__ = ["record"]


def record(
    ctx: Context,
    *,
    org_id: int | None,
    action: str,
    object_type: str,
    object_id: object,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    plugin: str = "core",
) -> None:
    """Append one audit entry; must run inside the change's transaction."""
    if not ctx.database.in_transaction():
        raise RuntimeError("audit.record must be called inside the change's transaction")
    AuditEntry.create(
        at=dt.datetime.now(dt.UTC),
        org=org_id,
        actor=ctx.actor.name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        plugin=plugin,
        body={"before": before, "after": after, "reason": reason},
    )
