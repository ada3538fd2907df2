"""The management part's demo facts for ``gdpu`` (core/demo_data.py holds the careers),
added through the services so each rule of 第十七、二十三、二十七、二十八、三十二、三十三条
has something to say on the demo's day (2026-11-21):

- 2025年度 ratings (recorded 2026-01-15) for the cadres serving then: 梁家豪 基本称职
  (第十五条（二）: not to be a 考察对象 for three years), 黄振宇 不称职 — his demotion is
  due (第三十二条) and not done. 冯建华's 2021年度 不称职 is recorded too: his 降职 of
  2022-03-31 settled it, so it is no longer due.
- 试用期满 reviews of 黄晓玲, 叶楚君 and 彭志强 (胜任); 吴俊杰's probation ends 2026-12-04
  and is shown as coming (第十七条).
- 届中 assessments of the 2023–2027 届 in January 2025 for the 处级 serving then — all
  but 王立新, whose is missing (第二十七条).
- 谢国华's 离任审计 after his retirement from 临床医学院院长; 何振邦, retired 2026-10-31
  from 科技处处长, has none yet (due by 2027-05-01, 第二十八条). A 届中审计 of 王立新.
- A 诫勉 of 黄振宇 (2026-04-15, 影响使用 until 2026-10-14; 第十五条（五）, 第三十三条).
- The 党委全委会 keeps 李文博 as 药学院院长 past two 届 (2026-10-28: 23 members, 20
  present, 15 同意 — 第二十三条, 第十六条), so he is not to be exchanged in January.
"""

from __future__ import annotations

from core.api import Action, CheckContext, Context, org_row
from plugins.cadre.services import management, tenure
from plugins.cadre.services.common import on_date

__all__ = ["load"]

RATED_2025 = "2026-01-15"
#: 2025年度 ratings: 优秀 for a few, 称职 for the rest of those serving on RATED_2025.
EXCELLENT_2025 = ("林振华", "叶楚君", "邱美玲")
GRADES_2025 = {"梁家豪": "基本称职", "黄振宇": "不称职"}
PROBATION_REVIEWS = (
    ("黄晓玲", "2024-01-08", "称职"),
    ("叶楚君", "2025-06-18", "优秀"),
    ("彭志强", "2026-06-26", "称职"),
)
MID_TERM_ON = "2025-01-14"
MID_TERM_MISSING = ("王立新",)


def load(ctx: Context, org_code: str) -> None:
    """Record the ratings, reviews, audits, a sanction and a retention vote."""
    org = org_row(ctx, org_code, Action.READ)
    rated = CheckContext(ctx, org, on_date("on", RATED_2025))
    ids = {p.name: p.id for p in rated.people}
    posts = {p.id: p for p in rated.posts}
    serving = sorted(
        {t.person_id for t in rated.terms if t.covers(rated.on) and t.post_id in posts},
    )
    names = {v: k for k, v in ids.items()}
    for pid in serving:
        name = names[pid]
        grade = GRADES_2025.get(name, "优秀" if name in EXCELLENT_2025 else "称职")
        management.add_assessment(
            ctx, org_code, pid, kind="年度", year=2025, assessed_on=RATED_2025, grade=grade
        )
    management.add_assessment(
        ctx,
        org_code,
        ids["冯建华"],
        kind="年度",
        year=2021,
        assessed_on="2022-01-14",
        grade="不称职",
        note="2022年3月31日降职使用",
    )
    for name, on, grade in PROBATION_REVIEWS:
        management.add_assessment(
            ctx, org_code, ids[name], kind="试用期满", assessed_on=on, grade=grade
        )
    mid = CheckContext(ctx, org, on_date("on", MID_TERM_ON))
    division = {p.id for p in mid.posts if p.rank in ("正处级", "副处级")}
    for pid in sorted(
        {t.person_id for t in mid.terms if t.covers(mid.on) and t.post_id in division}
    ):
        if names[pid] not in MID_TERM_MISSING:
            management.add_assessment(
                ctx, org_code, pid, kind="届中", assessed_on=MID_TERM_ON, grade="称职"
            )
    management.add_audit(
        ctx,
        org_code,
        ids["谢国华"],
        kind="离任",
        post_code="lc-yz",
        started_on="2025-04-15",
        finished_on="2025-07-30",
        conclusion="任期内经济责任履行情况较好，未发现重大问题",
    )
    management.add_audit(
        ctx,
        org_code,
        ids["王立新"],
        kind="届中",
        post_code="jwc-cz",
        started_on="2025-03-03",
        finished_on="2025-05-20",
        conclusion="教学经费使用总体规范，个别项目结余偏大",
    )
    management.add_sanction(
        ctx,
        org_code,
        ids["黄振宇"],
        kind="诫勉",
        imposed_on="2026-04-15",
        until="2026-10-14",
        affects_use=True,
        note="系内教学事故，负有领导责任",
    )
    tenure.retain(
        ctx,
        org_code,
        ids["李文博"],
        post_code="yxy-yz",
        decided_on="2026-10-28",
        members=23,
        present=20,
        yes=15,
        no=3,
        defer=2,
        note="学科评估关键期，确因工作特别需要继续留任",
    )
