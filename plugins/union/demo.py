"""The union's demo rows for ``jc-xg``: only what student-union-bylaws.txt itself records.

- Every one of the 30 joined the day their first term began (第5条).
- Each department's 主要职责 as 三、工作机构组织架构表 gives it (standard 1: 学习部
  "考察学生早晚自习缺勤情况" is attendance-keeping, an administrative duty).
- The 第五次学生代表大会 on 2022-11-14, 189 delegates, electing the presidium (七). The
  file gives no attendance: the 189 are recorded as present.
- 四、工作人员名单: 年级 → year enrolled; 成绩排名 → the ranking (basis 入学以来 — the
  footnote allows any of the three; the file does not say which); no failed course (the
  list shows none). 2022级 are first-year students in November 2022 and have no ranking.
- 十、: 王惠 (分管学生会组织的校团委副书记) guides the union and 禹慧 is the
  secretary-general, both 专职团干部, from the 2022-11-14 congress on.

Nothing else: the file records no training, no award, no Party hearing and no league
branch (its own answer to standard 14 is 否), so the computed assessment says so.
"""

from __future__ import annotations

from datetime import date

from core.api import Action, CheckContext, Context, org_row
from plugins.union import services

CONGRESS = date(2022, 11, 14)
RECORDED = date(2022, 11, 1)

DUTIES = {
    "zxt": "学生会的运作核心，全面主持学生会的日常工作",
    "tyb": "组织学院学生各项有益身心的体育活动，协助并组织学院的一些活动",
    "wyb": "为同学们创造文娱才能锻炼发挥空间，举办十佳歌手迎新晚会各种文娱活动",
    "xxb": "考察学生早晚自习缺勤情况，组织开展辩论赛、征文等一系列文化活动",
    "xmtb": "管理微信公众号和网站，制作各种活动的悦频。编辑海报和图片等",
    "qyb": "保护学生权益的部门，宗旨是“全心权益为同学们服务”",
    "xlb": "关注每位同学的心理健康，帮助大家缓解学习压力，开展新生团辅等活动",
}


def load(ctx: Context, org_code: str) -> None:
    check = CheckContext(ctx, org_row(ctx, org_code, Action.READ), CONGRESS)
    first_start: dict[int, date] = {}
    for term in check.terms:
        if term.person_id not in first_start or term.start < first_start[term.person_id]:
            first_start[term.person_id] = term.start
    units = {u.id: u.code for u in check.units}
    for person in check.people:
        if person.id in first_start:
            services.join(
                ctx, org_code, person.id, first_start[person.id], units.get(person.unit_id or 0)
            )
    for unit, duty in DUTIES.items():
        services.declare_duty(ctx, org_code, unit_code=unit, duty=duty, on=CONGRESS)
    services.add_congress(
        ctx, org_code, held_on=CONGRESS, kind="学生代表大会", delegates=189, present=189,
        elects_presidium=True, note="第五次学生代表大会；到会人数文件未载明，按代表数量记",
    )  # fmt: skip
    for person in check.people:
        grade = str(person.extra.get("grade", ""))
        if not grade.endswith("级"):
            continue
        ranking = person.extra.get("ranking")
        rank, size = (int(x) for x in ranking.split("/")) if ranking else (None, None)
        services.record_academic(
            ctx, org_code, person.id, on=RECORDED, level="本专科生", enrolled=grade[:-1],
            basis="入学以来" if ranking else None, rank=rank, size=size,
        )  # fmt: skip
    services.add_guide(
        ctx, org_code, role="团组织负责人", name="王惠", league_cadre=True, start=CONGRESS
    )
    services.add_guide(ctx, org_code, role="秘书长", name="禹慧", league_cadre=True, start=CONGRESS)
