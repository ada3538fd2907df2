"""The selection cases' demo for ``gdpu`` (第十二–二十一条), through the services. Two
cases, so ``zhidu cadre case list --org gdpu`` and the 选拔任用案件 screen show a timeline:

1. 人事处副处长, finished: the 2025年10月定期动议 that promoted 吴俊杰 (core/demo_data.py
   holds his term from 2025-12-05, "党委常委会票决通过"). Entered after the fact, so the
   appointment links the term already recorded. 会议推荐 (40: 吴俊杰 24, 罗建新 10),
   考察 of 吴俊杰 alone — 等额考察, the warning of 第十五条 —, 凡提四必, the standing
   committee's vote on 2025-12-05 (11 members, 10 present, 9 同意), 任前公示 of five
   working days, 任职谈话 and 廉政谈话.
2. 科技处处长, in progress: 何振邦 retired on 2026-10-31. 定期动议 in October 2026; the
   会议推荐 scattered (45: 黄晓玲 18, 何雪梅 16, 马志远 9 — nobody above half) and a
   二次会议推荐 among the leading two; 何雪梅 is refused as 考察对象 (her spouse
   emigrated, 第十五条（四）— the eligibility part's profile); 黄晓玲 inspected, three of
   凡提四必 recorded; the vote tried on 2026-11-18 is refused until 信访举报必查 is done.
   The case waits at 讨论决定.

Try: ``zhidu cadre case list --org gdpu``, ``zhidu cadre case show 2 --org gdpu``.
"""

from __future__ import annotations

from contextlib import suppress

from core.api import Action, CheckContext, Context, org_row
from plugins.cadre.services import cases

__all__ = ["load"]

FOUR = ("档案必审", "个人有关事项报告必核", "纪检监察意见必听", "信访举报必查")


def load(ctx: Context, org_code: str) -> None:
    """The two cases, each through the services (the second one's refusals on its timeline)."""
    org = org_row(ctx, org_code, Action.READ)
    facts = CheckContext(ctx, org, ctx.today())
    ids = {p.name: p.id for p in facts.people}
    terms = {(t.person_id, t.start.isoformat()): t.id for t in facts.terms}
    team = [ids["林振华"], ids["周丽娟"]]
    _finished(ctx, org_code, ids, team, terms[(ids["吴俊杰"], "2025-12-05")])
    _in_progress(ctx, org_code, ids, team)


def _finished(ctx: Context, org: str, ids: dict[str, int], team: list[int], term: int) -> None:
    wu = ids["吴俊杰"]
    case = cases.open_case(ctx, org, title="人事处副处长选拔", method="组织选拔",
                           posts=["rsc-fcz"], on="2025-10-09")["id"]  # fmt: skip
    cases.motion(ctx, org, case, kind="定期", on="2025-10-14", consulted=True,
                 note="人事处副处长缺1名（张建国2024年10月退休）")  # fmt: skip
    cases.recommend(ctx, org, case, kind="会议推荐", on="2025-10-24", participants=40,
                    votes={wu: 24, ids["罗建新"]: 10})  # fmt: skip
    cases.inspect(ctx, org, case, team=team, candidates=[wu], on="2025-11-04")
    for n, kind in enumerate(FOUR):
        cases.record_check(ctx, org, case, person_id=wu, kind=kind, on=f"2025-11-1{n}")
    cases.vote(ctx, org, case, person_id=wu, members=11, present=10, yes=9, no=1,
               on="2025-12-05")  # fmt: skip
    cases.notice(ctx, org, case, start="2025-12-08")
    for kind, by in (("任职谈话", "党委副书记"), ("廉政谈话", "纪委书记")):
        cases.talk(ctx, org, case, person_id=wu, kind=kind, on="2025-12-16", by=by)
    cases.appoint(ctx, org, case, person_id=wu, on="2025-12-16", term_id=term)


def _in_progress(ctx: Context, org: str, ids: dict[str, int], team: list[int]) -> None:
    huang, he = ids["黄晓玲"], ids["何雪梅"]
    case = cases.open_case(ctx, org, title="科技处处长选拔", method="组织选拔",
                           posts=["kjc-cz"], on="2026-10-09")["id"]  # fmt: skip
    cases.motion(ctx, org, case, kind="定期", on="2026-10-13", consulted=True,
                 note="何振邦2026年10月31日退休，科技处处长将出缺")  # fmt: skip
    cases.recommend(ctx, org, case, kind="会议推荐", on="2026-10-27", participants=45,
                    votes={huang: 18, he: 16, ids["马志远"]: 9})  # fmt: skip
    cases.recommend(ctx, org, case, kind="二次会议推荐", on="2026-11-03", participants=45,
                    votes={huang: 27, he: 15}, scattered=True)  # fmt: skip
    with suppress(cases.CaseRefused):  # 何雪梅: 第十五条（四）, written on the timeline
        cases.inspect(ctx, org, case, team=team, candidates=[huang, he], on="2026-11-10")
    cases.inspect(ctx, org, case, team=team, candidates=[huang], on="2026-11-10")
    for kind in FOUR[:3]:
        cases.record_check(ctx, org, case, person_id=huang, kind=kind, on="2026-11-14")
    with suppress(cases.CaseRefused):  # 凡提四必: 信访举报必查 not yet, on the timeline
        cases.vote(ctx, org, case, person_id=huang, members=23, present=20, yes=18, no=2,
                   on="2026-11-18")  # fmt: skip
