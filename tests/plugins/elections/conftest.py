"""The elections plugin on a real database (the ``db_url`` fixture's: SQLite, or
PostgreSQL with ZHIDU_TEST_POSTGRES): registered with the test host, its migrations
applied."""

from __future__ import annotations

import pytest

from core.migrate import migrate
from core.services.context import Context
from plugins.elections import hooks


@pytest.fixture
def ectx(ctx: Context) -> Context:
    """The operator's context with the elections plugin installed and migrated."""
    ctx.host.register(hooks, source="test")
    migrate(ctx.database, ctx.host.migrations())
    return ctx
