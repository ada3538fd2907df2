"""Terms of office and exchange (第二十二条 任期制度, 第二十三条 交流制度) as pure rules
over the core's values (:class:`~core.api.Term`, :class:`~core.api.Post`): how long a
post's 届 is, whether a term counts as a 届 (任期届数) or only as years served (任职年限),
how many 届 a cadre has served in a row in one post, and when the limit of two 届 is
reached — the 处级 cadre is then to be exchanged (交流) unless the committee votes to
keep them, the 科长 rotates inside the unit (岗位轮换).

Conventions (docs/cadre.md, "Terms, rotation and avoidance"):

- A term is held from ``start`` to ``end`` inclusive; it lasted ``n`` months when the day
  after its last day is ``n`` months after its start (2020-07-07 … 2023-07-06 is three
  years). "两年半以上" includes the figure: exactly 30 months count.
- Consecutive 届 in the same post (同一职位上连续任职): the person's terms in that post,
  each starting the day after the one before ended. A gap of a day, or leaving the post
  for another and coming back, starts a new run. A re-appointment for a new 届 is a new
  term starting the next day (the core demo's convention), so it continues the run.
- A serving term's 届 ends with the organization's 换届: the 换届 days are the days on
  which someone was re-appointed to the post they held the day before (a term starting
  the day after the same person's term in the same post ended), per length of 届. A term
  that began between two 换届 (届中任职) ends with its 届; with no 换届 on record, a
  term ends ``term_years`` after it began.
- 满两届 is reached on the last day of the second counted 届 (the day the 届 is full);
  the day before it is not yet reached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import attrs

from core.api import (
    Citation,
    Finding,
    ParameterSpec,
    Post,
    Severity,
    Term,
    Unit,
    add_months,
    add_years,
    completed_months,
)
from plugins.cadre.vocabulary import Body, Rank, cite

__all__ = [
    "COUNTS_FOUR",
    "COUNTS_THREE",
    "EXCHANGE",
    "LIMIT",
    "ROTATION",
    "SPECS",
    "TERM_LENGTH",
    "Limits",
    "Retention",
    "RotationItem",
    "Tenure",
    "TermRow",
    "counts_as_term",
    "cycle_starts",
    "forecast",
    "held_months",
    "limit_findings",
    "limits_from",
    "scheduled_end",
    "tenure_of",
    "term_rows",
    "term_years_of",
]

ONE_DAY = timedelta(days=1)

TERM_LENGTH = cite(
    "第二十二条第二款",
    "学校内设机构和附属机构党政领导班子和处级领导干部每届任期四年;学校工会领导班子成员每届"
    "任期四年;学校团委领导班子成员每届任期四年;学校党政管理机构科长(主任)每届任期三年",
)
COUNTS_FOUR = cite(
    "第二十二条第三款",
    "每届任期为四年的领导干部,任期内调整职务,任职两年半以上的,计算为一个任期;任职不足两年半"
    "的,只计算任职年限,不计算任期届数",
)
COUNTS_THREE = cite(
    "第二十二条第四款",
    "每届任期为三年的领导干部,任期内调整职务,任职两年以上的,计算为一个任期;任职不足两年的,"
    "只计算任职年限,不计算任期届数",
)
LIMIT = cite("第二十二条第三款", "在同一职位上连续任职一般不超过两届")
EXCHANGE = cite(
    "第二十三条第四款",
    "学校处级领导干部在同一职位上连续任职满两届,应当进行交流;确因工作特别需要继续留任的,"
    "正处级干部必须经学校党委全委会议票决通过,副处级干部必须经学校党委常委会议票决通过",
)
ROTATION = cite(
    "第二十三条第五款",
    "学校党政管理机构科长在同一职位上连续任职满两届的,应当在本单位内部进行岗位轮换",
)

_FROM = date(2018, 1, 16)  # plugins.cadre.parameters.FROM (which imports this module)

SPECS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        "cadre.term_years_division", "处级职位每届任期（职位未定时）",
        "Term of a 处级 post (when the post sets none)", Unit.YEARS, 4, TERM_LENGTH, _FROM,
        minimum=1, maximum=10,
    ),
    ParameterSpec(
        "cadre.term_years_section", "科级职位每届任期（职位未定时）",
        "Term of a 科级 post (when the post sets none)", Unit.YEARS, 3, TERM_LENGTH, _FROM,
        minimum=1, maximum=10,
    ),
    ParameterSpec(
        "cadre.term_counts_months_four", "四年一届：任职满（个月）计算为一个任期",
        "Four-year term: months held to count as a term", Unit.MONTHS, 30, COUNTS_FOUR, _FROM,
        minimum=1,
    ),
    ParameterSpec(
        "cadre.term_counts_months_three", "三年一届：任职满（个月）计算为一个任期",
        "Three-year term: months held to count as a term", Unit.MONTHS, 24, COUNTS_THREE,
        _FROM, minimum=1,
    ),
    ParameterSpec(
        "cadre.max_consecutive_terms", "同一职位连续任职届数上限（职位未定时）",
        "Consecutive terms in one post (when the post sets none)", Unit.COUNT, 2, LIMIT, _FROM,
        minimum=1,
    ),
    ParameterSpec(
        # The text says 满两届 and nothing of notice: zhidu looks six months ahead, the
        # time a 动议 (第十三条, April and October) needs to prepare the 换届.
        "cadre.rotation_forecast_months", "交流轮岗预警期",
        "Exchange and rotation forecast window", Unit.MONTHS, 6, EXCHANGE, _FROM, minimum=0,
    ),
    ParameterSpec(
        # 党政管理机构: posts of these categories (comma-separated) rotate as 科长.
        "cadre.rotation_categories", "党政管理机构的职位类别（逗号分隔）",
        "Categories of the Party and administrative offices (comma-separated)", Unit.TEXT,
        "党务,行政", ROTATION, _FROM,
    ),
)  # fmt: skip


@attrs.frozen
class Limits:
    """The parameters of 第二十二、二十三条 in force on a date."""

    division_years: int = 4
    section_years: int = 3
    counts_months_four: int = 30
    counts_months_three: int = 24
    max_consecutive: int = 2
    forecast_months: int = 6
    rotation_categories: frozenset[str] = frozenset({"党务", "行政"})


def limits_from(value: Callable[[str], Any]) -> Limits:
    """The limits from a lookup ``value(key)`` (a CheckContext's ``parameter``)."""
    categories = str(value("cadre.rotation_categories"))
    return Limits(
        division_years=int(value("cadre.term_years_division")),
        section_years=int(value("cadre.term_years_section")),
        counts_months_four=int(value("cadre.term_counts_months_four")),
        counts_months_three=int(value("cadre.term_counts_months_three")),
        max_consecutive=int(value("cadre.max_consecutive_terms")),
        forecast_months=int(value("cadre.rotation_forecast_months")),
        rotation_categories=frozenset(
            c.strip() for c in categories.replace("，", ",").split(",") if c.strip()
        ),
    )


def term_years_of(post: Post, limits: Limits) -> int | None:
    """每届任期 of a post: its own ``term_years``, else four years for 处级 and three for
    科级 (第二十二条); None for a post that is not a cadre rank and sets none."""
    if post.term_years:
        return post.term_years
    rank = Rank.of_post(post.rank)
    if rank is None:
        return None
    return limits.division_years if rank.is_division else limits.section_years


def max_terms_of(post: Post, limits: Limits) -> int:
    """连续任职届数上限: the post's own, else the parameter (两届, 第二十二条)."""
    return post.max_consecutive_terms or limits.max_consecutive


def counting_months(term_years: int, limits: Limits) -> int:
    """Months a term must last to count as a 届: 两年半 for four-year 届 (and longer
    ones), 两年 for three-year 届 (and shorter ones) — 第二十二条第三、四款."""
    return limits.counts_months_four if term_years >= 4 else limits.counts_months_three


def counting_citation(term_years: int) -> Citation:
    return COUNTS_FOUR if term_years >= 4 else COUNTS_THREE


def held_months(start: date, last: date) -> int:
    """Whole months held from ``start`` to ``last`` inclusive (the day after ``last``
    completes a month on its corresponding day)."""
    return completed_months(start, last + ONE_DAY)


def counts_as_term(start: date, last: date, term_years: int, limits: Limits) -> bool:
    """Whether holding a post from ``start`` to ``last`` counts as a 届 (计算为一个任期)."""
    return held_months(start, last) >= counting_months(term_years, limits)


def cycle_starts(
    terms: Iterable[Term], years_of: Mapping[int, int | None]
) -> dict[int, tuple[date, ...]]:
    """The organization's 换届 days by length of 届: the days someone was re-appointed to
    the post they held the day before. ``years_of`` maps a post id to its 届 length."""
    by_person_post: dict[tuple[int, int], list[Term]] = {}
    for term in terms:
        by_person_post.setdefault((term.person_id, term.post_id), []).append(term)
    found: dict[int, set[date]] = {}
    for (_, post_id), held in by_person_post.items():
        years = years_of.get(post_id)
        if not years:
            continue
        ends = {t.end for t in held if t.end is not None}
        for term in held:
            if term.start - ONE_DAY in ends:
                found.setdefault(years, set()).add(term.start)
    return {years: tuple(sorted(days)) for years, days in found.items()}


def scheduled_end(start: date, term_years: int, anchors: Sequence[date]) -> date:
    """The last day of the 届 a term begun on ``start`` belongs to: the 届 that the latest
    换届 on or before ``start`` opened (or a later one of the same cycle); with no 换届
    on record, ``term_years`` after ``start``."""
    before = [a for a in anchors if a <= start]
    if not before:
        return add_years(start, term_years) - ONE_DAY
    anchor = max(before)
    k = 1
    while add_years(anchor, k * term_years) <= start:
        k += 1
    return add_years(anchor, k * term_years) - ONE_DAY


@attrs.frozen
class TermRow:
    """One term in the terms report: how long it was held, and whether it is a 届."""

    term_id: int
    post_id: int
    post_code: str
    post_title: str
    rank: str
    start: date
    end: date | None  # the last day in post; None while serving
    end_reason: str | None
    term_years: int | None
    term_end: date | None  # the 届's last day (the actual end once ended)
    held_months: int  # as of the report's date for a serving term
    counts: bool  # 计算为一个任期 (a serving term: if held to the end of its 届)
    consecutive: int  # the 届 this is of its run in the post (0: not a 届)
    citation: Citation | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "term_id": self.term_id,
            "post_code": self.post_code,
            "post_title": self.post_title,
            "rank": self.rank,
            "start": self.start,
            "end": self.end,
            "end_reason": self.end_reason,
            "term_years": self.term_years,
            "term_end": self.term_end,
            "held_months": self.held_months,
            "held": _years_months(self.held_months),
            "counts_as_term": self.counts,
            "consecutive_terms": self.consecutive,
            "citation": self.citation.as_dict() if self.citation else None,
        }


def _years_months(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years}年{rest}个月" if rest else f"{years}年"


@attrs.frozen
class Retention:
    """A 票决 to keep a cadre in a post past two 届 (第二十三条), as recorded."""

    person_id: int
    post_id: int
    decided_on: date
    body: str
    passed: bool


@attrs.frozen
class Tenure:
    """A person's run of consecutive terms in one post (同一职位上连续任职) on a date."""

    person_id: int
    post: Post
    rows: tuple[TermRow, ...]  # the run, oldest first
    serving: bool  # the last term covers the date
    terms: int  # counted 届 in the run (a serving term counted if its 届 will count)
    limit: int  # 两届, plus one per passed retention vote in the run
    limit_date: date | None  # the last day of the limit-th counted 届 (projected if ahead)
    over: int  # terms of the run begun after the limit date
    retentions: tuple[Retention, ...]

    @property
    def current(self) -> TermRow:
        return self.rows[-1]


def term_rows(
    terms: Sequence[Term],
    post: Post,
    years: int | None,
    anchors: Sequence[date],
    on: date,
    limits: Limits,
) -> list[TermRow]:
    """One person's terms in one post as report rows, oldest first: how long each was
    held (to ``on`` while serving), its 届's last day, whether it counts as a 届, and
    which 届 of its run in the post it is (``consecutive``; 0 when it is no 届)."""
    rows: list[TermRow] = []
    ordinal = 0
    previous_end: date | None = None
    for term in sorted(terms, key=lambda t: t.start):
        if previous_end is None or term.start != previous_end + ONE_DAY:
            ordinal = 0  # a gap starts a new run
        last = term.end if term.end is not None else on
        months = held_months(term.start, last) if last >= term.start else 0
        if years is None:
            term_end, counts, citation = term.end, False, None
        else:
            term_end = (
                term.end if term.end is not None else scheduled_end(term.start, years, anchors)
            )
            counts = counts_as_term(term.start, term_end, years, limits)
            citation = counting_citation(years)
        if counts:
            ordinal += 1
        rows.append(
            TermRow(
                term.id,
                post.id,
                post.code,
                post.title,
                post.rank,
                term.start,
                term.end,
                term.end_reason.value if term.end_reason else None,
                years,
                term_end,
                months,
                counts,
                ordinal if counts else 0,
                citation,
            )
        )
        previous_end = term.end
        if term.end is None:
            previous_end = None
    return rows


def tenure_of(
    person_id: int,
    post: Post,
    terms: Sequence[Term],
    anchors: Mapping[int, Sequence[date]],
    on: date,
    limits: Limits,
    retentions: Sequence[Retention] = (),
) -> Tenure | None:
    """The person's latest run of consecutive terms in ``post`` begun by ``on`` (None if
    they never held it). ``terms`` may hold anyone's terms: only the person's in the post
    are read."""
    own = [t for t in terms if t.person_id == person_id and t.post_id == post.id and t.start <= on]
    if not own:
        return None
    years = term_years_of(post, limits)
    rows = term_rows(own, post, years, anchors.get(years or 0, ()), on, limits)
    run: list[TermRow] = [rows[-1]]
    for row in reversed(rows[:-1]):
        if row.end is not None and row.end + ONE_DAY == run[0].start:
            run.insert(0, row)
        else:
            break
    counted = [r for r in run if r.counts]
    kept = tuple(
        r
        for r in retentions
        if r.person_id == person_id
        and r.post_id == post.id
        and r.passed
        and r.decided_on >= run[0].start
    )
    limit = max_terms_of(post, limits) + len(kept)
    limit_date: date | None = None
    if years is not None:
        if len(counted) >= limit:
            limit_date = counted[limit - 1].term_end
        else:  # projected: the 届 still to be served after the last one of the run
            last = run[-1]
            end = last.term_end or on
            missing = limit - len(counted)
            limit_date = add_years(end + ONE_DAY, years * missing) - ONE_DAY
    over = sum(1 for r in run if limit_date is not None and r.start > limit_date)
    return Tenure(
        person_id,
        post,
        tuple(run),
        run[-1].end is None or run[-1].end >= on,
        len(counted),
        limit,
        limit_date,
        over,
        kept,
    )


class Due:
    """What 第二十三条 asks at the limit: 交流 (处级) or 岗位轮换 (党政管理机构科长)."""

    EXCHANGE = "交流"
    ROTATION = "岗位轮换"


def duty_of(post: Post, limits: Limits) -> tuple[str, Citation] | None:
    """交流 for a 处级 post, 岗位轮换 for a 科级 post of a 党政管理机构 (its category one
    of the parameter's), None for any other post."""
    rank = Rank.of_post(post.rank)
    if rank is None:
        return None
    if rank.is_division:
        return Due.EXCHANGE, EXCHANGE
    if post.category in limits.rotation_categories:
        return Due.ROTATION, ROTATION
    return None


@attrs.frozen
class RotationItem:
    """One line of the rotation forecast: who, which post, how many 届, the limit date and
    what is due, with the clause."""

    person_id: int
    person_name: str
    post_code: str
    post_title: str
    rank: str
    terms: int
    limit: int
    limit_date: date
    due: str  # 交流 | 岗位轮换
    state: str  # ahead (预计) | reached (已满) | over (超期) | retained (票决留任)
    severity: Severity
    citation: Citation
    body: str | None  # who must vote to retain (处级)
    message_zh: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "person": self.person_name,
            "post_code": self.post_code,
            "post_title": self.post_title,
            "rank": self.rank,
            "consecutive_terms": self.terms,
            "limit": self.limit,
            "limit_date": self.limit_date,
            "due": self.due,
            "state": self.state,
            "severity": self.severity.value,
            "retention_body": self.body,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "citation": self.citation.as_dict(),
        }

    def finding(self) -> Finding:
        return Finding(
            self.severity,
            f"cadre.{'exchange' if self.due == Due.EXCHANGE else 'rotation'}",
            self.person_name,
            self.citation,
            self.message_zh,
            self.message_en,
            due=self.limit_date,
            subject_key=f"person:{self.person_id}",
        )


STATES_ZH = {
    "ahead": "即将满届",
    "reached": "已满两届",
    "over": "超届未交流",
    "retained": "票决留任",
}


def forecast(
    tenures: Iterable[Tenure], names: Mapping[int, str], on: date, months: int, limits: Limits
) -> list[RotationItem]:
    """Who must be exchanged or rotated (第二十三条), serving on ``on``: those past the
    limit (超届: a term begun after 满两届 with no vote to keep them — a violation), those
    at it (the limit date on or before ``on``), and those who reach it within ``months``
    months (the limit date on or before ``on`` + ``months``: the edge is included).
    Those kept by a vote are listed as such. Soonest first."""
    horizon = add_months(on, months)
    items: list[RotationItem] = []
    for tenure in tenures:
        duty = duty_of(tenure.post, limits)
        if duty is None or not tenure.serving or tenure.limit_date is None:
            continue
        due, citation = duty
        post, when = tenure.post, tenure.limit_date
        name = names.get(tenure.person_id, str(tenure.person_id))
        rank = Rank.of_post(post.rank)
        body = Body.for_rank(rank).zh if rank is not None and rank.is_division else None
        what_zh = "交流" if due == Due.EXCHANGE else "在本单位内部岗位轮换"
        what_en = "be exchanged" if due == Due.EXCHANGE else "rotate within the unit"
        if tenure.over:
            state, severity = "over", Severity.VIOLATION
            zh = (
                f"{name}在{post.title}连续任职{tenure.terms}届，已于{when.isoformat()}满"
                f"{tenure.limit}届，应当{what_zh}"
                + ("" if body is None else f"（留任须经{body}票决）")
            )
            en = (
                f"{name} has served {tenure.terms} consecutive terms as {post.code}; the limit "
                f"of {tenure.limit} was reached on {when.isoformat()} and they must {what_en}"
            )
        elif when <= on:
            state, severity = "reached", Severity.DUE
            zh = (
                f"{name}在{post.title}连续任职于{when.isoformat()}满{tenure.limit}届，应当{what_zh}"
            )
            en = (
                f"{name} reached {tenure.limit} consecutive terms as {post.code} on "
                f"{when.isoformat()} and must {what_en}"
            )
        elif when <= horizon:
            state, severity = "ahead", Severity.WARNING
            zh = (
                f"{name}将于{when.isoformat()}在{post.title}连续任职满{tenure.limit}届，"
                f"届时应当{what_zh}"
            )
            en = (
                f"{name} reaches {tenure.limit} consecutive terms as {post.code} on "
                f"{when.isoformat()} and must then {what_en}"
            )
        elif tenure.retentions:
            kept = tenure.retentions[-1]
            state, severity = "retained", Severity.INFO
            zh = (
                f"{name}经{kept.body}于{kept.decided_on.isoformat()}票决留任{post.title}，"
                f"连续任职至{when.isoformat()}满{tenure.limit}届"
            )
            en = (
                f"{name} was kept as {post.code} by the {kept.body} vote of "
                f"{kept.decided_on.isoformat()}; the {tenure.limit} terms end on {when.isoformat()}"
            )
        else:
            continue
        items.append(
            RotationItem(
                tenure.person_id,
                name,
                post.code,
                post.title,
                post.rank,
                tenure.terms,
                tenure.limit,
                when,
                due,
                state,
                severity,
                citation,
                body,
                zh,
                en,
            )
        )
    items.sort(key=lambda i: (i.limit_date, i.person_name))
    return items


def limit_findings(items: Iterable[RotationItem]) -> list[Finding]:
    """The forecast as findings (the hook's check)."""
    return [item.finding() for item in items]
