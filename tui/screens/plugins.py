"""The plugins installed, and which this organization enables; enable or disable."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header

from core.errors import ZhiduError
from core.services.plugins import disable_plugin, enable_plugin, enabled_plugins
from tui.i18n import _
from tui.screens.base import OrgScreen
from tui.screens.confirm import ConfirmScreen


class PluginsScreen(OrgScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "switch", _("启用/停用"), id="plugins.toggle"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="plugins", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("插件")
        table = self.query_one("#plugins", DataTable)
        table.add_columns(_("插件"), _("名称"), _("版本"), _("依赖"), _("本组织"))
        self.refresh_table()

    def refresh_table(self) -> None:
        table = self.query_one("#plugins", DataTable)
        table.clear()
        enabled = {p.name for p in enabled_plugins(self.ctx, self.org_code)}
        for plugin in self.ctx.host.optional():
            table.add_row(
                plugin.name,
                plugin.info.title_zh,
                plugin.info.version,
                ", ".join(plugin.info.depends_on),
                _("已启用") if plugin.name in enabled else _("未启用"),
                key=plugin.name,
            )
        for broken in self.ctx.host.broken:
            table.add_row(broken.name, _("无法加载"), "", broken.error, "")

    def action_switch(self) -> None:
        table = self.query_one("#plugins", DataTable)
        if table.row_count == 0:
            return
        name = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        if name not in self.ctx.host.plugins:
            return
        enabled = {p.name for p in enabled_plugins(self.ctx, self.org_code)}
        if name not in enabled:
            self.apply(enable_plugin, name)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(disable_plugin, name)

        self.app.push_screen(
            ConfirmScreen(_("停用插件 {name}？其数据会保留。", name=name)), answered
        )

    def apply(self, change: object, name: str) -> None:
        try:
            change(self.ctx, self.org_code, name)  # type: ignore[operator]
        except ZhiduError as error:
            self.notify(error.line(), severity="error")
            return
        self.refresh_table()
