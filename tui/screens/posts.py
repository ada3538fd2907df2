"""Posts with their headcount and holders today; a post's terms, its history."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header

from core.services.posts import list_posts, list_terms
from tui.i18n import _
from tui.screens.base import OrgScreen


class PostsScreen(OrgScreen):
    DEFAULT_CSS = """
    PostsScreen #posts { width: 55%; }
    PostsScreen #terms { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield DataTable(id="posts", cursor_type="row")
            yield DataTable(id="terms", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("职位与任职")
        posts = self.query_one("#posts", DataTable)
        posts.add_columns(_("代码"), _("职位"), _("职级"), _("在任/职数"), _("任期"), _("类别"))
        for post, held in list_posts(self.ctx, self.org_code):
            posts.add_row(
                post.code,
                post.title,
                post.rank,
                f"{held}/{post.headcount}",
                _("{years}年", years=post.term_years) if post.term_years else "",
                post.category,
                key=post.code,
            )
        terms = self.query_one("#terms", DataTable)
        terms.add_columns(_("姓名"), _("起"), _("止"), _("方式"), _("离任原因"))

    @on(DataTable.RowHighlighted, "#posts")
    def show_terms(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        terms = self.query_one("#terms", DataTable)
        terms.clear()
        for view in list_terms(self.ctx, self.org_code, post_code=event.row_key.value):
            t = view.term
            terms.add_row(
                Text(view.person_name),
                str(t.start),
                str(t.end or ""),
                t.appointed_by.value,
                t.end_reason.value if t.end_reason else "",
            )
