"""The selection procedure (第十二–二十一条) as pure rules: which stage may follow which,
and what each stage refuses.

A case moves through its stages in order — for 组织选拔 动议 → 民主推荐 → 考察 → 讨论决定 →
任前公示 → 任职 (第十二条, 第十七条); for 公开选拔 and 竞争上岗 动议 → 公布职位 → 报名与资格审查
→ (竞争上岗: 民主推荐) → 测试测评 → 考察 → 讨论决定 → 任前公示 → 任职 (第二十条). Every rule
here returns a :class:`Refusal` (or a list of them) carrying its clause; the services
turn one into a one-line error and write it on the case's timeline. Nothing here reads
the database or the clock.

Conventions (docs/cadre.md "Selection cases"):

* 动议 comes first for every method, 公开选拔 included: the 党委 decides to start any
  selection (第十三条 "学校党委和党委组织部是干部选拔动议的主体"), and a decision without
  one is 临时动议 (第三十四条（十一）).
* 任前公示 is required before 任职 for a promotion (第十七条 "新提拔任用的干部"); a move at
  the same rank may skip it.
* "一年内有效" (第十四条) is counted as the civil code counts a period of years (民法典第二百零一、
  二百零三条): the year starts the day after the recommendation and its last day is the
  anniversary — a recommendation of 2025-03-10 still holds on 2026-03-10 and has
  expired on 2026-03-11.
* "每年" for 个别动议 is the calendar year; "间隔不少于2个月" is measured from each other
  个别动议 of the organization, before or after, to its corresponding day two months on
  (add_months): exactly two months apart is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from core.api import (
    Base,
    Bilingual,
    Citation,
    Comparison,
    Finding,
    InvalidInput,
    ParameterSpec,
    Severity,
    Threshold,
    Unit,
    add_months,
    add_years,
)
from plugins.cadre import committee
from plugins.cadre.vocabulary import Grade, Method, Rank, cite

E = TypeVar("E", bound=Bilingual)

__all__ = [
    "SPECS",
    "CandidateFacts",
    "CheckKind",
    "MotionKind",
    "MotionRule",
    "RecommendationKind",
    "Refusal",
    "Sanction",
    "Stage",
    "TalkKind",
    "appointment_refusals",
    "candidates_outnumber_posts",
    "exclusions",
    "missing_checks",
    "motion_refusal",
    "order_refusal",
    "probation_end",
    "recommendation_valid_until",
    "required_checks",
    "required_talks",
    "scatter_hint",
    "second_round_refusal",
    "stages_for",
    "team_refusals",
]

# ------------------------------------------------------------------------ citations

PROCEDURE = cite("第三十四条（三）", "不准违反规定程序推荐、考察、酝酿、讨论决定任免干部")
AD_HOC = cite("第三十四条（十一）", "不准临时动议决定干部")
OVER_HEADCOUNT = cite("第三十四条（一）", "不准超职数配备、超机构规格提拔任用干部")
FIVE_STAGES = cite("第十二条", "干部选拔程序包括动议、民主推荐、考察、讨论决定和任职五个环节")
OPEN_STAGES = cite(
    "第二十条",
    "1.公布职位、资格条件、基本程序和方法等;2.报名与资格审查,参加公开选拔的应当经所在单位同意;"
    "3.采取适当方式进行能力和素质测试、测评,比选择优(竞争上岗也可以先进行民主推荐);"
    "4.组织考察,研究提出人选方案;5.校党委全委会或常委会讨论决定。6.履行任职手续",
)
UNIT_CONSENT = cite("第二十条", "报名与资格审查,参加公开选拔的应当经所在单位同意")
QUALIFIED = cite(
    "第十九条",
    "报名参加公开选拔、竞争上岗人员的基本条件和资格,应当符合本办法第二章选拔任用条件的规定",
)
MOTION_CONSULT = cite("第十三条", "动议时,必须听取分管校领导、纪检等方面意见")
REGULAR_MOTION = cite(
    "第十三条", "定期动议根据干部缺岗情况与工作需要,…每年上半年4月份与下半年10月份启动"
)
INDIVIDUAL_MOTION = cite("第十三条", "个别动议每年不超过2次,间隔应不少于2个月")
RECOMMENDATION_REQUIRED = cite("第十四条", "干部选拔任用必须经过民主推荐")
RECOMMENDATION_VALID = cite("第十四条", "推荐结果作为选拔任用的重要参考,在一年内有效")
SECOND_ROUND = cite(
    "第十四条",
    "在出现推荐票数比较分散的情况时,可差额提出初步名单进行二次会议推荐,即在得票靠前的人选中,"
    "按人选与拟任职位的一定比例进行二次会议推荐",
)
POPULAR_BASIS = cite("第十四条", "缺乏民意基础的,不得列为考察对象")
EXCLUSION_RATING = cite("第十五条（二）", "近三年年度考核结果中有被确定为基本称职以下等次的")
EXCLUSION_EMIGRATED = cite(
    "第十五条（四）", "配偶已移居国(境)外;或者没有配偶,子女均已移居国(境)外的"
)
EXCLUSION_SANCTION = cite("第十五条（五）", "受到组织处理或者党纪政纪处分的(影响使用的)")
INSPECTION_BASIS = cite("第十五条", "考察必须依据干部选拔任用条件和不同岗位的职责要求")
OUTNUMBER = cite("第十五条", "考察对象一般应当多于拟任职务人数")
FOUR_CHECKS = cite(
    "第十五条",
    "对拟提拔为副处级以上干部,都要进行干部档案必审、个人有关事项报告必核、对纪检监察部门意见必听、"
    "对有关信件举报和发现问题必查。对拟提拔为组织人事部门的科级干部人选,都要进行干部档案必审、"
    "个人有关事项报告必核",
)
TEAM = cite("第十五条", "学校党委或党委组织部派出的考察组由两名以上成员组成")
TEAM_WITHDRAWAL = cite("第二十五条", "干部考察组成员在干部考察工作中涉及其亲属的,本人必须回避")
DECISION_DATE = cite("第十七条", "干部的任职时间以学校党委全委会或常委会决定之日起计算")
NOTICE = cite(
    "第十七条",
    "新提拔任用的干部,在校党委全委会或常委会讨论决定后、下发任职通知之前,应在校内进行公示。"
    "公示期不少于五个工作日。公示结果不影响任职的,办理任职手续",
)
TALKS = cite(
    "第十七条",
    "对决定任用的处级干部,由学校党委书记或分管副书记同本人谈话,由纪委书记进行廉政谈话",
)
TALK_SYSTEM = cite("第十七条", "实行干部任职谈话制度")
PROBATION = cite("第十七条", "新提拔的干部,试用期为一年")
PROBATION_NO_MOVE = cite("第十七条", "新提拔的干部在试用期内严禁进行岗位调整")
PROBATION_REVIEW = cite(
    "第十七条", "试用期满,经考核胜任的,正式任职,任职时间连续计算;考核不胜任的,免去试任职务"
)
AVOIDANCE = cite("第二十四条", "实行干部任职回避制度")
STALLED = cite("第十六条", "对影响作出决定的问题要及时查清,避免久拖不决")
YEAR_PERIOD = Citation(
    "zhidu",
    "docs/cadre.md 推荐结果有效期",
    "按照年计算期间的，开始的当日不计入，到期年的对应日为期间的最后一日（民法典第二百零一、二百零三条）",
)


# ------------------------------------------------------------------------ vocabulary


class Stage(Bilingual):
    """The stages of a case (第十二条, 第十七条, 第二十条), in the order they are held."""

    MOTION = ("动议", "motion")
    PUBLICATION = ("公布职位", "publication")
    REGISTRATION = ("报名与资格审查", "registration and review")
    RECOMMENDATION = ("民主推荐", "democratic recommendation")
    TESTING = ("测试测评", "tests")
    INSPECTION = ("考察", "inspection")
    DECISION = ("讨论决定", "committee decision")
    NOTICE = ("任前公示", "pre-appointment notice")
    APPOINTMENT = ("任职", "appointment")

    @classmethod
    def parse(cls, value: str, field: str = "stage") -> Stage:
        for stage in cls:
            if value in (stage.zh, stage.name, stage.en):
                return stage
        raise InvalidInput(field, value, "not a stage (" + "、".join(s.zh for s in cls) + ")")

    @property
    def repeatable(self) -> bool:
        """Every stage but 动议 and 公布职位 takes several entries (rounds, applicants,
        candidates, people)."""
        return self not in (Stage.MOTION, Stage.PUBLICATION)

    @property
    def per_person(self) -> bool:
        """Stages held person by person once the committee decides (讨论决定, 任前公示, 任职):
        a second person may be decided after the first was noticed."""
        return self in (Stage.DECISION, Stage.NOTICE, Stage.APPOINTMENT)


class MotionKind(Bilingual):
    """动议的种类 (第十三条)."""

    GENERAL = ("换届", "general election")
    REGULAR = ("定期", "regular (April, October)")
    INDIVIDUAL = ("个别", "individual")


class RecommendationKind(Bilingual):
    """民主推荐的方式 (第十四条)."""

    MEETING = ("会议推荐", "meeting")
    TALK = ("谈话推荐", "individual talks")
    SECOND_MEETING = ("二次会议推荐", "second meeting")


class CheckKind(Bilingual):
    """凡提四必 (第十五条)."""

    FILE = ("档案必审", "personnel file reviewed")
    PERSONAL_MATTERS = ("个人有关事项报告必核", "personal-matters report verified")
    DISCIPLINE = ("纪检监察意见必听", "discipline office heard")
    REPORTS = ("信访举报必查", "complaints investigated")


class TalkKind(Bilingual):
    """任职谈话 and 廉政谈话 (第十七条)."""

    APPOINTMENT = ("任职谈话", "appointment talk")
    INTEGRITY = ("廉政谈话", "integrity talk")


def parse_vocabulary(kind: type[E], field: str, value: str) -> E:
    """The member of ``kind`` named by its Chinese, English or constant name."""
    for member in kind:
        if value in (member.zh, member.en, member.name):
            return member
    names = "、".join(m.zh for m in kind)
    raise InvalidInput(field, value, f"must be one of {names}")


# ------------------------------------------------------------------------ refusals


@attrs.frozen
class Refusal:
    """Why a step of a case is refused, with its clause."""

    rule_id: str
    citation: Citation
    message_zh: str
    message_en: str

    def line(self) -> str:
        return f"{self.message_zh} ({self.message_en}) — 依据 {self.citation.article}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "citation": self.citation.as_dict(),
        }


# ------------------------------------------------------------------------ stage order


@attrs.frozen
class Step:
    stage: Stage
    required: bool = True


_ORGANIZATION = (
    Step(Stage.MOTION),
    Step(Stage.RECOMMENDATION),
    Step(Stage.INSPECTION),
    Step(Stage.DECISION),
    Step(Stage.NOTICE, required=False),
    Step(Stage.APPOINTMENT),
)
_OPEN = (
    Step(Stage.MOTION),
    Step(Stage.PUBLICATION),
    Step(Stage.REGISTRATION),
    Step(Stage.TESTING),
    Step(Stage.INSPECTION),
    Step(Stage.DECISION),
    Step(Stage.NOTICE, required=False),
    Step(Stage.APPOINTMENT),
)
_COMPETITION = (
    Step(Stage.MOTION),
    Step(Stage.PUBLICATION),
    Step(Stage.REGISTRATION),
    Step(Stage.RECOMMENDATION, required=False),
    Step(Stage.TESTING),
    Step(Stage.INSPECTION),
    Step(Stage.DECISION),
    Step(Stage.NOTICE, required=False),
    Step(Stage.APPOINTMENT),
)


def stages_for(method: Method) -> tuple[Step, ...]:
    """The stages of a case of ``method``, in order (第十二条; 第二十条)."""
    return {Method.ORGANIZATION: _ORGANIZATION, Method.OPEN: _OPEN}.get(method, _COMPETITION)


def order_refusal(
    method: Method, done: Mapping[Stage, date], stage: Stage, on: date
) -> Refusal | None:
    """Whether ``stage`` may be recorded on ``on`` after the stages ``done`` (with the
    date each was first recorded): every required stage before it done, none after it
    done (except another person's entry into the per-person stages), not dated before
    the stages it follows (第三十四条（三）; a decision without a motion is （十一）)."""
    steps = stages_for(method)
    order = [s.stage for s in steps]
    basis = FIVE_STAGES if method is Method.ORGANIZATION else OPEN_STAGES
    if stage not in order:
        return Refusal(
            "cadre.case.stage-not-in-method",
            basis,
            f"{method.zh}没有“{stage.zh}”环节",
            f"a case of {method.en} has no stage {stage.en}",
        )
    index = order.index(stage)
    if stage in done and not stage.repeatable:
        return Refusal(
            "cadre.case.stage-twice",
            PROCEDURE,
            f"“{stage.zh}”已于{done[stage].isoformat()}进行",
            f"{stage.en} was held on {done[stage].isoformat()}",
        )
    missing = [s.stage for s in steps[:index] if s.required and s.stage not in done]
    if missing:
        names = "、".join(m.zh for m in missing)
        if stage is Stage.DECISION and Stage.MOTION in missing:
            return Refusal(
                "cadre.case.no-motion",
                AD_HOC,
                f"未经动议不得讨论决定干部（临时动议）；尚缺：{names}",
                "no decision without a motion (ad hoc); missing: "
                + ", ".join(m.en for m in missing),
            )
        return Refusal(
            "cadre.case.stage-skipped",
            PROCEDURE,
            f"“{stage.zh}”之前须先完成：{names}",
            f"{stage.en} needs first: " + ", ".join(m.en for m in missing),
        )
    later = [s for s in order[index + 1 :] if s in done]
    if later and not (stage.per_person and stage in done):
        return Refusal(
            "cadre.case.stage-late",
            PROCEDURE,
            f"已进行“{later[0].zh}”，不得回到“{stage.zh}”",
            f"{later[0].en} is under way: {stage.en} may not be recorded after it",
        )
    before = [done[s] for s in order[:index] if s in done]
    if before and on < max(before):
        return Refusal(
            "cadre.case.stage-date",
            PROCEDURE,
            f"“{stage.zh}”日期{on.isoformat()}早于前一环节（{max(before).isoformat()}）",
            f"{stage.en} on {on.isoformat()} is dated before the stage it follows "
            f"({max(before).isoformat()})",
        )
    return None


# ------------------------------------------------------------------------ 动议 (第十三条)


@attrs.frozen
class MotionRule:
    """第十三条's figures: 定期 in these months; 个别 at most ``per_year`` a year, at
    least ``interval_months`` apart (parameters)."""

    per_year: int = 2
    interval_months: int = 2
    regular_months: tuple[int, ...] = (4, 10)


def motion_refusal(
    kind: MotionKind,
    on: date,
    individual: Iterable[date],
    consulted: bool,
    rule: MotionRule = MotionRule(),
) -> Refusal | None:
    """A 动议 of ``kind`` on ``on``, given the organization's other 个别动议 dates."""
    if not consulted:
        return Refusal(
            "cadre.motion.consult",
            MOTION_CONSULT,
            "动议须听取分管校领导、纪检等方面意见",
            "a motion must hear the leader in charge and the discipline office",
        )
    if kind is MotionKind.REGULAR and on.month not in rule.regular_months:
        months = "、".join(f"{m}月" for m in rule.regular_months)
        return Refusal(
            "cadre.motion.regular-month",
            REGULAR_MOTION,
            f"定期动议在每年{months}启动，{on.isoformat()}不在其中",
            f"a regular motion starts in month {', '.join(map(str, rule.regular_months))}; "
            f"{on.isoformat()} is not",
        )
    if kind is not MotionKind.INDIVIDUAL:
        return None
    others = sorted(individual)
    same_year = [d for d in others if d.year == on.year]
    if len(same_year) >= rule.per_year:
        listed = "、".join(d.isoformat() for d in same_year)
        return Refusal(
            "cadre.motion.individual-count",
            INDIVIDUAL_MOTION,
            f"{on.year}年已有{len(same_year)}次个别动议（{listed}），每年不超过{rule.per_year}次",
            f"{on.year} already has {len(same_year)} individual motions ({listed}); "
            f"at most {rule.per_year} a year",
        )
    for other in others:
        first, last = min(other, on), max(other, on)
        if add_months(first, rule.interval_months) > last:
            return Refusal(
                "cadre.motion.individual-interval",
                INDIVIDUAL_MOTION,
                f"与{other.isoformat()}的个别动议间隔不足{rule.interval_months}个月",
                f"less than {rule.interval_months} months from the individual motion of "
                f"{other.isoformat()}",
            )
    return None


# ------------------------------------------------------------------------ 民主推荐 (第十四条)


def recommendation_valid_until(held_on: date, years: int = 1) -> date:
    """The last day a recommendation holds ("在一年内有效"): its anniversary (民法典第二百零三条
    — the period starts the next day and ends on the corresponding day)."""
    return add_years(held_on, years)


def recommendation_refusal(
    name: str, held_on: date | None, on: date, years: int = 1
) -> Refusal | None:
    """A step relying on ``name``'s recommendation of ``held_on``: refused when there is
    none, or it has expired by ``on``."""
    if held_on is None:
        return Refusal(
            "cadre.recommendation.none",
            POPULAR_BASIS,
            f"{name}未经民主推荐（无推荐票），缺乏民意基础",
            f"{name} has no recommendation votes: no popular basis",
        )
    until = recommendation_valid_until(held_on, years)
    if on > until:
        return Refusal(
            "cadre.recommendation.expired",
            RECOMMENDATION_VALID,
            f"{name}的推荐结果（{held_on.isoformat()}）有效至{until.isoformat()}，"
            f"{on.isoformat()}已失效",
            f"{name}'s recommendation of {held_on.isoformat()} held until "
            f"{until.isoformat()}; expired on {on.isoformat()}",
        )
    return None


def scatter_hint(votes: Mapping[int, int], participants: int) -> bool:
    """A hint that the votes scattered (票数比较分散): nobody got more than half of those
    who took part. Only a hint — whether they scattered is the 党委's judgement."""
    if participants < 1:
        return False
    half = Threshold(Fraction(1, 2), Comparison.MORE_THAN, Base.TOOK_PART)
    return not any(half.is_met(min(v, participants), participants) for v in votes.values())


def second_round_refusal(first_round: Iterable[int], second_round: Iterable[int]) -> Refusal | None:
    """二次会议推荐 is held after a 会议推荐, among its candidates (得票靠前的人选)."""
    first = set(first_round)
    if not first:
        return Refusal(
            "cadre.recommendation.second-first",
            SECOND_ROUND,
            "二次会议推荐须在会议推荐之后进行",
            "a second meeting follows a first meeting recommendation",
        )
    outside = sorted(set(second_round) - first)
    if outside:
        return Refusal(
            "cadre.recommendation.second-outside",
            SECOND_ROUND,
            f"二次会议推荐只在首轮得票人选中进行（人员 {outside} 不在其中）",
            f"a second meeting is among the first round's candidates ({outside} were not)",
        )
    return None


# ------------------------------------------------------------------------ 考察 (第十五条)


@attrs.frozen
class Sanction:
    """A sanction as the exclusion needs it (tables.management.CadreSanction)."""

    kind: str
    imposed_on: date
    until: date | None
    affects_use: bool

    @classmethod
    def from_row(cls, row: Any) -> Sanction:
        return cls(row.kind, row.imposed_on, row.until, bool(row.affects_use))


@attrs.frozen
class CandidateFacts:
    """What 第十五条's exclusions look at for one candidate."""

    person_id: int
    name: str
    ratings: tuple[tuple[int, str], ...] = ()  # (year, Grade.zh) of 年度 assessments
    family_emigrated: bool = False
    sanctions: tuple[Sanction, ...] = ()
    eligible: bool | None = None  # the qualification check; None when not run
    missed: tuple[str, ...] = ()  # the conditions missed, in words


def exclusions(facts: CandidateFacts, on: date, lookback_years: int = 3) -> list[Refusal]:
    """Why ``facts``' person may not be a 考察对象 on ``on`` (第十五条 (二)(四)(五), and the
    qualifications): empty when none applies. "近三年" is the annual ratings of the
    ``lookback_years`` calendar years before ``on``'s and of ``on``'s own year."""
    found: list[Refusal] = []
    low = sorted(
        (year, grade)
        for year, grade in facts.ratings
        if year >= on.year - lookback_years and Grade.parse(grade).at_or_below_basic
    )
    if low:
        listed = "、".join(f"{y}年{g}" for y, g in low)
        found.append(
            Refusal(
                "cadre.inspection.rating",
                EXCLUSION_RATING,
                f"{facts.name}近三年年度考核有基本称职以下等次（{listed}）",
                f"{facts.name} was rated 基本称职 or below in the last three years ({listed})",
            )
        )
    if facts.family_emigrated:
        found.append(
            Refusal(
                "cadre.inspection.emigrated",
                EXCLUSION_EMIGRATED,
                f"{facts.name}配偶（或无配偶而子女均）已移居国（境）外",
                f"{facts.name}'s spouse (or, with no spouse, all children) emigrated",
            )
        )
    for s in facts.sanctions:
        if s.affects_use and s.imposed_on <= on and (s.until is None or on <= s.until):
            until = s.until.isoformat() if s.until else "未定"
            found.append(
                Refusal(
                    "cadre.inspection.sanction",
                    EXCLUSION_SANCTION,
                    f"{facts.name}受{s.kind}（{s.imposed_on.isoformat()}，影响使用至{until}）",
                    f"{facts.name} is under {s.kind} of {s.imposed_on.isoformat()} which "
                    f"affects use until {until}",
                )
            )
    if facts.eligible is False:
        missed = "；".join(facts.missed) or "任职资格条件"
        found.append(
            Refusal(
                "cadre.inspection.qualification",
                INSPECTION_BASIS,
                f"{facts.name}不符合任职资格：{missed}",
                f"{facts.name} does not meet the qualifications: {missed}",
            )
        )
    return found


def candidates_outnumber_posts(
    candidates: int, seats: int, subject: str, subject_key: str = ""
) -> Finding | None:
    """考察对象一般应当多于拟任职务人数: a WARNING when they do not."""
    if candidates > seats:
        return None
    return Finding(
        Severity.WARNING,
        "cadre.inspection.outnumber",
        subject,
        OUTNUMBER,
        f"考察对象{candidates}人，未多于拟任职务{seats}个（等额考察）",
        f"{candidates} candidate(s) inspected for {seats} post(s): not more than the posts",
        subject_key=subject_key,
    )


def team_refusals(
    team: Sequence[int], candidates: Iterable[int], kin: Iterable[tuple[int, int]], minimum: int = 2
) -> list[Refusal]:
    """考察组: at least ``minimum`` members, none a candidate or kin of one (第二十五条)."""
    found: list[Refusal] = []
    members = set(team)
    if len(members) != len(team):
        raise InvalidInput("team", list(team), "a member is listed twice")
    if len(members) < minimum:
        found.append(
            Refusal(
                "cadre.inspection.team-size",
                TEAM,
                f"考察组{len(members)}人，须{minimum}名以上成员",
                f"the inspection team has {len(members)} member(s); at least {minimum} needed",
            )
        )
    people = set(candidates)
    for a, b in kin:
        for member, relative in ((a, b), (b, a)):
            if member in members and relative in people:
                found.append(
                    Refusal(
                        "cadre.inspection.team-kin",
                        TEAM_WITHDRAWAL,
                        f"考察组成员（人员{member}）是考察对象（人员{relative}）的亲属，须回避",
                        f"team member {member} is kin of candidate {relative} and must withdraw",
                    )
                )
    for member in sorted(members & people):
        found.append(
            Refusal(
                "cadre.inspection.team-candidate",
                TEAM_WITHDRAWAL,
                f"人员{member}既是考察对象又是考察组成员",
                f"person {member} is both a candidate and on the team",
            )
        )
    return found


def required_checks(rank: Rank, personnel_unit: bool, promotion: bool) -> tuple[CheckKind, ...]:
    """凡提四必 (第十五条): all four for a promotion to 副处级 or above; 档案 and 个人事项 for
    a promotion to a 科级 post in the 组织人事部门; none otherwise."""
    if not promotion:
        return ()
    if rank.is_division:
        return tuple(CheckKind)
    if personnel_unit:
        return (CheckKind.FILE, CheckKind.PERSONAL_MATTERS)
    return ()


def missing_checks(
    name: str, required: Iterable[CheckKind], recorded: Iterable[CheckKind]
) -> Refusal | None:
    """The decision waits for every required check (凡提四必) to be recorded."""
    done = set(recorded)
    missing = [k for k in required if k not in done]
    if not missing:
        return None
    return Refusal(
        "cadre.decision.four-checks",
        FOUR_CHECKS,
        f"{name}尚未完成“凡提四必”：" + "、".join(k.zh for k in missing),
        f"{name}: not yet recorded — " + ", ".join(k.en for k in missing),
    )


# ------------------------------------------------------------------------ 任职 (第十七条)


def probation_end(start: date, years: int = 1) -> date:
    """The last day of a new promotion's 试用期: the day before the anniversary of
    ``start`` (the decision's date)."""
    return add_years(start, years) - timedelta(days=1)


def required_talks(rank: Rank) -> tuple[TalkKind, ...]:
    """任职谈话 for everyone appointed (实行干部任职谈话制度), and 廉政谈话 for 处级."""
    if rank.is_division:
        return (TalkKind.APPOINTMENT, TalkKind.INTEGRITY)
    return (TalkKind.APPOINTMENT,)


@attrs.frozen
class AppointmentFacts:
    """What 任职 looks at for one person (the services gather it)."""

    name: str
    post: str
    rank: Rank
    on: date
    decided_on: date | None  # the passing decision's date
    promotion: bool
    notice_end: date | None  # the 任前公示's last day, None when none
    notice_affects: bool  # 公示结果影响任职
    talks: tuple[TalkKind, ...]
    probation_until: date | None  # a probation the person is serving on ``on``
    serving: int  # others holding the post from the decision's date on
    headcount: int
    avoidance: tuple[Finding, ...] = ()


def appointment_refusals(f: AppointmentFacts) -> list[Refusal]:
    """Everything that stops ``f.name``'s 任职 in ``f.post`` on ``f.on``."""
    found: list[Refusal] = []
    if f.decided_on is None:
        found.append(
            Refusal(
                "cadre.appointment.no-decision",
                AD_HOC,
                f"{f.name}任{f.post}未经党委讨论决定通过",
                f"no passing committee decision appoints {f.name} to {f.post}",
            )
        )
        return found
    if f.promotion:
        if f.notice_end is None:
            found.append(
                Refusal(
                    "cadre.appointment.no-notice",
                    NOTICE,
                    f"{f.name}为新提拔，须经任前公示后方可任职",
                    f"{f.name} is promoted: the pre-appointment notice comes first",
                )
            )
        elif f.on <= f.notice_end:
            found.append(
                Refusal(
                    "cadre.appointment.notice-running",
                    NOTICE,
                    f"任前公示至{f.notice_end.isoformat()}，公示期满后方可办理任职手续",
                    f"the notice runs until {f.notice_end.isoformat()}: appointment after it",
                )
            )
    if f.notice_affects:
        found.append(
            Refusal(
                "cadre.appointment.notice-affects",
                NOTICE,
                f"{f.name}的公示结果影响任职",
                f"the notice's result stands in the way of {f.name}'s appointment",
            )
        )
    missing = [t for t in required_talks(f.rank) if t not in f.talks]
    if missing:
        found.append(
            Refusal(
                "cadre.appointment.talks",
                TALKS if f.rank.is_division else TALK_SYSTEM,
                f"{f.name}尚未进行：" + "、".join(t.zh for t in missing),
                f"{f.name}: not yet held — " + ", ".join(t.en for t in missing),
            )
        )
    if f.probation_until is not None and f.on <= f.probation_until:
        found.append(
            Refusal(
                "cadre.appointment.probation",
                PROBATION_NO_MOVE,
                f"{f.name}在试用期内（至{f.probation_until.isoformat()}），严禁进行岗位调整",
                f"{f.name} is on probation until {f.probation_until.isoformat()}: no post change",
            )
        )
    if f.serving >= f.headcount:
        found.append(
            Refusal(
                "cadre.appointment.over-headcount",
                OVER_HEADCOUNT,
                f"{f.post}职数{f.headcount}，自{f.decided_on.isoformat()}起已有{f.serving}人在任，"
                "不准超职数配备",
                f"{f.post} has a headcount of {f.headcount} and {f.serving} serving from "
                f"{f.decided_on.isoformat()}: over the headcount",
            )
        )
    for finding in f.avoidance:
        if finding.severity is Severity.VIOLATION:
            found.append(
                Refusal(
                    "cadre.appointment.avoidance",
                    finding.citation,
                    finding.message_zh,
                    finding.message_en,
                )
            )
    return found


def personnel_unit(names: Iterable[str]) -> bool:
    """Whether a unit (given with its ancestors' names) is 组织人事部门: zhidu reads a
    unit whose name, or an ancestor's, holds 组织 or 人事 as one (docs/cadre.md)."""
    return any(("组织" in n or "人事" in n) for n in names)


# ------------------------------------------------------------------------ parameters

EFFECTIVE = date(2018, 1, 16)
"""= ``plugins.cadre.parameters.FROM`` (the 实施办法's publication); repeated here because
that module gathers this one's SPECS."""

STALL_CONVENTION = Citation(
    "zhidu",
    "docs/cadre.md 选拔任用案件",
    "一个案件最近一个环节之后久无进展即提示（“避免久拖不决”未定天数，默认90日）",
)

SPECS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        "cadre.motion_individual_per_year", "个别动议每年次数上限", "Individual motions a year",
        Unit.COUNT, 2, INDIVIDUAL_MOTION, EFFECTIVE, minimum=1,
    ),
    ParameterSpec(
        "cadre.motion_individual_interval_months", "个别动议最短间隔", "Between individual motions",
        Unit.MONTHS, 2, INDIVIDUAL_MOTION, EFFECTIVE, minimum=0,
    ),
    ParameterSpec(
        "cadre.recommendation_valid_years", "民主推荐结果有效期", "Recommendations hold for",
        Unit.YEARS, 1, RECOMMENDATION_VALID, EFFECTIVE, minimum=1,
    ),
    ParameterSpec(
        "cadre.inspection_team_min", "考察组最少人数", "Inspection team at least",
        Unit.COUNT, 2, TEAM, EFFECTIVE, minimum=2,
    ),
    ParameterSpec(
        "cadre.inspection_rating_years", "考察回看年度考核的年数（近三年）",
        "Annual ratings looked back on", Unit.YEARS, 3, EXCLUSION_RATING, EFFECTIVE, minimum=1,
    ),
    ParameterSpec(
        "cadre.committee_quorum", "党委讨论干部任免到会比例（以上）",
        "Committee quorum (at least, of all members)", Unit.FRACTION, Fraction(2, 3),
        committee.QUORUM, EFFECTIVE,
    ),
    ParameterSpec(
        "cadre.committee_majority", "赞成票须超过应到委员的比例",
        "Yes votes needed (more than, of all members)", Unit.FRACTION, Fraction(1, 2),
        committee.MAJORITY, EFFECTIVE,
    ),
    ParameterSpec(
        "cadre.committee_withdrawn_in_base", "回避的委员仍计入应到人数",
        "Withdrawn members still count among all members", Unit.BOOLEAN, True,
        committee.WITHDRAWAL, EFFECTIVE,
    ),
    ParameterSpec(
        "cadre.notice_working_days", "任前公示期（工作日）", "Pre-appointment notice",
        Unit.WORKING_DAYS, 5, NOTICE, EFFECTIVE, minimum=5,
    ),
    ParameterSpec(
        "cadre.appointment_probation_years", "新提拔干部试用期", "Probation of a new promotion",
        Unit.YEARS, 1, PROBATION, EFFECTIVE, minimum=1,
    ),
    ParameterSpec(
        "cadre.case_stall_days", "案件久无进展提示天数", "A case is stalled after",
        Unit.DAYS, 90, STALL_CONVENTION, EFFECTIVE, minimum=1,
    ),
)  # fmt: skip
