"""Where the audit trail's keys come from and live: the shell side of core.keys.

The key-encryption key (KEK) is read from a key file with owner-only permissions
(the default, for unattended use: ``keys/<log id>.key`` in the user config folder,
or ``ZHIDU_KEY_FILE``), or derived from a passphrase with Argon2id (``zhidu init
--passphrase``; the passphrase then comes from ``ZHIDU_PASSPHRASE`` or a prompt). It
is obtained only when a key is first needed — reading people needs none, writing an
audit entry does. Data keys are stored wrapped in the ``data_key`` table, one row per
organization and version; rotation adds a version and never re-encrypts history;
removing an organization's rows makes its entries unreadable while the log verifies.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core import keys as k
from core import models
from core.audit.log import create_log, log_row
from core.errors import ConfigurationError

__all__ = ["DeploymentKeys", "default_key_file", "kek_from_environment", "set_up_keys"]


def default_key_file(log_id: bytes) -> Path:
    """``ZHIDU_KEY_FILE``, else ``<user config dir>/keys/<log id>.key``."""
    given = os.environ.get("ZHIDU_KEY_FILE")
    if given:
        return Path(given).expanduser()
    import platformdirs

    return (
        Path(platformdirs.user_config_dir("zhidu", appauthor=False))
        / "keys"
        / f"{log_id.hex()}.key"
    )


def set_up_keys(
    *,
    passphrase: str | None = None,
    key_file: Path | None = None,
    checkpoint_every: int | None = None,
    kdf: k.KdfParams | None = None,
) -> tuple[models.AuditLog, bytes]:
    """Create the log with a new KEK (key file unless a passphrase is given) and
    signing key; return the log row and the KEK. Runs inside the caller's transaction."""
    private, public = k.new_signing_key()
    extra = {} if checkpoint_every is None else {"checkpoint_every": checkpoint_every}
    log = create_log(public_key=public, signing_key="", kek_kind="", kek_setup="", **extra)
    log_id = bytes(log.log_id)
    if passphrase is not None:
        kek, setup = k.new_passphrase_setup(passphrase, kdf or k.KdfParams())
        kind, kek_setup = "passphrase", setup.to_dict()
    else:
        path = key_file or default_key_file(log_id)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        kek = k.write_key_file(path)
        kind, kek_setup = "keyfile", k.make_kek_check(kek).to_dict()
    sealed = k.seal_signing_key(kek, log_id, private)
    models.AuditLog.update(
        signing_key=json.dumps(sealed.to_dict()), kek_kind=kind, kek_setup=json.dumps(kek_setup)
    ).where(models.AuditLog.id == log.id).execute()
    return log_row(), kek


def kek_from_environment(log: models.AuditLog, key_file: Path | None = None) -> bytes:
    """The KEK for ``log``: from its key file, or its passphrase (env or prompt), checked."""
    setup = json.loads(log.kek_setup)
    if log.kek_kind == "keyfile":
        kek = k.read_key_file(key_file or default_key_file(bytes(log.log_id)))
        k.check_kek(kek, k.KekCheck.from_dict(setup))
        return kek
    passphrase = os.environ.get("ZHIDU_PASSPHRASE")
    if passphrase is None:
        try:
            passphrase = getpass.getpass("zhidu passphrase (口令): ")
        except (EOFError, OSError):
            raise ConfigurationError(
                "the deployment key needs its passphrase: set ZHIDU_PASSPHRASE or run at a terminal"
            ) from None
    return k.unlock_with_passphrase(passphrase, k.PassphraseSetup.from_dict(setup))


class DeploymentKeys:
    """The audit keys of this deployment, unlocked on first use (core.audit.log.AuditKeys)."""

    def __init__(self, kek: Callable[[], bytes]) -> None:
        self._kek_source = kek
        self._keyring: k.Keyring | None = None
        self._signing: Ed25519PrivateKey | None = None

    def unlock(self) -> None:
        """Obtain the KEK now (e.g. ask for the passphrase before a full-screen UI starts)."""
        self._ring()

    def _ring(self) -> k.Keyring:
        if self._keyring is None:
            log = log_row()
            self._keyring = k.Keyring(self._kek_source(), bytes(log.log_id), _load_wrapped)
        return self._keyring

    def data_key(self, org_id: int, version: int) -> bytes:
        return self._ring().data_key(org_id, version)

    def cipher(self, org_id: int, version: int) -> AESGCM:
        return self._ring().cipher(org_id, version)

    def rotate(self, org_id: int) -> int:
        """Add a new data key version for ``org_id``; earlier entries keep theirs."""
        latest = (
            models.DataKey.select()
            .where(models.DataKey.org_id == org_id)
            .order_by(models.DataKey.version.desc())
            .first()
        )
        version = (latest.version if latest else 0) + 1
        wrapped = self._ring().wrap_new(org_id, version)
        models.DataKey.create(
            org_id=org_id,
            version=version,
            wrapped=json.dumps(wrapped.to_dict()),
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
        return version

    def remove(self, org_id: int) -> int:
        """Delete every data key of ``org_id`` (crypto-shredding); return how many."""
        removed: int = models.DataKey.delete().where(models.DataKey.org_id == org_id).execute()
        self._ring().forget(org_id)
        return removed

    def signing_key(self) -> Ed25519PrivateKey:
        if self._signing is None:
            log = log_row()
            sealed = k.Sealed.from_dict(json.loads(log.signing_key))
            self._signing = k.open_signing_key(self._kek_source(), bytes(log.log_id), sealed)
        return self._signing


def _load_wrapped(org_id: int, version: int) -> k.WrappedKey | None:
    if not 0 <= org_id < 2**63:  # a damaged header can name any 64-bit id; SQL holds 63
        return None
    row = models.DataKey.get_or_none(
        (models.DataKey.org_id == org_id) & (models.DataKey.version == version)
    )
    return None if row is None else k.WrappedKey.from_dict(json.loads(row.wrapped))
