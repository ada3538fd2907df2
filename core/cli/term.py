"""``zhidu term``: terms of office."""

from __future__ import annotations

from datetime import date

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State
from core.domain import AppointedBy, EndReason
from core.services.posts import TermView


def _parse(value: str | None) -> date | None:
    from core.validate import optional_date

    return optional_date("date", value)


TERM_HEADERS = ["term", "person", "post", "start", "end", "how", "probation", "reason"]


def term_cells(view: TermView) -> tuple[object, ...]:
    t = view.term
    return (
        t.id,
        f"{view.person_name} #{t.person_id}",
        f"{view.post_title} [{view.post_code}]",
        t.start,
        t.end or "",
        t.appointed_by.value,
        t.probation_end or "",
        t.end_reason.value if t.end_reason else "",
    )


@click.group()
def term() -> None:
    """Terms of office (任职): who held which post, from when to when, and why it ended."""


@term.command("list")
@click.option("--org", "org_code", required=True)
@click.option("--person", "person_id", type=int)
@click.option("--post", "post_code")
@click.option("--serving-on", help="Only terms serving on this date (YYYY-MM-DD).")
@json_option
@click.pass_obj
def list_(
    state: State,
    org_code: str,
    person_id: int | None,
    post_code: str | None,
    serving_on: str | None,
    as_json: bool,
) -> None:
    """Terms of an organization."""
    from core.services.posts import list_terms

    terms = list_terms(
        state.context(),
        org_code,
        person_id=person_id,
        post_code=post_code,
        serving_on=_parse(serving_on),
    )
    emit(as_json, terms, lambda: table(TERM_HEADERS, [term_cells(v) for v in terms]))


@term.command()
@click.option("--org", "org_code", required=True)
@click.option("--post", "post_code", required=True)
@click.option("--person", "person_id", required=True, type=int)
@click.option("--start", required=True)
@click.option("--appointed-by", required=True, type=click.Choice(AppointedBy.choices()))
@click.option("--end", help="Last day in post, for a term already over.")
@click.option("--end-reason", type=click.Choice(EndReason.choices()))
@click.option("--probation-end", help="End of probation (试用期满).")
@click.option("--note", default="")
@json_option
@click.pass_obj
def add(
    state: State,
    org_code: str,
    post_code: str,
    person_id: int,
    start: str,
    appointed_by: str,
    end: str | None,
    end_reason: str | None,
    probation_end: str | None,
    note: str,
    as_json: bool,
) -> None:
    """Record a term; the post's headcount and the person's other terms are checked."""
    from core.services.posts import add_term

    made = add_term(
        state.context(),
        org_code,
        post_code=post_code,
        person_id=person_id,
        start=start,
        appointed_by=appointed_by,
        end=end,
        end_reason=end_reason,
        probation_end=probation_end,
        note=note,
    )
    emit(as_json, made, lambda: click.echo(f"added term #{made.id}"))


@term.command()
@click.option("--org", "org_code", required=True)
@click.argument("term_id", type=int)
@click.option("--end", required=True, help="Last day in post.")
@click.option("--reason", required=True, type=click.Choice(EndReason.choices()))
@click.option("--note", default="")
@json_option
@click.pass_obj
def end(
    state: State, org_code: str, term_id: int, end: str, reason: str, note: str, as_json: bool
) -> None:
    """End term TERM_ID (离任)."""
    from core.services.posts import end_term

    made = end_term(state.context(), org_code, term_id, end=end, reason=reason, note=note)
    emit(as_json, made, lambda: click.echo(f"term #{made.id} ended {made.end} ({reason})"))
