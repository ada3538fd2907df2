"""The titles plugin on a real database (the ``db_url`` fixture's: SQLite, or PostgreSQL
with ZHIDU_TEST_POSTGRES): registered with the test host and migrated, and an HR office
``hr`` with a few people for the tests to apply with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.migrate import migrate
from core.services.context import Context
from core.services.orgs import create_org
from core.services.people import add_person
from core.services.plugins import enable_plugin
from plugins.titles import hooks

ORG = "hr"


@pytest.fixture
def tctx(ctx: Context) -> Context:
    """The operator's context with the titles plugin installed and migrated."""
    ctx.host.register(hooks, source="test", entry_name="titles")
    migrate(ctx.database, ctx.host.migrations())
    return ctx


Maker = Callable[..., int]


@pytest.fixture
def person(tctx: Context) -> Maker:
    """``hr`` (titles enabled) and a maker of people: 本科, 中级 since 2020-12-20 unless
    told otherwise; returns the id."""
    create_org(tctx, ORG, "某市人力资源和社会保障局", "hr_office")
    enable_plugin(tctx, ORG, "titles")

    def make(name: str, extra: dict[str, Any] | None = None, **fields: Any) -> int:
        values: dict[str, Any] = {
            "gender": "男", "birth_date": "1986-05-14", "education": "大学本科",
            "title": "工程师", "title_level": "中级", "title_date": "2020-12-20",
            "employment_start": "2011-07-01",
        } | fields  # fmt: skip
        return add_person(tctx, ORG, name=name, extra=extra, **values).id

    return make
