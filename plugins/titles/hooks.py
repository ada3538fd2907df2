"""The ``titles`` plugin: 职称评审 (professional-title-review.txt).
Kept light: imported whenever plugins are listed; the services, commands
and screens are imported when used."""

from __future__ import annotations

from core.api import PluginInfo, hookimpl

NAME = "titles"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(
        NAME,
        "0.1.0",
        "职称评审",
        "Professional title review",
        regulation="professional-title-review.txt",
    )
