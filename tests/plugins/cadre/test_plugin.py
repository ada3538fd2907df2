"""The plugin registers, migrates and is enabled on the test university."""

from __future__ import annotations

from core.api import Action, org_row
from core.services.context import Context
from core.services.plugins import enabled_names
from plugins.cadre.vocabulary import Body, Grade, Rank


def test_enabled_on_the_university(cctx: Context, university: str) -> None:
    assert "cadre" in enabled_names(org_row(cctx, university, Action.READ).id)


def test_ranks_go_up_one_step_at_a_time() -> None:
    # 第五条 lists the four ranks; 第十一条 "逐级提拔" orders them.
    assert [r.zh for r in Rank] == ["副科级", "正科级", "副处级", "正处级"]
    assert [r.level for r in Rank] == [0, 1, 2, 3]
    assert Rank.parse("副处级") is Rank.DEPUTY_DIVISION
    assert Rank.of_post("部长") is None
    assert not Rank.SECTION.is_division and Rank.DEPUTY_DIVISION.is_division


def test_who_decides_by_rank() -> None:
    # 第十六条: 正处级 by the full committee, the others by the standing committee.
    assert Body.for_rank(Rank.DIVISION) is Body.FULL_COMMITTEE
    assert Body.for_rank(Rank.DEPUTY_DIVISION) is Body.STANDING_COMMITTEE


def test_grades_at_or_below_basic() -> None:
    # 第十五条（二） "基本称职以下等次".
    assert [g.at_or_below_basic for g in Grade] == [False, False, True, True]
