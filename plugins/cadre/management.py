"""Managing cadres in office (第五章 管理制度, 第二十六–三十三条; 第十七条's probation) as
pure rules: the six grounds of removal (第三十条), the four kinds of resignation (第三十一
条), demotion after an 不称职 annual rating (第三十二条), economic-responsibility audits
(第二十八条), assessments (第二十七条) and when each is due.

Conventions (docs/cadre.md, "Management"):

- 试用期满考核 (第十七条) is due on the term's ``probation_end``; 胜任 means a grade of 称职 or
  优秀, so 基本称职 or 不称职 is 不胜任 and the trial post is to be removed.
- 届中 and 届满 assessments (第二十七条, 处级 only) are due on the half of the serving
  term's 届 and on its last day (the 届 of :mod:`plugins.cadre.tenure`); one recorded in
  the 届 settles it. 届中 is not due for a term begun after the half.
- Demotion (第三十二条) is due once an annual rating of 不称职 is recorded for a cadre
  serving in a cadre post on the day it was recorded, until a term of theirs ends with
  降职 on or after that day, or they hold no cadre post.
- 离任审计 (第二十八条) is due for whoever left a 正处级 post (the unit's 主要负责人, whom
  the 经济责任审计 concerns) — for any reason, retirement included, but not a
  re-appointment to the same post — on or after the 实施办法 took effect; a 离任审计 of
  that person (of that post, or of no post named) begun after the term began settles it.
  It is due ``cadre.departure_audit_months`` after the last day in post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import attrs

from core.api import (
    Bilingual,
    Citation,
    EndReason,
    Finding,
    InvalidInput,
    ParameterSpec,
    Post,
    Severity,
    Term,
    Unit,
    add_months,
)
from plugins.cadre.tenure import Limits, scheduled_end, term_years_of
from plugins.cadre.vocabulary import Grade, Rank, cite

__all__ = [
    "ASSESSMENT",
    "AUDIT",
    "DEMOTION",
    "PROBATION",
    "RESIGNATION",
    "SANCTION",
    "SPECS",
    "AssessmentFact",
    "AssessmentKind",
    "AuditFact",
    "AuditKind",
    "Removal",
    "Resignation",
    "assessment_findings",
    "audit_findings",
    "demotion_findings",
    "notice_from",
]

ONE_DAY = timedelta(days=1)

ASSESSMENT = cite("第二十七条", "处级领导干部考核,分试用期满考核、年度考核、届中和届满考核")
PROBATION = cite(
    "第十七条",
    "新提拔的干部,试用期为一年。试用期满,经考核胜任的,正式任职,任职时间连续计算;考核不胜任的,"
    "免去试任职务,一般按试任前职级安排工作",
)
AUDIT = cite("第二十八条", "审计分为:离任审计、届中审计、专项审计")
REMOVAL = cite("第三十条", "干部有下列情形之一的,应当免去现职")
RESIGNATION = cite("第三十一条", "干部辞职包括因公辞职、自愿辞职、引咎辞职和责令辞职等四种")
DEMOTION = cite(
    "第三十二条",
    "干部在年度考核中被确定为不称职的,因工作能力较弱、受到组织处理或者其他原因不适宜担任现职务"
    "层次的,应当降职使用",
)
SANCTION = cite("第三十三条", "凡受纪律处分的干部首次提拔任用,按照上级有关文件执行")

_FROM = date(2018, 1, 16)  # plugins.cadre.parameters.FROM (which imports this module)

SPECS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        # The text names the assessments and not how early to prepare them: a month.
        "cadre.assessment_notice_days", "考核提前提示天数", "Assessments shown ahead (days)",
        Unit.DAYS, 30, ASSESSMENT, _FROM, minimum=0,
    ),
    ParameterSpec(
        # The text names the 离任审计 and no deadline: zhidu expects it within six months.
        "cadre.departure_audit_months", "离任审计期限（离任后）",
        "Departure audit due within (months after leaving)", Unit.MONTHS, 6, AUDIT, _FROM,
        minimum=0,
    ),
)  # fmt: skip


def notice_from(value: Callable[[str], Any]) -> tuple[int, int]:
    """(days assessments are shown ahead, months a departure audit is due within)."""
    return int(value("cadre.assessment_notice_days")), int(value("cadre.departure_audit_months"))


class Removal(Bilingual):
    """免职的情形 (第三十条（一）–（六）)."""

    AGE_LIMIT = (
        "达到任职年龄界限或退休年龄界限的",
        "reached the age limit for the post or retirement",
    )
    ACCOUNTABILITY = ("受到责任追究应当免职的", "held accountable and to be removed")
    RESIGNED_OR_TRANSFERRED = ("辞职或者调出的", "resigned or transferred out")
    STUDY_LEAVE = (
        "非组织选派,离职学习期限超过一年的",
        "on study leave not sent by the organization for more than a year",
    )
    WORK_NEEDS = (
        "因工作需要或者其他原因,应当免去现职的",
        "removed for the needs of work or another reason",
    )
    DISOBEYED = ("不服从学校党委安排其工作的", "refused the work the Party committee assigned")

    @property
    def number(self) -> str:
        return "一二三四五六"[list(Removal).index(self)]

    @property
    def citation(self) -> Citation:
        return cite(f"第三十条（{self.number}）", self.zh)

    @classmethod
    def parse(cls, value: str, field: str = "ground") -> Removal:
        """A ground by its number (五, 5, （五）), its words or its name."""
        text = str(value).strip().strip("()（）")
        for ground in cls:
            index = str(list(cls).index(ground) + 1)
            if text in (ground.number, index, ground.zh, ground.en, ground.name):
                return ground
        raise InvalidInput(field, value, "not a ground of 第三十条 (一 to 六)")


class Resignation(Bilingual):
    """辞职 (第三十一条), each with the core's EndReason."""

    OFFICIAL = ("因公辞职", "resignation for official reasons")
    VOLUNTARY = ("自愿辞职", "voluntary resignation")
    ACCOUNTABILITY = ("引咎辞职", "resignation to take the blame")
    ORDERED = ("责令辞职", "ordered resignation")

    @property
    def end_reason(self) -> EndReason:
        return EndReason(self.zh)

    @property
    def citation(self) -> Citation:
        return {
            Resignation.OFFICIAL: cite(
                "第三十一条第二款",
                "因公辞职是指领导干部因工作需要变动职务,按照规定程序提出辞去现任领导职务",
            ),
            Resignation.VOLUNTARY: cite(
                "第三十一条第三款",
                "自愿辞职是党政领导干部因个人或者其他原因,可以自愿提出辞去现任领导职务或者公职",
            ),
            Resignation.ACCOUNTABILITY: cite("第三十一条第四款", "本人应当引咎辞去现任领导职务"),
            Resignation.ORDERED: cite(
                "第三十一条第五款",
                "认定其已不再适合担任现职,可以通过一定程序责令其辞去现任领导职务",
            ),
        }[self]

    @classmethod
    def parse(cls, value: str, field: str = "kind") -> Resignation:
        for kind in cls:
            if str(value).strip() in (kind.zh, kind.en, kind.name):
                return kind
        raise InvalidInput(
            field, value, "not a kind of 第三十一条 (因公辞职、自愿辞职、引咎辞职、责令辞职)"
        )


class AssessmentKind(Bilingual):
    """考核 (第二十七条; 第十七条 for 试用期满)."""

    PROBATION = ("试用期满", "end of probation")
    ANNUAL = ("年度", "annual")
    MID_TERM = ("届中", "mid-term")
    END_OF_TERM = ("届满", "end of term")

    @classmethod
    def parse(cls, value: str, field: str = "kind") -> AssessmentKind:
        for kind in cls:
            if str(value).strip() in (kind.zh, kind.en, kind.name, kind.zh + "考核"):
                return kind
        raise InvalidInput(field, value, "not a kind of 第二十七条 (试用期满、年度、届中、届满)")


class AuditKind(Bilingual):
    """经济责任审计 (第二十八条)."""

    DEPARTURE = ("离任", "on leaving office")
    MID_TERM = ("届中", "mid-term")
    SPECIAL = ("专项", "special")

    @classmethod
    def parse(cls, value: str, field: str = "kind") -> AuditKind:
        for kind in cls:
            if str(value).strip() in (kind.zh, kind.en, kind.name, kind.zh + "审计"):
                return kind
        raise InvalidInput(field, value, "not a kind of 第二十八条 (离任、届中、专项)")


def competent(grade: Grade) -> bool:
    """胜任 (第十七条): 称职 or 优秀."""
    return grade in (Grade.EXCELLENT, Grade.COMPETENT)


@attrs.frozen
class AssessmentFact:
    """A recorded assessment (``cadre_assessment``) as a value."""

    id: int
    person_id: int
    kind: AssessmentKind
    year: int | None
    assessed_on: date
    grade: Grade

    @classmethod
    def from_row(cls, row: Any) -> AssessmentFact:
        return cls(
            row.id,
            row.person,
            AssessmentKind.parse(row.kind),
            row.year,
            row.assessed_on,
            Grade.parse(row.grade),
        )


@attrs.frozen
class AuditFact:
    """A recorded audit (``cadre_audit``) as a value."""

    id: int
    person_id: int
    post_id: int | None
    kind: AuditKind
    started_on: date

    @classmethod
    def from_row(cls, row: Any) -> AuditFact:
        return cls(row.id, row.person, row.post, AuditKind.parse(row.kind), row.started_on)


def _finding(
    severity: Severity,
    rule: str,
    name: str,
    person_id: int,
    citation: Citation,
    zh: str,
    en: str,
    due: date | None,
) -> Finding:
    return Finding(
        severity, rule, name, citation, zh, en, due=due, subject_key=f"person:{person_id}"
    )


def _upcoming(due: date, on: date, notice: int) -> bool:
    return on < due <= on + timedelta(days=notice)


def assessment_findings(
    terms: Sequence[Term],
    posts: Mapping[int, Post],
    assessments: Sequence[AssessmentFact],
    names: Mapping[int, str],
    anchors: Mapping[int, Sequence[date]],
    on: date,
    limits: Limits,
    notice_days: int,
) -> list[Finding]:
    """Assessments due for the terms serving on ``on``: 试用期满 (第十七条) on
    ``probation_end`` — and, reviewed 不胜任, the trial post to be removed —; 届中 and 届满
    (第二十七条, 处级) at the half and the end of the 届. Shown ``notice_days`` ahead."""
    out: list[Finding] = []
    for term in terms:
        post = posts.get(term.post_id)
        rank = None if post is None else Rank.of_post(post.rank)
        if post is None or rank is None or not term.covers(on):
            continue
        name = names.get(term.person_id, str(term.person_id))
        own = [
            a for a in assessments if a.person_id == term.person_id and a.assessed_on >= term.start
        ]
        out.extend(_probation(term, post, own, name, on, notice_days))
        years = term_years_of(post, limits)
        if rank.is_division and years:
            out.extend(
                _periodic(term, post, own, name, on, years, anchors.get(years, ()), notice_days)
            )
    return out


def _probation(
    term: Term, post: Post, own: Sequence[AssessmentFact], name: str, on: date, notice: int
) -> Iterator[Finding]:
    due = term.probation_end
    if due is None:
        return
    reviews = [a for a in own if a.kind is AssessmentKind.PROBATION]
    if reviews:
        review = max(reviews, key=lambda a: a.assessed_on)
        if not competent(review.grade):
            yield _finding(
                Severity.DUE,
                "cadre.probation-not-competent",
                name,
                term.person_id,
                PROBATION,
                f"{name}试用期满考核为{review.grade.zh}（不胜任），应免去试任职务{post.title}",
                f"{name} was rated {review.grade.en} at the end of probation (not competent): "
                f"the trial post {post.code} is to be removed",
                review.assessed_on,
            )
        return
    if due <= on or _upcoming(due, on, notice):
        late = due <= on
        yield _finding(
            Severity.DUE if late else Severity.INFO,
            "cadre.probation-review",
            name,
            term.person_id,
            PROBATION,
            f"{name}任{post.title}试用期{'已于' if late else '将于'}{due.isoformat()}期满，"
            f"{'应当进行' if late else '届时进行'}试用期满考核",
            f"{name}'s probation as {post.code} {'ended' if late else 'ends'} on "
            f"{due.isoformat()}: the end-of-probation assessment is {'due' if late else 'coming'}",
            due,
        )


def _periodic(
    term: Term,
    post: Post,
    own: Sequence[AssessmentFact],
    name: str,
    on: date,
    years: int,
    anchors: Sequence[date],
    notice: int,
) -> Iterator[Finding]:
    last = scheduled_end(term.start, years, anchors)
    first = add_months(last + ONE_DAY, -12 * years)
    middle = add_months(first, 6 * years)
    for kind, due, applies in (
        (AssessmentKind.MID_TERM, middle, term.start <= middle),
        (AssessmentKind.END_OF_TERM, last, True),
    ):
        done = any(a.kind is kind and first <= a.assessed_on <= last for a in own)
        if not applies or done or not (due <= on or _upcoming(due, on, notice)):
            continue
        late = due <= on
        yield _finding(
            Severity.DUE if late else Severity.INFO,
            f"cadre.assessment-{kind.name.lower()}",
            name,
            term.person_id,
            ASSESSMENT,
            f"{name}任{post.title}本届（{first.isoformat()}至{last.isoformat()}）的{kind.zh}考核"
            f"{'应于' if late else '将于'}{due.isoformat()}进行",
            f"{name}'s {kind.en} assessment as {post.code} for the term {first.isoformat()} – "
            f"{last.isoformat()} {'was due' if late else 'is due'} on {due.isoformat()}",
            due,
        )


def demotion_findings(
    terms: Sequence[Term],
    posts: Mapping[int, Post],
    assessments: Sequence[AssessmentFact],
    names: Mapping[int, str],
    on: date,
) -> list[Finding]:
    """降职 due (第三十二条) after each annual rating of 不称职 of a cadre in a cadre post."""
    out: list[Finding] = []
    for rating in assessments:
        if rating.kind is not AssessmentKind.ANNUAL or rating.grade is not Grade.INCOMPETENT:
            continue
        if rating.assessed_on > on:
            continue
        own = [
            t for t in terms
            if t.person_id == rating.person_id and t.post_id in posts
            and Rank.of_post(posts[t.post_id].rank) is not None
        ]  # fmt: skip
        if not any(t.covers(rating.assessed_on) for t in own):
            continue
        demoted = any(
            t.end_reason is EndReason.DEMOTED and t.end is not None and t.end >= rating.assessed_on
            for t in own
        )
        if demoted or not any(t.covers(on) for t in own):
            continue
        name = names.get(rating.person_id, str(rating.person_id))
        year = f"{rating.year}年度" if rating.year else "年度"
        out.append(
            _finding(
                Severity.DUE,
                "cadre.demotion-due",
                name,
                rating.person_id,
                DEMOTION,
                f"{name}{year}考核被确定为不称职（{rating.assessed_on.isoformat()}），应当降职使用",
                f"{name} was rated incompetent in the {rating.year or ''} annual assessment "
                f"({rating.assessed_on.isoformat()}) and is to be demoted",
                rating.assessed_on,
            )
        )
    return out


def audit_findings(
    terms: Sequence[Term],
    posts: Mapping[int, Post],
    audits: Sequence[AuditFact],
    names: Mapping[int, str],
    on: date,
    months: int,
    since: date = _FROM,
) -> list[Finding]:
    """离任审计 due (第二十八条) for whoever left a 正处级 post on or after ``since``."""
    out: list[Finding] = []
    held = {(t.person_id, t.post_id, t.start) for t in terms}
    for term in terms:
        post = posts.get(term.post_id)
        if post is None or Rank.of_post(post.rank) is not Rank.DIVISION:
            continue
        if term.end is None or term.end < since or term.end >= on:
            continue
        if (term.person_id, term.post_id, term.end + ONE_DAY) in held:
            continue  # re-appointed: still in the post
        done = any(
            a.kind is AuditKind.DEPARTURE
            and a.person_id == term.person_id
            and a.post_id in (None, term.post_id)
            and a.started_on >= term.start
            for a in audits
        )
        if done:
            continue
        name = names.get(term.person_id, str(term.person_id))
        due = add_months(term.end + ONE_DAY, months)
        out.append(
            _finding(
                Severity.DUE,
                "cadre.departure-audit",
                name,
                term.person_id,
                AUDIT,
                f"{name}于{term.end.isoformat()}离任{post.title}"
                f"（{term.end_reason.value if term.end_reason else '离任'}），"
                "未见离任经济责任审计，"
                f"应于{due.isoformat()}前完成",
                f"{name} left {post.code} on {term.end.isoformat()} and no departure audit is "
                f"recorded; it is due by {due.isoformat()}",
                due,
            )
        )
    return out


def check_grade_year(kind: AssessmentKind, year: int | None) -> None:
    """An annual assessment names its year; the others do not."""
    if kind is AssessmentKind.ANNUAL and year is None:
        raise InvalidInput("year", year, "an annual assessment names its year (年度考核须填写年度)")
    if kind is not AssessmentKind.ANNUAL and year is not None:
        raise InvalidInput("year", year, f"only an annual assessment has a year, not {kind.zh}")


def lower_rank(old: Post, new: Post) -> bool:
    """Whether ``new`` is of a lower rank than ``old`` (降职, 第三十二条)."""
    a, b = Rank.of_post(old.rank), Rank.of_post(new.rank)
    return a is not None and b is not None and b.level < a.level
