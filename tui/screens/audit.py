"""The organization's audit trail: recent entries (for those who may read it), and
verifying the whole log with a progress bar, in a worker, without freezing the screen;
the last checkpoint this machine verified; exporting a checkpoint to keep elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Label, ProgressBar

from core.audit import witness
from core.audit.log import log_row
from core.errors import PermissionDenied, ZhiduError
from core.services.audit_trail import make_checkpoint, read_audit, verify_log
from tui.i18n import _
from tui.screens.base import OrgScreen

RECENT = 200


class AuditScreen(OrgScreen):
    DEFAULT_CSS = """
    AuditScreen Label { margin: 0 1; }
    AuditScreen #entries { height: 1fr; }
    AuditScreen ProgressBar { margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "verify", _("核验"), id="audit.verify"),
        Binding("x", "export", _("导出检查点"), id="audit.export"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="seen")
        yield ProgressBar(id="progress", show_eta=False)
        yield Label("", id="result")
        yield Input(placeholder=_("筛选：actor=… action=… object=person:12 plugin=…"), id="filter")
        yield DataTable(id="entries", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("审计日志")
        self.show_seen()
        table = self.query_one("#entries", DataTable)
        table.add_columns(_("序号"), _("时间 (UTC)"), _("操作人"), _("操作"), _("对象"), _("说明"))
        self.show_entries({})
        table.focus()

    @on(Input.Submitted, "#filter")
    def apply_filter(self, event: Input.Submitted) -> None:
        filters: dict[str, str] = {}
        for word in event.value.split():
            key, _sep, value = word.partition("=")
            if key not in {"actor", "action", "object", "plugin"} or not value:
                self.query_one("#result", Label).update(
                    Text(
                        _("筛选条件 {word} 无效：应为 actor=、action=、object=、plugin=", word=word)
                    )
                )
                return
            filters[key] = value
        self.show_entries(filters)

    def show_entries(self, filters: dict[str, str]) -> None:
        table = self.query_one("#entries", DataTable)
        table.clear()
        try:
            records = read_audit(
                self.ctx,
                org_code=self.org_code,
                limit=RECENT,
                actor=filters.get("actor"),
                action=filters.get("action"),
                object_ref=filters.get("object"),
                plugin=filters.get("plugin"),
            )
        except PermissionDenied as error:
            self.query_one("#result", Label).update(Text(error.line()))
            return
        self.query_one("#result", Label).update(
            _("{count} 条（最近 {limit} 条以内）", count=len(records), limit=RECENT)
        )
        for r in reversed(records):
            table.add_row(
                str(r.seq),
                f"{r.at:%Y-%m-%d %H:%M:%S}",
                r.actor,
                r.action,
                f"{r.object_type}:{r.object_id}" if r.object_type else "",
                r.problem or r.reason,
            )

    def show_seen(self) -> None:
        seen = witness.seen(bytes(log_row().log_id))
        text = (
            _(
                "本机上次核验的检查点：{size} 条，{at}",
                size=seen.size,
                at=f"{seen.at:%Y-%m-%d %H:%M}",
            )
            if seen
            else _("本机尚未核验过此日志")
        )
        self.query_one("#seen", Label).update(text)

    def action_verify(self) -> None:
        self.query_one("#result", Label).update(_("核验中……"))
        self.verify_in_background()

    @work(thread=True, exclusive=True, group="verify")
    def verify_in_background(self) -> None:
        bar = self.query_one("#progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            if done % 256 == 0 or done == total:
                self.app.call_from_thread(bar.update, total=total, progress=done)

        report = verify_log(ctx=self.ctx, progress=progress)
        if report.ok:
            message = _(
                "核验通过：{size} 条，根 {root}", size=report.size, root=report.root.hex()[:16]
            )
        else:
            message = _("核验失败：{problem}", problem=str(report.first))
        self.app.call_from_thread(self.finish, message, report.ok)

    def finish(self, message: str, ok: bool) -> None:
        self.query_one("#result", Label).update(Text(message))
        self.show_seen()
        self.notify(message, severity="information" if ok else "error")

    def action_export(self) -> None:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("zhidu", appauthor=False)) / "checkpoints"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            made = make_checkpoint(self.ctx)
            path = folder / f"{made.origin.split()[-1]}-{made.size}.checkpoint"
            path.write_text(made.to_text(), encoding="utf-8")
        except (ZhiduError, OSError) as error:
            self.notify(str(error), severity="error")
            return
        self.notify(_("检查点已导出到 {path}，请另行保存", path=str(path)))
