"""Parameters in force today, with their citations, and the organization's overrides
from a date on (本单位规定)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Label

from core import validate
from core.services.parameters import list_parameters, override_parameter, parameter_table
from tui.i18n import _
from tui.screens.base import OrgScreen
from tui.screens.form import Field, FormScreen


class ParametersScreen(OrgScreen):
    DEFAULT_CSS = """
    ParametersScreen #citation { margin: 0 1; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "override", _("本单位规定"), id="parameters.override"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="parameters", cursor_type="row")
        yield Label("", id="citation")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("参数")
        table = self.query_one("#parameters", DataTable)
        table.add_columns(_("参数"), _("名称"), _("值"), _("单位"), _("施行日期"), _("来源"))
        self.refresh_table()

    def refresh_table(self) -> None:
        table = self.query_one("#parameters", DataTable)
        table.clear()
        specs = parameter_table(self.ctx, self.org_code).specs
        for r in list_parameters(self.ctx, self.org_code, self.ctx.today()):
            table.add_row(
                r.key,
                specs[r.key].title_zh,
                str(r.value),
                r.unit.zh,
                str(r.effective_from),
                _("本单位") if r.overridden else _("默认"),
                key=r.key,
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        spec = parameter_table(self.ctx, self.org_code).spec(event.row_key.value)
        self.query_one("#citation", Label).update(Text(str(spec.citation)))

    def action_override(self) -> None:
        table = self.query_one("#parameters", DataTable)
        if table.row_count == 0:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        spec = parameter_table(self.ctx, self.org_code).spec(key)
        fields = [
            Field("value", _("值"), spec.check_value, placeholder=str(spec.default)),
            Field(
                "effective_from",
                _("施行日期"),
                lambda text: validate.parse_date("effective_from", text),
                placeholder="2027-01-01",
                value=date.today().isoformat(),
            ),
            Field(
                "reason",
                _("依据（本单位文件）"),
                lambda text: validate.text("reason", text, max_length=500),
            ),
        ]

        def submit(values: dict[str, str]) -> object:
            return override_parameter(
                self.ctx,
                self.org_code,
                key,
                values["value"],
                values["effective_from"],
                values["reason"],
            )

        def done(result: object) -> None:
            if result is not None:
                self.refresh_table()

        self.app.push_screen(FormScreen(f"{spec.title_zh} [{key}]", fields, submit), done)
