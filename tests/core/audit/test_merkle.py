"""Tests for the audit log's Merkle tree (core.audit.merkle, RFC 6962 / RFC 9162).

Every expected hash below is a published vector, copied, never computed here:

* roots of sizes 0–8 over the eight leaves ``""``, ``00``, ``10``, ``2021``, ``3031``,
  ``40414243``, ``5051525354555657``, ``606162636465666768696a6b6c6d6e6f``, and the
  inclusion and consistency proofs over them — transparency-dev/merkle,
  ``proof/verify_test.go`` (the vectors of Certificate Transparency's reference code;
  its inclusion vectors count leaves from 1, converted here to 0-based indexes);
* which nodes make up each proof, for trees of up to 95 leaves —
  transparency-dev/merkle, ``proof/proof_test.go`` (``TestInclusion``,
  ``TestConsistency``), as (level, index) node coordinates.

The property tests also compare with a literal transcription of the RFC 6962 §2.1
definitions (``_rfc_*`` below): slow and recursive, but line for line the RFC's.
"""

from __future__ import annotations

import ast
import base64
import json
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.audit.merkle import (
    EMPTY_ROOT,
    HASH_SIZE,
    Frontier,
    FrontierBuilder,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root,
    verify_consistency,
    verify_inclusion,
)

SCRIPT = Path(__file__).resolve().parents[3] / "docs" / "verify_inclusion.py"


def dh(text: str) -> bytes:
    return bytes.fromhex(text)


# ── published vectors (transparency-dev/merkle proof/verify_test.go) ──────────────

LEAF_DATA = [
    dh(""),
    dh("00"),
    dh("10"),
    dh("2021"),
    dh("3031"),
    dh("40414243"),
    dh("5051525354555657"),
    dh("606162636465666768696a6b6c6d6e6f"),
]
LEAVES = [leaf_hash(d) for d in LEAF_DATA]

ROOTS = [  # index = tree size
    dh("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    dh("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
    dh("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
    dh("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
    dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
    dh("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
    dh("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
    dh("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
    dh("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
]

SOME_HASH = dh("abacaba000000000000000000000000000000000000000000060061e00123456")

INCLUSION = [  # (0-based index, size, proof)
    (0, 1, []),
    (
        0,
        8,
        [
            dh("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        5,
        8,
        [
            dh("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            dh("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (2, 3, [dh("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (
        1,
        5,
        [
            dh("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
]

CONSISTENCY = [  # (old size, new size, proof)
    (1, 1, []),
    (
        1,
        8,
        [
            dh("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        6,
        8,
        [
            dh("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            dh("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (
        2,
        5,
        [
            dh("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            dh("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
    (
        6,
        7,
        [
            dh("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            dh("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            dh("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
]


def test_hash_primitives() -> None:
    assert ROOTS[0] == EMPTY_ROOT
    assert leaf_hash(b"") == ROOTS[1]  # MTH of one leaf is its leaf hash
    assert node_hash(LEAVES[0], LEAVES[1]) == ROOTS[2]
    assert len(EMPTY_ROOT) == HASH_SIZE


@pytest.mark.parametrize("size", range(9))
def test_roots_match_the_published_vectors(size: int) -> None:
    assert root(LEAVES[:size]) == ROOTS[size]
    assert Frontier.of(LEAVES[:size]).root() == ROOTS[size]


def test_frontier_appends_through_the_published_roots() -> None:
    frontier = Frontier.empty()
    assert frontier.root() == ROOTS[0]
    for size, h in enumerate(LEAVES, start=1):
        frontier = frontier.append(h)
        assert frontier.size == size
        assert len(frontier.hashes) == size.bit_count()
        assert frontier.root() == ROOTS[size]
        assert Frontier.from_bytes(frontier.to_bytes()) == frontier


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION)
def test_inclusion_proofs_match_the_published_vectors(
    index: int, size: int, proof: list[bytes]
) -> None:
    assert inclusion_proof(LEAVES, index, size) == proof
    assert inclusion_proof(LEAVES[:size], index) == proof
    assert verify_inclusion(LEAVES[index], index, size, proof, ROOTS[size])


def _bad_inclusion_probes(
    index: int, size: int, proof: list[bytes], root_: bytes, leaf: bytes
) -> list[tuple[str, int, int, list[bytes], bytes, bytes]]:
    """corruptInclusionProof of transparency-dev/merkle proof/verify_test.go."""
    probes = [
        ("index - 1", index - 1, size, proof, root_, leaf),
        ("index + 1", index + 1, size, proof, root_, leaf),
        ("index ^ 2", index ^ 2, size, proof, root_, leaf),
        ("size * 2", index, size * 2, proof, root_, leaf),
        ("size / 2", index, size // 2, proof, root_, leaf),
        ("wrong leaf", index, size, proof, root_, b"WrongLeaf"),
        ("empty root", index, size, proof, EMPTY_ROOT, leaf),
        ("random root", index, size, proof, SOME_HASH, leaf),
        ("trailing garbage", index, size, [*proof, b""], root_, leaf),
        ("trailing root", index, size, [*proof, root_], root_, leaf),
        ("preceding garbage", index, size, [b"", *proof], root_, leaf),
        ("preceding root", index, size, [root_, *proof], root_, leaf),
    ]
    for i in range(len(proof)):
        wrong = list(proof)
        wrong[i] = bytes([wrong[i][0] ^ 8]) + wrong[i][1:]
        probes.append((f"proof[{i}] bit 3", index, size, wrong, root_, leaf))
    if proof:
        probes.append(("removed component", index, size, proof[:-1], root_, leaf))
    if len(proof) > 1:
        inserted = [proof[0], SOME_HASH, *proof[1:]]
        probes.append(("inserted component", index, size, inserted, root_, leaf))
    return probes


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION[1:])
def test_corrupted_published_inclusion_proofs_fail(
    index: int, size: int, proof: list[bytes]
) -> None:
    probes = _bad_inclusion_probes(index, size, proof, ROOTS[size], LEAVES[index])
    accepted = [p[0] for p in probes if verify_inclusion(p[5], p[1], p[2], p[3], p[4])]
    assert accepted == []


def test_inclusion_of_a_single_entry() -> None:
    # TestVerifyInclusionSingleEntry: the root of a one-leaf tree is the leaf hash.
    h = leaf_hash(b"data")
    assert verify_inclusion(h, 0, 1, [], h)
    assert not verify_inclusion(b"", 0, 1, [], h)
    assert not verify_inclusion(h, 0, 1, [], b"")
    assert not verify_inclusion(b"", 0, 1, [], b"")


@pytest.mark.parametrize(("index", "size"), [(0, 0), (0, 1), (1, 0), (2, 1)])
def test_inclusion_rejects_impossible_claims(index: int, size: int) -> None:
    # TestVerifyInclusion's probes with an empty proof.
    assert not verify_inclusion(SOME_HASH, index, size, [], b"")
    assert not verify_inclusion(b"", index, size, [], EMPTY_ROOT)
    assert not verify_inclusion(SOME_HASH, index, size, [], EMPTY_ROOT)


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY)
def test_consistency_proofs_match_the_published_vectors(
    old: int, new: int, proof: list[bytes]
) -> None:
    assert consistency_proof(LEAVES, old, new) == proof
    assert verify_consistency(old, new, ROOTS[old], ROOTS[new], proof)


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY[1:])
def test_corrupted_published_consistency_proofs_fail(
    old: int, new: int, proof: list[bytes]
) -> None:
    # corruptConsistencyProof of transparency-dev/merkle proof/verify_test.go.
    r1, r2 = ROOTS[old], ROOTS[new]
    probes = [
        ("old - 1", old - 1, new, r1, r2, proof),
        ("old + 1", old + 1, new, r1, r2, proof),
        ("old ^ 2", old ^ 2, new, r1, r2, proof),
        ("new * 2", old, new * 2, r1, r2, proof),
        ("new / 2", old, new // 2, r1, r2, proof),
        ("wrong old root", old, new, b"WrongRoot", r2, proof),
        ("wrong new root", old, new, r1, b"WrongRoot", proof),
        ("swapped roots", old, new, r2, r1, proof),
        ("empty proof", old, new, r1, r2, []),
        ("trailing garbage", old, new, r1, r2, [*proof, b""]),
        ("trailing old root", old, new, r1, r2, [*proof, r1]),
        ("trailing new root", old, new, r1, r2, [*proof, r2]),
        ("preceding garbage", old, new, r1, r2, [b"", *proof]),
        ("preceding old root", old, new, r1, r2, [r1, *proof]),
        ("preceding new root", old, new, r1, r2, [r2, *proof]),
        ("preceding proof[0]", old, new, r1, r2, [proof[0], *proof]),
        ("truncated proof", old, new, r1, r2, proof[:-1]),
    ]
    for i in range(len(proof)):
        wrong = list(proof)
        wrong[i] = bytes([wrong[i][0] ^ 16]) + wrong[i][1:]
        probes.append((f"proof[{i}] bit 4", old, new, r1, r2, wrong))
    accepted = [p[0] for p in probes if verify_consistency(p[1], p[2], p[3], p[4], p[5])]
    assert accepted == []


def test_consistency_boundary_cases() -> None:
    # After TestVerifyConsistency, with one deliberate difference: the tree of size 0
    # has a known root (SHA-256 of nothing), and any other "old root" is refused.
    r1, r2 = SOME_HASH, leaf_hash(b"other")
    assert not verify_consistency(0, 0, r1, r2, [])
    assert not verify_consistency(1, 1, r1, r2, [])
    assert verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])
    assert verify_consistency(0, 1, EMPTY_ROOT, r2, [])
    assert not verify_consistency(0, 1, r1, r2, [])  # Go accepts; we know MTH({})
    assert verify_consistency(1, 1, r2, r2, [])
    assert not verify_consistency(1, 0, r1, r2, [])  # time travel
    assert not verify_consistency(2, 1, r1, r2, [])
    assert not verify_consistency(1, 2, r1, r2, [])  # a proof is needed
    assert not verify_consistency(0, 0, EMPTY_ROOT, r2, [])
    assert not verify_consistency(1, 1, EMPTY_ROOT, r2, [])
    # Roots that match, but a proof that should be empty is not.
    assert not verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])
    assert not verify_consistency(0, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])
    assert not verify_consistency(1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT])


# ── published proof shapes (transparency-dev/merkle proof/proof_test.go) ──────────

SHAPE_LEAVES = [leaf_hash(i.to_bytes(2, "big")) for i in range(95)]

Node = tuple[int, int]  # (level, index): the perfect subtree of leaves [index·2^level, …)
Rehash = tuple[int, int] | None  # a run of nodes that the verifier hashes into one


def _node(level: int, index: int) -> bytes:
    hashes = SHAPE_LEAVES[index << level : (index + 1) << level]
    assert len(hashes) == 1 << level
    while len(hashes) > 1:
        hashes = [node_hash(hashes[i], hashes[i + 1]) for i in range(0, len(hashes), 2)]
    return hashes[0]


def _expected(nodes: Sequence[Node], rehash: Rehash) -> list[bytes]:
    hashes = [_node(level, index) for level, index in nodes]
    if rehash is None:
        return hashes
    begin, end = rehash  # proof.Nodes.Rehash: fold the run bottom-up into one node
    acc = hashes[begin]
    for h in hashes[begin + 1 : end]:
        acc = node_hash(h, acc)
    return [*hashes[:begin], acc, *hashes[end:]]


INCLUSION_SHAPES: list[tuple[int, int, list[Node], Rehash]] = [  # (size, index, …)
    (1, 0, [], None),
    (2, 0, [(0, 1)], None),
    (2, 1, [(0, 0)], None),
    (3, 1, [(0, 0), (0, 2)], None),
    (7, 0, [(0, 1), (1, 1), (0, 6), (1, 2)], (2, 4)),
    (7, 1, [(0, 0), (1, 1), (0, 6), (1, 2)], (2, 4)),
    (7, 2, [(0, 3), (1, 0), (0, 6), (1, 2)], (2, 4)),
    (7, 3, [(0, 2), (1, 0), (0, 6), (1, 2)], (2, 4)),
    (7, 4, [(0, 5), (0, 6), (2, 0)], None),
    (7, 5, [(0, 4), (0, 6), (2, 0)], None),
    (7, 6, [(1, 2), (2, 0)], None),
    (4, 2, [(0, 3), (1, 0)], None),
    (5, 3, [(0, 2), (1, 0), (0, 4)], None),
    (6, 3, [(0, 2), (1, 0), (1, 2)], None),
    (6, 4, [(0, 5), (2, 0)], None),
    (15, 10, [(0, 11), (1, 4), (0, 14), (1, 6), (3, 0)], (2, 4)),
    (31, 24, [(0, 25), (1, 13), (0, 30), (1, 14), (3, 2), (4, 0)], (2, 4)),
    (95, 81, [(0, 80), (1, 41), (2, 21), (0, 94), (1, 46), (2, 22), (4, 4), (6, 0)], (3, 6)),
]

CONSISTENCY_SHAPES: list[tuple[int, int, list[Node], Rehash]] = [  # (old, new, …)
    (1, 2, [(0, 1)], None),
    (1, 4, [(0, 1), (1, 1)], None),
    (1, 6, [(0, 1), (1, 1), (1, 2)], None),
    (2, 3, [(0, 2)], None),
    (2, 8, [(1, 1), (2, 1)], None),
    (3, 7, [(0, 2), (0, 3), (1, 0), (0, 6), (1, 2)], (3, 5)),
    (4, 7, [(0, 6), (1, 2)], (0, 2)),
    (5, 7, [(0, 4), (0, 5), (0, 6), (2, 0)], None),
    (6, 7, [(1, 2), (0, 6), (2, 0)], None),
    (7, 8, [(0, 6), (0, 7), (1, 2), (2, 0)], None),
    *((n, n, [], None) for n in (1, 2, 3, 4, 5, 7, 8)),
    (2, 4, [(1, 1)], None),
    (3, 5, [(0, 2), (0, 3), (1, 0), (0, 4)], None),
    (3, 6, [(0, 2), (0, 3), (1, 0), (1, 2)], None),
    (4, 6, [(1, 2)], None),
    (1, 7, [(0, 1), (1, 1), (0, 6), (1, 2)], (2, 4)),
    (10, 15, [(1, 4), (1, 5), (0, 14), (1, 6), (3, 0)], (2, 4)),
    (24, 31, [(3, 2), (0, 30), (1, 14), (2, 6), (4, 0)], (1, 4)),
    (
        81,
        95,
        [(0, 80), (0, 81), (1, 41), (2, 21), (0, 94), (1, 46), (2, 22), (4, 4), (6, 0)],
        (4, 7),
    ),
]


@pytest.mark.parametrize(("size", "index", "nodes", "rehash"), INCLUSION_SHAPES)
def test_inclusion_proofs_have_the_published_shape(
    size: int, index: int, nodes: list[Node], rehash: Rehash
) -> None:
    proof = inclusion_proof(SHAPE_LEAVES, index, size)
    assert proof == _expected(nodes, rehash)
    assert verify_inclusion(SHAPE_LEAVES[index], index, size, proof, root(SHAPE_LEAVES[:size]))


@pytest.mark.parametrize(("old", "new", "nodes", "rehash"), CONSISTENCY_SHAPES)
def test_consistency_proofs_have_the_published_shape(
    old: int, new: int, nodes: list[Node], rehash: Rehash
) -> None:
    proof = consistency_proof(SHAPE_LEAVES, old, new)
    assert proof == _expected(nodes, rehash)
    old_root, new_root = root(SHAPE_LEAVES[:old]), root(SHAPE_LEAVES[:new])
    assert verify_consistency(old, new, old_root, new_root, proof)


@pytest.mark.parametrize(("index", "size"), [(0, 0), (1, 0), (2, 1), (3, 0), (8, 7), (-1, 5)])
def test_inclusion_proof_of_an_impossible_leaf_is_refused(index: int, size: int) -> None:
    with pytest.raises(ValueError, match="not in a tree"):
        inclusion_proof(SHAPE_LEAVES, index, size)


@pytest.mark.parametrize(("old", "new"), [(5, 0), (9, 8), (-1, 3)])
def test_consistency_proof_backwards_is_refused(old: int, new: int) -> None:
    with pytest.raises(ValueError, match="old tree size"):
        consistency_proof(SHAPE_LEAVES, old, new)


def test_proofs_beyond_the_leaves_given_are_refused() -> None:
    with pytest.raises(ValueError, match="leaves given"):
        inclusion_proof(LEAVES, 0, 9)
    with pytest.raises(ValueError, match="leaves given"):
        consistency_proof(LEAVES, 1, 9)


# ── the RFC 6962 §2.1 definitions, transcribed literally (a slow oracle) ──────────


def _rfc_k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def _rfc_mth(d: Sequence[bytes]) -> bytes:
    if not d:
        return EMPTY_ROOT
    if len(d) == 1:
        return d[0]
    k = _rfc_k(len(d))
    return node_hash(_rfc_mth(d[:k]), _rfc_mth(d[k:]))


def _rfc_path(m: int, d: Sequence[bytes]) -> list[bytes]:
    if len(d) == 1:
        return []
    k = _rfc_k(len(d))
    if m < k:
        return [*_rfc_path(m, d[:k]), _rfc_mth(d[k:])]
    return [*_rfc_path(m - k, d[k:]), _rfc_mth(d[:k])]


def _rfc_subproof(m: int, d: Sequence[bytes], b: bool) -> list[bytes]:
    n = len(d)
    if m == n:
        return [] if b else [_rfc_mth(d)]
    k = _rfc_k(n)
    if m <= k:
        return [*_rfc_subproof(m, d[:k], b), _rfc_mth(d[k:])]
    return [*_rfc_subproof(m - k, d[k:], False), _rfc_mth(d[:k])]


def test_every_proof_in_small_trees_matches_the_rfc_and_verifies() -> None:
    leaves = SHAPE_LEAVES[:33]
    roots = [_rfc_mth(leaves[:n]) for n in range(len(leaves) + 1)]
    for new in range(len(leaves) + 1):
        assert root(leaves[:new]) == roots[new]
        for index in range(new):
            proof = inclusion_proof(leaves, index, new)
            assert proof == _rfc_path(index, leaves[:new])
            assert verify_inclusion(leaves[index], index, new, proof, roots[new])
        for old in range(new + 1):
            proof = consistency_proof(leaves, old, new)
            if 0 < old < new:
                assert proof == _rfc_subproof(old, leaves[:new], True)
            else:
                assert proof == []
            assert verify_consistency(old, new, roots[old], roots[new], proof)


# ── properties ─────────────────────────────────────────────────────────────────────

# Distinct entries, as in the log (every header carries its own sequence number).
entries = st.lists(st.binary(max_size=24), min_size=1, max_size=70, unique=True)


def _hashes(data: Sequence[bytes]) -> list[bytes]:
    return [leaf_hash(d) for d in data]


def _flip(value: bytes, position: int, mask: int) -> bytes:
    return value[:position] + bytes([value[position] ^ mask]) + value[position + 1 :]


@settings(deadline=None)  # trees of up to 70 leaves: no per-example deadline
@given(entries)
def test_root_is_the_rfc_merkle_tree_hash(data: list[bytes]) -> None:
    leaves = _hashes(data)
    assert root(leaves) == _rfc_mth(leaves)


@settings(deadline=None)  # trees of up to 70 leaves: no per-example deadline
@given(entries)
def test_frontier_built_by_appending_equals_root(data: list[bytes]) -> None:
    leaves = _hashes(data)
    frontier = Frontier.empty()
    for size, h in enumerate(leaves, start=1):
        frontier = frontier.append(h)
        assert frontier.size == size
        assert frontier.root() == root(leaves[:size])
    assert frontier == Frontier.of(leaves)


@settings(deadline=None)
@given(entries, st.data())
def test_a_builder_extended_in_pieces_equals_one_built_leaf_by_leaf(
    data: list[bytes], draw: st.DataObject
) -> None:
    """FrontierBuilder.extend (verification's pages, cut at checkpoints) and .append."""
    leaves = _hashes(data)
    start = Frontier.of(leaves[: draw.draw(st.integers(0, len(leaves)))])
    one, pieces = FrontierBuilder(start), FrontierBuilder(start)
    rest = leaves[start.size :]
    for h in rest:
        one.append(h)
    cuts = sorted(draw.draw(st.lists(st.integers(0, len(rest)), max_size=4)))
    for lo, hi in zip([0, *cuts], [*cuts, len(rest)], strict=True):
        pieces.extend(rest[lo:hi])
        assert pieces.size == start.size + hi
        assert pieces.root() == root(leaves[: start.size + hi])
    assert pieces.frontier() == one.frontier() == Frontier.of(leaves)


@given(entries)
def test_frontier_round_trips_through_bytes(data: list[bytes]) -> None:
    frontier = Frontier.of(_hashes(data))
    raw = frontier.to_bytes()
    assert len(raw) == 8 + 32 * frontier.size.bit_count()
    assert raw[:8] == frontier.size.to_bytes(8, "big")
    assert Frontier.from_bytes(raw) == frontier


@given(entries, st.data())
def test_damaged_frontier_bytes_are_refused(data: list[bytes], draw: st.DataObject) -> None:
    raw = Frontier.of(_hashes(data)).to_bytes()
    cut = draw.draw(st.integers(0, len(raw) - 1), label="cut")
    with pytest.raises(ValueError, match="frontier"):
        Frontier.from_bytes(raw[:cut])
    extra = draw.draw(st.binary(min_size=1, max_size=40), label="extra")
    with pytest.raises(ValueError, match="damaged frontier"):
        Frontier.from_bytes(raw + extra)


def test_frontier_messages_name_the_damage() -> None:
    with pytest.raises(ValueError, match="shorter than its 8-byte size field"):
        Frontier.from_bytes(b"\x00\x00\x01")
    with pytest.raises(ValueError, match=r"size 3 needs 2 hashes \(72 bytes\), but there are 40"):
        Frontier.from_bytes((3).to_bytes(8, "big") + bytes(32))
    with pytest.raises(ValueError, match="one per set bit"):
        Frontier(3, (bytes(32),))
    with pytest.raises(ValueError, match="not 32 bytes"):
        Frontier(1, (b"short",))
    with pytest.raises(ValueError, match="outside"):
        Frontier(-1, ())
    assert Frontier.from_bytes(bytes(8)) == Frontier.empty()


@settings(deadline=None)  # trees of up to 70 leaves: no per-example deadline
@given(entries, st.data())
def test_inclusion_proofs_verify_and_tampering_fails(
    data: list[bytes], draw: st.DataObject
) -> None:
    leaves = _hashes(data)
    size = draw.draw(st.integers(1, len(leaves)), label="size")
    index = draw.draw(st.integers(0, size - 1), label="index")
    tree_root = root(leaves[:size])
    proof = inclusion_proof(leaves, index, size)
    assert proof == _rfc_path(index, leaves[:size])
    assert verify_inclusion(leaves[index], index, size, proof, tree_root)

    other = draw.draw(st.binary(max_size=24).filter(lambda b: b != data[index]), label="leaf")
    assert not verify_inclusion(leaf_hash(other), index, size, proof, tree_root)
    for wrong_index in range(size):
        if wrong_index != index:
            assert not verify_inclusion(leaves[index], wrong_index, size, proof, tree_root)
    mask = draw.draw(st.integers(1, 255), label="mask")
    for position in range(HASH_SIZE):
        bad_root = _flip(tree_root, position, mask)
        assert not verify_inclusion(leaves[index], index, size, proof, bad_root)
        for i in range(len(proof)):
            bad = [*proof[:i], _flip(proof[i], position, mask), *proof[i + 1 :]]
            assert not verify_inclusion(leaves[index], index, size, bad, tree_root)
    if proof:
        assert not verify_inclusion(leaves[index], index, size, proof[:-1], tree_root)
    assert not verify_inclusion(leaves[index], index, size, [*proof, tree_root], tree_root)


@settings(deadline=None)  # trees of up to 70 leaves: no per-example deadline
@given(entries, st.data())
def test_consistency_proofs_verify_and_tampering_fails(
    data: list[bytes], draw: st.DataObject
) -> None:
    leaves = _hashes(data)
    new = draw.draw(st.integers(0, len(leaves)), label="new")
    old = draw.draw(st.integers(0, new), label="old")
    old_root, new_root = root(leaves[:old]), root(leaves[:new])
    proof = consistency_proof(leaves, old, new)
    if 0 < old < new:
        assert proof == _rfc_subproof(old, leaves[:new], True)
    assert verify_consistency(old, new, old_root, new_root, proof)

    mask = draw.draw(st.integers(1, 255), label="mask")
    for position in range(HASH_SIZE):
        bad_old = _flip(old_root, position, mask)
        assert not verify_consistency(old, new, bad_old, new_root, proof)
        if old > 0:  # nothing binds the new root to the empty tree
            bad_new = _flip(new_root, position, mask)
            assert not verify_consistency(old, new, old_root, bad_new, proof)
        for i in range(len(proof)):
            bad = [*proof[:i], _flip(proof[i], position, mask), *proof[i + 1 :]]
            assert not verify_consistency(old, new, old_root, new_root, bad)
    if proof:
        assert not verify_consistency(old, new, old_root, new_root, proof[:-1])
    assert not verify_consistency(old, new, old_root, new_root, [*proof, new_root])
    if 0 < old < new:
        assert not verify_consistency(old, new, new_root, old_root, proof)
        # The old size is bound by the proof (the new size is not: like an inclusion
        # proof's tree size, the verifier only learns the path's shape).
        for other_old in range(new + 1):
            if other_old != old:
                assert not verify_consistency(other_old, new, old_root, new_root, proof)


@given(entries, st.data())
def test_changing_any_one_leaf_changes_the_root(data: list[bytes], draw: st.DataObject) -> None:
    leaves = _hashes(data)
    index = draw.draw(st.integers(0, len(leaves) - 1), label="index")
    other = draw.draw(st.binary(max_size=24).filter(lambda b: b != data[index]), label="leaf")
    changed = [*leaves[:index], leaf_hash(other), *leaves[index + 1 :]]
    assert root(changed) != root(leaves)
    assert Frontier.of(changed).root() != Frontier.of(leaves).root()


# ── the auditor's standalone script (docs/verify_inclusion.py) ─────────────────────


def _run_script(tmp_path: Path, document: object) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    # -I: isolated mode, so the script cannot import zhidu from the working directory.
    return subprocess.run(
        [sys.executable, "-I", str(SCRIPT), str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


def test_script_imports_only_the_standard_library() -> None:
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert imported == {"base64", "hashlib", "json", "sys"}
    assert len(SCRIPT.read_text(encoding="utf-8").splitlines()) <= 60


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_script_checks_a_proof_from_this_module(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    entries_ = [
        rng.randbytes(16) + rng.randbytes(rng.randrange(0, 200))  # header ‖ ciphertext
        for _ in range(rng.randrange(1, 300))
    ]
    leaves = _hashes(entries_)
    size = rng.randrange(1, len(leaves) + 1)
    index = rng.randrange(size)
    proof = inclusion_proof(leaves, index, size)

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    good = {
        "leaf": b64(entries_[index]),
        "index": index,
        "size": size,
        "proof": [b64(p) for p in proof],
        "root": b64(root(leaves[:size])),
    }
    done = _run_script(tmp_path, good)
    assert (done.returncode, done.stdout.strip()) == (0, "OK"), done.stderr

    tampered: list[dict[str, object]] = [
        good | {"leaf": b64(entries_[index] + b"x")},
        good | {"index": (index + 1) % size if size > 1 else 1},
        good | {"root": b64(_flip(root(leaves[:size]), rng.randrange(32), 0x40))},
    ]
    if proof:
        i = rng.randrange(len(proof))
        bad = [*proof[:i], _flip(proof[i], rng.randrange(32), 0x01), *proof[i + 1 :]]
        tampered.append(good | {"proof": [b64(p) for p in bad]})
    for document in tampered:
        done = _run_script(tmp_path, document)
        assert (done.returncode, done.stdout.strip()) == (1, "FAILED"), document


def test_script_reports_an_unreadable_proof(tmp_path: Path) -> None:
    done = _run_script(tmp_path, {"leaf": "not base64!", "index": 0, "size": 1})
    assert done.returncode == 1
    assert done.stdout.startswith("FAILED")
    done = _run_script(tmp_path, {"leaf": "", "index": "0", "size": 1, "proof": [], "root": ""})
    assert done.returncode == 1
    assert done.stdout.startswith("FAILED")


def test_a_frontier_read_back_is_the_one_written_and_any_other_bytes_are_parsed() -> None:
    """from_bytes keeps what to_bytes last wrote: the next change reads those bytes back
    unless another process appended, whose bytes must then be read, and damage refused."""
    ours, theirs = FrontierBuilder(), FrontierBuilder()
    for n in range(5):
        ours.append(leaf_hash(b"ours %d" % n))
    for n in range(6):
        theirs.append(leaf_hash(b"theirs %d" % n))
    their_bytes = theirs.to_bytes()
    written = ours.to_bytes()  # the last written
    read = FrontierBuilder.from_bytes(written)
    read.append(leaf_hash(b"next"))  # grows a copy, not what was kept
    assert FrontierBuilder.from_bytes(written).root() == ours.root()
    assert FrontierBuilder.from_bytes(their_bytes).root() == theirs.root()
    assert FrontierBuilder.from_bytes(their_bytes).size == 6
    with pytest.raises(ValueError, match="damaged frontier"):
        FrontierBuilder.from_bytes(written[:-1])
