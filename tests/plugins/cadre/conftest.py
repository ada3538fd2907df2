"""The cadre plugin on a real database (the ``db_url`` fixture's: SQLite, or PostgreSQL
with ZHIDU_TEST_POSTGRES): registered with the test host and migrated, and a small
university ``gd`` with units, posts and people for each part's tests to build on."""

from __future__ import annotations

import pytest

from core.migrate import migrate
from core.services.context import Context
from core.services.orgs import add_unit, create_org
from core.services.plugins import enable_plugin
from core.services.posts import add_post
from plugins.cadre import hooks

ORG = "gd"


@pytest.fixture
def cctx(ctx: Context) -> Context:
    """The operator's context with the cadre plugin installed and migrated."""
    ctx.host.register(hooks, source="test", entry_name="cadre")
    migrate(ctx.database, ctx.host.migrations())
    return ctx


@pytest.fixture
def university(cctx: Context) -> str:
    """``gd``: a university with the cadre plugin enabled — 人事处 (处) with 师资科 (科)
    below it, and 药学院 (学院); posts of each rank. Returns the org code."""
    create_org(cctx, ORG, "某医科大学", "university")
    add_unit(cctx, ORG, "rsc", "人事处", "处")
    add_unit(cctx, ORG, "rsc-szk", "师资科", "科", parent_code="rsc")
    add_unit(cctx, ORG, "yxy", "药学院", "学院")
    for code, unit, title, rank, years, category in (
        ("rsc-cz", "rsc", "人事处处长", "正处级", 4, "行政"),
        ("rsc-fcz", "rsc", "人事处副处长", "副处级", 4, "行政"),
        ("szk-kz", "rsc-szk", "师资科科长", "正科级", 3, "行政"),
        ("szk-fkz", "rsc-szk", "师资科副科长", "副科级", 3, "行政"),
        ("yxy-yz", "yxy", "药学院院长", "正处级", 4, "教学"),
        ("yxy-fyz", "yxy", "药学院副院长", "副处级", 4, "教学"),
    ):
        add_post(
            cctx, ORG, unit_code=unit, code=code, title=title, rank=rank, headcount=1,
            category=category, term_years=years, max_consecutive_terms=2,
        )  # fmt: skip
    enable_plugin(cctx, ORG, "cadre")
    return ORG
