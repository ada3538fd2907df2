"""Accounts (账号): who acts. At a local terminal the operating-system user is mapped
to an account at ``zhidu init``; nobody picks their identity by a flag."""

from __future__ import annotations

import datetime as dt
import getpass

import peewee as pw

from core import audit, models, validate
from core.errors import ConfigurationError, Conflict
from core.plugin_host import PluginHost
from core.services.context import Actor, Context

__all__ = ["actor_for_os_user", "current_os_user", "ensure_operator"]


def current_os_user() -> str:
    return getpass.getuser()


def _actor(row: models.Account) -> Actor:
    return Actor(row.id, row.name, row.is_operator)


def actor_for_os_user(os_user: str) -> Actor:
    row = models.Account.get_or_none(models.Account.os_user == os_user)
    if row is None:
        raise ConfigurationError(
            f"no zhidu account for the OS user {os_user!r}: run `zhidu init` first"
        )
    return _actor(row)


def ensure_operator(
    database: pw.Database, host: PluginHost, os_user: str, name: str | None = None
) -> tuple[Actor, bool]:
    """The operator account mapped to ``os_user``, created if missing (and audited).

    Returns the actor and whether it was created now.
    """
    with database.atomic():
        row = models.Account.get_or_none(models.Account.os_user == os_user)
        if row is not None:
            return _actor(row), False
        account_name = validate.code("name", name or _default_name(os_user))
        if models.Account.select().where(models.Account.name == account_name).exists():
            raise Conflict("name", account_name, "an account with this name exists (账号已存在)")
        row = models.Account.create(
            name=account_name, os_user=os_user, is_operator=True, created_at=dt.datetime.now(dt.UTC)
        )
        actor = _actor(row)
        audit.record(
            Context(database, actor, host),
            org_id=None,
            action="account.create",
            object_type="account",
            object_id=row.id,
            after={"name": account_name, "os_user": os_user, "is_operator": True},
        )
    return actor, True


def _default_name(os_user: str) -> str:
    cleaned = "".join(c for c in os_user.lower() if c.isalnum() or c in "-_")
    return cleaned[:40] or "operator"
