"""任职资格 (第九条), 上级规定 (第十条) and 逐级提拔 / 破格提拔 (第十一条) as pure values.

:func:`evaluate` takes a person's :class:`Facts` — the core's record (学历, 学位, 职称 and
the date it was obtained, 参加工作时间, birth date and gender), the cadre posts they held
(:class:`Stint`, from the core's terms), the plugin's :class:`Profile`, :class:`Training`
and :class:`Exceptional` records — a target :class:`~plugins.cadre.vocabulary.Rank`, the
date and the :class:`Limits` in force, and returns an :class:`Eligibility`: every
:class:`Condition` met, missed or unknown (data missing), with the dates that decide it
and its clause.

Conventions where the text is silent (docs/cadre.md, "Eligibility"):

* years are whole years (周年) by :func:`core.api.completed_years`: N years are complete
  on the N-th anniversary, not the day before;
* time at a rank is summed over the terms in posts of that rank (re-appointments and
  moves at the same rank join up; a gap is not counted): the last stretch's start moved
  back by the days of the earlier ones is the date the years are counted from; time at a
  higher rank does not count unless the organization sets ``cadre.higher_rank_counts``;
* a title's years run from ``Person.title_date``, the day the *current* level was
  obtained (no title history is kept); a higher level meets a lower level's years;
* 破格 (第十一条) may break the qualification conditions (``waivable``) and skip one
  rank; never fitness, the age for a full term, or the exception's own conditions;
* the check date stands for the day of the decision: consent must be recorded on or
  before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, Self, TypeVar

import attrs

from core.api import (
    Bilingual,
    Citation,
    Degree,
    Education,
    Gender,
    InvalidInput,
    ParameterSpec,
    Person,
    Post,
    Term,
    TitleLevel,
    Unit,
    add_years,
    completed_years,
    latest_start_for,
)
from plugins.cadre.vocabulary import Rank, Track, cite

__all__ = [
    "SPECS",
    "Condition",
    "Eligibility",
    "ExceptionKind",
    "ExceptionReason",
    "Exceptional",
    "Facts",
    "Head",
    "Limits",
    "Profile",
    "Served",
    "Stint",
    "Training",
    "evaluate",
    "last_promotion",
    "limits_from",
    "training_overdue",
]

# --------------------------------------------------------------------------- the clauses

WORK_YEARS = cite(
    "第九条（一）1",
    "学校管理岗位干部提任副科级,硕士研究生学历的,应具有2年以上工作经历;"
    "大学本科学历的,应具有3年以上工作经历",
)
DEPUTY_SECTION_YEARS = cite("第九条（一）2", "提任正科级的,应具有3年以上副科级工作经历")
FROM_PROFESSIONAL = cite(
    "第九条（一）3",
    "由专业技术岗位转到党政管理工作岗位并提任副科级干部的,要具有中级专业技术职务;"
    "提任正科级的应具有中级专业技术职务满3年以上",
)
DOCTOR = cite("第九条（一）4", "博士研究生毕业在校从事管理岗位工作1年以上可定正科级")
FIT_SECTION = cite("第九条（一）5", "具有正常履行职责的身体条件")
EDUCATION = cite("第九条（二）1", "一般应具有大学本科以上学历")
DIVISION = cite(
    "第九条（二）2",
    "提任正处级领导职务的,现任管理岗位的,须任副处级领导职务满2年以上;现任专业技术岗位的,"
    "应具有正高级专业技术职务(资格),或任副高级专业技术职务(资格)满2年以上",
)
DEPUTY_DIVISION = cite(
    "第九条（二）3",
    "提任副处级领导职务的,现任管理岗位的,须任正科级满3年以上;现任专业技术岗位的,"
    "应具有副高级以上专业技术职务(资格),或任中级专业技术职务(资格)满3年以上,硕士以上学位",
)
HEADS = cite(
    "第九条（二）4",
    "提任学校教学机构、科研机构、教辅机构行政正副职的,原则上正职应具有正高级专业技术职务,"
    "副职应具有副高级以上专业技术职务或博士学位",
)
FULL_TERM = cite("第九条（二）6", "处级领导干部的任职年龄,原则上至少能任满一届(四年)")
RETIREMENT = cite("第九条（二）6", "任期届满,不能再任满一届,但仍未达到退休年龄")
TRAINING = cite(
    "第九条（二）7",
    "应当经过省委党校、行政院校或者组织人事部门认可的其他培训机构的培训,"
    "培训时间应当达到干部教育培训的有关培训要求。"
    "确因特殊情况在提任前未能达到要求的,应当在提任后一年内完成培训",
)
FIT_DIVISION = cite("第九条（二）8", "具有正常履行职责的身体条件")
SUPERIOR = cite("第十条", "个别岗位上级明确规定任职资格条件的,按照上级规定执行")
STEP = cite("第十一条", "干部选拔任用应当逐级提拔")
MAY_BREAK = cite(
    "第十一条",
    "特别优秀或者工作特殊需要的干部,可以突破任职资格规定或者越级提拔担任领导职务",
)
OUTSTANDING = cite(
    "第十一条",
    "在关键时刻或者承担急难险重任务中经受住考验、表现突出、作出重大贡献;"
    "在其他岗位上尽职尽责,工作实绩特别显著",
)
SPECIAL_NEED = cite(
    "第十一条",
    "领导班子结构需要或者领导职位有特殊要求的;专业性较强的岗位或者重要专项工作急需的",
)
NOT_IN_PROBATION = cite("第十一条", "任职试用期未满或者提拔任职不满一年的,不得破格提拔")
NOT_CONSECUTIVE = cite("第十一条", "不得在任职年限上连续破格")
NOT_TWO_RANKS = cite("第十一条", "不得越两级提拔")
CONSENT = cite("第十一条", "对拟破格提拔的人选在讨论决定前,必须报经上级组织部门同意")

#: zhidu's conventions where the text has no figure (docs/cadre.md).
TRAINING_CONVENTION = Citation(
    "zhidu",
    "docs/cadre.md 培训学时（约定）",
    "第九条（二）7 gives no figure: zhidu takes 《干部教育培训工作条例》(2023) for 县处级 — "
    "每5年…累计不少于3个月或者550学时",
)
HIGHER_RANK_CONVENTION = Citation(
    "zhidu",
    "docs/cadre.md 任职年限（约定）",
    "“任副科级/正科级/副处级满N年” counts time in posts of that rank only",
)

# --------------------------------------------------------------------------- parameters

#: = :data:`plugins.cadre.parameters.FROM` (that module gathers this one's SPECS, so it
#: cannot be imported here; tests/plugins/cadre/test_eligibility_rules.py keeps them equal).
_FROM = date(2018, 1, 16)


def _years(key: str, zh: str, en: str, default: int, citation: Citation) -> ParameterSpec:
    return ParameterSpec(f"cadre.{key}", zh, en, Unit.YEARS, default, citation, _FROM, minimum=0)


SPECS: tuple[ParameterSpec, ...] = (
    _years(
        "work_years_masters",
        "提任副科级：硕士研究生学历的工作经历",
        "Deputy section chief: years of work with a master's",
        2,
        WORK_YEARS,
    ),
    _years(
        "work_years_bachelor",
        "提任副科级：大学本科学历的工作经历",
        "Deputy section chief: years of work with a bachelor's",
        3,
        WORK_YEARS,
    ),
    _years(
        "section_years_as_deputy",
        "提任正科级：副科级工作经历",
        "Section chief: years as deputy section chief",
        3,
        DEPUTY_SECTION_YEARS,
    ),
    _years(
        "section_intermediate_years",
        "专业技术岗位提任正科级：中级职务年限",
        "Section chief from a professional post: years with an intermediate title",
        3,
        FROM_PROFESSIONAL,
    ),
    _years(
        "section_doctor_management_years",
        "博士定正科级：在校从事管理岗位工作年限",
        "Doctor set at section chief: years in management",
        1,
        DOCTOR,
    ),
    _years(
        "division_years_as_deputy",
        "提任正处级（管理岗位）：任副处级年限",
        "Division head (management): years as deputy division head",
        2,
        DIVISION,
    ),
    _years(
        "division_deputy_senior_years",
        "提任正处级（专业技术岗位）：任副高级职务年限",
        "Division head (professional): years with a deputy senior title",
        2,
        DIVISION,
    ),
    _years(
        "deputy_division_years_as_section",
        "提任副处级（管理岗位）：任正科级年限",
        "Deputy division head (management): years as section chief",
        3,
        DEPUTY_DIVISION,
    ),
    _years(
        "deputy_division_intermediate_years",
        "提任副处级（专业技术岗位）：任中级职务年限",
        "Deputy division head (professional): years with an intermediate title",
        3,
        DEPUTY_DIVISION,
    ),
    _years(
        "full_term_years",
        "处级任职年龄：至少能任满一届（年）",
        "Division rank: a full term before retirement (years)",
        4,
        FULL_TERM,
    ),
    ParameterSpec(
        "cadre.retirement_age_men",
        "退休年龄（男）",
        "Retirement age (men)",
        Unit.AGE,
        60,
        RETIREMENT,
        _FROM,
        minimum=40,
        maximum=75,
    ),
    ParameterSpec(
        "cadre.retirement_age_women",
        "退休年龄（女干部）",
        "Retirement age (women cadres)",
        Unit.AGE,
        55,
        RETIREMENT,
        _FROM,
        minimum=40,
        maximum=75,
    ),
    ParameterSpec(
        "cadre.training_hours",
        "处级提任培训学时（约定）",
        "Training hours before a division-rank promotion (convention)",
        Unit.HOURS,
        550,
        TRAINING_CONVENTION,
        _FROM,
        minimum=0,
    ),
    _years(
        "training_window_years",
        "培训学时的计算期间（约定：每5年）",
        "Training hours counted over (convention: 5 years)",
        5,
        TRAINING_CONVENTION,
    ),
    _years(
        "training_grace_years",
        "提任后完成培训的期限",
        "Training completed within, after promotion",
        1,
        TRAINING,
    ),
    _years(
        "exception_after_promotion_years",
        "破格提拔：提拔任职须满（年）",
        "Exceptional promotion: years since the last promotion",
        1,
        NOT_IN_PROBATION,
    ),
    ParameterSpec(
        "cadre.higher_rank_counts",
        "任职年限计入更高职级的任职时间（约定：否）",
        "Time at a higher rank counts towards a rank's years (convention: no)",
        Unit.BOOLEAN,
        False,
        HIGHER_RANK_CONVENTION,
        _FROM,
    ),
)


@attrs.frozen
class Limits:
    """Every figure of 第九条 and 第十一条 (parameters ``cadre.*``, :data:`SPECS`)."""

    work_years_masters: int = 2
    work_years_bachelor: int = 3
    section_years_as_deputy: int = 3
    section_intermediate_years: int = 3
    section_doctor_management_years: int = 1
    division_years_as_deputy: int = 2
    division_deputy_senior_years: int = 2
    deputy_division_years_as_section: int = 3
    deputy_division_intermediate_years: int = 3
    full_term_years: int = 4
    retirement_age_men: int = 60
    retirement_age_women: int = 55
    training_hours: int = 550
    training_window_years: int = 5
    training_grace_years: int = 1
    exception_after_promotion_years: int = 1
    higher_rank_counts: bool = False


def limits_from(value: Callable[[str], Any]) -> Limits:
    """The limits from a lookup ``value(key)`` (a CheckContext's ``parameter``)."""
    return Limits(**{f.name: value(f"cadre.{f.name}") for f in attrs.fields(Limits)})


# --------------------------------------------------------------------------- vocabulary


_E = TypeVar("_E", bound=Bilingual)


def _parse(kind: type[_E], value: str | _E, field: str, rule: str) -> _E:
    if isinstance(value, kind):
        return value
    for member in kind:
        if value in (member.zh, member.name, member.en):
            return member
    raise InvalidInput(field, value, f"{rule} (one of {'、'.join(m.zh for m in kind)})")


class Head(Bilingual):
    """行政正副职 of a 教学/科研/教辅 unit (第九条（二）4)."""

    PRINCIPAL = ("正职", "head")
    DEPUTY = ("副职", "deputy head")

    @classmethod
    def parse(cls, value: str | Head, field: str = "head") -> Head:
        return _parse(cls, value, field, "not 正职 or 副职 (第九条（二）4)")


class ExceptionKind(Bilingual):
    """Why a cadre may be promoted exceptionally (破格, 第十一条)."""

    OUTSTANDING = ("特别优秀", "especially outstanding")
    SPECIAL_NEED = ("工作特殊需要", "a special need of the work")

    @classmethod
    def parse(cls, value: str | ExceptionKind, field: str = "kind") -> ExceptionKind:
        return _parse(cls, value, field, "not a kind of 破格 of 第十一条")

    @property
    def citation(self) -> Citation:
        return OUTSTANDING if self is ExceptionKind.OUTSTANDING else SPECIAL_NEED


class ExceptionReason(Bilingual):
    """The listed grounds of 第十一条, two for each :class:`ExceptionKind`."""

    TESTED = ("关键时刻或急难险重", "tested at a critical moment or in an urgent, hard task")
    ACHIEVEMENT = ("工作实绩特别显著", "especially notable achievements in another post")
    STRUCTURE = ("班子结构或职位特殊要求", "the leadership's structure or the post's requirements")
    URGENT = (
        "专业性较强或专项工作急需",
        "a specialised post, or urgent for important special work",
    )

    @property
    def kind(self) -> ExceptionKind:
        if self in (ExceptionReason.TESTED, ExceptionReason.ACHIEVEMENT):
            return ExceptionKind.OUTSTANDING
        return ExceptionKind.SPECIAL_NEED

    @classmethod
    def parse(cls, value: str | ExceptionReason, field: str = "reason") -> ExceptionReason:
        return _parse(cls, value, field, "not a ground listed in 第十一条")


# --------------------------------------------------------------------------- facts


@attrs.frozen
class Profile:
    """What the core does not keep about a cadre (干部档案补充信息): the track they serve on
    (第九条 "现任管理岗位的/现任专业技术岗位的"), a family that has emigrated (第十五条（四）),
    since when they work in management at the university (第九条（一）4) and whether they
    are fit for duty (第九条（一）5、（二）8)."""

    person_id: int
    track: Track
    family_emigrated: bool = False
    management_since: date | None = None
    fit_for_duty: bool = True
    note: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            row.person,
            _parse(Track, row.track, "track", "not a track"),
            bool(row.family_emigrated),
            row.management_since,
            bool(row.fit_for_duty),
            row.note or "",
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "track": self.track.zh,
            "family_emigrated": self.family_emigrated,
            "management_since": self.management_since,
            "fit_for_duty": self.fit_for_duty,
            "note": self.note,
        }


@attrs.frozen
class Training:
    """A training completed (培训, 第九条（二）7): when, how many hours, where."""

    id: int
    person_id: int
    completed_on: date
    hours: int
    institution: str
    note: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(row.id, row.person, row.completed_on, row.hours, row.institution, row.note or "")


@attrs.frozen
class Exceptional:
    """A recorded exceptional promotion (破格提拔, 第十一条): towards which rank, its kind
    and listed ground, and the superior department's consent (上级组织部门同意: when, by
    whom) — which must come before the decision."""

    id: int
    person_id: int
    target_rank: Rank
    kind: ExceptionKind
    reason: ExceptionReason
    recorded_on: date
    consent_on: date | None = None
    consent_by: str | None = None
    note: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            row.id,
            row.person,
            Rank.parse(row.target_rank),
            ExceptionKind.parse(row.kind),
            ExceptionReason.parse(row.reason),
            row.recorded_on,
            row.consent_on,
            row.consent_by or None,
            row.note or "",
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "person_id": self.person_id,
            "target_rank": self.target_rank.zh,
            "kind": self.kind.zh,
            "reason": self.reason.zh,
            "recorded_on": self.recorded_on,
            "consent_on": self.consent_on,
            "consent_by": self.consent_by,
            "note": self.note,
        }


@attrs.frozen
class Stint:
    """A term in a post of a cadre rank (任职): ``end`` is the last day in post."""

    rank: Rank
    start: date
    end: date | None
    probation_end: date | None = None
    post_code: str = ""

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@attrs.frozen
class Facts:
    """Everything :func:`evaluate` looks at for one person."""

    person: Person
    profile: Profile | None = None
    stints: tuple[Stint, ...] = ()
    trainings: tuple[Training, ...] = ()
    exceptions: tuple[Exceptional, ...] = ()

    @classmethod
    def of(
        cls,
        person: Person,
        profile: Profile | None,
        posts: Iterable[Post],
        terms: Iterable[Term],
        trainings: Iterable[Training] = (),
        exceptions: Iterable[Exceptional] = (),
    ) -> Self:
        """The facts from the core's values: the person's terms in posts of a cadre rank
        (第五条) become stints; other posts (群团 ranks, 干事 …) are left out."""
        by_id = {p.id: p for p in posts}
        stints = []
        for term in terms:
            post = by_id.get(term.post_id)
            rank = Rank.of_post(post.rank) if post is not None else None
            if term.person_id == person.id and post is not None and rank is not None:
                stints.append(Stint(rank, term.start, term.end, term.probation_end, post.code))
        stints.sort(key=lambda s: (s.start, s.rank.level))
        return cls(
            person,
            profile,
            tuple(stints),
            tuple(t for t in trainings if t.person_id == person.id),
            tuple(e for e in exceptions if e.person_id == person.id),
        )


# --------------------------------------------------------------------------- time served


@attrs.frozen
class Served:
    """Time at a rank (or since a date) on a date: ``first`` day, the date the years are
    counted from (``counted_from``: the last stretch's start moved back by the days of
    the earlier stretches), ``until`` (``on`` while it lasts, else the day after the last
    day) and whether it still lasts."""

    first: date
    counted_from: date
    until: date
    ongoing: bool

    @classmethod
    def since(cls, start: date, on: date) -> Self:
        return cls(start, start, max(start, on), True)

    @property
    def years(self) -> int:
        return completed_years(self.counted_from, self.until)

    def reached(self, years: int) -> date:
        """The day ``years`` are complete, if it lasts that long."""
        return add_years(self.counted_from, years)


def served(stints: Iterable[Stint], ranks: Iterable[Rank], on: date) -> Served | None:
    """Time in posts of ``ranks`` up to ``on``, summed over the terms; None if never."""
    wanted = set(ranks)
    spans: list[list[date]] = []
    ongoing = False
    for s in sorted((s for s in stints if s.rank in wanted and s.start <= on), key=_start):
        until = on if s.end is None or s.end >= on else s.end + timedelta(days=1)
        ongoing = ongoing or s.covers(on)
        if spans and s.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], until)
        else:
            spans.append([s.start, until])
    if not spans:
        return None
    earlier = sum(((u - s).days for s, u in spans[:-1]), 0)
    start, until = spans[-1]
    return Served(spans[0][0], start - timedelta(days=earlier), until, ongoing)


def _start(stint: Stint) -> date:
    return stint.start


def current_rank(stints: Iterable[Stint], on: date) -> Rank | None:
    """The highest rank held on ``on`` (现任职级), None if no cadre post."""
    held = [s.rank for s in stints if s.covers(on)]
    return max(held, key=lambda r: r.level) if held else None


def promotions(stints: Sequence[Stint]) -> tuple[Stint, ...]:
    """The stints that were promotions (提拔): a first cadre post, or a rank above what the
    person held the day before (or, after a gap, in their last post)."""
    found = []
    for stint in stints:
        before = [s for s in stints if s.start < stint.start]
        if not before:
            found.append(stint)
            continue
        day_before = stint.start - timedelta(days=1)
        held = [s for s in before if s.covers(day_before)] or [
            max(before, key=lambda s: (s.end or date.max, s.rank.level))
        ]
        if stint.rank.level > max(s.rank.level for s in held):
            found.append(stint)
    return tuple(found)


def last_promotion(stints: Sequence[Stint], on: date) -> Stint | None:
    """The latest promotion on or before ``on``."""
    done = [s for s in promotions(stints) if s.start <= on]
    return max(done, key=_start) if done else None


# --------------------------------------------------------------------------- conditions


@attrs.frozen
class Condition:
    """One condition of eligibility, explained: ``met`` True / False / None (unknown: data
    missing), the clause, the message in Chinese and English, and the dates that decide
    it (name → date).

    ``waivable``: 破格 may break it (第十一条 "突破任职资格规定或者越级提拔");
    ``blocking``: False for training, which may be completed within a year after
    promotion; ``on_years``: a 任职年限 condition (no two exceptions in a row on years);
    ``covered``: missed but covered by a valid recorded exception; ``parts``: the
    alternatives or requirements it is made of."""

    key: str
    met: bool | None
    citation: Citation
    message_zh: str
    message_en: str
    dates: tuple[tuple[str, date], ...] = ()
    waivable: bool = True
    blocking: bool = True
    on_years: bool = False
    covered: bool = False
    parts: tuple[Condition, ...] = ()

    @property
    def status(self) -> str:
        """met, missed, unknown, covered (by an exception) or deferred (training)."""
        if self.met:
            return "met"
        if self.met is None:
            return "unknown"
        if self.covered:
            return "covered"
        return "missed" if self.blocking else "deferred"

    @property
    def mark(self) -> str:
        return {"met": "✓", "missed": "✗", "unknown": "?", "covered": "◎", "deferred": "△"}[
            self.status
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "met": self.met,
            "status": self.status,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "dates": {name: day.isoformat() for name, day in self.dates},
            "citation": self.citation.as_dict(),
            "waivable": self.waivable,
            "blocking": self.blocking,
            "covered": self.covered,
            "parts": [p.as_dict() for p in self.parts],
        }


def _met_any(parts: Sequence[Condition]) -> bool | None:
    if any(p.met for p in parts):
        return True
    return None if any(p.met is None for p in parts) else False


def _met_all(parts: Sequence[Condition]) -> bool | None:
    if any(p.met is False for p in parts):
        return False
    return None if any(p.met is None for p in parts) else True


def _combine(
    key: str, citation: Citation, zh: str, en: str, parts: Sequence[Condition], *, any_: bool
) -> Condition:
    met = _met_any(parts) if any_ else _met_all(parts)
    joined_zh = "；".join(f"{p.mark} {p.message_zh}" for p in parts)
    joined_en = "; ".join(f"{p.mark} {p.message_en}" for p in parts)
    dates = tuple(d for p in parts for d in p.dates)
    return Condition(
        key,
        met,
        citation,
        f"{zh}：{joined_zh}",
        f"{en}: {joined_en}",
        dates,
        waivable=all(p.waivable for p in parts),
        on_years=any(p.on_years for p in parts),
        parts=tuple(parts),
    )


def _iso(day: date) -> str:
    return day.isoformat()


def _years_condition(
    key: str,
    citation: Citation,
    what: tuple[str, str],
    time: Served | None,
    years: int,
    on: date,
    *,
    never: tuple[str, str] | None = None,
) -> Condition:
    """``years`` of ``what`` (zh, en) complete on ``on``? ``time`` None: never served at
    the rank when ``never`` gives the words, else unknown (data missing)."""
    zh, en = what
    if time is None:
        if never is None:
            return Condition(
                key,
                None,
                citation,
                f"{zh}：未登记，无法判断",
                f"{en}: not recorded, unknown",
                on_years=True,
            )
        return Condition(
            key,
            False,
            citation,
            f"{never[0]}，须满{years}年",
            f"{never[1]}: {years} years needed",
            on_years=True,
        )
    reached = time.reached(years)
    counted = "（累计，间断期不计）" if time.counted_from != time.first else ""
    counted_en = " (summed, gaps not counted)" if time.counted_from != time.first else ""
    dates = [("since", time.first)]
    if time.counted_from != time.first:
        dates.append(("counted_from", time.counted_from))
    if reached <= time.until:
        day_before = reached - timedelta(days=1)
        dates.append(("reached", reached))
        return Condition(
            key,
            True,
            citation,
            f"{zh}自{_iso(time.first)}起{counted}：{_iso(reached)}满{years}年"
            f"（{_iso(day_before)}尚未满）",
            f"{en} since {_iso(time.first)}{counted_en}: {years} years on {_iso(reached)}"
            f" (not yet on {_iso(day_before)})",
            tuple(dates),
            on_years=True,
        )
    if time.ongoing:
        dates.append(("reaches", reached))
        return Condition(
            key,
            False,
            citation,
            f"{zh}自{_iso(time.first)}起{counted}：{_iso(on)}满{time.years}年，不足{years}年；"
            f"{_iso(reached)}方满{years}年",
            f"{en} since {_iso(time.first)}{counted_en}: {time.years} years on {_iso(on)},"
            f" fewer than {years}; {years} years on {_iso(reached)}",
            tuple(dates),
            on_years=True,
        )
    last = time.until - timedelta(days=1)
    dates.append(("last_day", last))
    return Condition(
        key,
        False,
        citation,
        f"{zh}自{_iso(time.first)}起至{_iso(last)}止{counted}，满{time.years}年，不足{years}年",
        f"{en} from {_iso(time.first)} to {_iso(last)}{counted_en}: {time.years} years,"
        f" fewer than {years}",
        tuple(dates),
        on_years=True,
    )


_TITLE_ORDER = (
    TitleLevel.JUNIOR,
    TitleLevel.INTERMEDIATE,
    TitleLevel.DEPUTY_SENIOR,
    TitleLevel.FULL_SENIOR,
)


def _title_at_least(level: TitleLevel | None, floor: TitleLevel) -> bool:
    return level is not None and _TITLE_ORDER.index(level) >= _TITLE_ORDER.index(floor)


def _title_condition(key: str, citation: Citation, person: Person, floor: TitleLevel) -> Condition:
    level = person.title_level
    want = f"{floor.value}{'' if floor is TitleLevel.FULL_SENIOR else '以上'}专业技术职务"
    want_en = f"a title of {floor.name.lower().replace('_', ' ')} level or above"
    dates = (("title_date", person.title_date),) if person.title_date else ()
    if level is None:
        return Condition(
            key, None, citation, f"须具有{want}：职称未登记", f"{want_en} needed: no title recorded"
        )
    since = f"（{_iso(person.title_date)}取得）" if person.title_date else ""
    since_en = f" (since {_iso(person.title_date)})" if person.title_date else ""
    have = f"{person.title or level.value}（{level.value}）{since}"
    have_en = f"{person.title or level.value} ({level.name.lower().replace('_', ' ')}){since_en}"
    met = _title_at_least(level, floor)
    return Condition(
        key,
        met,
        citation,
        f"须具有{want}：现为{have}",
        f"{want_en}: holds {have_en}",
        dates,
    )


def _title_years(
    key: str, citation: Citation, person: Person, level: TitleLevel, years: int, on: date
) -> Condition:
    """``years`` with a title of ``level`` (a higher level meets it: its holder held this
    one before; title_date is when the *current* level was obtained)."""
    name = f"任{level.value}专业技术职务"
    name_en = f"{level.name.lower().replace('_', ' ')} title"
    current = person.title_level
    if current is not None and current is not level and _title_at_least(current, level):
        return Condition(
            key,
            True,
            citation,
            f"{name}满{years}年：现为更高的{current.value}职务，视为已满足",
            f"{years} years with an {name_en}: holds the higher {current.value}, which meets it",
            (("title_date", person.title_date),) if person.title_date else (),
            on_years=True,
        )
    if current is None or person.title_date is None:
        return _years_condition(key, citation, (name, name_en), None, years, on)
    if current is not level:
        return Condition(
            key,
            False,
            citation,
            f"{name}满{years}年：现为{current.value}",
            f"{years} years with an {name_en}: holds {current.value}",
            on_years=True,
        )
    time = Served.since(person.title_date, on) if person.title_date <= on else None
    if time is None:
        return Condition(
            key,
            False,
            citation,
            f"{name}自{_iso(person.title_date)}起，尚未取得",
            f"{name_en} only from {_iso(person.title_date)}",
            (("title_date", person.title_date),),
            on_years=True,
        )
    return _years_condition(key, citation, (name, name_en), time, years, on)


def _degree_condition(key: str, citation: Citation, person: Person) -> Condition:
    degree = person.degree
    if degree is None:
        return Condition(
            key,
            None,
            citation,
            "硕士以上学位：学位未登记",
            "a master's degree or higher: no degree recorded",
        )
    met = degree in (Degree.MASTER, Degree.DOCTOR)
    return Condition(
        key,
        met,
        citation,
        f"硕士以上学位：现为{degree.value}",
        f"a master's degree or higher: holds {degree.value}",
    )


# --------------------------------------------------------------------------- the rules by rank


def _work_years(facts: Facts, on: date, limits: Limits) -> Condition:
    """第九条（一）1: 硕士研究生 (or higher) 2 years of work, 大学本科 3."""
    person = facts.person
    key = "deputy_section.work_years"
    education = person.education
    if education is None:
        return Condition(
            key,
            None,
            WORK_YEARS,
            "学历未登记，无法判断工作年限要求",
            "education not recorded: unknown",
            on_years=True,
        )
    if education in (Education.DOCTORAL, Education.MASTERS):
        years = limits.work_years_masters
    elif education is Education.BACHELOR:
        years = limits.work_years_bachelor
    else:
        return Condition(
            key,
            False,
            WORK_YEARS,
            f"学历为{education.value}：第九条（一）1只规定硕士研究生和大学本科",
            f"education {education.value}: 第九条（一）1 provides for master's and bachelor's only",
        )
    start = person.employment_start
    time = Served.since(start, on) if start is not None and start <= on else None
    what = (f"{education.value}学历，参加工作", f"{education.value}: working")
    if start is not None and start > on:
        return Condition(
            key,
            False,
            WORK_YEARS,
            f"参加工作时间{_iso(start)}晚于{_iso(on)}",
            f"starts work on {_iso(start)}",
            on_years=True,
        )
    return _years_condition(key, WORK_YEARS, what, time, years, on)


def _rank_years(
    key: str, citation: Citation, facts: Facts, rank: Rank, years: int, on: date, limits: Limits
) -> Condition:
    ranks = [r for r in Rank if r is rank or (limits.higher_rank_counts and r.level > rank.level)]
    time = served(facts.stints, ranks, on)
    what = (f"任{rank.zh}", f"as {rank.en}")
    never = (f"未任{rank.zh}", f"never {rank.en}")
    return _years_condition(key, citation, what, time, years, on, never=never)


def _doctor(facts: Facts, on: date, limits: Limits) -> Condition:
    """第九条（一）4: a 博士研究生 with a year in management at the university."""
    key = "section.doctor"
    years = limits.section_doctor_management_years
    education = facts.person.education
    if education is None:
        return Condition(
            key,
            None,
            DOCTOR,
            "博士研究生定正科级：学历未登记",
            "doctor set at section chief: education not recorded",
        )
    if education is not Education.DOCTORAL:
        return Condition(
            key,
            False,
            DOCTOR,
            f"博士研究生定正科级：学历为{education.value}",
            f"doctor set at section chief: education is {education.value}",
        )
    since = facts.profile.management_since if facts.profile else None
    what = ("博士研究生，在校从事管理岗位工作", "doctor, working in management at the university")
    if since is not None and since > on:
        return Condition(
            key,
            False,
            DOCTOR,
            f"在校从事管理岗位工作自{_iso(since)}起",
            f"in management only from {_iso(since)}",
            on_years=True,
        )
    time = Served.since(since, on) if since is not None else None
    return _years_condition(key, DOCTOR, what, time, years, on)


def _by_track(track: Track | None, management: Condition, professional: Condition) -> Condition:
    """The path of the track the person serves on now (第九条 "现任管理岗位的/现任专业技术岗
    位的"); with no track recorded, both paths: met if both are, missed if neither is."""
    if track is Track.MANAGEMENT:
        return management
    if track is Track.PROFESSIONAL:
        return professional
    parts = (management, professional)
    met: bool | None
    if management.met and professional.met:
        met = True
    elif management.met is False and professional.met is False:
        met = False
    else:
        met = None
    zh = "岗位类别（管理/专业技术）未登记，两种情形分别为"
    en = "track (management/professional) not recorded; the two paths"
    joined_zh = "；".join(f"{p.mark} {p.message_zh}" for p in parts)
    joined_en = "; ".join(f"{p.mark} {p.message_en}" for p in parts)
    return Condition(
        "qualification",
        met,
        management.citation,
        f"{zh}：{joined_zh}",
        f"{en}: {joined_en}",
        tuple(d for p in parts for d in p.dates),
        on_years=management.on_years or professional.on_years,
        parts=parts,
    )


def _qualification(facts: Facts, rank: Rank, on: date, limits: Limits) -> Condition:
    """The years, titles and degrees of 第九条 for ``rank`` on the person's track."""
    person = facts.person
    track = facts.profile.track if facts.profile else None
    if rank is Rank.DEPUTY_SECTION:
        management = _work_years(facts, on, limits)
        professional = _title_condition(
            "deputy_section.title", FROM_PROFESSIONAL, person, TitleLevel.INTERMEDIATE
        )
    elif rank is Rank.SECTION:
        doctor = _doctor(facts, on, limits)
        years = _rank_years(
            "section.years_as_deputy",
            DEPUTY_SECTION_YEARS,
            facts,
            Rank.DEPUTY_SECTION,
            limits.section_years_as_deputy,
            on,
            limits,
        )
        title = _title_years(
            "section.intermediate_years",
            FROM_PROFESSIONAL,
            person,
            TitleLevel.INTERMEDIATE,
            limits.section_intermediate_years,
            on,
        )
        management = _combine(
            "section.management",
            DEPUTY_SECTION_YEARS,
            "提任正科级（满足其一）",
            "section chief (either)",
            (years, doctor),
            any_=True,
        )
        professional = _combine(
            "section.professional",
            FROM_PROFESSIONAL,
            "专业技术岗位提任正科级（满足其一）",
            "section chief from a professional post (either)",
            (title, doctor),
            any_=True,
        )
    elif rank is Rank.DEPUTY_DIVISION:
        management = _rank_years(
            "deputy_division.years_as_section",
            DEPUTY_DIVISION,
            facts,
            Rank.SECTION,
            limits.deputy_division_years_as_section,
            on,
            limits,
        )
        senior = _title_condition(
            "deputy_division.deputy_senior", DEPUTY_DIVISION, person, TitleLevel.DEPUTY_SENIOR
        )
        intermediate = _combine(
            "deputy_division.intermediate",
            DEPUTY_DIVISION,
            "中级职务满年限且硕士以上学位",
            "years with an intermediate title and a master's degree",
            (
                _title_years(
                    "deputy_division.intermediate_years",
                    DEPUTY_DIVISION,
                    person,
                    TitleLevel.INTERMEDIATE,
                    limits.deputy_division_intermediate_years,
                    on,
                ),
                _degree_condition("deputy_division.degree", DEPUTY_DIVISION, person),
            ),
            any_=False,
        )
        professional = _combine(
            "deputy_division.professional",
            DEPUTY_DIVISION,
            "专业技术岗位提任副处级（满足其一）",
            "deputy division head from a professional post (either)",
            (senior, intermediate),
            any_=True,
        )
    else:
        management = _rank_years(
            "division.years_as_deputy",
            DIVISION,
            facts,
            Rank.DEPUTY_DIVISION,
            limits.division_years_as_deputy,
            on,
            limits,
        )
        professional = _combine(
            "division.professional",
            DIVISION,
            "专业技术岗位提任正处级（满足其一）",
            "division head from a professional post (either)",
            (
                _title_condition("division.full_senior", DIVISION, person, TitleLevel.FULL_SENIOR),
                _title_years(
                    "division.deputy_senior_years",
                    DIVISION,
                    person,
                    TitleLevel.DEPUTY_SENIOR,
                    limits.division_deputy_senior_years,
                    on,
                ),
            ),
            any_=True,
        )
    return _by_track(track, management, professional)


def _step(facts: Facts, rank: Rank, on: date) -> Condition:
    """第十一条: rank by rank; one rank skipped needs 破格; two never."""
    now = current_rank(facts.stints, on)
    if now is None:
        return Condition(
            "step",
            True,
            STEP,
            f"现无干部职级：首次提任{rank.zh}，按第九条相应任职资格",
            f"holds no cadre rank: a first appointment as {rank.en}, by the qualifications of"
            " 第九条",
        )
    gap = rank.level - now.level
    if gap <= 0:
        return Condition(
            "step",
            True,
            STEP,
            f"现任{now.zh}：拟任{rank.zh}不是提拔",
            f"holds {now.en}: {rank.en} is not a promotion",
        )
    if gap == 1:
        return Condition(
            "step",
            True,
            STEP,
            f"现任{now.zh}，逐级提拔为{rank.zh}",
            f"holds {now.en}: {rank.en} is the next rank",
        )
    if gap == 2:
        return Condition(
            "step",
            False,
            MAY_BREAK,
            f"现任{now.zh}，提任{rank.zh}为越级提拔，须按破格程序",
            f"holds {now.en}: {rank.en} skips a rank — an exceptional promotion",
        )
    return Condition(
        "step",
        False,
        NOT_TWO_RANKS,
        f"现任{now.zh}，提任{rank.zh}越两级，不得提拔",
        f"holds {now.en}: {rank.en} skips two ranks, which is never allowed",
        waivable=False,
    )


def _fit(facts: Facts, rank: Rank) -> Condition:
    citation = FIT_DIVISION if rank.is_division else FIT_SECTION
    if facts.profile is None:
        return Condition(
            "fit_for_duty",
            None,
            citation,
            "身体条件：未登记",
            "fitness for duty: not recorded",
            waivable=False,
        )
    if facts.profile.fit_for_duty:
        return Condition(
            "fit_for_duty",
            True,
            citation,
            "具有正常履行职责的身体条件",
            "fit for duty",
            waivable=False,
        )
    return Condition(
        "fit_for_duty",
        False,
        citation,
        "登记为不具备正常履行职责的身体条件",
        "recorded as not fit for duty",
        waivable=False,
    )


def _education(person: Person) -> Condition:
    education = person.education
    if education is None:
        return Condition(
            "division.education",
            None,
            EDUCATION,
            "大学本科以上学历：学历未登记",
            "a bachelor's or higher: education not recorded",
        )
    met = education in (Education.DOCTORAL, Education.MASTERS, Education.BACHELOR)
    return Condition(
        "division.education",
        met,
        EDUCATION,
        f"大学本科以上学历：现为{education.value}",
        f"a bachelor's or higher: {education.value}",
    )


def _head(person: Person, head: Head) -> Condition:
    if head is Head.PRINCIPAL:
        return _title_condition("head", HEADS, person, TitleLevel.FULL_SENIOR)
    title = _title_condition("head.title", HEADS, person, TitleLevel.DEPUTY_SENIOR)
    degree = person.degree
    doctor = Condition(
        "head.doctorate",
        None if degree is None else degree is Degree.DOCTOR,
        HEADS,
        f"博士学位：{'未登记' if degree is None else '现为' + degree.value}",
        f"a doctorate: {'not recorded' if degree is None else degree.value}",
    )
    return _combine(
        "head",
        HEADS,
        "教学、科研、教辅机构行政副职（满足其一）",
        "deputy head of a teaching, research or support unit (either)",
        (title, doctor),
        any_=True,
    )


def retirement_date(person: Person, limits: Limits) -> date:
    """The day the person reaches the retirement age (parameters; 男 60, 女干部 55)."""
    age = (
        limits.retirement_age_women if person.gender is Gender.FEMALE else limits.retirement_age_men
    )
    return add_years(person.birth_date, age)


def _full_term(person: Person, on: date, limits: Limits) -> Condition:
    """第九条（二）6: a full term (four years) from ``on`` before reaching retirement age."""
    years = limits.full_term_years
    retire = retirement_date(person, limits)
    latest = latest_start_for(retire, years=years)
    dates = (("retirement", retire), ("latest_start", latest))
    age = (
        limits.retirement_age_women if person.gender is Gender.FEMALE else limits.retirement_age_men
    )
    met = add_years(on, years) <= retire
    zh = (
        f"{person.gender.value}，生于{_iso(person.birth_date)}，{_iso(retire)}年满{age}周岁（退休年龄）："
        f"{_iso(latest)}（含）前任职方能任满一届（{years}年）"
    )
    en = (
        f"born {_iso(person.birth_date)}: reaches {age} (retirement age) on {_iso(retire)}; a full"
        f" {years}-year term only if appointed by {_iso(latest)}"
    )
    return Condition("division.full_term", met, FULL_TERM, zh, en, dates, waivable=False)


def _training(facts: Facts, on: date, limits: Limits) -> Condition:
    """第九条（二）7: the hours (convention: 550 in 5 years) before promotion, or within a
    year after it — short hours do not block, they set the deadline."""
    window = latest_start_for(on, years=limits.training_window_years) + timedelta(days=1)
    done = [t for t in facts.trainings if window <= t.completed_on <= on]
    hours = sum(t.hours for t in done)
    need = limits.training_hours
    dates: tuple[tuple[str, date], ...] = (("window_from", window),)
    if hours >= need:
        return Condition(
            "division.training",
            True,
            TRAINING,
            f"{_iso(window)}至{_iso(on)}培训{hours}学时（{len(done)}次），达到{need}学时",
            f"{hours} hours of training ({len(done)}) from {_iso(window)} to {_iso(on)}:"
            f" {need} needed",
            dates,
            waivable=False,
        )
    due = add_years(on, limits.training_grace_years)
    return Condition(
        "division.training",
        False,
        TRAINING,
        f"{_iso(window)}至{_iso(on)}培训{hours}学时，不足{need}学时：确因特殊情况提任前未能达到的，"
        f"应于提任后一年内（{_iso(on)}提任则至{_iso(due)}）完成",
        f"{hours} hours of training from {_iso(window)} to {_iso(on)}, fewer than {need}: if"
        f" promoted on {_iso(on)}, to be completed by {_iso(due)}",
        (*dates, ("due", due)),
        waivable=False,
        blocking=False,
    )


# --------------------------------------------------------------------------- 破格


def _exception_conditions(
    facts: Facts, rank: Rank, on: date, limits: Limits, missed: Sequence[Condition]
) -> tuple[tuple[Condition, ...], Exceptional | None]:
    """The conditions of 第十一条 an exception must meet, and the exception relied on."""
    recorded = [e for e in facts.exceptions if e.target_rank is rank and e.recorded_on <= on]
    keys = "、".join(c.key for c in missed)
    if not recorded:
        return (
            Condition(
                "exception.recorded",
                False,
                MAY_BREAK,
                f"未达到的条件（{keys}）须破格提拔，但未登记破格提拔（特别优秀或工作特殊需要）",
                f"the missed conditions ({keys}) need an exceptional promotion; none is recorded",
                waivable=False,
            ),
        ), None
    exception = max(recorded, key=lambda e: (e.recorded_on, e.id))
    conditions = []
    valid = exception.reason.kind is exception.kind
    conditions.append(
        Condition(
            "exception.recorded",
            valid,
            exception.kind.citation,
            f"破格提拔已登记（{_iso(exception.recorded_on)}）：{exception.kind.zh}——"
            f"{exception.reason.zh}" + ("" if valid else "（理由与类别不符）"),
            f"exceptional promotion recorded on {_iso(exception.recorded_on)}: {exception.kind.en}"
            f" — {exception.reason.en}" + ("" if valid else " (the ground is not of that kind)"),
            (("recorded_on", exception.recorded_on),),
            waivable=False,
        )
    )
    consent = exception.consent_on
    if consent is None or not exception.consent_by:
        conditions.append(
            Condition(
                "exception.consent",
                False,
                CONSENT,
                "未登记上级组织部门同意（日期、部门）",
                "the superior department's consent (date, by whom) is not recorded",
                waivable=False,
            )
        )
    else:
        before = consent <= on
        conditions.append(
            Condition(
                "exception.consent",
                before,
                CONSENT,
                f"{exception.consent_by}于{_iso(consent)}同意"
                + ("" if before else f"，晚于讨论决定日{_iso(on)}"),
                f"consent of {exception.consent_by} on {_iso(consent)}"
                + ("" if before else f", after the decision on {_iso(on)}"),
                (("consent_on", consent),),
                waivable=False,
            )
        )
    probation = [
        s for s in facts.stints if s.covers(on) and s.probation_end and on <= s.probation_end
    ]
    if probation:
        end = max(s.probation_end for s in probation if s.probation_end)
        conditions.append(
            Condition(
                "exception.probation",
                False,
                NOT_IN_PROBATION,
                f"任职试用期至{_iso(end)}，未满，不得破格提拔",
                f"on probation until {_iso(end)}: no exceptional promotion",
                (("probation_end", end),),
                waivable=False,
            )
        )
    else:
        conditions.append(
            Condition(
                "exception.probation",
                True,
                NOT_IN_PROBATION,
                "不在任职试用期内",
                "not on probation",
                waivable=False,
            )
        )
    last = last_promotion(facts.stints, on)
    if last is not None:
        years = limits.exception_after_promotion_years
        full = add_years(last.start, years)
        met = full <= on
        conditions.append(
            Condition(
                "exception.after_promotion",
                met,
                NOT_IN_PROBATION,
                f"{_iso(last.start)}提拔任{last.rank.zh}，{_iso(full)}满{years}年"
                + ("" if met else "，提拔任职不满一年，不得破格提拔"),
                f"promoted {last.rank.en} on {_iso(last.start)}: {years} year(s) on {_iso(full)}"
                + ("" if met else " — too recent for an exceptional promotion"),
                (("promoted_on", last.start), ("one_year_on", full)),
                waivable=False,
            )
        )
        earlier = [
            e
            for e in facts.exceptions
            if e.target_rank is last.rank and e.recorded_on <= last.start and e.id != exception.id
        ]
        on_years = any(c.on_years for c in missed)
        consecutive = bool(earlier) and on_years
        conditions.append(
            Condition(
                "exception.consecutive",
                not consecutive,
                NOT_CONSECUTIVE,
                (
                    f"{_iso(last.start)}提任{last.rank.zh}已属破格，本次又在任职年限上破格"
                    if consecutive
                    else "不属在任职年限上连续破格"
                ),
                (
                    f"the promotion to {last.rank.en} on {_iso(last.start)} was exceptional and"
                    " this one breaks the years again"
                    if consecutive
                    else "not a second exception in a row on years of service"
                ),
                (("promoted_on", last.start),) if consecutive else (),
                waivable=False,
            )
        )
    return tuple(conditions), exception


# --------------------------------------------------------------------------- the result


@attrs.frozen
class Eligibility:
    """Whether a person may be promoted to ``rank`` on ``on`` (任职资格), every condition
    explained. ``eligible``: every blocking condition met, or missed ones all waivable
    and covered by a recorded exception that meets 第十一条."""

    person_id: int
    name: str
    rank: Rank
    on: date
    head: Head | None
    track: Track | None
    current_rank: Rank | None
    conditions: tuple[Condition, ...]
    eligible: bool
    exception: Exceptional | None = None

    @property
    def missed(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.status == "missed")

    @property
    def unknown(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.met is None)

    def condition(self, key: str) -> Condition:
        return next(c for c in self.conditions if c.key == key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "rank": self.rank.zh,
            "on": self.on.isoformat(),
            "head": self.head.zh if self.head else None,
            "track": self.track.zh if self.track else None,
            "current_rank": self.current_rank.zh if self.current_rank else None,
            "eligible": self.eligible,
            "missed": [c.key for c in self.missed],
            "unknown": [c.key for c in self.unknown],
            "exception": self.exception.as_dict() if self.exception else None,
            "conditions": [c.as_dict() for c in self.conditions],
            "superior_rules": SUPERIOR.as_dict(),
        }


def evaluate(
    facts: Facts, rank: Rank, on: date, limits: Limits = Limits(), head: Head | None = None
) -> Eligibility:
    """Every condition of 第九条 for ``rank`` (and of 第九条（二）4 for a unit's ``head``),
    逐级提拔 and, when a waivable condition is missed, the exception of 第十一条."""
    person = facts.person
    conditions = [_step(facts, rank, on), _qualification(facts, rank, on, limits)]
    if rank.is_division:
        conditions.append(_education(person))
    if head is not None:
        conditions.append(_head(person, head))
    if rank.is_division:
        conditions.append(_full_term(person, on, limits))
        conditions.append(_training(facts, on, limits))
    conditions.append(_fit(facts, rank))
    missed = [c for c in conditions if c.blocking and c.met is False]
    waivable = [c for c in missed if c.waivable]
    exception = None
    eligible = not missed and all(c.met is not None for c in conditions if c.blocking)
    if waivable:
        extra, exception = _exception_conditions(facts, rank, on, limits, waivable)
        valid = all(c.met for c in extra)
        if valid:
            conditions = [attrs.evolve(c, covered=True) if c in waivable else c for c in conditions]
        conditions.extend(extra)
        eligible = (
            valid
            and len(waivable) == len(missed)
            and all(c.met is not None for c in conditions if c.blocking)
        )
    return Eligibility(
        person.id,
        person.name,
        rank,
        on,
        head,
        facts.profile.track if facts.profile else None,
        current_rank(facts.stints, on),
        tuple(conditions),
        eligible,
        exception,
    )


def training_overdue(
    facts: Facts, on: date, limits: Limits, since: date = _FROM
) -> Condition | None:
    """第九条（二）7 after the fact: the person was promoted to a 处级 rank (on or after
    ``since``), still holds it, the year after promotion is over and the hours (counted
    over the window ending on that anniversary) are short. None when nothing is due."""
    last = last_promotion(facts.stints, on)
    if last is None or not last.rank.is_division or last.start < since:
        return None
    if current_rank(facts.stints, on) is not last.rank:
        return None
    due = add_years(last.start, limits.training_grace_years)
    if on <= due:
        return None
    window = latest_start_for(due, years=limits.training_window_years) + timedelta(days=1)
    hours = sum(t.hours for t in facts.trainings if window <= t.completed_on <= due)
    if hours >= limits.training_hours:
        return None
    return Condition(
        "division.training_overdue",
        False,
        TRAINING,
        f"{_iso(last.start)}提任{last.rank.zh}，应于{_iso(due)}（含）前完成培训，"
        f"至期满仅{hours}学时（须{limits.training_hours}学时）",
        f"promoted {last.rank.en} on {_iso(last.start)}: training due by {_iso(due)}, only"
        f" {hours} of {limits.training_hours} hours by then",
        (("promoted_on", last.start), ("due", due)),
        waivable=False,
    )
