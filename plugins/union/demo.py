"""The union's demo rows for ``jc-xg``: only what student-union-bylaws.txt itself records.

- Every one of the 30 joined the day their first term began (第5条).
- Each department's 主要职责 as 三、工作机构组织架构表 gives it (standard 1: 学习部
  "考察学生早晚自习缺勤情况" is attendance-keeping, an administrative duty).
- The 第五次学生代表大会 on 2022-11-14, 189 delegates, electing the presidium (七). The
  file gives no attendance: the 189 are recorded as present — typed on the session and
  each 正式代表 recorded 出席 by name (``services.mark_present``, one call for all), so
  the quorums count the recorded list (第八条, 六、4).
- Its 189 正式代表 (八、代表产生办法), each a person of the records, a member on the
  congress's day and recorded with ``services.add_delegate``. From the file: the number
  (189), 团员 152 and 团干 17 among them. The staff of 四 who were members on 2022-11-14
  are among them (the six who joined with the 第四届 on 2021-11-15; the others joined on
  2022-11-15, after the congress, and a 正式代表 must be a member, 第5条、第6条(三)).
  Invented: the other 183 — names, genders, birth dates, grades (2019级–2022级), majors
  (:data:`MAJORS`), 政治面貌 (146 团员, 8 党员, 9 预备党员, 20 群众), the 选举单位 that
  elected each (major and grade), which 17 are 团干, and that they joined the union on
  the 1 September they enrolled (第5条: 学籍). Among them the two candidates not elected
  and the ten people of the election's staff below (:data:`DELEGATES`).
- That congress's election of the 第五届 presidium, held with ``services.elect_presidium``
  (so linked to the session) through the elections engine (rule set
  ``union_presidium``, 六、主席团成员选举办法): the session's 189 formal delegates, all
  present (第八条 三分之二 = 126 to meet, 六、4 五分之四 = 152 to elect), 5 candidates
  for 3 seats (第3项), one vote entered as its tally sheet, counted, certified and
  published. From the file: the 189, the 3 seats and 5 candidates, and the three elected —
  its presidium 李有辉、封尚、赵晓越. All five candidates are linked to their records.
  Invented: the other two candidates, every figure of the tally, the invalid ballots, the
  监票人/计票人/唱票人 and the 文号's 机关代字 学代发; see ``PRESIDIUM_*`` below. The
  congress session's note names the election (``zhidu elections show xg-presidium-5``).
  The core's demo data already records the three in the presidium's posts from
  2022-11-14 (选任), so ``zhidu union congress seat`` is not run here: it refuses, saying
  who holds the post.
- 四、工作人员名单: 年级 → year enrolled; 成绩排名 → the ranking (basis 入学以来 — the
  footnote allows any of the three; the file does not say which); no failed course (the
  list shows none). 2022级 are first-year students in November 2022 and have no ranking.
- 十、: 王惠 (分管学生会组织的校团委副书记) guides the union and 禹慧 is the
  secretary-general, both 专职团干部, from the 2022-11-14 congress on.

Nothing else: the file records no training, no award, no Party hearing and no league
branch (its own answer to standard 14 is 否), so the computed assessment says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from core.api import Action, CheckContext, Context, Person, add_person, org_row
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
#: Invented figures: all 189 delegates present (as the congress and its attendance are
#: recorded — ``elect_presidium`` refuses a figure disagreeing with the list), 189 ballots
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

#: The majors of the college's invented delegates (the file names none).
MAJORS = ("计算机科学与技术", "软件工程", "电子信息工程", "通信工程", "物联网工程", "自动化")
#: Invented delegates per grade, and their 政治面貌 beyond 团员 (the file: 团员152人 of
#: 189; the six staff delegates are 团员, so 146 of these 183).
DELEGATES_PER_GRADE = {2019: 36, 2020: 45, 2021: 48, 2022: 54}
NOT_LEAGUE = {"中共党员": 8, "中共预备党员": 9, "群众": 20}
LEAGUE_CADRES = 17  # 团干17人 (八)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
)
_GIVEN = {
    "男": ("子轩", "浩宇", "宇航", "俊杰", "志强", "明哲", "嘉豪", "文涛", "晨阳", "天佑",
           "振华", "博文", "泽宇", "一凡", "子豪", "思远", "皓然", "鹏飞", "立诚", "家乐",
           "国栋", "承泽", "昊天", "睿", "磊", "凯", "翔", "毅", "航", "斌"),
    "女": ("雨萱", "欣怡", "梓涵", "诗琪", "佳怡", "语嫣", "思雨", "可欣", "梦瑶", "静怡",
           "婉婷", "晓雯", "雅琪", "紫涵", "心怡", "若曦", "嘉欣", "雪婷", "晨曦", "一诺",
           "颖", "婷", "琳", "悦", "瑶", "倩", "莹", "洁", "茜", "蕾"),
}  # fmt: skip


@attrs.frozen
class Delegate:
    """An invented 正式代表 of the 第五次学生代表大会 (see the module's docstring)."""

    name: str
    gender: str
    birth_date: date
    grade: int
    major: str
    political_status: str = "共青团员"
    note: str = ""

    @property
    def elected_by(self) -> str:
        return f"{self.major}专业{self.grade}级选举单位"

    @property
    def joined(self) -> date:
        return date(self.grade, 9, 1)


#: 四、工作人员名单: no invented delegate takes one of these names.
_STAFF_NAMES = frozenset(
    ("李有辉", "封尚", "赵晓越", "戚正阳", "陈彦彤", "徐玮萁", "吴苏", "周颖", "丁颖", "丁天昊",
     "姚婧岚", "刘佳丽", "汪佳乐", "孟令杰", "姚欣昂", "周育见", "李业鑫", "于一鸣", "陈晓彤",
     "陈筱菡", "朱芷易", "蔡雨桐", "林碧蕊", "殷春", "杨粤宁", "张鑫", "梅子璇", "徐晨博", "李黔",
     "张贝贝")
)  # fmt: skip
#: Invented delegates named elsewhere in this module: the two candidates not elected and
#: the election's ten staff (name, gender, grade).
_NAMED = (
    ("王思远", "男", 2020), ("周若琳", "女", 2020), ("钱文博", "男", 2019),
    ("孙嘉怡", "女", 2019), ("郑浩然", "男", 2020), ("何思琪", "女", 2021),
    ("马俊杰", "男", 2021), ("高雅婷", "女", 2021), ("罗天宇", "男", 2021),
    ("梁欣然", "女", 2022), ("宋子涵", "女", 2022), ("唐一帆", "男", 2022),
)  # fmt: skip


def _invented_delegates() -> tuple[Delegate, ...]:
    """The 183 invented delegates, deterministic: those named in this module first, then
    names drawn in turn from common surnames and given names (none a staff member's, none
    twice); 党员 and 预备党员 among the first drawn of the senior grades, 群众 and 团干
    spread through the list."""
    taken = set(_STAFF_NAMES) | {n for n, _, _ in _NAMED}
    left = dict(DELEGATES_PER_GRADE)
    people: list[tuple[str, str, int]] = []
    for name, gender, grade in _NAMED:
        people.append((name, gender, grade))
        left[grade] -= 1
    n = 0
    for grade, count in left.items():
        for _ in range(count):
            while True:
                gender = "女" if n % 9 in (1, 4, 6, 8) else "男"
                given = _GIVEN[gender]
                name = _SURNAMES[(n * 7) % len(_SURNAMES)] + given[(n * 13 + n // 30) % len(given)]
                n += 1
                if name not in taken:
                    break
            taken.add(name)
            people.append((name, gender, grade))
    statuses = ["共青团员"] * len(people)
    party = [s for s in ("中共党员", "中共预备党员") for _ in range(NOT_LEAGUE[s])]
    for i, status in enumerate(party, start=len(_NAMED)):  # the first drawn: 2019级, 2020级
        statuses[i] = status
    masses = [i for i in range(len(people)) if statuses[i] == "共青团员" and i % 8 == 4]
    for i in masses[: NOT_LEAGUE["群众"]]:
        statuses[i] = "群众"
    league = [i for i in range(len(people)) if statuses[i] == "共青团员" and i % 8 == 6]
    cadres = set(league[:LEAGUE_CADRES])
    return tuple(
        Delegate(
            name, gender, date(grade - 18, 1 + (i * 5) % 12, 1 + (i * 11) % 28), grade,
            MAJORS[i % len(MAJORS)], statuses[i], "团干" if i in cadres else "",
        )
        for i, (name, gender, grade) in enumerate(people)
    )  # fmt: skip


DELEGATES = _invented_delegates()


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
    session = services.add_congress(
        ctx, org_code, held_on=CONGRESS, kind="学生代表大会", delegates=189, present=189,
        elects_presidium=True,
        note=f"第五次学生代表大会；到会人数文件未载明，按代表数量记；"
        f"选举主席团：zhidu elections show {PRESIDIUM_ELECTION}",
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
    people = {p.name: p.id for p in check.people}
    staff = sorted((p for p in check.people if p.id in first_start), key=lambda p: p.id)
    members = [p for p in staff if first_start[p.id] <= CONGRESS]  # joined before the day
    made = _add_delegates(ctx, org_code, session["id"], members)
    people |= made
    services.mark_present(
        ctx, org_code, session["id"], [*(p.id for p in members), *made.values()],
        note="到会人数文件未载明，按代表数量记",
    )  # fmt: skip
    _elect_presidium(ctx, org_code, session["id"], people)


def _add_delegates(
    ctx: Context, org_code: str, congress_id: int, staff: Sequence[Person]
) -> dict[str, int]:
    """The congress's 189 正式代表: the staff who were members on the day, then the
    invented ones (each a person of the records who joined on enrolment); name → id."""

    for person in staff:
        grade = str(person.extra.get("grade", ""))
        services.add_delegate(
            ctx, org_code, congress_id, person.id, elected_by=f"信息工程学院{grade}选举单位",
            note="学生会工作人员",
        )  # fmt: skip
    made: dict[str, int] = {}
    for d in DELEGATES[: 189 - len(staff)]:
        person = add_person(
            ctx, org_code, name=d.name, gender=d.gender, birth_date=d.birth_date,
            education="高中", degree="无", political_status=d.political_status,
            extra={"grade": f"{d.grade}级", "major": d.major, "delegate": "第五次学生代表大会"},
        )  # fmt: skip
        services.join(ctx, org_code, person.id, d.joined)
        services.add_delegate(
            ctx, org_code, congress_id, person.id, elected_by=d.elected_by, note=d.note
        )
        made[d.name] = person.id
    return made


def _elect_presidium(
    ctx: Context, org_code: str, congress_id: int, people: Mapping[str, int]
) -> None:
    """The 第五届 presidium elected by the 第五次学生代表大会 through the elections engine
    (a stand-in elections plugin without tables, as in some tests, records nothing):
    ``services.elect_presidium`` checks the quorums on the session's delegates, orders
    the candidates by 笔划 and links the election to the session; the tally sheet, the
    count, certification and publication are the engine's."""
    engine = ctx.host.plugins.get("elections")
    if engine is None or not engine.migrations:
        return
    from plugins.elections import services as elections

    staff: dict[str, Any] = {
        "scrutineers": PRESIDIUM_SCRUTINEERS,
        "counters": PRESIDIUM_COUNTERS,
        "tellers": PRESIDIUM_TELLERS,
    }
    services.elect_presidium(
        ctx, org_code, congress_id, code=PRESIDIUM_ELECTION, title="第五届学生会主席团",
        seats=3, candidates=[(n, people.get(n)) for n in PRESIDIUM_CANDIDATES],
        present=PRESIDIUM_PRESENT, ballots_issued=PRESIDIUM_PRESENT, **staff,
    )  # fmt: skip
    elections.enter_sheet(
        ctx, org_code, PRESIDIUM_ELECTION, ballots_counted=PRESIDIUM_PRESENT,
        votes={PRESIDIUM_OFFICE: PRESIDIUM_VOTES}, invalid=PRESIDIUM_INVALID, **staff,
    )  # fmt: skip
    elections.count_round(ctx, org_code, PRESIDIUM_ELECTION, ballots_returned=PRESIDIUM_PRESENT)
    elections.certify_result(ctx, org_code, PRESIDIUM_ELECTION)
    elections.publish_result(ctx, org_code, PRESIDIUM_ELECTION, prefix="学代发")
