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
* the stored frontier and size agree with the entries;
* with keys given, each entry also decrypts (an entry copied from another
  organization shows here even if its hash was redone).
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from core import models
from core.audit import merkle
from core.audit.checkpoint import Checkpoint
from core.audit.entry import Header, decrypt_body
from core.audit.log import AuditKeys, as_utc, checkpoint_from_row, log_row
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
    label: str
    size: int
    root: bytes


def verify(
    against: Checkpoint | None = None,
    *,
    keys: AuditKeys | None = None,
    seen: Checkpoint | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Verify the whole log; ``against``: a checkpoint kept elsewhere (exported);
    ``seen``: the last checkpoint this machine saw (core.audit.witness)."""
    log = log_row()
    log_id, public_key = bytes(log.log_id), bytes(log.public_key)
    problems: list[Problem] = []
    targets: list[_Target] = []
    stored = list(models.AuditCheckpoint.select().order_by(models.AuditCheckpoint.size))
    for row in stored:
        signed = checkpoint_from_row(log, row)
        if not signed.signature_valid():
            problems.append(
                Problem(
                    None,
                    "checkpoint-signature",
                    f"the checkpoint at size {row.size} is not signed by this log's key",
                )
            )
        targets.append(
            _Target(f"the signed checkpoint at size {row.size}", row.size, bytes(row.root))
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
    targets.sort(key=lambda t: t.size)

    frontier = merkle.Frontier.empty()
    total = log.size
    expected = 0
    pending = iter(targets)
    target = next(pending, None)
    while target is not None and target.size == 0:
        _compare(target, frontier, problems)
        target = next(pending, None)
    for row in models.AuditEntry.select().order_by(models.AuditEntry.seq).iterator():
        problems.extend(_check_entry(row, expected, log_id, keys))
        expected = row.seq + 1
        frontier = frontier.append(merkle.leaf_hash(bytes(row.header) + bytes(row.ciphertext)))
        while target is not None and target.size == frontier.size:
            _compare(target, frontier, problems)
            target = next(pending, None)
        if progress is not None:
            progress(frontier.size, total)
    for missing in [target, *pending]:
        if missing is not None:
            problems.append(
                Problem(
                    None,
                    "truncated",
                    f"the log holds {frontier.size} entries but {missing.label} "
                    f"covers {missing.size}: entries were removed from the end",
                )
            )
    if frontier.size != log.size:
        problems.append(
            Problem(
                None,
                "size",
                f"the log says it holds {log.size} entries, {frontier.size} are stored",
            )
        )
    elif frontier.root() != merkle.Frontier.from_bytes(bytes(log.frontier)).root():
        problems.append(
            Problem(None, "frontier", "the stored tree frontier does not match the entries")
        )
    problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    return Report(frontier.size, frontier.root(), len(targets), tuple(problems))


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


def _compare(target: _Target, frontier: merkle.Frontier, problems: list[Problem]) -> None:
    if frontier.root() != target.root:
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
    row: models.AuditEntry, expected: int, log_id: bytes, keys: AuditKeys | None
) -> list[Problem]:
    seq = row.seq
    found = []
    if seq != expected:
        found.append(
            Problem(expected, "gap", f"missing: the sequence jumps from {expected - 1} to {seq}")
        )
    header_bytes, ciphertext = bytes(row.header), bytes(row.ciphertext)
    try:
        header = Header.unpack(header_bytes)
    except ValueError as error:
        return [*found, Problem(seq, "header", f"damaged header: {error}")]
    if header.log_id != log_id:
        found.append(Problem(seq, "log", f"belongs to another log ({header.log_id.hex()})"))
    if header.seq != seq:
        found.append(Problem(seq, "moved", f"carries sequence {header.seq}: it was moved here"))
    if header.org_id != row.org_id or as_utc(row.at) != header.at:
        found.append(
            Problem(seq, "index", "its organization or time columns differ from its header")
        )
    if merkle.leaf_hash(header_bytes + ciphertext) != bytes(row.leaf_hash):
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
