"""Managing cadres (第二十六–三十三条, 第十七条's probation) on the database: assessments,
sanctions and audits recorded; removal (第三十条), resignation (第三十一条) and demotion
(第三十二条) ending the core term through ``core.api.end_term``; and the findings of what
is due. Every write is authorized (EDIT_PEOPLE for a person's records, EDIT_TERMS for a
term), in one transaction with its audit entry (``cadre.*``); reads are READ."""

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
    Post,
    Term,
    add_term,
    end_term,
    get_person,
    jsonable,
    org_row,
)
from plugins.cadre import management, tenure
from plugins.cadre.management import (
    AssessmentFact,
    AssessmentKind,
    AuditFact,
    AuditKind,
    Removal,
    Resignation,
)
from plugins.cadre.services.common import audit_write, on_date, optional_date
from plugins.cadre.services.tenure import anchors_of, names_of, post_by_code
from plugins.cadre.tables.management import CadreAssessment, CadreAudit, CadreSanction
from plugins.cadre.vocabulary import Grade, Rank

__all__ = [
    "Ended",
    "add_assessment",
    "add_audit",
    "add_sanction",
    "demote",
    "findings",
    "list_assessments",
    "list_audits",
    "list_sanctions",
    "management_check",
    "remove",
    "resign",
]

ONE_DAY = timedelta(days=1)


def _text(field: str, value: str | None, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(field, value, "must not be empty")
    if len(text) > 500:
        raise InvalidInput(field, text[:20] + "…", "at most 500 characters")
    return text


def _year(value: int | str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value))
    except (TypeError, ValueError):
        raise InvalidInput("year", value, "must be a year such as 2025") from None
    if not 1949 <= year <= 2100:
        raise InvalidInput("year", value, "must be a year such as 2025")
    return year


def _row(row: Any, name: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(row.__data__)
    data["person_id"] = data.pop("person")
    data.pop("org", None)
    return {"id": data.pop("id"), "person": name} | data | extra


# --------------------------------------------------------------------- assessments


def add_assessment(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    kind: str,
    assessed_on: date | str,
    grade: str,
    year: int | str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Record an assessment (第二十七条): 试用期满, 年度 (with its year), 届中 or 届满, with
    its grade. One annual rating per person and year."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        person = get_person(ctx, org_code, person_id)
        what = AssessmentKind.parse(kind)
        mark = Grade.parse(grade)
        when = on_date("assessed_on", assessed_on)
        if when > ctx.today():
            raise InvalidInput("assessed_on", when.isoformat(), "is in the future")
        which = _year(year)
        management.check_grade_year(what, which)
        if which is not None and which > when.year:
            raise InvalidInput("year", which, f"is after the assessment's date {when.isoformat()}")
        if which is not None and (
            CadreAssessment.select()
            .where(
                (CadreAssessment.org == org.id)
                & (CadreAssessment.person == person.id)
                & (CadreAssessment.kind == what.zh)
                & (CadreAssessment.year == which)
            )
            .exists()
        ):
            raise InvalidInput("year", which, f"{person.name} already has a {which}年度 rating")
        row = CadreAssessment.create(
            org=org.id,
            person=person.id,
            kind=what.zh,
            year=which,
            assessed_on=when,
            grade=mark.zh,
            note=_text("note", note),
        )
        data = _row(row, person.name)
        audit_write(ctx, org, "assessment.add", "cadre_assessment", row.id, data)
    return data


def list_assessments(
    ctx: Context, org_code: str, person_id: int | None = None
) -> list[dict[str, Any]]:
    """Assessments recorded, oldest first (of one person, if given)."""
    org = org_row(ctx, org_code, Action.READ)
    query = CadreAssessment.select().where(CadreAssessment.org == org.id)
    if person_id is not None:
        get_person(ctx, org_code, person_id)
        query = query.where(CadreAssessment.person == person_id)
    names = names_of(CheckContext(ctx, org, ctx.today()))
    rows = query.order_by(CadreAssessment.assessed_on, CadreAssessment.id)
    return [_row(r, names.get(r.person, "")) for r in rows]


# ------------------------------------------------------------------------ sanctions


def add_sanction(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    kind: str,
    imposed_on: date | str,
    until: date | str | None = None,
    affects_use: bool = True,
    note: str = "",
) -> dict[str, Any]:
    """Record an 组织处理 or 纪律处分 (第十五条（五）, 第三十三条): its kind, the day imposed,
    when its effect ends (影响期满) and whether it affects use (影响使用)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        person = get_person(ctx, org_code, person_id)
        what = _text("kind", kind, required=True)
        start = on_date("imposed_on", imposed_on)
        end = optional_date("until", until)
        if end is not None and end < start:
            raise InvalidInput(
                "until", end.isoformat(), f"is before imposed_on {start.isoformat()}"
            )
        row = CadreSanction.create(
            org=org.id,
            person=person.id,
            kind=what,
            imposed_on=start,
            until=end,
            affects_use=bool(affects_use),
            note=_text("note", note),
        )
        data = _row(row, person.name)
        audit_write(ctx, org, "sanction.add", "cadre_sanction", row.id, data)
    return data


def list_sanctions(
    ctx: Context, org_code: str, person_id: int | None = None
) -> list[dict[str, Any]]:
    """Sanctions recorded, oldest first (of one person, if given)."""
    org = org_row(ctx, org_code, Action.READ)
    query = CadreSanction.select().where(CadreSanction.org == org.id)
    if person_id is not None:
        get_person(ctx, org_code, person_id)
        query = query.where(CadreSanction.person == person_id)
    names = names_of(CheckContext(ctx, org, ctx.today()))
    rows = query.order_by(CadreSanction.imposed_on, CadreSanction.id)
    return [_row(r, names.get(r.person, "")) for r in rows]


# --------------------------------------------------------------------------- audits


def add_audit(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    kind: str,
    started_on: date | str,
    finished_on: date | str | None = None,
    post_code: str | None = None,
    conclusion: str = "",
    note: str = "",
) -> dict[str, Any]:
    """Record an economic-responsibility audit (第二十八条): 离任, 届中 or 专项, of a post
    or of the cadre generally."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        person = get_person(ctx, org_code, person_id)
        what = AuditKind.parse(kind)
        start = on_date("started_on", started_on)
        end = optional_date("finished_on", finished_on)
        if end is not None and end < start:
            raise InvalidInput(
                "finished_on", end.isoformat(), f"is before started_on {start.isoformat()}"
            )
        post_id = None
        post_code_out = None
        if post_code:
            check = CheckContext(ctx, org, start)
            post = post_by_code(check, post_code)
            if not any(t.person_id == person.id and t.post_id == post.id for t in check.terms):
                raise InvalidInput("post", post_code, f"{person.name} never held this post")
            post_id, post_code_out = post.id, post.code
        row = CadreAudit.create(
            org=org.id,
            person=person.id,
            post=post_id,
            kind=what.zh,
            started_on=start,
            finished_on=end,
            conclusion=_text("conclusion", conclusion),
            note=_text("note", note),
        )
        data = _row(row, person.name, post_code=post_code_out)
        audit_write(ctx, org, "audit.add", "cadre_audit", row.id, data)
    return data


def list_audits(ctx: Context, org_code: str, person_id: int | None = None) -> list[dict[str, Any]]:
    """Audits recorded, oldest first (of one person, if given)."""
    org = org_row(ctx, org_code, Action.READ)
    query = CadreAudit.select().where(CadreAudit.org == org.id)
    if person_id is not None:
        get_person(ctx, org_code, person_id)
        query = query.where(CadreAudit.person == person_id)
    check = CheckContext(ctx, org, ctx.today())
    names, codes = names_of(check), {p.id: p.code for p in check.posts}
    rows = query.order_by(CadreAudit.started_on, CadreAudit.id)
    return [_row(r, names.get(r.person, ""), post_code=codes.get(r.post or 0)) for r in rows]


# ------------------------------------------------------- removal, resignation, demotion


@attrs.frozen
class Ended:
    """A term ended by removal, resignation or demotion, and the term that follows a
    demotion (if one was started)."""

    action: str
    person: str
    post_code: str
    term: Term
    basis: str
    citation: Any
    started: Term | None = None
    started_post: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "person": self.person,
            "post_code": self.post_code,
            "term": jsonable(self.term),
            "basis": self.basis,
            "citation": self.citation.as_dict(),
            "started": None if self.started is None else jsonable(self.started),
            "started_post": self.started_post,
        }


def _serving(check: CheckContext, person_id: int, post: Post) -> Term:
    for term in check.terms:
        if (
            term.person_id == person_id
            and term.post_id == post.id
            and term.covers(check.on)
            and term.end is None
        ):
            return term
    raise InvalidInput(
        "post",
        post.code,
        f"person {person_id} does not hold it on {check.on.isoformat()} "
        "with no end recorded (未任该职或已离任)",
    )


def remove(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    post_code: str,
    on: date | str,
    ground: str,
    note: str = "",
) -> Ended:
    """免职 (第三十条): end the person's term in the post on ``on`` (the last day in post)
    with EndReason 免职 and the ground (一 to 六) recorded in the term's note."""
    why = Removal.parse(ground)
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        check = CheckContext(ctx, org, on_date("on", on))
        person = get_person(ctx, org_code, person_id)
        post = post_by_code(check, post_code)
        term = _serving(check, person.id, post)
        basis = f"第三十条（{why.number}）{why.zh}"
        ended = end_term(
            ctx,
            org_code,
            term.id,
            end=check.on,
            reason="免职",
            note=" ".join(x for x in (basis, _text("note", note)) if x),
        )
        result = Ended("免职", person.name, post.code, ended, basis, why.citation)
        audit_write(ctx, org, "remove", "term", term.id, result.as_dict())
    return result


def resign(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    post_code: str,
    on: date | str,
    kind: str,
    note: str = "",
) -> Ended:
    """辞职 (第三十一条): end the term on ``on`` with the kind of resignation as its
    EndReason (因公辞职、自愿辞职、引咎辞职、责令辞职)."""
    how = Resignation.parse(kind)
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        check = CheckContext(ctx, org, on_date("on", on))
        person = get_person(ctx, org_code, person_id)
        post = post_by_code(check, post_code)
        term = _serving(check, person.id, post)
        ended = end_term(
            ctx,
            org_code,
            term.id,
            end=check.on,
            reason=how.end_reason,
            note=" ".join(x for x in (f"第三十一条 {how.zh}", _text("note", note)) if x),
        )
        result = Ended(how.zh, person.name, post.code, ended, how.zh, how.citation)
        audit_write(ctx, org, "resign", "term", term.id, result.as_dict())
    return result


def demote(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    post_code: str,
    on: date | str,
    to_post: str | None = None,
    note: str = "",
) -> Ended:
    """降职 (第三十二条): end the term on ``on`` with EndReason 降职 and, with ``to_post``,
    start the person in that lower-ranked post the next day (same way of appointment,
    no probation: 降职 is no promotion)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        check = CheckContext(ctx, org, on_date("on", on))
        person = get_person(ctx, org_code, person_id)
        post = post_by_code(check, post_code)
        term = _serving(check, person.id, post)
        lower = None if not to_post else post_by_code(check, to_post)
        if lower is not None and not management.lower_rank(post, lower):
            raise InvalidInput(
                "to_post",
                to_post,
                f"{lower.rank} is not below {post.rank} (降职须降低职务层次, 第三十二条)",
            )
        text = _text("note", note)
        ended = end_term(
            ctx,
            org_code,
            term.id,
            end=check.on,
            reason="降职",
            note=" ".join(x for x in ("第三十二条 降职使用", text) if x),
        )
        started = None
        if lower is not None:
            started = add_term(
                ctx,
                org_code,
                post_code=lower.code,
                person_id=person.id,
                start=check.on + ONE_DAY,
                appointed_by=term.appointed_by,
                note=" ".join(x for x in (f"由{post.title}降职使用", text) if x),
            )
        result = Ended(
            "降职",
            person.name,
            post.code,
            ended,
            "第三十二条 降职使用",
            management.DEMOTION,
            started,
            None if lower is None else lower.code,
        )
        audit_write(ctx, org, "demote", "term", term.id, result.as_dict())
    return result


# --------------------------------------------------------------------------- findings


def _assessments(org_id: int) -> list[AssessmentFact]:
    rows = CadreAssessment.select().where(CadreAssessment.org == org_id)
    return [AssessmentFact.from_row(r) for r in rows.order_by(CadreAssessment.id)]


def _audits(org_id: int) -> list[AuditFact]:
    rows = CadreAudit.select().where(CadreAudit.org == org_id)
    return [AuditFact.from_row(r) for r in rows.order_by(CadreAudit.id)]


def management_check(check: CheckContext) -> list[Finding]:
    """What is due on the check's date: assessments (试用期满, 届中, 届满), demotions after
    an 不称职 rating, and departure audits — soonest first."""
    limits = tenure.limits_from(check.parameter)
    notice, months = management.notice_from(check.parameter)
    posts = {p.id: p for p in check.posts if Rank.of_post(p.rank) is not None}
    names = names_of(check)
    assessed = _assessments(check.org.id)
    terms = list(check.terms)
    out = [
        *management.assessment_findings(
            terms, posts, assessed, names, anchors_of(check, limits), check.on, limits, notice
        ),
        *management.demotion_findings(terms, posts, assessed, names, check.on),
        *management.audit_findings(terms, posts, _audits(check.org.id), names, check.on, months),
    ]
    out.sort(key=lambda f: (f.due or date.max, f.rule_id, f.subject))
    return out


def findings(ctx: Context, org_code: str, on: date | str | None = None) -> list[Finding]:
    """:func:`management_check` for ``zhidu cadre due`` (READ)."""
    org = org_row(ctx, org_code, Action.READ)
    return management_check(CheckContext(ctx, org, on_date("on", on, ctx.today())))
