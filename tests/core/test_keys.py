"""Key management for the audit trail: passphrases, key files, data keys, signing."""

from __future__ import annotations

import base64
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from core import keys
from core.errors import ConfigurationError
from core.keys import (
    KdfParams,
    KekCheck,
    Keyring,
    PassphraseSetup,
    Sealed,
    WrappedKey,
)

CHEAP = KdfParams(iterations=1, lanes=1, memory_cost=8)
LOG = b"log-0001"
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="no permission bits on Windows")


def one_line(error: pytest.ExceptionInfo[ConfigurationError]) -> str:
    message = str(error.value)
    assert message and "\n" not in message
    return message


@pytest.fixture
def kek() -> bytes:
    return os.urandom(32)


def flip(data: bytes, index: int = 0) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


# --- passphrases --------------------------------------------------------------------


def test_passphrase_round_trip() -> None:
    kek, setup = keys.new_passphrase_setup("制度 correct horse", CHEAP)
    assert len(kek) == 32
    assert len(setup.salt) == 16
    assert setup.params == CHEAP
    keys.check_kek(kek, setup.check)
    assert keys.unlock_with_passphrase("制度 correct horse", setup) == kek
    assert keys.derive_kek("制度 correct horse", setup.salt, setup.params) == kek


def test_round_trip_through_json_dict() -> None:
    kek, setup = keys.new_passphrase_setup("s3cret", CHEAP)
    stored = PassphraseSetup.from_dict(setup.to_dict())
    assert stored == setup
    assert keys.unlock_with_passphrase("s3cret", stored) == kek


def test_wrong_passphrase_is_one_clear_line() -> None:
    _, setup = keys.new_passphrase_setup("right", CHEAP)
    with pytest.raises(ConfigurationError) as error:
        keys.unlock_with_passphrase("wrong", setup)
    assert "wrong passphrase or key file" in one_line(error)


def test_wrong_kek_fails_the_check(kek: bytes) -> None:
    check = keys.make_kek_check(kek)
    keys.check_kek(kek, check)
    with pytest.raises(ConfigurationError, match="wrong passphrase or key file"):
        keys.check_kek(os.urandom(32), check)


def test_salt_changes_the_kek() -> None:
    kek1, setup1 = keys.new_passphrase_setup("same", CHEAP)
    kek2, setup2 = keys.new_passphrase_setup("same", CHEAP)
    assert setup1.salt != setup2.salt
    assert kek1 != kek2


def test_passphrase_is_unicode_normalised() -> None:
    salt = os.urandom(16)
    composed, decomposed = "\u00e9t\u00e9", "e\u0301te\u0301"
    assert keys.derive_kek(composed, salt, CHEAP) == keys.derive_kek(decomposed, salt, CHEAP)


def test_empty_passphrase_refused() -> None:
    with pytest.raises(ConfigurationError) as error:
        keys.new_passphrase_setup("", CHEAP)
    assert "empty" in one_line(error)


def test_default_params_work() -> None:
    """The real cost (64 MiB, 3 passes, 4 lanes) is accepted by the library."""
    assert KdfParams() == KdfParams(iterations=3, lanes=4, memory_cost=65536)
    kek, setup = keys.new_passphrase_setup("部署口令")
    assert setup.params == KdfParams()
    assert keys.unlock_with_passphrase("部署口令", setup) == kek


def test_kdf_params_validated() -> None:
    with pytest.raises(ValueError):
        KdfParams(lanes=2, memory_cost=8)
    with pytest.raises(ValueError):
        KdfParams(iterations=0)
    with pytest.raises(ValueError):
        KdfParams(algorithm="scrypt")


def test_changed_params_give_another_kek() -> None:
    salt = os.urandom(16)
    assert keys.derive_kek("p", salt, CHEAP) != keys.derive_kek(
        "p", salt, attrs.evolve(CHEAP, iterations=2)
    )


# --- key files ----------------------------------------------------------------------


def test_key_file_created_0600_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "zhidu.key"
    kek = keys.write_key_file(path)
    assert len(kek) == 32
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert base64.b64decode(path.read_bytes().strip()) == kek
    assert keys.read_key_file(path) == kek


@POSIX_ONLY
def test_key_file_mode_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o777)
    try:
        keys.write_key_file(tmp_path / "zhidu.key")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "zhidu.key").stat().st_mode) == 0o600


def test_key_file_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "zhidu.key"
    kek = keys.write_key_file(path)
    before = path.read_bytes()
    with pytest.raises(ConfigurationError) as error:
        keys.write_key_file(path)
    assert "already exists" in one_line(error)
    assert path.read_bytes() == before
    assert keys.read_key_file(path) == kek


@POSIX_ONLY
def test_key_file_not_written_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    (tmp_path / "zhidu.key").symlink_to(target)
    with pytest.raises(ConfigurationError, match="already exists"):
        keys.write_key_file(tmp_path / "zhidu.key")
    assert not target.exists()


def test_key_file_in_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as error:
        keys.write_key_file(tmp_path / "nowhere" / "zhidu.key")
    assert "does not exist" in one_line(error)


def test_missing_key_file(tmp_path: Path) -> None:
    path = tmp_path / "zhidu.key"
    with pytest.raises(ConfigurationError) as error:
        keys.read_key_file(path)
    assert one_line(error) == f"key file {path} does not exist"


def write(path: Path, content: bytes, mode: int = 0o600) -> Path:
    path.write_bytes(content)
    path.chmod(mode)
    return path


@POSIX_ONLY
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o700 | 0o007])
def test_key_file_with_open_permissions_refused(tmp_path: Path, mode: int) -> None:
    path = write(tmp_path / "zhidu.key", base64.b64encode(os.urandom(32)), mode)
    with pytest.raises(ConfigurationError) as error:
        keys.read_key_file(path)
    assert one_line(error) == (
        f"key file {path}: permissions {mode:04o} are too open; chmod 600 {path}"
    )


@POSIX_ONLY
@pytest.mark.parametrize("mode", [0o600, 0o400, 0o700])
def test_key_file_owner_only_permissions_accepted(tmp_path: Path, mode: int) -> None:
    kek = os.urandom(32)
    path = write(tmp_path / "zhidu.key", base64.b64encode(kek) + b"\n", mode)
    assert keys.read_key_file(path) == kek


@pytest.mark.parametrize("size", [0, 16, 31, 33, 64])
def test_key_file_of_wrong_length(tmp_path: Path, size: int) -> None:
    path = write(tmp_path / "zhidu.key", base64.b64encode(os.urandom(size)) + b"\n")
    with pytest.raises(ConfigurationError) as error:
        keys.read_key_file(path)
    assert one_line(error) == f"key file {path} is damaged: expected 32 bytes, found {size}"


@pytest.mark.parametrize(
    "content", [os.urandom(32), b"not base64 at all!", "密钥".encode(), b"A" * 10_000]
)
def test_key_file_undecodable(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "zhidu.key", content)
    with pytest.raises(ConfigurationError) as error:
        keys.read_key_file(path)
    assert one_line(error).startswith(f"key file {path} is damaged: ")


def test_key_file_that_is_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "zhidu.key"
    path.mkdir(mode=0o700)
    with pytest.raises(ConfigurationError) as error:
        keys.read_key_file(path)
    assert str(path) in one_line(error)


def test_key_file_check_catches_another_file(tmp_path: Path) -> None:
    kek = keys.write_key_file(tmp_path / "a.key")
    check = keys.make_kek_check(kek)
    other = keys.write_key_file(tmp_path / "b.key")
    keys.check_kek(keys.read_key_file(tmp_path / "a.key"), check)
    with pytest.raises(ConfigurationError, match="wrong passphrase or key file"):
        keys.check_kek(other, check)


# --- data keys ----------------------------------------------------------------------


def test_data_key_round_trip(kek: bytes) -> None:
    key = keys.new_data_key()
    wrapped = keys.wrap_data_key(kek, LOG, 5, 2, key)
    assert (wrapped.org_id, wrapped.version) == (5, 2)
    assert key not in wrapped.ciphertext
    assert keys.unwrap_data_key(kek, LOG, wrapped) == key
    assert keys.unwrap_data_key(kek, LOG, WrappedKey.from_dict(wrapped.to_dict())) == key


def test_deployment_wide_data_key(kek: bytes) -> None:
    key = keys.new_data_key()
    wrapped = keys.wrap_data_key(kek, LOG, 0, 1, key)
    assert keys.unwrap_data_key(kek, LOG, wrapped) == key
    with pytest.raises(ConfigurationError) as error:
        keys.unwrap_data_key(kek, LOG, attrs.evolve(wrapped, version=2))
    assert one_line(error).startswith("deployment-wide data key version 2 cannot be unwrapped")


@pytest.mark.parametrize(
    ("change", "org_id", "version"),
    [
        ({"org_id": 2}, 2, 1),  # org 1's key stored as org 2's
        ({"org_id": 0}, 0, 1),  # … or as the deployment-wide key
        ({"version": 2}, 1, 2),  # relabelled as another version
    ],
)
def test_data_key_bound_to_org_and_version(
    kek: bytes, change: dict[str, Any], org_id: int, version: int
) -> None:
    wrapped = keys.wrap_data_key(kek, LOG, 1, 1, keys.new_data_key())
    moved = attrs.evolve(wrapped, **change)
    with pytest.raises(ConfigurationError) as error:
        keys.unwrap_data_key(kek, LOG, moved)
    message = one_line(error)
    assert f"data key version {version}" in message
    if org_id:
        assert f"organization #{org_id}" in message
    assert "cannot be unwrapped" in message


def test_data_key_bound_to_log(kek: bytes) -> None:
    wrapped = keys.wrap_data_key(kek, LOG, 1, 1, keys.new_data_key())
    with pytest.raises(ConfigurationError, match=r"version 1 for organization #1 cannot"):
        keys.unwrap_data_key(kek, b"log-0002", wrapped)
    # the log id's length is not confused with the organization id that follows it
    with pytest.raises(ConfigurationError):
        keys.unwrap_data_key(kek, LOG + b"\x00", wrapped)


def test_data_key_under_another_kek(kek: bytes) -> None:
    wrapped = keys.wrap_data_key(kek, LOG, 3, 1, keys.new_data_key())
    with pytest.raises(ConfigurationError, match="organization #3"):
        keys.unwrap_data_key(os.urandom(32), LOG, wrapped)


@pytest.mark.parametrize("field", ["nonce", "ciphertext"])
@pytest.mark.parametrize("index", [0, 11, -1])
def test_flipped_byte_in_wrapped_key(kek: bytes, field: str, index: int) -> None:
    wrapped = keys.wrap_data_key(kek, LOG, 7, 3, keys.new_data_key())
    data: bytes = getattr(wrapped, field)
    change: dict[str, Any] = {field: flip(data, index % len(data))}
    damaged = attrs.evolve(wrapped, **change)
    with pytest.raises(ConfigurationError) as error:
        keys.unwrap_data_key(kek, LOG, damaged)
    assert one_line(error).startswith(
        "data key version 3 for organization #7 cannot be unwrapped: it is damaged"
    )


@settings(max_examples=25, deadline=None)
@given(
    org_id=st.integers(0, 2**64 - 1),
    version=st.integers(0, 2**32 - 1),
    log_id=st.binary(max_size=40),
)
def test_wrap_unwrap_any_place(org_id: int, version: int, log_id: bytes) -> None:
    kek, key = os.urandom(32), os.urandom(32)
    wrapped = keys.wrap_data_key(kek, log_id, org_id, version, key)
    assert keys.unwrap_data_key(kek, log_id, WrappedKey.from_dict(wrapped.to_dict())) == key


@pytest.mark.parametrize(("org_id", "version"), [(-1, 1), (2**64, 1), (1, -1), (1, 2**32)])
def test_out_of_range_place_is_a_bug(kek: bytes, org_id: int, version: int) -> None:
    with pytest.raises(ValueError):
        keys.wrap_data_key(kek, LOG, org_id, version, keys.new_data_key())


def test_wrong_sized_keys_are_a_bug(kek: bytes) -> None:
    with pytest.raises(ValueError):
        keys.wrap_data_key(kek, LOG, 1, 1, b"short")
    with pytest.raises(ValueError):
        keys.wrap_data_key(kek[:16], LOG, 1, 1, keys.new_data_key())


# --- the keyring --------------------------------------------------------------------


class Store:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, int], WrappedKey] = {}
        self.loads: list[tuple[int, int]] = []

    def load(self, org_id: int, version: int) -> WrappedKey | None:
        self.loads.append((org_id, version))
        return self.rows.get((org_id, version))


def test_keyring_unwraps_and_caches(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    key = keys.new_data_key()
    store.rows[(5, 1)] = keys.wrap_data_key(kek, LOG, 5, 1, key)
    store.rows[(5, 2)] = ring.wrap_new(5, 2)
    assert ring.data_key(5, 1) == key
    assert ring.data_key(5, 1) == key
    assert ring.data_key(5, 2) != key
    assert ring.data_key(5, 2) == ring.data_key(5, 2)
    assert store.loads == [(5, 1), (5, 2)]


def test_keyring_wrap_new_is_not_cached(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    ring.wrap_new(1, 1)  # storing it "failed"
    with pytest.raises(ConfigurationError, match="no data key version 1 for organization #1"):
        ring.data_key(1, 1)


def test_keyring_missing_key(kek: bytes) -> None:
    ring = Keyring(kek, LOG, Store().load)
    with pytest.raises(ConfigurationError) as error:
        ring.data_key(5, 2)
    assert one_line(error) == (
        "no data key version 2 for organization #5: its keys were removed or never made"
        " — its audit entries cannot be read"
    )
    with pytest.raises(ConfigurationError, match=r"^no deployment-wide data key version 1:"):
        ring.data_key(0, 1)


def test_keyring_does_not_cache_a_missing_key(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    with pytest.raises(ConfigurationError):
        ring.data_key(1, 1)
    store.rows[(1, 1)] = ring.wrap_new(1, 1)
    assert len(ring.data_key(1, 1)) == 32


def test_keyring_forget(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    for org in (1, 2):
        store.rows[(org, 1)] = ring.wrap_new(org, 1)
        ring.data_key(org, 1)
    del store.rows[(1, 1)]  # organization 1's keys destroyed
    ring.forget(1)
    with pytest.raises(ConfigurationError, match="organization #1"):
        ring.data_key(1, 1)
    ring.data_key(2, 1)
    assert store.loads.count((2, 1)) == 1
    ring.forget()
    ring.data_key(2, 1)
    assert store.loads.count((2, 1)) == 2


def test_keyring_cipher_is_kept_and_forgotten_with_its_key(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    for org in (1, 2):
        store.rows[(org, 1)] = ring.wrap_new(org, 1)
    cipher = ring.cipher(1, 1)
    assert ring.cipher(1, 1) is cipher  # kept
    sealed = cipher.encrypt(b"\x00" * 12, b"entry", b"header")
    assert AESGCM(ring.data_key(1, 1)).decrypt(b"\x00" * 12, sealed, b"header") == b"entry"
    kept = ring.cipher(2, 1)
    del store.rows[(1, 1)]  # organization 1's keys destroyed (crypto-shredding)
    ring.forget(1)
    with pytest.raises(ConfigurationError, match="organization #1"):
        ring.cipher(1, 1)  # not kept past its key
    assert ring.cipher(2, 1) is kept
    ring.forget()
    assert ring.cipher(2, 1) is not kept


def test_keyring_refuses_a_row_for_another_place(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    store.rows[(2, 1)] = ring.wrap_new(1, 1)  # the loader returned org 1's row for org 2
    with pytest.raises(ConfigurationError) as error:
        ring.data_key(2, 1)
    assert "organization #2" in one_line(error)


def test_keyring_damaged_row(kek: bytes) -> None:
    store = Store()
    ring = Keyring(kek, LOG, store.load)
    wrapped = ring.wrap_new(4, 1)
    store.rows[(4, 1)] = attrs.evolve(wrapped, ciphertext=flip(wrapped.ciphertext, 5))
    with pytest.raises(ConfigurationError, match="organization #4 cannot be unwrapped"):
        ring.data_key(4, 1)


def test_keyring_with_wrong_kek(kek: bytes) -> None:
    store = Store()
    store.rows[(1, 1)] = Keyring(kek, LOG, store.load).wrap_new(1, 1)
    with pytest.raises(ConfigurationError, match="deployment key is wrong"):
        Keyring(os.urandom(32), LOG, store.load).data_key(1, 1)


# --- the signing key ----------------------------------------------------------------


def test_signing_key_seal_open_round_trip(kek: bytes) -> None:
    private_raw, public_raw = keys.new_signing_key()
    assert len(private_raw) == len(public_raw) == 32
    sealed = keys.seal_signing_key(kek, LOG, private_raw)
    assert private_raw not in sealed.ciphertext
    private = keys.open_signing_key(kek, LOG, Sealed.from_dict(sealed.to_dict()))
    assert isinstance(private, Ed25519PrivateKey)
    assert private.private_bytes_raw() == private_raw
    assert private.public_key().public_bytes_raw() == public_raw


@pytest.mark.parametrize(
    "damage",
    [
        lambda kek, sealed: (os.urandom(32), LOG, sealed),  # wrong KEK
        lambda kek, sealed: (kek, b"other-log", sealed),  # another log's key
        lambda kek, sealed: (kek, LOG, attrs.evolve(sealed, ciphertext=flip(sealed.ciphertext))),
        lambda kek, sealed: (kek, LOG, attrs.evolve(sealed, nonce=flip(sealed.nonce))),
    ],
    ids=["wrong-kek", "other-log", "flipped-ciphertext", "flipped-nonce"],
)
def test_signing_key_cannot_be_opened(
    kek: bytes, damage: Callable[[bytes, Sealed], tuple[bytes, bytes, Sealed]]
) -> None:
    sealed = keys.seal_signing_key(kek, LOG, keys.new_signing_key()[0])
    with pytest.raises(ConfigurationError) as error:
        keys.open_signing_key(*damage(kek, sealed))
    assert one_line(error).startswith("the checkpoint signing key cannot be opened")


def test_signature_verifies(kek: bytes) -> None:
    private_raw, public_raw = keys.new_signing_key()
    private = keys.open_signing_key(kek, LOG, keys.seal_signing_key(kek, LOG, private_raw))
    message = b"checkpoint 42 " + os.urandom(32)
    signature = keys.sign(private, message)
    assert len(signature) == 64
    assert keys.verify_signature(public_raw, message, signature) is True


def test_signature_fails_on_changed_message_or_another_key() -> None:
    private_raw, public_raw = keys.new_signing_key()
    private = Ed25519PrivateKey.from_private_bytes(private_raw)
    signature = keys.sign(private, b"checkpoint 42")
    assert keys.verify_signature(public_raw, b"checkpoint 43", signature) is False
    assert keys.verify_signature(public_raw, b"checkpoint 42", flip(signature, 10)) is False
    assert keys.verify_signature(public_raw, b"checkpoint 42", b"") is False
    assert keys.verify_signature(public_raw, b"checkpoint 42", signature + b"\x00") is False
    _, other_public = keys.new_signing_key()
    assert keys.verify_signature(other_public, b"checkpoint 42", signature) is False


def test_malformed_public_key_is_a_key_problem() -> None:
    with pytest.raises(ConfigurationError) as error:
        keys.verify_signature(b"short", b"m", b"s" * 64)
    assert "public key is damaged" in one_line(error)


# --- damaged stored records ---------------------------------------------------------


def _records(kek: bytes) -> dict[str, tuple[type[Any], dict[str, Any]]]:
    _, setup = keys.new_passphrase_setup("p", CHEAP)
    wrapped = keys.wrap_data_key(kek, LOG, 1, 1, keys.new_data_key())
    sealed = keys.seal_signing_key(kek, LOG, keys.new_signing_key()[0])
    return {
        "setup": (PassphraseSetup, setup.to_dict()),
        "params": (KdfParams, CHEAP.to_dict()),
        "check": (KekCheck, setup.check.to_dict()),
        "wrapped": (WrappedKey, wrapped.to_dict()),
        "sealed": (Sealed, sealed.to_dict()),
    }


def _damages(data: dict[str, Any]) -> list[dict[str, Any] | Any]:
    out: list[Any] = [None, [], "text"]
    for name, value in data.items():
        out.append({k: v for k, v in data.items() if k != name})  # missing field
        out.append(data | {name: None})
        if isinstance(value, str) and name != "algorithm":
            out.append(data | {name: value[:-4]})  # shortened
            out.append(data | {name: "!!" + value[2:]})  # not base64
            out.append(data | {name: value + "AAAA"})  # too long
        if isinstance(value, int):
            out.append(data | {name: -1})
            out.append(data | {name: str(value)})
            out.append(data | {name: True})
        if isinstance(value, dict):
            out.extend(data | {name: d} for d in _damages(value))
    return out


@pytest.mark.parametrize("record", ["setup", "params", "check", "wrapped", "sealed"])
def test_damaged_dicts(kek: bytes, record: str) -> None:
    cls, data = _records(kek)[record]
    assert cls.from_dict(data).to_dict() == data
    damages = _damages(data)
    assert damages
    for damaged in damages:
        with pytest.raises(ConfigurationError) as error:
            cls.from_dict(damaged)
        assert " is damaged: " in one_line(error), damaged


def test_damaged_params_name_the_rule() -> None:
    data = CHEAP.to_dict() | {"lanes": 4, "memory_cost": 8}
    with pytest.raises(ConfigurationError, match="memory_cost 8 must be at least"):
        KdfParams.from_dict(data)
    with pytest.raises(ConfigurationError, match="unknown key derivation 'scrypt'"):
        KdfParams.from_dict(CHEAP.to_dict() | {"algorithm": "scrypt"})


def test_dicts_are_json_ready(kek: bytes) -> None:
    import json

    for cls, data in _records(kek).values():
        assert cls.from_dict(json.loads(json.dumps(data))).to_dict() == data
