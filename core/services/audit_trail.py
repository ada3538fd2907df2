"""Reading, verifying and checkpointing the audit trail; rotating and removing keys.

Reading decrypts only the organizations whose audit trail the actor may read
(auditors of that organization; operators read everything, deployment-wide entries
included). Verifying needs no key and no account: anyone with the database and a
checkpoint can do it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from core import audit, models
from core.access import Action, allows
from core.audit import log as audit_log
from core.audit import merkle, witness
from core.audit.checkpoint import Checkpoint
from core.audit.keystore import DeploymentKeys
from core.audit.verify import Report, verify
from core.errors import ConfigurationError, InvalidInput, PermissionDenied
from core.services.context import Context, roles_of
from core.services.orgs import org_row

__all__ = [
    "AuditRecord",
    "make_checkpoint",
    "prove",
    "read_audit",
    "remove_keys",
    "rotate_key",
    "verify_log",
    "witness_warning",
]


@attrs.frozen
class AuditRecord:
    """One audit entry as shown to a reader."""

    seq: int
    at: dt.datetime
    org: str  # organization code, or "" for deployment-wide
    actor: str
    action: str
    object_type: str
    object_id: str
    plugin: str
    before: Any
    after: Any
    reason: str
    problem: str = ""

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self) | {"at": self.at.isoformat()}


def _readable_orgs(ctx: Context, org_code: str | None) -> dict[int, str]:
    """Organization id → code that the actor may read the audit trail of."""
    if org_code is not None:
        org = org_row(ctx, org_code, Action.READ_AUDIT)
        return {org.id: org.code}
    codes = {r.id: r.code for r in models.Organization.select()}
    if ctx.actor.is_operator:
        return {0: ""} | codes
    allowed = {
        i: c for i, c in codes.items() if allows(roles_of(ctx.actor.id, i), Action.READ_AUDIT)
    }
    if not allowed:
        raise PermissionDenied(
            f"account {ctx.actor.name!r} may not read the audit trail of any organization "
            "(无此权限)"
        )
    return allowed


def read_audit(
    ctx: Context,
    *,
    org_code: str | None = None,
    actor: str | None = None,
    object_ref: str | None = None,
    plugin: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int | None = None,
) -> list[AuditRecord]:
    """Entries the actor may read, decrypted and filtered, oldest first.

    ``object_ref`` is ``TYPE`` or ``TYPE:ID`` (e.g. ``person:12``).
    """
    if ctx.keys is None:
        raise ConfigurationError("reading the audit trail needs the deployment's keys")
    orgs = _readable_orgs(ctx, org_code)
    object_type, _, object_id = (object_ref or "").partition(":")
    found: list[AuditRecord] = []
    for entry in audit_log.read_entries(ctx.keys, set(orgs), since=since, until=until):
        body = entry.body
        if body is None:
            found.append(
                AuditRecord(
                    entry.seq,
                    entry.at,
                    orgs.get(entry.org_id, "?"),
                    "",
                    "",
                    "",
                    "",
                    "",
                    None,
                    None,
                    "",
                    entry.problem,
                )
            )
            continue
        if (
            (actor and body.actor != actor)
            or (plugin and body.plugin != plugin)
            or (action and body.action != action)
            or (object_type and body.object_type != object_type)
            or (object_id and body.object_id != object_id)
        ):
            continue
        found.append(
            AuditRecord(
                entry.seq,
                entry.at,
                orgs.get(entry.org_id, "?"),
                body.actor,
                body.action,
                body.object_type,
                body.object_id,
                body.plugin,
                body.before,
                body.after,
                body.reason,
            )
        )
    return found[-limit:] if limit else found


def verify_log(
    against: Path | None = None,
    *,
    ctx: Context | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Verify the log (no key needed), against an exported checkpoint file if given, and
    against the checkpoint this machine saw last; remember the newest one when all is well.
    With an operator's context, also check that every readable entry decrypts."""
    checkpoint = None
    if against is not None:
        try:
            checkpoint = Checkpoint.from_text(against.read_text(encoding="utf-8"))
        except OSError as error:
            raise InvalidInput("against", str(against), f"cannot read: {error.strerror}") from None
        except ValueError as error:
            raise InvalidInput("against", str(against), str(error)) from None
    log = audit_log.log_row()
    log_id = bytes(log.log_id)
    keys = ctx.keys if ctx is not None and ctx.actor.is_operator else None
    report = verify(checkpoint, keys=keys, seen=witness.seen(log_id), progress=progress)
    if report.ok:
        latest = audit_log.latest_checkpoint()
        if latest is not None:
            witness.remember(log_id, latest)
    return report


def make_checkpoint(ctx: Context, export: Path | None = None) -> Checkpoint:
    """Sign a checkpoint of the log now (any account may), optionally write it to a file."""
    if ctx.keys is None:
        raise ConfigurationError("signing a checkpoint needs the deployment's keys")
    made = audit_log.checkpoint(ctx.database, ctx.keys)
    witness.remember(bytes(audit_log.log_row().log_id), made)
    if export is not None:
        try:
            export.write_text(made.to_text(), encoding="utf-8")
        except OSError as error:
            raise InvalidInput("export", str(export), f"cannot write: {error.strerror}") from None
    return made


def prove(ctx: Context, seq: int) -> dict[str, object]:
    """An inclusion proof of entry ``seq`` in the log as it is (docs/verify_inclusion.py)."""
    row = models.AuditEntry.get_or_none(models.AuditEntry.seq == seq)
    if row is None:
        raise InvalidInput("seq", seq, "no such entry in the audit log")
    if not ctx.actor.is_operator:
        org = models.Organization.get_or_none(models.Organization.id == row.org_id)
        ctx.authorize(org.id if org else None, Action.READ_AUDIT, org.code if org else "")
    return audit_log.inclusion_proof(seq, audit_log.log_size())


def _key_store(ctx: Context) -> DeploymentKeys:
    """The deployment's key store, for an actor who may manage keys (operators)."""
    ctx.authorize(None, Action.MANAGE_KEYS)
    if not isinstance(ctx.keys, DeploymentKeys):
        raise ConfigurationError("managing keys needs the deployment's key store")
    return ctx.keys


def rotate_key(ctx: Context, org_code: str) -> int:
    """Add a new data key version for the organization (operators); history stays as it is."""
    store = _key_store(ctx)
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.READ)
        version = store.rotate(org.id)
        audit.record(
            ctx,
            org_id=org.id,
            action="key.rotate",
            object_type="data_key",
            object_id=version,
            after={"version": version},
        )
    return version


def remove_keys(ctx: Context, org_code: str) -> int:
    """Delete every data key of the organization (operators): its entries become
    unreadable for good, while the log still verifies. Recorded deployment-wide."""
    store = _key_store(ctx)
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.READ)
        removed = store.remove(org.id)
        audit.record(
            ctx,
            org_id=None,
            action="key.remove",
            object_type="organization",
            object_id=org.id,
            after={"org": org.code, "keys_removed": removed},
        )
    return removed


def witness_warning() -> str | None:
    """A warning when the log no longer extends the checkpoint this machine saw last.

    Quick: it rebuilds the root from the stored leaf hashes only (a full
    ``verify_log`` rehashes every entry).
    """
    log = audit_log.log_row()
    seen = witness.seen(bytes(log.log_id))
    if seen is None or seen.origin != log.origin:
        return None
    size = audit_log.log_size()
    if seen.size > size:
        return (
            f"审计日志只有 {size} 条，少于本机 {seen.at:%Y-%m-%d} 核验过的 {seen.size} 条："
            "日志被截断或回滚 (the audit log is shorter than the checkpoint this machine "
            "saw: truncated or rolled back)"
        )
    leaves = [
        bytes(r.leaf_hash)
        for r in models.AuditEntry.select(models.AuditEntry.leaf_hash)
        .where(models.AuditEntry.seq < seen.size)
        .order_by(models.AuditEntry.seq)
    ]
    if merkle.root(leaves) != seen.root:
        return (
            f"审计日志不再延续本机 {seen.at:%Y-%m-%d} 核验过的检查点：前 {seen.size} 条已被改动 "
            "(the audit log no longer extends the checkpoint this machine saw)"
        )
    return None
