"""The core's values: organizations, units, people, posts, terms and kinship.

These are frozen attrs values for the functional core. They are built from database
rows at the edge (``from_row``), never handed out as ORM objects. The vocabularies are
the regulations' own words; each enum's value is the Chinese term as stored.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any, Self

import attrs

__all__ = [
    "AppointedBy",
    "Bilingual",
    "Degree",
    "Education",
    "EndReason",
    "Gender",
    "Kinship",
    "OrgKind",
    "OrgUnit",
    "Organization",
    "Person",
    "PoliticalStatus",
    "Post",
    "Relation",
    "Term",
    "TitleLevel",
    "Vocabulary",
]


class Bilingual(enum.Enum):
    """An enum whose values are (the Chinese term, the English one), for labels shown in
    either language: code compares the members, people read the terms."""

    _value_: tuple[str, str]

    @property
    def zh(self) -> str:
        """The Chinese term, as the regulations word it."""
        return self.value[0]

    @property
    def en(self) -> str:
        """The English term."""
        return self.value[1]


class Vocabulary(enum.Enum):
    """An enum whose values are the Chinese terms stored and shown."""

    @classmethod
    def choices(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def optional(cls, value: str | None) -> Self | None:
        return None if value is None else cls(value)


class OrgKind(Vocabulary):
    """The kind of organization (组织类型); decides which demo and plugins fit."""

    UNIVERSITY = "university"  # 高校
    GOVERNMENT = "government"  # 机关（乡镇）
    VILLAGE = "village"  # 村
    HR_OFFICE = "hr_office"  # 人力资源社会保障部门
    STUDENT_UNION = "student_union"  # 学生会
    OTHER = "other"

    @property
    def zh(self) -> str:
        return {
            "university": "高校",
            "government": "机关",
            "village": "村",
            "hr_office": "人社部门",
            "student_union": "学生会",
            "other": "其他",
        }[self.value]


class Gender(Vocabulary):
    MALE = "男"
    FEMALE = "女"


class Education(Vocabulary):
    """学历, highest first."""

    DOCTORAL = "博士研究生"
    MASTERS = "硕士研究生"
    BACHELOR = "大学本科"
    JUNIOR_COLLEGE = "大学专科"
    HIGH_SCHOOL = "高中"
    MIDDLE_SCHOOL = "初中"
    PRIMARY = "小学"


class Degree(Vocabulary):
    """学位."""

    DOCTOR = "博士"
    MASTER = "硕士"
    BACHELOR = "学士"
    NONE = "无"


class PoliticalStatus(Vocabulary):
    """政治面貌."""

    CPC_MEMBER = "中共党员"
    CPC_PROBATIONARY = "中共预备党员"
    CYL_MEMBER = "共青团员"
    DEMOCRATIC_PARTY = "民主党派"
    MASSES = "群众"


class TitleLevel(Vocabulary):
    """职称级别: 正高级 > 副高级 > 中级 > 初级."""

    FULL_SENIOR = "正高级"
    DEPUTY_SENIOR = "副高级"
    INTERMEDIATE = "中级"
    JUNIOR = "初级"


class AppointedBy(Vocabulary):
    """任用方式 (cadre-selection-appointment.txt 第五条: 委任制、选任制、聘任制)."""

    APPOINTMENT = "委任"
    ELECTION = "选任"
    ENGAGEMENT = "聘任"


class EndReason(Vocabulary):
    """Why a term ended (离任原因): 届满, 免职, 辞职 of four kinds, 降职, 交流, 轮岗, 退休."""

    TERM_EXPIRED = "届满"
    REMOVED = "免职"
    RESIGNED_OFFICIAL = "因公辞职"
    RESIGNED_VOLUNTARY = "自愿辞职"
    RESIGNED_ACCOUNTABILITY = "引咎辞职"
    RESIGNED_ORDERED = "责令辞职"
    DEMOTED = "降职"
    EXCHANGED = "交流"
    ROTATED = "轮岗"
    RETIRED = "退休"
    OTHER = "其他"


class Relation(Vocabulary):
    """Kinship for avoidance (回避) and elections: 夫妻, 直系血亲, 三代以内旁系血亲, 近姻亲."""

    SPOUSE = "夫妻"
    LINEAL = "直系血亲"
    COLLATERAL_3 = "三代以内旁系血亲"
    CLOSE_IN_LAW = "近姻亲"


@attrs.frozen
class Organization:
    """An organization (组织): a university, a town office, a village, a union …"""

    id: int
    code: str
    name: str
    kind: OrgKind

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(row.id, row.code, row.name, OrgKind(row.kind))


@attrs.frozen
class OrgUnit:
    """A unit inside an organization (内设机构): 处/学院 → 科/系, 所站, 村民小组, 部门."""

    id: int
    org_id: int
    parent_id: int | None
    code: str
    name: str
    kind: str

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(row.id, row.org_id, row.parent_id, row.code, row.name, row.kind)


@attrs.frozen
class Person:
    """A person (人员) as one organization records them.

    The same human in several organizations is one record in each, matched by the
    resident ID number only where an operator asks; no organization reads or changes
    another's record (docs/conventions.md).
    """

    id: int
    org_id: int
    name: str
    gender: Gender
    birth_date: date
    id_number: str | None
    unit_id: int | None = None
    education: Education | None = None
    degree: Degree | None = None
    political_status: PoliticalStatus | None = None
    title: str | None = None  # 专业技术职称 (e.g. 教授)
    title_level: TitleLevel | None = None
    title_date: date | None = None  # 取得现职称时间
    employment_start: date | None = None  # 参加工作时间
    extra: dict[str, Any] = attrs.field(factory=dict, eq=False)  # 年级, 成绩排名 …

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            id=row.id,
            org_id=row.org_id,
            name=row.name,
            gender=Gender(row.gender),
            birth_date=row.birth_date,
            id_number=row.id_number,
            unit_id=row.unit_id,
            education=Education.optional(row.education),
            degree=Degree.optional(row.degree),
            political_status=PoliticalStatus.optional(row.political_status),
            title=row.title,
            title_level=TitleLevel.optional(row.title_level),
            title_date=row.title_date,
            employment_start=row.employment_start,
            extra=dict(row.extra or {}),
        )


@attrs.frozen
class Post:
    """A post (职位/岗位) in a unit, with its headcount (职数) and term rules."""

    id: int
    org_id: int
    unit_id: int
    code: str
    title: str
    rank: str  # 副科级 … 正处级, or the organization's own: 主席/副主席/部长/副部长/干事
    headcount: int  # 职数
    term_years: int | None  # 每届任期（年）
    max_consecutive_terms: int | None  # 连续任职届数上限
    category: str  # 党务/行政/教学/科研/教辅/群团 …

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            row.id,
            row.org_id,
            row.unit_id,
            row.code,
            row.title,
            row.rank,
            row.headcount,
            row.term_years,
            row.max_consecutive_terms,
            row.category,
        )


@attrs.frozen
class Term:
    """A term of office (任职): a person in a post from ``start`` to ``end``.

    ``end`` is the last day in post, inclusive; ``None`` while serving. ``end`` and
    ``end_reason`` are set together.
    """

    id: int
    org_id: int
    post_id: int
    person_id: int
    start: date
    end: date | None
    appointed_by: AppointedBy
    probation_end: date | None = None  # 试用期满
    end_reason: EndReason | None = None
    note: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            row.id,
            row.org_id,
            row.post_id,
            row.person_id,
            row.start,
            row.end,
            AppointedBy(row.appointed_by),
            row.probation_end,
            EndReason.optional(row.end_reason),
            row.note or "",
        )

    def covers(self, on: date) -> bool:
        """Whether the person holds the post on ``on`` (在任)."""
        return self.start <= on and (self.end is None or on <= self.end)


@attrs.frozen
class Kinship:
    """Kinship between two people (亲属关系), recorded by an organization."""

    id: int
    org_id: int
    person_a: int
    person_b: int
    relation: Relation
    note: str = ""

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls(
            row.id,
            row.org_id,
            row.person_a_id,
            row.person_b_id,
            Relation(row.relation),
            row.note or "",
        )
