"""申报资格审查 (eligibility screening) of professional-title applications as pure values.

professional-title-review.txt is the 安徽省职称评审工作实施办法 (皖人社发〔2018〕5号). An
:class:`Applicant` is one application (申报) with the core person's facts it depends on
(学历, 现职称级别 and 取得时间, 参加工作时间, and the person's ``extra`` flags 公务员 /
离退休), the 年度考核 :class:`Rating` of the person and the dates of titles revoked for
fraud. :func:`screen_one` runs every condition that applies and returns a
:class:`Screening`: each :class:`Condition` met, missed, unknown (data missing) or waived
(破格), with the dates that decide it and the clause.

Conventions where the text is silent (docs/titles.md, "Conventions"):

* **Cut-off** (任职年限计算截止时间): periods (years at the level, one year in the post) are
  counted up to the year's cut-off day, the parameter ``titles.cutoff`` (default
  ``12-31``: 31 December of the application year) — the 实施办法 leaves the time to what
  the committee's organizer publishes (第六条).
* **周年** (第五十九条): N years are complete on the N-th anniversary, not the day before
  (:func:`core.api.completed_years`); "满1年以上" includes exactly one year (第六十三条
  "以上"均含本级).
* **Which 年度考核** count (第十一条 任现职以来): the years after the year the current title
  (or, without one, work) began, up to the year before the application. Each
  基本合格/不合格 year deducts one year; a year without a rating on record is counted,
  but if counting it as deducted would leave the applicant short, the condition is
  *unknown* (the 年度考核登记表 is missing, 第九条（一）5). A 不合格 for the year before the
  application, or for the application year itself, bars applying that year.
* **Bans** (第五十三条 5 years, 第六十五条 retirement) are judged on the application's date.
* The years required per level and education are parameters (第九条 "符合各专业、级别规定
  的申报条件" — the 评审标准条件, not this text); an education without its own figure
  takes the nearest lower education's, else the level's usual figure.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Self

import attrs

from core.api import Citation, Education, InvalidInput, TitleLevel, add_years, completed_years

__all__ = [
    "Applicant",
    "Condition",
    "Grade",
    "Kind",
    "Limits",
    "Rating",
    "Screening",
    "as_date",
    "education_matches",
    "exception_consent",
    "first_intermediate",
    "fraud_ban",
    "from_organ",
    "level_applied",
    "needed_years",
    "not_barred",
    "not_failed",
    "one_series_per_year",
    "screen_all",
    "screen_one",
    "series_crossing",
    "service_years",
    "transfer_post_time",
]

SOURCE = "professional-title-review.txt"


def cite(article: str, words: str) -> Citation:
    return Citation(SOURCE, article, words)


# --------------------------------------------------------------------------- the clauses

CONDITIONS = cite("第九条", "符合各专业、级别规定的申报条件")
RATINGS = cite(
    "第十一条",
    "任现职以来年度考核均为合格以上等次的，其任职年限连续计算；年度考核有基本合格等次和不合格"
    "等次的，扣除当年度任职年限，其余任职年限累计计算",
)
FAILED = cite("第十一条", "年度考核不合格的，当年不得申报职称")
ONE_SERIES = cite(
    "第十四条",
    "专业技术人员在同一年度只能申报评审一个系列（专业）职称，不得同时申报两个以上不同系列或"
    "同一系列两个不同专业的职称",
)
TRANSFER = cite(
    "第三十四条",
    "专业技术人员申请转评，须在现任专业技术岗位工作1年以上，经单位考核合格，能履行相应岗位"
    "职责，并取得现岗位工作业绩，方可参加同一级别的职称考试或评审",
)
CROSS_SERIES = cite(
    "第三十五条",
    "未经转评的人员，不得跨系列（专业）申报高一级职称；转评人员当年度不得申报高一级职称",
)
EXCEPTION = cite("第三十九条", "可不受学历、资历、继续教育条件等限制破格申报相应职称")
EXCEPTION_CONSENT = cite(
    "第四十条",
    "破格申报职称的，须经系列（专业）评审委员会受理，报同级人力资源社会保障部门审核同意后"
    "方可提交评审",
)
FROM_ORGAN = cite(
    "第四十一条",
    "从机关调入到企事业单位、转业安置到我省企事业单位从事专业技术工作的人员，须在现专业技术"
    "岗位工作满1年以上",
)
FRAUD_BAN = cite(
    "第五十三条",
    "对通过弄虚作假、暗箱操作等违纪违规行为取得的职称予以撤销，提请有关部门按照相关法律法规"
    "予以处理，且5年内不得再申报职称",
)
ANNIVERSARY = cite("第五十九条", "职称任职年限或任职时间均按周年计算")
DOCTOR_FIRST = cite(
    "第六十条",
    "除博士研究生可初次认定中级职称外，所有系列专业技术人员（不含以考代评人员）均需通过参加"
    "评审取得中级以上职称，不再开展直接认定中级职称工作",
)
SUBJECT = cite(
    "第六十一条",
    "凡职称申请人所具有学历的专业与所申报职称的专业不一致或不相近时,应视为不具备规定学历",
)
SUBJECT_TRAINING = cite(
    "第六十一条（一）",
    "参加由国家教育行政部门批准认可的院校、经总政(总参)批准认可的部队院校、中央及省委党校等"
    "组织开展的所申报专业或相近专业继续教育培训,累计3个月以上,并取得结业证书",
)
SUBJECT_HOURS = cite(
    "第六十一条（二）",
    "申报高、中、初级职称需分别完成400学时、200学时和100学时的专业科目学习",
)
SUBJECT_RETRAINING = cite("第六十一条（三）", "参加市以上行业主管部门组织的转岗培训取得培训证书")
INCLUSIVE = cite("第六十三条", "“以上”“以下”均含本级")
BARRED = cite("第六十五条", "公务员、离退休（含返聘在岗）人员不得参加专业技术人员职称评审")
PUBLISHED = cite(
    "第六条",
    "职称评审的专业、级别、条件、程序、方式，以及申报材料、时间、地点，由评委会组建单位向社会公布",
)

# --------------------------------------------------------------------------- vocabulary


class Grade(enum.Enum):
    """年度考核等次 (第十一条)."""

    EXCELLENT = "优秀"
    PASS = "合格"
    BASIC = "基本合格"
    FAIL = "不合格"

    @property
    def deducts(self) -> bool:
        """基本合格 and 不合格 years are deducted from the years in the title (第十一条)."""
        return self in (Grade.BASIC, Grade.FAIL)

    @classmethod
    def parse(cls, value: object, field: str = "grade") -> Grade:
        return _parse(cls, value, field, "not a 年度考核等次 of 第十一条")


class Kind(enum.Enum):
    """申报类型: 评审 (a higher level), 转评 (the same level in a new series, 第三十三、
    三十四条), 初次认定 (a 博士's first 中级, 第六十条)."""

    REVIEW = "评审"
    TRANSFER = "转评"
    FIRST = "初次认定"

    @classmethod
    def parse(cls, value: object, field: str = "kind") -> Kind:
        return _parse(cls, value, field, "not a kind of application (申报类型)")


def _parse(kind: Any, value: object, field: str, rule: str) -> Any:
    if isinstance(value, kind):
        return value
    text = value.strip() if isinstance(value, str) else value
    for member in kind:
        if text in (member.value, member.name, member.name.lower()):
            return member
    raise InvalidInput(field, value, f"{rule} (one of {'/'.join(m.value for m in kind)})")


LEVELS: tuple[TitleLevel, ...] = (
    TitleLevel.JUNIOR,
    TitleLevel.INTERMEDIATE,
    TitleLevel.DEPUTY_SENIOR,
    TitleLevel.FULL_SENIOR,
)
#: 学历, highest first (the order of core's Education).
EDUCATIONS: tuple[Education, ...] = tuple(Education)


def parse_level(value: object, field: str = "level") -> TitleLevel:
    return _parse(TitleLevel, value, field, "not a 职称级别")


def band(level: TitleLevel) -> str:
    """高 (副高级, 正高级), 中 or 初 — the bands of 第六十一条（二）."""
    if level in (TitleLevel.DEPUTY_SENIOR, TitleLevel.FULL_SENIOR):
        return "高"
    return "中" if level is TitleLevel.INTERMEDIATE else "初"


# --------------------------------------------------------------------------- limits

#: Years at the current level (without a title: of work) needed to apply for a level, by
#: education; ``None`` is the level's usual figure. The 实施办法 leaves these to the
#: 评审标准条件 (第九条); the defaults are bench/generate.py's ``_YEARS_NEEDED`` and
#: ``_YEARS_USUALLY``, written for this plugin.
YEARS_DEFAULTS: Mapping[TitleLevel, Mapping[Education | None, int]] = {
    TitleLevel.JUNIOR: {
        Education.MASTERS: 0,
        Education.BACHELOR: 1,
        Education.JUNIOR_COLLEGE: 3,
        Education.HIGH_SCHOOL: 5,
        None: 5,
    },
    TitleLevel.INTERMEDIATE: {
        Education.DOCTORAL: 0,
        Education.MASTERS: 2,
        Education.BACHELOR: 4,
        None: 5,
    },
    TitleLevel.DEPUTY_SENIOR: {Education.DOCTORAL: 2, None: 5},
    TitleLevel.FULL_SENIOR: {None: 5},
}


@attrs.frozen
class Limits:
    """Every figure the screening uses (parameters ``titles.*``, see parameters.py)."""

    years: Mapping[TitleLevel, Mapping[Education | None, int]] = attrs.field(
        factory=lambda: YEARS_DEFAULTS, eq=False
    )
    ce_hours_senior: int = 400
    ce_hours_intermediate: int = 200
    ce_hours_junior: int = 100
    training_months: int = 3
    transfer_post_years: int = 1
    organ_post_years: int = 1
    fraud_ban_years: int = 5
    cutoff: str = "12-31"

    def cutoff_for(self, year: int) -> date:
        """The day periods are counted to for the year's applications."""
        month, day = (int(x) for x in self.cutoff.split("-"))
        return date(year, month, day)

    def ce_hours(self, level: TitleLevel) -> int:
        return {
            "高": self.ce_hours_senior,
            "中": self.ce_hours_intermediate,
            "初": self.ce_hours_junior,
        }[band(level)]


def needed_years(level: TitleLevel, education: Education | None, limits: Limits) -> int:
    """Years needed to apply for ``level`` with ``education``: the education's figure, else
    the nearest lower education's (more schooling never needs more years), else the
    level's usual one."""
    table = limits.years[level]
    if education is not None:
        for edu in EDUCATIONS[EDUCATIONS.index(education) :]:
            if edu in table:
                return table[edu]
    return table[None]


# --------------------------------------------------------------------------- values


def as_date(value: object) -> date | None:
    """A date as the driver returns it: a date, ISO text (SQLite) or None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@attrs.frozen
class Rating:
    """年度考核: a person's grade for a year (第十一条; 第九条（一）5 年度考核登记表)."""

    person_id: int
    year: int
    grade: Grade

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Self:
        """From (person_id, year, grade)."""
        return cls(row[0], row[1], Grade(row[2]))


@attrs.frozen
class Applicant:
    """One application (申报) with what the rules need to know of its person.

    From the application: the year, 系列（专业） ``series``, 申报级别 ``level``, the
    :class:`Kind`, the series of the current title (``current_series``: for 转评 the old
    series; for 评审 a different one is 跨系列, 第三十五条), whether the education's
    subject matches (学历专业是否相符, None unknown), the subject's 继续教育 hours and
    training months and a 转岗培训 certificate (第六十一条), 破格 and the 人社部门's
    consent (第三十九、四十条), 调入时间 from an organ (第四十一条), the day the post
    changed (转评, 第三十四条) and the day of application. From the core person: 学历,
    现职称级别 and its date, 参加工作时间, and ``extra``'s ``civil_servant`` / ``retired``
    (第六十五条)."""

    application_id: int
    person_id: int
    name: str
    year: int
    series: str
    level: TitleLevel
    kind: Kind = Kind.REVIEW
    current_series: str | None = None
    subject_matches: bool | None = True
    ce_hours: int = 0
    training_months: int = 0
    retrained: bool = False
    exceptional: bool = False
    consent_on: date | None = None
    transferred_on: date | None = None
    post_changed_on: date | None = None
    applied_on: date | None = None
    education: Education | None = None
    current_level: TitleLevel | None = None
    current_since: date | None = None
    employment_start: date | None = None
    civil_servant: bool = False
    retired_on: date | None = None
    ratings: tuple[Rating, ...] = ()
    revoked_on: tuple[date, ...] = ()

    #: The columns :meth:`from_row` reads, in order (application, then person).
    COLUMNS = (
        "a.id", "a.person_id", "p.name", "a.year", "a.series", "a.level", "a.kind",
        "a.current_series", "a.subject_matches", "a.ce_hours", "a.training_months",
        "a.retrained", "a.exceptional", "a.consent_on", "a.transferred_on",
        "a.post_changed_on", "a.applied_on", "p.education", "p.title_level", "p.title_date",
        "p.employment_start", "p.extra",
    )  # fmt: skip

    @classmethod
    def from_row(
        cls,
        row: Sequence[Any],
        ratings: Iterable[Rating] = (),
        revoked_on: Iterable[date] = (),
    ) -> Self:
        """From a row of :data:`COLUMNS` as the driver returns it (SQLite: dates as
        text, booleans as 0/1; ``extra`` as JSON text), the person's ratings and the
        dates titles of theirs were revoked for fraud."""
        extra = row[21]
        civil_servant, retired = False, None
        if extra and ("civil_servant" in extra or "retired" in extra):  # skip most rows
            flags = json.loads(extra) if isinstance(extra, str) else extra
            civil_servant = flags.get("civil_servant") is True
            retired = as_date(flags.get("retired"))
        matches = row[8]
        return cls(
            application_id=row[0],
            person_id=row[1],
            name=row[2],
            year=row[3],
            series=row[4],
            level=TitleLevel(row[5]),
            kind=Kind(row[6]),
            current_series=row[7],
            subject_matches=None if matches is None else bool(matches),
            ce_hours=row[9] or 0,
            training_months=row[10] or 0,
            retrained=bool(row[11]),
            exceptional=bool(row[12]),
            consent_on=as_date(row[13]),
            transferred_on=as_date(row[14]),
            post_changed_on=as_date(row[15]),
            applied_on=as_date(row[16]),
            education=None if row[17] is None else Education(row[17]),
            current_level=None if row[18] is None else TitleLevel(row[18]),
            current_since=as_date(row[19]),
            employment_start=as_date(row[20]),
            civil_servant=civil_servant,
            retired_on=retired,
            ratings=tuple(ratings),
            revoked_on=tuple(revoked_on),
        )

    @property
    def since(self) -> date | None:
        """The date the years at the current level run from: the current title's date, or
        without a title the start of work (第五十九条 任职时间)."""
        return self.current_since if self.current_level is not None else self.employment_start

    def as_dict(self) -> dict[str, Any]:
        return {
            "application": self.application_id,
            "person": self.person_id,
            "name": self.name,
            "year": self.year,
            "series": self.series,
            "level": self.level.value,
            "kind": self.kind.value,
            "current_series": self.current_series,
            "current_level": None if self.current_level is None else self.current_level.value,
            "current_since": self.current_since,
            "education": None if self.education is None else self.education.value,
            "subject_matches": self.subject_matches,
            "ce_hours": self.ce_hours,
            "exceptional": self.exceptional,
            "consent_on": self.consent_on,
            "transferred_on": self.transferred_on,
            "post_changed_on": self.post_changed_on,
            "applied_on": self.applied_on,
            "ratings": {str(r.year): r.grade.value for r in self.ratings},
        }


# --------------------------------------------------------------------------- conditions


@attrs.frozen
class Condition:
    """One condition, explained: ``met`` True / False / None (unknown: data missing), the
    clause, the message in Chinese and English and the dates that decide it. ``waived``:
    not met, but 破格 frees the applicant from it (第三十九条: 学历、资历、继续教育)."""

    key: str
    met: bool | None
    citation: Citation
    message_zh: str
    message_en: str
    dates: tuple[tuple[str, date], ...] = ()
    waived: bool = False

    @property
    def status(self) -> str:
        """met, waived, missed or unknown."""
        if self.met:
            return "met"
        if self.waived:
            return "waived"
        return "unknown" if self.met is None else "missed"

    @property
    def mark(self) -> str:
        return {"met": "✓", "waived": "◎", "missed": "✗", "unknown": "?"}[self.status]

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "met": self.met,
            "waived": self.waived,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "dates": {name: day.isoformat() for name, day in self.dates},
            "citation": self.citation.as_dict(),
        }


def _iso(day: date) -> str:
    return day.isoformat()


def service_years(applicant: Applicant, limits: Limits) -> Condition:
    """任职年限 (资历) for the level applied for: whole years (周年, 第五十九条) at the
    current level up to the cut-off, less each 基本合格/不合格 year (第十一条), against the
    years the level and education require (第九条). Waived by 破格 (第三十九条)."""
    a = applicant
    cutoff = limits.cutoff_for(a.year)
    needed = needed_years(a.level, a.education, limits)
    since = a.since
    edu = a.education.value if a.education else "学历未记载"
    what_zh = f"现职称（{a.current_level.value}）" if a.current_level else "参加工作"
    what_en = f"the current title ({a.current_level.name})" if a.current_level else "work"
    if since is None:
        if needed == 0:
            return Condition(
                "years", True, RATINGS, f"申报{a.level.value}（{edu}）无任职年限要求",
                f"{a.level.name} with this education needs no years", waived=False,
            )  # fmt: skip
        return Condition(
            "years", None, RATINGS,
            f"{what_zh}起始时间未记载，无法计算任职年限（需{needed}年）",
            f"the date {what_en} began is not recorded: the {needed} years cannot be counted",
            waived=a.exceptional,
        )  # fmt: skip
    full = completed_years(since, cutoff) if cutoff >= since else 0
    rated = {r.year: r.grade for r in a.ratings}
    span = range(since.year + 1, a.year)
    deducted = [y for y in span if y in rated and rated[y].deducts]
    missing = [y for y in span if y not in rated]
    counted = full - len(deducted)
    worst = counted - len(missing)
    reached = add_years(since, needed + len(deducted))
    dates = (("since", since), ("cutoff", cutoff), ("reached", reached))
    parts_zh = [f"{what_zh}自{_iso(since)}起至{_iso(cutoff)}满{full}周年"]
    parts_en = [f"{full} full years in {what_en} from {_iso(since)} to {_iso(cutoff)}"]
    if deducted:
        years = "、".join(f"{y}年度{rated[y].value}" for y in deducted)
        parts_zh.append(f"{years}扣除{len(deducted)}年，计{counted}年")
        parts_en.append(f"{len(deducted)} deducted for {', '.join(map(str, deducted))}: "
                        f"{counted} counted")  # fmt: skip
    parts_zh.append(f"申报{a.level.value}（{edu}）需{needed}年")
    parts_en.append(f"{a.level.name} needs {needed}")
    if worst >= needed or needed == 0:
        met: bool | None = True
        parts_zh.append(f"{_iso(reached)}已满")
        parts_en.append(f"complete on {_iso(reached)}")
    elif counted < needed:
        met = False
        parts_zh.append(f"{_iso(reached)}方满（{_iso(cutoff)}尚差{needed - counted}年）")
        parts_en.append(f"not complete before {_iso(reached)}")
    else:
        met = None
        lost = "、".join(str(y) for y in missing)
        parts_zh.append(f"{lost}年度考核未记载，若非合格以上则不足")
        parts_en.append(f"no rating on record for {lost}: short unless 合格 or better")
    return Condition(
        "years", met, RATINGS, "，".join(parts_zh), "; ".join(parts_en), dates,
        waived=a.exceptional and met is not True,
    )  # fmt: skip


def not_failed(applicant: Applicant) -> Condition:
    """第十一条: a 不合格 年度考核 for the year before the application (or the year itself)
    bars applying this year. The year before unrated, where the person worked then: unknown."""
    a = applicant
    rated = {r.year: r.grade for r in a.ratings}
    failed = [y for y in (a.year - 1, a.year) if rated.get(y) is Grade.FAIL]
    if failed:
        y = failed[0]
        return Condition(
            "not_failed", False, FAILED, f"{y}年度考核不合格，{a.year}年不得申报职称",
            f"rated 不合格 for {y}: may not apply in {a.year}",
        )  # fmt: skip
    began = a.employment_start or a.since
    last = a.year - 1
    if last in rated or (began is not None and began.year > last):
        shown = rated[last].value if last in rated else "无需考核"
        return Condition(
            "not_failed", True, FAILED, f"{last}年度考核：{shown}",
            f"rating for {last}: {shown}",
        )  # fmt: skip
    return Condition(
        "not_failed", None, FAILED, f"{last}年度考核未记载", f"no rating on record for {last}"
    )


def level_applied(applicant: Applicant) -> Condition:
    """The level applied for follows the current one (第九条 各级别规定的申报条件): 评审 the
    next level (初级 without a title; a 博士 may start at 中级, 第六十条); 转评 the same
    level (第三十四条 同一级别); 初次认定 is :func:`first_intermediate`'s."""
    a = applicant
    have = a.current_level
    if a.kind is Kind.TRANSFER:
        ok = have is a.level
        zh = f"转评须为同一级别：现{have.value if have else '无职称'}，申报{a.level.value}"
        return Condition(
            "level", ok, TRANSFER, zh, f"a transfer keeps the level: holds "
            f"{have.name if have else 'none'}, applies for {a.level.name}",
        )  # fmt: skip
    if a.kind is Kind.FIRST:
        return first_intermediate(applicant)
    if have is None:
        allowed = {TitleLevel.JUNIOR}
        if a.education is Education.DOCTORAL:
            allowed.add(TitleLevel.INTERMEDIATE)
    else:
        index = LEVELS.index(have)
        allowed = {LEVELS[index + 1]} if index + 1 < len(LEVELS) else set()
    ok = a.level in allowed
    now = have.value if have else "无职称"
    want = "、".join(x.value for x in LEVELS if x in allowed) or "无更高级别"
    return Condition(
        "level", ok, CONDITIONS, f"现{now}，可申报{want}，申报{a.level.value}",
        f"holds {have.name if have else 'no title'}; may apply for "
        f"{'/'.join(x.name for x in LEVELS if x in allowed) or 'nothing higher'}, "
        f"applies for {a.level.name}",
    )  # fmt: skip


def series_crossing(applicant: Applicant) -> Condition:
    """第三十五条: no higher level in another series without a 转评 first; a 转评 is into
    a series other than the current one (第三十三条)."""
    a = applicant
    if a.kind is Kind.TRANSFER:
        if a.current_series is None:
            return Condition(
                "series", None, CROSS_SERIES, "转评：原系列未记载",
                "transfer: the old series is not recorded",
            )  # fmt: skip
        ok = a.current_series != a.series
        return Condition(
            "series", ok, CROSS_SERIES, f"转评：{a.current_series}→{a.series}"
            + ("" if ok else "（同一系列，无需转评）"),
            f"transfer: {a.current_series} → {a.series}" + ("" if ok else " (the same series)"),
        )  # fmt: skip
    if a.current_series is None or a.current_series == a.series or a.current_level is None:
        return Condition(
            "series", True, CROSS_SERIES, f"申报{a.series}系列（专业）",
            f"applies in the {a.series} series",
        )  # fmt: skip
    return Condition(
        "series", False, CROSS_SERIES,
        f"现职称属{a.current_series}，未经转评不得跨系列申报{a.series}高一级职称",
        f"holds a {a.current_series} title: no higher level in {a.series} without a transfer",
    )  # fmt: skip


def first_intermediate(applicant: Applicant) -> Condition:
    """第六十条: only a 博士研究生 may have a first 中级 认定 (no review); everyone else
    reaches 中级 by review."""
    a = applicant
    doctor = a.education is Education.DOCTORAL
    ok = doctor and a.level is TitleLevel.INTERMEDIATE and a.current_level in (
        None, TitleLevel.JUNIOR
    )  # fmt: skip
    edu = a.education.value if a.education else "学历未记载"
    return Condition(
        "first_intermediate", ok, DOCTOR_FIRST,
        f"初次认定{a.level.value}：{edu}"
        + ("，可初次认定中级" if ok else "，不再直接认定，须参加评审"),
        f"first {a.level.name} by recognition: "
        + ("a doctor may" if ok else "only a doctor's first 中级 is recognized, others are "
           "reviewed"),
    )  # fmt: skip


def transfer_post_time(applicant: Applicant, limits: Limits) -> Condition:
    """第三十四条: a 转评 after at least one year (周年; 以上 includes the year itself) in the
    current post, counted to the cut-off."""
    return _post_time(
        "transfer_post", applicant.post_changed_on, applicant, limits,
        limits.transfer_post_years, TRANSFER, ("现任专业技术岗位", "the current post"),
    )  # fmt: skip


def from_organ(applicant: Applicant, limits: Limits) -> Condition:
    """第四十一条: from an organ (机关调入/转业安置): at least a year in the current post,
    counted to the cut-off."""
    return _post_time(
        "from_organ", applicant.transferred_on, applicant, limits, limits.organ_post_years,
        FROM_ORGAN, ("自机关调入后现专业技术岗位", "the post since leaving the organ"),
    )  # fmt: skip


def _post_time(
    key: str,
    start: date | None,
    a: Applicant,
    limits: Limits,
    years: int,
    citation: Citation,
    where: tuple[str, str],
) -> Condition:
    cutoff = limits.cutoff_for(a.year)
    if start is None:
        return Condition(
            key, None, citation, f"到{where[0]}的时间未记载（需满{years}年）",
            f"the date of starting in {where[1]} is not recorded ({years} year(s) needed)",
        )  # fmt: skip
    full = completed_years(start, cutoff) if cutoff >= start else 0
    reached = add_years(start, years)
    ok = full >= years
    tail_zh = f"{_iso(reached)}已满" if ok else f"{_iso(reached)}方满{years}年"
    tail_en = f"complete on {_iso(reached)}" if ok else f"not before {_iso(reached)}"
    return Condition(
        key, ok, citation,
        f"{_iso(start)}起在{where[0]}工作，至{_iso(cutoff)}满{full}周年，需{years}年以上，{tail_zh}",
        f"in {where[1]} since {_iso(start)}: {full} full years on {_iso(cutoff)}, {years} "
        f"needed, {tail_en}",
        (("start", start), ("cutoff", cutoff), ("reached", reached)),
    )  # fmt: skip


def education_matches(applicant: Applicant, limits: Limits) -> Condition:
    """第六十一条: an education of another subject counts as no education, unless the
    applicant has 400/200/100 学时 of the subject (高/中/初, (二)), 3 months' training with a
    certificate ((一)) or a 转岗培训 certificate ((三)). Waived by 破格 (第三十九条)."""
    a = applicant
    if a.subject_matches:
        return Condition("subject", True, SUBJECT, "学历专业与申报专业相符", "the subject matches")
    if a.subject_matches is None:
        return Condition(
            "subject", None, SUBJECT, "学历专业是否相符未记载", "whether the subject matches is "
            "not recorded", waived=a.exceptional,
        )  # fmt: skip
    hours = limits.ce_hours(a.level)
    if a.ce_hours >= hours:
        return Condition(
            "subject", True, SUBJECT_HOURS,
            f"学历专业不符，已完成申报专业继续教育{a.ce_hours}学时（{band(a.level)}级需{hours}），视为相符",
            f"another subject, but {a.ce_hours} hours of the subject (needs {hours})",
        )  # fmt: skip
    if a.training_months >= limits.training_months:
        return Condition(
            "subject", True, SUBJECT_TRAINING,
            f"学历专业不符，已参加申报专业继续教育培训{a.training_months}个月并取得结业证书，视为相符",
            f"another subject, but {a.training_months} months of training in it",
        )  # fmt: skip
    if a.retrained:
        return Condition(
            "subject", True, SUBJECT_RETRAINING, "学历专业不符，已取得转岗培训证书，视为相符",
            "another subject, but a retraining certificate",
        )  # fmt: skip
    return Condition(
        "subject", False, SUBJECT_HOURS,
        f"学历专业与申报专业不符：继续教育{a.ce_hours}学时，{band(a.level)}级需{hours}学时"
        f"（或培训{limits.training_months}个月以上、转岗培训证书）",
        f"the education's subject differs: {a.ce_hours} hours of the subject, {hours} needed "
        f"(or {limits.training_months} months' training, or a retraining certificate)",
        waived=a.exceptional,
    )  # fmt: skip


def exception_consent(applicant: Applicant) -> Condition:
    """第四十条: a 破格 application goes to review only after the 同级人力资源社会保障部门
    has consented (recorded with its date)."""
    a = applicant
    if a.consent_on is not None:
        return Condition(
            "exception_consent", True, EXCEPTION_CONSENT,
            f"破格申报，{_iso(a.consent_on)}经同级人力资源社会保障部门审核同意",
            f"exceptional application, consented on {_iso(a.consent_on)}",
            (("consent_on", a.consent_on),),
        )  # fmt: skip
    return Condition(
        "exception_consent", False, EXCEPTION_CONSENT,
        "破格申报，尚未记载同级人力资源社会保障部门审核同意，不得提交评审",
        "exceptional application: no consent of the HR department on record, so it may not "
        "go to review",
    )  # fmt: skip


def not_barred(applicant: Applicant) -> Condition:
    """第六十五条: civil servants and retirees (re-employed ones too) may not apply —
    from the person's ``extra`` (``civil_servant``, ``retired``: a date)."""
    a = applicant
    when = a.applied_on or date(a.year, 1, 1)
    if a.civil_servant:
        return Condition(
            "not_barred", False, BARRED, "公务员不得参加专业技术人员职称评审",
            "a civil servant may not apply",
        )  # fmt: skip
    if a.retired_on is not None and a.retired_on <= when:
        return Condition(
            "not_barred", False, BARRED,
            f"{_iso(a.retired_on)}已离退休（含返聘在岗），不得参加职称评审",
            f"retired on {_iso(a.retired_on)} (re-employed or not): may not apply",
            (("retired_on", a.retired_on),),
        )  # fmt: skip
    return Condition(
        "not_barred", True, BARRED, "非公务员、离退休人员", "neither a civil servant nor retired"
    )


def fraud_ban(applicant: Applicant, limits: Limits) -> Condition:
    """第五十三条: a title revoked for fraud bars applying for 5 years from the revocation
    (the day of its 5th anniversary is free), judged on the application's date."""
    a = applicant
    when = a.applied_on or date(a.year, 1, 1)
    for revoked in sorted(a.revoked_on, reverse=True):
        free = add_years(revoked, limits.fraud_ban_years)
        if when < free:
            return Condition(
                "fraud_ban", False, FRAUD_BAN,
                f"{_iso(revoked)}因弄虚作假被撤销职称，{limits.fraud_ban_years}年内不得再申报，"
                f"{_iso(free)}起方可申报",
                f"a title revoked for fraud on {_iso(revoked)}: no application before "
                f"{_iso(free)}",
                (("revoked_on", revoked), ("free_from", free)),
            )  # fmt: skip
    return Condition(
        "fraud_ban", True, FRAUD_BAN, "无弄虚作假撤销职称记录（或已满5年）",
        "no title revoked for fraud in the last years",
    )  # fmt: skip


def one_series_per_year(name: str, year: int, series: Sequence[str]) -> Condition:
    """第十四条: one application (one series and 专业) per person per year. ``series``: the
    series of every application of the person that year, the new one included."""
    if len(series) <= 1:
        return Condition(
            "one_series", True, ONE_SERIES, f"{name}{year}年度申报一个系列（专业）",
            f"{name}: one application in {year}",
        )  # fmt: skip
    shown = "、".join(series)
    return Condition(
        "one_series", False, ONE_SERIES,
        f"{name}{year}年度已申报{series[0]}，同一年度只能申报一个系列（专业）（{shown}）",
        f"{name} already applied in {series[0]} in {year}: one series a year ({shown})",
    )  # fmt: skip


# --------------------------------------------------------------------------- screening


@attrs.frozen
class Screening:
    """An application screened: every condition that applies, and the verdict —
    eligible (符合) when none is missed or unknown (waived ones do not count), ineligible
    (不符合) when one is missed, else undetermined (待核实)."""

    applicant: Applicant
    cutoff: date
    conditions: tuple[Condition, ...]

    @property
    def verdict(self) -> str:
        statuses = {c.status for c in self.conditions}
        if "missed" in statuses:
            return "ineligible"
        return "undetermined" if "unknown" in statuses else "eligible"

    @property
    def verdict_zh(self) -> str:
        return {"eligible": "符合", "ineligible": "不符合", "undetermined": "待核实"}[self.verdict]

    @property
    def missed(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.status == "missed")

    @property
    def unknown(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.status == "unknown")

    def as_dict(self) -> dict[str, Any]:
        return self.applicant.as_dict() | {
            "cutoff": self.cutoff.isoformat(),
            "verdict": self.verdict,
            "verdict_zh": self.verdict_zh,
            "missed": [c.key for c in self.missed],
            "unknown": [c.key for c in self.unknown],
            "conditions": [c.as_dict() for c in self.conditions],
        }


def screen_one(applicant: Applicant, limits: Limits) -> Screening:
    """Every condition that applies to the application (see the module's docstring)."""
    a = applicant
    found = [not_barred(a), fraud_ban(a, limits), not_failed(a), level_applied(a)]
    found.append(series_crossing(a))
    if a.kind is Kind.TRANSFER:
        found.append(transfer_post_time(a, limits))
    else:
        found.append(service_years(a, limits))
        found.append(education_matches(a, limits))
    if a.transferred_on is not None:
        found.append(from_organ(a, limits))
    if a.exceptional:
        found.append(exception_consent(a))
    return Screening(a, limits.cutoff_for(a.year), tuple(found))


def screen_all(applicants: Iterable[Applicant], limits: Limits) -> list[Screening]:
    return [screen_one(a, limits) for a in applicants]
