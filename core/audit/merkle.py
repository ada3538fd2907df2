"""The Merkle tree of the audit log, as RFC 6962 and RFC 9162 define it.

A pure module: SHA-256 from :mod:`hashlib` and nothing else. Every leaf of the log is
an entry's bytes (header ‖ ciphertext); the tree over the leaves is the Merkle Tree
Hash of RFC 6962 §2.1 (the same in RFC 9162 §2.1.1), so a third party can check the
log with any Certificate Transparency tooling:

* :func:`leaf_hash`, :func:`node_hash`, :data:`EMPTY_ROOT` — the hashes (§2.1);
* :func:`root` — the tree head of a list of leaf hashes (§2.1);
* :class:`Frontier` — the roots of the perfect subtrees of the leaves so far, enough
  to append a leaf and compute the new root in O(log n) without reading the log;
* :func:`inclusion_proof` / :func:`verify_inclusion` — audit paths
  (RFC 6962 §2.1.1, verified as RFC 9162 §2.1.3.2 says);
* :func:`consistency_proof` / :func:`verify_consistency` — that a later tree extends
  an earlier one (RFC 6962 §2.1.2, verified as RFC 9162 §2.1.4.2 says).

Leaf indexes are 0-based, as in the RFCs. Generating a proof for impossible
arguments is a caller's bug and raises :class:`ValueError`; verifying never raises —
it answers ``False`` for anything that is not a valid proof.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Frontier",
    "FrontierBuilder",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
"""The length of every hash in the tree (SHA-256)."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root of the tree with no leaves: MTH({}) = SHA-256() (RFC 6962 §2.1)."""

_SIZE_BYTES = 8
_MAX_SIZE = (1 << 64) - 1


def leaf_hash(data: bytes) -> bytes:
    """The hash of one leaf: SHA-256(0x00 ‖ data) (RFC 6962 §2.1)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node: SHA-256(0x01 ‖ left ‖ right) (RFC 6962 §2.1)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """The Merkle Tree Hash MTH(D[n]) of the leaves with these hashes (RFC 6962 §2.1).

    The RFC's definition splits at k, the largest power of two smaller than n, and
    recurses; this computes the same value in one pass with n - 1 node hashes.
    """
    return _subtree_root(leaf_hashes, 0, len(leaf_hashes))


def _subtree_root(leaf_hashes: Sequence[bytes], lo: int, hi: int) -> bytes:
    """MTH(D[lo:hi]): fold the leaves into perfect subtrees, then combine right to left."""
    stack: list[bytes] = []
    for count, i in enumerate(range(lo, hi)):
        acc = leaf_hashes[i]
        while count & 1:  # the subtree just completed joins its left neighbour
            acc = node_hash(stack.pop(), acc)
            count >>= 1
        stack.append(acc)
    return _fold_right(stack)


def _fold_right(hashes: Sequence[bytes]) -> bytes:
    """Combine the perfect-subtree roots, largest first, into the tree head."""
    if not hashes:
        return EMPTY_ROOT
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = node_hash(h, acc)
    return acc


def _split(n: int) -> int:
    """k, the largest power of two smaller than n, for n > 1 (RFC 6962 §2.1)."""
    return 1 << ((n - 1).bit_length() - 1)


def _as_tuple(hashes: Iterable[bytes]) -> tuple[bytes, ...]:
    return tuple(hashes)


def _check_hashes(hashes: tuple[bytes, ...]) -> None:
    for i, h in enumerate(hashes):
        if not isinstance(h, bytes) or len(h) != HASH_SIZE:
            raise ValueError(f"frontier hash {i} is not {HASH_SIZE} bytes: {h!r}")


@attrs.frozen
class Frontier:
    """The compact range [0, size) of the tree: enough to append and to compute roots.

    ``hashes`` are the roots of the perfect subtrees that the first ``size`` leaves
    make, one per set bit of ``size``, largest (leftmost) first — what Certificate
    Transparency logs call the frontier or compact range. Appending a leaf merges
    subtrees of equal size like carrying in binary addition.
    """

    size: int = attrs.field()
    hashes: tuple[bytes, ...] = attrs.field(converter=_as_tuple)

    @size.validator
    def _validate_size(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"frontier size must be an integer, not {value!r}")
        if not 0 <= value <= _MAX_SIZE:
            raise ValueError(f"frontier size {value} is outside 0 … 2**64 - 1")

    @hashes.validator
    def _validate_hashes(
        self, _attribute: attrs.Attribute[tuple[bytes, ...]], value: tuple[bytes, ...]
    ) -> None:
        expected = self.size.bit_count()
        if len(value) != expected:
            raise ValueError(
                f"a frontier of size {self.size} has {expected} hashes "
                f"(one per set bit of the size), not {len(value)}"
            )
        _check_hashes(value)

    @classmethod
    def empty(cls) -> Frontier:
        """The frontier of the tree with no leaves."""
        return cls(0, ())

    @classmethod
    def of(cls, leaf_hashes: Iterable[bytes]) -> Frontier:
        """The frontier of the tree with these leaf hashes."""
        frontier = cls.empty()
        for h in leaf_hashes:
            frontier = frontier.append(h)
        return frontier

    def append(self, leaf_hash: bytes) -> Frontier:
        """The frontier after one more leaf with this hash: O(log size) node hashes."""
        if self.size == _MAX_SIZE:
            raise ValueError("the tree is full: it has 2**64 - 1 leaves")
        hashes = list(self.hashes)
        acc = leaf_hash
        size = self.size
        while size & 1:  # every trailing set bit is a subtree the new leaf completes
            acc = node_hash(hashes.pop(), acc)
            size >>= 1
        hashes.append(acc)
        return Frontier(self.size + 1, tuple(hashes))

    def root(self) -> bytes:
        """MTH of the first ``size`` leaves, combining right to left (RFC 6962 §2.1)."""
        return _fold_right(self.hashes)

    def to_bytes(self) -> bytes:
        """8-byte big-endian size, then the 32-byte hashes, largest subtree first."""
        return self.size.to_bytes(_SIZE_BYTES, "big") + b"".join(self.hashes)

    @classmethod
    def from_bytes(cls, data: bytes) -> Frontier:
        """Read what :meth:`to_bytes` wrote; :class:`ValueError` if it is damaged."""
        return cls(*_parse_frontier(data))


def _parse_frontier(data: bytes) -> tuple[int, tuple[bytes, ...]]:
    if len(data) < _SIZE_BYTES:
        raise ValueError(
            f"damaged frontier: {len(data)} bytes, shorter than its {_SIZE_BYTES}-byte size field"
        )
    size = int.from_bytes(data[:_SIZE_BYTES], "big")
    count = size.bit_count()
    expected = _SIZE_BYTES + HASH_SIZE * count
    if len(data) != expected:
        raise ValueError(
            f"damaged frontier: size {size} needs {count} hashes ({expected} bytes), "
            f"but there are {len(data)} bytes"
        )
    body = data[_SIZE_BYTES:]
    return size, tuple(body[i : i + HASH_SIZE] for i in range(0, len(body), HASH_SIZE))


#: What :meth:`FrontierBuilder.to_bytes` wrote last, with what it was written from: a
#: memo of :meth:`~FrontierBuilder.from_bytes` for exactly those bytes (one tuple,
#: replaced whole, so threads see one or the other).
_last_written: tuple[bytes, int, tuple[bytes, ...]] = (b"", 0, ())


class FrontierBuilder:
    """A frontier grown in place, for appending or verifying many leaves in one go.

    :class:`Frontier` is an immutable, validated value — right for one append — but
    building a new one per leaf costs more than hashing the leaf; this does the same
    arithmetic on a list and makes a :class:`Frontier` only when asked.
    """

    __slots__ = ("_hashes", "size")

    def __init__(self, start: Frontier | None = None) -> None:
        # No Frontier.empty() to start from: its validators ran on every audited change.
        self.size = start.size if start else 0
        self._hashes = list(start.hashes) if start else []

    @classmethod
    def from_bytes(cls, data: bytes) -> FrontierBuilder:
        """Start from what :meth:`Frontier.to_bytes` wrote (checked the same way)."""
        builder = cls()
        written, size, hashes = _last_written
        # The bytes this process wrote last are what the next change reads back, unless
        # another process appended in between; then they differ and are parsed.
        builder.size, hashes = (size, hashes) if data == written else _parse_frontier(data)
        builder._hashes = list(hashes)
        return builder

    def append(self, leaf_hash: bytes) -> None:
        """One more leaf with this hash (see :meth:`Frontier.append`)."""
        if self.size == _MAX_SIZE:
            raise ValueError("the tree is full: it has 2**64 - 1 leaves")
        hashes, acc, size = self._hashes, leaf_hash, self.size
        while size & 1:
            acc = hashlib.sha256(b"\x01" + hashes.pop() + acc).digest()
            size >>= 1
        hashes.append(acc)
        self.size += 1

    def extend(self, leaf_hashes: Sequence[bytes]) -> None:
        """Leaves with these hashes, one after another: :meth:`append` for each, in one
        call (verification adds a page of a million-entry log at a time)."""
        if self.size + len(leaf_hashes) > _MAX_SIZE:
            raise ValueError("the tree is full: it has 2**64 - 1 leaves")
        hashes, size, sha256 = self._hashes, self.size, hashlib.sha256
        pop, push = hashes.pop, hashes.append
        for acc in leaf_hashes:
            carry = size
            while carry & 1:
                acc = sha256(b"\x01" + pop() + acc).digest()
                carry >>= 1
            push(acc)
            size += 1
        self.size = size

    def frontier(self) -> Frontier:
        return Frontier(self.size, tuple(self._hashes))

    def to_bytes(self) -> bytes:
        """As :meth:`Frontier.to_bytes`."""
        global _last_written
        data = self.size.to_bytes(_SIZE_BYTES, "big") + b"".join(self._hashes)
        _last_written = (data, self.size, tuple(self._hashes))
        return data

    def root(self) -> bytes:
        return _fold_right(self._hashes)


def inclusion_proof(
    leaf_hashes: Sequence[bytes], index: int, size: int | None = None
) -> list[bytes]:
    """The audit path PATH(index, D[0:size]) (RFC 6962 §2.1.1; RFC 9162 §2.1.3.1).

    ``size`` defaults to all the leaves given. The path lists the sibling hashes from
    the leaf up to the root; it is empty for the tree of one leaf. O(size) hashing.
    """
    n = len(leaf_hashes) if size is None else size
    if not 0 <= n <= len(leaf_hashes):
        raise ValueError(f"tree size {n} is outside 0 … {len(leaf_hashes)} (leaves given)")
    if not 0 <= index < n:
        raise ValueError(f"leaf index {index} is not in a tree of size {n}")
    path: list[bytes] = []  # root-side first; reversed at the end
    lo, hi = 0, n
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:  # PATH(m, D[0:k]) : MTH(D[k:n])
            path.append(_subtree_root(leaf_hashes, lo + k, hi))
            hi = lo + k
        else:  # PATH(m - k, D[k:n]) : MTH(D[0:k])
            path.append(_subtree_root(leaf_hashes, lo, lo + k))
            lo += k
    path.reverse()
    return path


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether ``proof`` shows the leaf at ``index`` in the tree of ``size`` with ``root``.

    The algorithm of RFC 9162 §2.1.3.2, which also rejects a path of the wrong length.
    """
    if not (0 <= index < size and _is_hash(leaf_hash) and _is_hash(root)):
        return False
    if not all(_is_hash(p) for p in proof):
        return False
    fn, sn = index, size - 1
    r = leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def consistency_proof(leaf_hashes: Sequence[bytes], old_size: int, new_size: int) -> list[bytes]:
    """PROOF(old_size, D[0:new_size]) (RFC 6962 §2.1.2; RFC 9162 §2.1.4.1).

    Empty when ``old_size`` is 0 or equal to ``new_size`` (there is nothing to prove).
    O(new_size) hashing.
    """
    if not 0 <= new_size <= len(leaf_hashes):
        raise ValueError(
            f"new tree size {new_size} is outside 0 … {len(leaf_hashes)} (leaves given)"
        )
    if not 0 <= old_size <= new_size:
        raise ValueError(f"old tree size {old_size} is outside 0 … {new_size} (the new size)")
    if old_size in (0, new_size):
        return []
    # SUBPROOF(m, D[lo:hi], b), unrolled: each step appends one hash to the proof.
    proof: list[bytes] = []  # root-side first; reversed at the end
    m, lo, hi, complete = old_size, 0, new_size, True
    while m != hi - lo:
        k = _split(hi - lo)
        if m <= k:  # SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
            proof.append(_subtree_root(leaf_hashes, lo + k, hi))
            hi = lo + k
        else:  # SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
            proof.append(_subtree_root(leaf_hashes, lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    if not complete:  # m = n and b = false: the old tree's own subtree, MTH(D[m])
        proof.append(_subtree_root(leaf_hashes, lo, hi))
    proof.reverse()
    return proof


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows the tree ``new_root`` extends the tree ``old_root``.

    For 0 < old_size < new_size this is the algorithm of RFC 9162 §2.1.4.2. The
    boundary cases have empty proofs: equal sizes need equal roots, and the empty tree
    (old_size 0) must have the root :data:`EMPTY_ROOT` and is a prefix of every tree.
    """
    if not (0 <= old_size <= new_size and _is_hash(old_root) and _is_hash(new_root)):
        return False
    if not all(_is_hash(p) for p in proof):
        return False
    if old_size == 0:
        return not proof and old_root == EMPTY_ROOT and (new_size > 0 or new_root == EMPTY_ROOT)
    if old_size == new_size:
        return not proof and old_root == new_root
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is a node itself
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


def _is_hash(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == HASH_SIZE
