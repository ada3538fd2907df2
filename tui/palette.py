"""The command palette's provider: open any screen of the organization (the core's and
its plugins'), run any action of the screen it was opened from, or switch
organization. ``ctrl+p`` and type."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from core.services.context import Context
from core.services.orgs import list_orgs
from tui.i18n import _

if TYPE_CHECKING:
    from tui.app import ZhiduApp

__all__ = ["ZhiduCommands"]


class ZhiduCommands(Provider):
    """Navigation and every screen, as palette commands."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from tui.screens import screens_for

        app: ZhiduApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = []
        if app.org_code:
            for entry in screens_for(app.ctx, app.org_code):
                commands.append(
                    (
                        _("打开：{title}", title=_(entry.title)),
                        partial(self._open, entry.build),
                        entry.id,
                    )
                )
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.description and binding.show:
                commands.append(
                    (
                        _("本页：{action}", action=binding.description),
                        partial(app.call_later, app.run_action, binding.action, active.node),
                        binding.id or binding.action,
                    )
                )
        for org in list_orgs(app.ctx):
            commands.append(
                (_("切换组织：{name}", name=org.name), partial(app.open_org, org.code), org.code)
            )
        return commands

    def _open(self, build: Callable[[Context, str], Screen[None]]) -> None:
        app: ZhiduApp = self.app  # type: ignore[assignment]
        if app.org_code:
            app.push_screen(build(app.ctx, app.org_code))

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
