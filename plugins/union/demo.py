"""The union's demo rows for ``jc-xg``: only what student-union-bylaws.txt itself records.

- Every one of the 30 joined the day their first term began (第5条).
- Each department's 主要职责 as 三、工作机构组织架构表 gives it (standard 1: 学习部
  "考察学生早晚自习缺勤情况" is attendance-keeping, an administrative duty).
- The 第五次学生代表大会 on 2022-11-14, 189 delegates, electing the presidium (七). The
  file gives no attendance: the 189 are recorded as present.
- That congress's election of the 第五届 presidium, through the elections engine (rule set
  ``union_presidium``, 六、主席团成员选举办法): 189 formal delegates, 5 candidates for 3
  seats (第3项), one vote entered as its tally sheet, counted, certified and published.
  From the file: the 189, the 3 seats and 5 candidates, and the three elected — its
  presidium 李有辉、封尚、赵晓越 (linked to their records). Invented: the other two
  candidates, every figure of the tally, the invalid ballots, the 监票人/计票人/唱票人
  and the 文号's 机关代字 学代发; see ``PRESIDIUM_*`` below. The congress session's note
  names the election (``zhidu elections show xg-presidium-5``).
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
from typing import Any

from core.api import Action, CheckContext, Context, org_row
from plugins.union import services

CONGRESS = date(2022, 11, 14)
RECORDED = date(2022, 11, 1)

PRESIDIUM_ELECTION = "xg-presidium-5"
PRESIDIUM_OFFICE = "主席团成员"
#: 5 candidates for 3 seats (六、3), printed in 姓氏笔划 order (六、4: 王4 李7 周8 封9 赵9).
#: 李有辉、封尚、赵晓越 are the file's 第五届 presidium; 王思远 and 周若琳 are invented
#: (the file does not name the two who were not elected).
PRESIDIUM_CANDIDATES = ("王思远", "李有辉", "周若琳", "封尚", "赵晓越")
PRESIDIUM_ELECTED = ("李有辉", "封尚", "赵晓越")
#: Invented figures: all 189 delegates present (as the congress is recorded), 189 ballots
#: issued and returned, 2 invalid, 187 valid; ✓/×/△ per name. Elected with more than half
#: of the 189 present (六、5: at least 95): the three with 161, 143 and 137.
PRESIDIUM_PRESENT = 189
PRESIDIUM_INVALID = {"unreadable": 1, "write_ins_exceed_against": 1}
PRESIDIUM_VOTES = {
    "王思远": (58, 112, 17),
    "李有辉": (161, 20, 6),
    "周若琳": (39, 131, 17),
    "封尚": (143, 35, 9),
    "赵晓越": (137, 41, 9),
}
#: Invented people, none of them a candidate (六、7: 总监票人1人，总计票人1人，监票人2人，
#: 计票人5人); the 总监票人 and 总计票人 are listed first. The file names no 唱票人: one is
#: invented too.
PRESIDIUM_SCRUTINEERS = ("钱文博", "孙嘉怡", "郑浩然")
PRESIDIUM_COUNTERS = ("何思琪", "马俊杰", "高雅婷", "罗天宇", "梁欣然", "宋子涵")
PRESIDIUM_TELLERS = ("唐一帆",)

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
        elects_presidium=True,
        note=f"第五次学生代表大会；到会人数文件未载明，按代表数量记；"
        f"选举主席团：zhidu elections show {PRESIDIUM_ELECTION}",
    )  # fmt: skip
    _elect_presidium(ctx, org_code, {p.name: p.id for p in check.people})
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


def _elect_presidium(ctx: Context, org_code: str, people: dict[str, int]) -> None:
    """The 第五届 presidium elected by the 第五次学生代表大会, through the elections engine
    (a stand-in elections plugin without tables, as in some tests, records nothing)."""
    engine = ctx.host.plugins.get("elections")
    if engine is None or not engine.migrations:
        return
    from plugins.elections import services as elections

    staff: dict[str, Any] = {
        "scrutineers": PRESIDIUM_SCRUTINEERS,
        "counters": PRESIDIUM_COUNTERS,
        "tellers": PRESIDIUM_TELLERS,
    }
    candidates = [elections.CandidateSpec(n, people.get(n)) for n in PRESIDIUM_CANDIDATES]
    elections.create_election(
        ctx, org_code, code=PRESIDIUM_ELECTION, title="第五届学生会主席团",
        rule_set="union_presidium", electorate=189,
        offices=[elections.OfficeSpec(PRESIDIUM_OFFICE, 3, candidates)],
    )  # fmt: skip
    elections.open_round(
        ctx, org_code, PRESIDIUM_ELECTION, present=PRESIDIUM_PRESENT,
        ballots_issued=PRESIDIUM_PRESENT, **staff,
    )  # fmt: skip
    elections.enter_sheet(
        ctx, org_code, PRESIDIUM_ELECTION, ballots_counted=PRESIDIUM_PRESENT,
        votes={PRESIDIUM_OFFICE: PRESIDIUM_VOTES}, invalid=PRESIDIUM_INVALID, **staff,
    )  # fmt: skip
    elections.count_round(ctx, org_code, PRESIDIUM_ELECTION, ballots_returned=PRESIDIUM_PRESENT)
    elections.certify_result(ctx, org_code, PRESIDIUM_ELECTION)
    elections.publish_result(ctx, org_code, PRESIDIUM_ELECTION, prefix="学代发")
