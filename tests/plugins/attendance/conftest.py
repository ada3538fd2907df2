"""The attendance plugin on a real database (the ``db_url`` fixture's: SQLite, or
PostgreSQL with ZHIDU_TEST_POSTGRES): registered with the test host and migrated, and a
small town ``zhen`` — two units, people with terms — for the tests to build on."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from core.migrate import migrate
from core.services.context import Context
from core.services.orgs import add_unit, create_org
from core.services.people import add_person
from core.services.plugins import enable_plugin
from core.services.posts import add_post, add_term
from plugins.attendance import hooks

ORG = "zhen"


@attrs.frozen
class Town:
    """The town's code and its people's ids by name."""

    org: str
    ids: dict[str, int]


@pytest.fixture
def actx(ctx: Context) -> Context:
    """The operator's context with the attendance plugin installed and migrated."""
    ctx.host.register(hooks, source="test", entry_name="attendance")
    migrate(ctx.database, ctx.host.migrations())
    return ctx


def make_town(ctx: Context, code: str = ORG, names: tuple[str, ...] = ()) -> Town:
    """A town with 党政办 and 财政所 (under the 领导班子), the plugin enabled, and people:
    张一 … 张四 holding posts since 2020 (张四 only until 2026-03-15), 王五 in 财政所
    without a post, plus ``names`` in 党政办 without posts."""
    create_org(ctx, code, f"{code}镇人民政府", "government")
    add_unit(ctx, code, "jg", "领导班子", "班子")
    add_unit(ctx, code, "dzb", "党政办公室", "办公室", parent_code="jg")
    add_unit(ctx, code, "czs", "财政所", "所", parent_code="jg")
    add_post(
        ctx, code, unit_code="dzb", code="ky", title="科员", rank="科员", headcount=10,
        category="行政",
    )  # fmt: skip
    ids: dict[str, int] = {}
    for n, name in enumerate(("张一", "张二", "张三", "张四", "王五", *names)):
        unit = "czs" if name == "王五" else "dzb"
        ids[name] = add_person(
            ctx, code, unit_code=unit, name=name, gender="男", birth_date="1985-01-01",
            id_number=None if n else "110105198501010012",
        ).id  # fmt: skip
    for name in ("张一", "张二", "张三", "张四"):
        add_term(
            ctx, code, post_code="ky", person_id=ids[name], start="2020-01-01",
            end="2026-03-15" if name == "张四" else None, appointed_by="委任",
            end_reason="其他" if name == "张四" else None,
        )  # fmt: skip
    enable_plugin(ctx, code, "attendance")
    return Town(code, ids)


@pytest.fixture
def town(actx: Context) -> Town:
    return make_town(actx)


@pytest.fixture
def signer(actx: Context, town: Town) -> Callable[..., None]:
    """``signer(name, "2026-03-02 08:41", out=False)`` through the service."""
    from plugins.attendance import services

    def sign(name: str, at: str, out: bool = False) -> None:
        services.sign(actx, town.org, town.ids[name], at, out)

    return sign
