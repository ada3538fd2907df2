"""Finding, loading and checking plugins — the whole plugin host in one file.

Plugins are modules (or objects) registered under the ``zhidu`` entry-point group.
The host loads each in turn; a plugin that fails to import, implements a hook that
does not exist (``check_pending``), or returns malformed records is *reported* in
:attr:`PluginHost.broken` and left out, so one broken third-party plugin never stops
the others. Two plugins claiming the same name is an error for the whole host.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any

import attrs
import pluggy

from core import hookspecs
from core.entrypoints import GROUP, entry_point_names
from core.errors import NotFound, ParameterError, PluginError
from core.migrate import Migration
from core.parameters import ParameterSpec
from core.records import Check, Command, DemoData, Permission, PluginInfo, Screen

__all__ = ["BrokenPlugin", "LoadedPlugin", "PluginHost", "entry_point_names"]


def _collections() -> dict[str, type]:
    """Hook name → the record type each element of its result must be (imported here,
    not at module level: the import kinds' module needs the services, which need us)."""
    from core.imports.kinds import ImportKind

    return {
        "zhidu_migrations": Migration,
        "zhidu_parameters": ParameterSpec,
        "zhidu_permissions": Permission,
        "zhidu_commands": Command,
        "zhidu_screens": Screen,
        "zhidu_checks": Check,
        "zhidu_demo_data": DemoData,
        "zhidu_import_kinds": ImportKind,
    }


@attrs.frozen
class LoadedPlugin:
    """A plugin that loaded cleanly, with everything it declared."""

    info: PluginInfo
    source: str  # the distribution it came from, or "builtin"
    hooks: tuple[str, ...]
    migrations: tuple[Migration, ...] = ()
    parameters: tuple[ParameterSpec, ...] = ()
    permissions: tuple[Permission, ...] = ()
    commands: tuple[Command, ...] = ()
    screens: tuple[Screen, ...] = ()
    checks: tuple[Check, ...] = ()
    demo_data: tuple[DemoData, ...] = ()
    import_kinds: tuple[Any, ...] = ()  # core.imports.ImportKind records

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def builtin(self) -> bool:
        return self.source == "builtin"


@attrs.frozen
class BrokenPlugin:
    """A plugin that could not be loaded, and why."""

    name: str
    source: str
    error: str


class PluginHost:
    """The installed plugins of this deployment (enablement per organization is a service)."""

    def __init__(self) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.plugins: dict[str, LoadedPlugin] = {}
        self.broken: list[BrokenPlugin] = []

    @classmethod
    def discover(
        cls, group: str = GROUP, *, builtins: Iterable[object] | None = None
    ) -> PluginHost:
        """A host with the core's built-in plugin and every entry point in ``group``."""
        from core import builtin

        host = cls()
        for obj in (builtin,) if builtins is None else builtins:
            host.register(obj, source="builtin")
        for ep in sorted(importlib.metadata.entry_points(group=group), key=lambda e: e.name):
            source = ep.dist.name if ep.dist else ep.value
            try:
                obj = ep.load()
            except Exception as error:  # any import failure of a third party's code
                host.broken.append(BrokenPlugin(ep.name, source, f"import failed: {error!r}"))
                continue
            host.register(obj, source=source, entry_name=ep.name)
        host.drop_unmet_dependencies()
        return host

    def register(
        self, obj: ModuleType | object, *, source: str, entry_name: str | None = None
    ) -> LoadedPlugin | None:
        """Load one plugin; report it in :attr:`broken` and return None when it is broken.

        ``entry_name``, the entry point's name, must be the plugin's own name: the CLI
        lists plugin commands by it without importing anything.
        """
        label = getattr(obj, "__name__", type(obj).__name__)
        try:
            self.manager.register(obj, name=f"{source}:{label}")
        except (pluggy.PluginValidationError, ValueError) as error:
            self.broken.append(BrokenPlugin(label, source, f"invalid hooks: {error}"))
            return None
        try:
            self.manager.check_pending()  # a misspelt hook name fails here, loudly
            loaded = self._collect(obj, source)
            if entry_name is not None and loaded.name != entry_name:
                raise ValueError(
                    f"its entry point is named {entry_name!r} but the plugin calls itself "
                    f"{loaded.name!r}; they must be the same"
                )
        except PluginError:
            self.manager.unregister(obj)
            raise
        except Exception as error:
            self.manager.unregister(obj)
            self.broken.append(BrokenPlugin(label, source, _describe(error)))
            return None
        if loaded.name in self.plugins:
            self.manager.unregister(obj)
            other = self.plugins[loaded.name]
            raise PluginError(
                f"two plugins claim the name {loaded.name!r}: {other.source} and {source}; "
                "uninstall one of them"
            )
        self.plugins[loaded.name] = loaded
        return loaded

    def _collect(self, obj: object, source: str) -> LoadedPlugin:
        impls = {name: getattr(obj, name) for name in _hook_names() if hasattr(obj, name)}
        if "zhidu_plugin" not in impls:
            raise ValueError("it does not implement zhidu_plugin(), which names it")
        info = impls["zhidu_plugin"]()
        if not isinstance(info, PluginInfo):
            raise TypeError(f"zhidu_plugin() returned {type(info).__name__}, not PluginInfo")
        fields: dict[str, Any] = {}
        for hook, record_type in _collections().items():
            if hook not in impls:
                continue
            result = impls[hook]() or ()
            if not isinstance(result, Sequence) or not all(
                isinstance(r, record_type) for r in result
            ):
                raise TypeError(f"{hook}() must return a sequence of {record_type.__name__}")
            fields[hook.removeprefix("zhidu_")] = tuple(result)
        for spec in fields.get("parameters", ()):
            spec.validate(info.name)
        for command in fields.get("commands", ()):
            if command.name != info.name and not command.name.startswith(f"{info.name}-"):
                raise ValueError(
                    f"command {command.name!r} must be {info.name!r} or start with '{info.name}-'"
                )
        for migration in fields.get("migrations", ()):
            if migration.component != info.name:
                raise ValueError(f"migration {migration} must belong to component {info.name!r}")
        return LoadedPlugin(info, source, tuple(sorted(impls)), **fields)

    def drop_unmet_dependencies(self) -> None:
        """Move plugins whose dependencies are not installed to :attr:`broken`."""
        changed = True
        while changed:
            changed = False
            for plugin in list(self.plugins.values()):
                missing = [d for d in plugin.info.depends_on if d not in self.plugins]
                if missing:
                    del self.plugins[plugin.name]
                    self.broken.append(
                        BrokenPlugin(
                            plugin.name,
                            plugin.source,
                            f"depends on {', '.join(missing)}, which is not installed",
                        )
                    )
                    changed = True

    def get(self, name: str) -> LoadedPlugin:
        try:
            return self.plugins[name]
        except KeyError:
            installed = ", ".join(sorted(self.plugins)) or "none"
            raise NotFound("plugin", name, f"installed: {installed}") from None

    def optional(self) -> list[LoadedPlugin]:
        """The plugins an organization may enable or disable (all but built-ins)."""
        return [p for n, p in sorted(self.plugins.items()) if not p.builtin]

    def migrations(self) -> list[Migration]:
        return [m for p in self.plugins.values() for m in p.migrations]

    def parameters(self) -> list[ParameterSpec]:
        specs: dict[str, ParameterSpec] = {}
        for plugin in self.plugins.values():
            for spec in plugin.parameters:
                if spec.key in specs:
                    raise ParameterError(f"parameter {spec.key!r} is declared twice")
                specs[spec.key] = spec
        return list(specs.values())


def _hook_names() -> list[str]:
    return [n for n in dir(hookspecs) if n.startswith("zhidu_")]


def _describe(error: Exception) -> str:
    line = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {line}" if line else type(error).__name__
