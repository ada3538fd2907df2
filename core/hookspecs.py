"""The hooks a zhidu plugin implements. Every hook takes no arguments and returns
typed, frozen records (:mod:`core.records`); only ``zhidu_plugin`` is required.

Plugin authors mark implementations with :data:`hookimpl` (exported by ``core.api``)
and register the module under the ``zhidu`` entry-point group. docs/plugins.md
documents each hook; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from core.imports.kinds import ImportKind
    from core.migrate import Migration
    from core.parameters import ParameterSpec
    from core.records import Check, Command, DemoData, Permission, PluginInfo, Screen

PROJECT = "zhidu"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def zhidu_plugin() -> PluginInfo:  # type: ignore[empty-body]
    """The plugin's identity: name, version, titles, regulation and dependencies."""


@hookspec
def zhidu_migrations() -> Sequence[Migration]:  # type: ignore[empty-body]
    """The plugin's schema migrations, keyed by (plugin name, migration name)."""


@hookspec
def zhidu_parameters() -> Sequence[ParameterSpec]:  # type: ignore[empty-body]
    """The thresholds the plugin applies, each with default, unit, citation and date."""


@hookspec
def zhidu_permissions() -> Sequence[Permission]:  # type: ignore[empty-body]
    """The permissions the plugin adds for roles to grant."""


@hookspec
def zhidu_commands() -> Sequence[Command]:  # type: ignore[empty-body]
    """The CLI command groups the plugin adds, imported only when run."""


@hookspec
def zhidu_screens() -> Sequence[Screen]:  # type: ignore[empty-body]
    """The TUI screens the plugin adds, shown where the plugin is enabled."""


@hookspec
def zhidu_checks() -> Sequence[Check]:  # type: ignore[empty-body]
    """The checks the plugin runs for an organization on a date, returning findings."""


@hookspec
def zhidu_demo_data() -> Sequence[DemoData]:  # type: ignore[empty-body]
    """The demo data the plugin adds to the demo organizations."""


@hookspec
def zhidu_import_kinds() -> Sequence[ImportKind]:  # type: ignore[empty-body]
    """The kinds of file the plugin imports (zhidu import KIND FILE) where it is enabled."""
