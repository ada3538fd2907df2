"""The student union's rules, as pure functions over values (student-union-bylaws.txt).

The 14 standards of the 组织改革自评表 are computed, one function each, from the
organization's data on a date: each returns a :class:`StandardResult` — met or not,
the figure, who (or which unit) breaks it, and the clause. The membership rules of
五、信息工程学院主席团成员候选人产生办法 follow: the resignation notice, the
certificate, warnings and removals, who appoints whom. Nothing here reads or writes.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from fractions import Fraction

import attrs

from core.api import (
    Citation,
    InvalidInput,
    OrgUnit,
    Person,
    PoliticalStatus,
    Post,
    Term,
    add_months,
    completed_years,
)

__all__ = [
    "ADMINISTRATIVE_WORDS",
    "ALLOWED_RANKS",
    "APPOINTMENT",
    "CERTIFICATE",
    "CONGRESS_KINDS",
    "ELECTING_KINDS",
    "GRAVE",
    "LESSER",
    "OFFENCES",
    "PRESIDIUM_RANKS",
    "RESIGNATION",
    "STANDARDS",
    "Academic",
    "Award",
    "Branch",
    "Congress",
    "Duty",
    "Facts",
    "Guide",
    "Hearing",
    "Limits",
    "Offence",
    "StandardResult",
    "Training",
    "assess",
    "certificate_refusal",
    "check_appointment",
    "first_year",
    "in_top",
    "notice_end",
    "offence",
    "presidium",
    "staff_on",
]

SOURCE = "student-union-bylaws.txt"


def _standard(n: int, words: str) -> Citation:
    return Citation(SOURCE, f"组织改革自评表 第{n}项", words)


#: One citation per standard of the self-assessment, quoting the words applied.
STANDARDS: tuple[Citation, ...] = (
    _standard(1, "未承担宿舍管理、校园文明纠察、安全保卫等行政职能"),
    _standard(
        2,
        "工作机构架构为“主席团+工作部门”模式，未在工作部门以上或以下设置“中心”、“项目办公室”等常设层级",
    ),
    _standard(3, "工作人员不超过30人"),
    _standard(4, "主席团成员不超过3人"),
    _standard(5, "除主席、副主席（轮值执行主席）、部长、副部长、干事外未设其他职务"),
    _standard(6, "工作人员为共产党员或共青团员"),
    _standard(
        7,
        "除一年级新生外的本专科生最近1个学期/最近1学年/入学以来三者取其一，学习成绩综合排名在本专业前30%以内，"
        "且无课业不及格情况；研究生无课业不及格情况",
    ),
    _standard(
        8,
        "主席团由学生（研究生）代表大会（非其委员会、常务委员会、常任代表会议等）或全体学生（研究生）大会选举产生",
    ),
    _standard(9, "按期规范召开学生（研究生）代表大会或全体学生（研究生）大会"),
    _standard(10, "开展了春、秋季学生会组织工作人员全员培训"),
    _standard(11, "依据评议结果择优提名，未与其岗位简单挂钩"),
    _standard(12, "党组织定期听取学生会组织工作汇报，研究决定重大事项"),
    _standard(13, "明确1名团组织负责人指导院级学生会组织；聘任团委老师担任院级学生会组织秘书长"),
    _standard(14, "学生会组织工作机构应成立团支部，团支部书记由学生会主席团成员担任"),
)

CONGRESS_YEARLY = Citation(
    SOURCE, "第八条", "学生会代表大会每年举行一次。当有三分之二以上当选代表参加时,方可召开"
)
RESIGNATION = Citation(
    SOURCE, "五、三 4", "学生会成员要求退出者，应提前一个月提交辞职申请，须经相关负责人批准"
)
CERTIFICATE = Citation(
    SOURCE, "五、三 6", "任期满一年以上的可授其证书。被强行辞退者将不给予发放证书"
)
LESSER_CITE = Citation(SOURCE, "五、四 4", "凡有下列行为之一者，轻者警告，重者交与主席团讨论处理")
GRAVE_CITE = Citation(SOURCE, "五、四 5", "凡有以下行为之一者，立即免去其所任职务")
DESERTION_CITE = Citation(
    SOURCE, "五、三 5", "对擅自离职的干部……给予批评，教育，内部通报批评，取消资格，撤职处分"
)
JOIN = Citation(SOURCE, "第5条", "凡取得……学籍的在校全日制学生，承认本会章程……均可成为本会会员")
REPORTING = Citation(
    SOURCE, "九、主席团成员和工作部门负责人述职评议办法", "主席团成员和工作部门负责人述职评议"
)
APPOINTMENT: dict[str, Citation] = {
    "部长": Citation(
        SOURCE,
        "五、四 1",
        "学生会各部长的产生，需经该部门内部推荐，由主席团根据实际情况对其进行任命",
    ),
    "副部长": Citation(SOURCE, "五、四 1", "副部长可由该部部长直接任命"),
    "主席团": Citation(SOURCE, "五、四 2", "院党总支、团委拥有对主席团成员的任免权"),
    "干事": Citation(
        SOURCE,
        "五、三 1",
        "学生会于每学年初……公开面试选拔新成员……相关部长须向主席团递交申请，得到批准后方可可对新成员面试、录用",
    ),
}

#: Standard 5: the only titles (职务) a union may have.
ALLOWED_RANKS = ("主席", "副主席", "轮值执行主席", "部长", "副部长", "干事")
PRESIDIUM_RANKS = ("主席", "副主席", "轮值执行主席")
PRESIDIUM_UNIT = "主席团"
DEPARTMENT_UNIT = "工作部门"

#: The kinds of meeting recorded; only the first four elect (standard 8) and count (9).
ELECTING_KINDS = ("学生代表大会", "研究生代表大会", "全体学生大会", "全体研究生大会")
CONGRESS_KINDS = (*ELECTING_KINDS, "委员会", "常务委员会", "常任代表会议")

#: Standard 1 names 宿舍管理、校园文明纠察、安全保卫 "等行政职能"; a declared duty
#: containing one of these words is judged administrative unless declared otherwise.
ADMINISTRATIVE_WORDS = (
    "宿舍",
    "查寝",
    "纠察",
    "安全保卫",
    "保卫",
    "考勤",
    "缺勤",
    "查课",
    "早晚自习",
)

SEASONS = ("春季", "秋季")
AWARD_BASES = ("评议结果", "岗位")
ACADEMIC_LEVELS = ("本专科生", "研究生")
RANKING_BASES = ("最近1个学期", "最近1学年", "入学以来")
GOOD_STANDING = (
    PoliticalStatus.CPC_MEMBER,
    PoliticalStatus.CPC_PROBATIONARY,
    PoliticalStatus.CYL_MEMBER,
)
GUIDE_ROLES = ("团组织负责人", "秘书长")


# --------------------------------------------------------------------------- values


@attrs.frozen
class Duty:
    """A duty a unit declares (主要职责); ``administrative`` None: judged by its words."""

    unit_id: int
    duty: str
    declared_on: date
    administrative: bool | None = None


@attrs.frozen
class Congress:
    """A 学生代表大会 or 全体学生大会 held (or a committee's meeting, which does not count)."""

    held_on: date
    kind: str
    delegates: int
    present: int
    elects_presidium: bool = False


@attrs.frozen
class Training:
    held_on: date
    season: str  # 春季 / 秋季
    attendees: frozenset[int] = frozenset()


@attrs.frozen
class Award:
    person_id: int
    awarded_on: date
    name: str
    basis: str  # 评议结果 / 岗位


@attrs.frozen
class Hearing:
    held_on: date
    topic: str


@attrs.frozen
class Guide:
    role: str  # 团组织负责人 / 秘书长
    name: str
    league_cadre: bool  # 专职团干部 / 团委老师
    start: date
    end: date | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@attrs.frozen
class Branch:
    """A 团支部 of the union's staff, and its secretary (a person of the organization)."""

    founded_on: date
    secretary_id: int | None
    dissolved_on: date | None = None

    def covers(self, on: date) -> bool:
        return self.founded_on <= on and (self.dissolved_on is None or on <= self.dissolved_on)


@attrs.frozen
class Academic:
    """A student's standing recorded on a date: level, 入学年份, ranking and failures."""

    person_id: int
    recorded_on: date
    level: str  # 本专科生 / 研究生
    enrolled: int  # 入学年份 (2022级 → 2022)
    failed: int = 0  # 不及格课程门数
    basis: str | None = None  # 最近1个学期 / 最近1学年 / 入学以来
    rank: int | None = None
    size: int | None = None

    @property
    def ranking(self) -> str:
        return f"{self.rank}/{self.size}" if self.rank is not None else "未记录排名"


@attrs.frozen
class Limits:
    """The parameters the standards apply (each a ParameterSpec with its citation)."""

    max_staff: int = 30
    max_presidium: int = 3
    top: Fraction = Fraction(3, 10)
    congress_months: int = 12
    congress_quorum: Fraction = Fraction(2, 3)
    training_months: int = 12
    hearing_months: int = 6


@attrs.frozen
class Facts:
    """Everything the standards look at, on one date."""

    on: date
    units: tuple[OrgUnit, ...]
    people: tuple[Person, ...]
    posts: tuple[Post, ...]
    terms: tuple[Term, ...]
    duties: tuple[Duty, ...] = ()
    congresses: tuple[Congress, ...] = ()
    trainings: tuple[Training, ...] = ()
    awards: tuple[Award, ...] = ()
    hearings: tuple[Hearing, ...] = ()
    guides: tuple[Guide, ...] = ()
    branches: tuple[Branch, ...] = ()
    academics: tuple[Academic, ...] = ()


@attrs.frozen
class StandardResult:
    """One standard computed: met or not, the figure (实有30人), who breaks it, the clause."""

    number: int
    met: bool
    figure: str
    offenders: tuple[str, ...]
    citation: Citation

    @property
    def text(self) -> str:
        return self.citation.words

    @property
    def note(self) -> str:
        """The 备注 of the form: the figure, and who breaks it."""
        if not self.offenders:
            return self.figure
        return f"{self.figure}；不符合：{'、'.join(self.offenders)}"


# --------------------------------------------------------------------------- helpers


def _units(facts: Facts) -> dict[int, OrgUnit]:
    return {u.id: u for u in facts.units}


def _posts(facts: Facts) -> dict[int, Post]:
    return {p.id: p for p in facts.posts}


def _names(facts: Facts) -> dict[int, str]:
    return {p.id: p.name for p in facts.people}


def staff_on(facts: Facts, on: date | None = None) -> tuple[int, ...]:
    """The people holding a union post on the date (工作人员), in id order."""
    when = on or facts.on
    return tuple(sorted({t.person_id for t in facts.terms if t.covers(when)}))


def is_presidium_post(post: Post, units: dict[int, OrgUnit]) -> bool:
    unit = units.get(post.unit_id)
    return post.rank in PRESIDIUM_RANKS or (unit is not None and unit.kind == PRESIDIUM_UNIT)


def presidium(facts: Facts, on: date | None = None) -> tuple[int, ...]:
    """The people serving in the 主席团 on the date (a presidium post or unit)."""
    when = on or facts.on
    units, posts = _units(facts), _posts(facts)
    return tuple(
        sorted(
            {
                t.person_id
                for t in facts.terms
                if t.covers(when) and is_presidium_post(posts[t.post_id], units)
            }
        )
    )


def first_year(academic: Academic, on: date) -> bool:
    """An undergraduate in the school year of enrolment: 1 September of the year enrolled
    to 31 August of the next (the Chinese school year; zhidu's convention)."""
    return academic.level == "本专科生" and date(academic.enrolled, 9, 1) <= on < date(
        academic.enrolled + 1, 9, 1
    )


def in_top(rank: int, size: int, top: Fraction) -> bool:
    """前30%以内: rank ≤ size × 30%, the boundary included (以内), in integers."""
    if size <= 0 or not 1 <= rank <= size:
        raise InvalidInput("rank", f"{rank}/{size}", "must be between 1 and the major's size")
    return rank * top.denominator <= size * top.numerator


def administrative(duty: Duty) -> bool:
    if duty.administrative is not None:
        return duty.administrative
    return any(word in duty.duty for word in ADMINISTRATIVE_WORDS)


def _result(n: int, met: bool, figure: str, offenders: Iterable[str] = ()) -> StandardResult:
    return StandardResult(n, met, figure, tuple(offenders), STANDARDS[n - 1])


# --------------------------------------------------------------------------- standards


def standard_1(facts: Facts, limits: Limits) -> StandardResult:
    units = _units(facts)
    latest: dict[tuple[int, str], Duty] = {}
    for duty in sorted(facts.duties, key=lambda d: d.declared_on):
        if duty.declared_on <= facts.on:
            latest[(duty.unit_id, duty.duty)] = duty
    bad = [
        f"{units[d.unit_id].name if d.unit_id in units else d.unit_id}（{d.duty}）"
        for d in latest.values()
        if administrative(d)
    ]
    if not latest:
        return _result(1, False, "未登记各部门职责，无法判断")
    return _result(1, not bad, f"登记职责{len(latest)}项，行政职能{len(bad)}项", bad)


def standard_2(facts: Facts, limits: Limits) -> StandardResult:
    bad = []
    presidia = [u for u in facts.units if u.kind == PRESIDIUM_UNIT]
    for unit in facts.units:
        if unit.kind not in (PRESIDIUM_UNIT, DEPARTMENT_UNIT):
            bad.append(f"{unit.name}（{unit.kind}，非主席团或工作部门）")
        elif unit.parent_id is not None:
            bad.append(f"{unit.name}（设在其他机构之下）")
        elif any(word in unit.name for word in ("中心", "项目办公室")):
            bad.append(f"{unit.name}（常设层级）")
    if len(presidia) != 1:
        bad.append(f"主席团{len(presidia)}个")
    departments = sum(1 for u in facts.units if u.kind == DEPARTMENT_UNIT)
    return _result(2, not bad, f"主席团{len(presidia)}个，工作部门{departments}个", bad)


def standard_3(facts: Facts, limits: Limits) -> StandardResult:
    staff = len(staff_on(facts))
    return _result(3, staff <= limits.max_staff, f"实有{staff}人（上限{limits.max_staff}人）")


def standard_4(facts: Facts, limits: Limits) -> StandardResult:
    members = presidium(facts)
    names = _names(facts)
    over = [names.get(p, str(p)) for p in members] if len(members) > limits.max_presidium else []
    return _result(
        4,
        len(members) <= limits.max_presidium,
        f"实有{len(members)}人（上限{limits.max_presidium}人）",
        over,
    )


def standard_5(facts: Facts, limits: Limits) -> StandardResult:
    posts, names = _posts(facts), _names(facts)
    bad = sorted(
        {
            f"{names.get(t.person_id, t.person_id)}（{posts[t.post_id].title}）"
            for t in facts.terms
            if t.covers(facts.on) and posts[t.post_id].rank not in ALLOWED_RANKS
        }
    )
    titles = sorted({posts[t.post_id].rank for t in facts.terms if t.covers(facts.on)})
    return _result(5, not bad, f"现设职务：{'、'.join(titles) or '无'}", bad)


def _status(person: Person) -> str:
    return person.political_status.value if person.political_status else "未登记"


def standard_6(facts: Facts, limits: Limits) -> StandardResult:
    people = {p.id: p for p in facts.people}
    staff = staff_on(facts)
    bad = [
        f"{people[i].name}（{_status(people[i])}）"
        for i in staff
        if people[i].political_status not in GOOD_STANDING
    ]
    return _result(6, not bad, f"工作人员{len(staff)}人，党员或团员{len(staff) - len(bad)}人", bad)


def _latest_academic(facts: Facts) -> dict[int, Academic]:
    latest: dict[int, Academic] = {}
    for record in sorted(facts.academics, key=lambda a: a.recorded_on):
        if record.recorded_on <= facts.on:
            latest[record.person_id] = record
    return latest


def standard_7(facts: Facts, limits: Limits) -> StandardResult:
    names = _names(facts)
    records = _latest_academic(facts)
    bad: list[str] = []
    exempt = 0
    staff = staff_on(facts)
    for person in staff:
        name = names.get(person, str(person))
        record = records.get(person)
        if record is None:
            bad.append(f"{name}（未登记学业情况）")
            continue
        if record.failed:
            bad.append(f"{name}（不及格{record.failed}门）")
            continue
        if record.level == "研究生":
            continue
        if first_year(record, facts.on):
            exempt += 1
            continue
        if record.rank is None or record.size is None:
            bad.append(f"{name}（未登记成绩排名）")
        elif not in_top(record.rank, record.size, limits.top):
            bad.append(f"{name} {record.ranking}")
    percent = limits.top * 100
    figure = f"工作人员{len(staff)}人，一年级新生免于排名{exempt}人，前{percent}%标准"
    return _result(7, not bad, figure, bad)


def _session_of(term: Term, sessions: Sequence[Congress]) -> Congress | None:
    before = [s for s in sessions if s.held_on <= term.start]
    return max(before, key=lambda s: s.held_on) if before else None


def standard_8(facts: Facts, limits: Limits) -> StandardResult:
    """Each serving presidium member's term is 选任 and starts at (or after) an electing
    session of the congress that elected the presidium, before any later session."""
    units, posts, names = _units(facts), _posts(facts), _names(facts)
    sessions = sorted(facts.congresses, key=lambda s: s.held_on)
    bad = []
    serving = [
        t for t in facts.terms if t.covers(facts.on) and is_presidium_post(posts[t.post_id], units)
    ]
    for term in serving:
        session = _session_of(term, sessions)
        name = names.get(term.person_id, str(term.person_id))
        if term.appointed_by.value != "选任":
            bad.append(f"{name}（{term.appointed_by.value}，非选举产生）")
        elif session is None or not session.elects_presidium:
            bad.append(f"{name}（任职前无选举主席团的大会）")
        elif session.kind not in ELECTING_KINDS:
            bad.append(f"{name}（由{session.kind}选举）")
    return _result(8, not bad, f"主席团成员{len(serving)}人", bad)


def _proper(session: Congress, limits: Limits) -> bool:
    """规范: a congress (or general assembly) with 三分之二以上 of its delegates present."""
    quorum = limits.congress_quorum
    return (
        session.kind in ELECTING_KINDS
        and session.present * quorum.denominator >= session.delegates * quorum.numerator
    )


def standard_9(facts: Facts, limits: Limits) -> StandardResult:
    held = sorted((s for s in facts.congresses if s.held_on <= facts.on), key=lambda s: s.held_on)
    proper = [s for s in held if _proper(s, limits)]
    improper = [
        f"{s.held_on.isoformat()} {s.kind}（到会{s.present}/{s.delegates}）"
        for s in held
        if s.kind in ELECTING_KINDS and not _proper(s, limits)
    ]
    if not proper:
        return _result(9, False, "未召开学生代表大会或全体学生大会", improper)
    last = proper[-1].held_on
    due = add_months(last, limits.congress_months)
    figure = f"最近一次{last.isoformat()}，下次应于{due.isoformat()}前召开"
    late = [f"逾期未召开（应于{due.isoformat()}前）"] if facts.on > due else []
    return _result(9, not late, figure, late + improper)


def _within(held_on: date, on: date, months: int) -> bool:
    """Held on or before ``on`` and no more than ``months`` months before it (counted
    forward from the day held, so no ambiguous counting back)."""
    return held_on <= on <= add_months(held_on, months)


def standard_10(facts: Facts, limits: Limits) -> StandardResult:
    names = _names(facts)
    bad: list[str] = []
    figures: list[str] = []
    for season in SEASONS:
        held = [
            t
            for t in facts.trainings
            if t.season == season and _within(t.held_on, facts.on, limits.training_months)
        ]
        if not held:
            bad.append(f"{limits.training_months}个月内未开展{season}培训")
            figures.append(f"{season}：无")
            continue
        last = max(held, key=lambda t: t.held_on)
        absent = [p for p in staff_on(facts, last.held_on) if p not in last.attendees]
        figures.append(f"{season}：{last.held_on.isoformat()}，缺{len(absent)}人")
        bad.extend(f"{names.get(p, str(p))}（未参加{season}培训）" for p in absent)
    return _result(10, not bad, "；".join(figures), bad)


def standard_11(facts: Facts, limits: Limits) -> StandardResult:
    names = _names(facts)
    awards = [a for a in facts.awards if a.awarded_on <= facts.on]
    bad = [
        f"{names.get(a.person_id, str(a.person_id))}（{a.awarded_on.isoformat()} {a.name}，依岗位）"
        for a in awards
        if a.basis != "评议结果"
    ]
    return _result(11, not bad, f"登记评奖评优等{len(awards)}项，与岗位挂钩{len(bad)}项", bad)


def standard_12(facts: Facts, limits: Limits) -> StandardResult:
    held = sorted(h.held_on for h in facts.hearings if h.held_on <= facts.on)
    if not held:
        return _result(12, False, "党组织未听取过学生会工作汇报")
    due = add_months(held[-1], limits.hearing_months)
    figure = f"最近一次{held[-1].isoformat()}，每{limits.hearing_months}个月至少一次"
    late = [f"逾期未听取汇报（应于{due.isoformat()}前）"] if facts.on > due else []
    return _result(12, not late, figure, late)


def standard_13(facts: Facts, limits: Limits) -> StandardResult:
    serving = [g for g in facts.guides if g.covers(facts.on)]
    leaders = [g for g in serving if g.role == "团组织负责人"]
    secretaries = [g for g in serving if g.role == "秘书长"]
    bad = []
    if len(leaders) != 1:
        bad.append(f"指导的团组织负责人{len(leaders)}名（应为1名）")
    bad.extend(f"秘书长{g.name}（非团委老师）" for g in secretaries if not g.league_cadre)
    if not any(g.league_cadre for g in secretaries):
        bad.append("未聘任团委老师担任秘书长")
    figure = (
        f"团组织负责人：{'、'.join(g.name for g in leaders) or '无'}；"
        f"秘书长：{'、'.join(g.name for g in secretaries) or '无'}"
    )
    return _result(13, not bad, figure, bad)


def standard_14(facts: Facts, limits: Limits) -> StandardResult:
    branches = [b for b in facts.branches if b.covers(facts.on)]
    if not branches:
        return _result(14, False, "未成立团支部")
    names = _names(facts)
    members = set(presidium(facts))
    branch = max(branches, key=lambda b: b.founded_on)
    if branch.secretary_id is None:
        return _result(14, False, f"团支部成立于{branch.founded_on.isoformat()}，未设书记")
    secretary = names.get(branch.secretary_id, str(branch.secretary_id))
    ok = branch.secretary_id in members
    bad = [] if ok else [f"{secretary}（团支部书记，非主席团成员）"]
    return _result(14, ok, f"团支部书记{secretary}", bad)


_STANDARD_FUNCTIONS: tuple[Callable[[Facts, Limits], StandardResult], ...] = (
    standard_1,
    standard_2,
    standard_3,
    standard_4,
    standard_5,
    standard_6,
    standard_7,
    standard_8,
    standard_9,
    standard_10,
    standard_11,
    standard_12,
    standard_13,
    standard_14,
)


def assess(facts: Facts, limits: Limits) -> tuple[StandardResult, ...]:
    """The 14 standards of the self-assessment, computed, in order."""
    return tuple(f(facts, limits) for f in _STANDARD_FUNCTIONS)


# --------------------------------------------------------------------------- membership


def notice_end(given_on: date, months: int) -> date:
    """The first day a resignation may take effect: 提前一个月 — ``months`` months after
    the notice, by the Civil Code's month arithmetic (2024-01-31 + 1 month = 2024-02-29)."""
    return add_months(given_on, months)


def certificate_refusal(
    first_day: date | None, last_day: date, dismissed: bool, years: int
) -> str | None:
    """Why no certificate (证书/聘书) may be given, or None: 任期满一年以上 (the anniversary
    completes the year) and not dismissed (被强行辞退者将不给予发放证书)."""
    if dismissed:
        return "dismissed members get no certificate (被强行辞退者不发放证书)"
    if first_day is None:
        return "has served no term in the union (无任职记录)"
    served = completed_years(first_day, last_day)
    if served < years:
        return (
            f"served from {first_day.isoformat()} to {last_day.isoformat()}, "
            f"less than {years} year(s) (任期未满{years}年)"
        )
    return None


class Outcome(enum.Enum):
    WARNING = "警告"
    REMOVAL = "免职"


@attrs.frozen
class Offence:
    code: str
    text: str
    outcome: Outcome  # the least the rules give for it
    citation: Citation
    removal_needs_presidium: bool  # 重者交与主席团讨论处理


def _lesser(code: str, text: str) -> Offence:
    return Offence(code, text, Outcome.WARNING, LESSER_CITE, True)


def _grave(code: str, text: str) -> Offence:
    return Offence(code, text, Outcome.REMOVAL, GRAVE_CITE, False)


LESSER = (
    _lesser("敷衍", "工作不认真，搞形式主义，敷衍了事"),
    _lesser("散漫", "不遵守学生会制度，行为散漫，无组织性，无纪律性"),
    _lesser("不服从", "不服从学生会安排，搞个人主义"),
    _lesser("破坏物品", "有意破坏学生会物品和校园公共设施"),
    _lesser("旷课", "经常旷课，学习成绩不佳"),
)
GRAVE = (
    _grave("处分", "受校或院警告以上处分"),
    _grave("打架酗酒", "在公共场所打架、酗酒闹事"),
    _grave("损害形象", "严重损坏学生干部形象"),
    _grave("作弊", "不遵守考试纪律，作弊"),
)
DESERTION = Offence("擅自离职", "擅自离职", Outcome.REMOVAL, DESERTION_CITE, True)
OFFENCES: dict[str, Offence] = {o.code: o for o in (*LESSER, *GRAVE, DESERTION)}


def offence(code: str) -> Offence:
    try:
        return OFFENCES[code]
    except KeyError:
        raise InvalidInput(
            "offence", code, f"must be one of {', '.join(OFFENCES)} (五、四 4–5, 五、三 5)"
        ) from None


def check_warning(code: str) -> Offence:
    """A warning is for the lesser offences; a grave one means immediate removal."""
    found = offence(code)
    if found.outcome is Outcome.REMOVAL and not found.removal_needs_presidium:
        raise InvalidInput(
            "offence",
            code,
            "is grave: the member is removed at once, not warned (立即免去其所任职务)",
        )
    return found


def check_removal(code: str, presidium_decided: bool) -> Offence:
    """A grave offence removes at once; a lesser one (or 擅自离职) only after the
    presidium has discussed it (重者交与主席团讨论处理)."""
    found = offence(code)
    if found.removal_needs_presidium and not presidium_decided:
        raise InvalidInput(
            "offence",
            code,
            "removal for it needs the presidium's decision (重者交与主席团讨论处理): "
            "give --presidium-decided",
        )
    return found


AUTHORITIES = ("主席团", "部长", "党总支团委")


def check_appointment(
    rank: str, authority: str, *, recommended: bool, appointer_is_head: bool
) -> Citation:
    """Who appoints to a rank (五、四 1–2): 部长 — recommended by the department and
    appointed by the presidium; 副部长 — by the department's 部长; the presidium — by the
    college's Party and league (院党总支、团委); 干事 — by the presidium or the 部长
    (五、三 1). Returns the clause, or raises naming the rule broken."""
    if authority not in AUTHORITIES:
        raise InvalidInput("by", authority, f"must be one of {', '.join(AUTHORITIES)}")
    if rank not in ALLOWED_RANKS:
        raise InvalidInput("post", rank, "is not a title the union may have (自评表 第5项)")
    if rank in PRESIDIUM_RANKS:
        if authority != "党总支团委":
            raise InvalidInput(
                "by", authority, "the presidium is appointed by 院党总支、团委 (五、四 2)"
            )
        return APPOINTMENT["主席团"]
    if rank == "部长":
        if authority != "主席团":
            raise InvalidInput("by", authority, "a 部长 is appointed by the presidium (五、四 1)")
        if not recommended:
            raise InvalidInput(
                "recommended",
                False,
                "a 部长 needs the department's recommendation (需经该部门内部推荐)",
            )
        return APPOINTMENT["部长"]
    if rank == "副部长":
        if authority != "部长" or not appointer_is_head:
            raise InvalidInput(
                "by", authority, "a 副部长 is appointed by the 部长 of the department (五、四 1)"
            )
        return APPOINTMENT["副部长"]
    if authority == "党总支团委":
        raise InvalidInput(
            "by", authority, "a 干事 is taken on by the presidium or the 部长 (五、三 1)"
        )
    if authority == "部长" and not appointer_is_head:
        raise InvalidInput("by_person", None, "must be the serving 部长 of the department")
    return APPOINTMENT["干事"]
