"""A result (选举结果): the outcome, who is elected, and every step of every vote — what
was decided, on which numbers, against which threshold of which base, under which
clause — read from the stored result; the certification's findings once certified, or
the refusal's one line; ``c`` certifies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Label

from core.api import Context, NotFound
from core.errors import ZhiduError
from tui.i18n import _, language
from tui.screens.base import OrgScreen

from ..services import ResultView


def citation_text(citation: Mapping[str, Any]) -> str:
    return f"{citation['source']} {citation['article']}：“{citation['words']}”"


def step_cells(step: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    """(what was decided, the numbers, the threshold of its base, met, the clause)."""
    what = step["what_zh"] if language() == "zh" else step["what_en"]
    numbers = ", ".join(f"{label}={n}" for label, n in step["numbers"])
    threshold = ""
    if step["threshold"]:
        threshold = _(
            "{rule}：基数 {base}，至少 {needed}",
            rule=step["threshold"],
            base=step["base_size"] if step["base_size"] is not None else "—",
            needed=step["needed"] if step["needed"] is not None else "—",
        )
    met = {True: "✓", False: "✗", None: ""}[step["met"]]
    return what, numbers, threshold, met, citation_text(step["citation"])


class ResultScreen(OrgScreen):
    DEFAULT_CSS = """
    ResultScreen Label { margin: 0 1; }
    ResultScreen #steps { height: 2fr; }
    ResultScreen #findings { height: 1fr; }
    ResultScreen #error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "certify", _("确认当选"), id="result.certify"),
    ]

    def __init__(
        self, ctx: Context, org_code: str, code: str | None = None, result_id: int | None = None
    ) -> None:
        super().__init__(ctx, org_code)
        self.code = code
        self.result_id = result_id
        self.view: ResultView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="outcome")
        yield Label("", id="elected")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield Label(_("确认时的检查"), id="findings-title")
        yield DataTable(id="findings", cursor_type="row")
        yield Label("", id="error")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("选举结果")
        self.query_one("#steps", DataTable).add_columns(
            _("投票"), _("职务"), _("决定事项"), _("数字"), _("门槛"), _("满足"), _("依据")
        )
        self.query_one("#findings", DataTable).add_columns(_("级别"), _("结论"), _("依据"))
        self.load()
        self.query_one("#steps", DataTable).focus()

    def load(self) -> None:
        from ..services import get_election, list_elections

        try:
            if self.code is None:
                counted = [e for e in list_elections(self.ctx, self.org_code) if e.results]
                if not counted:
                    raise NotFound("result", self.org_code, _("还没有计票结果"))
                self.code = counted[-1].code
            election = get_election(self.ctx, self.org_code, self.code)
            chosen = [r for r in election.results if self.result_id in (None, r.id)]
            if not chosen:
                raise NotFound("result", self.code, _("还没有计票结果"))
        except ZhiduError as error:
            self.show_error(error.line())
            return
        self.view = view = chosen[-1]
        self.result_id = view.id
        result = view.result
        state = _("已确认") if view.certified else _("未确认")
        if view.announcement:
            state += _("，已公布：{number}", number=view.announcement)
        self.query_one("#outcome", Label).update(
            Text(
                _(
                    "{title}：{outcome}（第{round}次投票，第{count}次计票；{state}）",
                    title=election.title,
                    outcome=view.outcome.zh if language() == "zh" else view.outcome.en,
                    round=view.round,
                    count=view.count_no,
                    state=state,
                )
            )
        )
        elected = "；".join(
            f"{office} {'、'.join(names)}" for office, names in result.get("elected", {}).items()
        )
        self.query_one("#elected", Label).update(Text(_("当选：{names}", names=elected or _("无"))))
        steps = self.query_one("#steps", DataTable)
        steps.clear()
        for round_ in result.get("rounds", ()):
            for step in round_["steps"]:
                cells = map(Text, step_cells(step))
                steps.add_row(str(round_["number"]), Text(step["office"]), *cells)
        findings = self.query_one("#findings", DataTable)
        findings.clear()
        shown = [*view.findings, *(f for r in result.get("rounds", ()) for f in r["findings"])]
        for f in shown:
            findings.add_row(
                _(_SEVERITY.get(f["severity"], f["severity"])),
                Text(f["message_zh"] if language() == "zh" else f["message_en"]),
                Text(citation_text(f["citation"])),
            )

    def show_error(self, message: str) -> None:
        self.query_one("#error", Label).update(Text(message))

    def action_certify(self) -> None:
        from ..services import certify_result

        if self.view is None or self.code is None:
            return
        if not self.view.current:
            self.show_error(_("只能确认当前结果"))
            return
        try:
            certify_result(self.ctx, self.org_code, self.code)
        except ZhiduError as error:
            self.show_error(error.line())
            return
        self.show_error("")
        self.result_id = None
        self.load()


_SEVERITY = {"info": "提示", "due": "待办", "warning": "预警", "violation": "违规"}
