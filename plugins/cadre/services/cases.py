"""The selection case's services (第十二–二十一条, 第二十五条, 第三十四条): every stage
recorded through here, authorized through the core (READ to read, EDIT_TERMS to write),
in one transaction with its audit entry (``cadre.case.*``, plugin ``cadre``).

A refused step writes nothing of itself; instead the refusal — with its clause — is
written on the case's timeline in a transaction of its own (audited as
``cadre.case.refused``), and the caller gets one line: what was refused and why.

The core's data (people, posts, terms, kinship, the calendar, parameters) is read
through a :class:`~core.api.CheckContext`, as a check would see it on the step's date.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from core.api import (
    Action,
    AppointedBy,
    AppointmentRecord,
    CheckContext,
    Conflict,
    Contact,
    Context,
    EndReason,
    Finding,
    InvalidInput,
    NotFound,
    NoticeCandidate,
    OfficialDocument,
    Person,
    Post,
    Severity,
    Term,
    add_term,
    appointment_summary,
    end_term,
    jsonable,
    org_row,
    pre_appointment_notice,
    render_docx,
)
from plugins.cadre import committee, procedure
from plugins.cadre.procedure import (
    CandidateFacts,
    CheckKind,
    MotionKind,
    MotionRule,
    RecommendationKind,
    Refusal,
    Sanction,
    Stage,
    TalkKind,
    parse_vocabulary,
)
from plugins.cadre.services.common import audit_write, on_date, whole
from plugins.cadre.tables.cases import (
    CadreAppointment,
    CadreCandidate,
    CadreCase,
    CadreCaseEvent,
    CadreCasePost,
    CadreCaseStage,
    CadreCommitteeMember,
    CadreInspectionCheck,
    CadreNotice,
    CadreRecommendation,
    CadreTalk,
    CadreVote,
)
from plugins.cadre.vocabulary import Body, Method, Rank

__all__ = [
    "CaseRefused",
    "add_member",
    "appoint",
    "case_findings",
    "close_case",
    "defer",
    "inspect",
    "list_cases",
    "list_members",
    "motion",
    "notice",
    "notice_document",
    "notice_result",
    "open_case",
    "publish",
    "recommend",
    "reconsider",
    "record_check",
    "register",
    "show_case",
    "summary_document",
    "talk",
    "test_score",
    "vote",
    "write_document",
]

T = TypeVar("T")

DONE, REFUSED, NOTED, NOT_PASSED = "完成", "驳回", "记录", "未通过"
VOTE, DEFER, RECONSIDER = "表决", "缓议", "复议"
ANNUAL = "年度"  # tables.management.CadreAssessment.kind of an annual rating


class CaseRefused(Conflict):
    """A step the rules refuse: names the stage, and the refusal with its clause."""

    def __init__(self, stage: Stage, refusal: Refusal, person: int | None = None) -> None:
        self.stage = stage
        self.refusal = refusal
        self.person = person
        super().__init__(stage.zh, refusal.rule_id, refusal.line())

    def as_dict(self) -> dict[str, Any]:
        return super().as_dict() | {"refusal": self.refusal.as_dict()}


# --------------------------------------------------------------------------- helpers


def _case_row(org: Any, case_id: int) -> CadreCase:
    row = CadreCase.get_or_none((CadreCase.org == org.id) & (CadreCase.id == case_id))
    if row is None:
        raise NotFound("case", case_id, f"no such selection case in {org.code}")
    return row


def _stages(case_id: int) -> dict[Stage, date]:
    rows = CadreCaseStage.select().where(CadreCaseStage.case == case_id)
    return {Stage.parse(r.stage): r.held_on for r in rows}


def _refuse(stage: Stage, refusal: Refusal | None, person: int | None = None) -> None:
    if refusal is not None:
        raise CaseRefused(stage, refusal, person)


def _method(case: CadreCase) -> Method:
    return parse_vocabulary(Method, "method", case.method)


def _order(case: CadreCase, stage: Stage, on: date) -> None:
    _refuse(stage, procedure.order_refusal(_method(case), _stages(case.id), stage, on))


def _event(
    case: CadreCase,
    stage: Stage,
    on: date,
    outcome: str,
    zh: str,
    en: str,
    citation: Any = None,
    person: int | None = None,
) -> None:
    CadreCaseEvent.create(
        case=case.id,
        stage=stage.zh,
        happened_on=on,
        outcome=outcome,
        person=person,
        message_zh=zh,
        message_en=en,
        article=citation.article if citation else "",
        words=citation.words if citation else "",
    )


def _stage_row(case: CadreCase, stage: Stage, on: date, facts: Mapping[str, Any]) -> None:
    """Record ``stage`` as begun on ``on`` (the first entry), or add to its facts."""
    row = CadreCaseStage.get_or_none(
        (CadreCaseStage.case == case.id) & (CadreCaseStage.stage == stage.zh)
    )
    if row is None:
        CadreCaseStage.create(
            case=case.id, stage=stage.zh, held_on=on, facts=json.dumps(jsonable(dict(facts)))
        )
        return
    merged = json.loads(row.facts or "{}")
    for key, value in jsonable(dict(facts)).items():
        if isinstance(value, list):
            merged.setdefault(key, []).extend(value)
        else:
            merged[key] = value
    CadreCaseStage.update(facts=json.dumps(merged, ensure_ascii=False)).where(
        CadreCaseStage.id == row.id
    ).execute()


def _attempt(ctx: Context, org_code: str, case_id: int, on: date, work: Callable[[], T]) -> T:
    """Run ``work``; when the rules refuse it, write the refusal on the case's timeline
    (its own transaction, audited) and raise it."""
    try:
        return work()
    except CaseRefused as refused:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _case_row(org, case_id)
            r = refused.refusal
            _event(case, refused.stage, on, REFUSED, r.message_zh, r.message_en, r.citation,
                   refused.person)  # fmt: skip
            audit_write(ctx, org, "case.refused", "cadre_case", case.id,
                   {"stage": refused.stage.zh, "on": on} | r.as_dict())  # fmt: skip
        raise


class _Facts:
    """The core's data for one organization on a date, indexed (a CheckContext)."""

    def __init__(self, ctx: Context, org: Any, on: date) -> None:
        self.check = CheckContext(ctx, org, on)
        self.on = on

    @property
    def people(self) -> dict[int, Person]:
        return {p.id: p for p in self.check.people}

    @property
    def posts(self) -> dict[int, Post]:
        return {p.id: p for p in self.check.posts}

    def person(self, person_id: int) -> Person:
        found = self.people.get(person_id)
        if found is None:
            raise NotFound("person", person_id, f"no such person in {self.check.org.code}")
        return found

    def post_by_code(self, code: str) -> Post:
        for post in self.check.posts:
            if post.code == code:
                return post
        raise NotFound("post", code, f"no such post in {self.check.org.code}")

    def serving_terms(self, person_id: int, on: date) -> list[Term]:
        return [t for t in self.check.terms if t.person_id == person_id and t.covers(on)]

    def current_rank(self, person_id: int, on: date) -> Rank | None:
        ranks = [
            Rank.of_post(self.posts[t.post_id].rank) for t in self.serving_terms(person_id, on)
        ]
        known = [r for r in ranks if r is not None]
        return max(known, key=lambda r: r.level) if known else None

    def promotion(self, person_id: int, rank: Rank, on: date) -> bool:
        """拟提拔: the post's rank is above every cadre rank the person holds on ``on``."""
        current = self.current_rank(person_id, on)
        return current is None or current.level < rank.level

    def current_post(self, person_id: int, on: date) -> str:
        return "、".join(self.posts[t.post_id].title for t in self.serving_terms(person_id, on))

    def unit_names(self, unit_id: int) -> list[str]:
        units = {u.id: u for u in self.check.units}
        names: list[str] = []
        current: int | None = unit_id
        while current is not None and current in units:
            names.append(units[current].name)
            current = units[current].parent_id
        return names

    def kin_pairs(self) -> list[tuple[int, int]]:
        return [(k.person_a, k.person_b) for k in self.check.kinship]

    def kin_of(self, person_id: int) -> set[int]:
        pairs = self.kin_pairs()
        return {b for a, b in pairs if a == person_id} | {a for a, b in pairs if b == person_id}

    def value(self, key: str) -> Any:
        return self.check.parameter(key)


def _case_posts(case: CadreCase, facts: _Facts) -> list[tuple[Post, int]]:
    rows = CadreCasePost.select().where(CadreCasePost.case == case.id).order_by(CadreCasePost.id)
    return [(facts.posts[r.post], r.seats) for r in rows]


def _rank(post: Post) -> Rank:
    rank = Rank.of_post(post.rank)
    if rank is None:
        raise InvalidInput("post", post.code, f"rank {post.rank} is not a cadre rank (第五条)")
    return rank


def _candidate(case: CadreCase, person_id: int) -> CadreCandidate | None:
    return CadreCandidate.get_or_none(
        (CadreCandidate.case == case.id) & (CadreCandidate.person == person_id)
    )


def _candidate_post(case: CadreCase, facts: _Facts, person_id: int, code: str | None) -> Post:
    """The case's post a person is considered for: given, the candidate's, or the only one."""
    posts = _case_posts(case, facts)
    if code:
        for post, _ in posts:
            if post.code == code:
                return post
        raise InvalidInput("post", code, f"not a post of case {case.id}")
    cand = _candidate(case, person_id)
    if cand is not None and cand.post is not None:
        return facts.posts[cand.post]
    if len(posts) == 1:
        return posts[0][0]
    raise InvalidInput("post", None, f"case {case.id} fills several posts: name one (--post)")


def _latest_recommendation(case: CadreCase, person_id: int) -> date | None:
    rows = CadreRecommendation.select().where(
        (CadreRecommendation.case == case.id)
        & (CadreRecommendation.person == person_id)
        & (CadreRecommendation.votes > 0)
    )
    dates = [r.held_on for r in rows]
    return max(dates) if dates else None


def _ensure_candidate(
    case: CadreCase, person_id: int, source: str, post: int | None
) -> CadreCandidate:
    found = _candidate(case, person_id)
    if found is not None:
        return found
    row: CadreCandidate = CadreCandidate.create(
        case=case.id, person=person_id, source=source, post=post
    )
    return row


def _eligibility(
    ctx: Context, org_code: str, person_id: int, rank: Rank, on: date
) -> tuple[bool, tuple[str, ...], dict[str, Any]]:
    """The qualification check of the eligibility part (第九–十一条): eligible or not, the
    conditions missed, and the whole check for the record. Only blocking misses count:
    training short of its hours is "deferred" (第九条（二）7 allows a year after
    promotion), and a miss covered by a valid 破格 is "covered" (第十一条)."""
    from plugins.cadre.services import eligibility

    result = eligibility.check(ctx, org_code, person_id, rank, on)
    missed = tuple(c.message_zh for c in result.missed)
    return bool(result.eligible), missed, dict(result.as_dict())


def _candidate_facts(
    ctx: Context, org: Any, facts: _Facts, person_id: int, rank: Rank, on: date
) -> CandidateFacts:
    from plugins.cadre.tables.management import CadreAssessment, CadreSanction
    from plugins.cadre.tables.records import CadreProfile

    person = facts.person(person_id)
    ratings = tuple(
        (int(r.year or 0), str(r.grade))
        for r in CadreAssessment.select().where(
            (CadreAssessment.org == org.id)
            & (CadreAssessment.person == person_id)
            & (CadreAssessment.kind == ANNUAL)
            & (CadreAssessment.assessed_on <= on)
            & CadreAssessment.year.is_null(False)
        )
    )
    profile = CadreProfile.get_or_none(
        (CadreProfile.org == org.id) & (CadreProfile.person == person_id)
    )
    sanctions = tuple(
        Sanction.from_row(r)
        for r in CadreSanction.select().where(
            (CadreSanction.org == org.id) & (CadreSanction.person == person_id)
        )
    )
    eligible, missed, _ = _eligibility(ctx, org.code, person_id, rank, on)
    return CandidateFacts(
        person_id,
        person.name,
        ratings=ratings,
        family_emigrated=bool(profile.family_emigrated) if profile else False,
        sanctions=sanctions,
        eligible=eligible,
        missed=missed,
    )


def _roster(org: Any, body: Body, on: date) -> list[int]:
    rows = CadreCommitteeMember.select().where(
        (CadreCommitteeMember.org == org.id)
        & (CadreCommitteeMember.body == body.zh)
        & (CadreCommitteeMember.since <= on)
        & (CadreCommitteeMember.until.is_null() | (CadreCommitteeMember.until >= on))
    )
    return sorted({r.person for r in rows})


def _votes(case: CadreCase, person_id: int) -> list[CadreVote]:
    return list(
        CadreVote.select()
        .where((CadreVote.case == case.id) & (CadreVote.person == person_id))
        .order_by(CadreVote.held_on, CadreVote.id)
    )


def _passed(case: CadreCase, person_id: int) -> CadreVote | None:
    """The passing decision on a person that stands (not followed by a 复议 agreed)."""
    standing: CadreVote | None = None
    for v in _votes(case, person_id):
        if v.kind == VOTE and v.quorate:
            standing = v if v.passed else None
        elif v.kind == RECONSIDER and v.passed:
            standing = None
    return standing


# --------------------------------------------------------------------------- cases


def open_case(
    ctx: Context,
    org_code: str,
    *,
    title: str,
    method: str,
    posts: Sequence[str],
    on: date | str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Open a selection case for ``posts`` (codes, ``code:seats`` for more than one person)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        when = on_date("on", on, ctx.today())
        how = parse_vocabulary(Method, "method", method)
        if not title or not title.strip():
            raise InvalidInput("title", title, "must not be empty")
        if not posts:
            raise InvalidInput("posts", "", "a case fills at least one post (拟任职位)")
        facts = _Facts(ctx, org, when)
        chosen: list[tuple[Post, int]] = []
        for spec in posts:
            code, _, seats = spec.partition(":")
            post = facts.post_by_code(code.strip())
            _rank(post)
            count = whole("seats", seats, minimum=1) if seats else 1
            if any(p.id == post.id for p, _ in chosen):
                raise InvalidInput("posts", code, "listed twice")
            chosen.append((post, count))
        case = CadreCase.create(
            org=org.id, title=title.strip(), method=how.zh, opened_on=when, note=note.strip()
        )
        for post, count in chosen:
            CadreCasePost.create(case=case.id, post=post.id, seats=count)
        names = "、".join(p.title for p, _ in chosen)
        _event(case, Stage.MOTION, when, NOTED, f"立案：{how.zh}，拟任{names}",
               f"opened: {how.en} for {', '.join(p.code for p, _ in chosen)}")  # fmt: skip
        result = _summary(case, facts)
        audit_write(ctx, org, "case.open", "cadre_case", case.id, result)
    return result


def _summary(case: CadreCase, facts: _Facts) -> dict[str, Any]:
    stages = _stages(case.id)
    method = _method(case)
    steps = procedure.stages_for(method)
    current = next((s.stage for s in steps if s.stage not in stages), None)
    appointed = CadreAppointment.select().where(CadreAppointment.case == case.id).count()
    posts = _case_posts(case, facts)
    return {
        "id": case.id,
        "title": case.title,
        "method": case.method,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "posts": [{"code": p.code, "title": p.title, "rank": p.rank, "seats": s} for p, s in posts],
        "stages_done": [s.zh for s in Stage if s in stages],
        "current": current.zh if current else None,
        "appointed": appointed,
        "seats": sum(s for _, s in posts),
    }


def list_cases(ctx: Context, org_code: str) -> list[dict[str, Any]]:
    """The organization's selection cases, newest first, each with where it stands."""
    org = org_row(ctx, org_code, Action.READ)
    facts = _Facts(ctx, org, ctx.today())
    rows = CadreCase.select().where(CadreCase.org == org.id).order_by(CadreCase.id.desc())
    return [_summary(r, facts) for r in rows]


def _timeline(case: CadreCase) -> list[dict[str, Any]]:
    rows = CadreCaseEvent.select().where(CadreCaseEvent.case == case.id)
    return [
        {
            "stage": r.stage,
            "on": r.happened_on,
            "outcome": r.outcome,
            "person": r.person,
            "message_zh": r.message_zh,
            "message_en": r.message_en,
            "citation": {"article": r.article, "words": r.words} if r.article else None,
        }
        for r in sorted(rows, key=lambda r: (r.happened_on, r.id))
    ]


def show_case(ctx: Context, org_code: str, case_id: int) -> dict[str, Any]:
    """A case in full: its stages (done, current, pending) with dates, the timeline of
    every step done or refused with its clause, and the people at each stage."""
    org = org_row(ctx, org_code, Action.READ)
    case = _case_row(org, case_id)
    facts = _Facts(ctx, org, ctx.today())
    people = facts.people
    done = _stages(case.id)
    steps = procedure.stages_for(_method(case))
    current = next((s.stage for s in steps if s.stage not in done and s.required), None)
    refused = {e["stage"] for e in _timeline(case) if e["outcome"] == REFUSED}
    stages = [
        {
            "stage": s.stage.zh,
            "stage_en": s.stage.en,
            "required": s.required,
            "held_on": done.get(s.stage),
            "state": "done"
            if s.stage in done
            else ("current" if s.stage is current else "pending"),
            "refused": s.stage.zh in refused,
        }
        for s in steps
    ]

    def name(pid: int) -> str:
        return people[pid].name if pid in people else str(pid)

    candidates = [
        {
            "person": c.person,
            "name": name(c.person),
            "post": facts.posts[c.post].code if c.post else None,
            "source": c.source,
            "registered_on": c.registered_on,
            "unit_consent": c.unit_consent,
            "eligible": c.eligible,
            "score": c.score,
            "tested_on": c.tested_on,
            "inspected_on": c.inspected_on,
            "recommended_on": _latest_recommendation(case, c.person),
            "checks": [
                k.kind
                for k in CadreInspectionCheck.select().where(
                    (CadreInspectionCheck.case == case.id)
                    & (CadreInspectionCheck.person == c.person)
                )
            ],
        }
        for c in CadreCandidate.select()
        .where(CadreCandidate.case == case.id)
        .order_by(CadreCandidate.id)
    ]
    recommendations = [
        {"kind": r.kind, "held_on": r.held_on, "participants": r.participants,
         "person": r.person, "name": name(r.person), "votes": r.votes, "scattered": r.scattered}
        for r in CadreRecommendation.select().where(CadreRecommendation.case == case.id)
        .order_by(CadreRecommendation.held_on, CadreRecommendation.id)
    ]  # fmt: skip
    votes = [
        {"kind": v.kind, "held_on": v.held_on, "person": v.person, "name": name(v.person),
         "post": facts.posts[v.post].code if v.post else None, "body": v.body,
         "members": v.members, "present": v.present, "withdrawn": json.loads(v.withdrawn),
         "yes": v.yes, "no": v.no, "defer": v.defer, "quorate": v.quorate,
         "passed": v.passed, "note": v.note}
        for v in CadreVote.select().where(CadreVote.case == case.id)
        .order_by(CadreVote.held_on, CadreVote.id)
    ]  # fmt: skip
    notices = [
        {"person": n.person, "name": name(n.person), "post": facts.posts[n.post].code,
         "start": n.start, "end": n.end, "working_days": n.working_days,
         "assumed_years": n.assumed, "affects": n.affects, "note": n.note}
        for n in CadreNotice.select().where(CadreNotice.case == case.id).order_by(CadreNotice.id)
    ]  # fmt: skip
    talks = [
        {"person": t.person, "name": name(t.person), "kind": t.kind, "held_on": t.held_on,
         "by": t.by}
        for t in CadreTalk.select().where(CadreTalk.case == case.id).order_by(CadreTalk.id)
    ]  # fmt: skip
    appointments = [
        {"person": a.person, "name": name(a.person), "post": facts.posts[a.post].code,
         "term": a.term, "start": a.start, "probation_end": a.probation_end,
         "appointed_on": a.appointed_on}
        for a in CadreAppointment.select().where(CadreAppointment.case == case.id)
        .order_by(CadreAppointment.id)
    ]  # fmt: skip
    stage_rows = CadreCaseStage.select().where(CadreCaseStage.case == case.id)
    return _summary(case, facts) | {
        "stages": stages,
        "stage_facts": {r.stage: json.loads(r.facts or "{}") for r in stage_rows},
        "timeline": _timeline(case),
        "candidates": candidates,
        "recommendations": recommendations,
        "votes": votes,
        "notices": notices,
        "talks": talks,
        "appointments": appointments,
        "findings": [f.as_dict() for f in _case_warnings(case, facts)],
    }


def _case_warnings(case: CadreCase, facts: _Facts) -> list[Finding]:
    if Stage.INSPECTION not in _stages(case.id):
        return []
    inspected = (
        CadreCandidate.select()
        .where((CadreCandidate.case == case.id) & CadreCandidate.inspected_on.is_null(False))
        .count()
    )
    seats = sum(s for _, s in _case_posts(case, facts))
    found = procedure.candidates_outnumber_posts(
        inspected, seats, f"{case.title}（案件{case.id}）", f"case:{case.id}"
    )
    return [found] if found else []


def close_case(
    ctx: Context, org_code: str, case_id: int, on: date | str | None = None
) -> dict[str, Any]:
    """Close a case (its work done or abandoned): it no longer shows as stalled."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        case = _case_row(org, case_id)
        when = on_date("on", on, ctx.today())
        if case.closed_on is not None:
            raise Conflict("case", case_id, f"closed on {case.closed_on.isoformat()}")
        if when < case.opened_on:
            raise InvalidInput("on", when.isoformat(), "is before the case was opened")
        CadreCase.update(closed_on=when).where(CadreCase.id == case.id).execute()
        _event(case, Stage.APPOINTMENT, when, NOTED, "结案", "case closed")
        audit_write(ctx, org, "case.close", "cadre_case", case.id, {"closed_on": when})
    return {"id": case_id, "closed_on": when}


def _writable(org: Any, case_id: int) -> CadreCase:
    case = _case_row(org, case_id)
    if case.closed_on is not None:
        raise Conflict("case", case_id, f"closed on {case.closed_on.isoformat()} (已结案)")
    return case


# --------------------------------------------------------------------------- 动议


def motion(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    kind: str,
    on: date | str | None = None,
    consulted: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """动议 (第十三条): 换届, 定期 (April, October) or 个别 (at most two a year, two
    months apart); the leader in charge and the discipline office heard."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            which = parse_vocabulary(MotionKind, "kind", kind)
            _order(case, Stage.MOTION, when)
            facts = _Facts(ctx, org, when)
            others = (
                CadreCaseStage.select(CadreCaseStage.held_on, CadreCaseStage.facts)
                .join(CadreCase, on=(CadreCaseStage.case == CadreCase.id))
                .where((CadreCase.org == org.id) & (CadreCaseStage.stage == Stage.MOTION.zh))
            )
            individual = [
                r.held_on
                for r in others
                if json.loads(r.facts or "{}").get("kind") == MotionKind.INDIVIDUAL.zh
            ]
            rule = MotionRule(
                per_year=facts.value("cadre.motion_individual_per_year"),
                interval_months=facts.value("cadre.motion_individual_interval_months"),
            )
            _refuse(
                Stage.MOTION, procedure.motion_refusal(which, when, individual, consulted, rule)
            )
            data = {"kind": which.zh, "consulted": consulted, "note": note.strip()}
            _stage_row(case, Stage.MOTION, when, data)
            _event(case, Stage.MOTION, when, DONE, f"{which.zh}动议", f"{which.en} motion",
                   procedure.INDIVIDUAL_MOTION if which is MotionKind.INDIVIDUAL
                   else procedure.MOTION_CONSULT)  # fmt: skip
            result = {"case": case.id, "stage": Stage.MOTION.zh, "on": when} | data
            audit_write(ctx, org, "case.motion", "cadre_case", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


# --------------------------------------------------------------------------- 公开选拔、竞争上岗


def publish(
    ctx: Context, org_code: str, case_id: int, *, on: date | str | None = None, note: str = ""
) -> dict[str, Any]:
    """公布职位、资格条件、基本程序和方法 (第二十条 1)."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.PUBLICATION, when)
            _stage_row(case, Stage.PUBLICATION, when, {"note": note.strip()})
            _event(case, Stage.PUBLICATION, when, DONE, "公布职位、资格条件、基本程序和方法",
                   "posts, conditions and procedure published", procedure.OPEN_STAGES)  # fmt: skip
            result = {"case": case.id, "stage": Stage.PUBLICATION.zh, "on": when}
            audit_write(ctx, org, "case.publish", "cadre_case", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def register(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    on: date | str | None = None,
    post_code: str | None = None,
    unit_consent: bool = False,
) -> dict[str, Any]:
    """报名与资格审查 (第十九、二十条): 公开选拔 needs the applicant's unit's consent; the
    qualifications are checked (the eligibility part) and the result recorded."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.REGISTRATION, when)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            post = _candidate_post(case, facts, person_id, post_code)
            if _method(case) is Method.OPEN and not unit_consent:
                _refuse(Stage.REGISTRATION, Refusal(
                    "cadre.registration.consent", procedure.UNIT_CONSENT,
                    f"{person.name}报名公开选拔，须经所在单位同意",
                    f"{person.name} applies to an open selection: the unit's consent is needed",
                ), person_id)  # fmt: skip
            if _candidate(case, person_id) is not None:
                raise Conflict("person", person_id, f"already in case {case.id} (已报名)")
            eligible, _, details = _eligibility(ctx, org.code, person_id, _rank(post), when)
            CadreCandidate.create(
                case=case.id, person=person_id, post=post.id, source="报名",
                registered_on=when, unit_consent=unit_consent, eligible=eligible,
                eligibility=json.dumps(jsonable(details), ensure_ascii=False),
            )  # fmt: skip
            _stage_row(case, Stage.REGISTRATION, when, {"applicants": [person_id]})
            verdict = {True: "资格审查通过", False: "资格审查未通过", None: "资格未审查"}[eligible]
            verdict_en = {True: "qualified", False: "not qualified", None: "not reviewed"}[eligible]
            _event(case, Stage.REGISTRATION, when, DONE if eligible else NOTED,
                   f"{person.name}报名（{post.title}），{verdict}",
                   f"{person.name} applied for {post.code}: {verdict_en}",
                   procedure.QUALIFIED, person_id)  # fmt: skip
            result = {
                "case": case.id, "person": person_id, "name": person.name, "post": post.code,
                "registered_on": when, "unit_consent": unit_consent, "eligible": eligible,
                "eligibility": details,
            }  # fmt: skip
            audit_write(ctx, org, "case.register", "cadre_candidate", person_id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def test_score(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    score: str,
    on: date | str | None = None,
) -> dict[str, Any]:
    """测试测评 (第二十、二十一条): a qualified applicant's score recorded."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.TESTING, when)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            cand = _candidate(case, person_id)
            if cand is None or cand.registered_on is None or cand.eligible is False:
                _refuse(Stage.TESTING, Refusal(
                    "cadre.testing.unqualified", procedure.QUALIFIED,
                    f"{person.name}未报名或资格审查未通过，不得参加测试测评",
                    f"{person.name} did not register or is not qualified: no test",
                ), person_id)  # fmt: skip
            if not score or not str(score).strip():
                raise InvalidInput("score", score, "must not be empty")
            assert cand is not None
            CadreCandidate.update(score=str(score).strip(), tested_on=when).where(
                CadreCandidate.id == cand.id
            ).execute()
            _stage_row(case, Stage.TESTING, when, {"tested": [person_id]})
            _event(case, Stage.TESTING, when, DONE, f"{person.name}测试测评成绩{score}",
                   f"{person.name} scored {score}", procedure.OPEN_STAGES, person_id)  # fmt: skip
            result = {"case": case.id, "person": person_id, "score": str(score).strip(),
                      "tested_on": when}  # fmt: skip
            audit_write(ctx, org, "case.test", "cadre_candidate", person_id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


# --------------------------------------------------------------------------- 民主推荐


def recommend(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    kind: str,
    participants: int,
    votes: Mapping[int, int],
    on: date | str | None = None,
    scattered: bool = False,
) -> dict[str, Any]:
    """民主推荐 (第十四条): one round's votes per person (会议推荐, 谈话推荐, 二次会议推荐 —
    the last among the first meeting's candidates, when the votes scattered: ``scattered``
    is the 党委's judgement, recorded; the result carries zhidu's hint)."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            which = parse_vocabulary(RecommendationKind, "kind", kind)
            _order(case, Stage.RECOMMENDATION, when)
            facts = _Facts(ctx, org, when)
            took_part = whole("participants", participants, minimum=1)
            if not votes:
                raise InvalidInput("votes", "", "give each person's votes (PERSON=VOTES)")
            for pid, count in votes.items():
                facts.person(pid)
                if whole("votes", count) > took_part:
                    raise InvalidInput("votes", f"{pid}={count}",
                                       f"more than the {took_part} who took part")  # fmt: skip
            if which is RecommendationKind.SECOND_MEETING:
                first = {
                    r.person
                    for r in CadreRecommendation.select().where(
                        (CadreRecommendation.case == case.id)
                        & (CadreRecommendation.kind == RecommendationKind.MEETING.zh)
                    )
                }
                _refuse(Stage.RECOMMENDATION, procedure.second_round_refusal(first, votes))
            posts = _case_posts(case, facts)
            only = posts[0][0].id if len(posts) == 1 else None
            for pid, count in votes.items():
                CadreRecommendation.create(case=case.id, kind=which.zh, held_on=when,
                                           participants=took_part, person=pid, votes=count,
                                           scattered=scattered)  # fmt: skip
                if count > 0:
                    _ensure_candidate(case, pid, "推荐", only)
            hint = procedure.scatter_hint(votes, took_part)
            _stage_row(case, Stage.RECOMMENDATION, when, {"rounds": [which.zh]})
            leader = max(votes.items(), key=lambda kv: kv[1])
            _event(case, Stage.RECOMMENDATION, when, DONE,
                   f"{which.zh}：{took_part}人参加，{len(votes)}人得票，最高{leader[1]}票"
                   + ("（票数分散）" if scattered else ""),
                   f"{which.en}: {took_part} took part, {len(votes)} named, top {leader[1]}"
                   + (" (scattered)" if scattered else ""),
                   procedure.SECOND_ROUND if which is RecommendationKind.SECOND_MEETING
                   else procedure.RECOMMENDATION_REQUIRED)  # fmt: skip
            result = {
                "case": case.id, "kind": which.zh, "held_on": when, "participants": took_part,
                "votes": {str(k): v for k, v in votes.items()}, "scattered": scattered,
                "scatter_hint": hint,
                "valid_until": procedure.recommendation_valid_until(
                    when, facts.value("cadre.recommendation_valid_years")),
            }  # fmt: skip
            audit_write(ctx, org, "case.recommend", "cadre_case", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


# --------------------------------------------------------------------------- 考察


def inspect(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    team: Sequence[int],
    candidates: Sequence[int],
    on: date | str | None = None,
    post_code: str | None = None,
) -> dict[str, Any]:
    """考察 (第十五条): the team (two or more, none kin of a candidate — 第二十五条) and the
    考察对象, each checked against the exclusions, the qualifications and — where the case
    held 民主推荐 — a recommendation still valid. Returns the warnings (等额考察)."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.INSPECTION, when)
            facts = _Facts(ctx, org, when)
            if not candidates:
                raise InvalidInput("candidates", "", "name at least one 考察对象")
            for pid in (*team, *candidates):
                facts.person(pid)
            minimum = facts.value("cadre.inspection_team_min")
            refusals = procedure.team_refusals(team, candidates, facts.kin_pairs(), minimum)
            if refusals:
                _refuse(Stage.INSPECTION, refusals[0])
            method = _method(case)
            held = _stages(case.id)
            years = facts.value("cadre.recommendation_valid_years")
            lookback = facts.value("cadre.inspection_rating_years")
            names = []
            for pid in candidates:
                person = facts.person(pid)
                post = _candidate_post(case, facts, pid, post_code)
                cand = _candidate(case, pid)
                if method is Method.ORGANIZATION or Stage.RECOMMENDATION in held:
                    latest = _latest_recommendation(case, pid)
                    if method is not Method.ORGANIZATION and latest is None:
                        latest = when if cand is not None and cand.tested_on else None
                    _refuse(Stage.INSPECTION,
                            procedure.recommendation_refusal(person.name, latest, when, years),
                            pid)  # fmt: skip
                if method is not Method.ORGANIZATION and (cand is None or cand.tested_on is None):
                    _refuse(Stage.INSPECTION, Refusal(
                        "cadre.inspection.untested", procedure.OPEN_STAGES,
                        f"{person.name}未经报名、资格审查和测试测评，不得列为考察对象",
                        f"{person.name} was not registered, reviewed and tested",
                    ), pid)  # fmt: skip
                found = procedure.exclusions(
                    _candidate_facts(ctx, org, facts, pid, _rank(post), when), when, lookback
                )
                if found:
                    _refuse(Stage.INSPECTION, found[0], pid)
                row = _ensure_candidate(case, pid, "推荐", post.id)
                CadreCandidate.update(inspected_on=when, post=post.id).where(
                    CadreCandidate.id == row.id
                ).execute()
                names.append(person.name)
            _stage_row(case, Stage.INSPECTION, when,
                       {"inspections": [{"on": when, "team": list(team),
                                         "candidates": list(candidates)}]})  # fmt: skip
            team_names = "、".join(facts.person(p).name for p in team)
            _event(case, Stage.INSPECTION, when, DONE,
                   f"考察：{'、'.join(names)}；考察组{team_names}",
                   f"inspection of {len(names)} candidate(s) by a team of {len(team)}",
                   procedure.TEAM)  # fmt: skip
            warnings = _case_warnings(case, facts)
            for w in warnings:
                _event(case, Stage.INSPECTION, when, NOTED, w.message_zh, w.message_en,
                       w.citation)  # fmt: skip
            result = {
                "case": case.id, "on": when, "team": list(team), "candidates": list(candidates),
                "findings": [w.as_dict() for w in warnings],
            }  # fmt: skip
            audit_write(ctx, org, "case.inspect", "cadre_case", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def record_check(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    kind: str,
    on: date | str | None = None,
    result: str = "",
) -> dict[str, Any]:
    """One of 凡提四必 (第十五条) recorded for a 考察对象."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            which = parse_vocabulary(CheckKind, "kind", kind)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            cand = _candidate(case, person_id)
            if cand is None or cand.inspected_on is None:
                _refuse(Stage.INSPECTION, Refusal(
                    "cadre.inspection.not-candidate", procedure.PROCEDURE,
                    f"{person.name}不是本案考察对象",
                    f"{person.name} is not inspected in this case",
                ), person_id)  # fmt: skip
            if CadreInspectionCheck.get_or_none(
                (CadreInspectionCheck.case == case.id)
                & (CadreInspectionCheck.person == person_id)
                & (CadreInspectionCheck.kind == which.zh)
            ):
                raise Conflict("kind", which.zh, f"already recorded for person {person_id}")
            CadreInspectionCheck.create(case=case.id, person=person_id, kind=which.zh,
                                        checked_on=when, result=result.strip())  # fmt: skip
            _event(case, Stage.INSPECTION, when, DONE, f"{person.name}：{which.zh}",
                   f"{person.name}: {which.en}", procedure.FOUR_CHECKS, person_id)  # fmt: skip
            out = {"case": case.id, "person": person_id, "kind": which.zh, "checked_on": when,
                   "result": result.strip()}  # fmt: skip
            audit_write(ctx, org, "case.check", "cadre_inspection_check", person_id, out)
        return out

    return _attempt(ctx, org_code, case_id, when, work)


# --------------------------------------------------------------------------- committee


def add_member(
    ctx: Context,
    org_code: str,
    *,
    body: str,
    person_id: int,
    since: date | str,
    until: date | str | None = None,
) -> dict[str, Any]:
    """A member of the 党委全委会 or 常委会 (the roster the votes count members from)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        which = parse_vocabulary(Body, "body", body)
        first = on_date("since", since)
        last = None if until in (None, "") else on_date("until", until)
        if last is not None and last < first:
            raise InvalidInput("until", last.isoformat(), f"is before since {first.isoformat()}")
        person = _Facts(ctx, org, first).person(person_id)
        for r in CadreCommitteeMember.select().where(
            (CadreCommitteeMember.org == org.id)
            & (CadreCommitteeMember.body == which.zh)
            & (CadreCommitteeMember.person == person_id)
        ):
            if (r.until is None or r.until >= first) and (last is None or r.since <= last):
                raise Conflict("person", person_id, f"already a member of {which.zh} then")
        row = CadreCommitteeMember.create(org=org.id, body=which.zh, person=person_id,
                                          since=first, until=last)  # fmt: skip
        result = {"id": row.id, "body": which.zh, "person": person_id, "name": person.name,
                  "since": first, "until": last}  # fmt: skip
        audit_write(ctx, org, "case.member", "cadre_committee_member", row.id, result)
    return result


def list_members(
    ctx: Context, org_code: str, body: str | None = None, on: date | str | None = None
) -> list[dict[str, Any]]:
    """The roster (of one body), or its members on a date."""
    org = org_row(ctx, org_code, Action.READ)
    query = CadreCommitteeMember.select().where(CadreCommitteeMember.org == org.id)
    if body:
        query = query.where(CadreCommitteeMember.body == parse_vocabulary(Body, "body", body).zh)
    if on not in (None, ""):
        when = on_date("on", on)
        query = query.where(
            (CadreCommitteeMember.since <= when)
            & (CadreCommitteeMember.until.is_null() | (CadreCommitteeMember.until >= when))
        )
    people = _Facts(ctx, org, ctx.today()).people
    return [
        {"id": r.id, "body": r.body, "person": r.person,
         "name": people[r.person].name if r.person in people else str(r.person),
         "since": r.since, "until": r.until}
        for r in query.order_by(CadreCommitteeMember.body, CadreCommitteeMember.id)
    ]  # fmt: skip


def _members(
    org: Any, body: Body, on: date, members: int | None, withdrawn: Sequence[int]
) -> tuple[int, list[int]]:
    """The member count from the roster (or typed, when the body has no roster that day)
    and the roster itself ([] without one)."""
    roster = _roster(org, body, on)
    if roster:
        if members is not None and members != len(roster):
            rule = f"the roster of {body.zh} on {on.isoformat()} has {len(roster)}"
            raise InvalidInput("members", members, rule)
        outside = [p for p in withdrawn if p not in roster]
        if outside:
            raise InvalidInput(
                "withdrawn", outside, f"not members of {body.zh} on {on.isoformat()}"
            )
        return len(roster), roster
    if members is None:
        rule = f"no roster of {body.zh} on {on.isoformat()}: give the number of members"
        raise InvalidInput("members", None, rule)
    return whole("members", members, minimum=1), []


def vote(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    present: int,
    yes: int,
    no: int,
    defer: int = 0,
    withdrawn: Sequence[int] = (),
    members: int | None = None,
    on: date | str | None = None,
    post_code: str | None = None,
) -> dict[str, Any]:
    """讨论决定 (第十六条) by secret ballot: the body by the post's rank (正处级 the full
    committee), members from the roster, members who are the person or kin withdrawn
    (第二十五条), 凡提四必 recorded, the recommendation still valid; passed when yes are
    more than half of ALL members."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.DECISION, when)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            cand = _candidate(case, person_id)
            if cand is None or cand.inspected_on is None:
                _refuse(Stage.DECISION, Refusal(
                    "cadre.decision.not-inspected", procedure.PROCEDURE,
                    f"{person.name}未经考察，不得讨论决定",
                    f"{person.name} was not inspected: no decision",
                ), person_id)  # fmt: skip
            post = _candidate_post(case, facts, person_id, post_code)
            rank = _rank(post)
            body = Body.for_rank(rank)
            if _method(case) is Method.ORGANIZATION or _latest_recommendation(case, person_id):
                _refuse(Stage.DECISION, procedure.recommendation_refusal(
                    person.name, _latest_recommendation(case, person_id), when,
                    facts.value("cadre.recommendation_valid_years")), person_id)  # fmt: skip
            required = procedure.required_checks(
                rank,
                procedure.personnel_unit(facts.unit_names(post.unit_id)),
                facts.promotion(person_id, rank, when),
            )
            recorded = [
                parse_vocabulary(CheckKind, "kind", r.kind)
                for r in CadreInspectionCheck.select().where(
                    (CadreInspectionCheck.case == case.id)
                    & (CadreInspectionCheck.person == person_id)
                )
            ]
            _refuse(Stage.DECISION, procedure.missing_checks(person.name, required, recorded),
                    person_id)  # fmt: skip
            _refuse(Stage.DECISION, _standing_refusal(case, person), person_id)
            out = [int(p) for p in withdrawn]
            if len(set(out)) != len(out):
                raise InvalidInput("withdrawn", out, "a member is listed twice")
            for pid in out:
                facts.person(pid)
            count, roster = _members(org, body, when, members, out)
            concerned = ({person_id} | facts.kin_of(person_id)) & set(roster)
            stayed = sorted(concerned - set(out))
            if stayed:
                _refuse(Stage.DECISION, Refusal(
                    "cadre.decision.withdrawal", committee.WITHDRAWAL,
                    f"委员（人员{stayed}）系{person.name}本人或其亲属，须回避",
                    f"member(s) {stayed} are {person.name} or kin and must withdraw",
                ), person_id)  # fmt: skip
            ballot = committee.Vote(body, count, whole("present", present), whole("yes", yes),
                                    whole("no", no), whole("defer", defer), len(out))  # fmt: skip
            decision = committee.decide(ballot, committee.rule_from(facts.value))
            CadreVote.create(
                case=case.id, person=person_id, post=post.id, kind=VOTE, held_on=when,
                body=body.zh, members=count, present=ballot.present,
                withdrawn=json.dumps(out), yes=ballot.yes, no=ballot.no, defer=ballot.defer,
                quorate=decision.quorate, passed=decision.passed,
            )  # fmt: skip
            _stage_row(case, Stage.DECISION, when, {"voted": [person_id]})
            zh, en = decision.outcome
            _event(case, Stage.DECISION, when, DONE if decision.passed else NOT_PASSED,
                   f"{body.zh}表决{person.name}任{post.title}：{zh}（应到{count}，到会{ballot.present}，"
                   f"同意{ballot.yes}）",
                   f"{body.en} on {person.name} for {post.code}: {en} ({ballot.yes} yes of "
                   f"{count} members, {ballot.present} present)",
                   committee.MAJORITY if decision.quorate else committee.QUORUM,
                   person_id)  # fmt: skip
            result = {"case": case.id, "person": person_id, "name": person.name,
                      "post": post.code, "held_on": when, "roster": bool(roster),
                      "withdrawn": out} | decision.as_dict()  # fmt: skip
            audit_write(ctx, org, "case.vote", "cadre_vote", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def _standing_refusal(case: CadreCase, person: Person) -> Refusal | None:
    """A quorate vote on a person stands until a 复议 is agreed (第十六条)."""
    standing = None
    for v in _votes(case, person.id):
        if v.kind == VOTE and v.quorate:
            standing = v
        elif v.kind == RECONSIDER and v.passed:
            standing = None
    if standing is None:
        return None
    zh = "通过" if standing.passed else "未通过"
    return Refusal(
        "cadre.decision.reconsider",
        committee.RECONSIDERATION,
        f"{standing.held_on.isoformat()}已表决{person.name}（{zh}），再次表决须先经复议",
        f"{person.name} was voted on {standing.held_on.isoformat()}: a new vote needs a "
        "reconsideration agreed first",
    )


def defer(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    reason: str,
    on: date | str | None = None,
) -> dict[str, Any]:
    """暂缓表决 (第十六条 "分歧较大或有重大问题不清楚的,应当暂缓表决")."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.DECISION, when)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            if not reason or not reason.strip():
                raise InvalidInput("reason", reason, "say why the vote is deferred")
            post = _candidate_post(case, facts, person_id, None)
            body = Body.for_rank(_rank(post))
            CadreVote.create(case=case.id, person=person_id, post=post.id, kind=DEFER,
                             held_on=when, body=body.zh, members=0,
                             note=reason.strip())  # fmt: skip
            _event(case, Stage.DECISION, when, NOTED, f"{person.name}暂缓表决：{reason.strip()}",
                   f"vote on {person.name} deferred: {reason.strip()}", committee.DEFERRAL,
                   person_id)  # fmt: skip
            result = {"case": case.id, "person": person_id, "kind": DEFER, "held_on": when,
                      "reason": reason.strip()}  # fmt: skip
            audit_write(ctx, org, "case.defer", "cadre_vote", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def reconsider(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    yes: int,
    members: int | None = None,
    on: date | str | None = None,
) -> dict[str, Any]:
    """复议 (第十六条): agreed when more than half of the members vote for it; then the
    person may be voted on again."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            if _standing_refusal(case, person) is None:
                _refuse(Stage.DECISION, Refusal(
                    "cadre.decision.nothing-to-reconsider", committee.RECONSIDERATION,
                    f"{person.name}没有可复议的决定", f"no decision on {person.name} to reconsider",
                ), person_id)  # fmt: skip
            post = _candidate_post(case, facts, person_id, None)
            body = Body.for_rank(_rank(post))
            count, _ = _members(org, body, when, members, ())
            agreed = committee.reconsider_allowed(count, whole("yes", yes),
                                                  committee.rule_from(facts.value))  # fmt: skip
            CadreVote.create(case=case.id, person=person_id, post=post.id, kind=RECONSIDER,
                             held_on=when, body=body.zh, members=count, yes=yes,
                             quorate=True, passed=agreed)  # fmt: skip
            _event(case, Stage.DECISION, when, DONE if agreed else NOT_PASSED,
                   f"复议{person.name}：{yes}/{count}同意，{'同意复议' if agreed else '不予复议'}",
                   f"reconsideration of {person.name}: {yes} of {count}, "
                   f"{'agreed' if agreed else 'not agreed'}", committee.RECONSIDERATION,
                   person_id)  # fmt: skip
            result = {"case": case.id, "person": person_id, "members": count, "yes": yes,
                      "agreed": agreed, "held_on": when}  # fmt: skip
            audit_write(ctx, org, "case.reconsider", "cadre_vote", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


# --------------------------------------------------------------------------- 任前公示


def notice(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    start: date | str | None = None,
    days: int | None = None,
) -> dict[str, Any]:
    """任前公示 (第十七条) of everyone decided and not yet noticed, from ``start`` for
    ``days`` working days (the parameter, at least five) on the organization's calendar.
    A period reaching a year without holiday data carries the assumption's warning."""
    when = on_date("start", start, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.NOTICE, when)
            facts = _Facts(ctx, org, when)
            least = facts.value("cadre.notice_working_days")
            count = least if days is None else whole("days", days, minimum=1)
            if count < least:
                rule = f"公示期不少于{least}个工作日 (第十七条: at least {least} working days)"
                raise InvalidInput("days", count, rule)
            noticed = {n.person for n in CadreNotice.select().where(CadreNotice.case == case.id)}
            decided = [
                (v.person, v)
                for v in (_passed(case, pid) for pid in _decided_people(case))
                if v is not None and v.person not in noticed
            ]
            if not decided:
                raise InvalidInput("case", case.id, "nobody decided awaits a notice (无待公示人选)")
            for pid, v in decided:
                if when < v.held_on:
                    _refuse(Stage.NOTICE, Refusal(
                        "cadre.notice.before-decision", procedure.NOTICE,
                        f"公示{when.isoformat()}早于党委决定（{v.held_on.isoformat()}）",
                        f"the notice of {when.isoformat()} precedes the decision of "
                        f"{v.held_on.isoformat()}",
                    ), pid)  # fmt: skip
            counts = bool(facts.value("core.workdays.start_day_counts"))
            period = facts.check.calendar.add_working_days(when, count, start_counts=counts)
            assumed = ",".join(str(y) for y in period.assumed_years)
            for pid, v in decided:
                CadreNotice.create(case=case.id, person=pid, post=v.post, start=when,
                                   end=period.end, working_days=count, assumed=assumed)  # fmt: skip
            people = facts.people
            names = "、".join(people[pid].name for pid, _ in decided)
            warning_zh, warning_en = period.warning_zh(), period.warning_en()
            _stage_row(case, Stage.NOTICE, when, {"noticed": [pid for pid, _ in decided]})
            _event(case, Stage.NOTICE, when, DONE,
                   f"任前公示：{names}，{when.isoformat()}至{period.end.isoformat()}（{count}个工作日）"
                   + (f"；{warning_zh}" if warning_zh else ""),
                   f"notice of {len(decided)}: {when.isoformat()} to {period.end.isoformat()} "
                   f"({count} working days)" + (f"; {warning_en}" if warning_en else ""),
                   procedure.NOTICE)  # fmt: skip
            result = {
                "case": case.id, "start": when, "end": period.end, "working_days": count,
                "people": [pid for pid, _ in decided], "names": names,
                "assumed_years": list(period.assumed_years),
                "warning_zh": warning_zh, "warning_en": warning_en,
            }  # fmt: skip
            audit_write(ctx, org, "case.notice", "cadre_case", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def _decided_people(case: CadreCase) -> list[int]:
    rows = CadreVote.select(CadreVote.person).where(CadreVote.case == case.id).distinct()
    return sorted(r.person for r in rows)


def notice_result(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    affects: bool,
    note: str = "",
) -> dict[str, Any]:
    """公示结果: whether what was reported during the notice stands in the way of the
    appointment (第十七条 "公示结果不影响任职的,办理任职手续")."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        case = _writable(org, case_id)
        row = CadreNotice.get_or_none(
            (CadreNotice.case == case.id) & (CadreNotice.person == person_id)
        )
        if row is None:
            raise NotFound(
                "notice", person_id, f"person {person_id} has no notice in case {case.id}"
            )
        CadreNotice.update(affects=affects, note=note.strip()).where(
            CadreNotice.id == row.id
        ).execute()
        words = "影响任职" if affects else "不影响任职"
        said = f"公示结果：{words}。{note.strip()}".rstrip("。")
        _event(case, Stage.NOTICE, ctx.today(), NOTED, said,
               f"notice result: {'affects' if affects else 'does not affect'} the appointment",
               procedure.NOTICE, person_id)  # fmt: skip
        result = {"case": case.id, "person": person_id, "affects": affects, "note": note.strip()}
        audit_write(ctx, org, "case.notice-result", "cadre_notice", row.id, result)
    return result


def notice_document(ctx: Context, org_code: str, case_id: int) -> OfficialDocument:
    """The 任前公示 of the case's latest notice, as the core's template lays it out."""
    org = org_row(ctx, org_code, Action.READ)
    case = _case_row(org, case_id)
    rows = list(CadreNotice.select().where(CadreNotice.case == case.id).order_by(CadreNotice.id))
    if not rows:
        raise NotFound("notice", case_id, "the case has no 任前公示 yet (zhidu cadre case notice)")
    start = max(r.start for r in rows)
    batch = [r for r in rows if r.start == start]
    facts = _Facts(ctx, org, start)
    people, posts = facts.people, facts.posts
    bodies = {v.body for r in batch if (v := _passed(case, r.person)) is not None}
    unit = f"中共{org.name}委员会组织部"
    return pre_appointment_notice(
        issuer=unit,
        candidates=[
            NoticeCandidate(
                name=people[r.person].name,
                gender=people[r.person].gender.value,
                birth=people[r.person].birth_date,
                political_status=(ps.value if (ps := people[r.person].political_status) else ""),
                current_post=facts.current_post(r.person, start) or "—",
                proposed_post=posts[r.post].title,
            )
            for r in batch
        ],
        period_start=start,
        period_end=batch[0].end,
        working_days=batch[0].working_days,
        contact=Contact(office="学校党委组织部"),
        signature=unit,
        date=start,
        decided_by="学校" + ("、".join(sorted(bodies)) or Body.STANDING_COMMITTEE.zh),
    )


def summary_document(
    ctx: Context, org_code: str, case_id: int, person_id: int, on: date | str | None = None
) -> OfficialDocument:
    """The 干部任免审批表 of one person of the case (第十五条: it goes into the file)."""
    from plugins.cadre.tables.management import CadreAssessment

    org = org_row(ctx, org_code, Action.READ)
    case = _case_row(org, case_id)
    when = on_date("on", on, ctx.today())
    facts = _Facts(ctx, org, when)
    person = facts.person(person_id)
    if _candidate(case, person_id) is None:
        raise NotFound("candidate", person_id, f"not a candidate of case {case.id}")
    decision = _passed(case, person_id)
    post = (
        facts.posts[decision.post]
        if decision and decision.post
        else _candidate_post(case, facts, person_id, None)
    )
    ratings = sorted(
        (r.year, r.grade)
        for r in CadreAssessment.select().where(
            (CadreAssessment.org == org.id)
            & (CadreAssessment.person == person_id)
            & (CadreAssessment.kind == ANNUAL)
            & CadreAssessment.year.is_null(False)
        )
    )[-3:]
    terms = sorted(
        (t for t in facts.check.terms if t.person_id == person_id), key=lambda t: t.start
    )
    resume = tuple(
        f"{t.start.strftime('%Y.%m')}—{t.end.strftime('%Y.%m') if t.end else '    '}  "
        f"{facts.posts[t.post_id].title}"
        for t in terms
    )
    education = "、".join(
        x for x in ((person.education.value if person.education else ""),
                    (person.degree.value if person.degree else "")) if x and x != "无"
    )  # fmt: skip
    reason = (
        f"经{decision.body}{decision.held_on.isoformat()}讨论决定"
        if decision
        else f"{case.title}（{case.method}）"
    )
    record = AppointmentRecord(
        name=person.name,
        gender=person.gender.value,
        birth=person.birth_date,
        current_post=facts.current_post(person_id, when),
        proposed_post=post.title,
        work_start=person.employment_start,
        title=person.title or "",
        education=education,
        resume=resume,
        assessments="；".join(f"{y}年{g}" for y, g in ratings),
        reason=reason,
    )
    return appointment_summary(record, reporting_unit=f"中共{org.name}委员会组织部", date=when)


def write_document(document: OfficialDocument, path: str | Path) -> Path:
    """Write a case's document as .docx (``--docx FILE``)."""
    return Path(render_docx(document, Path(path)))


# --------------------------------------------------------------------------- 任职


def talk(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    kind: str,
    on: date | str | None = None,
    by: str = "",
) -> dict[str, Any]:
    """任职谈话 / 廉政谈话 (第十七条) with a person the committee decided to appoint."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            which = parse_vocabulary(TalkKind, "kind", kind)
            person = _Facts(ctx, org, when).person(person_id)
            decision = _passed(case, person_id)
            if decision is None or when < decision.held_on:
                _refuse(Stage.APPOINTMENT, Refusal(
                    "cadre.talk.no-decision", procedure.TALKS,
                    f"{person.name}尚未经党委决定任用，不进行{which.zh}",
                    f"{person.name} is not yet decided: no {which.en}",
                ), person_id)  # fmt: skip
            CadreTalk.create(case=case.id, person=person_id, kind=which.zh, held_on=when,
                             by=by.strip())  # fmt: skip
            _event(case, Stage.APPOINTMENT, when, DONE,
                   f"{person.name}：{which.zh}" + (f"（{by.strip()}）" if by.strip() else ""),
                   f"{person.name}: {which.en}", procedure.TALKS, person_id)  # fmt: skip
            result = {"case": case.id, "person": person_id, "kind": which.zh, "held_on": when,
                      "by": by.strip()}  # fmt: skip
            audit_write(ctx, org, "case.talk", "cadre_talk", case.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def _avoidance(
    ctx: Context, org_code: str, person_id: int, post_code: str, on: date
) -> tuple[Finding, ...]:
    from plugins.cadre.services import tenure

    return tuple(tenure.avoidance_for(ctx, org_code, person_id, post_code, on))


def appoint(
    ctx: Context,
    org_code: str,
    case_id: int,
    *,
    person_id: int,
    on: date | str | None = None,
    appointed_by: str = AppointedBy.APPOINTMENT.value,
    keep_previous: bool = False,
    term_id: int | None = None,
) -> dict[str, Any]:
    """任职 (第十七条): the core term from the decision's date, with a year's probation for
    a promotion; refused over the headcount (第三十四条（一）), during a probation, while
    the notice runs or its result stands in the way, before the talks, or on an avoidance
    violation (第二十四条). The person's other posts end the day before, unless kept.

    ``term_id`` links a term already recorded (a case entered after the fact): it must be
    the person's, in the decided post, from the decision's date; nothing else is written
    to the core."""
    when = on_date("on", on, ctx.today())

    def work() -> dict[str, Any]:
        with ctx.transaction():
            org = org_row(ctx, org_code, Action.EDIT_TERMS)
            case = _writable(org, case_id)
            _order(case, Stage.APPOINTMENT, when)
            facts = _Facts(ctx, org, when)
            person = facts.person(person_id)
            if CadreAppointment.get_or_none((CadreAppointment.case == case.id)
                                            & (CadreAppointment.person == person_id)):  # fmt: skip
                raise Conflict("person", person_id, f"already appointed in case {case.id}")
            decision = _passed(case, person_id)
            post = facts.posts[decision.post] if decision and decision.post else (
                _candidate_post(case, facts, person_id, None))  # fmt: skip
            rank = _rank(post)
            start = decision.held_on if decision else when
            promotion = facts.promotion(person_id, rank, start - timedelta(days=1))
            linked = _linked_term(facts, term_id, person_id, post, start)
            notice_row = CadreNotice.get_or_none(
                (CadreNotice.case == case.id) & (CadreNotice.person == person_id)
            )
            talks = tuple(
                parse_vocabulary(TalkKind, "kind", t.kind)
                for t in CadreTalk.select().where(
                    (CadreTalk.case == case.id) & (CadreTalk.person == person_id)
                )
            )
            probation = [
                t.probation_end
                for t in facts.serving_terms(person_id, when)
                if t.probation_end is not None and t.probation_end >= when and t.post_id != post.id
            ]
            serving = [
                t for t in facts.check.terms
                if t.post_id == post.id and (t.end is None or t.end >= start)
                and t.person_id != person_id
            ]  # fmt: skip
            found = procedure.appointment_refusals(
                procedure.AppointmentFacts(
                    name=person.name, post=post.title, rank=rank, on=when,
                    decided_on=decision.held_on if decision else None, promotion=promotion,
                    notice_end=notice_row.end if notice_row else None,
                    notice_affects=bool(notice_row.affects) if notice_row else False,
                    talks=talks, probation_until=max(probation) if probation else None,
                    serving=len(serving), headcount=post.headcount,
                    avoidance=_avoidance(ctx, org.code, person_id, post.code, when)
                    if decision else (),
                )
            )  # fmt: skip
            if found:
                _refuse(Stage.APPOINTMENT, found[0], person_id)
            ended: list[int] = []
            if not keep_previous and linked is None:
                for t in facts.serving_terms(person_id, start):
                    last = start - timedelta(days=1)
                    end_term(ctx, org.code, t.id, end=last, reason=EndReason.OTHER,
                             note=f"任{post.title}（选拔任用案件{case.id}）")  # fmt: skip
                    ended.append(t.id)
            years = facts.value("cadre.appointment_probation_years")
            until = procedure.probation_end(start, years) if promotion else None
            if linked is not None:
                term, until = linked, linked.probation_end
            else:
                term = add_term(ctx, org.code, post_code=post.code, person_id=person_id,
                                start=start, appointed_by=appointed_by, probation_end=until,
                                note=f"选拔任用案件{case.id}：{case.title}")  # fmt: skip
            CadreAppointment.create(case=case.id, person=person_id, post=post.id,
                                    term=term.id, start=start, probation_end=until,
                                    appointed_on=when)  # fmt: skip
            _stage_row(case, Stage.APPOINTMENT, when, {"appointed": [person_id]})
            _event(case, Stage.APPOINTMENT, when, DONE,
                   f"{person.name}任{post.title}，任职时间自{start.isoformat()}起"
                   + (f"，试用期至{until.isoformat()}" if until else ""),
                   f"{person.name} appointed {post.code} from {start.isoformat()}"
                   + (f", probation until {until.isoformat()}" if until else ""),
                   procedure.DECISION_DATE, person_id)  # fmt: skip
            result = {"case": case.id, "person": person_id, "name": person.name,
                      "post": post.code, "term": term.id, "start": start,
                      "probation_end": until, "review_due": until, "ended_terms": ended,
                      "appointed_on": when}  # fmt: skip
            audit_write(ctx, org, "case.appoint", "cadre_appointment", term.id, result)
        return result

    return _attempt(ctx, org_code, case_id, when, work)


def _linked_term(
    facts: _Facts, term_id: int | None, person_id: int, post: Post, start: date
) -> Term | None:
    if term_id is None:
        return None
    term = next((t for t in facts.check.terms if t.id == term_id), None)
    if term is None:
        raise NotFound("term", term_id, f"no such term in {facts.check.org.code}")
    if term.person_id != person_id or term.post_id != post.id or term.start != start:
        raise InvalidInput(
            "term", term_id,
            f"is not person {person_id}'s term in {post.code} from {start.isoformat()} "
            "(the decision's date, 第十七条)",
        )  # fmt: skip
    if CadreAppointment.get_or_none(CadreAppointment.term == term_id):
        raise Conflict("term", term_id, "already linked to a case")
    return term


# --------------------------------------------------------------------------- checks


def case_findings(check: CheckContext) -> Iterator[Finding]:
    """Cases stalled and notices running (the plugin's Check). The probation review due
    at a term's ``probation_end`` is the management part's finding
    (``cadre.probation-review``), for every term, the cases' ones included."""
    org_id = check.org.id
    on = check.on
    stall = int(check.parameter("cadre.case_stall_days"))  # type: ignore[call-overload]
    for case in CadreCase.select().where((CadreCase.org == org_id) & CadreCase.closed_on.is_null()):
        seats = sum(r.seats for r in CadreCasePost.select().where(CadreCasePost.case == case.id))
        appointed = CadreAppointment.select().where(CadreAppointment.case == case.id).count()
        if appointed >= seats:
            continue
        dates = [case.opened_on] + [
            e.happened_on for e in CadreCaseEvent.select().where(
                (CadreCaseEvent.case == case.id) & (CadreCaseEvent.outcome != REFUSED))
        ]  # fmt: skip
        last = max(d for d in dates if d <= on) if any(d <= on for d in dates) else case.opened_on
        if (on - last).days > stall:
            yield Finding(
                Severity.WARNING, "cadre.case.stalled", case.title, procedure.STALLED,
                f"选拔任用案件{case.id}自{last.isoformat()}起已{(on - last).days}天无进展",
                f"selection case {case.id} has not moved since {last.isoformat()} "
                f"({(on - last).days} days)",
                due=last + timedelta(days=stall), subject_key=f"case:{case.id}",
            )  # fmt: skip
    people = {p.id: p.name for p in check.people}
    posts = {p.id: p for p in check.posts}
    for n in (
        CadreNotice.select()
        .join(CadreCase, on=(CadreNotice.case == CadreCase.id))
        .where((CadreCase.org == org_id) & (CadreNotice.start <= on) & (CadreNotice.end >= on))
    ):
        name = people.get(n.person, str(n.person))
        yield Finding(
            Severity.DUE, "cadre.notice.running", name, procedure.NOTICE,
            f"{name}任{posts[n.post].title}的任前公示至{n.end.isoformat()}"
            + (f"（{n.assumed}年按周一至周五推定）" if n.assumed else ""),
            f"{name}'s pre-appointment notice for {posts[n.post].code} runs until "
            f"{n.end.isoformat()}" + (f" (weekdays assumed for {n.assumed})" if n.assumed else ""),
            due=n.end, subject_key=f"person:{n.person}",
        )  # fmt: skip
