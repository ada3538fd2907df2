"""The imperative shell's wiring: open the database, load plugins, find the actor.

The CLI and the TUI both start here, so they see the same deployment the same way.
"""

from __future__ import annotations

from datetime import date

import peewee as pw

from core import database as dbmod
from core.errors import ConfigurationError
from core.migrate import migrate, pending
from core.plugin_host import PluginHost
from core.services.accounts import actor_for_os_user, current_os_user, ensure_operator
from core.services.context import Context

__all__ = ["initialize", "open_context"]


def _open(url: str | None) -> tuple[pw.Database, PluginHost]:
    database = dbmod.connect(dbmod.database_url(url))
    return database, PluginHost.discover()


def open_context(url: str | None = None) -> Context:
    """A context for the OS user on an initialized, up-to-date database."""
    database, host = _open(url)
    waiting = pending(database, host.migrations())
    if waiting:
        names = ", ".join(str(m) for m in waiting[:3]) + (" …" if len(waiting) > 3 else "")
        raise ConfigurationError(
            f"the database needs {len(waiting)} migration(s) ({names}): run `zhidu init`"
        )
    return Context(database, actor_for_os_user(current_os_user()), host, date.today)


def initialize(
    url: str | None = None, account: str | None = None
) -> tuple[Context, list[str], bool]:
    """Create or upgrade the database and map the OS user to an operator account.

    Returns the context, the migrations applied now, and whether the account is new.
    """
    database, host = _open(url)
    applied = [str(m) for m in migrate(database, host.migrations())]
    actor, created = ensure_operator(database, host, current_os_user(), account)
    return Context(database, actor, host, date.today), applied, created
