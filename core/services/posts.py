"""Posts (职位/岗位) and terms of office (任职).

Two invariants hold for every change: a post never holds more people than its
headcount (职数) on any day, and one person's terms in one post never overlap. Both
are checked inside the transaction that writes, by the pure functions of
:mod:`core.invariants`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from core import audit, models, validate
from core.access import Action
from core.database import is_sqlite
from core.domain import AppointedBy, EndReason, Post, Term
from core.errors import Conflict, InvalidInput, NotFound
from core.invariants import busiest_day, check_headcount, check_no_overlap
from core.jsonable import jsonable
from core.services.context import Context
from core.services.orgs import org_row
from core.services.people import person_row

__all__ = [
    "TermView",
    "add_post",
    "add_term",
    "end_term",
    "list_posts",
    "list_terms",
    "post_row",
    "set_headcount",
]


def post_row(org: models.Organization, code: str) -> models.Post:
    row = models.Post.get_or_none((models.Post.org == org.id) & (models.Post.code == code))
    if row is None:
        raise NotFound("post", code, f"no such post in {org.code}")
    return row


def lock_post(post_id: int) -> None:
    """Serialize writers of one post's terms so the headcount check holds under concurrency.

    SQLite transactions here are IMMEDIATE (one writer at a time) already; PostgreSQL
    takes a row lock on the post until the transaction ends.
    """
    if not is_sqlite():
        models.Post.select().where(models.Post.id == post_id).for_update().get()


def _post_terms(post_id: int) -> list[Term]:
    return [Term.from_row(r) for r in models.Term.select().where(models.Term.post == post_id)]


def add_post(
    ctx: Context,
    org_code: str,
    *,
    unit_code: str,
    code: str,
    title: str,
    rank: str,
    headcount: int | str,
    category: str,
    term_years: int | str | None = None,
    max_consecutive_terms: int | str | None = None,
) -> Post:
    """Add a post to a unit: title, rank, headcount (职数), term length, category."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_POSTS)
        unit = models.Unit.get_or_none(
            (models.Unit.org == org.id) & (models.Unit.code == unit_code)
        )
        if unit is None:
            raise InvalidInput("unit", unit_code, f"no such unit in {org.code} (机构不存在)")
        values: dict[str, Any] = {
            "code": validate.code("code", code),
            "title": validate.text("title", title, max_length=50),
            "rank": validate.text("rank", rank, max_length=20),
            "headcount": validate.whole_number("headcount", headcount, minimum=1),
            "category": validate.text("category", category, max_length=20),
            "term_years": None
            if term_years in (None, "")
            else validate.whole_number("term_years", term_years, minimum=1, maximum=10),
            "max_consecutive_terms": None
            if max_consecutive_terms in (None, "")
            else validate.whole_number("max_consecutive_terms", max_consecutive_terms, minimum=1),
        }
        if (
            models.Post.select()
            .where((models.Post.org == org.id) & (models.Post.code == values["code"]))
            .exists()
        ):
            raise Conflict("code", values["code"], f"a post with this code exists in {org.code}")
        row = models.Post.create(org=org.id, unit=unit.id, **values)
        post = Post.from_row(row)
        audit.record(
            ctx,
            org_id=org.id,
            action="post.create",
            object_type="post",
            object_id=row.id,
            after=jsonable(post),
        )
    return post


def set_headcount(
    ctx: Context, org_code: str, post_code: str, headcount: int | str, reason: str = ""
) -> Post:
    """Change a post's headcount; refused if the post already holds more on some day from today."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_POSTS)
        row = post_row(org, post_code)
        lock_post(row.id)
        new = validate.whole_number("headcount", headcount, minimum=1)
        day, held = busiest_day(_post_terms(row.id), ctx.today(), None)
        if held > new:
            raise Conflict(
                "headcount",
                new,
                f"{held} people hold {post_code} on {day.isoformat()} (现任人数超过新职数)",
            )
        before = Post.from_row(row)
        models.Post.update(headcount=new).where(models.Post.id == row.id).execute()
        after = Post.from_row(models.Post.get_by_id(row.id))
        audit.record(
            ctx,
            org_id=org.id,
            action="post.headcount",
            object_type="post",
            object_id=row.id,
            before=jsonable(before),
            after=jsonable(after),
            reason=reason,
        )
    return after


def list_posts(ctx: Context, org_code: str) -> list[tuple[Post, int]]:
    """Posts of the organization, each with how many hold it today."""
    org = org_row(ctx, org_code, Action.READ)
    today = ctx.today()
    rows = models.Post.select().where(models.Post.org == org.id).order_by(models.Post.id)
    held: dict[int, int] = {}
    serving = models.Term.select(models.Term.post).where(
        (models.Term.org == org.id)
        & (models.Term.start <= today)
        & (models.Term.end.is_null() | (models.Term.end >= today))
    )
    for term in serving:
        held[term.post_id] = held.get(term.post_id, 0) + 1
    return [(Post.from_row(r), held.get(r.id, 0)) for r in rows]


def add_term(
    ctx: Context,
    org_code: str,
    *,
    post_code: str,
    person_id: int,
    start: date | str,
    appointed_by: str | AppointedBy,
    end: date | str | None = None,
    probation_end: date | str | None = None,
    end_reason: str | EndReason | None = None,
    note: str = "",
) -> Term:
    """Record a term (任职): the person must belong to the organization."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        post = Post.from_row(post_row(org, post_code))
        person = person_row(org, person_id)
        first = validate.parse_date("start", start)
        last = validate.optional_date("end", end)
        probation = validate.optional_date("probation_end", probation_end)
        reason = validate.optional_vocabulary("end_reason", EndReason, end_reason)
        how = validate.vocabulary("appointed_by", AppointedBy, appointed_by)
        if last is not None and last < first:
            raise InvalidInput("end", last.isoformat(), f"is before start {first.isoformat()}")
        if (last is None) != (reason is None):
            raise InvalidInput(
                "end_reason",
                reason.value if reason else None,
                "an end date and the reason for leaving go together (离任日期与原因须同时填写)",
            )
        if probation is not None and probation <= first:
            raise InvalidInput("probation_end", probation.isoformat(), "must fall after start")
        if person.birth_date >= first:
            raise InvalidInput("start", first.isoformat(), "is before the person was born")
        lock_post(post.id)
        terms = _post_terms(post.id)
        check_no_overlap([t for t in terms if t.person_id == person.id], first, last)
        check_headcount(post, terms, first, last)
        row = models.Term.create(
            org=org.id,
            post=post.id,
            person=person.id,
            start=first,
            end=last,
            appointed_by=how.value,
            probation_end=probation,
            end_reason=reason.value if reason else None,
            note=note.strip(),
        )
        term = Term.from_row(row)
        audit.record(
            ctx,
            org_id=org.id,
            action="term.add",
            object_type="term",
            object_id=row.id,
            after=jsonable(term),
        )
    return term


def end_term(
    ctx: Context,
    org_code: str,
    term_id: int,
    *,
    end: date | str,
    reason: str | EndReason,
    note: str = "",
) -> Term:
    """End a serving term on ``end`` (last day in post) for ``reason`` (离任)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        row = models.Term.get_or_none((models.Term.org == org.id) & (models.Term.id == term_id))
        if row is None:
            raise NotFound("term", term_id, f"no such term in {org.code}")
        before = Term.from_row(row)
        if before.end is not None:
            raise Conflict("term", term_id, f"already ended on {before.end.isoformat()} (已离任)")
        last = validate.parse_date("end", end)
        if last < before.start:
            raise InvalidInput(
                "end", last.isoformat(), f"is before start {before.start.isoformat()}"
            )
        why = validate.vocabulary("reason", EndReason, reason)
        models.Term.update(
            end=last, end_reason=why.value, note=(before.note + "\n" + note.strip()).strip()
        ).where(models.Term.id == row.id).execute()
        after = Term.from_row(models.Term.get_by_id(row.id))
        audit.record(
            ctx,
            org_id=org.id,
            action="term.end",
            object_type="term",
            object_id=row.id,
            before=jsonable(before),
            after=jsonable(after),
            reason=note,
        )
    return after


@attrs.frozen
class TermView:
    """A term with the names a person reads: the post's code and title, the holder's name."""

    term: Term
    post_code: str
    post_title: str
    person_name: str

    def as_dict(self) -> dict[str, Any]:
        return jsonable(self.term) | {
            "post_code": self.post_code,
            "post_title": self.post_title,
            "person_name": self.person_name,
        }


def list_terms(
    ctx: Context,
    org_code: str,
    *,
    person_id: int | None = None,
    post_code: str | None = None,
    serving_on: date | None = None,
) -> list[TermView]:
    """Terms of the organization, optionally of one person or post, or serving on a date
    (one query, joined to the post and the person)."""
    org = org_row(ctx, org_code, Action.READ)
    query = (
        models.Term.select(models.Term, models.Post, models.Person)
        .join(models.Post, on=(models.Term.post == models.Post.id))
        .switch(models.Term)
        .join(models.Person, on=(models.Term.person == models.Person.id))
        .where(models.Term.org == org.id)
    )
    if person_id is not None:
        query = query.where(models.Term.person == person_id)
    if post_code is not None:
        query = query.where(models.Term.post == post_row(org, post_code).id)
    if serving_on is not None:
        query = query.where(
            (models.Term.start <= serving_on)
            & (models.Term.end.is_null() | (models.Term.end >= serving_on))
        )
    rows = query.order_by(models.Term.start, models.Term.id)
    return [TermView(Term.from_row(r), r.post.code, r.post.title, r.person.name) for r in rows]
