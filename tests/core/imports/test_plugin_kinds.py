"""A plugin's import kind (zhidu_import_kinds) is importable where the plugin is enabled."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from core.errors import InvalidInput, NotFound
from core.imports import apply, dry_run
from core.migrate import migrate
from core.services.context import Context
from core.services.orgs import unit_tree
from core.services.plugins import enable_plugin
from tests.conftest import make_org
from tests.plugins.conftest import good_plugin

KIND = """
import attrs
from core.imports.kinds import UNITS

@hookimpl
def zhidu_import_kinds():
    return [attrs.evolve(UNITS, name="depts", title_zh="部门", plugin="depts")]
"""


@pytest.fixture
def plugged(ctx: Context) -> Context:
    module = types.ModuleType("import_kind_plugin")
    exec(good_plugin("depts") + KIND, module.__dict__)
    assert ctx.host.register(module, source="test") is not None
    migrate(ctx.database, ctx.host.migrations())
    make_org(ctx, "union", "student_union")
    return ctx


def test_a_plugin_kind_imports_only_where_the_plugin_is_enabled(
    plugged: Context, tmp_path: Path
) -> None:
    file = tmp_path / "depts.csv"
    file.write_text("机构代码,机构名称,机构类别\nwyb,文艺部,部门\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="comes with the plugin depts, which union has not"):
        dry_run(plugged, "union", "depts", file)
    enable_plugin(plugged, "union", "depts")
    report = apply(plugged, "union", "depts", file)
    assert report.applied and report.counts["added"] == 1
    assert [n.unit.code for n in unit_tree(plugged, "union")] == ["office", "wyb"]
    with pytest.raises(
        NotFound, match="the kinds are: people, units, posts, terms, kinship, depts"
    ):
        dry_run(plugged, "union", "votes", file)
