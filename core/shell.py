"""The imperative shell's wiring: open the database, load plugins, find the actor and
the keys. The CLI and the TUI both start here, so they see the deployment the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import peewee as pw

from core import database as dbmod
from core.audit.keystore import DeploymentKeys, kek_from_environment, set_up_keys
from core.audit.log import log_row
from core.errors import ConfigurationError
from core.migrate import migrate, pending
from core.models import AuditLog
from core.plugin_host import PluginHost
from core.services.accounts import actor_for_os_user, current_os_user, ensure_operator
from core.services.context import Actor, Context

__all__ = [
    "initialize",
    "open_context",
    "open_context_for",
    "open_database",
    "open_deployment",
    "record_unknown_user",
    "require_unattended_keys",
]


def open_database(url: str | None) -> tuple[pw.Database, PluginHost]:
    database = dbmod.connect(dbmod.database_url(url))
    return database, PluginHost.discover()


def _keys(key_file: Path | None) -> DeploymentKeys:
    return DeploymentKeys(lambda: kek_from_environment(log_row(), key_file))


def open_deployment(
    url: str | None = None, key_file: Path | None = None
) -> tuple[pw.Database, PluginHost, DeploymentKeys]:
    """An initialized, up-to-date database, its plugins and its (still locked) keys."""
    database, host = open_database(url)
    waiting = pending(database, host.migrations())
    if waiting:
        names = ", ".join(str(m) for m in waiting[:3]) + (" …" if len(waiting) > 3 else "")
        raise ConfigurationError(
            f"the database needs {len(waiting)} migration(s) ({names}): run `zhidu init`"
        )
    return database, host, _keys(key_file)


def open_context_for(
    actor: Callable[[], Actor], url: str | None = None, key_file: Path | None = None
) -> Context:
    """A context for the account ``actor`` finds once the database is open: the OS
    user's at a terminal, an SSH key's over SSH — never one named by a flag."""
    database, host, keys = open_deployment(url, key_file)
    return Context(database, actor(), host, date.today, keys)


def open_context(url: str | None = None, key_file: Path | None = None) -> Context:
    """A context for the OS user on an initialized, up-to-date database."""
    return open_context_for(lambda: actor_for_os_user(current_os_user()), url, key_file)


def require_unattended_keys() -> None:
    """Refuse, rather than prompt, when the keys need a passphrase nobody can type here
    (an SSH session must not ask the person logging in for the deployment's passphrase)."""
    import os

    if log_row().kek_kind == "passphrase" and "ZHIDU_PASSPHRASE" not in os.environ:
        raise ConfigurationError(
            "the deployment's keys are protected by a passphrase: over SSH, "
            "set ZHIDU_PASSPHRASE in the environment of the service (or use a key file)"
        )


def initialize(
    url: str | None = None,
    account: str | None = None,
    *,
    passphrase: str | None = None,
    key_file: Path | None = None,
) -> tuple[Context, list[str], bool]:
    """Create or upgrade the database, its audit log and keys (a key file unless a
    passphrase is given), and map the OS user to an operator account.

    Returns the context, the migrations applied now, and whether the account is new.
    """
    database, host = open_database(url)
    applied = [str(m) for m in migrate(database, host.migrations())]
    if not AuditLog.select().exists():
        with database.atomic():
            _, kek = set_up_keys(passphrase=passphrase, key_file=key_file)
        keys = DeploymentKeys(lambda: kek)
    else:
        keys = _keys(key_file)
    actor, created = ensure_operator(database, host, keys, current_os_user(), account)
    return Context(database, actor, host, date.today, keys), applied, created


def record_unknown_user(url: str | None, command: str) -> None:
    """Audit an attempt by an OS user who has no account."""
    from core.services import accounts

    database, host = open_database(url)
    accounts.record_unknown_user(database, host, _keys(None), current_os_user(), command)
