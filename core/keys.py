"""Keys for the encrypted audit trail: the deployment key, data keys, the signing key.

Pure functions over bytes and files; nothing here touches the database. The caller
stores the records this module makes (each has ``to_dict``/``from_dict`` for JSON).
Every cryptographic operation is a primitive of the ``cryptography`` library:

* **Argon2id** turns the deployment passphrase and a random 16-byte salt into the
  32-byte key-encryption key (KEK). It is memory-hard, so guessing passphrases on
  stolen data is slow. Its cost (:class:`KdfParams`) is stored beside the salt so it
  can be raised later without breaking existing deployments. Instead of a
  passphrase the KEK may come from a *key file*: 32 random bytes, written as one
  line of base64, readable by its owner only.
* **AES-256-GCM** (authenticated encryption, random 96-bit nonces) does everything
  else:

  - a :class:`KekCheck` encrypts a fixed label under the KEK, so a wrong passphrase
    or key file is recognised at once, with a clear message, instead of as a
    failure deep inside the audit trail;
  - each organization's **data keys** (32 random bytes; they encrypt that
    organization's audit entries) are stored *wrapped* — encrypted under the KEK —
    as :class:`WrappedKey`;
  - the checkpoint **signing key** is stored encrypted under the KEK as
    :class:`Sealed`.

* **Ed25519** signs the trail's checkpoints; anyone holding the 32-byte public key
  can verify them without being able to forge one.

Why the associated data binds the organization. GCM authenticates, besides the
ciphertext, *associated data* that is not stored but rebuilt by the reader. For a
data key it is ``b"zhidu/data-key/v1|" + log_id + org_id (8 bytes, big-endian; 0 for
deployment-wide) + version (4 bytes)``. A wrapped key therefore unwraps only as the
key of the log, organization and version it was made for: a row copied or moved to
another organization (or another deployment's log, or relabelled as another
version) fails to unwrap instead of silently letting one organization's key read —
or, worse, be used to write — another organization's entries. Removing an
organization's wrapped keys then makes its entries unreadable for good
(crypto-shredding), and no other key can stand in for them. The signing key is bound
to its log the same way (``b"zhidu/signing-key/v1|" + log_id``). The ``v1`` in the
labels leaves room for a changed layout later.

Every problem with a key is raised as one line, a :class:`~core.errors.ConfigurationError`.
Values out of range (a negative organization id, a KEK of the wrong length) are the
caller's bug and raise :class:`ValueError`.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from core.errors import ConfigurationError

__all__ = [
    "KEY_SIZE",
    "KdfParams",
    "KekCheck",
    "Keyring",
    "PassphraseSetup",
    "Sealed",
    "WrappedKey",
    "check_kek",
    "derive_kek",
    "make_kek_check",
    "new_data_key",
    "new_passphrase_setup",
    "new_signing_key",
    "open_signing_key",
    "read_key_file",
    "seal_signing_key",
    "sign",
    "unlock_with_passphrase",
    "unwrap_data_key",
    "verify_signature",
    "wrap_data_key",
    "write_key_file",
]

KEY_SIZE = 32
"""Bytes in the KEK, a data key and an Ed25519 private or public key."""

SALT_SIZE = 16
NONCE_SIZE = 12
TAG_SIZE = 16
SIGNATURE_SIZE = 64

_KEK_CHECK_LABEL = b"zhidu/kek-check/v1"
_DATA_KEY_AD = b"zhidu/data-key/v1|"
_SIGNING_KEY_AD = b"zhidu/signing-key/v1|"
_MAX_ORG_ID = 2**64 - 1
_MAX_VERSION = 2**32 - 1
_KEY_FILE_MAX_READ = 4096

_T = TypeVar("_T")

_WRONG_KEK = "wrong passphrase or key file for this deployment (口令或密钥文件错误)"


# --- the key-encryption key ---------------------------------------------------------


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"{attribute.name} must be a positive integer, not {value!r}")


@attrs.frozen
class KdfParams:
    """The cost of Argon2id; stored beside the salt so it can be raised later.

    ``memory_cost`` is in KiB (65536 = 64 MiB) and must be at least ``8 * lanes``.
    Tests may pass cheap values, e.g. ``KdfParams(iterations=1, lanes=1, memory_cost=8)``.
    """

    iterations: int = attrs.field(default=3, validator=_positive)
    lanes: int = attrs.field(default=4, validator=_positive)
    memory_cost: int = attrs.field(default=65536, validator=_positive)
    algorithm: str = attrs.field(default="argon2id")

    @algorithm.validator
    def _check_algorithm(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if value != "argon2id":
            raise ValueError(f"unknown key derivation {value!r}; this zhidu knows 'argon2id'")

    @memory_cost.validator
    def _check_memory(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if value < 8 * self.lanes:
            raise ValueError(f"memory_cost {value} must be at least 8 × lanes ({8 * self.lanes})")

    def to_dict(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "iterations": self.iterations,
            "lanes": self.lanes,
            "memory_cost": self.memory_cost,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KdfParams:
        what = "the key derivation parameters"
        return _build(
            what,
            lambda: cls(
                iterations=_int(data, "iterations", what),
                lanes=_int(data, "lanes", what),
                memory_cost=_int(data, "memory_cost", what),
                algorithm=_str(data, "algorithm", what),
            ),
        )


@attrs.frozen
class KekCheck:
    """A fixed label encrypted under the KEK: tells a wrong passphrase or key file."""

    nonce: bytes
    ciphertext: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"nonce": _b64(self.nonce), "ciphertext": _b64(self.ciphertext)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KekCheck:
        what = "the deployment key check"
        return cls(
            nonce=_bytes(data, "nonce", what, NONCE_SIZE),
            ciphertext=_bytes(data, "ciphertext", what, len(_KEK_CHECK_LABEL) + TAG_SIZE),
        )


@attrs.frozen
class PassphraseSetup:
    """What a passphrase deployment stores: the salt, the Argon2id cost and the check."""

    salt: bytes
    params: KdfParams
    check: KekCheck

    def to_dict(self) -> dict[str, Any]:
        return {
            "salt": _b64(self.salt),
            "params": self.params.to_dict(),
            "check": self.check.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PassphraseSetup:
        what = "the passphrase setup"
        return cls(
            salt=_bytes(data, "salt", what, SALT_SIZE),
            params=KdfParams.from_dict(_mapping(data, "params", what)),
            check=KekCheck.from_dict(_mapping(data, "check", what)),
        )


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The 32-byte KEK from a passphrase (NFC-normalised, UTF-8) with Argon2id."""
    if not passphrase:
        raise ConfigurationError("the deployment passphrase is empty (口令不能为空)")
    if len(salt) != SALT_SIZE:
        raise ConfigurationError(
            f"the passphrase salt is damaged: expected {SALT_SIZE} bytes, found {len(salt)}"
        )
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    kdf = Argon2id(
        salt=salt,
        length=KEY_SIZE,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_cost,
    )
    return kdf.derive(secret)


def new_passphrase_setup(
    passphrase: str, params: KdfParams | None = None
) -> tuple[bytes, PassphraseSetup]:
    """A new KEK from ``passphrase`` with a fresh salt, and the setup to store for it."""
    params = KdfParams() if params is None else params
    salt = os.urandom(SALT_SIZE)
    kek = derive_kek(passphrase, salt, params)
    return kek, PassphraseSetup(salt, params, make_kek_check(kek))


def unlock_with_passphrase(passphrase: str, setup: PassphraseSetup) -> bytes:
    """The KEK for ``passphrase``, checked against ``setup``; ConfigurationError if wrong."""
    kek = derive_kek(passphrase, setup.salt, setup.params)
    check_kek(kek, setup.check)
    return kek


def make_kek_check(kek: bytes) -> KekCheck:
    """A new :class:`KekCheck` for ``kek`` (store it; a key file deployment needs one too)."""
    nonce = os.urandom(NONCE_SIZE)
    return KekCheck(nonce, _aead(kek).encrypt(nonce, _KEK_CHECK_LABEL, _KEK_CHECK_LABEL))


def check_kek(kek: bytes, check: KekCheck) -> None:
    """Raise ConfigurationError unless ``kek`` is the key ``check`` was made with."""
    try:
        label = _aead(kek).decrypt(check.nonce, check.ciphertext, _KEK_CHECK_LABEL)
    except InvalidTag:
        raise ConfigurationError(_WRONG_KEK) from None
    if label != _KEK_CHECK_LABEL:  # pragma: no cover - GCM already authenticated it
        raise ConfigurationError(_WRONG_KEK)


# --- key files ----------------------------------------------------------------------


def read_key_file(path: Path) -> bytes:
    """The 32-byte KEK in a key file: one line of base64, owner-only permissions.

    The file must be a regular file (a symbolic link to one is followed) whose mode
    has no group or other bits (``chmod 600``). Permissions are not checked on
    Windows, which has no such bits.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ConfigurationError(f"key file {path} does not exist") from None
    except PermissionError:
        raise ConfigurationError(f"key file {path} cannot be read: permission denied") from None
    except OSError as error:
        raise ConfigurationError(f"key file {path} cannot be read: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigurationError(f"key file {path} is not a regular file")
        mode = stat.S_IMODE(info.st_mode)
        if os.name != "nt" and mode & 0o077:
            raise ConfigurationError(
                f"key file {path}: permissions {mode:04o} are too open; chmod 600 {path}"
            )
        content = os.read(fd, _KEY_FILE_MAX_READ + 1)
    except OSError as error:
        raise ConfigurationError(f"key file {path} cannot be read: {error.strerror}") from None
    finally:
        os.close(fd)
    return _decode_key_file(path, content)


def _decode_key_file(path: Path, content: bytes) -> bytes:
    if len(content) > _KEY_FILE_MAX_READ:
        raise ConfigurationError(
            f"key file {path} is damaged: expected one line of base64, found a large file"
        )
    try:
        key = base64.b64decode(content.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ConfigurationError(
            f"key file {path} is damaged: expected one line of base64 holding {KEY_SIZE} bytes"
        ) from None
    if len(key) != KEY_SIZE:
        raise ConfigurationError(
            f"key file {path} is damaged: expected {KEY_SIZE} bytes, found {len(key)}"
        )
    return key


def write_key_file(path: Path) -> bytes:
    """Create a key file with a new random KEK (mode 0600) and return the KEK.

    Never overwrites: an existing file is refused, since replacing a deployment's key
    file would make its audit trail unreadable. The file holds the key as one line of
    base64.
    """
    key = os.urandom(KEY_SIZE)
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise ConfigurationError(
            f"key file {path} already exists; zhidu never overwrites a key file"
        ) from None
    except FileNotFoundError:
        raise ConfigurationError(
            f"cannot create key file {path}: directory {path.parent} does not exist"
        ) from None
    except OSError as error:
        raise ConfigurationError(f"cannot create key file {path}: {error.strerror}") from None
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)  # whatever the umask
            data = base64.b64encode(key) + b"\n"
            while data:
                data = data[os.write(fd, data) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        path.unlink(missing_ok=True)
        raise ConfigurationError(f"cannot write key file {path}: {error.strerror}") from None
    _fsync_directory(path.parent)
    return key


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - not supported by every file system
        pass
    finally:
        os.close(fd)


# --- data keys ----------------------------------------------------------------------


def _check_org_id(value: int) -> None:
    if type(value) is not int or not 0 <= value <= _MAX_ORG_ID:
        raise ValueError(f"organization id must be an integer from 0 to 2**64-1, not {value!r}")


def _check_version(value: int) -> None:
    if type(value) is not int or not 0 <= value <= _MAX_VERSION:
        raise ValueError(f"key version must be an integer from 0 to 2**32-1, not {value!r}")


def _org_id(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
    _check_org_id(value)


def _version(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
    _check_version(value)


@attrs.frozen
class WrappedKey:
    """A data key encrypted under the KEK, bound to its log, organization and version.

    ``org_id`` 0 is the deployment-wide key.
    """

    nonce: bytes
    ciphertext: bytes
    org_id: int = attrs.field(validator=_org_id)
    version: int = attrs.field(validator=_version)

    def to_dict(self) -> dict[str, Any]:
        return {
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
            "org_id": self.org_id,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WrappedKey:
        what = "a wrapped data key"
        nonce = _bytes(data, "nonce", what, NONCE_SIZE)
        ciphertext = _bytes(data, "ciphertext", what, KEY_SIZE + TAG_SIZE)
        org_id = _int(data, "org_id", what)
        version = _int(data, "version", what)
        return _build(what, lambda: cls(nonce, ciphertext, org_id, version))


def new_data_key() -> bytes:
    """A new random 32-byte data key."""
    return os.urandom(KEY_SIZE)


def _data_key_ad(log_id: bytes, org_id: int, version: int) -> bytes:
    return _DATA_KEY_AD + log_id + org_id.to_bytes(8, "big") + version.to_bytes(4, "big")


def _data_key_name(org_id: int, version: int) -> str:
    if org_id == 0:
        return f"deployment-wide data key version {version}"
    return f"data key version {version} for organization #{org_id}"


def wrap_data_key(kek: bytes, log_id: bytes, org_id: int, version: int, key: bytes) -> WrappedKey:
    """Encrypt a data key under the KEK, bound to ``log_id``, ``org_id`` and ``version``."""
    _check_org_id(org_id)
    _check_version(version)
    if len(key) != KEY_SIZE:
        raise ValueError(f"a data key is {KEY_SIZE} bytes, not {len(key)}")
    nonce = os.urandom(NONCE_SIZE)
    ciphertext = _aead(kek).encrypt(nonce, key, _data_key_ad(log_id, org_id, version))
    return WrappedKey(nonce, ciphertext, org_id, version)


def unwrap_data_key(kek: bytes, log_id: bytes, wrapped: WrappedKey) -> bytes:
    """The data key in ``wrapped``; ConfigurationError if damaged, moved or the KEK is wrong."""
    ad = _data_key_ad(log_id, wrapped.org_id, wrapped.version)
    try:
        key = _aead(kek).decrypt(wrapped.nonce, wrapped.ciphertext, ad)
    except InvalidTag:
        raise ConfigurationError(
            f"{_data_key_name(wrapped.org_id, wrapped.version)} cannot be unwrapped: "
            "it is damaged, was moved from another organization, version or log, "
            "or the deployment key is wrong"
        ) from None
    if len(key) != KEY_SIZE:  # pragma: no cover - only if we wrapped a wrong-sized key
        raise ConfigurationError(
            f"{_data_key_name(wrapped.org_id, wrapped.version)} is damaged: "
            f"expected {KEY_SIZE} bytes, found {len(key)}"
        )
    return key


class Keyring:
    """Data keys of one log, unwrapped on first use and then kept in memory.

    ``loader(org_id, version)`` returns the stored :class:`WrappedKey`, or None if
    there is none. Call :meth:`forget` after removing an organization's keys so a
    long-running process stops using them.
    """

    def __init__(
        self,
        kek: bytes,
        log_id: bytes,
        loader: Callable[[int, int], WrappedKey | None],
    ) -> None:
        _aead(kek)  # fail early on a wrong-sized KEK
        self._kek = kek
        self._log_id = log_id
        self._loader = loader
        self._cache: dict[tuple[int, int], bytes] = {}
        self._ciphers: dict[tuple[int, int], AESGCM] = {}

    @property
    def log_id(self) -> bytes:
        return self._log_id

    def data_key(self, org_id: int, version: int) -> bytes:
        """The data key ``version`` of organization ``org_id`` (0: deployment-wide)."""
        cached = self._cache.get((org_id, version))
        if cached is not None:
            return cached
        wrapped = self._loader(org_id, version)
        if wrapped is None:
            raise ConfigurationError(
                f"no {_data_key_name(org_id, version)}: its keys were removed or never made"
                " — its audit entries cannot be read"
            )
        if (wrapped.org_id, wrapped.version) != (org_id, version):
            raise ConfigurationError(
                f"{_data_key_name(org_id, version)} is damaged: the stored key is labelled as "
                f"organization #{wrapped.org_id} version {wrapped.version}"
            )
        key = unwrap_data_key(self._kek, self._log_id, wrapped)
        self._cache[(org_id, version)] = key
        return key

    def cipher(self, org_id: int, version: int) -> AESGCM:
        """AES-GCM under :meth:`data_key`, kept with it and forgotten with it: making one
        expands the key, 2 % of an audited change's work (every change encrypts its entry)."""
        cipher = self._ciphers.get((org_id, version))
        if cipher is None:
            cipher = self._ciphers[(org_id, version)] = AESGCM(self.data_key(org_id, version))
        return cipher

    def wrap_new(self, org_id: int, version: int) -> WrappedKey:
        """A new data key wrapped for this log, for the caller to store.

        It is not cached: it is read back through the loader once stored, so a key
        whose storing was rolled back is never used.
        """
        return wrap_data_key(self._kek, self._log_id, org_id, version, new_data_key())

    def forget(self, org_id: int | None = None) -> None:
        """Drop cached keys of ``org_id`` (of every organization if None)."""
        if org_id is None:
            self._cache.clear()
            self._ciphers.clear()
            return
        for cache in (self._cache, self._ciphers):
            for cached in [k for k in cache if k[0] == org_id]:
                del cache[cached]


# --- the checkpoint signing key -----------------------------------------------------


@attrs.frozen
class Sealed:
    """The checkpoint signing key encrypted under the KEK, bound to its log."""

    nonce: bytes
    ciphertext: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"nonce": _b64(self.nonce), "ciphertext": _b64(self.ciphertext)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Sealed:
        what = "the sealed signing key"
        return cls(
            nonce=_bytes(data, "nonce", what, NONCE_SIZE),
            ciphertext=_bytes(data, "ciphertext", what, KEY_SIZE + TAG_SIZE),
        )


def new_signing_key() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair as raw bytes: (private 32 bytes, public 32 bytes)."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def seal_signing_key(kek: bytes, log_id: bytes, private_raw: bytes) -> Sealed:
    """Encrypt the raw Ed25519 private key under the KEK, bound to ``log_id``."""
    if len(private_raw) != KEY_SIZE:
        raise ValueError(f"an Ed25519 private key is {KEY_SIZE} bytes, not {len(private_raw)}")
    nonce = os.urandom(NONCE_SIZE)
    return Sealed(nonce, _aead(kek).encrypt(nonce, private_raw, _SIGNING_KEY_AD + log_id))


def open_signing_key(kek: bytes, log_id: bytes, sealed: Sealed) -> Ed25519PrivateKey:
    """The signing key in ``sealed``; ConfigurationError if damaged, moved or the KEK is wrong."""
    try:
        raw = _aead(kek).decrypt(sealed.nonce, sealed.ciphertext, _SIGNING_KEY_AD + log_id)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError):
        raise ConfigurationError(
            "the checkpoint signing key cannot be opened: it is damaged, belongs to another "
            "log, or the deployment key is wrong"
        ) from None


def sign(private: Ed25519PrivateKey, message: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``message``."""
    return private.sign(message)


def verify_signature(public_raw: bytes, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is ``public_raw``'s signature of ``message``.

    A bad signature gives False; only a malformed public key raises (ConfigurationError).
    """
    try:
        public = Ed25519PublicKey.from_public_bytes(public_raw)
    except ValueError:
        raise ConfigurationError(
            f"the checkpoint public key is damaged: expected {KEY_SIZE} bytes, "
            f"found {len(public_raw)}"
        ) from None
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True


# --- helpers ------------------------------------------------------------------------


def _aead(kek: bytes) -> AESGCM:
    if len(kek) != KEY_SIZE:
        raise ValueError(f"the deployment key is {KEY_SIZE} bytes, not {len(kek)}")
    return AESGCM(kek)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _damaged(what: str, detail: str) -> ConfigurationError:
    return ConfigurationError(f"{what} is damaged: {detail}")


def _field(data: Mapping[str, Any], name: str, what: str) -> Any:
    if not isinstance(data, Mapping):
        raise _damaged(what, f"expected an object, found {type(data).__name__}")
    if name not in data:
        raise _damaged(what, f"{name!r} is missing")
    return data[name]


def _bytes(data: Mapping[str, Any], name: str, what: str, size: int) -> bytes:
    value = _field(data, name, what)
    if not isinstance(value, str):
        raise _damaged(what, f"{name!r} is not a base64 string")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _damaged(what, f"{name!r} is not valid base64") from None
    if len(raw) != size:
        raise _damaged(what, f"{name!r} should be {size} bytes, found {len(raw)}")
    return raw


def _int(data: Mapping[str, Any], name: str, what: str) -> int:
    value = _field(data, name, what)
    if type(value) is not int:
        raise _damaged(what, f"{name!r} is not an integer")
    return value


def _str(data: Mapping[str, Any], name: str, what: str) -> str:
    value = _field(data, name, what)
    if not isinstance(value, str):
        raise _damaged(what, f"{name!r} is not a string")
    return value


def _mapping(data: Mapping[str, Any], name: str, what: str) -> Mapping[str, Any]:
    value = _field(data, name, what)
    if not isinstance(value, Mapping):
        raise _damaged(what, f"{name!r} is not an object")
    return value


def _build(what: str, make: Callable[[], _T]) -> _T:
    try:
        return make()
    except ValueError as error:
        raise _damaged(what, str(error)) from None
