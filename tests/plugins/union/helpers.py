"""Building a union's staff through the services, and reading one standard."""

from __future__ import annotations

from typing import Any

from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_term
from plugins.union import services

ON = "2023-11-01"  # the day assessed unless a test says otherwise
START = "2023-09-10"


def person(ctx: Context, name: str, status: str = "共青团员") -> int:
    made = add_person(
        ctx, "xs", name=name, gender="女", birth_date="2003-05-01", political_status=status
    )
    return made.id


def staff(
    ctx: Context,
    n: int,
    post: str = "ty-gs",
    *,
    start: str = START,
    status: str = "共青团员",
    prefix: str = "干事",
    how: str = "聘任",
) -> list[int]:
    """``n`` people serving in ``post`` from ``start``."""
    ids = []
    for i in range(n):
        pid = person(ctx, f"{prefix}{i + 1}", status)
        add_term(ctx, "xs", post_code=post, person_id=pid, start=start, appointed_by=how)
        ids.append(pid)
    return ids


def standard(ctx: Context, number: int, on: str = ON) -> Any:
    result = services.assess(ctx, "xs", on).results[number - 1]
    assert result.number == number
    assert result.citation.source == "student-union-bylaws.txt"
    assert result.citation.article == f"组织改革自评表 第{number}项"
    return result
