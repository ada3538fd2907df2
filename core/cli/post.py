"""``zhidu post``: posts and their headcounts."""

from __future__ import annotations

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def post() -> None:
    """Posts (职位/岗位), their headcount (职数) and term rules."""


@post.command("list")
@click.option("--org", "org_code", required=True)
@json_option
@click.pass_obj
def list_(state: State, org_code: str, as_json: bool) -> None:
    """Posts with headcount and how many hold each today."""
    from core.services.posts import list_posts

    posts = list_posts(state.context(), org_code)
    emit(
        as_json,
        [{"post": p, "held": held} for p, held in posts],
        lambda: table(
            ["code", "title", "rank", "held/职数", "term", "category"],
            [
                (
                    p.code,
                    p.title,
                    p.rank,
                    f"{held}/{p.headcount}",
                    f"{p.term_years}y" if p.term_years else "",
                    p.category,
                )
                for p, held in posts
            ],
        ),
    )


@post.command()
@click.option("--org", "org_code", required=True)
@click.option("--unit", "unit_code", required=True)
@click.argument("code")
@click.option("--title", required=True)
@click.option("--rank", required=True, help="副科级…正处级, or the organization's own ranks.")
@click.option("--headcount", required=True, type=int, help="职数")
@click.option("--category", required=True, help="党务/行政/教学/科研/教辅/群团 …")
@click.option("--term-years", type=int, help="Years in one term (每届任期).")
@click.option(
    "--max-terms",
    "max_consecutive_terms",
    type=int,
    help="Consecutive terms allowed in the post (连续任职届数).",
)
@json_option
@click.pass_obj
def add(
    state: State,
    org_code: str,
    unit_code: str,
    code: str,
    title: str,
    rank: str,
    headcount: int,
    category: str,
    term_years: int | None,
    max_consecutive_terms: int | None,
    as_json: bool,
) -> None:
    """Add a post with CODE to a unit."""
    from core.services.posts import add_post

    made = add_post(
        state.context(),
        org_code,
        unit_code=unit_code,
        code=code,
        title=title,
        rank=rank,
        headcount=headcount,
        category=category,
        term_years=term_years,
        max_consecutive_terms=max_consecutive_terms,
    )
    emit(as_json, made, lambda: click.echo(f"added post {made.code} {made.title}"))


@post.command()
@click.option("--org", "org_code", required=True)
@click.argument("code")
@click.argument("headcount", type=int)
@click.option("--reason", default="")
@json_option
@click.pass_obj
def headcount(
    state: State, org_code: str, code: str, headcount: int, reason: str, as_json: bool
) -> None:
    """Set the headcount (职数) of post CODE."""
    from core.services.posts import set_headcount

    made = set_headcount(state.context(), org_code, code, headcount, reason)
    emit(as_json, made, lambda: click.echo(f"{made.code}: headcount {made.headcount}"))
