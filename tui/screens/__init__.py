"""The screens, one per module, and the registry the home screen and palette use.

A core screen is built as ``Screen(ctx, org_code)``; a plugin's screen (its
``zhidu_screens`` hook) is built the same way and offered only for organizations that
enabled the plugin.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from textual.screen import Screen

from core.services.context import Context
from core.services.plugins import enabled_plugins

__all__ = ["CORE_SCREENS", "ScreenEntry", "screens_for"]

ScreenFactory = Callable[[Context, str], Screen[None]]


@attrs.frozen
class ScreenEntry:
    id: str
    title: str  # Chinese, translated with tui.i18n._ where shown
    key: str  # the home screen's binding
    target: str  # "module:Class", imported when opened

    def build(self, ctx: Context, org_code: str) -> Screen[None]:
        from core.records import load_target

        screen: Screen[None] = load_target(self.target)(ctx, org_code)
        return screen


CORE_SCREENS = (
    ScreenEntry("people", "人员", "p", "tui.screens.people:PeopleScreen"),
    ScreenEntry("posts", "职位与任职", "o", "tui.screens.posts:PostsScreen"),
    ScreenEntry("plugins", "插件", "g", "tui.screens.plugins:PluginsScreen"),
    ScreenEntry("parameters", "参数", "m", "tui.screens.parameters:ParametersScreen"),
    ScreenEntry("calendar", "日历", "c", "tui.screens.calendar:CalendarScreen"),
    ScreenEntry("accounts", "账号与角色", "u", "tui.screens.accounts:AccountsScreen"),
    ScreenEntry("data", "导入导出", "i", "tui.screens.data:DataScreen"),
    ScreenEntry("audit", "审计日志", "a", "tui.screens.audit:AuditScreen"),
)


def screens_for(ctx: Context, org_code: str) -> list[ScreenEntry]:
    """The core screens, then the screens of the plugins the organization enabled."""
    entries = list(CORE_SCREENS)
    for plugin in enabled_plugins(ctx, org_code):
        for screen in plugin.screens:
            entries.append(
                ScreenEntry(f"{plugin.name}.{screen.id}", screen.title_zh, "", screen.target)
            )
    return entries
