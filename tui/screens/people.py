"""People of the organization: searched, sorted and paged in the database, so a
100,000-person organization opens as fast as a small one (never load everything
into the table)."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Input, Label

from core.services.context import Context
from core.services.people import PERSON_ORDER, PersonPage, list_people
from tui.i18n import _
from tui.screens.base import OrgScreen

PAGE = 100

COLUMNS = (
    ("id", _("编号")),
    ("name", _("姓名")),
    ("gender", _("性别")),
    ("birth_date", _("出生日期")),
    ("id_number", _("身份证号码")),
    ("political_status", _("政治面貌")),
    ("title", _("职称")),
)


class PeopleScreen(OrgScreen):
    DEFAULT_CSS = """
    PeopleScreen #search { margin: 0 1; }
    PeopleScreen #people { height: 1fr; }
    PeopleScreen #page { margin: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # The table would take page keys for itself; these pages are the database's.
        Binding("pagedown", "page(1)", _("下一页"), id="people.next", priority=True),
        Binding("pageup", "page(-1)", _("上一页"), id="people.previous", priority=True),
        Binding("right_square_bracket", "page(1)", _("下一页"), id="people.next-key", show=False),
        Binding(
            "left_square_bracket", "page(-1)", _("上一页"), id="people.previous-key", show=False
        ),
        Binding("ctrl+f", "focus_search", _("搜索"), id="people.search"),
    ]

    def __init__(self, ctx: Context, org_code: str) -> None:
        super().__init__(ctx, org_code)
        self.first_row = 0
        self.search = ""
        self.order = "id"
        self.descending = False
        self.page_shown: PersonPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=_("姓名的一部分，或完整身份证号码"), id="search")
        yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
        yield Label("", id="page")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("人员")
        table = self.query_one("#people", DataTable)
        for key, title in COLUMNS:
            table.add_column(title, key=key)
        self.load()
        table.focus()  # keys page and open at once; ctrl+f searches

    def load(self) -> None:
        """Fetch the current page from the database and show it."""
        page = list_people(
            self.ctx,
            self.org_code,
            search=self.search or None,
            limit=PAGE,
            offset=self.first_row,
            order=self.order,
            descending=self.descending,
        )
        self.page_shown = page
        table = self.query_one("#people", DataTable)
        table.clear()
        for p in page.people:
            table.add_row(
                str(p.id),
                p.name,
                p.gender.value,
                p.birth_date.isoformat(),
                p.id_number or "",
                p.political_status.value if p.political_status else "",
                p.title or "",
                key=str(p.id),
            )
        last = self.first_row + len(page.people)
        self.query_one("#page", Label).update(
            _(
                "第 {first}–{last} 人，共 {total} 人",
                first=self.first_row + 1 if page.people else 0,
                last=last,
                total=page.total,
            )
        )

    def action_page(self, step: int) -> None:
        total = self.page_shown.total if self.page_shown else 0
        offset = self.first_row + step * PAGE
        if 0 <= offset < max(total, 1):
            self.first_row = offset
            self.load()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        self.query_one("#people", DataTable).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.filter_later(event.value)

    @work(exclusive=True, group="search")
    async def filter_later(self, text: str) -> None:
        import asyncio

        await asyncio.sleep(0.2)  # debounce: query once typing pauses
        self.search, self.first_row = text.strip(), 0
        self.load()

    @on(DataTable.HeaderSelected, "#people")
    def sort_by(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key in PERSON_ORDER:
            self.descending = not self.descending if key == self.order else False
            self.order, self.first_row = key, 0
            self.load()

    @on(DataTable.RowSelected, "#people")
    def open_person(self, event: DataTable.RowSelected) -> None:
        from tui.screens.person import PersonScreen

        if event.row_key.value is not None:
            self.app.push_screen(PersonScreen(self.ctx, self.org_code, int(event.row_key.value)))
