"""The congress (学生代表大会), as pure values (student-union-bylaws.txt): who may be a
delegate, the order candidates are printed in (姓氏笔划), who may not stand (the
election's staff), and the schedule (七、日程和主要议程表) as items dated from the
congress's day. The quorums and the majority are the elections engine's
(``union_presidium``); nothing here reads or writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

import attrs

from core.api import Citation, InvalidInput

__all__ = [
    "ABSENT",
    "AGENDA",
    "ATTENDANCE_KINDS",
    "DELEGATE_ELIGIBILITY",
    "DELEGATE_KINDS",
    "ELECTED_BY_CONGRESS",
    "ELECTION_PRESENCE",
    "FORMAL",
    "MEETING_QUORUM",
    "NO_PROXY",
    "OBSERVER",
    "PRESENT",
    "PUBLISHED_AT_ONCE",
    "SEATS_BY_VOTES",
    "STAFF_NOT_CANDIDATES",
    "STROKES",
    "STROKE_ORDER",
    "AgendaItem",
    "Elected",
    "by_strokes",
    "due",
    "item",
    "presidium_ranks",
    "staff_standing",
    "strokes_of",
]

SOURCE = "student-union-bylaws.txt"
METHOD = "六、信息工程学院主席团成员选举办法"
SCHEDULE = "七、第五次学生代表大会日程和主要议程表"

FORMAL = "正式代表"
OBSERVER = "列席代表"
DELEGATE_KINDS = (FORMAL, OBSERVER)

#: Who may be a delegate. The file gives no eligibility rule of its own for delegates:
#: 八、代表产生办法 says the 189 正式代表 were 选举产生 by the 选举单位 (自下而上) and
#: that 院团委 reviewed their 代表资格; its list of 代表的共同特点 describes them and is
#: not a rule. zhidu reads the right to elect and be elected from the membership:
#: 第6条(三) 会员……享有平等的选举权、被选举权和表决权, and a member is a student
#: with the college's 学籍 (第5条). 列席代表 (通过大会列席人员名单, 七) do not vote.
DELEGATE_ELIGIBILITY = Citation(
    SOURCE,
    "第5条、第6条(三)",
    "凡取得……学籍的在校全日制学生，承认本会章程……均可成为本会会员；"
    "会员在本会内享有平等的选举权、被选举权和表决权",
)
STROKE_ORDER = Citation(SOURCE, f"{METHOD} 第4项", "候选人名单按姓氏笔划为序排列")
STAFF_NOT_CANDIDATES = Citation(SOURCE, f"{METHOD} 第7项", "所有选举工作人员必须是非委员候选人")
NO_PROXY = Citation(SOURCE, f"{METHOD} 第6项", "因故未出席本次代表大会的代表,不得委托他人代为投票")
#: Attendance (出席/缺席) is recorded per 正式代表: the congress meets with 三分之二以上 of
#: its elected delegates attending (第八条), the election proceeds with 五分之四以上 of
#: the formal delegates present (六、4) — once a session's attendance is recorded, those
#: recorded present are the figure, not a number typed; a 列席代表 or anyone else is never
#: counted present for a delegate (六、6, :data:`NO_PROXY`).
PRESENT = "出席"
ABSENT = "缺席"
ATTENDANCE_KINDS = (PRESENT, ABSENT)
MEETING_QUORUM = Citation(SOURCE, "第八条", "当有三分之二以上当选代表参加时,方可召开")
ELECTION_PRESENCE = Citation(
    SOURCE, f"{METHOD} 第4项", "大会选举必须有五分之四以上的正式代表出席，选举方能进行"
)
ELECTED_BY_CONGRESS = Citation(
    SOURCE,
    f"{METHOD} 第1项",
    "第五届学生会主席团成员由信息工程学院第五届学生代表大会选举产生",
)

#: The posts of the elected presidium: the congress elects the presidium's members and the
#: 主席 (第十条). When the election's offices are the posts themselves (主席, 副主席), each
#: office gives its post; when it elects the presidium as one body (主席团成员, as 六、3
#: does), the file does not say who of them is 主席 — zhidu's reading: the one elected
#: first with the most votes, unless the 主席 is named; the others are 副主席.
SEATS_BY_VOTES = Citation(SOURCE, "第十条", "学生会主席团成员、主席人选由学生代表大会选举产生")
#: Only a published result takes office: 选举结果当场公布 (六、5).
PUBLISHED_AT_ONCE = Citation(SOURCE, f"{METHOD} 第5项", "选举结果当场公布")

#: 笔划 of common surnames (规范汉字, 简化字形). The file orders by the count alone; names
#: with the same count keep the order given (六、4 says nothing more). A surname missing
#: here is given with ``strokes={"姓": n}``. Compound surnames count their first character.
STROKES: Mapping[str, int] = {
    **dict.fromkeys("丁卜刁", 2),
    **dict.fromkeys("于万马", 3),
    **dict.fromkeys("王毛孔尹方文牛邓韦卞车尤计仇巴丰", 4),
    **dict.fromkeys("石田白史叶冯卢包龙甘司左丘申古付艾", 5),
    **dict.fromkeys("刘朱江许孙米任华伍向祁邢庄汤阮齐吕安关乔匡闫师成曲", 6),
    **dict.fromkeys("李吴何杨宋张陈沈杜苏邹汪余辛严岑谷花劳时连邱应冷寿肖", 7),
    **dict.fromkeys("周林金罗郑孟武易房范欧季岳庞尚宗官屈竺苗郎茅和明郁卓经", 8),
    **dict.fromkeys("赵封胡姜姚俞侯洪施贺段骆钟柳祝娄秋查柯宣费郝闻荣项饶柏胥", 9),
    **dict.fromkeys("唐徐高郭夏秦钱袁顾陶聂殷倪翁耿贾晏栗凌谈莫桂诸党原晁", 10),
    **dict.fromkeys("黄曹梁萧崔康常章盛麻龚符庾阎商戚隋梅寇", 11),
    **dict.fromkeys("彭董程傅韩曾温舒焦鲁童葛游覃储蒋谢喻惠粟景嵇", 12),
    **dict.fromkeys("蒲雷詹路甄靳赖虞解廉楚褚", 13),
    **dict.fromkeys("廖谭熊蔡管裴缪翟臧", 14),
    **dict.fromkeys("潘黎颜樊滕", 15),
    **dict.fromkeys("薛霍穆燕冀衡", 16),
    **dict.fromkeys("戴魏鞠檀", 17),
}


def strokes_of(name: str, extra: Mapping[str, int] | None = None) -> int:
    """The 笔划 of the surname (the first character) of ``name``."""
    surname = name.strip()[:1]
    table = {**STROKES, **(extra or {})}
    if surname not in table:
        raise InvalidInput(
            "candidate",
            name,
            f"姓“{surname}”的笔划不在表中，请以 --strokes {surname}=N 给出 "
            f"(the strokes of this surname are not known: give them; {STROKE_ORDER})",
        )
    return table[surname]


def by_strokes(names: Iterable[str], extra: Mapping[str, int] | None = None) -> tuple[str, ...]:
    """``names`` in the order the ballot prints them: by the surname's 笔划 (六、4);
    equal counts keep the order given."""
    given = list(names)
    return tuple(sorted(given, key=lambda n: strokes_of(n, extra)))


def staff_standing(candidates: Iterable[str], staff: Iterable[str]) -> tuple[str, ...]:
    """The election's staff (总监票人、总计票人、监票人、计票人, 六、7) who are also
    candidates, in the candidates' order."""
    working = {s.strip() for s in staff}
    return tuple(c for c in candidates if c.strip() in working)


# -- the schedule ------------------------------------------------------------------------


@attrs.frozen
class AgendaItem:
    """One row of the schedule: ``offset`` days from the congress (the file's 11月14日),
    the time, the meeting and its business as the file words them."""

    code: str
    offset: int
    time: str
    meeting: str
    business: tuple[str, ...]
    attendees: str

    @property
    def citation(self) -> Citation:
        return Citation(SOURCE, SCHEDULE, f"{self.meeting}：" + "；".join(self.business))


def _item(
    code: str, offset: int, time: str, meeting: str, attendees: str, *business: str
) -> AgendaItem:
    return AgendaItem(code, offset, time, meeting, tuple(business), attendees)


#: The 第五次学生代表大会's schedule (congress on 11月14日). Days before the congress are
#: the file's dates less the 14th: 11月1日 is 13 days before. 11月4-7日 is due by its
#: last day (7 days before). The table's 11月14日 rows say 周六; the heading says
#: 11月14日(周一) and 2022-11-14 was a Monday: only the day counts here.
AGENDA: tuple[AgendaItem, ...] = (
    _item("delegations-1", -13, "14:00", "各代表团会议", "各代表团成员",
          "推选代表团团长、副团长", "酝酿讨论主席团成员、秘书长建议名单和大会议程"),
    _item("heads-1", -12, "15:00", "代表团团长会议", "各代表团团长",
          "汇报代表对大会主席团、秘书长建议名单讨论情况"),
    _item("heads-2", -11, "14:00", "代表团团长会议", "各代表团团长",
          "落实预备会议相关工作", "讨论预备会议及正式会议议程",
          "布置大会工作报告及提案工作报告的审议工作"),
    _item("delegations-2", -7, "11月4-7日", "各代表团会议", "各代表团成员",
          "传达代表团团长会议精神", "讨论大会工作报告（草案）", "讨论学生会章程修改（草案）",
          "审议代表资格审查报告", "审议大会主席团成员名单", "审议大会选举办法及工作人员名单",
          "审议预备会议以和正式会议议程", "介绍第四届学生会委员会委员候选人",
          "介绍出席校学代会代表候选人"),
    _item("presidium-1", -4, "14:00", "主席团第一次会议", "大会主席团成员",
          "明确大会主席团的任务", "通过大会主席团常务主席名单",
          "讨论确定总监票人、监票人建议名单", "通过大会列席人员名单",
          "各代表团汇报讨论情况及审议意见", "确定参加会议的相关要求"),
    _item("preparatory", -1, "16:00", "预备会议", "全体代表",
          "听取大会筹备工作报告", "审议并通过代表资格审查报告",
          "审议并通过大会主席团成员名单、秘书长名单、副秘书长名单", "审议并通过大会选举办法",
          "审议并通过工作人员名单", "介绍第四届学生会委员会委员候选人",
          "介绍出席校学代会代表候选人", "审议并通过正式会议议程", "宣读大会注意事项"),
    _item("opening", 0, "16:00", "大会开幕式", "全体代表",
          "宣布到会代表人数，介绍上级领导、嘉宾", "宣布大会开幕，奏唱《国歌》、《团歌》",
          "工作人员宣读贺信、贺电（没有可忽略）", "学院团委领导讲话", "学院党总支领导讲话"),
    _item("plenary-1", 0, "18:00", "第一次全体会议", "全体代表",
          "学生会委员会工作报告", "学生代表提案办理情况及提请征集情况的报告"),
    _item("delegations-3", 0, "18:30", "代表团讨论", "各代表团成员",
          "讨论学代会报告", "讨论大会《选举办法（草案）》", "讨论《学生会章程修正案（草案）》",
          "讨论提案内容", "酝酿学生会委会委员候选人预备人选名单", "有需要通过的其他章程草案"),
    _item("presidium-2", 0, "19:00", "主席团第二次会议", "主席团成员",
          "听取各代表团讨论情况的汇报",
          "确定学生会主席团候选人、学生会委会委员候选人、出席校学代会代表候选人名单",
          "审议通过计票人、总计票人名单"),
    _item("plenary-2", 0, "19:30", "第二次全体会议", "全体代表",
          "通过工作报告的决议", "通过学生会章程修正案（草案）", "通过选举办法",
          "通过总监票人、监票人名单，宣布计票人名单", "选举学生会主席团、学生会委员会委员",
          "选举出席校学代会代表"),
    _item("presidium-3", 0, "20:00", "主席团第三次会议", "主席团成员",
          "听取大会选举结果的报告", "确定当选主席团名单、委员名单、出席校学代会代表名单",
          "确定学生会委员会第一次全体会议主持人"),
    _item("closing", 0, "20:30", "闭幕式", "全体代表",
          "宣布大会选举结果", "致闭幕词", "奏《国际歌》", "宣布学代会闭幕"),
    _item("committee-1", 0, "21:00", "学生会委员会第一次全体会议", "学生会委员",
          "选举学生会秘书长"),
)  # fmt: skip


def due(agenda_item: AgendaItem, congress_on: date) -> date:
    """The day an item is due for a congress held on ``congress_on``."""
    return congress_on + timedelta(days=agenda_item.offset)


def item(code: str, agenda: Sequence[AgendaItem] = AGENDA) -> AgendaItem:
    for candidate in agenda:
        if candidate.code == code:
            return candidate
    raise InvalidInput(
        "item", code, f"no such agenda item: one of {', '.join(a.code for a in agenda)}"
    )


# -- the elected take office --------------------------------------------------------------

CHAIR = "主席"
VICE_CHAIR = "副主席"
PRESIDIUM_POSTS = ("主席", "副主席", "轮值执行主席")


@attrs.frozen
class Elected:
    """One person elected: the office, the vote (round) that elected them and its ✓ votes."""

    office: str
    name: str
    round: int
    votes: int


def presidium_ranks(
    elected: Sequence[Elected], chair: str | None = None
) -> tuple[tuple[str, str], ...]:
    """(name, post rank) for everyone elected, in the order given (:data:`SEATS_BY_VOTES`):
    an office named for a post (主席, 副主席, 轮值执行主席) gives that post; the others
    (the presidium as one body) give 主席 to ``chair`` — or, when the 主席 is not elected
    as its own office and none is named, to the one elected in the earliest vote with the
    most votes — and 副主席 to the rest. Equal votes at the top, or a ``chair`` who was
    not elected, are refused: name the 主席."""
    names = [e.name for e in elected]
    if chair is not None and chair not in names:
        raise InvalidInput(
            "chair", chair, f"was not elected: one of {'、'.join(names)} ({SEATS_BY_VOTES})"
        )
    by_post = {e.name: e.office for e in elected if e.office in PRESIDIUM_POSTS}
    body = [e for e in elected if e.office not in PRESIDIUM_POSTS]
    if chair is not None and chair in by_post and by_post[chair] != CHAIR:
        raise InvalidInput(
            "chair", chair, f"was elected {by_post[chair]}: the congress chose that post"
        )
    elected_chair = [n for n, office in by_post.items() if office == CHAIR]
    if chair is not None and elected_chair and chair not in elected_chair:
        raise InvalidInput(
            "chair", chair, f"the congress elected the 主席: {'、'.join(elected_chair)}"
        )
    head = chair
    if head is None and body and CHAIR not in by_post.values():
        ranked = sorted(body, key=lambda e: (e.round, -e.votes))
        top = [e.name for e in ranked if (e.round, e.votes) == (ranked[0].round, ranked[0].votes)]
        if len(top) > 1:
            raise InvalidInput(
                "chair",
                "、".join(top),
                f"have equal votes: name the 主席 (--chair) ({SEATS_BY_VOTES})",
            )
        head = top[0]
    return tuple(
        (e.name, by_post.get(e.name) or (CHAIR if e.name == head else VICE_CHAIR)) for e in elected
    )
