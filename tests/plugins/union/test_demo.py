"""The demo's ``jc-xg``: the file says 13 of 14 standards are met; its own data says
otherwise. Loaded through core.demo with the union plugin (and elections) installed."""

from __future__ import annotations

import pytest

from core.demo import load_demo
from core.demo_data import AS_OF
from core.domain import Person
from core.errors import InvalidInput
from core.services.checks import run_checks
from core.services.context import Context
from core.services.people import list_people
from plugins.union import services

#: The week of the 第五次学生代表大会 (2022-11-14), when the self-assessment was made.
FORM_DAY = "2022-11-21"
NOT_IN_TOP = ("封尚 83/241", "赵晓越 66/122", "戚正阳 56/79", "徐玮萁 120/248", "丁天昊 80/248")


@pytest.fixture
def demo(ctx: Context) -> Context:
    assert "jc-xg" in load_demo(ctx)
    return ctx


def test_the_form_day_shows_what_the_file_hides(demo: Context) -> None:
    result = services.assess(demo, "jc-xg", FORM_DAY)
    by_number = {r.number: r for r in result.results}
    assert result.missed == (1, 7, 10, 12, 14)
    assert by_number[7].offenders == NOT_IN_TOP  # the 2022级 are first-year: exempt
    assert by_number[1].offenders == (
        "学习部（考察学生早晚自习缺勤情况，组织开展辩论赛、征文等一系列文化活动）",
    )
    assert by_number[3].figure.startswith("实有30人") and by_number[3].met
    assert by_number[4].figure.startswith("实有3人") and by_number[4].met
    assert by_number[8].met and by_number[9].met and by_number[13].met
    assert by_number[14].figure == "未成立团支部"  # the file's own 否


def test_on_the_demo_day_the_record_is_four_years_stale(demo: Context) -> None:
    result = services.assess(demo, "jc-xg", AS_OF)
    by_number = {r.number: r for r in result.results}
    assert set(result.missed) == {1, 7, 9, 10, 12, 14}
    assert "逾期未召开（应于2023-11-14前）" in by_number[9].offenders
    seven = by_number[7].offenders
    assert seven[:5] == NOT_IN_TOP and len(seven) == 25  # the 2022级 never ranked since
    assert "姚婧岚（未登记成绩排名）" in seven


def test_the_check_reports_each_broken_standard_and_the_overdue_terms(demo: Context) -> None:
    report = run_checks(demo, "jc-xg", None)
    assert report.failures == ()
    union = [f for f in report.findings if f.plugin == "union"]
    standards = sorted(f.rule_id for f in union if f.rule_id.startswith("union.standard-"))
    assert standards == [f"union.standard-{n}" for n in (1, 10, 12, 14, 7, 9)]
    seven = next(f for f in union if f.rule_id == "union.standard-7")
    assert seven.citation.article == "组织改革自评表 第7项" and "封尚 83/241" in seven.message_zh
    overdue = [f for f in union if f.rule_id == "union.term-overdue"]
    assert len(overdue) == 30 and all(f.citation.article == "第八条" for f in overdue)


def test_the_congress_elected_the_presidium_through_the_elections_engine(demo: Context) -> None:
    from plugins.elections.services import get_election
    from plugins.elections.values import Outcome
    from plugins.union.demo import PRESIDIUM_CANDIDATES, PRESIDIUM_ELECTION
    from tests.plugins.union.conftest import elections_installed

    if not elections_installed():
        pytest.skip("the elections plugin is not installed")
    election = get_election(demo, "jc-xg", PRESIDIUM_ELECTION)
    assert election.rule_set == "union_presidium"
    assert election.electorate == 189 and election.electorate_kind.zh == "正式代表"
    (office,) = election.offices
    assert office.seats == 3 and office.candidates == PRESIDIUM_CANDIDATES
    assert election.setup_findings == ()  # 5 for 3: 差额
    (vote,) = election.rounds
    assert (vote.present, vote.ballots_issued, vote.ballots_returned) == (189, 189, 189)
    assert vote.sheets_entered == 1 and vote.ballots_entered == 0  # the 计票 totals only
    assert vote.staff["scrutineers"][0] == "钱文博" and vote.staff["tellers"] == ["唐一帆"]
    current = election.current
    assert current is not None and current.outcome is Outcome.COMPLETE
    assert current.members == ("李有辉", "封尚", "赵晓越")  # the file's presidium
    assert current.certified and current.findings == ()
    assert current.locked and current.announcement == "学代发〔2026〕1号"
    # the three elected are linked to their records, who hold the presidium's posts
    presidium = {p.name: p.id for p in demo_people(demo) if p.name in current.members}
    assert {n: election.people[n] for n in current.members} == presidium
    assert set(election.people) == set(PRESIDIUM_CANDIDATES)  # all five are delegates
    # the count applied the same quorums to the same 189 (第八条, 六、4)
    steps = {s["rule_id"]: s for s in current.result["rounds"][0]["steps"]}
    assert steps["elections.convene"]["needed"] == 126 and steps["elections.convene"]["met"]
    assert steps["elections.presence"]["needed"] == 152 and steps["elections.presence"]["met"]
    # the congress session names the election it held
    congress = services.store.UnionCongress.get()
    assert PRESIDIUM_ELECTION in congress.note and congress.elects_presidium


def test_the_congress_of_189_delegates_and_its_quorums_from_the_data(demo: Context) -> None:
    from plugins.union.demo import DELEGATES

    (session,) = services.list_congresses(demo, "jc-xg")
    listed = services.list_delegates(demo, "jc-xg", session["id"])
    assert (listed["formal"], listed["observers"]) == (189, 0)
    names = [d["person_name"] for d in listed["delegates"]]
    assert len(set(names)) == 189
    # the staff who were members on 2022-11-14 (joined with the 第四届), and no other
    staff = [d["person_name"] for d in listed["delegates"] if d["note"] == "学生会工作人员"]
    assert staff == ["李有辉", "封尚", "赵晓越", "戚正阳", "陈彦彤", "吴苏"]
    assert "姚婧岚" not in names  # 2022级 staff joined on 2022-11-15, after the congress
    assert names[6:] == [d.name for d in DELEGATES]  # the 183 invented
    # the file's figures: 团员152人, 团干17人
    people = {p.name: p for p in list_people(demo, "jc-xg", limit=300).people}
    statuses = [people[n].political_status.value for n in names]  # type: ignore[union-attr]
    assert statuses.count("共青团员") == 152
    assert sum(d["note"] == "团干" for d in listed["delegates"]) == 17
    # every formal delegate joined before the day (add_delegate's own rule, 第5条)
    joined = {
        e["person"]
        for e in services.list_events(demo, "jc-xg")
        if e["kind"] == "加入" and e["happened_on"] <= session["held_on"]
    }
    assert {people[n].id for n in names} <= joined
    # the quorums come out of the recorded delegates: 2/3 of 189 to meet, 4/5 to elect
    facts = services.quorum(demo, "jc-xg", session["id"])
    assert (facts["formal"], facts["present"]) == (189, 189)
    needed = {s["rule"]: (s["needed"], s["of"], s["met"]) for s in facts["quorum"]}
    assert needed == {
        "elections.convene": (126, 189, True),
        "elections.presence": (152, 189, True),
    }
    # each 正式代表 recorded 出席: the list is the figure, a typed one disagreeing is refused
    assert facts["counted_from"] == "attendance" and session["present_recorded"] == 189
    with pytest.raises(InvalidInput, match="151: disagrees with the 189"):
        services.quorum(demo, "jc-xg", session["id"], present=151)
    # the election held by that session, its electorate the recorded delegates
    assert session["elections"] == ["xg-presidium-5"]


def demo_people(ctx: Context) -> list[Person]:

    return list(list_people(ctx, "jc-xg", limit=100).people)
