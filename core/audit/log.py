"""Appending to the audit log, checkpointing it, and reading it back.

Appends happen inside the transaction of the change they record. The log's single
row is the lock writers take turns on: on SQLite every transaction is IMMEDIATE (one
writer at a time), on PostgreSQL the row is locked ``FOR UPDATE`` — as each write
transaction begins (core.services.context), and again here for callers outside one —
so two processes appending at once still leave sequence numbers without gaps and one
tree. The statements of an append are prebuilt (core.sql): they run on every change.

The row also keeps the tree's state — its size and frontier — as of some entry: on
PostgreSQL the latest, rewritten with every append (the statement goes with the COMMIT);
on SQLite every :data:`STATE_EVERY` entries, and at every append in bulk. An append on
SQLite folds in the entries stored since (:func:`current_frontier`), or takes the
frontier this process left after its own last append when the newest entry is still
that one: a change writes one page fewer. The row is a cache, not evidence — whoever
can write the entries can write it too; the signed checkpoints and the witness are the
evidence (docs/audit.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from typing import Protocol

import attrs
import peewee as pw
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core import models, sql
from core.audit import merkle
from core.audit.checkpoint import Checkpoint, origin_for
from core.audit.entry import Body, Header, decrypt_body, micros_of, pack_header, time_of
from core.database import PostgresqlDatabase, is_sqlite, transaction_memo
from core.errors import ConfigurationError

__all__ = [
    "AuditKeys",
    "ReadEntry",
    "append",
    "append_many",
    "checkpoint",
    "create_log",
    "current_frontier",
    "inclusion_proof",
    "latest_checkpoint",
    "log_row",
    "log_size",
    "organization_for_change",
    "read_entries",
]

#: How often a checkpoint is signed by default (every N entries; and on demand).
CHECKPOINT_EVERY = 256

#: How often an append on SQLite writes the tree's state to the log's row (every N
#: entries; PostgreSQL: every entry). An append that does not find its own last frontier
#: reads up to N − 1 leaf hashes instead.
STATE_EVERY = 16


class AuditKeys(Protocol):
    """The keys appending and reading need (core.audit.keystore provides them)."""

    def rotate(self, org_id: int) -> int: ...

    def data_key(self, org_id: int, version: int) -> bytes: ...

    def cipher(self, org_id: int, version: int) -> AESGCM:
        """AES-GCM under :meth:`data_key` (kept: making one expands the key)."""
        ...

    def signing_key(self) -> Ed25519PrivateKey: ...


def _no_log() -> ConfigurationError:
    return ConfigurationError("this database has no audit log: run `zhidu init`")


def log_row(*, lock: bool = False) -> models.AuditLog:
    """The deployment's log; with ``lock``, held until the transaction ends."""
    query = models.AuditLog.select().order_by(models.AuditLog.id).limit(1)
    if lock and not is_sqlite():
        query = query.for_update()
    row = query.first()
    if row is None:
        raise _no_log()
    return row


def create_log(
    *,
    public_key: bytes,
    signing_key: str,
    kek_kind: str,
    kek_setup: str,
    checkpoint_every: int = CHECKPOINT_EVERY,
) -> models.AuditLog:
    """Start the deployment's log (once, at ``zhidu init``)."""
    if models.AuditLog.select().exists():
        raise ConfigurationError("this database already has an audit log")
    log_id = os.urandom(16)
    return models.AuditLog.create(
        log_id=log_id,
        origin=origin_for(log_id),
        created_at=dt.datetime.now(dt.UTC),
        size=0,
        frontier=merkle.Frontier.empty().to_bytes(),
        checkpoint_every=checkpoint_every,
        public_key=public_key,
        signing_key=signing_key,
        kek_kind=kek_kind,
        kek_setup=kek_setup,
    )


# The statements of an append, written once (core.sql): the log row with the newest data
# key version of the organization (and on SQLite the newest entry's leaf hash), the entry,
# the log's new size and frontier.
_LOG_FOR_APPEND = (
    'SELECT "id", "log_id", "size", "frontier", "checkpoint_every", '
    '(SELECT max("version") FROM "data_key" WHERE "org_id" = ?){newest} '
    'FROM "audit_log" ORDER BY "id" LIMIT 1{lock}'
)
_NEWEST_LEAF = ', (SELECT "leaf_hash" FROM "audit_entry" ORDER BY "seq" DESC LIMIT 1)'
_INSERT_ENTRY = (
    'INSERT INTO "audit_entry" ("seq", "at", "org_id", "header", "ciphertext", "leaf_hash") '
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_UPDATE_LOG = 'UPDATE "audit_log" SET "size" = ?, "frontier" = ? WHERE "id" = ?'
_PG_INSERT_ENTRY, _PG_UPDATE_LOG = (s.replace("?", "%s") for s in (_INSERT_ENTRY, _UPDATE_LOG))
_LEAVES_FROM = 'SELECT "seq", "leaf_hash" FROM "audit_entry" WHERE "seq" >= ? ORDER BY "seq"'


def _newest(sqlite: bool) -> str:
    """The newest entry's leaf hash on SQLite; on PostgreSQL, where the row's state is
    always the latest, nothing to compare (NULL)."""
    return _NEWEST_LEAF if sqlite else ", NULL"


@attrs.define
class _Appending:
    """The log's state for one append, read with the lock held."""

    row_id: int
    log_id: bytes
    stored_size: int  # the size the row's state is of
    frontier: merkle.FrontierBuilder  # over every entry stored
    checkpoint_every: int
    key_version: int | None


#: The frontier this process left after its last append to each log (by log id): the
#: frontier, the newest leaf hash and the size then. An append takes it (instead of
#: reading leaves) when the log's newest leaf is still that one and the frontier has not
#: grown since — it grows in place, so an append rolled back afterwards leaves it bigger.
_left: dict[bytes, tuple[merkle.FrontierBuilder, bytes, int]] = {}


@functools.cache
def _log_for_append(sqlite: bool) -> str:
    lock = "" if sqlite else " FOR UPDATE"  # SQLite: the IMMEDIATE transaction
    return _LOG_FOR_APPEND.format(newest=_newest(sqlite), lock=lock)


def _lock_for_append(database: pw.Database, org_id: int) -> _Appending:
    primed = transaction_memo(database).pop(_PRIMED, None)
    if primed is not None and primed[0] == org_id:
        return primed[1]
    statement = _log_for_append(is_sqlite(database))
    row = sql.fetch_one(database, statement, (org_id,), prepared=True)
    if row is None:
        raise _no_log()
    return _appending(database, *row)


def _appending(
    database: pw.Database,
    row_id: int,
    log_id: bytes,
    size: int,
    frontier: bytes,
    every: int,
    version: int | None,
    newest_leaf: bytes | None,
) -> _Appending:
    log_id = bytes(log_id)
    left = _left.get(log_id)
    if (
        newest_leaf is not None
        and left is not None
        and left[1] == newest_leaf
        and left[0].size == left[2]
    ):
        builder = left[0]
    else:
        builder = merkle.FrontierBuilder.from_bytes(bytes(frontier))
        if newest_leaf is not None:  # SQLite: entries after the row's state
            _fold_leaves(database, builder)
    return _Appending(row_id, log_id, size, builder, every, version)


def _fold_leaves(database: pw.Database, builder: merkle.FrontierBuilder) -> None:
    """Append to ``builder`` the leaf hashes of the entries stored after its size."""
    for seq, leaf in sql.execute(database, _LEAVES_FROM, (builder.size,)):
        if seq != builder.size:
            raise ConfigurationError(
                f"the audit log has no entry {builder.size} before entry {seq}: "
                "run `zhidu audit verify`"
            )
        builder.append(bytes(leaf))


def current_frontier(
    database: pw.Database, log: models.AuditLog | None = None
) -> merkle.FrontierBuilder:
    """The tree's frontier over every entry stored: the log row's state and the entries
    appended after it (fewer than :data:`STATE_EVERY`)."""
    log = log or log_row()
    builder = merkle.FrontierBuilder.from_bytes(bytes(log.frontier))
    _fold_leaves(database, builder)
    return builder


def log_size(database: pw.Database | None = None) -> int:
    """How many entries the log holds (the newest's sequence number plus one)."""
    database = database or models.AuditEntry._meta.database.obj
    found = sql.fetch_one(database, 'SELECT max("seq") FROM "audit_entry"')
    return 0 if found is None or found[0] is None else found[0] + 1


# The organization a change is about, read with the log's state for the change's entry:
# one statement where there were two (one round trip fewer on PostgreSQL). The log's row
# is always there, locked (PostgreSQL), the organization's columns NULL when none has
# the code. On PostgreSQL a change that adds a row also draws the row's id here, last.
_ORG_WITH_LOG = (
    'SELECT {org}, "l"."id", "l"."log_id", "l"."size", "l"."frontier", "l"."checkpoint_every", '
    '(SELECT max("version") FROM "data_key" WHERE "org_id" = "o"."id"){newest}{new_id} '
    'FROM (SELECT "id", "log_id", "size", "frontier", "checkpoint_every" FROM "audit_log" '
    'ORDER BY "id" LIMIT 1{lock}) AS "l" LEFT JOIN "organization" AS "o" ON "o"."code" = ?'
)
_LOG_STATE_COLUMNS = 7  # what _appending takes, after the organization's columns
_PRIMED = "audit.log.appending"


@functools.cache
def _org_with_log(sqlite: bool, new_id_table: str | None = None) -> str:
    lock = "" if sqlite else " FOR UPDATE"  # SQLite: the IMMEDIATE transaction
    new_id = f", {sql.new_id_sql(new_id_table)}" if new_id_table else ""
    org = sql.columns(models.Organization, "o")
    return _ORG_WITH_LOG.format(org=org, lock=lock, new_id=new_id, newest=_newest(sqlite))


def organization_for_change(
    database: pw.Database, code: str, *, new_row_of: type[pw.Model] | None = None
) -> models.Organization | None:
    """The row of organization ``code`` for a change about to be made in the
    transaction under way, or None.

    ``new_row_of``: the change adds a row of this model, whose id the same statement
    draws on PostgreSQL, so that the row can go with the COMMIT (core.sql.keep_new_id).

    The same statement reads (and on PostgreSQL locks) the log's state, which the
    change's audit entry then takes instead of reading it again (:func:`append_many`,
    for this organization, once). Between the two nothing else can append: the
    transaction holds the log (SQLite: IMMEDIATE; PostgreSQL: the row lock), and an
    append takes the state it uses out of the transaction's memo, so a second one
    reads anew. A data key rotated in between (by ``rotate`` itself) would leave the
    entry under the version before, which stays readable.
    """
    if not database.in_transaction():
        raise RuntimeError("organization_for_change reads inside the change's transaction")
    table = None
    if isinstance(database, PostgresqlDatabase):
        database.log_locked_by_next()
        table = new_row_of._meta.table_name if new_row_of else None
    statement = _org_with_log(is_sqlite(database), table)
    row = sql.fetch_one(database, statement, (code,), prepared=True)
    if row is None:
        raise _no_log()
    split = len(models.Organization._meta.sorted_fields)
    if row[0] is None:  # the organization's id: no such organization
        return None
    org = sql.row_instance(models.Organization, row[:split])
    log_state = row[split : split + _LOG_STATE_COLUMNS]
    transaction_memo(database)[_PRIMED] = (org.id, _appending(database, *log_state))
    if table:  # the id drawn, the statement's last column
        sql.keep_new_id(database, table, row[-1])
    return org


def append(
    database: pw.Database,
    keys: AuditKeys,
    *,
    org_id: int,
    body: Body,
    at: dt.datetime | None = None,
) -> int:
    """Append one entry inside the caller's transaction; return its sequence number."""
    return append_many(database, keys, org_id=org_id, bodies=[body], at=at)


def append_many(
    database: pw.Database,
    keys: AuditKeys,
    *,
    org_id: int,
    bodies: Iterable[Body],
    at: dt.datetime | None = None,
    batch_size: int = 5_000,
) -> int:
    """Append entries of one organization inside the caller's transaction, in bulk;
    return the sequence number of the last (-1 when there were none).

    The entries are the same as appended one by one — each its own nonce, leaf and
    position, checkpoints signed at the same sizes — written with the driver's
    ``executemany`` in batches.
    """
    if not database.in_transaction():
        raise RuntimeError("audit entries are written inside the change's transaction")
    state = _lock_for_append(database, org_id)
    version = state.key_version or keys.rotate(org_id)
    cipher = keys.cipher(org_id, version)
    if at is None:
        micros, stored_at = _now(database)
    else:
        micros, stored_at = micros_of(at), sql.timestamp(database, naive_utc(at))
    frontier = state.frontier
    start = frontier.size
    pending: list[tuple[object, ...]] = []
    checkpoints: list[merkle.Frontier] = []
    log_id, sha256 = state.log_id, hashlib.sha256
    for body in bodies:
        nonce = os.urandom(12)
        header = pack_header(log_id, frontier.size, micros, org_id, version, nonce)
        ciphertext = cipher.encrypt(nonce, body.encode(), header)
        leaf = sha256(b"\x00" + header + ciphertext).digest()  # merkle.leaf_hash, inlined
        pending.append((frontier.size, stored_at, org_id, header, ciphertext, leaf))
        frontier.append(leaf)
        if frontier.size % state.checkpoint_every == 0:
            checkpoints.append(frontier.frontier())
        if len(pending) >= batch_size:
            sql.execute_many(database, _INSERT_ENTRY, pending)
            pending.clear()
    if frontier.size == start:
        return -1
    postgresql = isinstance(database, PostgresqlDatabase)
    if len(pending) == 1 and isinstance(database, PostgresqlDatabase):
        # One change's entry: the insert and the log's update go to the server with the
        # transaction's next statement or its COMMIT (core.database.PostgresqlDatabase).
        update = (frontier.size, frontier.to_bytes(), state.row_id)
        entry, entry_params = database.prepared(_PG_INSERT_ENTRY, pending[0])
        moved, log_params = database.prepared(_PG_UPDATE_LOG, update)
        database.send_with_commit(f"{entry}; {moved}", (*entry_params, *log_params))
    else:
        if len(pending) == 1:
            sql.execute(database, _INSERT_ENTRY, pending[0])
        elif pending:
            sql.execute_many(database, _INSERT_ENTRY, pending)
        bulk = frontier.size - start > 1
        if postgresql or bulk or frontier.size - state.stored_size >= STATE_EVERY:
            update = (frontier.size, frontier.to_bytes(), state.row_id)
            sql.execute(database, _UPDATE_LOG, update)
        if not postgresql:
            _left[state.log_id] = (frontier, leaf, frontier.size)
    if checkpoints:
        log = log_row()
        for due in checkpoints:
            _store_checkpoint(log, due, keys, at or time_of(micros))
    return frontier.size - 1


def _store_checkpoint(
    log: models.AuditLog, frontier: merkle.Frontier, keys: AuditKeys, when: dt.datetime
) -> Checkpoint:
    signed = Checkpoint.sign(log.origin, frontier.size, frontier.root(), when, keys.signing_key())
    models.AuditCheckpoint.insert(
        size=signed.size, root=signed.root, at=naive_utc(when), signature=signed.signature
    ).execute()
    return signed


def checkpoint_from_row(log: models.AuditLog, row: models.AuditCheckpoint) -> Checkpoint:
    return Checkpoint(
        log.origin,
        row.size,
        bytes(row.root),
        as_utc(row.at),
        bytes(log.public_key),
        bytes(row.signature),
    )


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored (naive, UTC) time as an aware one."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


_EPOCH_NAIVE = dt.datetime(1970, 1, 1)


def _now(database: pw.Database) -> tuple[int, object]:
    """Now, as an entry's header holds it (microseconds since 1970, UTC) and as its time
    column does, made from the same microseconds: on SQLite the text peewee writes for
    a naive datetime, its whole second written once (:func:`_second_text`) — building a
    datetime and writing it took a twentieth of an audited change; on PostgreSQL the
    naive datetime."""
    micros = time.time_ns() // 1000
    return micros, _time_column(database, micros)


def _time_column(database: pw.Database, micros: int) -> object:
    if isinstance(database, pw.SqliteDatabase):
        seconds, fraction = divmod(micros, 1_000_000)
        text = _second_text(seconds)
        return f"{text}.{fraction:06d}" if fraction else text
    return _EPOCH_NAIVE + dt.timedelta(microseconds=micros)


@functools.lru_cache(maxsize=4)
def _second_text(seconds: int) -> str:
    """``str()`` of the naive datetime ``seconds`` after 1970 (UTC), as peewee stores it."""
    return str(_EPOCH_NAIVE + dt.timedelta(seconds=seconds))


def naive_utc(value: dt.datetime) -> dt.datetime:
    """Times are stored naive, in UTC: the same on SQLite and PostgreSQL."""
    if value.tzinfo is not dt.UTC:  # every change's own time is already in UTC
        value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None)


def checkpoint(database: pw.Database, keys: AuditKeys) -> Checkpoint:
    """A signed checkpoint of the log as it is now (made now unless one exists)."""
    with database.atomic():
        log = log_row(lock=True)
        builder = current_frontier(database, log)
        existing = models.AuditCheckpoint.get_or_none(models.AuditCheckpoint.size == builder.size)
        if existing is not None:
            return checkpoint_from_row(log, existing)
        return _store_checkpoint(log, builder.frontier(), keys, dt.datetime.now(dt.UTC))


def latest_checkpoint() -> Checkpoint | None:
    log = log_row()
    row = models.AuditCheckpoint.select().order_by(models.AuditCheckpoint.size.desc()).first()
    return None if row is None else checkpoint_from_row(log, row)


@attrs.frozen
class ReadEntry:
    """An entry as a reader sees it: decrypted, or why not."""

    seq: int
    at: dt.datetime
    org_id: int
    body: Body | None
    problem: str = ""


def read_entries(
    keys: AuditKeys,
    org_ids: set[int] | None,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> Iterator[ReadEntry]:
    """Entries of the given organizations (None: all), decrypted, oldest first.

    Filters that the plaintext header allows (organization, time) run in SQL; the
    caller filters decrypted bodies further.
    """
    query = models.AuditEntry.select().order_by(models.AuditEntry.seq)
    if org_ids is not None:
        query = query.where(models.AuditEntry.org_id.in_(sorted(org_ids)))
    if since is not None:
        query = query.where(models.AuditEntry.at >= naive_utc(since))
    if until is not None:
        query = query.where(models.AuditEntry.at < naive_utc(until))
    for row in query.iterator():
        header_bytes = bytes(row.header)
        try:
            header = Header.unpack(header_bytes)
            key = keys.data_key(header.org_id, header.key_version)
        except (ValueError, ConfigurationError) as error:
            yield ReadEntry(row.seq, as_utc(row.at), row.org_id, None, str(error))
            continue
        body = decrypt_body(key, header_bytes, bytes(row.ciphertext))
        problem = "" if body else "does not decrypt: changed, or moved from elsewhere"
        yield ReadEntry(row.seq, header.at, header.org_id, body, problem)


def inclusion_proof(seq: int, size: int) -> dict[str, object]:
    """What docs/verify_inclusion.py checks: the entry, its index, the audit path, the root."""
    import base64

    leaves = [
        bytes(r.leaf_hash)
        for r in models.AuditEntry.select(models.AuditEntry.leaf_hash)
        .where(models.AuditEntry.seq < size)
        .order_by(models.AuditEntry.seq)
    ]
    entry = models.AuditEntry.get_by_id(seq)
    proof = merkle.inclusion_proof(leaves, seq, size)
    b64 = base64.b64encode
    return {
        "leaf": b64(bytes(entry.header) + bytes(entry.ciphertext)).decode(),
        "index": seq,
        "size": size,
        "proof": [b64(h).decode() for h in proof],
        "root": b64(merkle.root(leaves)).decode(),
    }
