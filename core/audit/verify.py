"""Verifying the audit log — without any key, or against an exported checkpoint.

The verifier re-reads every entry in order and checks, naming the first bad entry and
what is wrong with it:

* the sequence has no gaps and each header carries its own position and this log's id
  (a deleted, swapped or copied entry shows here);
* each entry's contents hash to its stored leaf hash (a flipped byte of a header, a
  ciphertext or a stored hash shows here);
* the tree rebuilt from the contents has the root of every signed checkpoint, and each
  signature is by this log's key (a consistent rewrite of hashes shows here);
* against an exported checkpoint kept elsewhere: same log, same public key, the log
  still holds at least its entries and has its root there (a truncated tail or a
  rewrite by someone holding the signing key shows here);
* the tree's state the log's row keeps (a cache: core.audit.log) agrees with the
  entries up to its size;
* with keys given, each entry also decrypts (an entry copied from another
  organization shows here even if its hash was redone).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor

import attrs
import peewee as pw

from core import models, sql
from core.audit import merkle
from core.audit.checkpoint import Checkpoint
from core.audit.entry import FORMAT_VERSION, HEADER_SIZE, Header, decrypt_body
from core.audit.log import AuditKeys, as_utc, checkpoint_from_row, log_row, log_size
from core.bulk import collector_paused
from core.errors import ConfigurationError

__all__ = ["Problem", "Report", "verify"]


@attrs.frozen
class Problem:
    """One thing wrong, at an entry (``seq``) or with the log as a whole (None)."""

    seq: int | None
    kind: str
    message: str

    def __str__(self) -> str:
        where = f"entry {self.seq}: " if self.seq is not None else ""
        return where + self.message


@attrs.frozen
class Report:
    size: int
    root: bytes
    checkpoints_checked: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None


@attrs.define
class _Target:
    """A root the entries up to ``size`` must have: a checkpoint's, or (``kind``
    "frontier") that of the tree's state the log's row keeps (core.audit.log)."""

    label: str
    size: int
    root: bytes
    kind: str = "root"


#: Verification reads the entries in order, straight from the driver (core.sql).
_ENTRIES = (
    'SELECT "seq", "at", "org_id", "header", "ciphertext", "leaf_hash" '
    'FROM "audit_entry" ORDER BY "seq"'
)
#: On PostgreSQL the time column comes as microseconds since 1970 (exact: EXTRACT gives
#: a numeric from PostgreSQL 14 on), which the header's field is compared with as is —
#: no datetime is made per entry.
_ENTRIES_POSTGRESQL = _ENTRIES.replace(
    '"at"', 'CAST(EXTRACT(EPOCH FROM "at") * 1000000 AS BIGINT)', 1
)
#: The header up to the nonce: its first 17 bytes (version and log id, the same in every
#: entry), seq, time (µs), organization.
_HEADER_PREFIX = struct.Struct(">17sQqQ")
_EPOCH = dt.datetime(1970, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)


#: Rows read (and progress reported) at a time.
_PAGE = 4096


def verify(
    against: Checkpoint | None = None,
    *,
    keys: AuditKeys | None = None,
    seen: Checkpoint | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Verify the whole log; ``against``: a checkpoint kept elsewhere (exported);
    ``seen``: the last checkpoint this machine saw (core.audit.witness).

    It reads one snapshot of the database, so appends made meanwhile neither disturb
    nor wait for it. ``progress(done, total)`` is called every few thousand entries.
    """
    database = models.AuditEntry._meta.database.obj
    # A row tuple per entry: the cyclic collector would run thousands of times over a
    # large log for garbage that has no cycles (a quarter of the time, measured)
    # One thread checks the checkpoints' signatures while this one hashes the entries: a
    # million-entry log has 3,906 (one every 256 entries) at 75 µs each, and the check
    # releases the GIL.
    with collector_paused(), sql.snapshot(database), ThreadPoolExecutor(1) as signatures:
        return _verify(database, against, keys, seen, progress, signatures)


def _verify(
    database: pw.Database,
    against: Checkpoint | None,
    keys: AuditKeys | None,
    seen: Checkpoint | None,
    progress: Callable[[int, int], None] | None,
    signatures: Executor,
) -> Report:
    log = log_row()
    log_id, public_key = bytes(log.log_id), bytes(log.public_key)
    problems: list[Problem] = []
    targets: list[_Target] = []
    stored = [
        checkpoint_from_row(log, row)
        for row in models.AuditCheckpoint.select().order_by(models.AuditCheckpoint.size)
    ]
    unsigned = signatures.submit(_unsigned, stored)
    for signed in stored:
        targets.append(
            _Target(f"the signed checkpoint at size {signed.size}", signed.size, signed.root)
        )
    if against is not None:
        problems.extend(_check_foreign(against, log.origin, public_key))
        targets.append(
            _Target(f"the exported checkpoint at size {against.size}", against.size, against.root)
        )
    if seen is not None and seen.origin == log.origin:
        targets.append(
            _Target(
                f"the checkpoint this machine saw on {seen.at:%Y-%m-%d %H:%M}", seen.size, seen.root
            )
        )
    try:
        state = merkle.Frontier.from_bytes(bytes(log.frontier))
    except ValueError:
        problems.append(Problem(None, "frontier", "the log's stored tree frontier is damaged"))
    else:
        targets.append(_Target("the log's stored frontier", state.size, state.root(), "frontier"))
        if state.size != log.size:
            message = f"the log's row says {log.size} entries, its frontier {state.size}"
            problems.append(Problem(None, "frontier", message))
    targets.sort(key=lambda t: t.size)

    frontier = merkle.FrontierBuilder()
    total = log_size(database)
    expected = 0
    pending = iter(targets)
    target = next(pending, None)
    while target is not None and target.size == 0:
        _compare(target, frontier, problems)
        target = next(pending, None)
    # The loop runs a million times for a large log: the usual entry passes the cheap
    # checks inline, and only an entry that fails one goes through _check_entry, which
    # says what exactly is wrong. The leaves of a page of rows join the tree together
    # (FrontierBuilder.extend), cut where a checkpoint's size falls.
    sha256, unpack = hashlib.sha256, _HEADER_PREFIX.unpack_from
    first_bytes = bytes([FORMAT_VERSION]) + log_id
    sqlite = isinstance(database, pw.SqliteDatabase)
    # SQLite's time column is text, as peewee writes it: read back (inline, not a call:
    # a third of the parse's cost) in microseconds since 1970, as the header has it
    from_text, epoch, microsecond = dt.datetime.fromisoformat, _EPOCH, _MICROSECOND
    entries = sql.pages(database, _ENTRIES if sqlite else _ENTRIES_POSTGRESQL, batch=_PAGE)
    next_target = target.size if target is not None else -1
    for page in entries:
        leaves = []
        for seq, at, org_id, header, ciphertext, stored_leaf in page:
            # PostgreSQL's driver gives memoryviews: hashed and unpacked as they are; but
            # its memoryviews are of chars, which never equal bytes, so the stored hash is
            # made bytes for the comparison
            leaf = sha256(b"\x00" + header + ciphertext).digest()
            if type(stored_leaf) is not bytes:
                stored_leaf = bytes(stored_leaf)
            fine = seq == expected and leaf == stored_leaf and len(header) == HEADER_SIZE
            if fine:
                first, entry_seq, micros, entry_org = unpack(header)
                if sqlite:
                    try:
                        stored_micros = (from_text(at) - epoch) // microsecond
                    except (TypeError, ValueError):
                        stored_micros = None
                else:
                    stored_micros = at
                fine = (
                    first == first_bytes
                    and entry_seq == seq
                    and entry_org == org_id
                    and stored_micros == micros
                )
            if not fine or keys is not None:
                problems.extend(
                    _check_entry(
                        seq, at, org_id, bytes(header), bytes(ciphertext), stored_leaf,
                        expected, log_id, keys,
                    )
                )  # fmt: skip
            expected = seq + 1
            leaves.append(leaf)
        start = 0
        while next_target >= frontier.size and next_target - frontier.size <= len(leaves) - start:
            cut = start + next_target - frontier.size
            frontier.extend(leaves[start:cut])
            start = cut
            while target is not None and target.size == frontier.size:
                _compare(target, frontier, problems)
                target = next(pending, None)
            next_target = target.size if target is not None else -1
        frontier.extend(leaves[start:])
        if progress is not None:
            progress(frontier.size, total)
    for missing in [target, *pending]:
        if missing is None:
            continue
        if missing.kind == "frontier":
            message = (
                f"the log says it holds at least {missing.size} entries, {frontier.size} are stored"
            )
            problems.append(Problem(None, "size", message))
            continue
        problems.append(
            Problem(
                None,
                "truncated",
                f"the log holds {frontier.size} entries but {missing.label} "
                f"covers {missing.size}: entries were removed from the end",
            )
        )
    problems[:0] = unsigned.result()  # first, as if checked before anything else
    problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    checked = sum(1 for t in targets if t.kind == "root")
    return Report(frontier.size, frontier.root(), checked, tuple(problems))


def _unsigned(checkpoints: list[Checkpoint]) -> list[Problem]:
    """A problem for each of ``checkpoints`` not signed by its log's key."""
    return [
        Problem(
            None,
            "checkpoint-signature",
            f"the checkpoint at size {signed.size} is not signed by this log's key",
        )
        for signed in checkpoints
        if not signed.signature_valid()
    ]


def _check_foreign(against: Checkpoint, origin: str, public_key: bytes) -> list[Problem]:
    found = []
    if against.origin != origin:
        found.append(
            Problem(None, "origin", f"the checkpoint is of another log ({against.origin})")
        )
    if against.public_key != public_key:
        found.append(
            Problem(
                None,
                "checkpoint-key",
                "the checkpoint was signed with another key than this log's: "
                "the log or its key was replaced",
            )
        )
    if not against.signature_valid():
        found.append(
            Problem(
                None,
                "checkpoint-signature",
                "the checkpoint's signature does not verify: it was altered",
            )
        )
    return found


def _compare(target: _Target, frontier: merkle.FrontierBuilder, problems: list[Problem]) -> None:
    if frontier.root() == target.root:
        return
    if target.kind == "frontier":
        message = f"the stored tree frontier does not match the entries up to {target.size}"
        problems.append(Problem(None, "frontier", message))
    else:
        problems.append(
            Problem(
                None,
                "root",
                f"the entries up to {target.size} do not have the root of "
                f"{target.label}: an entry before it was changed, removed or "
                "reordered",
            )
        )


def _check_entry(
    seq: int,
    at: object,
    org_id: int,
    header_bytes: bytes,
    ciphertext: bytes,
    stored_leaf: bytes,
    expected: int,
    log_id: bytes,
    keys: AuditKeys | None,
) -> list[Problem]:
    """Everything wrong with one entry, in words."""
    found = []
    if seq != expected:
        found.append(
            Problem(expected, "gap", f"missing: the sequence jumps from {expected - 1} to {seq}")
        )
    try:
        header = Header.unpack(header_bytes)
    except ValueError as error:
        return [*found, Problem(seq, "header", f"damaged header: {error}")]
    if header.log_id != log_id:
        found.append(Problem(seq, "log", f"belongs to another log ({header.log_id.hex()})"))
    if header.seq != seq:
        found.append(Problem(seq, "moved", f"carries sequence {header.seq}: it was moved here"))
    try:
        if isinstance(at, int):  # PostgreSQL: microseconds since 1970
            stored_at = _EPOCH + dt.timedelta(microseconds=at)
        else:
            stored_at = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
    except (ValueError, OverflowError):
        stored_at = None
    if header.org_id != org_id or stored_at is None or as_utc(stored_at) != header.at:
        found.append(
            Problem(seq, "index", "its organization or time columns differ from its header")
        )
    if merkle.leaf_hash(header_bytes + ciphertext) != bytes(stored_leaf):
        found.append(
            Problem(
                seq,
                "hash",
                "its contents and its stored hash disagree: the "
                "header, the ciphertext or the hash was changed",
            )
        )
    if keys is not None:
        try:
            key = keys.data_key(header.org_id, header.key_version)
        except (ConfigurationError, ValueError):
            return found  # keys removed (or an id no key can have): unreadable, yet verifiable
        if decrypt_body(key, header_bytes, ciphertext) is None:
            found.append(
                Problem(
                    seq,
                    "decrypt",
                    "does not decrypt under its organization's "
                    "key: changed, or copied from elsewhere",
                )
            )
    return found
