"""Check that one entry is in a zhidu audit log: python verify_inclusion.py PROOF.json

PROOF.json: {"leaf": base64 of the entry bytes (header ‖ ciphertext), "index": n,
"size": N, "proof": [base64 hashes], "root": base64}. The tree is RFC 6962's
(SHA-256, 0x00 leaf and 0x01 node prefixes); the check is RFC 9162 §2.1.3.2.
Standard library only. Prints OK and exits 0, or FAILED and exits 1.
"""

import base64
import hashlib
import json
import sys


def h(*parts: bytes) -> bytes:
    return hashlib.sha256(b"".join(parts)).digest()


def verify(leaf: bytes, index: int, size: int, proof: list[bytes], root: bytes) -> bool:
    if not 0 <= index < size or any(len(p) != 32 for p in proof):
        return False
    fn, sn, r = index, size - 1, h(b"\x00", leaf)
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = h(b"\x01", p, r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = h(b"\x01", r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def b64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def main(path: str) -> int:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        leaf, root = b64(doc["leaf"]), b64(doc["root"])
        proof = [b64(p) for p in doc["proof"]]
        index, size = doc["index"], doc["size"]
        if type(index) is not int or type(size) is not int:
            raise ValueError("index and size must be integers")
        ok = verify(leaf, index, size, proof, root)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"FAILED: cannot read {path}: {e}")
        return 1
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.splitlines()[0])
    sys.exit(main(sys.argv[1]))
