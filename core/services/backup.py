"""``zhidu backup`` and ``zhidu restore``: a consistent copy that restores and verifies.

On SQLite the copy is made with SQLite's online backup API, a consistent snapshot
even while others write; the copy's audit log is verified before the backup is called
done. A restore verifies the copy first, including against the last checkpoint this
machine has seen of the log: a copy older than that would roll the audit trail back,
and is reported — refused unless the operator accepts it explicitly. On PostgreSQL use
``pg_dump``/``pg_restore`` and then ``zhidu audit verify``.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import attrs

from core import database as dbmod
from core.access import Action
from core.audit import log as audit_log
from core.audit import witness
from core.audit.verify import Report, verify
from core.errors import ConfigurationError, InvalidInput
from core.services.context import Context

__all__ = ["BackupResult", "back_up", "restore"]


@attrs.frozen
class BackupResult:
    path: Path
    report: Report


def _sqlite_file(url: str) -> Path:
    path = dbmod.sqlite_path(url)
    if path is None:
        raise ConfigurationError(
            "zhidu backup copies SQLite databases; for PostgreSQL use pg_dump and pg_restore, "
            "then `zhidu audit verify`"
        )
    return path


def _check(url: str) -> Report:
    with dbmod.using(url):
        log = audit_log.log_row()
        return verify(seen=witness.seen(bytes(log.log_id)))


def back_up(ctx: Context, url: str, target: Path) -> BackupResult:
    """Copy the database consistently to ``target`` (a new file) and verify the copy."""
    ctx.authorize(None, Action.BACK_UP)
    source = _sqlite_file(url)
    if target.exists():
        raise InvalidInput("target", str(target), "exists already; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    copy_report = _check(f"sqlite:///{target}")
    if not copy_report.ok:
        raise ConfigurationError(f"the backup does not verify: {copy_report.first}")
    return BackupResult(target, copy_report)


def restore(source: Path, url: str, *, accept_rollback: bool = False) -> BackupResult:
    """Restore the backup ``source`` as the database at ``url`` (which must not exist)."""
    target = _sqlite_file(url)
    if not source.is_file():
        raise InvalidInput("backup", str(source), "no such file")
    if target.exists():
        raise InvalidInput(
            "database", str(target), "exists already: move it away first, restore never overwrites"
        )
    report = _check(f"sqlite:///{source}")
    rollback = [p for p in report.problems if p.kind == "truncated"]
    others = [p for p in report.problems if p.kind != "truncated"]
    if others:
        raise ConfigurationError(f"the backup does not verify: {others[0]}")
    if rollback and not accept_rollback:
        raise ConfigurationError(
            f"restoring would roll the audit log back: {rollback[0].message}; "
            "pass --accept-rollback to restore it anyway"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return BackupResult(target, report)
