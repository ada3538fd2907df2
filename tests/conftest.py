"""Shared fixtures: a real SQLite file per test, migrated; an operator; a fixed today."""

from __future__ import annotations

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
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'zhidu.db'}"


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
