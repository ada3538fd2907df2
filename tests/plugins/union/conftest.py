"""The union plugin's fixtures. ``union`` depends on ``elections`` (issue #8). Where
``elections`` is installed (an entry point in the ``zhidu`` group), the real one is
used; until then a stand-in that is nothing but its PluginInfo, installed the same
way — as a module registered in the host, or as a real distribution on sys.path for
the command line."""

from __future__ import annotations

import importlib
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core import builtin
from core.entrypoints import entry_point_names
from core.plugin_host import PluginHost
from core.services.context import Context
from core.services.orgs import add_unit, create_org
from core.services.people import add_person
from core.services.plugins import enable_plugin
from core.services.posts import add_post
from plugins.union import hooks

STAND_IN = """
from core.api import PluginInfo, hookimpl

@hookimpl
def zhidu_plugin():
    return PluginInfo("elections", "0.0", "选举（替身）", "Elections (stand-in)")
"""


def elections_installed() -> bool:
    return "elections" in entry_point_names()


def _elections_module() -> Any:
    if elections_installed():
        from importlib.metadata import entry_points

        (ep,) = [e for e in entry_points(group="zhidu") if e.name == "elections"]
        return ep.load()
    module = types.ModuleType("union_test_elections")
    exec(textwrap.dedent(STAND_IN), module.__dict__)
    return module


@pytest.fixture
def host() -> PluginHost:
    """The core, elections (or its stand-in) and union."""
    host = PluginHost()
    host.register(builtin, source="builtin")
    host.register(_elections_module(), source="test", entry_name="elections")
    assert host.register(hooks, source="test", entry_name="union") is not None, host.broken
    return host


@pytest.fixture
def elections_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """For the command line (which discovers entry points): install the stand-in as a
    real distribution when elections itself is not installed."""
    if elections_installed():
        yield
        return
    site = tmp_path / "site"
    site.mkdir()
    (site / "union_test_elections.py").write_text(textwrap.dedent(STAND_IN), "utf-8")
    info = site / "union_test_elections-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: union-test-elections\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text("[zhidu]\nelections = union_test_elections\n")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield
    sys.modules.pop("union_test_elections", None)


UNITS = (
    ("zxt", "主席团", "主席团"),
    ("tyb", "体育部", "工作部门"),
    ("xxb", "学习部", "工作部门"),
)


@pytest.fixture
def union(ctx: Context) -> Callable[..., dict[str, Any]]:
    """An empty union ``xs`` (plugins enabled) and a maker of people with posts."""
    create_org(ctx, "xs", "某学院学生会", "student_union")
    for code, name, kind in UNITS:
        add_unit(ctx, "xs", code, name, kind)
    for code, unit, title, rank, headcount in (
        ("zx", "zxt", "主席", "主席", 1),
        ("fzx", "zxt", "副主席", "副主席", 3),
        ("ty-bz", "tyb", "体育部部长", "部长", 1),
        ("ty-fbz", "tyb", "体育部副部长", "副部长", 1),
        ("ty-gs", "tyb", "体育部干事", "干事", 40),
        ("xx-bz", "xxb", "学习部部长", "部长", 1),
    ):
        add_post(
            ctx, "xs", unit_code=unit, code=code, title=title, rank=rank,
            headcount=headcount, category="群团", term_years=1,
        )  # fmt: skip
    for name in ("elections", "union"):
        enable_plugin(ctx, "xs", name)
    made: dict[str, Any] = {"org": "xs"}

    def person(name: str, status: str = "共青团员", birth: str = "2003-05-01") -> int:
        p = add_person(ctx, "xs", name=name, gender="女", birth_date=birth, political_status=status)
        return p.id

    made["person"] = person
    return lambda: made
