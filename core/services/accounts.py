"""Accounts (账号) and their roles per organization.

At a local terminal the operating-system user is mapped to an account at
``zhidu init``; over SSH the key is (the interface issue). Nobody picks their identity
by a flag. Operators manage accounts; an organization admin grants roles in their own
organization. Log-ins and refused attempts are audited like any change.
"""

from __future__ import annotations

import datetime as dt
import getpass

import attrs
import peewee as pw

from core import audit, models, validate
from core.access import Action, Role
from core.audit.log import AuditKeys
from core.errors import ConfigurationError, Conflict, NotFound, PermissionDenied
from core.plugin_host import PluginHost
from core.services.context import Actor, Context
from core.services.orgs import org_row

__all__ = [
    "AccountView",
    "actor_for_os_user",
    "add_account",
    "current_os_user",
    "ensure_operator",
    "grant_role",
    "list_accounts",
    "record_login",
    "record_refusal",
    "record_refused",
    "record_unknown_user",
    "revoke_role",
]


def current_os_user() -> str:
    return getpass.getuser()


def _actor(row: models.Account) -> Actor:
    return Actor(row.id, row.name, row.is_operator)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def actor_for_os_user(os_user: str) -> Actor:
    row = models.Account.get_or_none(models.Account.os_user == os_user)
    if row is None:
        raise ConfigurationError(
            f"no zhidu account for the OS user {os_user!r}: run `zhidu init` first"
        )
    return _actor(row)


def ensure_operator(
    database: pw.Database,
    host: PluginHost,
    keys: AuditKeys,
    os_user: str,
    name: str | None = None,
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
            name=account_name, os_user=os_user, is_operator=True, created_at=_now()
        )
        actor = _actor(row)
        audit.record(
            Context(database, actor, host, keys=keys),
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


@attrs.frozen
class AccountView:
    name: str
    os_user: str | None
    is_operator: bool
    roles: tuple[tuple[str, str], ...]  # (organization code, role)


def add_account(
    ctx: Context, name: str, *, os_user: str | None = None, operator: bool = False
) -> AccountView:
    """Create an account (operators only); roles are granted separately."""
    ctx.authorize(None, Action.MANAGE_ACCOUNTS)
    with ctx.transaction():
        account_name = validate.code("name", name)
        user = validate.optional_text("os_user", os_user, max_length=64)
        if models.Account.select().where(models.Account.name == account_name).exists():
            raise Conflict("name", account_name, "an account with this name exists (账号已存在)")
        if user and models.Account.select().where(models.Account.os_user == user).exists():
            raise Conflict("os_user", user, "this OS user is mapped to another account")
        row = models.Account.create(
            name=account_name, os_user=user, is_operator=operator, created_at=_now()
        )
        audit.record(
            ctx,
            org_id=None,
            action="account.create",
            object_type="account",
            object_id=row.id,
            after={"name": account_name, "os_user": user, "is_operator": operator},
        )
    return AccountView(account_name, user, operator, ())


def _account(name: str) -> models.Account:
    row = models.Account.get_or_none(models.Account.name == name)
    if row is None:
        raise NotFound("account", name)
    return row


def grant_role(ctx: Context, account: str, org_code: str, role: str | Role) -> None:
    """Grant ``role`` in an organization (operators, or that organization's admins)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.GRANT_ROLES)
        kind = validate.vocabulary("role", Role, role)
        row = _account(account)
        if (
            models.RoleGrant.select()
            .where(
                (models.RoleGrant.account == row.id)
                & (models.RoleGrant.org == org.id)
                & (models.RoleGrant.role == kind.value)
            )
            .exists()
        ):
            raise Conflict("role", kind.value, f"{account} already holds it in {org.code}")
        models.RoleGrant.create(account=row.id, org=org.id, role=kind.value, granted_at=_now())
        audit.record(
            ctx,
            org_id=org.id,
            action="role.grant",
            object_type="account",
            object_id=row.id,
            after={"account": account, "role": kind.value},
        )


def revoke_role(ctx: Context, account: str, org_code: str, role: str | Role) -> None:
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.GRANT_ROLES)
        kind = validate.vocabulary("role", Role, role)
        row = _account(account)
        removed = (
            models.RoleGrant.delete()
            .where(
                (models.RoleGrant.account == row.id)
                & (models.RoleGrant.org == org.id)
                & (models.RoleGrant.role == kind.value)
            )
            .execute()
        )
        if not removed:
            raise Conflict("role", kind.value, f"{account} does not hold it in {org.code}")
        audit.record(
            ctx,
            org_id=org.id,
            action="role.revoke",
            object_type="account",
            object_id=row.id,
            before={"account": account, "role": kind.value},
        )


def list_accounts(ctx: Context) -> list[AccountView]:
    """Every account for an operator; otherwise only the actor's own."""
    query = models.Account.select().order_by(models.Account.name)
    if not ctx.actor.is_operator:
        query = query.where(models.Account.id == ctx.actor.id)
    grants: dict[int, list[tuple[str, str]]] = {}
    for grant in models.RoleGrant.select(models.RoleGrant, models.Organization).join(
        models.Organization
    ):
        grants.setdefault(grant.account_id, []).append((grant.org.code, grant.role))
    return [
        AccountView(r.name, r.os_user, r.is_operator, tuple(sorted(grants.get(r.id, []))))
        for r in query
    ]


def record_login(ctx: Context, how: str) -> None:
    """Audit a log-in (opening the interface, an SSH session)."""
    with ctx.transaction():
        audit.record(
            ctx,
            org_id=None,
            action="session.login",
            object_type="account",
            object_id=ctx.actor.id,
            after={"via": how},
        )


def record_refusal(ctx: Context, error: PermissionDenied, command: str) -> None:
    """Audit a refused attempt, in a transaction of its own (the attempt's rolled back),
    in the trail of the organization it was aimed at, so that organization's auditors
    see it (deployment-wide when there is none)."""
    with ctx.transaction():
        audit.record(
            ctx,
            org_id=error.org_id,
            action="access.denied",
            object_type="account",
            object_id=ctx.actor.id,
            after={"command": command, "refusal": str(error)},
        )


def record_refused(
    database: pw.Database,
    host: PluginHost,
    keys: AuditKeys,
    *,
    actor_name: str,
    object_type: str,
    object_id: str,
    after: dict[str, object],
) -> None:
    """Audit a log-in refused before any account was known (``session.refused``)."""
    nobody = Actor(0, actor_name, False)
    with database.atomic():
        audit.record(
            Context(database, nobody, host, keys=keys),
            org_id=None,
            action="session.refused",
            object_type=object_type,
            object_id=object_id,
            after=after,
        )


def record_unknown_user(
    database: pw.Database, host: PluginHost, keys: AuditKeys, os_user: str, via: str
) -> None:
    """Audit an attempt by an OS user who maps to no account."""
    record_refused(
        database,
        host,
        keys,
        actor_name=f"os:{os_user}",
        object_type="os_user",
        object_id=os_user,
        after={"via": via},
    )
