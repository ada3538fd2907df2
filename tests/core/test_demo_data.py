"""Invariants of the demo dataset (core/demo_data.py).

The data is pure literals fed through the services by core.demo; these tests hold it to
the shape the loader reads, the core's vocabularies, and the facts of the regulations it
is built from — so that a slip in a hand-written date fails here, not at ``zhidu demo``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest

from core.demo_data import AS_OF, DEMO_ORGS
from core.domain import (
    AppointedBy,
    Degree,
    Education,
    EndReason,
    Gender,
    OrgKind,
    PoliticalStatus,
    Relation,
    TitleLevel,
)

TODAY = date(2026, 11, 21)

REGULATIONS = {
    "cadre-selection-appointment.txt",
    "office-conduct-attendance.txt",
    "village-committee-election.txt",
    "professional-title-review.txt",
    "student-union-bylaws.txt",
}

ORG_KEYS = {
    "code",
    "name",
    "kind",
    "regulation",
    "plugins",
    "units",
    "people",
    "posts",
    "terms",
    "kinship",
}
UNIT_KEYS = {"code", "name", "kind", "children"}
PERSON_KEYS = {
    "key",
    "name",
    "gender",
    "birth_date",
    "id_region",
    "education",
    "degree",
    "political_status",
    "title",
    "title_level",
    "title_date",
    "employment_start",
    "unit",
    "extra",
}
POST_KEYS = {
    "key",
    "unit",
    "title",
    "rank",
    "headcount",
    "term_years",
    "max_consecutive_terms",
    "category",
}
TERM_KEYS = {
    "person",
    "post",
    "start",
    "end",
    "appointed_by",
    "probation_end",
    "end_reason",
    "note",
}
KIN_KEYS = {"a", "b", "relation", "note"}

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # core.validate.code

# student-union-bylaws.txt, 四、信息工程学院工作人员名单 — the specification: 序号, 姓名,
# 政治面貌 (all 共青团员), 年级, 学习成绩排名 (given for the 2020 and 2021 cohorts only).
UNION_ROSTER = (
    ("李有辉", "2020级", "14/58"),
    ("封尚", "2020级", "83/241"),
    ("赵晓越", "2020级", "66/122"),
    ("戚正阳", "2021级", "56/79"),
    ("陈彦彤", "2021级", "1/48"),
    ("徐玮萁", "2021级", "120/248"),
    ("吴苏", "2021级", "2/48"),
    ("周颖", "2021级", "27/251"),
    ("丁颖", "2021级", "47/248"),
    ("丁天昊", "2021级", "80/248"),
    ("姚婧岚", "2022级", None),
    ("刘佳丽", "2022级", None),
    ("汪佳乐", "2022级", None),
    ("孟令杰", "2022级", None),
    ("姚欣昂", "2022级", None),
    ("周育见", "2022级", None),
    ("李业鑫", "2022级", None),
    ("于一鸣", "2022级", None),
    ("陈晓彤", "2022级", None),
    ("陈筱菡", "2022级", None),
    ("朱芷易", "2022级", None),
    ("蔡雨桐", "2022级", None),
    ("林碧蕊", "2022级", None),
    ("殷春", "2022级", None),
    ("杨粤宁", "2022级", None),
    ("张鑫", "2022级", None),
    ("梅子璇", "2022级", None),
    ("徐晨博", "2022级", None),
    ("李黔", "2022级", None),
    ("张贝贝", "2022级", None),
)

# 三、信息工程学院工作机构组织架构表: 机构名称 → 人数.
UNION_STRUCTURE = {
    "主席团": 3,
    "体育部": 4,
    "文艺部": 5,
    "学习部": 5,
    "新媒体部": 5,
    "权益事务部": 5,
    "心理部": 3,
}

# Standard 5: 除主席、副主席、部长、副部长、干事外未设其他职务.
UNION_RANKS = {"主席", "副主席", "部长", "副部长", "干事"}


def d(text: str) -> date:
    return date.fromisoformat(text)


def opt(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def walk(nodes: Any, parent: str | None = None) -> Iterator[tuple[dict[str, Any], str | None]]:
    for node in nodes:
        yield node, parent
        yield from walk(node["children"], node["code"])


def units_of(org: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["code"]: node for node, _ in walk(org["units"])}


def serving(term: dict[str, Any], on: date) -> bool:
    end = opt(term["end"])
    return d(term["start"]) <= on and (end is None or on <= end)


ORGS = {org["code"]: org for org in DEMO_ORGS}
by_org = pytest.mark.parametrize("org", DEMO_ORGS, ids=[o["code"] for o in DEMO_ORGS])


def test_as_of_is_the_demo_today() -> None:
    assert d(AS_OF) == TODAY


def test_one_organization_per_regulation() -> None:
    assert len(ORGS) == len(DEMO_ORGS) == 5
    assert {org["regulation"] for org in DEMO_ORGS} == REGULATIONS
    kinds = [org["kind"] for org in DEMO_ORGS]
    assert sorted(kinds) == sorted(
        ["university", "government", "village", "hr_office", "student_union"]
    )


@by_org
def test_organization_shape(org: dict[str, Any]) -> None:
    assert set(org) == ORG_KEYS
    assert CODE.match(org["code"])
    assert org["name"].strip() == org["name"] and org["name"]
    assert org["kind"] in OrgKind.choices()
    assert isinstance(org["plugins"], tuple) and org["plugins"]
    assert all(CODE.match(name) for name in org["plugins"])
    for field in ("units", "people", "posts", "terms", "kinship"):
        assert isinstance(org[field], tuple), field


@by_org
def test_units_form_a_tree_with_unique_codes(org: dict[str, Any]) -> None:
    codes = [node["code"] for node, _ in walk(org["units"])]
    assert len(codes) == len(set(codes)), Counter(codes).most_common(3)
    for node, _ in walk(org["units"]):
        assert set(node) == UNIT_KEYS, node["code"]
        assert CODE.match(node["code"]), node["code"]
        assert 0 < len(node["name"]) <= 100
        assert 0 < len(node["kind"]) <= 20
        assert isinstance(node["children"], tuple)


def test_people_keys_unique_and_prefixed_per_organization() -> None:
    keys = [p["key"] for org in DEMO_ORGS for p in org["people"]]
    assert len(keys) == len(set(keys))
    prefixes: dict[str, str] = {}
    for org in DEMO_ORGS:
        own = {p["key"].rsplit("-", 1)[0] for p in org["people"]}
        assert len(own) == 1, (org["code"], own)
        prefix = own.pop()
        assert prefix not in prefixes, (prefix, org["code"], prefixes.get(prefix))
        prefixes[prefix] = org["code"]


@by_org
def test_people(org: dict[str, Any]) -> None:
    units = units_of(org)
    for p in org["people"]:
        who = p["key"]
        assert set(p) == PERSON_KEYS, who
        assert 0 < len(p["name"]) <= 50 and p["name"].strip() == p["name"], who
        assert p["gender"] in Gender.choices(), who
        assert p["education"] in Education.choices(), who
        assert p["degree"] in Degree.choices(), who
        assert p["political_status"] in PoliticalStatus.choices(), who
        assert re.fullmatch(r"[1-8]\d{5}", p["id_region"]), who
        assert p["unit"] is None or p["unit"] in units, who
        assert isinstance(p["extra"], dict), who
        born = d(p["birth_date"])
        assert date(1940, 1, 1) <= born < add_years(TODAY, -16), who
        # A title and its level go together, and so does the date obtained.
        assert (p["title"] is None) == (p["title_level"] is None) == (p["title_date"] is None), who
        assert p["title_level"] is None or p["title_level"] in TitleLevel.choices(), who
        start = opt(p["employment_start"])
        if start is not None:
            assert add_years(born, 18) <= start <= TODAY, who
        if p["title_date"] is not None:
            assert d(p["title_date"]) <= TODAY, who
            assert start is None or start <= d(p["title_date"]), who
        # Degree follows education: a doctorate needs 博士研究生, a master's 硕士研究生+.
        if p["degree"] == "博士":
            assert p["education"] == "博士研究生", who
        if p["degree"] in ("硕士", "学士"):
            assert p["education"] in ("博士研究生", "硕士研究生", "大学本科"), who


@by_org
def test_posts(org: dict[str, Any]) -> None:
    units = units_of(org)
    keys = [post["key"] for post in org["posts"]]
    assert len(keys) == len(set(keys))
    for post in org["posts"]:
        assert set(post) == POST_KEYS, post["key"]
        assert CODE.match(post["key"]), post["key"]
        assert post["unit"] in units, post["key"]
        assert 0 < len(post["title"]) <= 50
        assert 0 < len(post["rank"]) <= 20
        assert 0 < len(post["category"]) <= 20
        assert isinstance(post["headcount"], int) and post["headcount"] >= 1
        assert post["term_years"] is None or 1 <= post["term_years"] <= 10
        assert post["max_consecutive_terms"] is None or post["max_consecutive_terms"] >= 1


@by_org
def test_terms_resolve_and_use_the_vocabularies(org: dict[str, Any]) -> None:
    people = {p["key"]: p for p in org["people"]}
    posts = {post["key"]: post for post in org["posts"]}
    for t in org["terms"]:
        label = f"{t['person']} in {t['post']} from {t['start']}"
        assert set(t) == TERM_KEYS, label
        assert t["person"] in people, label
        assert t["post"] in posts, label
        assert t["appointed_by"] in AppointedBy.choices(), label
        assert isinstance(t["note"], str), label
        start, end = d(t["start"]), opt(t["end"])
        assert (end is None) == (t["end_reason"] is None), label
        assert t["end_reason"] is None or t["end_reason"] in EndReason.choices(), label
        assert end is None or start <= end, label
        assert start <= TODAY and (end is None or end <= TODAY), label
        person = people[t["person"]]
        assert add_years(d(person["birth_date"]), 16) <= start, label
        if person["employment_start"] is not None:
            assert d(person["employment_start"]) <= start, label
        if t["probation_end"] is not None:
            # 试用期为一年 (cadre-selection-appointment.txt 第十七条).
            assert d(t["probation_end"]) == add_years(start, 1) - timedelta(days=1), label
        # A closed term lasts at most one 届; a re-appointment is a new term.
        years = posts[t["post"]]["term_years"]
        if end is not None and years is not None:
            assert end < add_years(start, years), label


@by_org
def test_no_post_ever_holds_more_than_its_headcount(org: dict[str, Any]) -> None:
    posts = {post["key"]: post for post in org["posts"]}
    events: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for t in org["terms"]:
        events[t["post"]][d(t["start"])] += 1
        if t["end"] is not None:
            events[t["post"]][d(t["end"]) + timedelta(days=1)] -= 1
    for key, changes in events.items():
        held = 0
        for day in sorted(changes):
            held += changes[day]
            assert held <= posts[key]["headcount"], f"{key} holds {held} on {day}"


@by_org
def test_one_persons_terms_in_one_post_never_overlap(org: dict[str, Any]) -> None:
    spans: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    for t in org["terms"]:
        spans[(t["person"], t["post"])].append((d(t["start"]), opt(t["end"]) or date.max))
    for key, intervals in spans.items():
        intervals.sort()
        for (_, first_end), (second_start, _) in pairwise(intervals):
            assert first_end < second_start, key


@by_org
def test_kinship(org: dict[str, Any]) -> None:
    people = {p["key"] for p in org["people"]}
    pairs = set()
    for kin in org["kinship"]:
        assert set(kin) == KIN_KEYS
        assert kin["a"] in people and kin["b"] in people, kin
        assert kin["a"] != kin["b"], kin
        assert kin["relation"] in Relation.choices(), kin
        pair = frozenset((kin["a"], kin["b"]))
        assert pair not in pairs, kin
        pairs.add(pair)


@by_org
def test_someone_serves_today(org: dict[str, Any]) -> None:
    assert any(serving(t, TODAY) for t in org["terms"])


@by_org
def test_whoever_serves_today_belongs_to_a_unit(org: dict[str, Any]) -> None:
    # unit None marks the retired, the departed and outside applicants.
    people = {p["key"]: p for p in org["people"]}
    for t in org["terms"]:
        if serving(t, TODAY):
            assert people[t["person"]]["unit"] is not None, t["person"]


def test_student_union_matches_the_regulation() -> None:
    union = ORGS["jc-xg"]
    assert union["kind"] == "student_union"
    assert union["regulation"] == "student-union-bylaws.txt"
    units = units_of(union)
    assert {u["name"] for u in units.values()} == set(UNION_STRUCTURE)
    people = {p["key"]: p for p in union["people"]}
    posts = {post["key"]: post for post in union["posts"]}
    assert {post["rank"] for post in posts.values()} == UNION_RANKS

    # Exactly the 30 people of the 名单, with their 政治面貌, 年级 and 排名.
    roster = {name: (grade, ranking) for name, grade, ranking in UNION_ROSTER}
    assert len(roster) == 30
    assert sorted(p["name"] for p in people.values()) == sorted(roster)
    for p in people.values():
        grade, ranking = roster[p["name"]]
        assert p["political_status"] == "共青团员", p["name"]
        assert p["extra"].get("grade") == grade, p["name"]
        assert p["extra"].get("ranking") == ranking, p["name"]
        # 年级 N: aged 17–19 on 1 September of year N.
        sept = date(int(grade[:4]), 9, 1)
        assert add_years(d(p["birth_date"]), 17) <= sept < add_years(d(p["birth_date"]), 20)

    # On AS_OF all 30 serve, in units of exactly the table's sizes.
    now = [t for t in union["terms"] if serving(t, TODAY)]
    holders = [t["person"] for t in now]
    assert len(holders) == len(set(holders)) == 30
    sizes = Counter(units[posts[t["post"]]["unit"]]["name"] for t in now)
    assert dict(sizes) == UNION_STRUCTURE
    assert sum(sizes.values()) == 30
    ranks = Counter(posts[t["post"]]["rank"] for t in now)
    assert ranks == {"主席": 1, "副主席": 2, "部长": 6, "副部长": 6, "干事": 15}
    # Each serving member's unit in the people list is the unit they serve in.
    for t in now:
        assert people[t["person"]]["unit"] == posts[t["post"]]["unit"], t["person"]
