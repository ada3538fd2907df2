"""The service context: who acts, against which database, with which plugins, when.

Every service takes a :class:`Context` first. It checks permission, runs in one
transaction, writes the change and its audit entry together, and returns plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import attrs
import peewee as pw

from core.errors import PermissionDenied
from core.plugin_host import PluginHost

__all__ = ["Actor", "Context"]


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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (IMMEDIATE on SQLite); nested calls join the outer one."""
        with self.database.atomic():
            yield

    def authorize(self, org_id: int | None, permission: str, where: str = "") -> None:
        """Refuse what the actor may not do in organization ``org_id`` (None: deployment-wide).

        Until roles arrive (the access-control issue), only deployment operators act;
        every other account sees and changes nothing. ``where`` names the place as the
        user wrote it, so a refusal says no more than the user already knows.
        """
        if not self.actor.is_operator:
            raise PermissionDenied(
                f"account {self.actor.name!r} may not {permission} in "
                f"{where or 'this deployment'} (无此权限)"
            )
