"""One person: their record, every term they held here, their kin, and the findings
about them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label

from core.services.checks import run_checks
from core.services.context import Context
from core.services.people import get_person, kinship_of_org
from core.services.posts import list_terms
from tui.i18n import _
from tui.screens.base import OrgScreen


class PersonScreen(OrgScreen):
    DEFAULT_CSS = """
    PersonScreen Label { margin: 0 1; }
    PersonScreen DataTable { height: auto; max-height: 12; margin-bottom: 1; }
    """

    def __init__(self, ctx: Context, org_code: str, person_id: int) -> None:
        super().__init__(ctx, org_code)
        self.person = get_person(ctx, org_code, person_id)

    def compose(self) -> ComposeResult:
        p = self.person
        yield Header()
        with VerticalScroll():
            yield Label(
                Text(f"{p.name}  {p.gender.value}  {p.birth_date}  {p.id_number or ''}"), id="who"
            )
            details = [p.education, p.degree, p.political_status]
            yield Label(
                Text(
                    "  ".join(d.value for d in details if d)
                    + (f"  {p.title}（{p.title_level.value}）" if p.title and p.title_level else "")
                ),
                id="details",
            )
            yield Label(_("任职"))
            yield DataTable(id="terms", cursor_type="row")
            yield Label(_("亲属"))
            yield DataTable(id="kin", cursor_type="row")
            yield Label(_("检查结论"))
            yield DataTable(id="findings", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.person.name
        terms = self.query_one("#terms", DataTable)
        terms.add_columns(_("职位"), _("起"), _("止"), _("方式"), _("离任原因"))
        for view in list_terms(self.ctx, self.org_code, person_id=self.person.id):
            t = view.term
            terms.add_row(
                Text(f"{view.post_title} [{view.post_code}]"),
                str(t.start),
                str(t.end or ""),
                t.appointed_by.value,
                t.end_reason.value if t.end_reason else "",
            )
        kin = self.query_one("#kin", DataTable)
        kin.add_columns(_("姓名"), _("关系"))
        relatives = kinship_of_org(self.ctx, self.org_code, self.person.id)
        for k in relatives:
            other = k.person_b if k.person_a == self.person.id else k.person_a
            kin.add_row(get_person(self.ctx, self.org_code, other).name, k.relation.value)
        findings = self.query_one("#findings", DataTable)
        findings.add_columns(_("级别"), _("期限"), _("结论"), _("依据"))
        key = f"person:{self.person.id}"
        for f in run_checks(self.ctx, self.org_code).findings:
            if f.subject_key == key:
                findings.add_row(_(f.severity.zh), str(f.due or ""), f.message_zh, str(f.citation))
