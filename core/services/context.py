"""The service context: who acts, against which database, with which plugins, when.

Every service takes a :class:`Context` first. It checks permission, runs in one
transaction, writes the change and its audit entry together, and returns plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING

import attrs
import peewee as pw

from core.access import Action, Role, allows
from core.database import is_sqlite
from core.errors import PermissionDenied
from core.plugin_host import PluginHost

if TYPE_CHECKING:
    from core.audit.log import AuditKeys

__all__ = ["Actor", "Context", "roles_of"]


@attrs.frozen
class Actor:
    """The acting account (操作人). Comes from the OS user or SSH key, never from a flag."""

    id: int
    name: str
    is_operator: bool


@attrs.define
class Context:
    database: pw.Database
    actor: Actor
    host: PluginHost
    today: Callable[[], date] = date.today
    keys: AuditKeys | None = None  # None: this context cannot write (nor read the audit)

    def transaction(self) -> AbstractContextManager[object]:
        """One transaction (IMMEDIATE on SQLite); nested calls join the outer one.

        On PostgreSQL the outermost one first locks the audit log's row (``FOR UPDATE``),
        which every change's audit entry locks anyway, so writers take turns as on SQLite
        and lock rows in one order: the log, then posts, organizations and the rows that
        foreign keys lock. A transaction of several changes — an import adding terms to
        posts P then Q, a change followed by a 文号 — otherwise held the log while it
        waited for a row that another writer held while waiting for the log: deadlock.
        """
        # peewee's atomic itself, not a generator around it: every change enters one
        if is_sqlite(self.database):
            return self.database.atomic()
        # BEGIN and the lock in one round trip (core.database.PostgresqlDatabase)
        return self.database.atomic(lock_audit_log=True)

    def authorize(self, org_id: int | None, action: Action, where: str = "") -> None:
        """Refuse what the actor's roles do not allow in organization ``org_id``
        (None: deployment-wide, which only operators may do).

        ``where`` names the place as the user wrote it, so a refusal says no more than
        the user already knows.
        """
        if self.actor.is_operator:
            return
        if org_id is not None and allows(roles_of(self.actor.id, org_id), action):
            return
        raise PermissionDenied(
            f"account {self.actor.name!r} may not {action.value} in "
            f"{where or 'this deployment'} (无此权限)",
            org_id,
        )


def roles_of(account_id: int, org_id: int) -> set[Role]:
    """The roles an account holds in an organization."""
    from core import models

    rows = models.RoleGrant.select(models.RoleGrant.role).where(
        (models.RoleGrant.account == account_id) & (models.RoleGrant.org == org_id)
    )
    return {Role(r.role) for r in rows}
