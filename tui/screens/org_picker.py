"""Choose the organization to work in (only those the account may see)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from core.services.context import Context
from core.services.orgs import list_orgs
from tui.i18n import _

if TYPE_CHECKING:
    from tui.app import ZhiduApp


class OrgPickerScreen(Screen[None]):
    DEFAULT_CSS = """
    OrgPickerScreen { align: center middle; }
    OrgPickerScreen Label { margin: 1 2; }
    OrgPickerScreen OptionList { width: 64; height: auto; max-height: 20; }
    """

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.orgs = list_orgs(ctx)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.orgs:
            yield Label(_("选择组织"))
            yield OptionList(
                *(
                    Option(Text(f"{o.name}  [{o.code}]  {_(o.kind.zh)}"), id=o.code)
                    for o in self.orgs
                ),
                id="orgs",
            )
        else:
            yield Label(_("没有可见的组织：运行 `zhidu demo` 或 `zhidu org create`"))
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            app: ZhiduApp = self.app  # type: ignore[assignment]
            app.open_org(event.option.id)
