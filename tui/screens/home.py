"""An organization's home: today's findings, its units, and the plugins enabled."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Tree

from core.services.checks import run_checks
from core.services.context import Context
from core.services.orgs import UnitNode, get_org, unit_tree
from core.services.plugins import enabled_plugins


class HomeScreen(Screen[None]):
    DEFAULT_CSS = """
    HomeScreen #left { width: 40%; }
    HomeScreen #findings { height: 1fr; }
    HomeScreen Label { margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "返回 Back", id="home.back"),
        Binding("r", "refresh", "刷新 Refresh", id="home.refresh"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.org = get_org(ctx, org_code)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="left"):
                yield Label(Text(f"{self.org.name} [{self.org.code}]"), id="org-name")
                yield Label("", id="plugins")
                yield Tree("机构 Units", id="units")
            with Vertical():
                yield Label("今日检查 Today's findings", id="findings-title")
                yield DataTable(id="findings", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.org.name
        table = self.query_one("#findings", DataTable)
        table.add_columns("级别", "期限", "对象", "结论", "依据")
        tree = self.query_one("#units", Tree)
        tree.root.expand()

        def add(parent: object, nodes: list[UnitNode] | tuple[UnitNode, ...]) -> None:
            for node in nodes:
                branch = parent.add(Text(f"{node.unit.name} ({node.unit.kind})"), expand=True)  # type: ignore[attr-defined]
                add(branch, node.children)

        add(tree.root, unit_tree(self.ctx, self.org.code))
        self.action_refresh()

    def action_refresh(self) -> None:
        plugins = [p for p in enabled_plugins(self.ctx, self.org.code) if not p.builtin]
        names = "、".join(p.info.title_zh for p in plugins) or "无 none"
        self.query_one("#plugins", Label).update(f"已启用插件 Plugins: {names}")
        report = run_checks(self.ctx, self.org.code)
        table = self.query_one("#findings", DataTable)
        table.clear()
        for f in report.findings:
            table.add_row(
                f.severity.zh,
                str(f.due or ""),
                f.subject,
                f.message_zh,
                f"{f.citation.source} {f.citation.article}",
            )
        title = self.query_one("#findings-title", Label)
        title.update(
            f"今日检查 Today's findings: {len(report.findings)}"
            + (f"  ({len(report.failures)} checks failed)" if report.failures else "")
        )
