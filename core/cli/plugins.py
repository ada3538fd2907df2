"""``zhidu plugins``: installed plugins and per-organization enablement."""

from __future__ import annotations

from typing import Any

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def plugins() -> None:
    """Installed plugins, and which each organization enables (插件)."""


@plugins.command("list")
@click.option("--org", "org_code", help="Only this organization's enablement.")
@json_option
@click.pass_obj
def list_(state: State, org_code: str | None, as_json: bool) -> None:
    """Installed plugins with versions and hooks; broken ones with the reason; and
    per organization, which are enabled."""
    from core.services.orgs import list_orgs
    from core.services.plugins import enabled_plugins

    ctx = state.context()
    orgs = [o.code for o in list_orgs(ctx)] if org_code is None else [org_code]
    enabled = {
        code: sorted(p.name for p in enabled_plugins(ctx, code) if not p.builtin) for code in orgs
    }
    installed: list[dict[str, Any]] = [
        {
            "name": p.name,
            "version": p.info.version,
            "title_zh": p.info.title_zh,
            "title_en": p.info.title_en,
            "regulation": p.info.regulation,
            "depends_on": list(p.info.depends_on),
            "source": p.source,
            "hooks": list(p.hooks),
            "enabled_for": [c for c in orgs if p.builtin or p.name in enabled[c]],
        }
        for p in sorted(ctx.host.plugins.values(), key=lambda p: (not p.builtin, p.name))
    ]
    broken = [{"name": b.name, "source": b.source, "error": b.error} for b in ctx.host.broken]

    def text() -> None:
        table(
            ["plugin", "version", "title", "depends on", "hooks", "enabled for"],
            [
                (
                    p["name"],
                    p["version"],
                    p["title_zh"],
                    ", ".join(p["depends_on"]),
                    ", ".join(h.removeprefix("zhidu_") for h in p["hooks"]),
                    "all" if p["source"] == "builtin" else ", ".join(p["enabled_for"]),
                )
                for p in installed
            ],
        )
        for b in broken:
            click.echo(f"broken: {b['name']} ({b['source']}): {b['error']}", err=True)

    emit(as_json, {"installed": installed, "broken": broken, "enabled": enabled}, text)


@plugins.command()
@click.option("--org", "org_code", required=True)
@click.argument("name")
@json_option
@click.pass_obj
def enable(state: State, org_code: str, name: str, as_json: bool) -> None:
    """Enable plugin NAME for an organization (its dependencies first)."""
    from core.services.plugins import enable_plugin

    plugin = enable_plugin(state.context(), org_code, name)
    emit(
        as_json,
        {"org": org_code, "plugin": plugin.name, "enabled": True},
        lambda: click.echo(f"enabled {plugin.name} for {org_code}"),
    )


@plugins.command()
@click.option("--org", "org_code", required=True)
@click.argument("name")
@json_option
@click.pass_obj
def disable(state: State, org_code: str, name: str, as_json: bool) -> None:
    """Disable plugin NAME for an organization; its data is kept."""
    from core.services.plugins import disable_plugin

    done = disable_plugin(state.context(), org_code, name)
    emit(
        as_json,
        {"org": org_code, "plugin": done, "enabled": False},
        lambda: click.echo(f"disabled {done} for {org_code} (its data is kept)"),
    )
