"""Deadlines coming up from the core's own data: probations ending (试用期满) and terms
of office completing a full term (任期届满), for the home screen. Plugins add theirs as
findings with due dates."""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from core import models
from core.access import Action
from core.domain import Person, Post, Term
from core.rules.periods import add_years
from core.services.context import Context
from core.services.orgs import org_row

__all__ = ["Deadline", "upcoming_deadlines"]


@attrs.frozen
class Deadline:
    due: date
    kind: str  # "probation" (试用期满) or "term" (任期届满)
    person: str
    post: str
    term_id: int


def _term_ends(term: Term, post: Post, first: date, last: date) -> list[date]:
    """The days in [first, last] on which the serving term completes a full term
    (start + k × term years, by the Civil Code's month-end convention)."""
    if not post.term_years or term.end is not None:
        return []
    found: list[date] = []
    k = 1
    while True:
        end = add_years(term.start, k * post.term_years) - timedelta(days=1)
        if end > last:
            return found
        if end >= first:
            found.append(end)
        k += 1


def upcoming_deadlines(
    ctx: Context, org_code: str, within_days: int = 90, on: date | None = None
) -> list[Deadline]:
    """Probations ending and full terms completing in the next ``within_days`` days."""
    org = org_row(ctx, org_code, Action.READ)
    first = on or ctx.today()
    last = first + timedelta(days=within_days)
    posts = {r.id: Post.from_row(r) for r in models.Post.select().where(models.Post.org == org.id)}
    rows = (
        models.Term.select(models.Term, models.Person)
        .join(models.Person, on=(models.Term.person == models.Person.id))
        .where((models.Term.org == org.id) & models.Term.end.is_null())
    )
    found: list[Deadline] = []
    for row in rows:
        term, person = Term.from_row(row), Person.from_row(row.person)
        post = posts[term.post_id]
        if term.probation_end and first <= term.probation_end <= last:
            found.append(
                Deadline(term.probation_end, "probation", person.name, post.title, term.id)
            )
        for end in _term_ends(term, post, first, last):
            found.append(Deadline(end, "term", person.name, post.title, term.id))
    return sorted(found, key=lambda d: (d.due, d.person))
