"""Test plugins: built as real distributions on disk (a ``.dist-info`` with an
``entry_points.txt`` in the ``zhidu`` group) and put on ``sys.path``, so discovery goes
through importlib.metadata exactly as for an installed plugin."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

GOOD = """
from datetime import date
from core.api import (Check, Citation, Finding, Migration, ParameterSpec, PluginInfo,
                      Severity, Unit, hookimpl)

CITE = Citation("student-union-bylaws.txt", "3", "工作人员不超过30人")

@hookimpl
def zhidu_plugin():
    return PluginInfo("{name}", "0.1", "测试", "Test", "student-union-bylaws.txt",
                      depends_on={depends})

@hookimpl
def zhidu_parameters():
    return [ParameterSpec("{name}.max_staff", "工作人员上限", "Staff limit", Unit.COUNT, 30,
                          CITE, date(2020, 1, 1))]

@hookimpl
def zhidu_migrations():
    def up(migrator, db):
        db.execute_sql("CREATE TABLE {name}_row (id INTEGER PRIMARY KEY)")
    return [Migration("{name}", "0001_initial", up, (("core", "0001_initial"),))]

def _staff(ctx):
    limit = ctx.parameter("{name}.max_staff")
    if len(ctx.people) > limit:
        yield Finding(Severity.VIOLATION, "{name}.staff", ctx.org.name, CITE,
                      f"工作人员{{len(ctx.people)}}人，超过{{limit}}人",
                      f"{{len(ctx.people)}} staff, more than {{limit}}")

@hookimpl
def zhidu_checks():
    return [Check("staff", "人数", "Staff", _staff)]
"""


@pytest.fixture
def make_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., None]]:
    """Write a one-module distribution with an entry point, and put it on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    modules: list[str] = []

    def make(dist: str, module: str, source: str, entry_name: str | None = None) -> None:
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        # Wheel naming: the name part of "<name>-<version>.dist-info" has no hyphens.
        info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[zhidu]\n{entry_name or module} = {module}\n")
        modules.append(module)
        importlib.invalidate_caches()

    yield make
    for module in modules:
        sys.modules.pop(module, None)


def good_plugin(name: str, depends: tuple[str, ...] = ()) -> str:
    return GOOD.format(name=name, depends=repr(depends))
