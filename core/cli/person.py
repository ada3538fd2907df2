"""``zhidu person``: people and their kinship."""

from __future__ import annotations

from typing import Any

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State
from core.domain import Person, Relation

_PERSON_OPTIONS = [
    click.option("--name"),
    click.option("--gender", help="男/女"),
    click.option("--birth-date", help="YYYY-MM-DD"),
    click.option("--id-number", help="18-digit resident ID number (公民身份号码)."),
    click.option("--education", help="博士研究生/硕士研究生/大学本科/大学专科/高中/初中/小学"),
    click.option("--degree", help="博士/硕士/学士/无"),
    click.option("--political-status", help="中共党员/中共预备党员/共青团员/民主党派/群众"),
    click.option("--title", help="Professional title (职称), e.g. 教授."),
    click.option("--title-level", help="正高级/副高级/中级/初级"),
    click.option("--title-date", help="Date the title was obtained."),
    click.option("--employment-start", help="Date the person started work (参加工作时间)."),
]


def _person_options(function: Any) -> Any:
    for option in reversed(_PERSON_OPTIONS):
        function = option(function)
    return function


def _row(p: Person) -> tuple[object, ...]:
    return (
        p.id,
        p.name,
        p.gender.value,
        p.birth_date,
        p.id_number or "",
        p.political_status.value if p.political_status else "",
        p.title or "",
    )


_HEADERS = ["id", "name", "gender", "born", "id number", "political", "title"]


@click.group()
def person() -> None:
    """People and their kinship, as this organization records them (人员)."""


@person.command("list")
@click.option("--org", "org_code", required=True)
@click.option("--search", help="Part of a name, or a whole ID number.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True)
@json_option
@click.pass_obj
def list_(
    state: State, org_code: str, search: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """People of an organization, a page at a time."""
    from core.services.people import list_people

    page = list_people(state.context(), org_code, search=search, limit=limit, offset=offset)

    def text() -> None:
        table(_HEADERS, [_row(p) for p in page.people])
        click.echo(
            f"{offset + 1 if page.people else 0}–{offset + len(page.people)} of {page.total}"
        )

    emit(as_json, {"people": page.people, "total": page.total, "offset": offset}, text)


@person.command()
@click.option("--org", "org_code", required=True)
@click.option("--unit", "unit_code", help="Unit code inside the organization.")
@_person_options
@json_option
@click.pass_obj
def add(state: State, org_code: str, unit_code: str | None, as_json: bool, **fields: Any) -> None:
    """Add a person to an organization's records."""
    from core.services.people import add_person

    made = add_person(
        state.context(),
        org_code,
        unit_code=unit_code,
        **{k: v for k, v in fields.items() if v is not None},
    )
    emit(as_json, made, lambda: click.echo(f"added person #{made.id} {made.name}"))


@person.command()
@click.option("--org", "org_code", required=True)
@click.argument("person_id", type=int)
@_person_options
@json_option
@click.pass_obj
def update(state: State, org_code: str, person_id: int, as_json: bool, **fields: Any) -> None:
    """Change a person's fields."""
    from core.services.people import update_person

    changes = {k: v for k, v in fields.items() if v is not None}
    made = update_person(state.context(), org_code, person_id, **changes)
    emit(as_json, made, lambda: click.echo(f"updated person #{made.id} {made.name}"))


@person.command()
@click.option("--org", "org_code", required=True)
@click.argument("person_id", type=int)
@json_option
@click.pass_obj
def show(state: State, org_code: str, person_id: int, as_json: bool) -> None:
    """A person with the terms they held in the organization."""
    from core.cli.term import TERM_HEADERS, term_cells
    from core.services.people import get_person
    from core.services.posts import list_terms

    ctx = state.context()
    found = get_person(ctx, org_code, person_id)
    terms = list_terms(ctx, org_code, person_id=person_id)

    def text() -> None:
        table(_HEADERS, [_row(found)])
        click.echo("")
        table(TERM_HEADERS, [term_cells(v) for v in terms])

    emit(as_json, {"person": found, "terms": terms}, text)


@person.command("kin")
@click.option("--org", "org_code", required=True)
@click.argument("person_a", type=int)
@click.argument("person_b", type=int)
@click.option("--relation", required=True, type=click.Choice(Relation.choices()))
@click.option("--note", default="")
@json_option
@click.pass_obj
def kin(
    state: State,
    org_code: str,
    person_a: int,
    person_b: int,
    relation: str,
    note: str,
    as_json: bool,
) -> None:
    """Record kinship between PERSON_A and PERSON_B (亲属关系)."""
    from core.services.people import add_kinship

    made = add_kinship(state.context(), org_code, person_a, person_b, relation, note)
    emit(
        as_json,
        made,
        lambda: click.echo(
            f"recorded {made.relation.value} between #{made.person_a} and #{made.person_b}"
        ),
    )
