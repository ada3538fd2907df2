"""选拔任用案件: the organization's selection cases, and the highlighted one's stages as a
timeline — each stage done (with its date), current or pending, a stage with a refused
step flagged, and below it every step done or refused with its date and clause (refused
ones red). Everything comes from ``plugins.cadre.services.cases`` (list_cases, show_case),
the same services as ``zhidu cadre case list|show``.

The labels are written in both languages here rather than through the interface's
catalog: the case's own words (stages, outcomes, messages) come from the rules in
Chinese and English already."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Label, Static

from core.api import Context, ZhiduError
from plugins.cadre.services import cases
from tui.screens.base import OrgScreen

TITLE = "选拔任用案件"

MARKS = {"done": "✓ 已完成 done", "current": "→ 当前 current", "pending": "· 待进行 pending"}


class CaseScreen(OrgScreen):
    DEFAULT_CSS = """
    CaseScreen #cases { height: 10; }
    CaseScreen #stages { height: 12; }
    CaseScreen #timeline { height: 1fr; margin: 0 1; padding: 0 1; border: round $primary; }
    """
    REFUSED_STYLE: ClassVar[str] = "bold red"
    DONE_STYLE: ClassVar[str] = "green"

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.rows: list[dict[str, Any]] = []
        self.shown: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="summary")
        yield DataTable(id="cases", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="stages", cursor_type="row")
        yield Static("", id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{TITLE} Selection cases"
        table = self.query_one("#cases", DataTable)
        for key, label in (("id", "案件 case"), ("title", "名称 title"),
                           ("method", "方式 method"), ("current", "下一环节 next"),
                           ("appointed", "任职 appointed")):  # fmt: skip
            table.add_column(label, key=key)
        stages = self.query_one("#stages", DataTable)
        for key, label in (("stage", "环节 stage"), ("state", "状态 state"),
                           ("on", "日期 date"), ("refused", "驳回 refused")):  # fmt: skip
            stages.add_column(label, key=key)
        self.load()
        table.focus()

    def load(self) -> None:
        try:
            self.rows = cases.list_cases(self.ctx, self.org_code)
        except ZhiduError as error:
            self.notify(str(error), severity="error")
            return
        table = self.query_one("#cases", DataTable)
        table.clear()
        for r in self.rows:
            table.add_row(
                str(r["id"]), r["title"], r["method"], r["current"] or "—",
                f"{r['appointed']}/{r['seats']}", key=str(r["id"]),
            )  # fmt: skip
        self.query_one("#summary", Label).update(f"{len(self.rows)} 个案件 case(s)")
        if self.rows:
            self.show(0)

    def show(self, row: int) -> None:
        """The case at ``row``: its stages and its timeline."""
        if not 0 <= row < len(self.rows):
            return
        try:
            case = cases.show_case(self.ctx, self.org_code, self.rows[row]["id"])
        except ZhiduError as error:
            self.notify(str(error), severity="error")
            return
        self.shown = case
        stages = self.query_one("#stages", DataTable)
        stages.clear()
        for s in case["stages"]:
            style = self.DONE_STYLE if s["state"] == "done" else ""
            if s["refused"] and s["state"] != "done":
                style = self.REFUSED_STYLE
            stages.add_row(
                Text(f"{s['stage']} {s['stage_en']}", style=style),
                Text(MARKS[s["state"]], style=style),
                Text(s["held_on"].isoformat() if s["held_on"] else "", style=style),
                Text("✗ 有驳回 refused" if s["refused"] else "",
                     style=self.REFUSED_STYLE if s["refused"] else ""),
                key=s["stage"],
            )  # fmt: skip
        text = Text()
        text.append(f"案件 {case['id']}：{case['title']}（{case['method']}）\n", style="bold")
        for e in case["timeline"]:
            refused = e["outcome"] == "驳回"
            line = f"{e['on'].isoformat()} [{e['outcome']}] {e['stage']}：{e['message_zh']}"
            text.append(line, style=self.REFUSED_STYLE if refused else "")
            if e["citation"]:
                text.append(f"  依据 {e['citation']['article']}", style="dim")
            text.append("\n")
        for f in case["findings"]:
            text.append(f"! {f['message_zh']}  依据 {f['citation']['article']}\n", style="yellow")
        self.query_one("#timeline", Static).update(text)

    @on(DataTable.RowHighlighted, "#cases")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show(event.cursor_row)

    @on(DataTable.RowSelected, "#cases")
    def selected(self, event: DataTable.RowSelected) -> None:
        self.show(event.cursor_row)
