"""The typed, frozen records that plugins return from their hooks.

Each hook in :mod:`core.hookspecs` returns one of these (or a sequence of them), so
the host can check what a plugin declares before anything runs (conda's model).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from core.domain import OrgKind
from core.findings import Finding

if TYPE_CHECKING:
    from core.services.checks import CheckContext
    from core.services.context import Context

__all__ = ["Check", "Command", "DemoData", "Permission", "PluginInfo", "Screen", "load_target"]


def _name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (
        isinstance(value, str)
        and value.replace("_", "").replace("-", "").isalnum()
        and value[:1].isalpha()
        and value == value.lower()
    ):
        raise ValueError(f"{attribute.name} {value!r} must be lower-case letters, digits, - or _")


def _target(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value.count(":") == 1 and all(value.split(":"))):
        raise ValueError(f"{attribute.name} {value!r} must look like 'package.module:attribute'")


def load_target(target: str) -> Any:
    """Import ``package.module:attribute`` — how heavy modules are loaded only when needed."""
    module, _, attribute = target.partition(":")
    obj: Any = importlib.import_module(module)
    for part in attribute.split("."):
        obj = getattr(obj, part)
    return obj


@attrs.frozen
class PluginInfo:
    """A plugin's identity: name, version, titles, the regulation, its dependencies."""

    name: str = attrs.field(validator=_name)
    version: str
    title_zh: str
    title_en: str
    regulation: str | None = None  # file in shared/regulations it implements
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=tuple)


@attrs.frozen
class Permission:
    """A permission a plugin adds (e.g. ``cadre.decide``), for roles to grant."""

    name: str
    title_zh: str
    title_en: str


@attrs.frozen
class Command:
    """A CLI command group ``zhidu <name> …``; ``target`` is imported only when run."""

    name: str = attrs.field(validator=_name)
    help: str
    target: str = attrs.field(validator=_target)  # "plugins.cadre.cli:group"

    def load(self) -> Any:
        return load_target(self.target)


@attrs.frozen
class Screen:
    """A TUI screen; shown only for organizations that enabled the plugin."""

    id: str = attrs.field(validator=_name)
    title_zh: str
    title_en: str
    target: str = attrs.field(validator=_target)  # "plugins.cadre.screens.rotation:RotationScreen"

    def load(self) -> Any:
        return load_target(self.target)


@attrs.frozen
class Check:
    """A check run for an organization on a date: returns findings (检查)."""

    id: str
    title_zh: str
    title_en: str
    run: Callable[[CheckContext], Iterable[Finding]] = attrs.field(eq=False, repr=False)


@attrs.frozen
class DemoData:
    """Demo data a plugin adds to the demo organizations of a kind."""

    org_kind: OrgKind
    load: Callable[[Context, str], None] = attrs.field(eq=False, repr=False)  # (ctx, org code)
    description: str = ""
