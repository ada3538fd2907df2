"""第二十四条 as pure rules: each relation of kin, each of the three situations (same
leader, direct line, sensitive work), and the positions that are no breach."""

from __future__ import annotations

from datetime import date

import pytest

from core.api import AppointedBy, Kinship, OrgUnit, Person, Post, Relation, Term
from core.api import Gender as G
from plugins.cadre import avoidance
from plugins.cadre.avoidance import UnitTree

ON = date(2026, 11, 21)
WORDS = ("组织", "人事", "纪检", "纪委", "监察", "审计", "财务")

UNITS = (
    OrgUnit(10, 1, None, "rsc", "人事处", "处"),
    OrgUnit(11, 1, 10, "rsc-szk", "师资科", "科"),
    OrgUnit(12, 1, 10, "rsc-xck", "薪酬福利科", "科"),
    OrgUnit(20, 1, None, "yxy", "药学院", "学院"),
    OrgUnit(21, 1, 20, "yxy-yjx", "药剂学系", "系"),
    OrgUnit(22, 1, 20, "yxy-bgs", "药学院办公室", "办公室"),
)
POSTS = {
    p.code: p
    for p in (
        Post(1, 1, 10, "rsc-cz", "人事处处长", "正处级", 1, 4, 2, "行政"),
        Post(2, 1, 10, "rsc-fcz", "人事处副处长", "副处级", 2, 4, 2, "行政"),
        Post(3, 1, 11, "szk-kz", "师资科科长", "正科级", 1, 3, 2, "行政"),
        Post(4, 1, 12, "xck-kz", "薪酬福利科科长", "正科级", 1, 3, 2, "行政"),
        Post(5, 1, 20, "yxy-yz", "药学院院长", "正处级", 1, 4, 2, "教学"),
        Post(6, 1, 20, "yxy-fyz", "药学院副院长", "副处级", 3, 4, 2, "教学"),
        Post(7, 1, 21, "yjx-zr", "药剂学系主任", "正科级", 1, 3, 2, "教学"),
        Post(8, 1, 22, "bgs-cw", "药学院财务秘书", "副科级", 1, 3, 2, "财务"),
        Post(9, 1, 22, "bgs-zr", "药学院办公室主任", "正科级", 1, 3, 2, "行政"),
    )
}
TREE = UnitTree.build(UNITS, POSTS.values())


def person(pid: int, unit: int | None = None) -> Person:
    return Person(pid, 1, f"人{pid}", G.MALE, date(1980, 1, 1), None, unit_id=unit)


def serving(pid: int, code: str) -> Term:
    return Term(pid * 100, 1, POSTS[code].id, pid, date(2023, 1, 10), None, AppointedBy.APPOINTMENT)


def scan(a: str | int, b: str | int, relation: Relation = Relation.SPOUSE) -> list[str]:
    """The rules broken when person 1 holds ``a`` and person 2 ``b`` (a unit id: staff)."""
    people, terms = [], []
    for pid, where in ((1, a), (2, b)):
        if isinstance(where, int):
            people.append(person(pid, where))
        else:
            people.append(person(pid))
            terms.append(serving(pid, where))
    positions = avoidance.positions_on(people, POSTS.values(), terms, ON)
    kin = [Kinship(1, 1, 1, 2, relation)]
    return sorted(f.rule_id for f in avoidance.check_pairs(kin, positions, TREE, WORDS))


@pytest.mark.parametrize("relation", list(Relation))
def test_every_relation_of_the_article_is_kin(relation: Relation) -> None:
    assert scan("rsc-cz", "rsc-fcz", relation) == [
        "cadre.avoidance-direct-line",
        "cadre.avoidance-sensitive-work",  # the 副处长 of the 人事处 does 人事 work
    ]


def test_two_deputies_of_one_unit_are_under_the_same_leader() -> None:
    # two of the three 副院长 (one post of 职数 3): both under the 院长
    assert scan("yxy-fyz", "yxy-fyz") == ["cadre.avoidance-same-leader"]
    assert scan("yxy-yz", "yxy-yz") == []  # the 正职 is under no leader of the unit
    positions = {
        1: [avoidance.Position(1, "甲", 20, POSTS["yxy-fyz"])],
        2: [
            avoidance.Position(
                2, "乙", 20, Post(60, 1, 20, "yxy-fyz2", "副院长", "副处级", 1, 4, 2, "教学")
            )
        ],
    }
    found = avoidance.check_pairs([Kinship(1, 1, 1, 2, Relation.LINEAL)], positions, TREE, WORDS)
    assert [f.rule_id for f in found] == ["cadre.avoidance-same-leader"]
    assert (
        found[0].citation == avoidance.SAME_LEADER
        and "直接隶属于同一领导人员" in found[0].message_zh
    )


def test_heads_of_two_sections_of_one_division_are_under_the_same_leader() -> None:
    # each leads only their own 科: neither works in a unit the other leads
    assert scan("szk-kz", "xck-kz") == ["cadre.avoidance-same-leader"]


def test_a_deputy_dean_over_the_head_of_a_department_is_a_direct_line() -> None:
    # 徐志明 and 蔡丽华 in the demo.
    assert scan("yxy-fyz", "yjx-zr") == ["cadre.avoidance-direct-line"]
    assert scan("yxy-yz", "yxy-fyz") == ["cadre.avoidance-direct-line"]


def test_staff_doing_personnel_work_in_a_unit_the_relative_leads() -> None:
    # 郑国栋 and his daughter 郑思琪 (staff of 师资科, under his 人事处) in the demo.
    assert scan("rsc-cz", 11, Relation.LINEAL) == ["cadre.avoidance-sensitive-work"]


def test_finance_work_found_from_the_post_category() -> None:
    # the dean leads the 学院 and, above it, its office: a direct line either way
    assert scan("yxy-yz", "bgs-cw") == [
        "cadre.avoidance-direct-line",
        "cadre.avoidance-sensitive-work",  # the 财务 post's category
    ]
    assert scan("yxy-yz", "bgs-zr") == ["cadre.avoidance-direct-line"]  # no 财务 work


def test_no_breach_across_units() -> None:
    # 李文博 and 彭志强 (近姻亲) lead two 学院.
    assert scan("yxy-yz", "rsc-fcz", Relation.CLOSE_IN_LAW) == []
    assert scan("yxy-fyz", 11, Relation.COLLATERAL_3) == []
    assert scan("szk-kz", 20) == []  # staff of the 学院, whose office is not 人事


def test_a_proposed_post_is_judged_alone() -> None:
    people = [person(1), person(2)]
    positions = avoidance.positions_on(people, POSTS.values(), [serving(2, "yjx-zr")], ON)
    proposed = avoidance.Position(1, "人1", 20, POSTS["yxy-fyz"])
    positions[1] = [proposed]
    kin = [Kinship(1, 1, 1, 2, Relation.SPOUSE)]
    found = avoidance.check_pairs(kin, positions, TREE, WORDS, only=lambda p: p is proposed)
    assert [f.rule_id for f in found] == ["cadre.avoidance-direct-line"]
    assert found[0].subject_key == "person:1" and found[0].citation == avoidance.DIRECT_LINE


def test_words_from_the_parameter() -> None:
    assert avoidance.sensitive_words_from(lambda key: "组织，人事, 财务") == (
        "组织",
        "人事",
        "财务",
    )
