"""Terms, rotation and avoidance (第二十二–二十四条) on the database: the terms report,
the rotation forecast, the votes that keep a cadre past two 届 (written in one
transaction, audited ``cadre.retain``), and the avoidance scan — of the whole
organization, or of one proposed appointment (:func:`avoidance_for`, which the cases
part calls at the 任职 stage). Reads are authorized READ, writes EDIT_TERMS."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs

from core.api import (
    Action,
    CheckContext,
    Context,
    Finding,
    InvalidInput,
    NotFound,
    Post,
    Term,
    add_months,
    get_person,
    jsonable,
    org_row,
)
from plugins.cadre import avoidance, tenure
from plugins.cadre.committee import Vote, decide
from plugins.cadre.services.common import audit_write, on_date, whole
from plugins.cadre.tables.management import CadreRetention
from plugins.cadre.vocabulary import Body, Rank

__all__ = [
    "Forecast",
    "PersonTerms",
    "TermsReport",
    "avoidance_check",
    "avoidance_for",
    "avoidance_scan",
    "forecast",
    "list_retentions",
    "retain",
    "rotation_check",
    "terms_report",
]

ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------- helpers


def post_by_code(check: CheckContext, code: str) -> Post:
    for post in check.posts:
        if post.code == code:
            return post
    raise NotFound("post", code, f"no such post in {check.org.code}")


def names_of(check: CheckContext) -> dict[int, str]:
    return {p.id: p.name for p in check.people}


def anchors_of(check: CheckContext, limits: tenure.Limits) -> dict[int, tuple[date, ...]]:
    years = {p.id: tenure.term_years_of(p, limits) for p in check.posts}
    return tenure.cycle_starts(check.terms, years)


def retentions_of(org_id: int) -> list[tenure.Retention]:
    rows = CadreRetention.select().where(CadreRetention.org == org_id).order_by(CadreRetention.id)
    return [tenure.Retention(r.person, r.post, r.decided_on, r.body, r.passed) for r in rows]


# ------------------------------------------------------------------------- the report


@attrs.frozen
class PersonTerms:
    """One cadre's terms (every post, oldest first), their current runs, years served."""

    person_id: int
    name: str
    rows: tuple[tenure.TermRow, ...]
    current: tuple[tenure.Tenure, ...]
    months_served: int  # 任职年限 in cadre posts, to the report's date

    def as_dict(self) -> dict[str, Any]:
        years, months = divmod(self.months_served, 12)
        return {
            "person_id": self.person_id,
            "person": self.name,
            "years_served": f"{years}年{months}个月" if months else f"{years}年",
            "months_served": self.months_served,
            "terms": [r.as_dict() for r in self.rows],
            "current": [
                {
                    "post_code": t.post.code,
                    "post_title": t.post.title,
                    "consecutive_terms": t.terms,
                    "limit": t.limit,
                    "limit_date": t.limit_date,
                    "over_limit": t.over,
                    "retained_by": [jsonable(r) for r in t.retentions],
                }
                for t in self.current
            ],
        }


@attrs.frozen
class TermsReport:
    org: str
    on: date
    people: tuple[PersonTerms, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"org": self.org, "on": self.on, "people": [p.as_dict() for p in self.people]}


def _report(check: CheckContext, person_id: int | None) -> TermsReport:
    limits = tenure.limits_from(check.parameter)
    anchors = anchors_of(check, limits)
    retained = retentions_of(check.org.id)
    posts = {p.id: p for p in check.posts}
    cadre_posts = {i: p for i, p in posts.items() if Rank.of_post(p.rank) is not None}
    by_person: dict[int, list[Term]] = {}
    for term in check.terms:
        mine = person_id is None or term.person_id == person_id
        if mine and term.post_id in cadre_posts and term.start <= check.on:
            by_person.setdefault(term.person_id, []).append(term)
    names = names_of(check)
    people: list[PersonTerms] = []
    for pid, terms in by_person.items():
        rows: list[tenure.TermRow] = []
        current: list[tenure.Tenure] = []
        for post_id in sorted({t.post_id for t in terms}):
            post = cadre_posts[post_id]
            years = tenure.term_years_of(post, limits)
            held = [t for t in terms if t.post_id == post_id]
            rows.extend(
                tenure.term_rows(held, post, years, anchors.get(years or 0, ()), check.on, limits)
            )
            run = tenure.tenure_of(pid, post, held, anchors, check.on, limits, retained)
            if run is not None and run.serving:
                current.append(run)
        rows.sort(key=lambda r: (r.start, r.term_id))
        people.append(
            PersonTerms(
                pid,
                names.get(pid, str(pid)),
                tuple(rows),
                tuple(current),
                sum(r.held_months for r in rows),
            )
        )
    people.sort(key=lambda p: p.person_id)
    return TermsReport(check.org.code, check.on, tuple(people))


def terms_report(
    ctx: Context, org_code: str, person_id: int | None = None, on: date | str | None = None
) -> TermsReport:
    """Each cadre's terms (第二十二条): held how long, whether each is a 届, the 届 in a
    row in each post held now and when the limit of two is reached."""
    org = org_row(ctx, org_code, Action.READ)
    when = on_date("on", on, ctx.today())
    if person_id is not None:
        get_person(ctx, org_code, person_id)
    return _report(CheckContext(ctx, org, when), person_id)


# ------------------------------------------------------------------------ the forecast


@attrs.frozen
class Forecast:
    org: str
    on: date
    months: int
    horizon: date
    items: tuple[tenure.RotationItem, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "on": self.on,
            "months": self.months,
            "horizon": self.horizon,
            "items": [i.as_dict() for i in self.items],
        }


def _forecast(check: CheckContext, months: int | None) -> Forecast:
    limits = tenure.limits_from(check.parameter)
    window = limits.forecast_months if months is None else months
    anchors = anchors_of(check, limits)
    retained = retentions_of(check.org.id)
    posts = {p.id: p for p in check.posts}
    runs: list[tenure.Tenure] = []
    seen: set[tuple[int, int]] = set()
    for term in check.terms:
        post = posts.get(term.post_id)
        key = (term.person_id, term.post_id)
        if post is None or key in seen or not term.covers(check.on):
            continue
        seen.add(key)
        run = tenure.tenure_of(
            term.person_id, post, check.terms, anchors, check.on, limits, retained
        )
        if run is not None:
            runs.append(run)
    items = tenure.forecast(runs, names_of(check), check.on, window, limits)
    return Forecast(check.org.code, check.on, window, add_months(check.on, window), tuple(items))


def forecast(
    ctx: Context, org_code: str, months: int | str | None = None, on: date | str | None = None
) -> Forecast:
    """Who must be exchanged or rotated (第二十三条) — past the limit, at it, or reaching
    it within ``months`` months of ``on`` (default: the parameter)."""
    org = org_row(ctx, org_code, Action.READ)
    when = on_date("on", on, ctx.today())
    window = None if months in (None, "") else whole("months", months)
    return _forecast(CheckContext(ctx, org, when), window)


def rotation_check(check: CheckContext) -> list[Finding]:
    """The hook's check: the forecast's lines as findings."""
    return tenure.limit_findings(_forecast(check, None).items)


# ------------------------------------------------------------------------- retention


def retain(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    post_code: str,
    decided_on: date | str,
    members: int | str,
    present: int | str,
    yes: int | str,
    no: int | str,
    defer: int | str = 0,
    body: str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Record the 票决 that keeps a 处级 cadre in the post past two 届 (第二十三条): 正处级
    by the 党委全委会, 副处级 by the 党委常委会, decided as 第十六条 says (committee.decide)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        when = on_date("decided_on", decided_on)
        check = CheckContext(ctx, org, when)
        person = get_person(ctx, org_code, person_id)
        post = post_by_code(check, post_code)
        rank = Rank.of_post(post.rank)
        if rank is None or not rank.is_division:
            raise InvalidInput(
                "post",
                post_code,
                "票决留任 is for 处级 posts (第二十三条); a 科长 rotates within the unit",
            )
        needed = Body.for_rank(rank)
        if body not in (None, "") and body not in (needed.zh, needed.name, needed.en):
            raise InvalidInput(
                "body",
                body,
                f"{rank.zh} is kept by the {needed.zh} "
                "(第二十三条: 正处级由党委全委会, 副处级由党委常委会)",
            )
        if not any(
            t.person_id == person.id and t.post_id == post.id and t.covers(when)
            for t in check.terms
        ):
            raise InvalidInput(
                "person", person_id, f"does not hold {post_code} on {when.isoformat()} (未任该职)"
            )
        vote = Vote(
            needed,
            whole("members", members, 1),
            whole("present", present),
            whole("yes", yes),
            whole("no", no),
            whole("defer", defer),
        )
        decision = decide(vote)
        row = CadreRetention.create(
            org=org.id,
            person=person.id,
            post=post.id,
            decided_on=when,
            body=needed.zh,
            members=vote.members,
            present=vote.present,
            yes=vote.yes,
            no=vote.no,
            defer=vote.defer,
            passed=decision.passed,
            note=note.strip(),
        )
        data = _retention_dict(row, person.name, post) | {"decision": decision.as_dict()}
        audit_write(ctx, org, "retain", "cadre_retention", row.id, data)
    return data


def _retention_dict(row: Any, name: str, post: Post) -> dict[str, Any]:
    return {
        "id": row.id,
        "person_id": row.person,
        "person": name,
        "post_code": post.code,
        "post_title": post.title,
        "decided_on": row.decided_on,
        "body": row.body,
        "members": row.members,
        "present": row.present,
        "yes": row.yes,
        "no": row.no,
        "defer": row.defer,
        "passed": row.passed,
        "note": row.note,
    }


def list_retentions(ctx: Context, org_code: str) -> list[dict[str, Any]]:
    """The organization's retention votes, oldest first."""
    org = org_row(ctx, org_code, Action.READ)
    check = CheckContext(ctx, org, ctx.today())
    names, posts = names_of(check), {p.id: p for p in check.posts}
    rows = CadreRetention.select().where(CadreRetention.org == org.id).order_by(CadreRetention.id)
    return [_retention_dict(r, names.get(r.person, ""), posts[r.post]) for r in rows]


# ------------------------------------------------------------------------- avoidance


def _avoidance(check: CheckContext, proposed: tuple[int, Post] | None = None) -> list[Finding]:
    tree = avoidance.UnitTree.build(check.units, check.posts)
    positions = avoidance.positions_on(check.people, check.posts, check.terms, check.on)
    words = avoidance.sensitive_words_from(check.parameter)
    only = None
    if proposed is not None:
        person_id, post = proposed
        name = names_of(check).get(person_id, str(person_id))
        candidate = avoidance.Position(person_id, name, post.unit_id, post)
        positions = dict(positions) | {person_id: [candidate]}

        def only(position: avoidance.Position) -> bool:
            return position is candidate

    return avoidance.check_pairs(check.kinship, positions, tree, words, only)


def avoidance_scan(ctx: Context, org_code: str, on: date | str | None = None) -> list[Finding]:
    """Every pair of relatives serving against 第二十四条 on ``on`` (default today)."""
    org = org_row(ctx, org_code, Action.READ)
    return _avoidance(CheckContext(ctx, org, on_date("on", on, ctx.today())))


def avoidance_for(
    ctx: Context, org_code: str, person_id: int, post_code: str, on: date | str
) -> list[Finding]:
    """第二十四条 for a proposed appointment: what appointing the person to the post on
    ``on`` would break, against their relatives' positions that day (the person's other
    posts are left out: the new post is what is judged)."""
    org = org_row(ctx, org_code, Action.READ)
    check = CheckContext(ctx, org, on_date("on", on))
    get_person(ctx, org_code, person_id)
    return _avoidance(check, (person_id, post_by_code(check, post_code)))


def avoidance_check(check: CheckContext) -> list[Finding]:
    """The hook's check: the scan on the check's date."""
    return _avoidance(check)
