"""``zhidu param``: parameters and an organization's overrides."""

from __future__ import annotations

from datetime import date

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def param() -> None:
    """Parameters with their citations, and an organization's overrides from a date (参数)."""


@param.command("list")
@click.option("--org", "org_code", required=True)
@click.option("--on", "on", help="The date the values are for (default: today).")
@json_option
@click.pass_obj
def list_(state: State, org_code: str, on: str | None, as_json: bool) -> None:
    """Parameters in force for an organization on a date."""
    from core.services.parameters import list_parameters
    from core.validate import optional_date

    when = optional_date("on", on) or date.today()
    values = list_parameters(state.context(), org_code, when)
    emit(
        as_json,
        values,
        lambda: table(
            ["key", "value", "unit", "from", "source", "citation"],
            [
                (
                    r.key,
                    r.value,
                    r.unit.zh or r.unit.value,
                    r.effective_from,
                    "本单位" if r.overridden else "默认",
                    f"{r.citation.source} {r.citation.article}",
                )
                for r in values
            ],
        ),
    )


@param.command("set")
@click.option("--org", "org_code", required=True)
@click.argument("key")
@click.argument("value")
@click.option("--from", "effective_from", required=True, help="In force from this date.")
@click.option("--reason", required=True, help="The organization's basis for the change.")
@json_option
@click.pass_obj
def set_(
    state: State,
    org_code: str,
    key: str,
    value: str,
    effective_from: str,
    reason: str,
    as_json: bool,
) -> None:
    """Override parameter KEY with VALUE for an organization from a date on."""
    from core.services.parameters import override_parameter

    made = override_parameter(state.context(), org_code, key, value, effective_from, reason)
    emit(
        as_json,
        made,
        lambda: click.echo(f"{made.key} = {made.value} from {made.effective_from} for {org_code}"),
    )
