"""Accounts and their roles (operators see all; others themselves); grant a role in
this organization (its admins and operators)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header

from core import validate
from core.access import Role
from core.services.accounts import grant_role, list_accounts
from tui.i18n import _
from tui.screens.base import OrgScreen
from tui.screens.form import Field, FormScreen


class AccountsScreen(OrgScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "grant", _("授予角色"), id="accounts.grant"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="accounts", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("账号与角色")
        self.query_one("#accounts", DataTable).add_columns(
            _("账号"), _("系统用户"), _("运维"), _("角色")
        )
        self.refresh_table()

    def refresh_table(self) -> None:
        table = self.query_one("#accounts", DataTable)
        table.clear()
        for a in list_accounts(self.ctx):
            table.add_row(
                a.name,
                a.os_user or "",
                _("是") if a.is_operator else "",
                ", ".join(f"{org}:{Role(role).zh}" for org, role in a.roles),
                key=a.name,
            )

    def action_grant(self) -> None:
        table = self.query_one("#accounts", DataTable)
        account = (
            str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
            if table.row_count
            else ""
        )
        fields = [
            Field("account", _("账号"), lambda t: validate.code("account", t), value=account),
            Field(
                "role",
                _("角色（{roles}）", roles="/".join(Role.choices())),
                lambda t: validate.vocabulary("role", Role, t),
                "viewer",
            ),
        ]

        def submit(values: dict[str, str]) -> object:
            grant_role(self.ctx, values["account"], self.org_code, values["role"])
            return True

        self.app.push_screen(
            FormScreen(_("在本组织授予角色"), fields, submit),
            lambda done: self.refresh_table() if done else None,
        )
