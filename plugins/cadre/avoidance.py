"""Avoidance in office (第二十四条 干部任职回避制度) as pure rules over the core's values:
relatives (夫妻、直系血亲、三代以内旁系血亲、近姻亲 — every :class:`~core.api.Relation`)
may not hold, in one unit, posts directly under the same leader, nor posts in a direct
line of leadership, nor do 组织、人事、纪检监察、审计、财务 work in a unit the other leads.

Conventions (docs/cadre.md, "Terms, rotation and avoidance"), from the unit tree and
the ranks of 第五条 (posts of other ranks are not 领导职务 and are left out):

- A post's **unit leader** (正职) is the highest-ranked post of its unit. The other posts
  of the unit (副职) are directly under it; the 正职 of a unit is directly under the
  leader of the parent unit.
- **Directly under the same leader** (直接隶属于同一领导人员): two posts of one unit with
  the same rank below its 正职 (two 副处长 — also two holders of one post of several
  职数), or the 正职 of two units with the same parent
  (two 科长 of one 处).
- **Direct line of leadership** (直接上下级领导关系): one post outranks the other and is in
  the other's unit or in its parent unit (a 副院长 over the head of a 系 of the 学院).
- **A unit one leads** (担任领导职务的单位): the unit of a cadre post and every unit below
  it. **Sensitive work** there: the worker's post category or title, or the name of the
  unit they work in or of any unit above it, contains one of the parameter's words
  (组织, 人事, 纪检, 纪委, 监察, 审计, 财务). A person with no post works in their own unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from core.api import (
    Citation,
    Finding,
    Kinship,
    OrgUnit,
    ParameterSpec,
    Person,
    Post,
    Severity,
    Term,
    Unit,
)
from plugins.cadre.vocabulary import Rank, cite

__all__ = [
    "DIRECT_LINE",
    "KINSHIP",
    "SAME_LEADER",
    "SENSITIVE_WORK",
    "SPECS",
    "Position",
    "UnitTree",
    "check_pairs",
    "positions_on",
    "sensitive_words_from",
]

KINSHIP = cite(
    "第二十四条", "干部任职回避的亲属关系为:夫妻关系、直系血亲关系、三代以内旁系血亲以及近姻亲关系"
)
SAME_LEADER = cite(
    "第二十四条",
    "有上列亲属关系的,不得在同一单位或部门担任双方直接隶属于同一领导人员的职务",
)
DIRECT_LINE = cite(
    "第二十四条", "有上列亲属关系的,不得在同一单位或部门担任…有直接上下级领导关系的职务"
)
SENSITIVE_WORK = cite(
    "第二十四条",
    "也不得在其中一方担任领导职务的单位或部门从事组织、人事、纪检监察、审计、财务工作",
)

_FROM = date(2018, 1, 16)  # plugins.cadre.parameters.FROM (which imports this module)

SPECS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        "cadre.avoidance_work_words",
        "回避的工作（职位类别、职位名称或机构名称含，逗号分隔）",
        "Sensitive work: words in a post's category or title or a unit's name (comma-separated)",
        Unit.TEXT,
        "组织,人事,纪检,纪委,监察,审计,财务",
        SENSITIVE_WORK,
        _FROM,
    ),
)


def sensitive_words_from(value: Callable[[str], Any]) -> tuple[str, ...]:
    """The words of sensitive work from a parameter lookup."""
    text = str(value("cadre.avoidance_work_words")).replace("，", ",")
    return tuple(w.strip() for w in text.split(",") if w.strip())


@attrs.frozen
class UnitTree:
    """The organization's units by id, and the highest rank of each unit's posts."""

    units: Mapping[int, OrgUnit]
    top_rank: Mapping[int, Rank]

    @classmethod
    def build(cls, units: Iterable[OrgUnit], posts: Iterable[Post]) -> UnitTree:
        top: dict[int, Rank] = {}
        for post in posts:
            rank = Rank.of_post(post.rank)
            if rank is not None and (
                post.unit_id not in top or rank.level > top[post.unit_id].level
            ):
                top[post.unit_id] = rank
        return cls({u.id: u for u in units}, top)

    def parent(self, unit_id: int) -> int | None:
        unit = self.units.get(unit_id)
        return None if unit is None else unit.parent_id

    def chain(self, unit_id: int) -> list[int]:
        """The unit and every unit above it, nearest first."""
        out: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in out:
            out.append(current)
            current = self.parent(current)
        return out

    def name(self, unit_id: int) -> str:
        unit = self.units.get(unit_id)
        return unit.name if unit else str(unit_id)


@attrs.frozen
class Position:
    """Where a person serves on a date: a cadre post, or (no post) the unit they work in."""

    person_id: int
    person_name: str
    unit_id: int
    post: Post | None

    @property
    def rank(self) -> Rank | None:
        return None if self.post is None else Rank.of_post(self.post.rank)

    def label(self, tree: UnitTree) -> str:
        if self.post is None:
            return f"{self.person_name}（{tree.name(self.unit_id)}工作人员）"
        return f"{self.person_name}（{self.post.title}）"

    def label_en(self, tree: UnitTree) -> str:
        if self.post is None:
            return f"{self.person_name} (staff of {tree.name(self.unit_id)})"
        return f"{self.person_name} ({self.post.code})"


def positions_on(
    people: Iterable[Person], posts: Iterable[Post], terms: Iterable[Term], on: date
) -> dict[int, list[Position]]:
    """Each person's positions on ``on``: the posts they hold, and their own unit when
    they hold no post there (staff)."""
    by_id = {p.id: p for p in posts}
    out: dict[int, list[Position]] = {}
    names = {p.id: p.name for p in people}
    for term in terms:
        if term.covers(on) and term.post_id in by_id:
            post = by_id[term.post_id]
            out.setdefault(term.person_id, []).append(
                Position(
                    term.person_id,
                    names.get(term.person_id, str(term.person_id)),
                    post.unit_id,
                    post,
                )
            )
    for person in people:
        if person.unit_id is None:
            continue
        held = out.get(person.id, [])
        if not any(p.unit_id == person.unit_id for p in held):
            out.setdefault(person.id, []).append(
                Position(person.id, person.name, person.unit_id, None)
            )
    return out


def same_leader(a: Position, b: Position, tree: UnitTree) -> bool:
    """Both posts directly under the same leader (see the module's conventions)."""
    ra, rb = a.rank, b.rank
    if ra is None or rb is None or a.post is None or b.post is None:
        return False
    if a.unit_id == b.unit_id:
        top = tree.top_rank.get(a.unit_id)
        return ra is rb and top is not None and ra.level < top.level
    parent = tree.parent(a.unit_id)
    return (
        parent is not None
        and parent == tree.parent(b.unit_id)
        and tree.top_rank.get(a.unit_id) is ra
        and tree.top_rank.get(b.unit_id) is rb
    )


def leads_directly(upper: Position, lower: Position, tree: UnitTree) -> bool:
    """``upper`` outranks ``lower`` and sits in its unit or the unit above it."""
    ru, rl = upper.rank, lower.rank
    if ru is None or rl is None or ru.level <= rl.level:
        return False
    return upper.unit_id in (lower.unit_id, tree.parent(lower.unit_id))


def sensitive_work(worker: Position, tree: UnitTree, words: Sequence[str]) -> str | None:
    """The word that makes the worker's work 组织/人事/纪检监察/审计/财务 work, or None."""
    texts = [tree.name(u) for u in tree.chain(worker.unit_id)]
    if worker.post is not None:
        texts = [worker.post.category, worker.post.title, *texts]
    for word in words:
        if any(word in text for text in texts):
            return word
    return None


def works_under(leader: Position, worker: Position, tree: UnitTree) -> bool:
    """``leader`` holds a cadre post of a unit the worker works in (or above it), and the
    worker ranks below them or holds no post."""
    rank = leader.rank
    if rank is None or leader.person_id == worker.person_id:
        return False
    if worker.rank is not None and worker.rank.level >= rank.level:
        return False
    return leader.unit_id in tree.chain(worker.unit_id)


def _relation(kin: Kinship) -> str:
    return kin.relation.value


def check_pairs(
    kinship: Iterable[Kinship],
    positions: Mapping[int, Sequence[Position]],
    tree: UnitTree,
    words: Sequence[str],
    only: Callable[[Position], bool] | None = None,
) -> list[Finding]:
    """Every breach of 第二十四条 between relatives: for each kinship record, each pair of
    their positions, each of the three situations. ``only`` keeps the pairs in which one
    position passes it (a proposed appointment)."""
    findings: list[Finding] = []
    for kin in kinship:
        for a in positions.get(kin.person_a, ()):
            for b in positions.get(kin.person_b, ()):
                if only is not None and not (only(a) or only(b)):
                    continue
                findings.extend(_pair(kin, a, b, tree, words))
    return findings


def _pair(
    kin: Kinship, a: Position, b: Position, tree: UnitTree, words: Sequence[str]
) -> Iterator[Finding]:
    relation = _relation(kin)
    subject = f"{a.person_name}、{b.person_name}"
    key = f"person:{a.person_id}"
    pair_zh = f"{a.label(tree)}与{b.label(tree)}系{relation}关系"
    pair_en = f"{a.label_en(tree)} and {b.label_en(tree)} are kin ({relation})"
    if same_leader(a, b, tree):
        yield _finding(
            "cadre.avoidance-same-leader",
            subject,
            key,
            SAME_LEADER,
            f"{pair_zh}，双方职务直接隶属于同一领导人员",
            f"{pair_en} and both posts are directly under the same leader",
        )
    for upper, lower in ((a, b), (b, a)):
        if leads_directly(upper, lower, tree):
            yield _finding(
                "cadre.avoidance-direct-line",
                subject,
                key,
                DIRECT_LINE,
                f"{pair_zh}，{upper.person_name}是{lower.person_name}的直接上级",
                f"{pair_en}: {upper.person_name} directly leads {lower.person_name}",
            )
    for leader, worker in ((a, b), (b, a)):
        if works_under(leader, worker, tree):
            word = sensitive_work(worker, tree, words)
            if word is not None:
                yield _finding(
                    "cadre.avoidance-sensitive-work",
                    subject,
                    key,
                    SENSITIVE_WORK,
                    f"{pair_zh}，{worker.person_name}在{leader.person_name}担任领导职务的"
                    f"{tree.name(leader.unit_id)}从事{word}工作",
                    f"{pair_en}: {worker.person_name} does {word} work in "
                    f"{tree.name(leader.unit_id)}, which {leader.person_name} leads",
                )


def _finding(rule: str, subject: str, key: str, citation: Citation, zh: str, en: str) -> Finding:
    return Finding(Severity.VIOLATION, rule, subject, citation, zh, en, subject_key=key)
