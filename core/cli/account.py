"""``zhidu account``: accounts and their roles per organization."""

from __future__ import annotations

import click

from core.access import Role
from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def account() -> None:
    """Accounts and their roles per organization (账号与角色)."""


@account.command("list")
@json_option
@click.pass_obj
def list_(state: State, as_json: bool) -> None:
    """Accounts with their roles (operators see all; others themselves)."""
    from core.services.accounts import list_accounts

    accounts = list_accounts(state.context())
    emit(
        as_json,
        accounts,
        lambda: table(
            ["account", "OS user", "operator", "roles"],
            [
                (
                    a.name,
                    a.os_user or "",
                    "yes" if a.is_operator else "",
                    ", ".join(f"{org}:{role}" for org, role in a.roles),
                )
                for a in accounts
            ],
        ),
    )


@account.command()
@click.argument("name")
@click.option("--os-user", help="The operating-system user who acts as this account.")
@click.option("--operator", is_flag=True, help="A deployment operator (may do everything).")
@json_option
@click.pass_obj
def add(state: State, name: str, os_user: str | None, operator: bool, as_json: bool) -> None:
    """Create account NAME (operators only)."""
    from core.services.accounts import add_account

    made = add_account(state.context(), name, os_user=os_user, operator=operator)
    emit(as_json, made, lambda: click.echo(f"added account {made.name}"))


@account.command()
@click.argument("name")
@click.option("--org", "org_code", required=True)
@click.option("--role", required=True, type=click.Choice(Role.choices()))
@json_option
@click.pass_obj
def grant(state: State, name: str, org_code: str, role: str, as_json: bool) -> None:
    """Grant account NAME a role in an organization."""
    from core.services.accounts import grant_role

    grant_role(state.context(), name, org_code, role)
    emit(
        as_json,
        {"account": name, "org": org_code, "role": role, "granted": True},
        lambda: click.echo(f"{name}: {role} in {org_code}"),
    )


@account.command()
@click.argument("name")
@click.option("--org", "org_code", required=True)
@click.option("--role", required=True, type=click.Choice(Role.choices()))
@json_option
@click.pass_obj
def revoke(state: State, name: str, org_code: str, role: str, as_json: bool) -> None:
    """Take a role in an organization away from account NAME."""
    from core.services.accounts import revoke_role

    revoke_role(state.context(), name, org_code, role)
    emit(
        as_json,
        {"account": name, "org": org_code, "role": role, "granted": False},
        lambda: click.echo(f"{name}: no longer {role} in {org_code}"),
    )
