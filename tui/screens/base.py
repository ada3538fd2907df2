"""The base of every screen that works in one organization."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from core.services.context import Context
from tui.i18n import _


class OrgScreen(Screen[None]):
    """A screen of one organization, built as ``Screen(ctx, org_code)`` — plugins'
    screens too. ``escape`` goes back (binding id ``screen.back``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", _("返回"), id="screen.back"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.org_code = org_code
