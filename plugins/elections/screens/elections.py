"""The organization's elections (选举): each with its rule set and electorate; the
highlighted one's votes (offices, ballots and tally sheets entered, open or counted) and
results (outcome, who is elected, certified, published). ``b`` enters ballots for its
open vote; ``enter`` opens its current result, every step explained.

The rest of an election's life, each through its service and refreshed after: ``o``
opens the next vote (a form: present, ballots issued), ``s`` enters a tally sheet (a
form, read as ``zhidu elections sheet add`` reads it), ``k`` counts the open vote, ``c``
certifies the current result and ``p`` publishes it (a form: the 机关代字). A refusal
that is not about what was typed is one line in a notification; a form keeps a refused
value open with the service's line under it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Label

from core.api import Context, InvalidInput
from core.errors import ZhiduError
from tui.i18n import _, language
from tui.screens.base import OrgScreen
from tui.screens.form import Field, FormScreen

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
        Binding("o", "open_round", _("开始投票"), id="elections.round-open"),
        Binding("s", "sheet", _("录入计票单"), id="elections.sheet"),
        Binding("k", "count", _("计票"), id="elections.count"),
        Binding("c", "certify", _("确认当选"), id="elections.certify"),
        Binding("p", "publish", _("公布结果"), id="elections.publish"),
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

    # -- the rest of an election's life ------------------------------------------------

    def chosen(self) -> ElectionView | None:
        """The highlighted election, or a one-line notification that there is none."""
        election = self.elections.get(self.selected() or "")
        if election is None:
            self.refuse(_("没有选中的选举"))
        return election

    def refuse(self, message: str) -> None:
        self.notify(message, severity="error")

    def attempt(self, call: Callable[[], Any], done: Callable[[Any], str]) -> None:
        """Run a service; a refusal is one line in a notification; then refresh."""
        try:
            outcome = call()
        except ZhiduError as error:
            self.refuse(error.line())
            return
        self.notify(done(outcome))
        self.action_refresh()

    def after_form(self, message: Callable[[Any], str]) -> Callable[[Any], None]:
        def done(outcome: Any) -> None:
            if outcome is not None:
                self.notify(message(outcome))
                self.action_refresh()

        return done

    def action_open_round(self) -> None:
        from ..services import open_round

        election = self.chosen()
        if election is None:
            return
        code = election.code

        def submit(values: dict[str, str]) -> Any:
            return open_round(
                self.ctx, self.org_code, code, present=_present(values["present"]),
                ballots_issued=_issued(values["issued"]),
            )  # fmt: skip

        self.app.push_screen(
            FormScreen(
                _("开始投票（{code}）", code=code),
                [
                    Field("present", _("到会人数（可空）"), _present),
                    Field("issued", _("发出选票数（可空）"), _issued),
                ],
                submit,
            ),
            self.after_form(lambda r: _("第{number}次投票已开始", number=r.number)),
        )  # fmt: skip

    def action_sheet(self) -> None:
        from ..cli import _invalid  # the CLI's own reading of a sheet
        from ..services import enter_sheet

        election = self.chosen()
        if election is None:
            return
        if not any(r.is_open for r in election.rounds):
            self.refuse(_("这次选举没有正在进行的投票"))
            return
        code = election.code

        def submit(values: dict[str, str]) -> Any:
            return enter_sheet(
                self.ctx, self.org_code, code,
                ballots_counted=_count("ballots_counted", values["counted"]),
                votes=_sheet_votes(values["votes"]), invalid=_invalid(_words(values["invalid"])),
                scrutineers=_words(values["scrutineers"]), counters=_words(values["counters"]),
                tellers=_words(values["tellers"]),
            )  # fmt: skip

        self.app.push_screen(
            FormScreen(
                _("录入计票单（{code}）", code=code),
                [
                    Field("counted", _("所计选票数"), lambda v: _count("ballots_counted", v)),
                    Field("votes", _("得票：姓名=赞成 或 姓名=赞成/不赞成/弃权，空格分隔"),
                          _sheet_votes,
                          placeholder="张三=120/30/8 李四=100"),
                    Field("invalid", _("无效票：原因=张数（可空）"), lambda v: _invalid(_words(v)),
                          placeholder="unreadable=2"),
                    Field("scrutineers", _("监票人（可空）")),
                    Field("counters", _("计票人（可空）")),
                    Field("tellers", _("唱票人（可空）")),
                ],
                submit,
            ),
            self.after_form(lambda sheet: _("计票单已录入：第{seq}张", seq=sheet.seq)),
        )  # fmt: skip

    def action_count(self) -> None:
        from ..services import count_round

        election = self.chosen()
        if election is not None:
            code = election.code
            self.attempt(
                lambda: count_round(self.ctx, self.org_code, code),
                lambda r: _("已计票：{outcome}", outcome=_outcome(r.outcome)),
            )

    def action_certify(self) -> None:
        from ..services import certify_result

        election = self.chosen()
        if election is not None:
            code = election.code
            self.attempt(
                lambda: certify_result(self.ctx, self.org_code, code),
                lambda r: _("已确认当选：{names}", names="、".join(r.members) or _("无")),
            )

    def action_publish(self) -> None:
        from ..services import publish_result

        election = self.chosen()
        if election is None:
            return
        current = election.current
        if current is None or not current.certified:
            self.refuse(_("结果尚未确认，不能公布"))
            return
        if current.locked:
            self.refuse(_("结果已公布：{number}", number=current.announcement or ""))
            return
        code = election.code

        def submit(values: dict[str, str]) -> Any:
            return publish_result(
                self.ctx, self.org_code, code, prefix=values["prefix"].strip() or None
            )

        self.app.push_screen(
            FormScreen(
                _("公布选举结果（{code}）", code=code),
                [Field("prefix", _("机关代字（村委会选举可空）"), placeholder="学代发")],
                submit,
            ),
            self.after_form(lambda p: _("已公布：{number}", number=p.announcement)),
        )


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s、,，]+", text) if w]


def _count(field: str, text: str) -> int:
    value = text.strip()
    if not value.isdigit():
        raise InvalidInput(field, text, "须为整数 (a whole number)")
    return int(value)


def _optional_count(field: str, text: str) -> int | None:
    return None if not text.strip() else _count(field, text)


def _present(text: str) -> int | None:
    return _optional_count("present", text)


def _issued(text: str) -> int | None:
    return _optional_count("ballots_issued", text)


def _sheet_votes(text: str) -> dict[str, dict[str, list[int]]]:
    """The totals as ``zhidu elections sheet add`` reads them: NAME=✓ or NAME=✓/×/△."""
    from ..cli import _votes

    votes: dict[str, dict[str, list[int]]] = _votes(_words(text))
    if not votes:
        raise InvalidInput("votes", text, "至少一人的得票 (NAME=✓ or NAME=✓/×/△)")
    return votes


def _outcome(outcome: object) -> str:
    zh, en = getattr(outcome, "zh", ""), getattr(outcome, "en", "")
    return str(zh if language() == "zh" else en)


def _kind(election: ElectionView) -> str:
    kind = election.electorate_kind
    return kind.zh if language() == "zh" else kind.en
