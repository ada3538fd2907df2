"""``zhidu org``: organizations and their units."""

from __future__ import annotations

from collections.abc import Sequence

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State
from core.domain import OrgKind
from core.services.orgs import UnitNode


@click.group()
def org() -> None:
    """Organizations and their units (组织与内设机构)."""


@org.command("list")
@json_option
@click.pass_obj
def list_(state: State, as_json: bool) -> None:
    """The organizations this account may see."""
    from core.services.orgs import list_orgs

    orgs = list_orgs(state.context())
    emit(
        as_json,
        orgs,
        lambda: table(["code", "name", "kind"], [(o.code, o.name, o.kind.zh) for o in orgs]),
    )


@org.command()
@click.argument("code")
@click.argument("name")
@click.option("--kind", required=True, type=click.Choice(OrgKind.choices()))
@json_option
@click.pass_obj
def create(state: State, code: str, name: str, kind: str, as_json: bool) -> None:
    """Create an organization with a short CODE and its NAME."""
    from core.services.orgs import create_org

    made = create_org(state.context(), code, name, kind)
    emit(as_json, made, lambda: click.echo(f"created {made.code} {made.name}"))


@org.command()
@click.argument("code")
@json_option
@click.pass_obj
def show(state: State, code: str, as_json: bool) -> None:
    """An organization with its tree of units."""
    from core.services.orgs import get_org, unit_tree

    ctx = state.context()
    found, tree = get_org(ctx, code), unit_tree(ctx, code)

    def text() -> None:
        click.echo(f"{found.code}  {found.name}  ({found.kind.zh})")

        def walk(nodes: Sequence[UnitNode], depth: int) -> None:
            for node in nodes:
                click.echo(f"{'  ' * depth}├─ {node.unit.name} [{node.unit.code}] {node.unit.kind}")
                walk(node.children, depth + 1)

        walk(tree, 1)

    emit(as_json, {"organization": found, "units": [n.as_dict() for n in tree]}, text)


@org.group()
def unit() -> None:
    """Units inside an organization."""


@unit.command("add")
@click.option("--org", "org_code", required=True, help="Organization code.")
@click.argument("code")
@click.argument("name")
@click.option("--kind", required=True, help="处/学院/科/系/所站/村民小组/主席团/部门 …")
@click.option("--parent", help="Code of the parent unit (none: directly under the organization).")
@json_option
@click.pass_obj
def unit_add(
    state: State, org_code: str, code: str, name: str, kind: str, parent: str | None, as_json: bool
) -> None:
    """Add a unit with CODE and NAME."""
    from core.services.orgs import add_unit

    made = add_unit(state.context(), org_code, code, name, kind, parent)
    emit(as_json, made, lambda: click.echo(f"added unit {made.code} {made.name}"))
