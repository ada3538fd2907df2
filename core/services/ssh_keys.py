"""SSH public keys (SSH 公钥) bound to accounts: over SSH the key names the actor.

Each key belongs to one account. Whoever logs in over SSH with it acts as that
account — in the built-in server (``zhidu serve --ssh``) and behind OpenSSH (the
forced command of ``zhidu ssh authorize``) alike; nobody picks the account by a flag
or a user name. Operators add and remove keys; adding, removing, log-ins and refused
log-ins are audited like any change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs
import peewee as pw

from core import audit, models
from core.access import Action
from core.audit.log import AuditKeys
from core.errors import ConfigurationError, Conflict, InvalidInput, NotFound
from core.plugin_host import PluginHost
from core.services.accounts import record_login, record_refused
from core.services.context import Actor, Context

__all__ = [
    "KeyView",
    "ParsedKey",
    "actor_for_fingerprint",
    "add_key",
    "list_keys",
    "parse_public_key",
    "record_refused_key",
    "record_ssh_login",
    "remove_key",
]

_FINGERPRINT = re.compile(r"^SHA256:[A-Za-z0-9+/]{43}$")


@attrs.frozen
class ParsedKey:
    line: str  # "type base64 [comment]", the OpenSSH one-line form
    fingerprint: str  # SHA256:… as ssh-keygen -l prints it
    algorithm: str
    comment: str


@attrs.frozen
class KeyView:
    account: str
    fingerprint: str
    algorithm: str
    comment: str
    public_key: str
    added_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def parse_public_key(text: str) -> ParsedKey:
    """Parse one public key (the OpenSSH one-line form of a ``.pub`` file, or PEM /
    RFC 4716); raise InvalidInput naming what is wrong."""
    import asyncssh

    given = text.strip()
    if not given:
        raise InvalidInput("public_key", "", "empty: give a .pub file or its one line")
    if "PRIVATE KEY" in given:
        raise InvalidInput(
            "public_key", "(a private key)", "this is a private key: give the .pub file"
        )
    lines = [line for line in given.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith(("ssh-", "ecdsa-", "sk-")):
        raise InvalidInput("public_key", lines[0][:40] + "…", "one key at a time (一次一个公钥)")
    try:
        key = asyncssh.import_public_key(given)
    except (asyncssh.KeyImportError, ValueError) as error:
        shown = given if len(given) <= 40 else given[:40] + "…"
        raise InvalidInput(
            "public_key", shown, f"not an SSH public key ({error}) (不是 SSH 公钥)"
        ) from None
    comment = key.get_comment() or ""
    if any(ord(c) < 32 for c in comment) or len(comment) > 200:
        raise InvalidInput("comment", comment[:40], "at most 200 printable characters")
    line = key.export_public_key("openssh").decode("ascii").strip()
    return ParsedKey(line, key.get_fingerprint("sha256"), key.get_algorithm(), comment)


def _view(row: models.AccountKey, account: str) -> KeyView:
    algorithm = row.public_key.split(" ", 1)[0]
    return KeyView(account, row.fingerprint, algorithm, row.comment, row.public_key, row.added_at)


def _account(name: str) -> models.Account:
    row = models.Account.get_or_none(models.Account.name == name)
    if row is None:
        raise NotFound("account", name)
    return row


def add_key(ctx: Context, account_name: str, public_key_text: str) -> KeyView:
    """Bind a public key to an account (operators only). A key belongs to one account."""
    ctx.authorize(None, Action.MANAGE_ACCOUNTS)
    parsed = parse_public_key(public_key_text)
    with ctx.transaction():
        account = _account(account_name)
        taken = models.AccountKey.get_or_none(models.AccountKey.fingerprint == parsed.fingerprint)
        if taken is not None:
            owner = models.Account.get_by_id(taken.account_id).name
            raise Conflict(
                "public_key",
                parsed.fingerprint,
                f"already registered to account {owner!r} (该公钥已登记)",
            )
        row = models.AccountKey.create(
            account=account.id,
            public_key=parsed.line,
            fingerprint=parsed.fingerprint,
            comment=parsed.comment,
            added_at=_now(),
        )
        audit.record(
            ctx,
            org_id=None,
            action="account.key_add",
            object_type="account",
            object_id=account.id,
            after={
                "account": account.name,
                "fingerprint": parsed.fingerprint,
                "algorithm": parsed.algorithm,
                "comment": parsed.comment,
            },
        )
    return _view(row, account.name)


def remove_key(ctx: Context, fingerprint: str) -> KeyView:
    """Unbind a key (operators only): log-ins with it are refused from now on."""
    ctx.authorize(None, Action.MANAGE_ACCOUNTS)
    with ctx.transaction():
        row = models.AccountKey.get_or_none(models.AccountKey.fingerprint == fingerprint)
        if row is None:
            raise NotFound("ssh key", fingerprint, "see `zhidu ssh keys`")
        account = models.Account.get_by_id(row.account_id)
        view = _view(row, account.name)
        row.delete_instance()
        audit.record(
            ctx,
            org_id=None,
            action="account.key_remove",
            object_type="account",
            object_id=account.id,
            before={"account": account.name, "fingerprint": fingerprint, "comment": row.comment},
        )
    return view


def list_keys(ctx: Context, account_name: str | None = None) -> list[KeyView]:
    """The keys of one account, or of every account. Operators see any; others only
    their own."""
    query = (
        models.AccountKey.select(models.AccountKey, models.Account)
        .join(models.Account)
        .order_by(models.Account.name, models.AccountKey.added_at, models.AccountKey.id)
    )
    if account_name is not None:
        account = _account(account_name)
        if account.id != ctx.actor.id:
            ctx.authorize(None, Action.MANAGE_ACCOUNTS)
        query = query.where(models.AccountKey.account == account.id)
    elif not ctx.actor.is_operator:
        query = query.where(models.AccountKey.account == ctx.actor.id)
    return [_view(row, row.account.name) for row in query]


def actor_for_fingerprint(fingerprint: str) -> Actor:
    """The account a key belongs to: the only way an SSH session gets its actor."""
    row = None
    if _FINGERPRINT.match(fingerprint):
        row = (
            models.Account.select()
            .join(models.AccountKey)
            .where(models.AccountKey.fingerprint == fingerprint)
            .first()
        )
    if row is None:
        raise ConfigurationError(f"no account for this key ({fingerprint}) (此公钥未登记)")
    return Actor(row.id, row.name, row.is_operator)


def record_ssh_login(ctx: Context, fingerprint: str, peer: str | None = None) -> None:
    """Audit a log-in over SSH (the key it used, and where from when known)."""
    record_login(ctx, f"ssh {fingerprint}" + (f" from {peer}" if peer else ""))


def record_refused_key(
    database: pw.Database,
    host: PluginHost,
    keys: AuditKeys,
    fingerprints: Sequence[str],
    via: str,
    peer: str | None = None,
) -> None:
    """Audit a refused SSH log-in: the keys offered belong to no account (or none was).

    The actor is ``ssh:<first key offered>`` (``ssh:none`` without a key).
    """
    first = fingerprints[0] if fingerprints else "none"
    after: dict[str, object] = {"via": via, "keys": list(fingerprints)}
    if peer:
        after["from"] = peer
    record_refused(
        database,
        host,
        keys,
        actor_name=f"ssh:{first}",
        object_type="ssh_key",
        object_id=first,
        after=after,
    )
