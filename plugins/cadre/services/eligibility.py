"""Eligibility's services (第九、十、十一条): the check, and the facts it reads beyond the
core — a cadre's profile, the trainings completed, the exceptional promotions (破格)
recorded. Every write is authorized (``EDIT_PEOPLE`` for a person's facts, ``EDIT_TERMS``
for an exception, which is part of a promotion), done in one transaction and audited
there (``cadre.profile.set``, ``cadre.training.add``, ``cadre.exception.add``,
``cadre.exception.consent``); every read needs ``READ`` in the organization.

The contract other parts code against: :func:`check` (the cases part's registration
review, 第十九条, and its 考察 stage) and :func:`profile_of` (第十五条（四）)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from core.api import (
    Action,
    CheckContext,
    Context,
    Finding,
    InvalidInput,
    NotFound,
    Person,
    Severity,
    get_person,
    org_row,
)
from plugins.cadre import eligibility as rules
from plugins.cadre.services.common import audit_write, on_date, optional_date, yes_no
from plugins.cadre.tables.records import CadreException, CadreProfile, CadreTraining
from plugins.cadre.vocabulary import Rank, Track

__all__ = [
    "add_exception",
    "add_training",
    "check",
    "facts_for",
    "list_exceptions",
    "list_profiles",
    "list_trainings",
    "people_for_check",
    "profile_of",
    "record_consent",
    "set_profile",
    "training_overdue_check",
]

_UNSET: Any = object()


# --------------------------------------------------------------------------- input


def _not_future(ctx: Context, field: str, value: date) -> date:
    if value > ctx.today():
        raise InvalidInput(field, value.isoformat(), "must not be in the future (不得晚于今天)")
    return value


def _text(field: str, value: str | None) -> str:
    if value is None or not str(value).strip():
        raise InvalidInput(field, value, "must not be empty (不得为空)")
    return str(value).strip()


def _rank(value: str | Rank) -> Rank:
    return value if isinstance(value, Rank) else Rank.parse(value)


def _track(value: str | Track) -> Track:
    if isinstance(value, Track):
        return value
    for track in Track:
        if value in (track.zh, track.name, track.en):
            return track
    raise InvalidInput("track", value, "not a track (管理岗位 or 专业技术岗位)")


def _person(ctx: Context, org_code: str, person_id: int | str) -> Person:
    try:
        number = int(person_id)
    except (TypeError, ValueError):
        raise InvalidInput("person", person_id, "must be a person's number") from None
    return get_person(ctx, org_code, number)


# --------------------------------------------------------------------------- profile


def _profile_row(org_id: int, person_id: int) -> CadreProfile | None:
    row: CadreProfile | None = CadreProfile.get_or_none(
        (CadreProfile.org == org_id) & (CadreProfile.person == person_id)
    )
    return row


def set_profile(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    track: str | Track | None = None,
    family_emigrated: bool | str | None = None,
    management_since: date | str | None = _UNSET,
    fit_for_duty: bool | str | None = None,
    note: str | None = None,
) -> rules.Profile:
    """Record or change a cadre's profile; only the fields given change. A new profile
    needs its ``track``; ``management_since=""`` clears that date."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        person = _person(ctx, org_code, person_id)
        row = _profile_row(org.id, person.id)
        before = rules.Profile.from_row(row).as_dict() if row is not None else None
        if row is None:
            if track is None:
                raise InvalidInput(
                    "track", None, "a new profile needs its track (管理岗位/专业技术岗位)"
                )
            row = CadreProfile(org=org.id, person=person.id)
        if track is not None:
            row.track = _track(track).zh
        if family_emigrated is not None:
            row.family_emigrated = yes_no("family_emigrated", family_emigrated)
        if management_since is not _UNSET:
            since = optional_date("management_since", management_since)
            if since is not None:
                _not_future(ctx, "management_since", since)
                if since < person.birth_date:
                    raise InvalidInput("management_since", since.isoformat(), "before birth")
            row.management_since = since
        if fit_for_duty is not None:
            row.fit_for_duty = yes_no("fit_for_duty", fit_for_duty)
        if note is not None:
            row.note = note.strip()
        row.save()
        profile = rules.Profile.from_row(row)
        audit_write(ctx, org, "profile.set", "cadre_profile", person.id, profile.as_dict(), before)
        return profile


def profile_of(ctx: Context, org_code: str, person_id: int) -> rules.Profile | None:
    """The person's profile, or None when none is recorded (the contract: 第十五条（四）
    reads ``family_emigrated`` here)."""
    org = org_row(ctx, org_code, Action.READ)
    person = _person(ctx, org_code, person_id)
    row = _profile_row(org.id, person.id)
    return rules.Profile.from_row(row) if row is not None else None


def list_profiles(ctx: Context, org_code: str) -> list[rules.Profile]:
    org = org_row(ctx, org_code, Action.READ)
    rows = CadreProfile.select().where(CadreProfile.org == org.id).order_by(CadreProfile.person)
    return [rules.Profile.from_row(r) for r in rows]


# --------------------------------------------------------------------------- training


def add_training(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    completed_on: date | str,
    hours: int | str,
    institution: str,
    note: str = "",
) -> rules.Training:
    """A training completed (第九条（二）7: 省委党校、行政院校或者组织人事部门认可的其他培训
    机构), with its hours (学时)."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_PEOPLE)
        person = _person(ctx, org_code, person_id)
        when = _not_future(ctx, "completed_on", on_date("completed_on", completed_on))
        try:
            count = int(hours)
        except (TypeError, ValueError):
            raise InvalidInput("hours", hours, "must be a whole number of hours (学时)") from None
        if count < 1:
            raise InvalidInput("hours", hours, "must be at least 1 (学时)")
        row = CadreTraining.create(
            org=org.id,
            person=person.id,
            completed_on=when,
            hours=count,
            institution=_text("institution", institution),
            note=note.strip(),
        )
        training = rules.Training.from_row(row)
        audit_write(ctx, org, "training.add", "cadre_training", row.id, training)
        return training


def _trainings(org_id: int, person_id: int | None = None) -> list[rules.Training]:
    query = CadreTraining.select().where(CadreTraining.org == org_id)
    if person_id is not None:
        query = query.where(CadreTraining.person == person_id)
    rows = query.order_by(CadreTraining.person, CadreTraining.completed_on, CadreTraining.id)
    return [rules.Training.from_row(r) for r in rows]


def list_trainings(
    ctx: Context, org_code: str, person_id: int | None = None
) -> list[rules.Training]:
    """The trainings recorded, of one person or of everyone."""
    org = org_row(ctx, org_code, Action.READ)
    if person_id is not None:
        person_id = _person(ctx, org_code, person_id).id
    return _trainings(org.id, person_id)


# --------------------------------------------------------------------------- exceptions


def _consent(on: date | str | None, by: str | None) -> tuple[date | None, str | None]:
    when = optional_date("consent_on", on)
    who = by.strip() if by and by.strip() else None
    if (when is None) != (who is None):
        raise InvalidInput(
            "consent_by" if who is None else "consent_on",
            by if who is None else on,
            "consent needs both its date and who gave it (上级组织部门同意：日期和部门)",
        )
    return when, who


def add_exception(
    ctx: Context,
    org_code: str,
    person_id: int,
    *,
    target_rank: str | Rank,
    kind: str,
    reason: str,
    recorded_on: date | str | None = None,
    consent_on: date | str | None = None,
    consent_by: str | None = None,
    note: str = "",
) -> rules.Exceptional:
    """Record an exceptional promotion (破格提拔, 第十一条): the rank, the kind (特别优秀 /
    工作特殊需要) and one of its listed grounds, and — now or later with
    :func:`record_consent` — the superior department's consent."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        person = _person(ctx, org_code, person_id)
        rank = _rank(target_rank)
        the_kind = rules.ExceptionKind.parse(kind)
        ground = rules.ExceptionReason.parse(reason)
        if ground.kind is not the_kind:
            raise InvalidInput(
                "reason",
                reason,
                f"is a ground of {ground.kind.zh}, not of {the_kind.zh} (第十一条)",
            )
        when = _not_future(ctx, "recorded_on", on_date("recorded_on", recorded_on, ctx.today()))
        consent, by = _consent(consent_on, consent_by)
        row = CadreException.create(
            org=org.id,
            person=person.id,
            target_rank=rank.zh,
            kind=the_kind.zh,
            reason=ground.zh,
            consent_on=consent,
            consent_by=by,
            recorded_on=when,
            note=note.strip(),
        )
        exception = rules.Exceptional.from_row(row)
        audit_write(ctx, org, "exception.add", "cadre_exception", row.id, exception.as_dict())
        return exception


def record_consent(
    ctx: Context, org_code: str, exception_id: int, *, on: date | str, by: str
) -> rules.Exceptional:
    """The superior department's consent to a recorded exception (第十一条 "报经上级组织部门
    同意"), given on ``on`` by ``by``."""
    with ctx.transaction():
        org = org_row(ctx, org_code, Action.EDIT_TERMS)
        row = CadreException.get_or_none(
            (CadreException.org == org.id) & (CadreException.id == exception_id)
        )
        if row is None:
            raise NotFound("exception", exception_id, f"no such exception in {org.code}")
        before = rules.Exceptional.from_row(row).as_dict()
        when, who = _consent(on, _text("consent_by", by))
        assert when is not None
        row.consent_on = _not_future(ctx, "consent_on", when)
        row.consent_by = who
        row.save()
        exception = rules.Exceptional.from_row(row)
        audit_write(
            ctx, org, "exception.consent", "cadre_exception", row.id, exception.as_dict(), before
        )
        return exception


def _exceptions(org_id: int, person_id: int | None = None) -> list[rules.Exceptional]:
    query = CadreException.select().where(CadreException.org == org_id)
    if person_id is not None:
        query = query.where(CadreException.person == person_id)
    rows = query.order_by(CadreException.person, CadreException.recorded_on, CadreException.id)
    return [rules.Exceptional.from_row(r) for r in rows]


def list_exceptions(
    ctx: Context, org_code: str, person_id: int | None = None
) -> list[rules.Exceptional]:
    """The exceptional promotions recorded, of one person or of everyone."""
    org = org_row(ctx, org_code, Action.READ)
    if person_id is not None:
        person_id = _person(ctx, org_code, person_id).id
    return _exceptions(org.id, person_id)


# --------------------------------------------------------------------------- the check


def facts_for(check_ctx: CheckContext, person: Person) -> rules.Facts:
    """The person's facts: the core's posts and terms as seen by ``check_ctx`` and the
    plugin's profile, trainings and exceptions."""
    org_id = check_ctx.org.id
    row = _profile_row(org_id, person.id)
    return rules.Facts.of(
        person,
        rules.Profile.from_row(row) if row is not None else None,
        check_ctx.posts,
        (t for t in check_ctx.terms if t.person_id == person.id),
        _trainings(org_id, person.id),
        _exceptions(org_id, person.id),
    )


def all_facts(check_ctx: CheckContext) -> Iterable[rules.Facts]:
    """Every person's facts in the organization (for the training-overdue check)."""
    org_id = check_ctx.org.id
    profiles = {
        r.person: rules.Profile.from_row(r)
        for r in CadreProfile.select().where(CadreProfile.org == org_id)
    }
    trainings: dict[int, list[rules.Training]] = {}
    for t in _trainings(org_id):
        trainings.setdefault(t.person_id, []).append(t)
    exceptions: dict[int, list[rules.Exceptional]] = {}
    for e in _exceptions(org_id):
        exceptions.setdefault(e.person_id, []).append(e)
    terms: dict[int, list[Any]] = {}
    for term in check_ctx.terms:
        terms.setdefault(term.person_id, []).append(term)
    for person in check_ctx.people:
        if person.id in terms:
            yield rules.Facts.of(
                person,
                profiles.get(person.id),
                check_ctx.posts,
                terms[person.id],
                trainings.get(person.id, ()),
                exceptions.get(person.id, ()),
            )


def people_for_check(
    ctx: Context, org_code: str, on: date | str | None = None
) -> list[tuple[int, str, Rank | None]]:
    """Everyone of the organization with the cadre rank they hold on ``on`` (None: no
    cadre post): cadres first, highest rank first, then by number (for a picker)."""
    org = org_row(ctx, org_code, Action.READ)
    check_ctx = CheckContext(ctx, org, on_date("on", on, ctx.today()))
    terms: dict[int, list[Any]] = {}
    for term in check_ctx.terms:
        terms.setdefault(term.person_id, []).append(term)
    rows = []
    for person in check_ctx.people:
        facts = rules.Facts.of(person, None, check_ctx.posts, terms.get(person.id, ()))
        rows.append((person.id, person.name, rules.current_rank(facts.stints, check_ctx.on)))
    return sorted(rows, key=lambda r: (-(r[2].level + 1) if r[2] else 0, r[0]))


def check(
    ctx: Context,
    org_code: str,
    person_id: int,
    rank: str | Rank,
    on: date | str | None = None,
    head: str | rules.Head | None = None,
) -> rules.Eligibility:
    """Whether the person may be promoted to ``rank`` on ``on`` (default today): every
    condition of 第九条 for that rank, 逐级提拔 and, when needed, the exception of 第十一条,
    with the parameters in force on that date. ``head`` (正职/副职) when the post heads a
    教学/科研/教辅 unit (第九条（二）4)."""
    org = org_row(ctx, org_code, Action.READ)
    person = _person(ctx, org_code, person_id)
    when = on_date("on", on, ctx.today())
    target = _rank(rank)
    the_head = rules.Head.parse(head) if head not in (None, "") else None
    check_ctx = CheckContext(ctx, org, when)
    limits = rules.limits_from(check_ctx.parameter)
    return rules.evaluate(facts_for(check_ctx, person), target, when, limits, the_head)


def training_overdue_check(check_ctx: CheckContext) -> Iterator[Finding]:
    """第九条（二）7 after the fact: cadres promoted to a 处级 rank (since the 实施办法) who
    still hold it, whose year after promotion is over, with the training hours short."""
    limits = rules.limits_from(check_ctx.parameter)
    for facts in all_facts(check_ctx):
        overdue = rules.training_overdue(facts, check_ctx.on, limits)
        if overdue is None:
            continue
        yield Finding(
            Severity.VIOLATION,
            "cadre.training-overdue",
            facts.person.name,
            overdue.citation,
            f"{facts.person.name}：{overdue.message_zh}",
            f"{facts.person.name}: {overdue.message_en}",
            due=dict(overdue.dates)["due"],
            subject_key=f"person:{facts.person.id}",
        )
