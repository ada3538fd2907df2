"""The working-day calendar: a month at a glance with each day's source, the
organization's entries, and "N working days from a date"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Label

from core import validate
from core.rules.workdays import DaySource, WorkdayResult
from core.services.calendar import add_working_days, set_day, work_calendar
from core.services.context import Context
from tui.i18n import _
from tui.screens.base import OrgScreen
from tui.screens.form import Field, FormScreen

_MARK = {
    DaySource.OFFICIAL: "",
    DaySource.OVERRIDE: "*",
    DaySource.DECLARED_YEAR: "",
    DaySource.WEEKEND_RULE: "?",
}


class CalendarScreen(OrgScreen):
    DEFAULT_CSS = """
    CalendarScreen Label { margin: 0 1; height: auto; }
    CalendarScreen #month { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "month(-1)", _("上月"), id="calendar.previous"),
        Binding("right_square_bracket", "month(1)", _("下月"), id="calendar.next"),
        Binding("s", "set_day", _("录入一天"), id="calendar.set"),
        Binding("n", "count", _("计算期限"), id="calendar.count"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        today = ctx.today()
        self.month = date(today.year, today.month, 1)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="title")
        yield DataTable(id="month", cursor_type="cell", show_cursor=False)
        yield Label(_("* 本单位录入  ? 无国家安排，按周一至周五推算"), id="legend")
        yield Label("", id="answer")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("日历")
        table = self.query_one("#month", DataTable)
        table.add_columns(_("一"), _("二"), _("三"), _("四"), _("五"), _("六"), _("日"))
        self.show_month()

    def show_month(self) -> None:
        calendar = work_calendar(self.ctx, self.org_code)
        self.query_one("#title", Label).update(f"{self.month:%Y-%m}")
        table = self.query_one("#month", DataTable)
        table.clear()
        day = self.month - timedelta(days=self.month.weekday())
        while day.month == self.month.month or day < self.month:
            row = []
            for _i in range(7):
                info = calendar.day(day)
                text = f"{day.day:2d}{_MARK[info.source]}"
                style = "" if day.month == self.month.month else "dim"
                style += "" if info.is_workday else " bold red"
                row.append(Text(text, style=style.strip()))
                day += timedelta(days=1)
            table.add_row(*row)

    def action_month(self, step: int) -> None:
        year, month = divmod(self.month.month - 1 + step, 12)
        self.month = date(self.month.year + year, month + 1, 1)
        self.show_month()

    def action_set_day(self) -> None:
        fields = [
            Field("day", _("日期"), lambda t: validate.parse_date("day", t), "2027-01-01"),
            Field("workday", _("上班吗（是/否）"), lambda t: validate.yes_no("workday", t), "否"),
            Field(
                "note",
                _("依据"),
                lambda t: validate.text("note", t, max_length=200),
                "国办发明电〔2026〕…号",
            ),
        ]

        def submit(values: dict[str, str]) -> object:
            set_day(
                self.ctx,
                self.org_code,
                values["day"],
                validate.yes_no("workday", values["workday"]),
                values["note"],
            )
            return True

        self.app.push_screen(
            FormScreen(_("录入一天"), fields, submit),
            lambda done: self.show_month() if done else None,
        )

    def action_count(self) -> None:
        fields = [
            Field(
                "start",
                _("起算日期"),
                lambda t: validate.parse_date("start", t),
                value=self.ctx.today().isoformat(),
            ),
            Field(
                "days",
                _("工作日数"),
                lambda t: validate.whole_number("days", t, minimum=1, maximum=1000),
                "5",
            ),
        ]

        def submit(values: dict[str, str]) -> object:
            return add_working_days(self.ctx, self.org_code, values["start"], values["days"])

        def done(result: WorkdayResult | None) -> None:
            if result is None:
                return
            warning = result.warning_zh()
            self.query_one("#answer", Label).update(
                Text(_("期满之日：{end}", end=result.end) + (f"  {warning}" if warning else ""))
            )

        self.app.push_screen(FormScreen(_("计算期限"), fields, submit), done)
