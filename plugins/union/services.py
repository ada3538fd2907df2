"""The union's services: the self-assessment computed, and every write — membership
events and the facts the standards look at — authorized through the core, in one
transaction, audited (``union.*`` actions, plugin ``union``). Errors are one line."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from core.api import (
    Action,
    CheckContext,
    Conflict,
    Context,
    InvalidInput,
    NotFound,
    OfficialDocument,
    Person,
    Post,
    Term,
    add_term,
    audit,
    end_term,
    get_person,
    org_row,
    union_self_assessment,
)
from core.api import StandardResult as FormResult
from plugins.union import congress, rules, store
from plugins.union.parameters import limits_from

__all__ = [
    "Assessment",
    "add_award",
    "add_branch",
    "add_congress",
    "add_delegate",
    "add_guide",
    "add_hearing",
    "add_training",
    "agenda",
    "agenda_done",
    "appoint",
    "assess",
    "attendance",
    "certificate",
    "declare_duty",
    "elect_presidium",
    "facts_for",
    "join",
    "list_congresses",
    "list_delegates",
    "list_events",
    "mark_absent",
    "mark_present",
    "quorum",
    "record_academic",
    "record_attendance",
    "remove",
    "report",
    "resign",
    "seat_presidium",
    "self_assessment_document",
    "warn",
    "write_self_assessment",
]

EVENT_KINDS = ("加入", "任命", "警告", "免职", "辞职", "证书", "述职")


# --------------------------------------------------------------------------- helpers


def _date(field: str, value: date | str | None, default: date | None = None) -> date:
    if value is None or value == "":
        if default is None:
            raise InvalidInput(field, value, "a date is required (YYYY-MM-DD)")
        return default
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(field, value, "must be a date YYYY-MM-DD") from None


def _optional_date(field: str, value: date | str | None) -> date | None:
    return None if value in (None, "") else _date(field, value)


def _choice(field: str, value: str, choices: Iterable[str]) -> str:
    allowed = tuple(choices)
    if value not in allowed:
        raise InvalidInput(field, value, f"must be one of {', '.join(allowed)}")
    return value


def _count(field: str, value: int | str, minimum: int = 0) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(field, value, "must be a whole number") from None
    if number < minimum:
        raise InvalidInput(field, value, f"must be at least {minimum}")
    return number


def _text(field: str, value: str) -> str:
    if not value or not value.strip():
        raise InvalidInput(field, value, "must not be empty")
    return value.strip()


#: The audit entry ``<plugin>.<action>`` of a write, in the writer's transaction:
#: ``_audit(ctx, org, action, kind, row_id, after[, before])``.
_audit = functools.partial(audit.record_change, plugin="union")


def _member(ctx: Context, org_code: str, person_id: int) -> Person:
    return get_person(ctx, org_code, person_id)


def _row_dict(row: Any) -> dict[str, Any]:
    return dict(row.__data__)


def facts_for(check: CheckContext) -> rules.Facts:
    """The facts of the organization on the check's date (core values and the union's)."""
    return rules.Facts(
        check.on,
        check.units,
        check.people,
        check.posts,
        check.terms,
        **store.facts_rows(check.org.id),
    )


# --------------------------------------------------------------------------- assessing


@attrs.frozen
class Assessment:
    """The self-assessment computed for an organization on a date."""

    org: str
    name: str
    on: date
    results: tuple[rules.StandardResult, ...]

    @property
    def missed(self) -> tuple[int, ...]:
        return tuple(r.number for r in self.results if not r.met)

    def as_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "name": self.name,
            "on": self.on.isoformat(),
            "met": len(self.results) - len(self.missed),
            "missed": list(self.missed),
            "standards": [
                {
                    "number": r.number,
                    "met": r.met,
                    "figure": r.figure,
                    "offenders": list(r.offenders),
                    "citation": r.citation.as_dict(),
                }
                for r in self.results
            ],
        }


def assess(ctx: Context, org_code: str, on: date | str | None = None) -> Assessment:
    """The 14 standards of the 组织改革自评表, computed from the data on ``on`` (today)."""
    org = org_row(ctx, org_code, Action.RUN_CHECKS)
    check = CheckContext(ctx, org, _date("on", on, ctx.today()))
    results = rules.assess(facts_for(check), limits_from(check.parameter))
    return Assessment(org.code, org.name, check.on, results)


def self_assessment_document(assessment: Assessment) -> OfficialDocument:
    """The form of the file (core's ``union_self_assessment``), filled in from the data."""
    return union_self_assessment(
        union=assessment.name,
        results=[FormResult(r.met, r.note) for r in assessment.results],
        date=assessment.on,
    )


def write_self_assessment(assessment: Assessment, path: str | Path) -> Path:
    """Write the form as .docx — for ``zhidu union assess --docx`` and the interface's
    assessment screen alike, from an assessment already computed."""
    from core.api import render_docx

    target = Path(path)
    render_docx(self_assessment_document(assessment), target)
    return target


# --------------------------------------------------------------------------- membership


def _events(org_id: int, person_id: int) -> list[Any]:
    return list(
        store.UnionEvent.select()
        .where((store.UnionEvent.org == org_id) & (store.UnionEvent.person == person_id))
        .order_by(store.UnionEvent.happened_on, store.UnionEvent.id)
    )


def _is_member(org_id: int, person_id: int, on: date) -> bool:
    member = False
    for event in _events(org_id, person_id):
        if event.happened_on > on:
            break
        if event.kind == "加入":
            member = True
        elif event.kind in ("免职", "辞职") and (event.effective_on or event.happened_on) < on:
            member = False
    return member


def _event(
    ctx: Context, org: Any, person: Person, kind: str, on: date, **fields: Any
) -> dict[str, Any]:
    row = store.UnionEvent.create(org=org.id, person=person.id, kind=kind, happened_on=on, **fields)
    data = _row_dict(row) | {"person_name": person.name}
    _audit(ctx, org, f"event.{kind}", "union_event", row.id, data)
    return data


def join(
    ctx: Context, org_code: str, person_id: int, on: date | str, unit_code: str | None = None
) -> dict[str, Any]:
    """A person joins the union (第5条), optionally into a department."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        when = _date("on", on)
        unit_id = None
        if unit_code:
            unit_id = _unit(CheckContext(ctx, org, when), unit_code).id
        if _is_member(org.id, person.id, when):
            raise Conflict("person", person_id, f"{person.name} is already a member (已是会员)")
        return _event(ctx, org, person, "加入", when, unit=unit_id, note="第5条")


def _unit(check: CheckContext, code: str) -> Any:
    for unit in check.units:
        if unit.code == code:
            return unit
    raise InvalidInput("unit", code, f"no such unit in {check.org.code} (机构不存在)")


def _post(check: CheckContext, code: str) -> Post:
    for post in check.posts:
        if post.code == code:
            return post
    raise InvalidInput("post", code, f"no such post in {check.org.code} (职位不存在)")


def _serving(check: CheckContext, person_id: int) -> list[Term]:
    return [t for t in check.terms if t.person_id == person_id and t.covers(check.on)]


def appoint(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    post_code: str,
    on: date | str,
    by: str,
    recommended: bool = False,
    by_person: int | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Appoint a member to a post (五、四 1–2), recording the term in the core."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        when = _date("on", on)
        check = CheckContext(ctx, org, when)
        post = _post(check, post_code)
        if not _is_member(org.id, person.id, when):
            raise InvalidInput(
                "person", person_id, f"{person.name} has not joined (须先入会, 第5条)"
            )
        head = False
        if by_person is not None:
            heads = {p.id: p for p in check.posts if p.unit_id == post.unit_id and p.rank == "部长"}
            head = any(t.post_id in heads for t in _serving(check, by_person))
        citation = rules.check_appointment(
            post.rank, by, recommended=recommended, appointer_is_head=head
        )
        how = "聘任" if post.rank == "干事" else "委任"
        term = add_term(
            ctx, org_code, post_code=post.code, person_id=person.id, start=when,
            appointed_by=how, note=note or f"{by}任命",
        )  # fmt: skip
        return _event(
            ctx, org, person, "任命", when, post_code=post.code, authority=by,
            unit=post.unit_id, note=str(citation),
        ) | {"term_id": term.id}  # fmt: skip


def warn(
    ctx: Context, org_code: str, person_id: int, *, on: date | str, offence: str, note: str = ""
) -> dict[str, Any]:
    """A warning for one of the lesser offences (五、四 4: 轻者警告)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        when = _date("on", on)
        found = rules.check_warning(offence)
        if not _is_member(org.id, person.id, when):
            raise InvalidInput("person", person_id, f"{person.name} is not a member (非会员)")
        return _event(
            ctx, org, person, "警告", when, offence=found.code,
            note=(note.strip() + f" {found.citation}").strip(),
        )  # fmt: skip


def _end_terms(
    ctx: Context, org_code: str, check: CheckContext, person_id: int, last: date, reason: str
) -> list[int]:
    ended = []
    for term in _serving(check, person_id):
        if term.end is None:
            end_term(ctx, org_code, term.id, end=last, reason=reason)
            ended.append(term.id)
    return ended


def remove(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    on: date | str,
    offence: str,
    presidium_decided: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """Remove a member from every post (五、四 5: 立即免去其所任职务; a lesser offence only
    after the presidium decided, 五、四 4). A removed member gets no certificate."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        when = _date("on", on)
        found = rules.check_removal(offence, presidium_decided)
        check = CheckContext(ctx, org, when)
        if not _serving(check, person.id) and not _is_member(org.id, person.id, when):
            raise InvalidInput("person", person_id, f"{person.name} holds no post (无任职)")
        ended = _end_terms(ctx, org_code, check, person.id, when, "免职")
        return _event(
            ctx, org, person, "免职", when, offence=found.code, effective_on=when,
            note=(note.strip() + f" {found.citation}").strip(),
        ) | {"terms_ended": ended}  # fmt: skip


def resign(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    on: date | str,
    approved_by: str,
    leave_on: date | str | None = None,
) -> dict[str, Any]:
    """A resignation given on ``on``: it takes effect no earlier than one month later
    (五、三 4: 提前一个月提交辞职申请), approved by the person responsible; the terms end
    on that day (自愿辞职)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        given = _date("on", on)
        approver = _text("approved_by", approved_by)
        check = CheckContext(ctx, org, given)
        months = int(check.parameter("union.resignation_notice_months"))  # type: ignore[call-overload]
        earliest = rules.notice_end(given, months)
        last = _optional_date("leave_on", leave_on) or earliest
        if last < earliest:
            raise InvalidInput(
                "leave_on",
                last.isoformat(),
                f"is before {earliest.isoformat()}: notice of {months} month(s) is due "
                f"(提前一个月提交辞职申请, 五、三 4)",
            )
        if not _serving(check, person.id) and not _is_member(org.id, person.id, given):
            raise InvalidInput("person", person_id, f"{person.name} is not a member (非会员)")
        ended = _end_terms(ctx, org_code, check, person.id, last, "自愿辞职")
        return _event(
            ctx, org, person, "辞职", given, effective_on=last, authority=approver,
            note=str(rules.RESIGNATION),
        ) | {"terms_ended": ended, "earliest": earliest.isoformat()}  # fmt: skip


def certificate(ctx: Context, org_code: str, person_id: int, *, on: date | str) -> dict[str, Any]:
    """A certificate (证书/聘书) for at least one year's service, never to the dismissed
    (五、三 6 and 9)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        when = _date("on", on)
        check = CheckContext(ctx, org, when)
        terms = [t for t in check.terms if t.person_id == person.id and t.start <= when]
        first = min((t.start for t in terms), default=None)
        last = when
        if terms and all(t.end is not None and t.end < when for t in terms):
            last = max(t.end for t in terms if t.end is not None)
        dismissed = any(e.kind == "免职" for e in _events(org.id, person.id))
        years = int(check.parameter("union.certificate_years"))  # type: ignore[call-overload]
        refusal = rules.certificate_refusal(first, last, dismissed, years)
        if refusal:
            raise InvalidInput("person", person_id, f"{person.name}: {refusal}")
        return _event(ctx, org, person, "证书", when, note=str(rules.CERTIFICATE))


def report(
    ctx: Context, org_code: str, person_id: int, *, on: date | str, summary: str
) -> dict[str, Any]:
    """A 述职 by a presidium member or a department's head (九)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        when = _date("on", on)
        text = _text("summary", summary)
        check = CheckContext(ctx, org, when)
        posts = {p.id: p for p in check.posts}
        ranks = {posts[t.post_id].rank for t in _serving(check, person.id)}
        if not ranks & {*rules.PRESIDIUM_RANKS, "部长", "副部长"}:
            raise InvalidInput(
                "person",
                person_id,
                f"{person.name} is neither in the presidium nor heads a department on "
                f"{when.isoformat()} (述职者为主席团成员和工作部门负责人, 九)",
            )
        return _event(ctx, org, person, "述职", when, note=text)


def list_events(ctx: Context, org_code: str, person_id: int | None = None) -> list[dict[str, Any]]:
    org = org_row(ctx, org_code, Action.READ)
    query = store.UnionEvent.select().where(store.UnionEvent.org == org.id)
    if person_id is not None:
        query = query.where(store.UnionEvent.person == person_id)
    rows = query.order_by(store.UnionEvent.happened_on, store.UnionEvent.id)
    return [_row_dict(r) for r in rows]


# --------------------------------------------------------------------------- facts


def _fact(ctx: Context, org: Any, model: Any, label: str, **values: Any) -> dict[str, Any]:
    row = model.create(org=org.id, **values)
    data = _row_dict(row)
    _audit(ctx, org, f"{label}.add", f"union_{label}", row.id, data)
    return data


def declare_duty(
    ctx: Context,
    org_code: str,
    *,
    unit_code: str,
    duty: str,
    on: date | str,
    administrative: bool | None = None,
) -> dict[str, Any]:
    """A department's declared duty (主要职责), for standard 1."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.MANAGE_UNITS)
        when = _date("on", on)
        unit = _unit(CheckContext(ctx, org, when), unit_code)
        return _fact(
            ctx, org, store.UnionDuty, "duty", unit=unit.id, duty=_text("duty", duty),
            administrative=administrative, declared_on=when,
        )  # fmt: skip


def add_congress(
    ctx: Context,
    org_code: str,
    *,
    held_on: date | str,
    kind: str,
    delegates: int | str,
    present: int | str,
    elects_presidium: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """A session of the congress (学生代表大会) or general assembly held (standards 8, 9)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        total = _count("delegates", delegates, 1)
        came = _count("present", present, 0)
        if came > total:
            raise InvalidInput("present", came, f"exceeds the {total} delegates")
        return _fact(
            ctx, org, store.UnionCongress, "congress", held_on=_date("held_on", held_on),
            kind=_choice("kind", kind, rules.CONGRESS_KINDS), delegates=total, present=came,
            elects_presidium=elects_presidium, note=note.strip(),
        )  # fmt: skip


def add_training(
    ctx: Context,
    org_code: str,
    *,
    held_on: date | str,
    season: str,
    attendees: Iterable[int] = (),
    all_staff: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """A staff training held (standard 10), with who attended (or all serving staff)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        when = _date("held_on", held_on)
        check = CheckContext(ctx, org, when)
        people = {p.id for p in check.people}
        came = set(attendees)
        if all_staff:
            came |= {t.person_id for t in check.terms if t.covers(when)}
        unknown = sorted(came - people)
        if unknown:
            raise NotFound("person", unknown[0], f"no such person in {org.code}")
        data = _fact(
            ctx, org, store.UnionTraining, "training", held_on=when,
            season=_choice("season", season, rules.SEASONS), note=note.strip(),
        )  # fmt: skip
        for person in sorted(came):
            store.UnionTrainingAttendee.create(training=data["id"], person=person)
        return data | {"attendees": sorted(came)}


def add_award(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    on: date | str,
    name: str,
    basis: str,
) -> dict[str, Any]:
    """An award, 测评加分 or 推免 nomination, and whether it followed the 评议 or the post (11)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _member(ctx, org_code, person_id)
        return _fact(
            ctx, org, store.UnionAward, "award", person=person.id,
            awarded_on=_date("on", on), name=_text("name", name),
            basis=_choice("basis", basis, rules.AWARD_BASES),
        )  # fmt: skip


def add_hearing(ctx: Context, org_code: str, *, on: date | str, topic: str) -> dict[str, Any]:
    """The Party organization heard the union's report (standard 12)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        return _fact(
            ctx, org, store.UnionHearing, "hearing", held_on=_date("on", on),
            topic=_text("topic", topic),
        )  # fmt: skip


def add_guide(
    ctx: Context,
    org_code: str,
    *,
    role: str,
    name: str,
    league_cadre: bool,
    start: date | str,
    end: date | str | None = None,
) -> dict[str, Any]:
    """The league officer guiding the union, or its secretary-general (standard 13)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        first = _date("start", start)
        last = _optional_date("end", end)
        if last is not None and last < first:
            raise InvalidInput("end", last.isoformat(), f"is before start {first.isoformat()}")
        return _fact(
            ctx, org, store.UnionGuide, "guide", role=_choice("role", role, rules.GUIDE_ROLES),
            name=_text("name", name), league_cadre=league_cadre, start=first, end=last,
        )  # fmt: skip


def add_branch(
    ctx: Context, org_code: str, *, founded_on: date | str, secretary: int | None = None
) -> dict[str, Any]:
    """The league branch (团支部) of the union's staff and its secretary (standard 14)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        if secretary is not None:
            _member(ctx, org_code, secretary)
        return _fact(
            ctx, org, store.UnionBranch, "branch", founded_on=_date("founded_on", founded_on),
            secretary=secretary,
        )  # fmt: skip


def record_academic(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    on: date | str,
    level: str,
    enrolled: int | str,
    failed: int | str = 0,
    basis: str | None = None,
    rank: int | str | None = None,
    size: int | str | None = None,
) -> dict[str, Any]:
    """A student's standing: level, 入学年份, ranking in the major and failed courses (7)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        person = _member(ctx, org_code, person_id)
        year = _count("enrolled", enrolled, 1950)
        ranked = None if rank in (None, "") else _count("rank", rank, 1)
        of = None if size in (None, "") else _count("size", size, 1)
        if (ranked is None) != (of is None) or (ranked is not None and basis is None):
            raise InvalidInput(
                "rank", ranked, "a ranking needs its rank, the major's size and the basis"
            )
        if ranked is not None and of is not None and ranked > of:
            raise InvalidInput("rank", f"{ranked}/{of}", "is beyond the major's size")
        return _fact(
            ctx, org, store.UnionAcademic, "academic", person=person.id,
            recorded_on=_date("on", on), level=_choice("level", level, rules.ACADEMIC_LEVELS),
            enrolled=year, failed=_count("failed", failed), rank=ranked, size=of,
            basis=None if basis is None else _choice("basis", basis, rules.RANKING_BASES),
        )  # fmt: skip


# --------------------------------------------------------------------------- the congress


def _congress(org: Any, congress_id: int | str) -> Any:
    number = _count("congress", congress_id, 1)
    row = store.UnionCongress.get_or_none(
        (store.UnionCongress.id == number) & (store.UnionCongress.org == org.id)
    )
    if row is None:
        raise NotFound("congress", number, f"no such congress session in {org.code}")
    return row


def _delegates(org: Any, congress_id: int, kind: str | None = None) -> list[Any]:
    query = store.UnionDelegate.select().where(
        (store.UnionDelegate.org == org.id) & (store.UnionDelegate.congress == congress_id)
    )
    if kind is not None:
        query = query.where(store.UnionDelegate.kind == kind)
    return list(query.order_by(store.UnionDelegate.id))


def add_delegate(
    ctx: Context,
    org_code: str,
    congress_id: int | str,
    person_id: int,
    *,
    kind: str = congress.FORMAL,
    elected_by: str,
    note: str = "",
) -> dict[str, Any]:
    """A delegate of a congress session: a 正式代表 (a member on the congress's day: the
    right to elect is a member's, 第5条、第6条(三)) or a 列席代表 (does not vote), and how
    they came to be one (e.g. the 选举单位 that elected them, 八、代表产生办法)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        session = _congress(org, congress_id)
        person = _member(ctx, org_code, person_id)
        chosen = _choice("kind", kind, congress.DELEGATE_KINDS)
        how = _text("elected_by", elected_by)
        if chosen == congress.FORMAL and not _is_member(org.id, person.id, session.held_on):
            raise InvalidInput(
                "person",
                person_id,
                f"{person.name} is not a member on {session.held_on.isoformat()}: a 正式代表 "
                f"must be (须为会员, {congress.DELEGATE_ELIGIBILITY})",
            )
        if any(d.person == person.id for d in _delegates(org, session.id)):
            raise Conflict("person", person_id, f"{person.name} is already a delegate (已是代表)")
        row = store.UnionDelegate.create(
            org=org.id, congress=session.id, person=person.id, kind=chosen, elected_by=how,
            note=note.strip(),
        )  # fmt: skip
        data = _row_dict(row) | {"person_name": person.name}
        if chosen == congress.FORMAL:
            data["citation"] = str(congress.DELEGATE_ELIGIBILITY)
        _audit(ctx, org, "delegate.add", "union_delegate", row.id, data)
        return data


def list_delegates(ctx: Context, org_code: str, congress_id: int | str) -> dict[str, Any]:
    """A congress session's delegates, formal first, with their names and the counts."""
    org = org_row(ctx, org_code, Action.READ)
    session = _congress(org, congress_id)
    rows = _delegates(org, session.id)
    names = {p.id: p.name for p in CheckContext(ctx, org, session.held_on).people}
    listed = [
        _row_dict(r) | {"person_name": names.get(r.person, str(r.person))}
        for r in sorted(rows, key=lambda r: (congress.DELEGATE_KINDS.index(r.kind), r.id))
    ]
    return {
        "congress": session.id,
        "held_on": session.held_on.isoformat(),
        "formal": sum(r.kind == congress.FORMAL for r in rows),
        "observers": sum(r.kind == congress.OBSERVER for r in rows),
        "delegates": listed,
    }


# Attendance (第八条; 六、4; 六、6). The convention: a session whose attendance is
# recorded — any 正式代表 marked 出席 or 缺席, the roll call has begun — counts those
# recorded present (and its recorded 正式代表) in both quorums, in standard 9 and in the
# vote the union opens; a figure typed with a command (``--present``) that disagrees is
# refused. A session with nothing recorded keeps its typed ``present`` (older data).


def _attendance_rows(org: Any, congress_id: int) -> list[Any]:
    return list(
        store.UnionAttendance.select()
        .where(
            (store.UnionAttendance.org == org.id) & (store.UnionAttendance.congress == congress_id)
        )
        .order_by(store.UnionAttendance.id)
    )


def _attendance_label(present: bool) -> str:
    return congress.PRESENT if present else congress.ABSENT


def _recorded_present(org: Any, session: Any) -> int | None:
    """Those recorded present at the session, or None when no attendance is recorded."""
    counted = store.attendance_counts(org.id, session.id).get(session.id)
    return None if counted is None else counted[1]


def record_attendance(
    ctx: Context,
    org_code: str,
    congress_id: int | str,
    person_ids: Iterable[int | str],
    *,
    present: bool = True,
    note: str = "",
) -> dict[str, Any]:
    """Record 正式代表 of a session present (出席) or absent (缺席, e.g. 请假), many at
    once: one transaction, one audit entry (``union.attendance.present|absent``). Each
    must be a 正式代表 of that session — no one is counted present for another
    (六、6 不得委托他人代为投票), a 列席代表 does not vote; each is named once, and one
    already recorded so is refused; one recorded the other way is changed (a late
    arrival, a correction). Returns the session's figures after the change."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        session = _congress(org, congress_id)
        ids = [_count("person", p, 1) for p in person_ids]
        if not ids:
            raise InvalidInput("person", "", "name at least one 正式代表 (PERSON_ID …)")
        label = _attendance_label(present)
        delegates = {d.person: d for d in _delegates(org, session.id)}
        rows = {r.person: r for r in _attendance_rows(org, session.id)}
        seen: set[int] = set()
        for pid in ids:
            if pid in seen:
                raise Conflict(
                    "person",
                    pid,
                    f"is named twice: each delegate is counted once ({congress.NO_PROXY})",
                )
            seen.add(pid)
            found = delegates.get(pid)
            if found is None or found.kind != congress.FORMAL:
                person = _member(ctx, org_code, pid)
                what = f"a {congress.OBSERVER} (does not vote)" if found else "not a delegate"
                raise InvalidInput(
                    "person", pid, f"{person.name} is {what} of congress #{session.id}: only "
                    f"its 正式代表 are counted present, none for another ({congress.NO_PROXY})",
                )  # fmt: skip
            row = rows.get(pid)
            if row is not None and bool(row.present) == present:
                person = _member(ctx, org_code, pid)
                raise Conflict(
                    "person", pid, f"{person.name} is already recorded {label} at congress "
                    f"#{session.id}",
                )  # fmt: skip
        text = note.strip()
        changed = [rows[p].id for p in ids if p in rows]
        if changed:
            store.UnionAttendance.update(present=present, note=text).where(
                store.UnionAttendance.id.in_(changed)
            ).execute()
        fresh = [p for p in ids if p not in rows]
        if fresh:
            store.UnionAttendance.insert_many(
                [
                    {"org": org.id, "congress": session.id, "delegate": delegates[p].id,
                     "person": p, "present": present, "note": text}
                    for p in fresh
                ]
            ).execute()  # fmt: skip
        data = _attendance_figures(org, session) | {
            "recorded": label,
            "persons": ids,
            "changed": [p for p in ids if p in rows],
            "note": text,
            "citations": [str(congress.NO_PROXY)],
        }
        _audit(ctx, org, f"attendance.{'present' if present else 'absent'}", "union_congress",
               session.id, data)  # fmt: skip
        return data


def mark_present(
    ctx: Context, org_code: str, congress_id: int | str, person_ids: Iterable[int | str],
    note: str = "",
) -> dict[str, Any]:  # fmt: skip
    """Record 正式代表 present (出席): :func:`record_attendance`."""
    return record_attendance(ctx, org_code, congress_id, person_ids, present=True, note=note)


def mark_absent(
    ctx: Context, org_code: str, congress_id: int | str, person_ids: Iterable[int | str],
    note: str = "",
) -> dict[str, Any]:  # fmt: skip
    """Record 正式代表 absent (缺席): :func:`record_attendance`."""
    return record_attendance(ctx, org_code, congress_id, person_ids, present=False, note=note)


def _attendance_figures(org: Any, session: Any) -> dict[str, Any]:
    formal = len(_delegates(org, session.id, congress.FORMAL))
    rows = _attendance_rows(org, session.id)
    came = sum(bool(r.present) for r in rows)
    recorded = bool(rows)
    counted = came if recorded else session.present
    return {
        "congress": session.id,
        "held_on": session.held_on.isoformat(),
        "formal": formal,
        "attendance_recorded": recorded,
        "present": came,
        "absent": len(rows) - came,
        "not_recorded": formal - len(rows),
        "typed_present": session.present,
        "counted_present": counted,
        "counted_from": "attendance" if recorded else "typed",
        "quorum": [_step_dict(s) for s in _quorum_steps(formal, counted)] if formal else [],
    }


def attendance(ctx: Context, org_code: str, congress_id: int | str) -> dict[str, Any]:
    """A session's attendance: each 正式代表 present, absent or not yet recorded, the
    counts, the session's typed figure beside them, and the quorums on the figure counted
    (the recorded present once any attendance is recorded, else the typed one)."""
    org = org_row(ctx, org_code, Action.READ)
    session = _congress(org, congress_id)
    rows = {r.person: r for r in _attendance_rows(org, session.id)}
    names = {p.id: p.name for p in CheckContext(ctx, org, session.held_on).people}
    listed = []
    for d in _delegates(org, session.id, congress.FORMAL):
        row = rows.get(d.person)
        listed.append(
            {
                "delegate": d.id,
                "person": d.person,
                "person_name": names.get(d.person, str(d.person)),
                "attendance": None if row is None else _attendance_label(bool(row.present)),
                "note": "" if row is None else row.note,
            }
        )
    return _attendance_figures(org, session) | {
        "delegates": listed,
        "citations": [
            str(congress.MEETING_QUORUM),
            str(congress.ELECTION_PRESENCE),
            str(congress.NO_PROXY),
        ],
    }


def _quorum_steps(electorate: int, present: int) -> list[Any]:
    """The engine's own quorum tests of ``union_presidium`` on these counts: the congress
    meets (第八条, 三分之二以上) and the election proceeds (六、4, 五分之四以上)."""
    from plugins.elections.rules import convened, presence_met
    from plugins.elections.rulesets import union_presidium
    from plugins.elections.values import Election, Office, Round

    office = Office(PRESIDIUM_OFFICE, 1)
    election = Election("quorum", electorate, union_presidium.electorate_kind, (office,))
    round_ = Round(1, (office,), present, present, present)
    return [
        s
        for s in (
            convened(union_presidium, election, round_),
            presence_met(union_presidium, election, round_),
        )
        if s is not None
    ]


def _step_dict(step: Any) -> dict[str, Any]:
    return {
        "rule": step.rule_id,
        "met": step.met,
        "needed": step.needed,
        "of": step.base_size,
        "what": step.what_zh,
        "what_en": step.what_en,
        "citation": str(step.citation),
    }


PRESIDIUM_OFFICE = "主席团成员"


def quorum(
    ctx: Context, org_code: str, congress_id: int | str, present: int | str | None = None
) -> dict[str, Any]:
    """Whether the session may meet and elect: the formal delegates recorded, those
    present, and the engine's two quorum tests. Those present are the 正式代表 recorded
    present once the session's attendance is recorded (a ``present`` given that
    disagrees is refused, naming both); otherwise ``present`` or the session's typed
    count (older data)."""
    org = org_row(ctx, org_code, Action.READ)
    session = _congress(org, congress_id)
    formal = len(_delegates(org, session.id, congress.FORMAL))
    typed = None if present in (None, "") else _count("present", present)
    recorded = _recorded_present(org, session)
    if recorded is not None and typed is not None and typed != recorded:
        raise InvalidInput(
            "present", typed, f"disagrees with the {recorded} 正式代表 recorded present at "
            f"congress #{session.id}: the recorded attendance is the figure "
            f"(zhidu union delegate attendance {session.id})",
        )  # fmt: skip
    came = recorded if recorded is not None else session.present if typed is None else typed
    if formal == 0:
        raise InvalidInput(
            "congress", session.id, "no 正式代表 recorded (zhidu union delegate add)"
        )
    if came > formal:
        raise InvalidInput("present", came, f"exceeds the {formal} formal delegates recorded")
    steps = [_step_dict(s) for s in _quorum_steps(formal, came)]
    return {
        "congress": session.id,
        "formal": formal,
        "present": came,
        "counted_from": "attendance" if recorded is not None else "typed",
        "quorum": steps,
    }


def _engine_enabled(ctx: Context, org: Any) -> None:
    engine = ctx.host.plugins.get("elections")
    if engine is None or not engine.migrations:
        raise InvalidInput(
            "elections", None, "the elections engine is not installed (选举需 elections 插件)"
        )


def elect_presidium(
    ctx: Context,
    org_code: str,
    congress_id: int | str,
    *,
    code: str,
    title: str,
    seats: int | str,
    candidates: Sequence[str | tuple[str, int | None]],
    present: int | str | None = None,
    ballots_issued: int | str | None = None,
    scrutineers: Sequence[str] = (),
    counters: Sequence[str] = (),
    tellers: Sequence[str] = (),
    strokes: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """Hold the presidium election of a congress session through the elections engine
    (rule set ``union_presidium``): the electorate is the session's 正式代表; candidates
    are printed by the 笔划 of their surname (六、4); none of the staff may stand (六、7);
    the congress must meet (第八条, 2/3) and the election proceed (六、4, 4/5) by the
    engine's own tests, on the 正式代表 recorded present when the session's attendance is
    recorded (:func:`quorum`); no proxy votes — ballots issued never exceed those present
    (六、6), and the vote is opened with that figure, so the engine voids a round with more
    ballots returned than present (六、5). Creates the election and opens its first vote;
    ballots and the count are ``zhidu elections ballot add|sheet add|count``."""
    from plugins.elections import services as elections

    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        _engine_enabled(ctx, org)
        session = _congress(org, congress_id)
        if session.kind not in rules.ELECTING_KINDS:
            raise InvalidInput(
                "congress", session.id, f"a {session.kind} does not elect the presidium "
                f"({congress.ELECTED_BY_CONGRESS}; {rules.STANDARDS[7]})",
            )  # fmt: skip
        specs = [(c, None) if isinstance(c, str) else (str(c[0]), c[1]) for c in candidates]
        names = [_text("candidate", n) for n, _ in specs]
        staff = [*scrutineers, *counters, *tellers]
        standing = congress.staff_standing(names, staff)
        if standing:
            raise InvalidInput(
                "candidate", "、".join(standing),
                f"is on the election's staff and may not stand (监票人、计票人不得为候选人, "
                f"{congress.STAFF_NOT_CANDIDATES})",
            )  # fmt: skip
        ordered = congress.by_strokes(names, strokes)
        people = dict(zip(names, (p for _, p in specs), strict=True))
        facts = quorum(ctx, org_code, session.id, present)
        failed = [s for s in facts["quorum"] if not s["met"]]
        if failed:
            raise InvalidInput(
                "present", facts["present"], f"{failed[0]['what']} ({failed[0]['citation']})"
            )
        issued = (
            facts["present"]
            if ballots_issued in (None, "")
            else _count("ballots_issued", ballots_issued)
        )
        if issued > facts["present"]:
            raise InvalidInput(
                "ballots_issued", issued,
                f"exceeds the {facts['present']} present: no proxy votes ({congress.NO_PROXY})",
            )  # fmt: skip
        view = elections.create_election(
            ctx, org_code, code=code, title=title, rule_set="union_presidium",
            electorate=facts["formal"],
            offices=[elections.OfficeSpec(
                PRESIDIUM_OFFICE, _count("seats", seats, 1),
                [elections.CandidateSpec(n, people[n]) for n in ordered],
            )],
        )  # fmt: skip
        round_ = elections.open_round(
            ctx, org_code, view.code, present=facts["present"], ballots_issued=issued,
            scrutineers=scrutineers, counters=counters, tellers=tellers,
        )  # fmt: skip
        link = store.UnionCongressElection.create(
            org=org.id, congress=session.id, election_code=view.code
        )
        data = {
            "congress": session.id,
            "election": view.code,
            "rule_set": view.rule_set,
            "electorate": view.electorate,
            "present": facts["present"],
            "counted_from": facts["counted_from"],
            "ballots_issued": issued,
            "candidates": list(ordered),
            "strokes": [congress.strokes_of(n, strokes) for n in ordered],
            "quorum": facts["quorum"],
            "setup_findings": list(view.setup_findings),
            "round": round_.number,
            "citations": [
                str(congress.STROKE_ORDER), str(congress.STAFF_NOT_CANDIDATES),
                str(congress.NO_PROXY),
            ],
        }  # fmt: skip
        _audit(ctx, org, "congress.elect", "union_congress_election", link.id, data)
        return data


def _elected(result: Mapping[str, Any]) -> list[congress.Elected]:
    """Everyone a stored result elects, in the order elected, with the vote and its ✓."""
    out: list[congress.Elected] = []
    for round_ in result.get("rounds", ()):
        for office in round_["offices_decided"]:
            votes = {name: n for name, n in office["ranking"]}
            out.extend(
                congress.Elected(office["office"], name, round_["number"], votes.get(name, 0))
                for name in office["elected"]
            )
    return out


def seat_presidium(
    ctx: Context,
    org_code: str,
    election_code: str,
    *,
    on: date | str,
    chair: str | None = None,
) -> dict[str, Any]:
    """The presidium a congress session elected takes office on ``on``: a core term
    (选任) for each member of the certified and published result (六、5 选举结果当场公布),
    主席 and 副主席 by the offices elected, or — the presidium elected as one body — by
    votes unless ``chair`` is named (第十条; :func:`congress.presidium_ranks`). Each
    elected candidate must be linked to a person who is a member on the day (第6条(三));
    the day is not before the session's. Refused for an election no session held, a
    result not certified or not published, or one seated already. One transaction,
    audited (``union.congress.seat``) beside the core's ``term.add``."""
    import json

    from plugins.elections import services as elections

    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        _engine_enabled(ctx, org)
        code = _text("election", election_code)
        link = store.UnionCongressElection.get_or_none(
            (store.UnionCongressElection.org == org.id)
            & (store.UnionCongressElection.election_code == code)
        )
        if link is None:
            raise InvalidInput(
                "election", code, f"was not held by a congress session of {org.code} "
                f"(zhidu union congress elect; {congress.ELECTED_BY_CONGRESS})",
            )  # fmt: skip
        session = _congress(org, link.congress)
        seated = store.UnionSeating.get_or_none(
            (store.UnionSeating.org == org.id) & (store.UnionSeating.election_code == code)
        )
        if seated is not None:
            raise Conflict(
                "election", code, f"its presidium took office on {seated.seated_on} already "
                "(已就任): a correction ends those terms (zhidu term end) — never a second seating",
            )  # fmt: skip
        when = _date("on", on)
        if when < session.held_on:
            raise InvalidInput(
                "on", when.isoformat(),
                f"is before the congress of {session.held_on.isoformat()} that elected them",
            )  # fmt: skip
        view = elections.get_election(ctx, org_code, code)
        current = view.current
        if current is None:
            raise Conflict("election", code, "no vote has been counted yet (尚未计票)")
        if not current.certified:
            raise Conflict(
                "election", code, "the result is not certified (未确认): zhidu elections certify"
            )
        if not current.locked:
            raise Conflict(
                "election", code, "the result is not published (未公布): zhidu elections publish "
                f"({congress.PUBLISHED_AT_ONCE})",
            )  # fmt: skip
        elected = _elected(current.result)
        if not elected:
            raise Conflict("election", code, "the result elects nobody (无人当选)")
        ranks = congress.presidium_ranks(elected, chair.strip() if chair else None)
        check = CheckContext(ctx, org, when)
        units = {u.id: u for u in check.units}
        posts: dict[str, Post] = {}
        for post in sorted(check.posts, key=lambda p: p.id):
            if rules.is_presidium_post(post, units) and post.rank in congress.PRESIDIUM_POSTS:
                posts.setdefault(post.rank, post)
        names = {p.id: p.name for p in check.people}
        planned = []
        for name, rank in ranks:
            person_id = view.people.get(name)
            if person_id is None:
                raise InvalidInput(
                    "candidate", name, f"is not linked to a person: zhidu elections link "
                    f"--org {org.code} {code} {name} PERSON_ID",
                )  # fmt: skip
            if rank not in posts:
                raise InvalidInput(
                    "post", rank, f"{org.code} has no {rank} post in its 主席团 (zhidu post add)"
                )
            if not _is_member(org.id, person_id, when):
                raise InvalidInput(
                    "person", person_id, f"{names.get(person_id, name)} is not a member on "
                    f"{when.isoformat()} (须为会员, {congress.DELEGATE_ELIGIBILITY})",
                )  # fmt: skip
            held = [t for t in _serving(check, person_id) if t.post_id == posts[rank].id]
            if held:
                raise Conflict(
                    "person", person_id, f"{names.get(person_id, name)} holds "
                    f"{posts[rank].title} already (term #{held[0].id} from "
                    f"{held[0].start.isoformat()})",
                )  # fmt: skip
            planned.append((name, rank, person_id, posts[rank]))
        note = f"{session.held_on.isoformat()}{session.kind}选举（{code}，{current.announcement}）"
        terms = []
        for name, rank, person_id, post in planned:
            term = add_term(
                ctx, org_code, post_code=post.code, person_id=person_id, start=when,
                appointed_by="选任", note=note,
            )  # fmt: skip
            terms.append(
                {"name": name, "rank": rank, "person": person_id, "post": post.code,
                 "term": term.id}
            )  # fmt: skip
        row = store.UnionSeating.create(
            org=org.id, congress=session.id, election_code=code, result_id=current.id,
            seated_on=when, terms=json.dumps(terms, ensure_ascii=False),
        )  # fmt: skip
        data = {
            "id": row.id,
            "congress": session.id,
            "election": code,
            "result": current.id,
            "announcement": current.announcement,
            "seated_on": when.isoformat(),
            "terms": terms,
            "citations": [str(congress.SEATS_BY_VOTES), str(congress.PUBLISHED_AT_ONCE)],
        }
        _audit(ctx, org, "congress.seat", "union_seating", row.id, data)
        return data


def agenda(ctx: Context, org_code: str, congress_id: int | str) -> dict[str, Any]:
    """The schedule (七、日程和主要议程表) for a congress session: each item, the day it
    is due (as many days before the congress as the file's dates are before 11月14日)
    and whether it is recorded done."""
    org = org_row(ctx, org_code, Action.READ)
    session = _congress(org, congress_id)
    done = {
        r.item: r
        for r in store.UnionAgendaDone.select().where(
            (store.UnionAgendaDone.org == org.id) & (store.UnionAgendaDone.congress == session.id)
        )
    }
    items = []
    for entry in congress.AGENDA:
        row = done.get(entry.code)
        items.append(
            {
                "item": entry.code,
                "due": congress.due(entry, session.held_on).isoformat(),
                "days_before": -entry.offset,
                "time": entry.time,
                "meeting": entry.meeting,
                "business": list(entry.business),
                "attendees": entry.attendees,
                "done": row is not None,
                "done_on": row.done_on.isoformat() if row else None,
                "note": row.note if row else "",
                "citation": str(entry.citation),
            }
        )
    return {"congress": session.id, "held_on": session.held_on.isoformat(), "items": items}


def agenda_done(
    ctx: Context,
    org_code: str,
    congress_id: int | str,
    item_code: str,
    *,
    on: date | str,
    note: str = "",
) -> dict[str, Any]:
    """Record an item of the schedule done (audited; once)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        session = _congress(org, congress_id)
        entry = congress.item(item_code)
        when = _date("on", on)
        exists = store.UnionAgendaDone.get_or_none(
            (store.UnionAgendaDone.congress == session.id)
            & (store.UnionAgendaDone.item == entry.code)
        )
        if exists is not None:
            raise Conflict("item", entry.code, f"already recorded done on {exists.done_on}")
        row = store.UnionAgendaDone.create(
            org=org.id, congress=session.id, item=entry.code, done_on=when, note=note.strip()
        )
        data = _row_dict(row) | {
            "due": congress.due(entry, session.held_on).isoformat(),
            "meeting": entry.meeting,
        }
        _audit(ctx, org, "agenda.done", "union_agenda_done", row.id, data)
        return data


def list_congresses(ctx: Context, org_code: str) -> list[dict[str, Any]]:
    """The congress sessions recorded, with their formal delegates and elections."""
    org = org_row(ctx, org_code, Action.READ)
    out = []
    for row in (
        store.UnionCongress.select()
        .where(store.UnionCongress.org == org.id)
        .order_by(store.UnionCongress.held_on, store.UnionCongress.id)
    ):
        elections = store.UnionCongressElection.select().where(
            (store.UnionCongressElection.org == org.id)
            & (store.UnionCongressElection.congress == row.id)
        )
        out.append(
            _row_dict(row)
            | {
                "formal_recorded": len(_delegates(org, row.id, congress.FORMAL)),
                "present_recorded": _recorded_present(org, row),
                "elections": [e.election_code for e in elections],
            }
        )
    return out
