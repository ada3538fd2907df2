"""Eligibility's demo facts for ``gdpu`` (第九–十一条), through the services. The people,
posts and terms are core/demo_data.py's; what is planted here, and what it shows on the
demo's day (2026-11-21):

- profiles: the track each cadre serves on (管理岗位 for the offices, 专业技术岗位 for the
  学院/图书馆 heads), 苏晓婷 in management since 2023-07-01 (the 博士 set at 正科级,
  第九条（一）4), and 何雪梅 with a spouse who has emigrated (第十五条（四）: she cannot be
  an 考察对象 when the 人事处处长 post falls vacant);
- trainings: every 处级 cadre promoted since 2018 completed 550 学时 within a year of the
  promotion — except 彭志强 (正处级 from 2025-06-30: none recorded, overdue since
  2026-07-01, the ``training-overdue`` check) and 吴俊杰 (副处级 from 2025-12-05: 320 so far,
  due by 2026-12-05); 梁家豪 has 200;
- one exception: 吴俊杰 towards 正处级 for 工作特殊需要 (专业性较强或专项工作急需), consent
  of 中共广东省委教育工委组织部 on 2026-11-18 — refused on the demo day (still on
  probation until 2026-12-04, promoted less than a year ago), valid from 2026-12-05.

Try: ``zhidu cadre eligible 3 --rank 副处级 --org gdpu`` (梁家豪: met, training
deferred), ``… 10 --rank 正处级`` (吴俊杰: the exception refused; ``--on 2026-12-05``: covered),
``… 19 --rank 正处级 --head 正职`` (叶楚君: titles missed), ``… 6 --rank 正处级`` (郑国栋: no
full term before 60), ``… 7 --rank 副科级`` (郑思琪: no profile, fitness unknown).
"""

from __future__ import annotations

from datetime import date

from core.api import Action, CheckContext, Context, org_row
from plugins.cadre.services import eligibility as services

MANAGEMENT = ("林振华", "周丽娟", "梁家豪", "邱美玲", "马志远", "郑国栋", "何雪梅", "吴俊杰")
MANAGEMENT_TOO = ("苏晓婷", "罗建新", "陈嘉敏", "王立新", "黄晓玲")
PROFESSIONAL = ("李文博", "徐志明", "蔡丽华", "叶楚君", "黄振宇", "彭志强", "钟伟强", "冯建华")

PARTY_SCHOOL = "中共广东省委党校"
#: (who, completed on, hours, institution, note)
TRAININGS = (
    ("林振华", "2018-06-30", 600, PARTY_SCHOOL, "处级干部进修班"),
    ("郑国栋", "2017-11-30", 580, PARTY_SCHOOL, "处级干部进修班"),
    ("马志远", "2019-10-31", 550, "国家教育行政学院", "高校中青年干部培训班"),
    ("何雪梅", "2019-07-15", 560, PARTY_SCHOOL, "处级干部任职培训"),
    ("徐志明", "2019-06-30", 550, "国家教育行政学院", "高校院长任职培训"),
    ("李文博", "2019-12-20", 550, "国家教育行政学院", "高校院长任职培训"),
    ("钟伟强", "2018-11-30", 560, PARTY_SCHOOL, "处级干部进修班"),
    ("周丽娟", "2021-06-30", 560, PARTY_SCHOOL, "处级干部任职培训"),
    ("黄晓玲", "2023-06-30", 560, "广东省行政学院", "处级干部任职培训"),
    ("叶楚君", "2025-05-30", 550, "国家教育行政学院", "高校中青年干部培训班"),
    ("吴俊杰", "2026-05-29", 320, PARTY_SCHOOL, "处级干部任职培训（第一阶段）"),
    ("梁家豪", "2024-11-30", 200, "广东省行政学院", "科级干部培训班"),
)

CONSENT_BY = "中共广东省委教育工委组织部"


def load(ctx: Context, org_code: str) -> None:
    check = CheckContext(ctx, org_row(ctx, org_code, Action.READ), date(2026, 11, 21))
    ids = {p.name: p.id for p in check.people}
    for name in MANAGEMENT + MANAGEMENT_TOO:
        since = "2023-07-01" if name == "苏晓婷" else None
        services.set_profile(
            ctx, org_code, ids[name], track="管理岗位", management_since=since,
            family_emigrated=name == "何雪梅",
            note="配偶已移居国（境）外" if name == "何雪梅" else "",
        )  # fmt: skip
    for name in PROFESSIONAL:
        services.set_profile(ctx, org_code, ids[name], track="专业技术岗位")
    for name, on, hours, institution, note in TRAININGS:
        services.add_training(
            ctx, org_code, ids[name], completed_on=on, hours=hours, institution=institution,
            note=note,
        )  # fmt: skip
    services.add_exception(
        ctx, org_code, ids["吴俊杰"], target_rank="正处级", kind="工作特殊需要",
        reason="专业性较强或专项工作急需", recorded_on="2026-11-10", consent_on="2026-11-18",
        consent_by=CONSENT_BY, note="人事制度改革专项工作急需",
    )  # fmt: skip
