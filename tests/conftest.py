"""Shared fixtures: a real database per test, migrated; an operator; a fixed today.

By default each test gets its own SQLite file. With ``ZHIDU_TEST_POSTGRES`` set to a
server URL (e.g. ``postgresql://postgres@127.0.0.1:5432``), each test gets its own
freshly created PostgreSQL database on that server instead, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import peewee as pw
import pytest

from core import builtin
from core.audit.entry import Body
from core.audit.keystore import DeploymentKeys, set_up_keys
from core.audit.log import read_entries
from core.database import connect, db
from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.accounts import ensure_operator
from core.services.context import Context

TODAY = date(2026, 11, 21)


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    server = os.environ.get("ZHIDU_TEST_POSTGRES")
    if not server:
        yield f"sqlite:///{tmp_path / 'zhidu.db'}"
        return
    name = f"zhidu_test_{uuid.uuid4().hex[:12]}"
    admin = pw.PostgresqlDatabase("postgres", **_pg_params(server))
    admin.execute_sql(f"CREATE DATABASE {name}")
    try:
        yield f"{server.rstrip('/')}/{name}"
    finally:
        db.initialize(None)
        admin.execute_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def _pg_params(url: str) -> dict[str, object]:
    from urllib.parse import urlparse

    parts = urlparse(url)
    return {
        "user": parts.username,
        "password": parts.password,
        "host": parts.hostname,
        "port": parts.port or 5432,
    }


@pytest.fixture
def database(db_url: str) -> Iterator[pw.Database]:
    """A real SQLite file with the core's schema (no plugins)."""
    database = connect(db_url)
    yield database
    database.close()
    db.initialize(None)


@pytest.fixture
def host() -> PluginHost:
    """A host with only the core's built-in plugin; tests register their own."""
    host = PluginHost()
    host.register(builtin, source="builtin")
    return host


@pytest.fixture
def keys(database: pw.Database, host: PluginHost, tmp_path: Path) -> DeploymentKeys:
    """The deployment's audit log and keys (a key file in tmp_path; a checkpoint every 8)."""
    migrate(database, host.migrations())
    with database.atomic():
        _, kek = set_up_keys(key_file=tmp_path / "zhidu.key", checkpoint_every=8)
    return DeploymentKeys(lambda: kek)


@pytest.fixture
def ctx(database: pw.Database, host: PluginHost, keys: DeploymentKeys) -> Context:
    """An operator acting on a migrated database with its audit log, on 2026-11-21."""
    actor, _ = ensure_operator(database, host, keys, "tester")
    return Context(database, actor, host, lambda: TODAY, keys)


def make_org(ctx: Context, code: str = "gdpu", kind: str = "university") -> str:
    from core.services.orgs import add_unit, create_org

    create_org(ctx, code, f"组织 {code}", kind)
    add_unit(ctx, code, "office", "办公室", "科")
    return code


def audit_entries(ctx: Context, action: str | None = None) -> list[Body]:
    """The audit trail's decrypted bodies, oldest first (optionally of one action)."""
    assert ctx.keys is not None
    bodies = [e.body for e in read_entries(ctx.keys, None)]
    assert all(b is not None for b in bodies), "every entry decrypts"
    return [b for b in bodies if b is not None and (action is None or b.action == action)]


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep key files and default databases of every test out of the real home; on
    PostgreSQL, make sure no test quietly fell back to a default SQLite database."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ZHIDU_KEY_FILE", raising=False)
    monkeypatch.delenv("ZHIDU_PASSPHRASE", raising=False)
    yield
    if os.environ.get("ZHIDU_TEST_POSTGRES"):
        stray = [str(p.relative_to(tmp_path)) for p in _sqlite_files(tmp_path)]
        assert not stray, f"the test made SQLite databases {stray}: use the db_url fixture"


def _sqlite_files(folder: Path) -> list[Path]:
    def is_sqlite(path: Path) -> bool:
        with path.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"

    return sorted(p for p in folder.rglob("*") if p.is_file() and is_sqlite(p))
