"""任职资格 (第九–十一条): choose a person, the rank aimed at, whether the post heads a
教学/科研/教辅 unit, and the date; every condition is a row — met, missed, unknown,
covered by an exception (破格) or deferred (training within a year) — with the dates that
decide it and its clause, computed by ``plugins.cadre.services.eligibility.check`` once
per choice (the date once entered, never per keystroke). A missed condition's row is
red, an unknown one yellow; a condition made of alternatives shows its parts indented
below it. The highlighted row shows the whole message and the words of the clause."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from core.api import Context, ZhiduError
from plugins.cadre.eligibility import Condition, Eligibility
from plugins.cadre.services import eligibility as services
from plugins.cadre.vocabulary import Rank
from tui.i18n import _, language
from tui.screens.base import OrgScreen

STYLES = {"missed": "bold red", "unknown": "yellow", "covered": "cyan", "deferred": "magenta"}


def _status(condition: Condition) -> str:
    return {
        "met": _("✓ 符合"),
        "missed": _("✗ 不符合"),
        "unknown": _("? 无法判断"),
        "covered": _("◎ 破格"),
        "deferred": _("△ 提任后一年内"),
    }[condition.status]


def _message(condition: Condition) -> str:
    return condition.message_en if language() == "en" else condition.message_zh


class EligibilityScreen(OrgScreen):
    DEFAULT_CSS = """
    EligibilityScreen #choices { height: auto; margin: 0 1; }
    EligibilityScreen #person { width: 32; }
    EligibilityScreen #rank { width: 16; }
    EligibilityScreen #head { width: 24; }
    EligibilityScreen #on { width: 16; }
    EligibilityScreen #summary { margin: 0 1; }
    EligibilityScreen #conditions { height: 1fr; }
    EligibilityScreen #detail { height: auto; max-height: 12; margin: 0 1; padding: 0 1;
        border: round $primary; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "focus_field('person')", _("人员"), id="cadre.eligibility.person"),
        Binding("r", "focus_field('rank')", _("拟任职级"), id="cadre.eligibility.rank"),
        Binding("d", "focus_field('on')", _("日期"), id="cadre.eligibility.date"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.result: Eligibility | None = None
        self.rows: list[Condition] = []
        self.ranks: dict[int, Rank | None] = {}

    def compose(self) -> ComposeResult:
        people = services.people_for_check(self.ctx, self.org_code)
        self.ranks = {pid: rank for pid, _name, rank in people}
        yield Header()
        with Horizontal(id="choices"):
            yield Select(
                [
                    (f"{name} #{pid} {rank.zh if rank else ''}".rstrip(), pid)
                    for pid, name, rank in people
                ],
                prompt=_("人员"),
                id="person",
            )
            yield Select(
                [(r.zh, r.zh) for r in Rank], allow_blank=False, value=Rank.SECTION.zh, id="rank"
            )
            yield Select(
                [(_("非院系行政正副职"), "-"), (_("正职"), "正职"), (_("副职"), "副职")],
                allow_blank=False,
                value="-",
                id="head",
            )
            yield Input(placeholder="YYYY-MM-DD", id="on")
        yield Label(_("选择人员和拟任职级"), id="summary")
        yield DataTable(id="conditions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("任职资格")
        table = self.query_one("#conditions", DataTable)
        for key, label in (
            ("status", _("结果")),
            ("condition", _("条件")),
            ("message", _("说明")),
            ("dates", _("日期")),
            ("article", _("依据")),
        ):
            table.add_column(label, key=key)
        self.query_one("#on", Input).value = self.ctx.today().isoformat()
        self.query_one("#person", Select).focus()

    def choose(self, person_id: int, rank: str | None = None, head: str = "-") -> None:
        """Choose a person (and a rank: default the one above their current rank)."""
        if rank is None:
            now = self.ranks.get(person_id)
            rank = Rank.DEPUTY_SECTION.zh if now is None else list(Rank)[min(now.level + 1, 3)].zh
        with self.prevent(Select.Changed):
            self.query_one("#person", Select).value = person_id
            self.query_one("#rank", Select).value = rank
            self.query_one("#head", Select).value = head
        self.load()

    def load(self) -> bool:
        """Check the chosen person through the service and show it; False (and the
        one-line error) when the service refuses or nothing is chosen yet."""
        person = self.query_one("#person", Select).value
        if not isinstance(person, int):
            return False
        rank = str(self.query_one("#rank", Select).value)
        head = self.query_one("#head", Select).value
        on = self.query_one("#on", Input).value.strip()
        try:
            result = services.check(
                self.ctx, self.org_code, person, rank, on, None if head == "-" else str(head)
            )
        except ZhiduError as error:
            self.notify(str(error), severity="error")
            return False
        self.result = result
        self.rows = []
        table = self.query_one("#conditions", DataTable)
        table.clear()
        for condition in result.conditions:
            self._add(table, condition, "")
        verdict = _("符合任职资格") if result.eligible else _("不符合任职资格")
        self.query_one("#summary", Label).update(
            Text(
                _(
                    "{name} 拟任{rank} {on}：{verdict}",
                    name=result.name,
                    rank=result.rank.zh + (f"（{result.head.zh}）" if result.head else ""),
                    on=result.on.isoformat(),
                    verdict=verdict,
                ),
                style="" if result.eligible else "bold red",
            )
        )
        self.show(0)
        return True

    def _add(self, table: DataTable[Text], condition: Condition, indent: str) -> None:
        style = STYLES.get(condition.status, "")
        dates = " ".join(f"{name} {day.isoformat()}" for name, day in condition.dates)
        message = _message(condition) if not condition.parts else ""
        table.add_row(
            Text(_status(condition), style=style),
            Text(indent + condition.key, style=style),
            Text(message, style=style),
            Text(dates if not condition.parts else ""),
            Text(condition.citation.article),
            key=str(len(self.rows)),
        )
        self.rows.append(condition)
        for part in condition.parts:
            self._add(table, part, indent + "  └ ")

    def show(self, row: int) -> None:
        """The condition at ``row``: its status, whole message, dates and clause."""
        if not 0 <= row < len(self.rows):
            return
        condition = self.rows[row]
        text = Text()
        text.append(
            f"{_status(condition)}  {condition.key}\n", style=STYLES.get(condition.status, "")
        )
        text.append(_message(condition) + "\n")
        for name, day in condition.dates:
            text.append(f"  {name}: {day.isoformat()}\n")
        text.append(_("依据：{citation}", citation=str(condition.citation)))
        self.query_one("#detail", Static).update(text)

    def action_focus_field(self, widget_id: str) -> None:
        self.query_one(f"#{widget_id}").focus()

    @on(Select.Changed, "#person")
    def person_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.choose(event.value)

    @on(Select.Changed, "#rank")
    @on(Select.Changed, "#head")
    def rank_chosen(self, event: Select.Changed) -> None:
        self.load()

    @on(Input.Submitted, "#on")
    def date_entered(self, event: Input.Submitted) -> None:
        if self.load():
            self.query_one("#conditions", DataTable).focus()

    @on(DataTable.RowHighlighted, "#conditions")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show(event.cursor_row)
