"""The encrypted, tamper-evident audit trail (审计日志).

Every change is recorded by :func:`record`, inside the transaction of the change, and
nothing else writes audit rows. Each entry is a binary header and a body encrypted
under its organization's data key (:mod:`core.audit.entry`), a leaf of an RFC 6962
Merkle tree (:mod:`core.audit.merkle`) whose root is signed in checkpoints
(:mod:`core.audit.checkpoint`); :mod:`core.audit.log` appends and reads,
:mod:`core.audit.verify` checks everything without keys, and
:mod:`core.audit.keystore` finds and keeps the keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.audit.entry import Body
from core.audit.log import append
from core.errors import ConfigurationError
from core.jsonable import jsonable

if TYPE_CHECKING:
    from core.services.context import Context

__all__ = ["record", "record_change"]


def record(
    ctx: Context,
    *,
    org_id: int | None,
    action: str,
    object_type: str,
    object_id: object,
    before: Any = None,
    after: Any = None,
    reason: str = "",
    plugin: str = "core",
) -> int:
    """Append one audit entry inside the change's transaction; return its sequence number.

    ``org_id`` None records a deployment-wide change (accounts, organizations' creation
    is recorded under the new organization itself).
    """
    if ctx.keys is None:
        raise ConfigurationError("the audit keys are not available in this context")
    body = Body(
        actor=ctx.actor.name,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=before,
        after=after,
        reason=reason,
        plugin=plugin,
    )
    return append(ctx.database, ctx.keys, org_id=org_id or 0, body=body)


def record_change(
    ctx: Context,
    org: Any,
    action: str,
    object_type: str,
    object_id: object,
    after: Any,
    before: Any = None,
    *,
    plugin: str,
) -> int:
    """A plugin's change in organization ``org`` (its row): :func:`record` with the action
    named ``<plugin>.<action>`` and the values made JSON-ready (:func:`core.jsonable`).
    Plugins bind ``plugin`` once (``functools.partial``) and call it on every write."""
    return record(
        ctx,
        org_id=org.id,
        action=f"{plugin}.{action}",
        object_type=object_type,
        object_id=object_id,
        before=jsonable(before),
        after=jsonable(after),
        plugin=plugin,
    )
