"""An organization's home: today's findings (with the clause cited), deadlines coming
up, its units, and the plugins enabled."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label, Tree
from textual.widgets.tree import TreeNode

from core.rules.periods import add_months
from core.services.checks import run_checks
from core.services.context import Context
from core.services.deadlines import upcoming_deadlines
from core.services.orgs import UnitNode, get_org, unit_tree
from core.services.plugins import enabled_plugins
from tui.i18n import _, language
from tui.screens import CORE_SCREENS, screens_for
from tui.screens.base import OrgScreen
from tui.widgets.bar_chart import BarChart


class HomeScreen(OrgScreen):
    DEFAULT_CSS = """
    HomeScreen #left { width: 40%; }
    HomeScreen #findings { height: 1fr; }
    HomeScreen #deadlines { height: 8; }
    HomeScreen Label { margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", _("刷新"), id="home.refresh"),
        *(
            Binding(s.key, f"open('{s.id}')", _(s.title), id=f"home.open.{s.id}")
            for s in CORE_SCREENS
        ),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.org = get_org(ctx, org_code)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="left"):
                yield Label(Text(f"{self.org.name} [{self.org.code}]"), id="org-name")
                yield Label("", id="plugins")
                yield Tree(_("机构"), id="units")
            with Vertical():
                yield Label(_("今日检查"), id="findings-title")
                yield DataTable(id="findings", cursor_type="row")
                yield Label(_("即将到期（90天内）"), id="deadlines-title")
                yield DataTable(id="deadlines", cursor_type="row")
                yield BarChart(_("未来12个月到期的试用期与任期"), id="chart")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.org.name
        table = self.query_one("#findings", DataTable)
        table.add_columns(_("级别"), _("期限"), _("对象"), _("结论"), _("依据"))
        self.query_one("#deadlines", DataTable).add_columns(
            _("日期"), _("事项"), _("姓名"), _("职位")
        )
        tree: Tree[None] = self.query_one("#units", Tree)
        tree.root.expand()

        def add(parent: TreeNode[None], nodes: list[UnitNode] | tuple[UnitNode, ...]) -> None:
            for node in nodes:
                branch = parent.add(Text(f"{node.unit.name} ({node.unit.kind})"), expand=True)
                add(branch, node.children)

        add(tree.root, unit_tree(self.ctx, self.org.code))
        self.action_refresh()

    def action_open(self, screen_id: str) -> None:
        for entry in screens_for(self.ctx, self.org.code):
            if entry.id == screen_id:
                self.app.push_screen(entry.build(self.ctx, self.org.code))

    def action_refresh(self) -> None:
        plugins = [p for p in enabled_plugins(self.ctx, self.org.code) if not p.builtin]
        names = "、".join(p.info.title_zh for p in plugins) or _("无")
        self.query_one("#plugins", Label).update(_("已启用插件：{names}", names=names))
        report = run_checks(self.ctx, self.org.code)
        table = self.query_one("#findings", DataTable)
        table.clear()
        for f in report.findings:
            table.add_row(
                _(f.severity.zh),
                str(f.due or ""),
                f.subject,
                f.message_zh if language() == "zh" else f.message_en,
                f"{f.citation.source} {f.citation.article}",
            )
        title = _("今日检查：{count} 项", count=len(report.findings))
        if report.failures:
            title += _("（{count} 项检查出错）", count=len(report.failures))
        self.query_one("#findings-title", Label).update(title)
        self.show_deadlines()

    def show_deadlines(self) -> None:
        kinds = {"probation": _("试用期满"), "term": _("任期届满")}
        table = self.query_one("#deadlines", DataTable)
        table.clear()
        today = self.ctx.today()
        for d in upcoming_deadlines(self.ctx, self.org.code, 90):
            table.add_row(str(d.due), kinds[d.kind], Text(d.person), Text(d.post))
        year = upcoming_deadlines(self.ctx, self.org.code, 365)
        months = [add_months(today.replace(day=1), n) for n in range(12)]
        counts = [
            sum(1 for d in year if (d.due.year, d.due.month) == (m.year, m.month)) for m in months
        ]
        self.query_one("#chart", BarChart).show([f"{m:%y-%m}" for m in months], counts)
