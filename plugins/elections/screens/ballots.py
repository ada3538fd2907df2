"""Ballot entry (录入选票) for the open vote, at the speed of a person reading ballots
aloud: the printed names in ballot order, one key per name, the ballot saved (through
``enter_ballot``, audited) as soon as the last name has its mark, and the cursor back on
the first name. The running tally beside it is kept in the screen (:mod:`.tally`):
what was stored when the screen opened plus what was entered here — never a re-count
of all ballots per key."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label

from core.api import Context, InvalidInput
from core.errors import ZhiduError
from tui.i18n import _
from tui.screens.base import OrgScreen
from tui.screens.form import Field, FormScreen

from ..codec import BLANK, BallotLayout
from ..rulesets import RULE_SETS
from ..values import UNREADABLE_MARK, Mark
from .tally import RunningTally, stored_tally

SYMBOLS = {
    "for": Mark.FOR.value,
    "against": Mark.AGAINST.value,
    "abstain": Mark.ABSTAIN.value,
    "blank": BLANK,
    "unreadable": UNREADABLE_MARK,
}
HELP = "1/v ✓  2/x ×  3/a △  0/space ·  ? ?"


class BallotScreen(OrgScreen):
    DEFAULT_CSS = """
    BallotScreen Label { margin: 0 1; }
    BallotScreen #ballot { width: 1fr; height: 1fr; }
    BallotScreen #tally { width: 1fr; height: 1fr; }
    BallotScreen #error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1,v", "mark('for')", _("✓ 赞成"), id="ballot.for"),
        Binding("2,x", "mark('against')", _("× 不赞成"), id="ballot.against"),
        Binding("3,a", "mark('abstain')", _("△ 弃权"), id="ballot.abstain"),
        Binding("0,space", "mark('blank')", _("· 未划"), id="ballot.blank"),
        Binding("question_mark", "mark('unreadable')", _("? 无法辨认"), id="ballot.unreadable"),
        Binding("plus,w", "write_in", _("另选他人"), id="ballot.write-in"),
        Binding("backspace", "undo", _("撤销"), id="ballot.undo"),
        Binding("enter", "save", _("保存本张（其余未划）"), id="ballot.save"),
    ]

    def __init__(self, ctx: Context, org_code: str, code: str | None = None) -> None:
        super().__init__(ctx, org_code)
        self.code = code
        self.ready = False
        self.ballot_layout: BallotLayout | None = None
        self.tally: RunningTally | None = None
        self.cells: list[str | None] = []
        self.write_ins: list[tuple[int, str]] = []  # (office index, name)
        self.history: list[tuple[str, Any]] = []  # ("mark", place) or ("write-in", entry)
        self.cursor = 0
        self.entered_here = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="heading")
        with Horizontal():
            with Vertical():
                yield DataTable(id="ballot", cursor_type="row")
                yield Label("", id="write-ins")
            with Vertical():
                yield DataTable(id="tally", cursor_type="none")
                yield Label("", id="count")
        yield Label(HELP, id="help")
        yield Label("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        from ..services import get_election

        self.sub_title = _("录入选票")
        ballot = self.query_one("#ballot", DataTable)
        tally = self.query_one("#tally", DataTable)
        ballot.can_focus = tally.can_focus = False  # every key is the clerk's
        ballot.add_column(_("职务"), key="office")
        ballot.add_column(_("姓名"), key="name")
        ballot.add_column(_("符号"), key="mark")
        tally.add_column(_("职务"), key="office")
        tally.add_column(_("姓名"), key="name")
        for symbol in ("✓", "×", "△"):
            tally.add_column(symbol, key=symbol)
        try:
            code = self.code or _open_election(self.ctx, self.org_code)
            election = get_election(self.ctx, self.org_code, code)
            open_vote = next((r for r in election.rounds if r.is_open), None)
            if open_vote is None:
                raise InvalidInput("round", code, _("这次选举没有正在进行的投票"))
            start = stored_tally(self.ctx, self.org_code, code)
        except ZhiduError as error:
            self.show_error(error.line())
            return
        self.code = code
        rules = RULE_SETS[election.rule_set]
        self.ballot_layout = BallotLayout(open_vote.offices)
        self.tally = RunningTally(rules, open_vote.number, open_vote.offices, start)
        self.query_one("#heading", Label).update(
            Text(
                _(
                    "{title} [{code}] 第{number}次投票（{kind}）",
                    title=election.title,
                    code=code,
                    number=open_vote.number,
                    kind=open_vote.kind,
                )
            )
        )
        for n, (index, printed) in enumerate(self.ballot_layout.places):
            ballot.add_row(
                Text(self.ballot_layout.offices[index].name), Text(printed), "", key=str(n)
            )
        for office, name in self.tally.names:
            self._tally_row(office, name)
        self.ready = True
        self.new_ballot()

    # -- the ballot being typed -----------------------------------------------------

    def new_ballot(self) -> None:
        assert self.ballot_layout is not None
        self.cells = [None] * len(self.ballot_layout.places)
        self.write_ins = []
        self.history = []
        self.cursor = 0
        ballot = self.query_one("#ballot", DataTable)
        for n in range(len(self.cells)):
            ballot.update_cell(str(n), "mark", "")
        self.show_ballot()

    def show_ballot(self) -> None:
        ballot = self.query_one("#ballot", DataTable)
        if self.cells:
            ballot.move_cursor(row=min(self.cursor, len(self.cells) - 1))
        assert self.ballot_layout is not None
        written = "、".join(
            f"{self.ballot_layout.offices[o].name}:{n}"
            if len(self.ballot_layout.offices) > 1
            else n
            for o, n in self.write_ins
        )
        self.query_one("#write-ins", Label).update(
            Text(_("另选他人：{names}", names=written) if written else "")
        )
        self.show_count()

    def show_count(self) -> None:
        assert self.tally is not None
        self.query_one("#count", Label).update(
            _(
                "已录入 {ballots} 张（本次 {here} 张），其中无效 {invalid} 张",
                ballots=self.tally.ballots,
                here=self.entered_here,
                invalid=self.tally.invalid_ballots,
            )
        )

    def show_error(self, message: str) -> None:
        self.query_one("#error", Label).update(Text(message))

    def action_mark(self, kind: str) -> None:
        if not self.ready:
            return
        if self.cursor >= len(self.cells):
            self.show_error(_("本张选票没有印名：另选他人后按 enter 保存"))
            return
        self.show_error("")
        symbol = SYMBOLS[kind]
        self.cells[self.cursor] = symbol
        self.query_one("#ballot", DataTable).update_cell(str(self.cursor), "mark", symbol)
        self.history.append(("mark", self.cursor))
        self.cursor += 1
        if self.cursor == len(self.cells):
            self.action_save()
        else:
            self.show_ballot()

    def action_undo(self) -> None:
        if not self.ready:
            return
        if not self.history:
            self.show_error(_("本张还没有可撤销的符号"))
            return
        self.show_error("")
        what, value = self.history.pop()
        if what == "mark":
            self.cells[value] = None
            self.cursor = value
            self.query_one("#ballot", DataTable).update_cell(str(value), "mark", "")
        else:
            self.write_ins.remove(value)
        self.show_ballot()

    def action_write_in(self) -> None:
        if not self.ready:
            return
        assert self.ballot_layout is not None
        layout = self.ballot_layout
        if not layout.offices:
            return
        place = min(self.cursor, len(layout.places) - 1)
        office = layout.places[place][0] if layout.places else len(layout.offices) - 1
        office_name = layout.offices[office].name

        def check(text: str) -> str:
            name = text.strip()
            key = f"{office_name}:{name}"
            layout.encode([BLANK] * len(layout.places), [key])  # printed, empty: refused
            if (office, name) in self.write_ins:
                raise InvalidInput("write_in", name, _("本张已另选此人"))
            return name

        def done(name: str | None) -> None:
            if name:
                entry = (office, name)
                self.write_ins.append(entry)
                self.history.append(("write-in", entry))
                self.show_error("")
                self.show_ballot()

        self.app.push_screen(
            FormScreen(
                _("另选他人（{office}）", office=office_name),
                [Field("name", _("姓名"), check)],
                lambda values: check(values["name"]),
            ),
            done,
        )

    def action_save(self) -> None:
        """Save the ballot as typed (places not typed have no mark), audited; the cursor
        returns to the first name."""
        if not self.ready:
            return
        from ..services import enter_ballot

        assert self.ballot_layout is not None and self.tally is not None and self.code is not None
        layout = self.ballot_layout
        marks = "".join(c or BLANK for c in self.cells)
        keys = [f"{layout.offices[o].name}:{n}" for o, n in self.write_ins]
        try:
            stored, written = layout.encode(marks, keys)
            enter_ballot(self.ctx, self.org_code, self.code, marks, write_ins=keys)
        except ZhiduError as error:
            self.show_error(error.line())
            return
        before = set(self.tally.names)
        sheet = self.tally.add_ballot(stored, written)
        self.entered_here += 1
        for office, votes in sheet.offices.items():
            for name in {*votes.for_votes, *votes.against, *votes.abstain}:
                if (office, name) in before:
                    self._tally_update(office, name)
                else:
                    self._tally_row(office, name)
        self.show_error(
            _("第 {n} 张无效（{reason}）", n=self.tally.ballots, reason=_reason(sheet))
            if sheet.invalid
            else ""
        )
        self.new_ballot()

    # -- the running tally ----------------------------------------------------------

    def _tally_row(self, office: str, name: str) -> None:
        assert self.tally is not None
        table = self.query_one("#tally", DataTable)
        table.add_row(
            Text(office), Text(name), *map(str, self.tally.counts(office, name)),
            key=f"{office}:{name}",
        )  # fmt: skip

    def _tally_update(self, office: str, name: str) -> None:
        assert self.tally is not None
        table = self.query_one("#tally", DataTable)
        for symbol, n in zip(("✓", "×", "△"), self.tally.counts(office, name), strict=True):
            table.update_cell(f"{office}:{name}", symbol, str(n))

    def on_key(self, event: events.Key) -> None:
        """A printable key that is no mark is refused with one line, nothing typed."""
        if not self.ready or not event.is_printable or event.key in self.active_bindings:
            return
        event.stop()
        self.show_error(
            _("“{key}”不是选票符号：{help}", key=event.character or event.key, help=HELP)
        )


def _reason(sheet: Any) -> str:
    from tui.i18n import language

    return "、".join(r.zh if language() == "zh" else r.en for r in sheet.invalid)


def _open_election(ctx: Context, org_code: str) -> str:
    """The election whose vote is open (the latest, if several)."""
    from ..services import list_elections

    open_ones = [e.code for e in list_elections(ctx, org_code) if any(r.is_open for r in e.rounds)]
    if not open_ones:
        raise InvalidInput("round", org_code, _("没有正在进行的投票"))
    return open_ones[-1]
