"""The organization's elections (选举): each with its rule set and electorate; the
highlighted one's votes (offices, ballots and tally sheets entered, open or counted) and
results (outcome, who is elected, certified, published). ``b`` enters ballots for its
open vote; ``enter`` opens its current result, every step explained."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Label

from core.api import Context
from core.errors import ZhiduError
from tui.i18n import _, language
from tui.screens.base import OrgScreen

from ..services import ElectionView


class ElectionsScreen(OrgScreen):
    DEFAULT_CSS = """
    ElectionsScreen Label { margin: 0 1; }
    ElectionsScreen #elections { height: 1fr; }
    ElectionsScreen #rounds { height: 1fr; }
    ElectionsScreen #results { height: 1fr; }
    ElectionsScreen #error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "ballots", _("录入选票"), id="elections.ballots"),
        Binding("enter", "result", _("选举结果"), id="elections.result", priority=True),
        Binding("r", "refresh", _("刷新"), id="elections.refresh"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.elections: dict[str, ElectionView] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield DataTable(id="elections", cursor_type="row")
            yield Label(_("投票"))
            yield DataTable(id="rounds", cursor_type="row")
            yield Label(_("计票结果"))
            yield DataTable(id="results", cursor_type="row")
        yield Label("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("选举")
        self.query_one("#elections", DataTable).add_columns(
            _("代码"), _("名称"), _("规则"), _("选民"), _("投票"), _("当前结果")
        )
        self.query_one("#rounds", DataTable).add_columns(
            _("次"), _("类型"), _("职务（应选/候选）"), _("状态"), _("已录选票"), _("计票单")
        )
        self.query_one("#results", DataTable).add_columns(
            _("投票"), _("计票"), _("结果"), _("当选"), _("确认"), _("公布")
        )
        self.action_refresh()
        self.query_one("#elections", DataTable).focus()

    def on_screen_resume(self) -> None:
        if self.elections:
            self.action_refresh()  # back from entering ballots or certifying

    def action_refresh(self) -> None:
        from ..services import list_elections

        table = self.query_one("#elections", DataTable)
        keep = self.selected()
        try:
            elections = list_elections(self.ctx, self.org_code)
        except ZhiduError as error:
            self.query_one("#error", Label).update(Text(error.line()))
            return
        self.elections = {e.code: e for e in elections}
        table.clear()
        for e in elections:
            current = e.current
            table.add_row(
                e.code,
                Text(e.title),
                Text(e.rule_set_title),
                f"{e.electorate} {_kind(e)}",
                str(len(e.rounds)),
                Text(_outcome(current.outcome) if current else "—"),
                key=e.code,
            )
        if keep in self.elections:
            table.move_cursor(row=table.get_row_index(keep))
        self.show_detail(self.selected())

    def selected(self) -> str | None:
        table = self.query_one("#elections", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key is None else str(key)

    @on(DataTable.RowHighlighted, "#elections")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(None if event.row_key.value is None else str(event.row_key.value))

    def show_detail(self, code: str | None) -> None:
        rounds = self.query_one("#rounds", DataTable)
        results = self.query_one("#results", DataTable)
        rounds.clear()
        results.clear()
        election = self.elections.get(code or "")
        if election is None:
            return
        for r in election.rounds:
            offices = "；".join(f"{o.name} {o.seats}/{len(o.candidates)}" for o in r.offices)
            rounds.add_row(
                str(r.number),
                r.kind,
                Text(offices),
                _("进行中") if r.is_open else _("已计票"),
                str(r.ballots_entered),
                str(r.sheets_entered),
            )
        for result in election.results:
            results.add_row(
                str(result.round),
                str(result.count_no),
                Text(_outcome(result.outcome)),
                Text("、".join(result.members)),
                _("已确认") if result.certified else _("未确认"),
                Text(result.announcement or ""),
                key=str(result.id),
            )

    def action_ballots(self) -> None:
        from .ballots import BallotScreen

        code = self.selected()
        if code is not None:
            self.app.push_screen(BallotScreen(self.ctx, self.org_code, code))

    def action_result(self) -> None:
        from .result import ResultScreen

        code = self.selected()
        election = self.elections.get(code or "")
        if election is None or code is None:
            return
        if not election.results:
            self.query_one("#error", Label).update(_("这次选举还没有计票结果"))
            return
        self.app.push_screen(ResultScreen(self.ctx, self.org_code, code))


def _outcome(outcome: object) -> str:
    zh, en = getattr(outcome, "zh", ""), getattr(outcome, "en", "")
    return str(zh if language() == "zh" else en)


def _kind(election: ElectionView) -> str:
    kind = election.electorate_kind
    return kind.zh if language() == "zh" else kind.en
