"""The rotation forecast (交流轮岗预测, 第二十三条) as a table: who, which post and rank,
how many 届 in a row, the day two 届 are full, what is due (交流 or 岗位轮换) and the
clause — computed by ``plugins.cadre.services.tenure.forecast`` once when the screen
opens and once per window entered (never per keystroke). A violation's row is red. The
highlighted row shows the whole message and the clause."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from core.api import Context, Severity, ZhiduError
from plugins.cadre.services import tenure
from tui.i18n import _
from tui.screens.base import OrgScreen


class RotationScreen(OrgScreen):
    DEFAULT_CSS = """
    RotationScreen #months-row { height: auto; margin: 0 1; }
    RotationScreen #months-label { width: auto; padding: 1 1 0 0; }
    RotationScreen #months { width: 12; }
    RotationScreen #summary { margin: 0 1; }
    RotationScreen #forecast { height: 1fr; }
    RotationScreen #detail { height: auto; max-height: 10; margin: 0 1; padding: 0 1;
        border: round $primary; }
    """
    #: A violation's row (超届未交流): Rich style of its cells.
    VIOLATION_STYLE: ClassVar[str] = "bold red"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "focus_months", _("预测月数"), id="cadre.rotation.months"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.result: tenure.Forecast | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="months-row"):
            yield Label(_("预测月数"), id="months-label")
            yield Input(placeholder="6", id="months")
        yield Label("", id="summary")
        yield DataTable(id="forecast", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("交流轮岗预测")
        table = self.query_one("#forecast", DataTable)
        for key, label in (
            ("person", _("姓名")),
            ("post", _("职务")),
            ("rank", _("职级")),
            ("terms", _("连续届数")),
            ("limit", _("满届日期")),
            ("due", _("应当")),
            ("citation", _("依据")),
        ):
            table.add_column(label, key=key)
        self.load(None)
        table.focus()

    def load(self, months: str | None) -> bool:
        """Forecast through the service and show it; False (and the one-line error) when
        the service refuses."""
        try:
            result = tenure.forecast(self.ctx, self.org_code, months)
        except ZhiduError as error:
            self.notify(str(error), severity="error")
            return False
        self.result = result
        self.query_one("#months", Input).value = str(result.months)
        table = self.query_one("#forecast", DataTable)
        table.clear()
        for n, item in enumerate(result.items):
            style = self.VIOLATION_STYLE if item.severity is Severity.VIOLATION else ""
            table.add_row(
                Text(item.person_name, style=style),
                Text(item.post_title, style=style),
                Text(item.rank, style=style),
                Text(str(item.terms), style=style),
                Text(item.limit_date.isoformat(), style=style),
                Text(due_words(item.due, item.state), style=style),
                Text(item.citation.article, style=style),
                key=str(n),
            )
        self.query_one("#summary", Label).update(
            Text(
                _(
                    "{on} 起 {months} 个月内（至 {horizon}）：{count} 人",
                    on=result.on.isoformat(),
                    months=result.months,
                    horizon=result.horizon.isoformat(),
                    count=len(result.items),
                )
            )
        )
        self.show(0)
        return True

    def show(self, row: int) -> None:
        """The line at ``row``: its message and the clause."""
        detail = self.query_one("#detail", Static)
        if self.result is None or not 0 <= row < len(self.result.items):
            detail.update(_("无"))
            return
        item = self.result.items[row]
        text = Text()
        text.append(
            item.message_zh + "\n",
            style="" if item.severity is not Severity.VIOLATION else self.VIOLATION_STYLE,
        )
        text.append(_("依据：{citation}", citation=str(item.citation)))
        detail.update(text)

    @on(DataTable.RowHighlighted, "#forecast")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show(event.cursor_row)

    def action_focus_months(self) -> None:
        self.query_one("#months", Input).focus()

    @on(Input.Submitted, "#months")
    def months_entered(self, event: Input.Submitted) -> None:
        if self.load(event.value.strip()):
            self.query_one("#forecast", DataTable).focus()


def due_words(due: str, state: str) -> str:
    """What is due (交流 or 岗位轮换) and how it stands, in the interface's language."""
    what = _("交流") if due == "交流" else _("岗位轮换")
    how = {
        "ahead": _("即将满届"),
        "reached": _("已满两届"),
        "over": _("超届"),
        "retained": _("票决留任"),
    }[state]
    return f"{what} · {how}"
