"""Choose the organization to work in (only those the account may see)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from core.services.context import Context
from core.services.orgs import list_orgs
from tui.screens.home import HomeScreen


class OrgPickerScreen(Screen[None]):
    DEFAULT_CSS = """
    OrgPickerScreen { align: center middle; }
    OrgPickerScreen Label { margin: 1 2; }
    OrgPickerScreen OptionList { width: 60; height: auto; max-height: 20; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "打开 Open", id="orgs.open", show=True),
    ]

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.orgs = list_orgs(ctx)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.orgs:
            yield Label("选择组织 Choose an organization")
            yield OptionList(
                *(Option(Text(f"{o.name}  [{o.code}]  {o.kind.zh}"), id=o.code) for o in self.orgs),
                id="orgs",
            )
        else:
            yield Label(
                "没有可见的组织 No organization visible: run `zhidu demo` or `zhidu org create`"
            )
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(HomeScreen(self.ctx, event.option.id))
