"""The words of the 实施办法 every part of the plugin shares: the ranks (职级), the ways of
appointment and selection, the tracks a cadre comes from, the grades of an annual
assessment, and :func:`cite` — every rule's citation of cadre-selection-appointment.txt.
"""

from __future__ import annotations

from core.api import Bilingual, Citation, InvalidInput

__all__ = [
    "SOURCE",
    "Body",
    "Grade",
    "Method",
    "Rank",
    "Track",
    "cite",
]

SOURCE = "cadre-selection-appointment.txt"


def cite(article: str, words: str) -> Citation:
    """The citation of ``article`` (e.g. "第九条（一）1") quoting ``words`` of the 实施办法."""
    return Citation(SOURCE, article, words)


class Rank(Bilingual):
    """职级 (第五条: "干部职务的级别有：副科级、正科级、副处级、正处级"), lowest first; the
    order is the order of promotion (第十一条 "逐级提拔")."""

    DEPUTY_SECTION = ("副科级", "deputy section chief")
    SECTION = ("正科级", "section chief")
    DEPUTY_DIVISION = ("副处级", "deputy division head")
    DIVISION = ("正处级", "division head")

    @property
    def level(self) -> int:
        """0 for 副科级 … 3 for 正处级: a promotion adds one (第十一条)."""
        return list(Rank).index(self)

    @property
    def is_division(self) -> bool:
        """处级 (副处级, 正处级): the 第九条（二） rules and four-year terms apply."""
        return self.level >= 2

    @classmethod
    def parse(cls, value: str, field: str = "rank") -> Rank:
        """The rank named by its Chinese term (as core posts store it), or a clear error."""
        for rank in cls:
            if value in (rank.zh, rank.name, rank.en):
                return rank
        names = "、".join(r.zh for r in cls)
        raise InvalidInput(field, value, f"not a rank of 第五条 (one of {names})")

    @classmethod
    def of_post(cls, rank: str) -> Rank | None:
        """The rank of a core post, or None when the post is not a cadre rank."""
        return next((r for r in cls if r.zh == rank), None)


class Method(Bilingual):
    """选拔方式 (第五条 "组织选拔、公开选拔和竞争上岗"; 第四章 for the last two)."""

    ORGANIZATION = ("组织选拔", "selection by the organization")
    OPEN = ("公开选拔", "open selection")
    COMPETITION = ("竞争上岗", "internal competition")


class Track(Bilingual):
    """Where a candidate serves now (第九条: "现任管理岗位的 / 现任专业技术岗位的")."""

    MANAGEMENT = ("管理岗位", "management post")
    PROFESSIONAL = ("专业技术岗位", "professional post")


class Grade(Bilingual):
    """年度考核等次, best first (第十五条（二） "基本称职以下等次"; 第三十二条 "不称职")."""

    EXCELLENT = ("优秀", "excellent")
    COMPETENT = ("称职", "competent")
    BASICALLY_COMPETENT = ("基本称职", "basically competent")
    INCOMPETENT = ("不称职", "incompetent")

    @property
    def at_or_below_basic(self) -> bool:
        """基本称职以下 (第十五条（二）): 基本称职 or 不称职."""
        return self in (Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT)

    @classmethod
    def parse(cls, value: str, field: str = "grade") -> Grade:
        for grade in cls:
            if value in (grade.zh, grade.name, grade.en):
                return grade
        raise InvalidInput(field, value, "not a grade (优秀、称职、基本称职、不称职)")


class Body(Bilingual):
    """Who decides (第十六条): "正处级领导职务干部…由学校党委全委会…；其他干部…由学校党委
    常委会"."""

    FULL_COMMITTEE = ("党委全委会", "full Party committee")
    STANDING_COMMITTEE = ("党委常委会", "standing committee")

    @classmethod
    def for_rank(cls, rank: Rank) -> Body:
        """正处级 by the full committee, every other rank by the standing committee."""
        return cls.FULL_COMMITTEE if rank is Rank.DIVISION else cls.STANDING_COMMITTEE
