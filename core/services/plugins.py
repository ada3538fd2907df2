"""Plugins enabled per organization (启用插件).

A plugin is installed once per deployment and enabled per organization. Enabling a
plugin whose dependency is not enabled there is refused; so is disabling one that an
enabled plugin depends on. Disabling keeps every row the plugin wrote.
"""

from __future__ import annotations

import datetime as dt

from core import audit, models, sql
from core.access import Action
from core.errors import Conflict, InvalidInput
from core.plugin_host import LoadedPlugin
from core.services.context import Context
from core.services.orgs import org_row

__all__ = ["disable_plugin", "enable_plugin", "enabled_names", "enabled_plugins"]


def enabled_names(org_id: int) -> set[str]:
    """The plugins enabled for the organization (a prebuilt statement: every plugin
    service asks)."""
    return {r.plugin for r in sql.select(models.PluginEnablement, org=org_id, enabled=True)}


def enabled_plugins(ctx: Context, org_code: str) -> list[LoadedPlugin]:
    """The installed plugins enabled for the organization (the core always is)."""
    org = org_row(ctx, org_code, Action.READ)
    names = enabled_names(org.id)
    return [p for p in ctx.host.plugins.values() if p.builtin or p.name in names]


def _set(ctx: Context, org: models.Organization, name: str, enabled: bool) -> None:
    row = models.PluginEnablement.get_or_none(
        (models.PluginEnablement.org == org.id) & (models.PluginEnablement.plugin == name)
    )
    now = dt.datetime.now(dt.UTC)
    if row is None:
        models.PluginEnablement.create(org=org.id, plugin=name, enabled=enabled, changed_at=now)
    else:
        models.PluginEnablement.update(enabled=enabled, changed_at=now).where(
            models.PluginEnablement.id == row.id
        ).execute()
    audit.record(
        ctx,
        org_id=org.id,
        action="plugin.enable" if enabled else "plugin.disable",
        object_type="plugin",
        object_id=name,
        before={"enabled": bool(row and row.enabled)},
        after={"enabled": enabled},
    )


def enable_plugin(ctx: Context, org_code: str, name: str) -> LoadedPlugin:
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.MANAGE_PLUGINS)
        plugin = ctx.host.get(name)
        if plugin.builtin:
            raise InvalidInput("plugin", name, "the core is always enabled")
        enabled = enabled_names(org.id)
        missing = [d for d in plugin.info.depends_on if d not in enabled]
        if missing:
            raise Conflict(
                "plugin",
                name,
                f"depends on {', '.join(missing)}, not enabled for {org.code}; "
                f"enable {missing[0]} first (请先启用所依赖的插件)",
            )
        if name in enabled:
            raise Conflict("plugin", name, f"already enabled for {org.code}")
        _set(ctx, org, name, True)
    return plugin


def disable_plugin(ctx: Context, org_code: str, name: str) -> str:
    """Disable a plugin for the organization (installed or not any more); its data stays."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.MANAGE_PLUGINS)
        enabled = enabled_names(org.id)
        if name not in enabled:
            raise Conflict("plugin", name, f"is not enabled for {org.code}")
        dependants = sorted(
            p.name
            for p in ctx.host.plugins.values()
            if p.name in enabled and name in p.info.depends_on
        )
        if dependants:
            raise Conflict(
                "plugin",
                name,
                f"{', '.join(dependants)} depends on it in {org.code}; disable that first",
            )
        _set(ctx, org, name, False)
    return name
