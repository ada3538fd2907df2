"""Building selection cases for the cases tests: people of ``gd`` and a case driven to a
stage through the services. The qualification check (第九–十一条) and the avoidance check
(第二十四条) are the real ones: a candidate is qualified because the database says so
(:func:`qualified` records what 第九条 asks), and a test that wants him refused records
what makes him so."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.services.context import Context
from core.services.people import add_kinship, add_person
from core.services.posts import add_post, add_term, list_posts
from plugins.cadre.services import cases
from plugins.cadre.services.eligibility import add_training, set_profile

ORG = "gd"
OPENED = "2026-03-01"  # the day a Case is opened; its candidates are qualified from then

# 第九条: the rank a promotion comes from and the years there (the parameters' defaults:
# cadre.section_years_as_deputy, cadre.deputy_division_years_as_section,
# cadre.division_years_as_deputy); 副科级 asks 2 years of work of a 硕士 or 博士 instead.
BELOW: dict[str, tuple[str, int]] = {
    "正科级": ("副科级", 3),
    "副处级": ("正科级", 3),
    "正处级": ("副处级", 2),
}
# Where the candidates served at the rank below: posts of 药学院 with 职数 enough for every
# candidate of a test (the fixture's posts have one each).
SERVED_IN: dict[str, tuple[str, str]] = {
    "副科级": ("yxy-jwfzr", "药学院教务办公室副主任"),
    "正科级": ("yxy-jwzr", "药学院教务办公室主任"),
    "副处级": ("yxy-fsj", "药学院党委副书记"),
}
TRAINING_HOURS = 550  # 第九条（二）7 (cadre.training_hours): 处级 only, in five years


def person(
    ctx: Context,
    name: str,
    unit: str | None = "yxy",
    birth: str = "1978-05-12",
    gender: str = "男",
) -> int:
    return add_person(
        ctx,
        ORG,
        name=name,
        gender=gender,
        birth_date=birth,
        political_status="中共党员",
        education="博士研究生",
        degree="博士",
        employment_start="2005-07-01",
        unit_code=unit,
    ).id


def rank_of(ctx: Context, post: str) -> str:
    return next(p.rank for p, _ in list_posts(ctx, ORG) if p.code == post)


def _served_in(ctx: Context, rank: str) -> str:
    code, title = SERVED_IN[rank]
    if not any(p.code == code for p, _ in list_posts(ctx, ORG)):
        add_post(
            ctx, ORG, unit_code="yxy", code=code, title=title, rank=rank, headcount=10,
            category="行政", term_years=4, max_consecutive_terms=2,
        )  # fmt: skip
    return code


def qualify(ctx: Context, pid: int, rank: str, on: str) -> None:
    """Record what makes person ``pid`` qualified for ``rank`` from ``on``: a 管理岗位
    profile, fit for duty; for 正科级 and above a term at the rank below from exactly the
    years 第九条 asks before ``on``, still held (so not qualified the day before); for 处级
    the training hours, completed a year before ``on``. The person's education (博士) and
    employment (2005, enough for 副科级) come from :func:`person`."""
    day = date.fromisoformat(on)
    set_profile(ctx, ORG, pid, track="管理岗位", fit_for_duty=True)
    if rank in BELOW:
        below, years = BELOW[rank]
        start = day.replace(year=day.year - years)
        add_term(
            ctx, ORG, post_code=_served_in(ctx, below), person_id=pid, start=start,
            appointed_by="委任",
        )  # fmt: skip
    if rank.endswith("处级"):
        add_training(
            ctx, ORG, pid, completed_on=day.replace(year=day.year - 1), hours=TRAINING_HOURS,
            institution="广东省委党校",
        )  # fmt: skip


def qualified(ctx: Context, name: str, rank: str, on: str = OPENED, unit: str = "yxy") -> int:
    """A person qualified for ``rank`` from ``on`` (see :func:`qualify`)."""
    pid = person(ctx, name, unit)
    qualify(ctx, pid, rank, on)
    return pid


def people(ctx: Context, *names: str) -> list[int]:
    return [person(ctx, n) for n in names]


def kin(ctx: Context, a: int, b: int) -> None:
    add_kinship(ctx, ORG, a, b, "夫妻")


def roster(ctx: Context, n: int, body: str = "党委常委会", since: str = "2020-01-01") -> list[int]:
    ids = [person(ctx, f"{body}委员{i + 1}", unit=None, birth="1965-01-01") for i in range(n)]
    for pid in ids:
        cases.add_member(ctx, ORG, body=body, person_id=pid, since=since)
    return ids


class Case:
    """A 组织选拔 case for 药学院副院长 (副处级), driven stage by stage. Its candidates 甲
    and 乙 are qualified for the post's rank from the day it opens; ``b_from`` makes 乙
    qualified only from a later day."""

    def __init__(
        self,
        ctx: Context,
        post: str = "yxy-fyz",
        method: str = "组织选拔",
        b_from: str = OPENED,
    ) -> None:
        self.ctx = ctx
        self.id = cases.open_case(
            ctx, ORG, title="药学院副院长选拔", method=method, posts=[post], on=OPENED
        )["id"]
        rank = rank_of(ctx, post)
        self.a = qualified(ctx, "甲", rank)
        self.b = qualified(ctx, "乙", rank, b_from)
        self.team = people(ctx, "考察组员一", "考察组员二")

    def motion(self, on: str = "2026-04-10") -> Case:
        cases.motion(self.ctx, ORG, self.id, kind="定期", on=on, consulted=True)
        return self

    def recommend(self, on: str = "2026-04-20") -> Case:
        cases.recommend(
            self.ctx,
            ORG,
            self.id,
            kind="会议推荐",
            on=on,
            participants=50,
            votes={self.a: 30, self.b: 15},
        )
        return self

    def inspect(self, on: str = "2026-05-10") -> Case:
        cases.inspect(self.ctx, ORG, self.id, team=self.team, candidates=[self.a, self.b], on=on)
        return self

    def checks(self, on: str = "2026-05-20", who: int | None = None) -> Case:
        for kind in ("档案必审", "个人有关事项报告必核", "纪检监察意见必听", "信访举报必查"):
            cases.record_check(self.ctx, ORG, self.id, person_id=who or self.a, kind=kind, on=on)
        return self

    def vote(self, on: str = "2026-06-01", **counts: Any) -> dict[str, Any]:
        ballot: dict[str, Any] = {"present": 9, "yes": 7, "no": 2} | counts
        return cases.vote(self.ctx, ORG, self.id, person_id=self.a, on=on, **ballot)

    def decided(self, members: int = 9) -> Case:
        self.motion().recommend().inspect().checks()
        self.vote(members=members, present=members, yes=members, no=0)
        return self

    def noticed(self, start: str = "2026-09-28") -> dict[str, Any]:
        return cases.notice(self.ctx, ORG, self.id, start=start)

    def talks(self, on: str = "2026-10-12") -> Case:
        for kind in ("任职谈话", "廉政谈话"):
            cases.talk(self.ctx, ORG, self.id, person_id=self.a, kind=kind, on=on, by="党委书记")
        return self
