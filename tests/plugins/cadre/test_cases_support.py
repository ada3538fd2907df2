"""Building selection cases for the cases tests: people of ``gd`` and a case driven to a
stage through the services. The qualification check and the avoidance check belong to
other parts; here they answer "qualified" and "nothing to avoid" unless a test says
otherwise (``stub``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.services.context import Context
from core.services.people import add_kinship, add_person
from plugins.cadre.services import cases

ORG = "gd"


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The other parts' checks, answered by the test: ``stub["eligible"]`` (True) and
    ``stub["avoidance"]`` (a tuple of findings)."""
    answers: dict[str, Any] = {"eligible": True, "avoidance": (), "missed": []}

    def eligibility(*_: Any) -> tuple[bool | None, tuple[str, ...], dict[str, Any]]:
        conditions = [{"met": False, "message_zh": m} for m in answers["missed"]]
        details = {"eligible": answers["eligible"], "conditions": conditions}
        return answers["eligible"], tuple(answers["missed"]), details

    monkeypatch.setattr(cases, "_eligibility", eligibility)
    monkeypatch.setattr(cases, "_avoidance", lambda *_: answers["avoidance"])
    yield answers


def person(ctx: Context, name: str, unit: str | None = "yxy", birth: str = "1978-05-12") -> int:
    return add_person(
        ctx,
        ORG,
        name=name,
        gender="男",
        birth_date=birth,
        political_status="中共党员",
        education="博士研究生",
        degree="博士",
        unit_code=unit,
    ).id


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
    """A 组织选拔 case for 药学院副院长 (副处级), driven stage by stage."""

    def __init__(self, ctx: Context, post: str = "yxy-fyz", method: str = "组织选拔") -> None:
        self.ctx = ctx
        self.id = cases.open_case(
            ctx, ORG, title="药学院副院长选拔", method=method, posts=[post], on="2026-03-01"
        )["id"]
        self.a, self.b = people(ctx, "甲", "乙")
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
