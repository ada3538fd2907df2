"""Demo-like documents, one of each template, for seeing the layout (``zhidu doc sample``).

The people and places are made up; the sample document number is not issued (only
:func:`core.documents.numbering.issue_number` issues numbers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.documents.layout import DocumentNumber, OfficialDocument, Paragraph
from core.documents.templates import (
    AppointmentRecord,
    Contact,
    FamilyMember,
    NoticeCandidate,
    ReviewResult,
    StandardResult,
    appointment_summary,
    pre_appointment_notice,
    title_review_result_notice,
    union_self_assessment,
    village_announcement,
)
from core.errors import InvalidInput

__all__ = ["SAMPLES", "sample"]


def _pre_appointment(today: dt.date) -> OfficialDocument:
    return pre_appointment_notice(
        issuer="中共广东药科大学委员会组织部",
        number=DocumentNumber("组发", today.year, 3),
        candidates=[
            NoticeCandidate(
                name="李明",
                gender="男",
                birth=dt.date(1978, 5, 12),
                political_status="中共党员",
                current_post="药学院副院长",
                proposed_post="药学院院长",
            ),
            NoticeCandidate(
                name="王芳",
                gender="女",
                birth=dt.date(1983, 9, 3),
                political_status="中共党员",
                current_post="人事处人事科科长",
                proposed_post="人事处副处长",
            ),
        ],
        period_start=today + dt.timedelta(days=2),
        period_end=today + dt.timedelta(days=8),
        working_days=5,
        contact=Contact(
            office="学校党委组织部",
            phone="020-39352000",
            address="广州大学城外环东路280号 行政楼301室",
            email="zzb@example.edu.cn",
        ),
        signature="中共广东药科大学委员会组织部",
        date=today,
    )


def _title_review(today: dt.date) -> OfficialDocument:
    return title_review_result_notice(
        issuer="某市人力资源和社会保障局",
        number=DocumentNumber("人社职", today.year, 12),
        committee="某市中小学教师中级职称评审委员会",
        review_date=today - dt.timedelta(days=7),
        results=[
            ReviewResult(name="陈静", unit="某市第一中学", title="一级教师", level="中级"),
            ReviewResult(name="赵强", unit="某市实验小学", title="一级教师", level="中级"),
            ReviewResult(name="周敏", unit="某县第二中学", title="一级教师", level="中级"),
        ],
        period_start=today + dt.timedelta(days=1),
        period_end=today + dt.timedelta(days=9),
        working_days=7,
        contact=Contact(office="市人力资源和社会保障局专业技术人员管理科", phone="0551-12345678"),
        signature="某市人力资源和社会保障局",
        date=today,
    )


def _village(today: dt.date) -> OfficialDocument:
    return village_announcement(
        4,
        committee="埔田镇某村村民选举委员会",
        body=[
            "根据《埔田镇第七届村民委员会选举操作规程》，现将本村参选村民名单以村民小组为单位张榜公布"
            "（名单附后）。",
            "村民对参选村民名单有异议的，可以自名单公布之日起5日内向村民选举委员会申诉，"
            "村民选举委员会自收到申诉之日起3日内作出处理决定，并书面告知有关村民。",
            "选举日外出不能参加投票的参选村民，可以书面委托本村有选举权的近亲属代为投票，"
            "每一参选村民接受委托投票不得超过三人，委托投票应当自名单公布之日起六日内办理。",
        ],
        date=today,
    )


def _union(today: dt.date) -> OfficialDocument:
    notes = {3: "实有30人", 4: "实有3人", 9: f"{today.year}年11月14日召开"}
    return union_self_assessment(
        union="信息工程学院学生会",
        results=[StandardResult(n != 14, notes.get(n, "")) for n in range(1, 15)],
        date=today,
        signature="信息工程学院学生会",
    )


def _appointment(today: dt.date) -> OfficialDocument:
    return appointment_summary(
        AppointmentRecord(
            name="李明",
            gender="男",
            birth=dt.date(1978, 5, 12),
            ethnicity="汉族",
            native_place="广东梅州",
            birthplace="广东广州",
            party_date=dt.date(2001, 6, 1),
            work_start=dt.date(2004, 7, 1),
            health="健康",
            title="教授",
            education="研究生 博士",
            school="中国药科大学药学院药剂学专业",
            current_post="药学院副院长",
            proposed_post="药学院院长",
            proposed_removal="药学院副院长",
            resume=(
                "2004.07—2012.06  广东药科大学药学院教师",
                "2012.06—2019.09  广东药科大学药学院药剂学系主任",
                "2019.09—        广东药科大学药学院副院长",
            ),
            rewards="2021年获校优秀共产党员",
            assessments="近三年年度考核均为优秀",
            reason="工作需要",
            family=(
                FamilyMember(
                    relation="妻子",
                    name="张丽",
                    birth=dt.date(1980, 3, 1),
                    political_status="群众",
                    work="广州市某医院医师",
                ),
            ),
        ),
        reporting_unit="中共广东药科大学委员会组织部",
        date=today,
    )


def _plain(today: dt.date) -> OfficialDocument:
    return OfficialDocument(
        issuer="某镇人民政府",
        number=DocumentNumber("某府", today.year, 1),
        title="关于做好年度考勤统计工作的通知",
        addressee="各村（居）委会，镇直各单位",
        body=(Paragraph("请于本月底前报送本单位年度考勤统计表。"),),
        signature="某镇人民政府",
        date=today,
        copy_to="镇纪委",
    )


SAMPLES: dict[str, Callable[[dt.date], OfficialDocument]] = {
    "pre-appointment": _pre_appointment,
    "title-review": _title_review,
    "village-announcement": _village,
    "union-self-assessment": _union,
    "appointment-summary": _appointment,
    "notice": _plain,
}


def sample(kind: str, today: dt.date) -> OfficialDocument:
    """The sample document of ``kind`` dated ``today``."""
    if kind not in SAMPLES:
        raise InvalidInput("kind", kind, f"one of {', '.join(SAMPLES)}")
    return SAMPLES[kind](today)
