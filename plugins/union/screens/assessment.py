"""The union's self-assessment (组织改革自评表): the 14 standards computed on a date by
``plugins.union.services.assess`` — once when the screen opens and once per date
entered, never per keystroke — each with its figure; a failed standard's row is red.
The highlighted row shows who (or which unit) breaks it and the clause. ``w`` writes
the form as .docx through the same service as ``zhidu union assess --docx``."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from core.api import Context, ZhiduError
from plugins.union import services
from tui.i18n import _
from tui.screens.base import OrgScreen

TITLE = "组织改革自评表"  # the screen's title in zhidu_screens(); translated where shown


def forms_folder() -> Path:
    """Where the written forms go: ``forms`` in zhidu's user data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("zhidu", appauthor=False)) / "forms"


class AssessmentScreen(OrgScreen):
    DEFAULT_CSS = """
    AssessmentScreen #on-row { height: auto; margin: 0 1; }
    AssessmentScreen #on-label { width: auto; padding: 1 1 0 0; }
    AssessmentScreen #on { width: 20; }
    AssessmentScreen #summary { margin: 0 1; }
    AssessmentScreen #standards { height: 1fr; }
    AssessmentScreen #detail { height: auto; max-height: 14; margin: 0 1; padding: 0 1;
        border: round $primary; }
    """
    #: A failed standard's row (Rich style of its cells; DataTable has no per-row CSS).
    FAILED_STYLE: ClassVar[str] = "bold red"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write_docx", _("写出自评表 (.docx)"), id="union.assessment.docx"),
        Binding("d", "focus_date", _("评估日期"), id="union.assessment.date"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.assessment: services.Assessment | None = None

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        yield Header()
        with Horizontal(id="on-row"):
            yield Label(_("评估日期"), id="on-label")
            yield Input(placeholder="YYYY-MM-DD", id="on")
        yield Label("", id="summary")
        yield DataTable(id="standards", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("组织改革自评表")
        table = self.query_one("#standards", DataTable)
        table.add_column(_("项"), key="number")
        table.add_column(_("标准"), key="standard", width=56)
        table.add_column(_("结果"), key="met")
        table.add_column(_("情况"), key="figure")
        today = self.ctx.today().isoformat()
        self.query_one("#on", Input).value = today
        self.load(today)
        table.focus()

    def load(self, on: str) -> bool:
        """Assess on ``on`` through the service and show it; False (and the one-line
        error) when the service refuses."""
        try:
            assessment = services.assess(self.ctx, self.org_code, on)
        except ZhiduError as error:
            self.notify(str(error), severity="error")
            return False
        self.assessment = assessment
        table = self.query_one("#standards", DataTable)
        table.clear()
        for r in assessment.results:
            style = "" if r.met else self.FAILED_STYLE
            table.add_row(
                Text(str(r.number), style=style),
                Text(r.text, style=style),
                Text(_("符合") if r.met else _("不符合"), style=style),
                Text(r.figure, style=style),
                key=str(r.number),
            )
        missed = "、".join(str(n) for n in assessment.missed) or _("无")
        self.query_one("#summary", Label).update(
            Text(
                _(
                    "{name} {on}：符合 {met} 项，不符合：{missed}",
                    name=assessment.name,
                    on=assessment.on.isoformat(),
                    met=len(assessment.results) - len(assessment.missed),
                    missed=missed,
                )
            )
        )
        self.show(0)
        return True

    def show(self, row: int) -> None:
        """The standard at ``row``: who or which unit breaks it, and its clause."""
        if self.assessment is None or not 0 <= row < len(self.assessment.results):
            return
        r = self.assessment.results[row]
        text = Text()
        head = _(
            "第 {number} 项：{verdict}",
            number=r.number,
            verdict=_("符合") if r.met else _("不符合"),
        )
        text.append(head, style="" if r.met else self.FAILED_STYLE)
        text.append(f"  {r.figure}\n")
        if r.offenders:
            text.append(_("不符合的人员或机构：") + "\n")
            for who in r.offenders:
                text.append(f"  · {who}\n")
        text.append(_("依据：{citation}", citation=str(r.citation)))
        self.query_one("#detail", Static).update(text)

    @on(DataTable.RowHighlighted, "#standards")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show(event.cursor_row)

    @on(DataTable.RowSelected, "#standards")
    def selected(self, event: DataTable.RowSelected) -> None:
        self.show(event.cursor_row)

    def action_focus_date(self) -> None:
        self.query_one("#on", Input).focus()

    @on(Input.Submitted, "#on")
    def date_entered(self, event: Input.Submitted) -> None:
        if self.load(event.value.strip()):
            self.query_one("#standards", DataTable).focus()

    def action_write_docx(self) -> None:
        """Write the assessment shown (not a new one) as the form."""
        if self.assessment is None:
            return
        a = self.assessment
        path = forms_folder() / f"{a.org}-{TITLE}-{a.on.isoformat()}.docx"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            services.write_self_assessment(a, path)
        except (ZhiduError, OSError) as error:
            self.notify(str(error), severity="error")
            return
        self.notify(_("自评表已写出到 {path}", path=str(path)))
