"""Signed checkpoints of the audit log, as text that can be kept anywhere.

A checkpoint commits to the first ``size`` entries by their Merkle root. Its text form
(after the C2SP signed-note layout) is what ``zhidu audit checkpoint --export`` writes
and ``zhidu audit verify --against`` reads::

    zhidu audit log 3f1c…e9          ← origin: names the log (its id in hex)
    1234                             ← size
    q2Zk…=                           ← root, base64
    2026-11-21T08:00:00+00:00        ← time
                                     ← blank line
    — zhidu 0Xn1…= 9fQ…==            ← public key and Ed25519 signature, base64

The signature covers the first four lines and their newlines. Verifying against an
exported checkpoint needs no key of the deployment: the public key is in the file and
must equal the log's own.
"""

from __future__ import annotations

import base64
import datetime as dt

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = ["Checkpoint", "origin_for"]


def origin_for(log_id: bytes) -> str:
    return f"zhidu audit log {log_id.hex()}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@attrs.frozen
class Checkpoint:
    origin: str
    size: int
    root: bytes
    at: dt.datetime
    public_key: bytes
    signature: bytes

    def body(self) -> bytes:
        """The signed text: origin, size, root, time — one per line."""
        return (f"{self.origin}\n{self.size}\n{_b64(self.root)}\n{self.at.isoformat()}\n").encode()

    @classmethod
    def sign(
        cls, origin: str, size: int, root: bytes, at: dt.datetime, key: Ed25519PrivateKey
    ) -> Checkpoint:
        from cryptography.hazmat.primitives import serialization

        public = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        unsigned = cls(origin, size, root, at, public, b"")
        return attrs.evolve(unsigned, signature=key.sign(unsigned.body()))

    def signature_valid(self) -> bool:
        """Whether the signature is by :attr:`public_key` over :meth:`body`."""
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(self.signature, self.body())
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_text(self) -> str:
        return (
            self.body().decode()
            + "\n"
            + f"— zhidu {_b64(self.public_key)} {_b64(self.signature)}\n"
        )

    @classmethod
    def from_text(cls, text: str) -> Checkpoint:
        """Parse an exported checkpoint; ValueError says what is malformed."""
        lines = text.split("\n")
        if len(lines) < 6 or lines[4] != "":
            raise ValueError("not a zhidu checkpoint: expected 4 lines, a blank line, a signature")
        origin, size_text, root_text, time_text = lines[:4]
        parts = lines[5].split(" ")
        if len(parts) != 4 or parts[:2] != ["—", "zhidu"]:
            raise ValueError("the signature line should read '— zhidu <key> <signature>'")
        try:
            return cls(
                origin,
                int(size_text),
                base64.b64decode(root_text, validate=True),
                dt.datetime.fromisoformat(time_text),
                base64.b64decode(parts[2], validate=True),
                base64.b64decode(parts[3], validate=True),
            )
        except ValueError as error:
            raise ValueError(f"damaged checkpoint: {error}") from None
