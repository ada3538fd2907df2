"""Builders for the elections plugin's shell tests: organizations that enabled it, a
union presidium and a village committee election, the village's people, accounts."""

from __future__ import annotations

from typing import Any

from core import models
from core.services import people
from core.services.accounts import add_account, grant_role
from core.services.context import Actor, Context
from core.services.plugins import enable_plugin
from plugins.elections.services import OfficeSpec, create_election
from tests.conftest import TODAY, make_org

UNION_CANDIDATES = ("王一", "李二", "张三", "赵四", "钱五")  # 按姓氏笔划为序
VILLAGE_OFFICES = (
    ("主任", 1, ("张主", "李主")),
    ("副主任", 1, ("王副", "赵副")),
    ("委员", 3, ("陈委", "林委", "黄委", "周委")),
)


def org_with_elections(ctx: Context, code: str, kind: str = "village") -> str:
    make_org(ctx, code, kind)
    enable_plugin(ctx, code, "elections")
    return code


def union_election(
    ctx: Context, org: str = "union", code: str = "p5", electorate: int = 189
) -> None:
    """第五届学生会主席团: 189 formal delegates, 5 candidates for 3 seats."""
    create_election(
        ctx,
        org,
        code=code,
        title="第五届学生会主席团",
        rule_set="union_presidium",
        electorate=electorate,
        offices=[OfficeSpec("主席团成员", 3, UNION_CANDIDATES)],
    )


def villagers(ctx: Context, org: str, women: tuple[str, ...] = ()) -> dict[str, int]:
    """Every village candidate as a person of the core (men unless named in ``women``)."""
    ids = {}
    for n, (_, _, names) in enumerate(VILLAGE_OFFICES):
        for i, name in enumerate(names):
            person = people.add_person(
                ctx,
                org,
                name=name,
                gender="女" if name in women else "男",
                birth_date=f"19{70 + n}-0{i + 1}-15",
            )
            ids[name] = person.id
    return ids


def village_election(
    ctx: Context,
    org: str,
    ids: dict[str, int],
    code: str = "c7",
    offices: tuple[tuple[str, int, tuple[str, ...]], ...] = VILLAGE_OFFICES,
    electorate: int = 100,
) -> None:
    create_election(
        ctx,
        org,
        code=code,
        title="第七届村民委员会",
        rule_set="village_committee",
        electorate=electorate,
        offices=[
            OfficeSpec(name, seats, tuple((c, ids.get(c)) for c in names))
            for name, seats, names in offices
        ],
    )


#: A village vote where 90 of 100 took part: 张主, 王副, 陈委, 林委 and 黄委 elected.
VILLAGE_VOTES: dict[str, Any] = {
    "主任": {"张主": 60, "李主": 30},
    "副主任": {"王副": 60, "赵副": 30},
    "委员": {"陈委": 60, "林委": 60, "黄委": 60, "周委": 20},
}


def member(ctx: Context, name: str, grants: dict[str, str]) -> Context:
    """An account holding ``grants`` (org → role), acting."""
    add_account(ctx, name)
    for org, role in grants.items():
        grant_role(ctx, name, org, role)
    row = models.Account.get(models.Account.name == name)
    return Context(ctx.database, Actor(row.id, name, False), ctx.host, lambda: TODAY, ctx.keys)
