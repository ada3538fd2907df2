"""The ``attendance`` plugin: 机关作风建设与考勤 (office-conduct-attendance.txt).
Kept light: imported whenever plugins are listed; the services, commands
and screens are imported when used."""

from __future__ import annotations

from core.api import PluginInfo, hookimpl

NAME = "attendance"


@hookimpl
def zhidu_plugin() -> PluginInfo:
    return PluginInfo(
        NAME,
        "0.1.0",
        "机关作风建设与考勤",
        "Office conduct and attendance",
        regulation="office-conduct-attendance.txt",
    )
