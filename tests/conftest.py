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
def ctx(database: pw.Database, host: PluginHost) -> Context:
    """An operator acting on a migrated database, on 2026-11-21."""
    migrate(database, host.migrations())
    actor, _ = ensure_operator(database, host, "tester")
    return Context(database, actor, host, lambda: TODAY)


def make_org(ctx: Context, code: str = "gdpu", kind: str = "university") -> str:
    from core.services.orgs import add_unit, create_org

    create_org(ctx, code, f"组织 {code}", kind)
    add_unit(ctx, code, "office", "办公室", "科")
    return code
