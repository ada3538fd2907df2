"""Each of the 14 standards of the 组织改革自评表 at its boundary, through the services
and the union's own tables (the ``db_url`` fixture: SQLite here, PostgreSQL in CI)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.services.context import Context
from core.services.orgs import add_unit
from core.services.posts import add_post, add_term
from plugins.union import services
from tests.plugins.union.helpers import ON, person, staff, standard

Union = Callable[[], dict[str, Any]]


@pytest.fixture(autouse=True)
def _union(union: Union) -> None:
    union()


# --- 1. no administrative duties ----------------------------------------------------


def test_1_no_duties_declared_cannot_be_met(ctx: Context) -> None:
    result = standard(ctx, 1)
    assert not result.met and "未登记" in result.figure


def test_1_an_administrative_duty_breaks_it(ctx: Context) -> None:
    services.declare_duty(ctx, "xs", unit_code="tyb", duty="组织体育活动", on="2023-09-01")
    assert standard(ctx, 1).met
    services.declare_duty(ctx, "xs", unit_code="xxb", duty="负责宿舍管理检查", on="2023-09-02")
    result = standard(ctx, 1)
    assert not result.met
    assert result.offenders == ("学习部（负责宿舍管理检查）",)
    # declared later than the day assessed: not yet counted
    assert standard(ctx, 1, on="2023-09-01").met


def test_1_the_declaration_decides_over_the_words(ctx: Context) -> None:
    services.declare_duty(
        ctx, "xs", unit_code="xxb", duty="宿舍文化节策划", on="2023-09-01", administrative=False
    )
    services.declare_duty(
        ctx, "xs", unit_code="tyb", duty="协助学工处开展检查", on="2023-09-01", administrative=True
    )
    assert standard(ctx, 1).offenders == ("体育部（协助学工处开展检查）",)


# --- 2. 主席团 + 工作部门, no other layer --------------------------------------------


def test_2_structure(ctx: Context) -> None:
    assert standard(ctx, 2).met
    add_unit(ctx, "xs", "zyfw", "志愿服务中心", "工作部门")
    add_unit(ctx, "xs", "ty-1", "体育部一组", "工作部门", "tyb")
    result = standard(ctx, 2)
    assert not result.met
    assert set(result.offenders) == {"志愿服务中心（常设层级）", "体育部一组（设在其他机构之下）"}


# --- 3. at most 30 staff --------------------------------------------------------------


def test_3_thirty_staff_meet_it_thirty_one_do_not(ctx: Context) -> None:
    ids = staff(ctx, 30)
    result = standard(ctx, 3)
    assert result.met and result.figure.startswith("实有30人")
    late = person(ctx, "第三十一人")
    add_term(ctx, "xs", post_code="ty-gs", person_id=late, start=ON, appointed_by="聘任")
    result = standard(ctx, 3)
    assert not result.met and result.figure.startswith("实有31人")
    assert standard(ctx, 3, on="2023-10-31").met  # the day before the 31st came
    assert len(ids) == 30


def test_3_the_limit_is_a_parameter(ctx: Context) -> None:
    from core.services.parameters import override_parameter

    staff(ctx, 30)
    override_parameter(ctx, "xs", "union.max_staff", 29, "2023-01-01", "校团委要求")
    assert not standard(ctx, 3).met


# --- 4. at most 3 in the presidium ----------------------------------------------------


def test_4_three_in_the_presidium_meet_it_four_do_not(ctx: Context) -> None:
    staff(ctx, 1, "zx", prefix="主席", how="选任")
    staff(ctx, 2, "fzx", prefix="副主席", how="选任")
    assert standard(ctx, 4).met
    staff(ctx, 1, "fzx", prefix="第三副主席", how="选任", start=ON)
    result = standard(ctx, 4)
    assert not result.met and result.figure.startswith("实有4人")
    assert "第三副主席1" in result.offenders


# --- 5. only the five titles -----------------------------------------------------------


def test_5_a_title_outside_the_list_breaks_it(ctx: Context) -> None:
    staff(ctx, 2)
    assert standard(ctx, 5).met
    add_post(
        ctx, "xs", unit_code="zxt", code="msz", title="学生会秘书长", rank="秘书长",
        headcount=1, category="群团",
    )  # fmt: skip
    staff(ctx, 1, "msz", prefix="秘书长")
    result = standard(ctx, 5)
    assert not result.met and result.offenders == ("秘书长1（学生会秘书长）",)


# --- 6. Party or League members ------------------------------------------------------


def test_6_a_member_of_the_masses_breaks_it(ctx: Context) -> None:
    staff(ctx, 1, status="中共预备党员", prefix="预备党员")
    staff(ctx, 1, status="中共党员", prefix="党员")
    assert standard(ctx, 6).met
    staff(ctx, 1, status="群众", prefix="群众")
    result = standard(ctx, 6)
    assert not result.met and result.offenders == ("群众1（群众）",)


# --- 7. ranking within the top 30%, no failed course --------------------------------


def _academic(ctx: Context, pid: int, **fields: Any) -> None:
    values: dict[str, Any] = {"on": "2023-09-01", "level": "本专科生", "enrolled": 2021}
    services.record_academic(ctx, "xs", pid, **(values | fields))


def test_7_the_30_percent_cut_is_inclusive(ctx: Context) -> None:
    a, b = staff(ctx, 2)
    _academic(ctx, a, basis="最近1学年", rank=72, size=240)  # 72 = 240 × 30%
    _academic(ctx, b, basis="最近1学年", rank=72, size=240)
    assert standard(ctx, 7).met
    _academic(ctx, b, on="2023-10-01", basis="最近1学年", rank=73, size=240)
    result = standard(ctx, 7)
    assert not result.met and result.offenders == ("干事2 73/240",)
    assert standard(ctx, 7, on="2023-09-30").met  # the later record is not yet known


def test_7_first_years_are_exempt_until_their_second_school_year(ctx: Context) -> None:
    (new,) = staff(ctx, 1)
    _academic(ctx, new, enrolled=2023)  # no ranking: 新生
    assert standard(ctx, 7).met
    result = standard(ctx, 7, on="2024-09-01")
    assert not result.met and result.offenders == ("干事1（未登记成绩排名）",)


def test_7_a_failed_course_breaks_it_even_for_a_postgraduate(ctx: Context) -> None:
    grad, good = staff(ctx, 2)
    _academic(ctx, grad, level="研究生", enrolled=2022)
    _academic(ctx, good, basis="入学以来", rank=1, size=50)
    assert standard(ctx, 7).met
    _academic(ctx, grad, on="2023-10-01", level="研究生", enrolled=2022, failed=1)
    assert standard(ctx, 7).offenders == ("干事1（不及格1门）",)
    _academic(ctx, good, on="2023-10-01", basis="入学以来", rank=1, size=50, failed=2)
    assert set(standard(ctx, 7).offenders) == {"干事1（不及格1门）", "干事2（不及格2门）"}


def test_7_no_record_breaks_it(ctx: Context) -> None:
    staff(ctx, 1)
    assert standard(ctx, 7).offenders == ("干事1（未登记学业情况）",)


# --- 8. the presidium elected by the congress -----------------------------------------


def test_8_elected_by_the_congress(ctx: Context) -> None:
    services.add_congress(
        ctx, "xs", held_on="2023-09-10", kind="学生代表大会", delegates=100, present=90,
        elects_presidium=True,
    )  # fmt: skip
    staff(ctx, 1, "zx", prefix="主席", how="选任")
    assert standard(ctx, 8).met
    staff(ctx, 1, "fzx", prefix="副主席", how="委任", start="2023-09-11")
    result = standard(ctx, 8)
    assert not result.met and result.offenders == ("副主席1（委任，非选举产生）",)


def test_8_a_committee_does_not_elect_the_presidium(ctx: Context) -> None:
    services.add_congress(
        ctx, "xs", held_on="2023-09-10", kind="常任代表会议", delegates=20, present=20,
        elects_presidium=True,
    )  # fmt: skip
    staff(ctx, 1, "zx", prefix="主席", how="选任")
    assert standard(ctx, 8).offenders == ("主席1（由常任代表会议选举）",)


# --- 9. the congress held on schedule, with its quorum --------------------------------


def test_9_yearly_to_the_day(ctx: Context) -> None:
    assert not standard(ctx, 9).met
    services.add_congress(
        ctx, "xs", held_on="2022-11-14", kind="学生代表大会", delegates=189, present=126
    )  # 126 = 189 × 2/3: 三分之二以上 includes it
    assert standard(ctx, 9, on="2023-11-14").met
    result = standard(ctx, 9, on="2023-11-15")
    assert not result.met and "2023-11-14" in result.offenders[0]


def test_9_below_the_quorum_does_not_count(ctx: Context) -> None:
    services.add_congress(
        ctx, "xs", held_on="2023-05-14", kind="学生代表大会", delegates=189, present=125
    )
    result = standard(ctx, 9)
    assert not result.met and "到会125/189" in result.offenders[0]


# --- 10. spring and autumn training of all staff ----------------------------------------


def test_10_both_seasons_and_everyone(ctx: Context) -> None:
    a, b = staff(ctx, 2, start="2023-03-01")
    services.add_training(ctx, "xs", held_on="2023-03-20", season="春季", all_staff=True)
    assert not standard(ctx, 10).met  # no autumn training yet
    services.add_training(ctx, "xs", held_on="2023-10-20", season="秋季", attendees=[a])
    result = standard(ctx, 10)
    assert not result.met and result.offenders == ("干事2（未参加秋季培训）",)
    services.add_training(ctx, "xs", held_on="2023-10-27", season="秋季", attendees=[a, b])
    assert standard(ctx, 10).met
    assert not standard(ctx, 10, on="2024-03-21").met  # the spring one is over a year old


# --- 11. awards not tied to posts ------------------------------------------------------


def test_11_an_award_by_post_breaks_it(ctx: Context) -> None:
    a, b = staff(ctx, 2)
    services.add_award(ctx, "xs", a, on="2023-10-01", name="优秀学生干部", basis="评议结果")
    assert standard(ctx, 11).met
    services.add_award(ctx, "xs", b, on="2023-10-02", name="综测加分", basis="岗位")
    assert standard(ctx, 11).offenders == ("干事2（2023-10-02 综测加分，依岗位）",)


# --- 12. the Party organization hears reports -----------------------------------------


def test_12_regular_hearings(ctx: Context) -> None:
    assert not standard(ctx, 12).met
    services.add_hearing(ctx, "xs", on="2023-05-01", topic="学生会工作汇报")
    assert standard(ctx, 12).met  # 2023-11-01 is exactly six months later
    assert not standard(ctx, 12, on="2023-11-02").met


# --- 13. the league's guide and a league teacher as secretary-general -----------------


def test_13_guide_and_secretary_general(ctx: Context) -> None:
    services.add_guide(
        ctx, "xs", role="团组织负责人", name="王老师", league_cadre=True, start="2023-01-01"
    )
    assert not standard(ctx, 13).met
    services.add_guide(
        ctx, "xs", role="秘书长", name="学生甲", league_cadre=False, start="2023-01-01"
    )
    assert "秘书长学生甲（非团委老师）" in standard(ctx, 13).offenders
    services.add_guide(
        ctx, "xs", role="秘书长", name="李老师", league_cadre=True, start="2023-01-01",
        end="2023-10-31",
    )  # fmt: skip
    assert standard(ctx, 13, on="2023-10-31").offenders == ("秘书长学生甲（非团委老师）",)


# --- 14. a league branch whose secretary sits in the presidium ---------------------------


def test_14_branch_secretary_in_the_presidium(ctx: Context) -> None:
    (chair,) = staff(ctx, 1, "zx", prefix="主席", how="选任")
    (clerk,) = staff(ctx, 1)
    assert standard(ctx, 14).figure == "未成立团支部"
    services.add_branch(ctx, "xs", founded_on="2023-09-15", secretary=clerk)
    assert standard(ctx, 14).offenders == ("干事1（团支部书记，非主席团成员）",)
    services.add_branch(ctx, "xs", founded_on="2023-10-01", secretary=chair)
    assert standard(ctx, 14).met


def test_every_standard_is_one_result_with_its_clause(ctx: Context) -> None:
    result = services.assess(ctx, "xs", ON)
    assert [r.number for r in result.results] == list(range(1, 15))
    document = services.self_assessment_document(result)
    assert document.title == "某学院学生会组织改革自评表"
