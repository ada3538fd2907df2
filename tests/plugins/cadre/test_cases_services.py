"""The selection case through its services on the real database: each stage's rule at
its boundary, refusals written on the timeline, the term created, the documents read
back, the checks' findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from core.api import Action, Finding, InvalidInput, NotFound, Severity
from core.services.checks import CheckContext
from core.services.orgs import create_org, org_row
from core.services.posts import add_term, list_terms
from plugins.cadre import avoidance, procedure
from plugins.cadre.services import cases
from plugins.cadre.services.eligibility import set_profile
from plugins.cadre.tables.management import CadreAssessment, CadreSanction
from tests.conftest import audit_entries
from tests.plugins.cadre.test_cases_support import ORG, Case, kin, person, roster

pytestmark = pytest.mark.usefixtures("university")


def refused(case_id: int, ctx: Any) -> list[dict[str, Any]]:
    shown = cases.show_case(ctx, ORG, case_id)
    return [e for e in shown["timeline"] if e["outcome"] == "驳回"]


# ---------------------------------------------------------------- order (第三十四条)


def test_a_decision_without_a_motion_is_refused_and_written_on_the_timeline(cctx: Any) -> None:
    case = Case(cctx)
    with pytest.raises(cases.CaseRefused, match="临时动议") as error:
        case.vote()
    assert error.value.refusal.citation == procedure.AD_HOC
    (line,) = refused(case.id, cctx)
    assert line["stage"] == "讨论决定" and line["citation"]["article"] == "第三十四条（十一）"
    assert audit_entries(cctx, "cadre.case.refused")
    assert cases.show_case(cctx, ORG, case.id)["votes"] == []  # nothing of the vote written


def test_skipping_inspection_is_refused(cctx: Any) -> None:
    case = Case(cctx).motion().recommend()
    with pytest.raises(cases.CaseRefused, match="考察") as error:
        case.vote()
    assert error.value.refusal.citation == procedure.PROCEDURE


def test_recommendation_after_inspection_is_refused(cctx: Any) -> None:
    case = Case(cctx).motion().recommend().inspect()
    with pytest.raises(cases.CaseRefused) as error:
        case.recommend(on="2026-05-11")
    assert error.value.refusal.rule_id == "cadre.case.stage-late"


# ---------------------------------------------------------------- 动议 (第十三条)


def test_regular_motion_in_april_ok_in_may_refused(cctx: Any) -> None:
    case = Case(cctx)
    with pytest.raises(cases.CaseRefused, match="4月"):
        case.motion(on="2026-05-01")
    case.motion(on="2026-04-30")
    assert cases.show_case(cctx, ORG, case.id)["stages"][0]["state"] == "done"


def test_individual_motions_two_months_apart_and_at_most_two_a_year(cctx: Any) -> None:
    ids = [Case(cctx, post=p).id for p in ("yxy-fyz", "rsc-fcz", "szk-kz", "szk-fkz")]

    def move(case_id: int, on: str) -> None:
        cases.motion(cctx, ORG, case_id, kind="个别", on=on, consulted=True)

    move(ids[0], "2026-03-15")
    with pytest.raises(cases.CaseRefused, match="间隔不足2个月"):
        move(ids[1], "2026-05-14")
    move(ids[1], "2026-05-15")  # exactly two months
    with pytest.raises(cases.CaseRefused, match="每年不超过2次"):
        move(ids[2], "2026-09-01")
    move(ids[2], "2027-01-05")


def test_a_motion_is_recorded_once(cctx: Any) -> None:
    case = Case(cctx).motion()
    with pytest.raises(cases.CaseRefused):
        case.motion(on="2026-04-11")


# ---------------------------------------------------------------- 民主推荐 (第十四条)


def test_second_round_among_first_round_candidates_and_the_scatter_hint(cctx: Any) -> None:
    case = Case(cctx).motion()
    first = cases.recommend(
        cctx,
        ORG,
        case.id,
        kind="会议推荐",
        on="2026-04-20",
        participants=60,
        votes={case.a: 25, case.b: 20},
    )
    assert first["scatter_hint"] is True
    outsider = person(cctx, "丙")
    with pytest.raises(cases.CaseRefused, match="首轮"):
        cases.recommend(
            cctx,
            ORG,
            case.id,
            kind="二次会议推荐",
            on="2026-04-25",
            participants=40,
            votes={case.a: 30, outsider: 5},
            scattered=True,
        )
    second = cases.recommend(
        cctx,
        ORG,
        case.id,
        kind="二次会议推荐",
        on="2026-04-25",
        participants=40,
        votes={case.a: 30, case.b: 10},
        scattered=True,
    )
    assert second["scatter_hint"] is False
    shown = cases.show_case(cctx, ORG, case.id)
    assert [r["scattered"] for r in shown["recommendations"]] == [False, False, True, True]


def test_votes_cannot_exceed_participants(cctx: Any) -> None:
    case = Case(cctx).motion()
    with pytest.raises(Exception, match="more than the 10"):
        cases.recommend(
            cctx,
            ORG,
            case.id,
            kind="谈话推荐",
            on="2026-04-20",
            participants=10,
            votes={case.a: 11},
        )


def recommended_on(cctx: Any, held: str) -> Case:
    case = Case(cctx)
    cases.motion(cctx, ORG, case.id, kind="换届", on="2025-03-01", consulted=True)
    case.recommend(on=held)
    return case


def test_decision_on_day_365_of_the_recommendation_ok(cctx: Any) -> None:
    case = recommended_on(cctx, "2025-03-10")
    case.inspect(on="2026-03-01").checks(on="2026-03-02")
    assert case.vote(on="2026-03-10", members=9)["passed"]


def test_decision_on_day_366_of_the_recommendation_refused(cctx: Any) -> None:
    case = recommended_on(cctx, "2025-03-10")
    case.inspect(on="2026-03-01").checks(on="2026-03-02")
    with pytest.raises(cases.CaseRefused, match="已失效") as error:
        case.vote(on="2026-03-11", members=9)
    assert error.value.refusal.citation == procedure.RECOMMENDATION_VALID


def test_inspection_relying_on_an_expired_recommendation_refused(cctx: Any) -> None:
    case = recommended_on(cctx, "2025-03-10")
    with pytest.raises(cases.CaseRefused, match="已失效"):
        case.inspect(on="2026-03-11")


# ---------------------------------------------------------------- 考察 (第十五条, 第二十五条)


def test_inspection_exclusions_from_the_other_parts_tables(cctx: Any) -> None:
    case = Case(cctx).motion().recommend()
    org_id = org_row(cctx, ORG, Action.READ).id
    CadreAssessment.create(
        org=org_id,
        person=case.b,
        kind="年度",
        year=2024,
        assessed_on=date(2025, 1, 10),
        grade="基本称职",
    )
    with pytest.raises(cases.CaseRefused, match="基本称职") as error:
        case.inspect()
    assert error.value.refusal.citation == procedure.EXCLUSION_RATING
    CadreAssessment.delete().execute()
    set_profile(cctx, ORG, case.b, family_emigrated=True)
    with pytest.raises(cases.CaseRefused, match="移居"):
        case.inspect()
    set_profile(cctx, ORG, case.b, family_emigrated=False)
    CadreSanction.create(
        org=org_id,
        person=case.b,
        kind="诫勉",
        imposed_on=date(2026, 1, 5),
        until=date(2026, 7, 4),
        affects_use=True,
    )
    with pytest.raises(cases.CaseRefused, match="诫勉"):
        case.inspect()
    CadreSanction.delete().execute()
    case.inspect()


def test_inspection_refuses_the_unqualified(cctx: Any) -> None:
    case = Case(cctx, b_from="2026-05-11").motion().recommend()  # 乙: 正科级 from 2023-05-11
    with pytest.raises(cases.CaseRefused) as error:
        case.inspect(on="2026-05-10")
    refusal = error.value.refusal
    assert refusal.rule_id == "cadre.inspection.qualification"
    assert refusal.citation == procedure.INSPECTION_BASIS
    assert refusal.message_zh == (  # 第九条（二）3: three years as 正科级; 第十一条: no 破格
        "乙不符合任职资格：任正科级自2023-05-11起：2026-05-10满2年，不足3年；2026-05-11方满3年；"
        "未达到的条件（deputy_division.years_as_section）须破格提拔，但未登记破格提拔"
        "（特别优秀或工作特殊需要）"
    )
    assert error.value.person == case.b
    assert refused(case.id, cctx)[-1]["message_zh"] == refusal.message_zh
    case.inspect(on="2026-05-11")  # the third anniversary: qualified


def test_the_team_has_two_members_none_of_them_kin(cctx: Any) -> None:
    case = Case(cctx).motion().recommend()
    with pytest.raises(cases.CaseRefused, match="2名以上"):
        cases.inspect(
            cctx, ORG, case.id, team=case.team[:1], candidates=[case.a, case.b], on="2026-05-10"
        )
    kin(cctx, case.team[1], case.b)
    with pytest.raises(cases.CaseRefused, match="回避") as error:
        case.inspect()
    assert error.value.refusal.citation == procedure.TEAM_WITHDRAWAL


def test_equal_inspection_is_a_warning(cctx: Any) -> None:
    case = Case(cctx).motion().recommend()
    found = cases.inspect(cctx, ORG, case.id, team=case.team, candidates=[case.a], on="2026-05-10")[
        "findings"
    ]
    assert [f["severity"] for f in found] == ["warning"]
    assert found[0]["citation"]["words"] == procedure.OUTNUMBER.words


def test_the_decision_waits_for_the_four_checks(cctx: Any) -> None:
    case = Case(cctx).motion().recommend().inspect()
    cases.record_check(cctx, ORG, case.id, person_id=case.a, kind="档案必审", on="2026-05-20")
    with pytest.raises(cases.CaseRefused, match="凡提四必") as error:
        case.vote(members=9)
    assert "信访举报必查" in error.value.refusal.message_zh
    for kind in ("个人有关事项报告必核", "纪检监察意见必听", "信访举报必查"):
        cases.record_check(cctx, ORG, case.id, person_id=case.a, kind=kind, on="2026-05-21")
    assert case.vote(members=9)["passed"]


def test_a_section_post_outside_personnel_needs_no_checks(cctx: Any) -> None:
    case = Case(cctx, post="szk-fkz")  # 师资科 is under 人事处: 档案 and 个人事项
    case.motion().recommend().inspect()
    with pytest.raises(cases.CaseRefused, match="档案必审、个人有关事项报告必核"):
        case.vote(members=9)


# ---------------------------------------------------------------- 讨论决定 (第十六条)


def ready(cctx: Any) -> Case:
    return Case(cctx).motion().recommend().inspect().checks()


def test_exactly_two_thirds_of_the_roster_present_is_quorate(cctx: Any) -> None:
    case = ready(cctx)
    roster(cctx, 9)
    result = case.vote(present=6, yes=5, no=1)
    assert result["quorate"] and result["passed"] and result["roster"]
    assert result["base"] == 9


def test_one_fewer_than_two_thirds_is_not_quorate_and_may_vote_again(cctx: Any) -> None:
    case = ready(cctx)
    roster(cctx, 9)
    result = case.vote(present=5, yes=5, no=0)
    assert not result["quorate"] and not result["passed"]
    assert case.vote(on="2026-06-08", present=6, yes=5, no=1)["passed"]


def test_yes_exactly_half_of_all_members_fails_half_plus_one_passes(cctx: Any) -> None:
    case = ready(cctx)
    roster(cctx, 10)
    result = case.vote(present=8, yes=5, no=3)  # 2 absent: 5 of 8 present, half of 10
    assert result["quorate"] and not result["passed"]
    with pytest.raises(cases.CaseRefused, match="复议"):
        case.vote(on="2026-06-08", present=8, yes=6, no=2)
    assert not cases.reconsider(cctx, ORG, case.id, person_id=case.a, yes=5, on="2026-06-05")[
        "agreed"
    ]
    assert cases.reconsider(cctx, ORG, case.id, person_id=case.a, yes=6, on="2026-06-06")["agreed"]
    assert case.vote(on="2026-06-08", present=8, yes=6, no=2)["passed"]


def test_the_roster_decides_the_count(cctx: Any) -> None:
    case = ready(cctx)
    roster(cctx, 9)
    with pytest.raises(Exception, match="has 9"):
        case.vote(members=11)
    head = Case(cctx, post="yxy-yz").motion().recommend().inspect().checks()
    with pytest.raises(Exception, match="no roster of 党委全委会"):
        head.vote(present=9, yes=9, no=0)


def test_a_member_who_is_kin_must_withdraw_and_still_counts(cctx: Any) -> None:
    case = ready(cctx)
    members = roster(cctx, 9)
    kin(cctx, members[0], case.a)
    with pytest.raises(cases.CaseRefused, match="须回避"):
        case.vote(present=9, yes=8, no=1)
    result = case.vote(present=9, yes=5, no=3, withdrawn=[members[0]])
    assert result["base"] == 9 and result["passed"]
    assert cases.show_case(cctx, ORG, case.id)["votes"][0]["withdrawn"] == [members[0]]


def test_full_committee_for_division_head(cctx: Any) -> None:
    case = Case(cctx, post="yxy-yz").motion().recommend().inspect().checks()
    roster(cctx, 9)  # standing committee only
    roster(cctx, 20, body="党委全委会")
    result = case.vote(present=14, yes=11, no=3)
    assert result["vote"]["body"] == "党委全委会" and result["base"] == 20 and result["passed"]


def test_deferral_is_recorded_and_the_vote_may_follow(cctx: Any) -> None:
    case = ready(cctx)
    cases.defer(cctx, ORG, case.id, person_id=case.a, reason="有举报待查", on="2026-06-01")
    assert case.vote(on="2026-06-15", members=9)["passed"]
    kinds = [v["kind"] for v in cases.show_case(cctx, ORG, case.id)["votes"]]
    assert kinds == ["缓议", "表决"]


# ---------------------------------------------------------------- 任前公示 (第十七条)


def test_notice_across_national_day(cctx: Any) -> None:
    case = Case(cctx).decided()
    result = case.noticed("2026-09-28")
    # 9-28, 9-29, 9-30, then 国庆 10-01…10-07, then 10-08 and 10-09
    assert result["end"] == date(2026, 10, 9) and result["assumed_years"] == []
    assert result["warning_zh"] is None


def test_notice_into_a_year_without_calendar_data_warns(cctx: Any) -> None:
    case = Case(cctx).decided()
    result = case.noticed("2026-12-28")
    assert result["end"] == date(2027, 1, 1) and result["assumed_years"] == [2027]
    assert "2027年无国家节假日安排数据" in result["warning_zh"]
    (n,) = cases.show_case(cctx, ORG, case.id)["notices"]
    assert n["assumed_years"] == "2027"


def test_notice_shorter_than_five_working_days_refused(cctx: Any) -> None:
    case = Case(cctx).decided()
    with pytest.raises(Exception, match="公示期不少于5个工作日"):
        cases.notice(cctx, ORG, case.id, start="2026-09-28", days=4)
    assert cases.notice(cctx, ORG, case.id, start="2026-09-28", days=7)["working_days"] == 7


def test_notice_document_read_back(cctx: Any, tmp_path: Path) -> None:
    case = Case(cctx).decided()
    case.noticed("2026-09-28")
    path = cases.write_document(cases.notice_document(cctx, ORG, case.id), tmp_path / "n.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    cells = [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]
    assert "干部任职前公示" in text and "学校党委常委会" in text
    assert "甲" in cells and "药学院副院长" in cells
    assert "2026年10月9日" in text


def test_summary_document_read_back(cctx: Any, tmp_path: Path) -> None:
    case = Case(cctx).decided()
    doc = cases.summary_document(cctx, ORG, case.id, case.a, on="2026-06-02")
    path = cases.write_document(doc, tmp_path / "s.docx")
    cells = [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]
    assert "干部任免审批表" in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "甲" in cells and "药学院副院长" in cells
    assert any("党委常委会2026-06-01讨论决定" in c for c in cells)


# ---------------------------------------------------------------- 任职 (第十七条, 第三十四条)


def test_appointment_from_the_decision_date_with_probation(cctx: Any) -> None:
    case = Case(cctx).decided()
    case.noticed("2026-09-28")
    cases.talk(cctx, ORG, case.id, person_id=case.a, kind="任职谈话", on="2026-10-12")
    with pytest.raises(cases.CaseRefused, match="廉政谈话"):
        cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    cases.talk(cctx, ORG, case.id, person_id=case.a, kind="廉政谈话", on="2026-10-12")
    with pytest.raises(cases.CaseRefused, match="公示期满后"):
        cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-09")
    result = cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    assert result["start"] == date(2026, 6, 1)
    assert result["probation_end"] == date(2027, 5, 31)
    (term,) = list_terms(cctx, ORG, person_id=case.a, post_code="yxy-fyz")
    assert term.term.start == date(2026, 6, 1) and term.post_code == "yxy-fyz"
    assert term.term.probation_end == date(2027, 5, 31)
    assert cases.show_case(cctx, ORG, case.id)["stages"][-1]["state"] == "done"
    assert audit_entries(cctx, "cadre.case.appoint")


def test_over_headcount_refused(cctx: Any) -> None:
    holder = person(cctx, "现任副院长")
    add_term(
        cctx, ORG, post_code="yxy-fyz", person_id=holder, start="2024-01-10", appointed_by="委任"
    )
    case = Case(cctx).decided()
    case.noticed("2026-09-28")
    case.talks()
    before = list_terms(cctx, ORG, person_id=case.a)  # his 正科级 post
    with pytest.raises(cases.CaseRefused, match="超职数") as error:
        cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    assert error.value.refusal.citation == procedure.OVER_HEADCOUNT
    assert refused(case.id, cctx)[-1]["citation"]["article"] == "第三十四条（一）"
    assert list_terms(cctx, ORG, person_id=case.a) == before  # nothing ended, nothing added


def test_no_post_change_during_probation(cctx: Any) -> None:
    case = Case(cctx, post="rsc-fcz")
    add_term(
        cctx,
        ORG,
        post_code="szk-kz",
        person_id=case.a,
        start="2026-01-05",
        appointed_by="委任",
        probation_end="2027-01-04",
    )
    case.decided()
    case.noticed("2026-09-28")
    case.talks()
    with pytest.raises(cases.CaseRefused, match="试用期内") as error:
        cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    assert error.value.refusal.citation == procedure.PROBATION_NO_MOVE


def test_previous_post_ends_the_day_before(cctx: Any) -> None:
    case = Case(cctx, post="rsc-fcz")
    add_term(
        cctx, ORG, post_code="szk-kz", person_id=case.a, start="2020-01-05", appointed_by="委任"
    )
    case.decided()
    case.noticed("2026-09-28")
    case.talks()
    cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    *old, new = sorted(list_terms(cctx, ORG, person_id=case.a), key=lambda t: t.term.start)
    assert [t.post_code for t in old] == ["szk-kz", "yxy-jwzr"]  # 科长, and his 正科级 post
    assert [t.term.end for t in old] == [date(2026, 5, 31)] * 2
    assert new.post_code == "rsc-fcz" and new.term.start == date(2026, 6, 1)


def test_avoidance_violation_refuses(cctx: Any) -> None:
    case = Case(cctx).decided()
    dean = person(cctx, "丁", gender="女")  # 药学院院长, 甲's wife
    add_term(cctx, ORG, post_code="yxy-yz", person_id=dean, start="2024-09-01", appointed_by="委任")
    kin(cctx, case.a, dean)
    case.noticed("2026-09-28")
    case.talks()
    with pytest.raises(cases.CaseRefused) as error:
        cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    refusal = error.value.refusal
    assert refusal.rule_id == "cadre.appointment.avoidance"
    assert refusal.citation == avoidance.DIRECT_LINE  # 第二十四条: a direct line of leadership
    assert refusal.message_zh == (
        "甲（药学院副院长）与丁（药学院院长）系夫妻关系，丁是甲的直接上级"
    )
    assert refused(case.id, cctx)[-1]["citation"]["article"] == "第二十四条"
    assert list_terms(cctx, ORG, post_code="yxy-fyz") == []


# ---------------------------------------------------------------- 公开选拔 (第十八–二十一条)


def test_open_selection_needs_unit_consent_and_tests(cctx: Any) -> None:
    case = Case(cctx, method="公开选拔", b_from="2026-04-14")  # 乙: a day short on the 13th
    cases.motion(cctx, ORG, case.id, kind="定期", on="2026-04-10", consulted=True)
    with pytest.raises(cases.CaseRefused, match="公布职位"):
        cases.register(cctx, ORG, case.id, person_id=case.a, on="2026-04-12", unit_consent=True)
    cases.publish(cctx, ORG, case.id, on="2026-04-11")
    with pytest.raises(cases.CaseRefused, match="所在单位同意"):
        cases.register(cctx, ORG, case.id, person_id=case.a, on="2026-04-12")
    assert cases.register(cctx, ORG, case.id, person_id=case.a, on="2026-04-12", unit_consent=True)[
        "eligible"
    ]
    review = cases.register(
        cctx, ORG, case.id, person_id=case.b, on="2026-04-13", unit_consent=True
    )
    assert review["eligible"] is False
    missed = ["deputy_division.years_as_section", "exception.recorded"]  # and no 破格
    assert review["eligibility"]["missed"] == missed
    years = next(c for c in review["eligibility"]["conditions"] if c["key"] == missed[0])
    assert years["citation"]["article"] == "第九条（二）3"
    assert years["message_zh"] == (
        "任正科级自2023-04-14起：2026-04-13满2年，不足3年；2026-04-14方满3年"
    )
    assert "资格审查未通过" in cases.show_case(cctx, ORG, case.id)["timeline"][-1]["message_zh"]
    with pytest.raises(cases.CaseRefused, match="资格审查未通过"):
        cases.test_score(cctx, ORG, case.id, person_id=case.b, score="90", on="2026-04-20")
    cases.test_score(cctx, ORG, case.id, person_id=case.a, score="88.5", on="2026-04-20")
    with pytest.raises(cases.CaseRefused, match="测试测评"):
        case.inspect(on="2026-05-01")
    cases.inspect(cctx, ORG, case.id, team=case.team, candidates=[case.a], on="2026-05-01")
    case.checks(on="2026-05-02")
    assert case.vote(on="2026-05-10", members=9)["passed"]


# ---------------------------------------------------------------- findings, reads


def findings(cctx: Any, on: str) -> list[Finding]:
    check = CheckContext(cctx, org_row(cctx, ORG, Action.READ), date.fromisoformat(on))
    return list(cases.case_findings(check))


def test_findings_stalled_and_notice_running(cctx: Any) -> None:
    case = Case(cctx).decided()
    assert [f.rule_id for f in findings(cctx, "2026-08-30")] == []  # 90 days after 06-01
    (stalled,) = findings(cctx, "2026-08-31")
    assert stalled.rule_id == "cadre.case.stalled" and stalled.citation == procedure.STALLED
    case.noticed("2026-09-28")
    (running,) = findings(cctx, "2026-10-09")
    assert running.severity is Severity.DUE and running.due == date(2026, 10, 9)
    assert findings(cctx, "2026-10-10") == []  # ended; not stalled (noticed 12 days ago)
    case.talks()
    cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12")
    assert findings(cctx, "2027-06-01") == []  # finished: every seat filled


def test_list_and_isolation(cctx: Any) -> None:
    case = Case(cctx).motion()
    (listed,) = cases.list_cases(cctx, ORG)
    assert listed["id"] == case.id and listed["current"] == "民主推荐"
    create_org(cctx, "other", "另一所大学", "university")
    assert cases.list_cases(cctx, "other") == []
    with pytest.raises(NotFound):
        cases.show_case(cctx, "other", case.id)
    with pytest.raises(NotFound):
        cases.motion(cctx, "other", case.id, kind="换届", on="2026-04-10", consulted=True)


def test_committee_roster(cctx: Any) -> None:
    ids = roster(cctx, 3)
    with pytest.raises(Exception, match="already a member"):
        cases.add_member(cctx, ORG, body="党委常委会", person_id=ids[0], since="2021-01-01")
    assert len(cases.list_members(cctx, ORG, body="党委常委会")) == 3
    assert cases.list_members(cctx, ORG, on="2019-12-31") == []


def test_a_term_already_recorded_is_linked_not_added(cctx: Any) -> None:
    case = Case(cctx).decided()  # decided on 2026-06-01
    case.noticed("2026-09-28")
    case.talks()
    wrong = add_term(
        cctx, ORG, post_code="szk-kz", person_id=case.a, start="2026-06-01", appointed_by="委任"
    )
    with pytest.raises(InvalidInput, match="is not person"):
        cases.appoint(cctx, ORG, case.id, person_id=case.a, on="2026-10-12", term_id=wrong.id)
    recorded = add_term(
        cctx,
        ORG,
        post_code="yxy-fyz",
        person_id=case.a,
        start="2026-06-01",
        appointed_by="委任",
        probation_end="2027-05-31",
    )
    held = list_terms(cctx, ORG, person_id=case.a)  # his 正科级 post, the wrong, the recorded
    result = cases.appoint(
        cctx, ORG, case.id, person_id=case.a, on="2026-10-12", term_id=recorded.id
    )
    assert result["term"] == recorded.id and result["ended_terms"] == []
    assert len(held) == 3 and list_terms(cctx, ORG, person_id=case.a) == held  # nothing added
