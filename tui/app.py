"""The zhidu terminal application: pick an organization, then its home screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from core.services.accounts import record_login
from core.services.audit_trail import witness_warning
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
        # Opening the interface is a log-in, audited like any change.
        record_login(self.ctx, "tui")
        self.push_screen(OrgPickerScreen(self.ctx))
        warning = witness_warning()
        if warning:
            self.notify(warning, title="审计日志 Audit trail", severity="error", timeout=30)


def run(ctx: Context) -> None:
    ZhiduApp(ctx).run()
