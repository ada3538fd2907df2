"""Data in and out: import a file (a dry run listing every problem, then an
all-or-nothing apply after a confirmation) and export a list — long work in a worker
with a progress bar, so the screen never freezes."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Label, ProgressBar

from core.errors import ZhiduError
from core.exports import KINDS as EXPORT_KINDS
from core.exports import export_table
from core.imports import ImportReport, apply, dry_run, get_kind
from tui.i18n import _
from tui.screens.base import OrgScreen
from tui.screens.confirm import ConfirmScreen


class DataScreen(OrgScreen):
    DEFAULT_CSS = """
    DataScreen Label { margin: 0 1; height: auto; }
    DataScreen ProgressBar { margin: 0 1; }
    DataScreen #problems { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "check", _("检查导入文件"), id="data.check"),
        Binding("f6", "apply", _("导入"), id="data.apply"),
        Binding("f7", "export", _("导出"), id="data.export"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            _(
                "种类（导入：people/units/posts/terms/kinship；导出：{kinds}）",
                kinds="/".join(EXPORT_KINDS),
            )
        )
        yield Input(placeholder="people", id="kind")
        yield Label(_("文件（.xlsx 或 .csv）"))
        yield Input(placeholder="/path/to/people.xlsx", id="file")
        yield ProgressBar(id="progress", show_eta=False)
        yield Label("", id="status")
        yield DataTable(id="problems", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("导入导出")
        self.query_one("#problems", DataTable).add_columns(_("行"), _("列"), _("值"), _("问题"))

    def _inputs(self) -> tuple[str, Path]:
        kind = self.query_one("#kind", Input).value.strip() or "people"
        return kind, Path(self.query_one("#file", Input).value.strip()).expanduser()

    def _progress(self, done: int, total: int | None) -> None:
        """From the worker thread; ``total`` None: not known yet (an export's first page)."""
        bar = self.query_one("#progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=total, progress=done)

    def _say(self, text: str) -> None:
        self.query_one("#status", Label).update(Text(text))

    def action_check(self) -> None:
        self._say(_("检查中……"))
        self.run_import(apply_it=False)

    def action_apply(self) -> None:
        kind, path = self._inputs()

        def answered(yes: bool | None) -> None:
            if yes:
                self._say(_("导入中……"))
                self.run_import(apply_it=True)

        self.app.push_screen(
            ConfirmScreen(
                _("把 {file} 导入为 {kind}？有任何错误则一行也不写入。", file=path.name, kind=kind)
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="data")
    def run_import(self, apply_it: bool) -> None:
        kind, path = self._inputs()
        try:
            found = get_kind(kind, self.ctx, self.org_code)
            run = apply if apply_it else dry_run
            report = run(self.ctx, self.org_code, found, path, progress=self._progress)
        except ZhiduError as error:
            self.app.call_from_thread(self._say, error.line())
            return
        self.app.call_from_thread(self.show_report, report)

    def show_report(self, report: ImportReport) -> None:
        table = self.query_one("#problems", DataTable)
        table.clear()
        for p in report.problems:
            table.add_row(str(p.row), p.column, Text(str(p.value or "")), Text(p.rule))
        counts = report.counts
        if report.errors:
            self._say(_("{errors} 个错误，未写入任何数据", errors=len(report.errors)))
        elif report.applied:
            self._say(_("已导入：新增 {added}，更新 {updated}，不变 {unchanged}", **counts))
        else:
            self._say(_("检查通过：将新增 {added}，更新 {updated}，不变 {unchanged}", **counts))

    def action_export(self) -> None:
        self._say(_("导出中……"))
        self.run_export()

    @work(thread=True, exclusive=True, group="data")
    def run_export(self) -> None:
        kind, path = self._inputs()
        try:
            result = export_table(self.ctx, self.org_code, kind, path, progress=self._progress)
        except ZhiduError as error:
            self.app.call_from_thread(self._say, error.line())
            return
        self.app.call_from_thread(
            self._say, _("已导出 {rows} 行到 {path}", rows=result.rows, path=str(path))
        )
