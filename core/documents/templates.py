"""The notices and forms the regulations call for, as :class:`OfficialDocument` values.

Each template takes plain data — names, dates, rows — and returns a document; none of
them reads the database, the clock or a parameter. The caller (a plugin's service)
computes what the regulations require (a 公示期 of enough working days, who passed,
which standard is met) and the template lays it out and cites the clause.

==========================  ===================================================================
template                    source (shared/regulations)
==========================  ===================================================================
pre_appointment_notice      cadre-selection-appointment.txt 第十七条 任职: 任职前公示, 公示期不少于
                            五个工作日
title_review_result_notice  professional-title-review.txt 第二十五条 (公示, 不少于5个工作日) and
                            第二十六条 (姓名、单位、取得职称名称、级别; 受理来信来访)
village_announcement        village-committee-election.txt, 选举操作规程: 第1号 … 第15号公告
union_self_assessment       student-union-bylaws.txt, 学生会组织改革自评表 (14 standards)
appointment_summary         cadre-selection-appointment.txt 第十五条 考察: 《干部任免审批表》
==========================  ===================================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from core.documents.layout import (
    Block,
    DocumentNumber,
    Form,
    FormField,
    OfficialDocument,
    Paragraph,
    Table,
    chinese_date,
)
from core.errors import InvalidInput
from core.findings import Citation
from core.rules.periods import completed_years

__all__ = [
    "APPOINTMENT_FORM",
    "PRE_APPOINTMENT_NOTICE",
    "TITLE_REVIEW_NOTICE",
    "UNION_SELF_ASSESSMENT",
    "UNION_STANDARDS",
    "VILLAGE_ANNOUNCEMENTS",
    "AppointmentRecord",
    "Contact",
    "FamilyMember",
    "NoticeCandidate",
    "ReviewResult",
    "StandardResult",
    "VillageAnnouncement",
    "appointment_summary",
    "pre_appointment_notice",
    "title_review_result_notice",
    "union_self_assessment",
    "village_announcement",
    "year_month",
]

CADRE = "cadre-selection-appointment.txt"
TITLES = "professional-title-review.txt"
VILLAGE = "village-committee-election.txt"
UNION = "student-union-bylaws.txt"

PRE_APPOINTMENT_NOTICE = Citation(
    CADRE,
    "第十七条 任职",
    "实行干部任职前公示制度。新提拔任用的干部,在校党委全委会或常委会讨论决定后、下发任职通知之前,"
    "应在校内进行公示。公示期不少于五个工作日。公示结果不影响任职的,办理任职手续。",
)
TITLE_REVIEW_NOTICE = Citation(
    TITLES,
    "第二十五条、第二十六条",
    "评委会组建单位对评审结果进行公示，公示期不少于5个工作日。公示无异议后，将评审结果按管理权限报"
    "相应职称管理部门审核批复……拟批准人员姓名、单位、取得职称名称、级别……公示期间受理来信来访",
)
UNION_SELF_ASSESSMENT = Citation(
    UNION, "学生会组织改革自评表", "项目 / 符合标准学生会组织数量 / 备注 (标准1–14)"
)
APPOINTMENT_FORM = Citation(
    CADRE, "第十五条 考察", "对已任职的,考察材料、《干部任免审批表》归入个人档案"
)

#: The regulation named in the body of a pre-appointment notice, unless the caller names another.
CADRE_REGULATION = "《广东药科大学党政领导干部选拔任用与管理实施办法（试行）》"
TITLE_REGULATION = "《安徽省职称评审工作实施办法》"


def _need(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip(" \u3000"):
        raise InvalidInput(field, value, "must not be empty (不能为空)")
    return value.strip(" \u3000")


def year_month(day: dt.date | None) -> str:
    """``1980.05``: year and month as the 干部任免审批表 writes 出生年月 and other months."""
    return "" if day is None else f"{day.year}.{day.month:02d}"


def _period(start: dt.date, end: dt.date, working_days: int | None, minimum: int, cite: str) -> str:
    if end < start:
        raise InvalidInput(
            "period_end", end.isoformat(), f"is before period_start {start.isoformat()}"
        )
    if working_days is not None and working_days < minimum:
        raise InvalidInput(
            "working_days",
            working_days,
            f"公示期不少于{minimum}个工作日 ({cite})",
        )
    days = f"（{working_days}个工作日）" if working_days is not None else ""
    return f"公示期：{chinese_date(start)}至{chinese_date(end)}{days}。"


@attrs.frozen(kw_only=True)
class Contact:
    """Where people report problems during a notice (受理反映): an office and how to reach it."""

    office: str
    phone: str = ""
    address: str = ""
    email: str = ""

    def lines(self) -> list[Block]:
        found = [
            ("联系电话", self.phone),
            ("来信地址", self.address),
            ("电子邮箱", self.email),
        ]
        return [Paragraph(f"{label}：{value}") for label, value in found if value.strip()]


# ---------------------------------------------------------------- 任前公示


@attrs.frozen(kw_only=True)
class NoticeCandidate:
    """A person on a pre-appointment notice (公示对象)."""

    name: str
    gender: str
    birth: dt.date
    political_status: str
    current_post: str
    proposed_post: str


def pre_appointment_notice(
    *,
    issuer: str,
    candidates: Sequence[NoticeCandidate],
    period_start: dt.date,
    period_end: dt.date,
    contact: Contact,
    signature: str,
    date: dt.date,
    number: DocumentNumber | None = None,
    decided_by: str = "学校党委常委会",
    working_days: int | None = None,
    regulation: str = CADRE_REGULATION,
    title: str = "干部任职前公示",
) -> OfficialDocument:
    """任前公示 (cadre-selection-appointment.txt 第十七条).

    The article asks for a notice after the 党委 decides and before the appointment is
    announced, 在校内, for at least five working days; the notice names the people and
    their proposed posts, the period, and where to report. ``working_days`` — counted by
    the caller on the organization's calendar — under five is refused.
    """
    if not candidates:
        raise InvalidInput("candidates", "", "a notice needs at least one person (公示对象)")
    period = _period(period_start, period_end, working_days, 5, f"{CADRE} 第十七条")
    rows = [
        (
            str(n),
            _need("name", c.name),
            c.gender,
            year_month(c.birth),
            c.political_status,
            c.current_post,
            _need("proposed_post", c.proposed_post),
        )
        for n, c in enumerate(candidates, 1)
    ]
    body: list[Block] = [
        Paragraph(
            f"经{_need('decided_by', decided_by)}研究，拟提拔任用以下{len(rows)}名同志。根据"
            f"{regulation}第十七条“实行干部任职前公示制度”的规定，在下发任职通知之前，"
            "现予以公示。"
        ),
        Table(
            ("序号", "姓名", "性别", "出生年月", "政治面貌", "现任职务", "拟任职务"),
            rows,
            caption="公示对象",
        ),
        Paragraph(period),
        Paragraph(
            f"公示期间，单位和个人可通过来电、来信、来访等方式，向{_need('office', contact.office)}"
            "反映公示对象在德、能、勤、绩、廉等方面的情况和问题。反映问题应实事求是，"
            "提供具体事实或线索。"
        ),
        *contact.lines(),
        Paragraph("公示结果不影响任职的，办理任职手续。"),
    ]
    return OfficialDocument(
        issuer=issuer,
        number=number,
        title=title,
        body=tuple(body),
        signature=signature,
        date=date,
    )


# ---------------------------------------------------------------- 职称评审结果公示


@attrs.frozen(kw_only=True)
class ReviewResult:
    """One person who passed a title review: the items 第二十六条 names."""

    name: str
    unit: str  # 单位
    title: str  # 取得职称名称, e.g. 副教授
    level: str  # 级别: 正高级/副高级/中级/初级


def title_review_result_notice(
    *,
    issuer: str,
    committee: str,
    results: Sequence[ReviewResult],
    period_start: dt.date,
    period_end: dt.date,
    contact: Contact,
    signature: str,
    date: dt.date,
    review_date: dt.date | None = None,
    number: DocumentNumber | None = None,
    working_days: int | None = None,
    regulation: str = TITLE_REGULATION,
    title: str = "职称评审结果公示",
) -> OfficialDocument:
    """职称评审结果公示 (professional-title-review.txt 第二十五条, 第二十六条).

    第二十五条: the body that formed the committee (评委会组建单位) publishes the results for
    at least 5 working days, then reports them. 第二十六条 lists what a result notice names —
    姓名、单位、取得职称名称、级别 — and that letters and visits are received meanwhile.
    """
    if not results:
        raise InvalidInput("results", "", "a result notice needs at least one person")
    period = _period(period_start, period_end, working_days, 5, f"{TITLES} 第二十五条")
    held = f"于{chinese_date(review_date)}召开评审会议，" if review_date else "经评审，"
    rows = [
        (str(n), _need("name", r.name), r.unit, _need("title", r.title), r.level)
        for n, r in enumerate(results, 1)
    ]
    body: list[Block] = [
        Paragraph(
            f"{_need('committee', committee)}{held}共{len(rows)}人通过评审。根据{regulation}"
            "第二十五条“评委会组建单位对评审结果进行公示，公示期不少于5个工作日”的规定，"
            "现将评审结果公示如下："
        ),
        Table(("序号", "姓名", "单位", "取得职称名称", "级别"), rows, caption="评审通过人员"),
        Paragraph(period),
        Paragraph(
            f"公示期间受理来信来访。对公示人员有异议的，请向{_need('office', contact.office)}"
            "反映，并提供具体事实或线索。"
        ),
        *contact.lines(),
        Paragraph("公示无异议后，将评审结果按管理权限报相应职称管理部门审核批复。"),
    ]
    return OfficialDocument(
        issuer=issuer,
        number=number,
        title=title,
        body=tuple(body),
        signature=signature,
        date=date,
    )


# ---------------------------------------------------------------- 村民选举委员会公告


@attrs.frozen
class VillageAnnouncement:
    """What announcement 第N号 publishes, as the 选举操作规程 enumerates it."""

    number: int
    subject: str
    section: str  # the row of the 选举操作规程 that names it
    words: str  # the words of that row

    @property
    def citation(self) -> Citation:
        return Citation(VILLAGE, f"选举操作规程 {self.section}", self.words)


_V = VillageAnnouncement

#: Announcements 第1号 … 第15号 of a village committee election, in the order of
#: village-committee-election.txt (附: 埔田镇第七届村民委员会选举操作规程).
VILLAGE_ANNOUNCEMENTS: tuple[VillageAnnouncement, ...] = (
    _V(
        1,
        "村选举委员会候选人建议意见、应选人数及推选时间、地点、方法",
        "第二阶段 四、1 推选村选举委员会",
        "选举前张榜公布……村选举委员会候选人的建议意见;村选委会应选人数;选举村选委会的时间、地点、方法"
        "(第1号公告)",
    ),
    _V(
        2,
        "村选举委员会名单和分工",
        "第二阶段 四、1 推选村选举委员会",
        "公布村选委会名单和分工(第2号公告)",
    ),
    _V(
        3,
        "村委会选举日、选举方式",
        "第二阶段 四、2 召开村选委会成员会议、村民代表会议",
        "研究确定并公布村委会选举日、选举方式(无候选人选举)(第3号公告)",
    ),
    _V(
        4,
        "参选村民名单",
        "第二阶段 五、3 公布参选村民名单",
        "在选举日20天前以村民小组为单位公布参选村民名单(第4号公告)",
    ),
    _V(
        5,
        "村民代表候选人建议名单及选举时间、地点、方法",
        "第二阶段 六、1 推选村民代表",
        "张榜公布……村民代表候选人的建议名单;村民代表选举时间、地点、方法(第5号公告)",
    ),
    _V(6, "村民代表选举结果", "第二阶段 六、1 推选村民代表", "公布选举结果(第6号公告)"),
    _V(
        7,
        "村民小组长候选人建议名单、应选职数及选举时间、地点、方法",
        "第二阶段 六、2 推选村民小组长",
        "张榜公布……村民小组长候选人的建议名单;村民小组正、副组长应选具体职数;选举时间、地点、方法"
        "(第7号公告)",
    ),
    _V(
        8,
        "村民小组长当选名单",
        "第二阶段 六、2 推选村民小组长",
        "当场公布选举结果,并张榜公布当选名单……(第8号公告)",
    ),
    _V(
        9,
        "村委会成员应选职数和要求、人选建议名单及投票选举时间、地点、方法",
        "第二阶段 七、1 公告",
        "在选举日前5天以公告形式公布……公布投票选举时间、地点、方法(第9号公告)",
    ),
    _V(
        10,
        "村委会选举结果和当选名单",
        "第二阶段 七、4 投票选举主任、副主任、委员",
        "全部“双过半”的公布第10号公告……并于当日或次日张榜公布当选名单(第10号公告)",
    ),
    _V(
        11,
        "另行选举（当选人数少于应选名额）",
        "第二阶段 七、4 投票选举主任、副主任、委员",
        "当选人数少于应选名额……不足的名额应当另行选举(第11号公告或11公告之附)",
    ),
    _V(
        12,
        "另行选举候选人名单",
        "第二阶段 七、4 投票选举主任、副主任、委员",
        "根据前一次投票时得票多少的顺序,按差额确定候选人名单,如果只选一人,候选人应为二人(第12号公告)",
    ),
    _V(
        13,
        "另行选举结果",
        "第二阶段 七、4 投票选举主任、副主任、委员",
        "以获得赞成票多者当选,但得票数不得少于三分之一(第13号公告)",
    ),
    _V(
        14,
        "推选村务监督委员会",
        "第二阶段 八、推选村务监督委员会",
        "推选村务监督委员会(第14号公告)",
    ),
    _V(
        15,
        "村务监督委员会组成人员",
        "第二阶段 八、推选村务监督委员会",
        "一般由主任、委员共3至5人组成(3000以下的村3人,3000人以上的村5人)(第15号公告)",
    ),
)


def village_announcement(
    number: int,
    *,
    committee: str,
    body: Sequence[str | Block],
    date: dt.date,
    signature: str | None = None,
    title: str | None = None,
) -> OfficialDocument:
    """村民选举委员会公告（第N号）, N from 1 to 15 (village-committee-election.txt,
    选举操作规程; :data:`VILLAGE_ANNOUNCEMENTS` says what each one publishes).

    The committee (e.g. 某村村民选举委员会) heads and signs it; ``body`` is the text
    (strings become paragraphs). A 公告 numbered 第N号 carries no 发文字号.
    """
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 15:
        raise InvalidInput(
            "number", number, f"village announcements run 第1号 … 第15号 ({VILLAGE} 选举操作规程)"
        )
    blocks = tuple(Paragraph(b) if isinstance(b, str) else b for b in body)
    if not blocks:
        raise InvalidInput("body", "", "an announcement needs its text (公告内容)")
    return OfficialDocument(
        issuer=_need("committee", committee),
        number=None,
        title=title or f"公告（第{number}号）",
        body=blocks,
        signature=signature or committee,
        date=date,
    )


# ---------------------------------------------------------------- 组织改革自评表

#: The 14 standards of the 学生会组织改革自评表 (student-union-bylaws.txt, top of the file).
UNION_STANDARDS: tuple[str, ...] = (
    "坚持全心全意服务同学，聚焦主责主业开展工作。未承担宿舍管理、校园文明纠察、安全保卫等行政职能。",
    "工作机构架构为“主席团+工作部门”模式，未在工作部门以上或以下设置“中心”、“项目办公室”等常设层级。",
    "工作人员不超过30人。",
    "主席团成员不超过3人。",
    "除主席、副主席（轮值执行主席）、部长、副部长、干事外未设其他职务。",
    "工作人员为共产党员或共青团员。",
    "工作人员中除一年级新生外的本专科生最近1个学期/最近1学年/入学以来三者取其一，学习成绩综合排名在"
    "本专业前30%以内，且无课业不及格情况；研究生无课业不及格情况。",
    "主席团由学生（研究生）代表大会（非其委员会、常务委员会、常任代表会议等）或全体学生（研究生）大会"
    "选举产生。",
    "按期规范召开学生（研究生）代表大会或全体学生（研究生）大会。",
    "开展了春、秋季学生会组织工作人员全员培训。",
    "工作人员参加评奖评优、测评加分、推荐免试攻读研究生等事项时，依据评议结果择优提名，未与其岗位"
    "简单挂钩。",
    "党组织定期听取学生会组织工作汇报，研究决定重大事项。",
    "明确1名团组织负责人指导院级学生会组织；聘任团委老师担任院级学生会组织秘书长。",
    "学生会组织工作机构应成立团支部，团支部书记由学生会主席团成员担任。",
)


@attrs.frozen
class StandardResult:
    """The self-assessment of one standard: met or not, and a note (实有30人 …)."""

    meets: bool
    note: str = ""


def union_self_assessment(
    *,
    union: str,
    results: Sequence[StandardResult | bool],
    date: dt.date,
    signature: str | None = None,
    issuer: str = "",
    details: str = "",
) -> OfficialDocument:
    """学生会组织改革自评表 (student-union-bylaws.txt): the 14 standards, each 符合 or 不符合
    with a note, and a count. ``results`` gives one per standard, in order."""
    if len(results) != len(UNION_STANDARDS):
        raise InvalidInput(
            "results",
            len(results),
            f"the self-assessment has {len(UNION_STANDARDS)} standards; give one result each",
        )
    checked = [r if isinstance(r, StandardResult) else StandardResult(bool(r)) for r in results]
    rows = [
        (str(n), text, "符合" if r.meets else "不符合", r.note)
        for n, (text, r) in enumerate(zip(UNION_STANDARDS, checked, strict=True), 1)
    ]
    missed = [str(n) for n, r in enumerate(checked, 1) if not r.meets]
    summary = f"符合标准{len(checked) - len(missed)}项，不符合{len(missed)}项"
    summary += f"（第{'、'.join(missed)}项）。" if missed else "。"
    body: list[Block] = [
        Table(("序号", "标准", "自评", "备注"), rows),
        Paragraph(summary),
    ]
    if details.strip():
        body.append(Paragraph(f"具体情况：{details.strip()}"))
    name = _need("union", union)
    return OfficialDocument(
        issuer=issuer,
        number=None,
        title=f"{name}组织改革自评表",
        body=tuple(body),
        signature=signature or name,
        date=date,
    )


# ---------------------------------------------------------------- 干部任免审批表


@attrs.frozen(kw_only=True)
class FamilyMember:
    """A row of 家庭主要成员及重要社会关系."""

    relation: str  # 称谓
    name: str
    birth: dt.date | None = None
    political_status: str = ""
    work: str = ""  # 工作单位及职务


@attrs.frozen(kw_only=True)
class AppointmentRecord:
    """What a 干部任免审批表 says of one person."""

    name: str
    gender: str
    birth: dt.date
    current_post: str
    proposed_post: str
    proposed_removal: str = ""  # 拟免职务
    ethnicity: str = ""  # 民族
    native_place: str = ""  # 籍贯
    birthplace: str = ""  # 出生地
    party_date: dt.date | None = None  # 入党时间
    work_start: dt.date | None = None  # 参加工作时间
    health: str = ""  # 健康状况
    title: str = ""  # 专业技术职务
    education: str = ""  # 学历学位
    school: str = ""  # 毕业院校系及专业
    resume: tuple[str, ...] = ()  # 简历, one line a period
    rewards: str = ""  # 奖惩情况
    assessments: str = ""  # 年度考核结果
    reason: str = ""  # 任免理由
    family: tuple[FamilyMember, ...] = ()


def appointment_summary(
    record: AppointmentRecord,
    *,
    reporting_unit: str,
    date: dt.date,
    approval: str = "",
    issuer: str = "",
    number: DocumentNumber | None = None,
) -> OfficialDocument:
    """干部任免审批表 in summary (cadre-selection-appointment.txt 第十五条: the form goes into
    the personal file). Months are written 1980.05 as the form does; the age is in whole
    years on ``date``. Empty values stay empty cells, to be filled by hand."""
    age = completed_years(record.birth, date)
    fields = (
        FormField("姓名", _need("name", record.name)),
        FormField("性别", record.gender),
        FormField("出生年月（岁）", f"{year_month(record.birth)}（{age}岁）"),
        FormField("民族", record.ethnicity),
        FormField("籍贯", record.native_place),
        FormField("出生地", record.birthplace),
        FormField("入党时间", year_month(record.party_date)),
        FormField("参加工作时间", year_month(record.work_start)),
        FormField("健康状况", record.health),
        FormField("专业技术职务", record.title),
        FormField("学历学位", record.education, wide=True),
        FormField("毕业院校系及专业", record.school, wide=True),
        FormField("现任职务", record.current_post, wide=True),
        FormField("拟任职务", _need("proposed_post", record.proposed_post), wide=True),
        FormField("拟免职务", record.proposed_removal, wide=True),
        FormField("简历", "\n".join(record.resume), wide=True),
        FormField("奖惩情况", record.rewards, wide=True),
        FormField("年度考核结果", record.assessments, wide=True),
        FormField("任免理由", record.reason, wide=True),
    )
    family = Table(
        ("称谓", "姓名", "出生年月", "政治面貌", "工作单位及职务"),
        [
            (m.relation, m.name, year_month(m.birth), m.political_status, m.work)
            for m in record.family
        ]
        or [("", "", "", "", "")],
        caption="家庭主要成员及重要社会关系",
    )
    unit = _need("reporting_unit", reporting_unit)
    opinions = Form(
        (
            FormField("呈报单位", f"{unit}\n{chinese_date(date)}", wide=True),
            FormField("审批机关意见", approval, wide=True),
            FormField("行政机关任免意见", "", wide=True),
        )
    )
    return OfficialDocument(
        issuer=issuer,
        number=number,
        title="干部任免审批表",
        body=(Form(fields), family, opinions),
        signature=unit,
        date=date,
    )
