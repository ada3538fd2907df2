"""The zhidu terminal application: pick an organization, then its home screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from core.services.context import Context
from tui.screens.org_picker import OrgPickerScreen


class ZhiduApp(App[None]):
    """制度 — the administrators' interface."""

    TITLE = "制度 zhidu"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "退出 Quit", id="app.quit"),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def on_mount(self) -> None:
        self.push_screen(OrgPickerScreen(self.ctx))


def run(ctx: Context) -> None:
    ZhiduApp(ctx).run()
