"""The core's own contributions, declared through the same hooks as any plugin.

It is always loaded and always enabled: its migrations create the core's tables and
its parameters are the conventions every organization may set (docs/conventions.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from core import __version__
from core.findings import Citation
from core.hookspecs import hookimpl
from core.migrate import Migration, migrations_from_package
from core.parameters import ParameterSpec, Unit
from core.records import PluginInfo

NAME = "core"

START_DAY_COUNTS = "core.workdays.start_day_counts"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(NAME, __version__, "核心", "Core")


@hookimpl
def zhidu_migrations() -> Sequence[Migration]:
    return migrations_from_package(NAME, "migrations")


@hookimpl
def zhidu_parameters() -> Sequence[ParameterSpec]:
    return (
        ParameterSpec(
            key=START_DAY_COUNTS,
            title_zh="发布当日为工作日时计入期限",
            title_en="The posting day counts as day 1 when it is a working day",
            unit=Unit.BOOLEAN,
            default=True,
            citation=Citation(
                "zhidu",
                "docs/conventions.md 工作日计算",
                "公示期自发布之日起计算；发布当日为工作日的，计入公示期",
            ),
            effective_from=date(2000, 1, 1),
        ),
    )
