"""The elections plugin's services on a real database: a whole union presidium election
from setup to publication, village certification blocked by each constraint, votes
that take no more ballots, re-counts that leave the first result untouched, isolation
between organizations, and the audit trail each change writes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core import models
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.services import people
from core.services.context import Context
from plugins.elections.services import (
    certify_result,
    count_round,
    create_election,
    enter_ballot,
    enter_sheet,
    get_election,
    link_candidate,
    list_elections,
    open_round,
    publish_result,
    recount,
)
from plugins.elections.tables import BallotRow, ResultRow, RoundRow
from plugins.elections.values import Outcome
from tests.conftest import TODAY, audit_entries, make_org

from .setups import (
    UNION_CANDIDATES,
    VILLAGE_VOTES,
    member,
    org_with_elections,
    union_election,
    village_election,
    villagers,
)

A, B, C, D, E = UNION_CANDIDATES
PRESIDIUM = "主席团成员"


def result_row(result_id: int) -> dict[str, Any]:
    return dict(ResultRow.get_by_id(result_id).__data__)


# -- a whole union presidium election --------------------------------------------------


def hold_union_first_vote(ctx: Context, org: str = "union", code: str = "p5") -> None:
    """Vote 1: 160 of 189 delegates present; 20 ballots entered one by one as read aloud
    and a tally sheet of the other ballot box's 140."""
    open_round(ctx, org, code, present=160, ballots_issued=160, scrutineers=["总监票人周"])
    for _ in range(18):
        enter_ballot(ctx, org, code, "✓✓×××")
    # 另选他人 within the × marks: valid; 赵六 gets one vote
    enter_ballot(ctx, org, code, {A: "✓", B: "√", C: "×", D: "×", E: "△"}, write_ins=["赵六"])
    # two written in and no × at all: 另选他人数多于不赞成票数, invalid
    enter_ballot(ctx, org, code, {A: "✓"}, write_ins=["赵六", "孙七"])
    enter_sheet(
        ctx,
        org,
        code,
        ballots_counted=140,
        votes={PRESIDIUM: {A: 101, B: (81, 40, 19), C: 80, D: 50, E: 30}},
        scrutineers=["监票人吴"],
        counters=["计票人郑"],
        tellers=["唱票人冯"],
    )


def test_a_union_presidium_election_from_setup_to_publication(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    created = get_election(ectx, "union", "p5")
    assert created.electorate == 189 and created.electorate_kind.zh == "正式代表"
    assert created.offices[0].candidates == UNION_CANDIDATES
    assert created.setup_findings == ()  # 5 candidates for 3 seats: 差额, at most 3

    hold_union_first_vote(ectx)
    first = count_round(ectx, "union", "p5")
    # 王一 120 and 李二 100 are over half of the 160 present; 张三's 80 is exactly half
    assert first.outcome is Outcome.NEXT_VOTE
    assert first.result["elected"] == {PRESIDIUM: [A, B]}
    steps = first.result["rounds"][0]["steps"]
    assert [s["rule_id"] for s in steps][:3] == [
        "elections.convene",
        "elections.presence",
        "elections.returned",
    ]
    invalid = [s for s in steps if s["rule_id"] == "elections.invalid-ballots"]
    assert [s["numbers"][0] for s in invalid] == [["invalid_ballots", 1]]
    threshold = next(s for s in steps if s["what_zh"].startswith(C))
    assert (threshold["met"], threshold["needed"], threshold["base_size"]) == (False, 81, 160)
    assert threshold["citation"]["words"] == "候选人所得赞成票，超过实到会议代表半数方可当选"
    tally = first.result["rounds"][0]
    assert tally["offices_decided"][0]["ranking"][:3] == [[A, 120], [B, 100], [C, 80]]

    # 另行选举: one seat, 张三 and 赵四 (the ranking, one more than the seat)
    second = open_round(ectx, "union", "p5", present=158, ballots_issued=158)
    assert second.number == 2 and second.kind == "ANOTHER"
    assert second.offices[0].candidates == (C, D)
    enter_sheet(ectx, "union", "p5", ballots_counted=158, votes={"": {C: 100, D: 50}})
    done = count_round(ectx, "union", "p5")
    assert done.outcome is Outcome.COMPLETE
    assert done.members == (A, B, C)

    certified = certify_result(ectx, "union", "p5")
    assert certified.certified and certified.findings == ()
    published = publish_result(ectx, "union", "p5", prefix="学代发")
    assert published.announcement == "学代发〔2026〕1号"
    assert published.result.locked
    table = published.document.body[-1]
    assert [row[1] for row in table.rows] == [A, B, C]  # type: ignore[attr-defined]

    shown = get_election(ectx, "union", "p5")
    assert [r.number for r in shown.rounds] == [1, 2]
    assert [r.ballots_entered for r in shown.rounds] == [20, 0]
    assert shown.current is not None and shown.current.locked
    assert shown.current.announcement == "学代发〔2026〕1号"
    # nothing more: the election has ended, the result is locked
    with pytest.raises(Conflict, match="the election has ended"):
        open_round(ectx, "union", "p5", present=150, ballots_issued=150)
    with pytest.raises(Conflict, match="already certified"):
        certify_result(ectx, "union", "p5")
    with pytest.raises(Conflict, match="published already"):
        publish_result(ectx, "union", "p5", prefix="学代发")


def test_every_change_is_audited_by_the_plugin(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    hold_union_first_vote(ectx)
    count_round(ectx, "union", "p5")
    mine = [e for e in audit_entries(ectx) if e.plugin == "elections"]
    actions = [e.action for e in mine]
    assert actions == [
        "elections.create",
        "elections.round.open",
        *["elections.ballot"] * 20,
        "elections.sheet",
        "elections.count",
    ]
    ballot = next(e for e in mine if e.action == "elections.ballot")
    assert ballot.after == {
        "election": "p5",
        "round": 1,
        "seq": 1,
        "marks": "✓✓×××",
        "write_ins": None,
    }
    counted = mine[-1].after
    assert counted["outcome"] == "NEXT_VOTE" and counted["members"] == [A, B]
    assert counted["counts"]["present"] == 160
    assert counted["tally"]["invalid"] == {"WRITE_INS_EXCEED_AGAINST": 1}
    assert counted["tally"]["scrutineers"] == ["总监票人周", "监票人吴"]


# -- ballots as entered ----------------------------------------------------------------


def test_a_ballot_is_entered_by_name_or_in_ballot_order(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    by_name = enter_ballot(ectx, "union", "p5", {A: "✓", C: "×"}, unreadable=[E])
    in_order = enter_ballot(ectx, "union", "p5", ["✓", "", "×", "", "?"])
    assert by_name.marks == in_order.marks == "✓·×·?"
    assert (by_name.seq, in_order.seq) == (1, 2)
    assert by_name.sections == {PRESIDIUM: {"marks": {A: "✓", C: "×", E: "?"}, "write_ins": []}}
    stored = [r.marks for r in BallotRow.select().order_by(BallotRow.seq)]
    assert stored == ["✓·×·?", "✓·×·?"]


@pytest.mark.parametrize(
    ("marks", "write_ins", "field"),
    [
        ("✓✓×", (), "marks"),  # three symbols for five names
        ({"无名氏": "✓"}, (), "name"),  # not printed
        ({A: "○"}, (), A),  # not a symbol of the rules (enter ? for that)
        ({A: "✓"}, (B,), "write_in"),  # printed: mark it, do not write it in
    ],
)
def test_a_ballot_that_cannot_be_read_as_entered_is_refused(
    ectx: Context, marks: Any, write_ins: tuple[str, ...], field: str
) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    with pytest.raises(InvalidInput) as refused:
        enter_ballot(ectx, "union", "p5", marks, write_ins=write_ins)
    assert refused.value.field == field
    assert BallotRow.select().count() == 0
    assert [e for e in audit_entries(ectx) if e.action == "elections.ballot"] == []


def test_no_ballot_enters_a_closed_or_certified_vote(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    with pytest.raises(Conflict, match="no vote is open"):
        enter_ballot(ectx, "union", "p5", "✓✓✓××")  # none opened yet
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    enter_sheet(ectx, "union", "p5", ballots_counted=160, votes={"": {A: 100, B: 90, C: 85}})
    count_round(ectx, "union", "p5")
    with pytest.raises(Conflict, match="no vote is open"):
        enter_ballot(ectx, "union", "p5", "✓✓✓××")
    with pytest.raises(Conflict, match="no vote is open"):
        enter_sheet(ectx, "union", "p5", ballots_counted=1, votes={"": {A: 1}})
    certify_result(ectx, "union", "p5")
    with pytest.raises(Conflict, match="no vote is open"):
        enter_ballot(ectx, "union", "p5", "✓✓✓××")
    assert BallotRow.select().count() == 0


def test_a_count_that_does_not_add_up_writes_nothing(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    enter_sheet(ectx, "union", "p5", ballots_counted=150, votes={"": {A: 100}})
    with pytest.raises(InvalidInput, match="ballots_counted"):
        count_round(ectx, "union", "p5", ballots_returned=160)  # the sheets count 150
    assert ResultRow.select().count() == 0
    assert get_election(ectx, "union", "p5").rounds[0].is_open
    assert [e for e in audit_entries(ectx) if e.action == "elections.count"] == []


def test_a_village_vote_on_one_ballot_for_every_office(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    ids = villagers(ectx, org, women=("黄委",))
    village_election(ectx, org, ids, electorate=8)  # a small village: 5 of 8 vote
    open_round(ectx, org, "c7", ballots_issued=5)
    # 主任, 副主任 and 委员 on one ballot: ballot order is office by office
    for _ in range(3):
        enter_ballot(ectx, org, "c7", "✓··✓✓✓✓·")
    enter_ballot(ectx, org, "c7", {"张主": "✓", "委员:陈委": "✓"}, write_ins=["委员:何新"])
    enter_ballot(ectx, org, "c7", "✓✓✓·····")  # two for one 主任 seat: the ballot is void
    counted = count_round(ectx, org, "c7")
    assert counted.outcome is Outcome.COMPLETE
    assert counted.result["elected"] == {
        "主任": ["张主"],
        "副主任": ["赵副"],
        "委员": ["陈委", "林委", "黄委"],
    }
    tally = ResultRow.get_by_id(counted.id).tally
    assert tally["invalid"] == {"OVER_VOTE": 1}
    assert tally["offices"]["委员"]["for"]["何新"] == 1
    assert certify_result(ectx, org, "c7").certified  # 黄委 is a woman, no kin recorded


# -- certification blocked, each constraint --------------------------------------------


def count_village(ctx: Context, org: str, code: str = "c7", votes: Any = VILLAGE_VOTES) -> None:
    open_round(ctx, org, code, ballots_issued=90)
    enter_sheet(ctx, org, code, ballots_counted=90, votes=votes, scrutineers=["监票人甲"])
    assert count_round(ctx, org, code).outcome is Outcome.COMPLETE


def refused_certification(ctx: Context, org: str, code: str = "c7") -> Conflict:
    with pytest.raises(Conflict) as refused:
        certify_result(ctx, org, code)
    assert "\n" not in str(refused.value)
    return refused.value


def test_certification_is_blocked_without_a_woman(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    village_election(ectx, org, villagers(ectx, org))  # all men
    count_village(ectx, org)
    refusal = refused_certification(ectx, org)
    assert refusal.field == "certification" and refusal.value == "elections.women"
    assert "当选成员中妇女0名，少于1名" in refusal.rule
    assert "village-committee-election.txt" in refusal.rule
    assert "村委会成员中应当至少有一名妇女" in refusal.rule
    assert not ResultRow.get().certified
    # the refusal is on record, with the finding
    refused = audit_entries(ectx, "elections.certify.refused")
    assert [f["rule_id"] for f in refused[-1].after["findings"]] == ["elections.women"]


def test_a_member_not_linked_to_a_person_cannot_count_as_the_woman(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    ids = villagers(ectx, org, women=("黄委",))
    del ids["黄委"]  # printed but not linked to the core's record
    village_election(ectx, org, ids)
    count_village(ectx, org)
    refusal = refused_certification(ectx, org)
    assert refusal.value == "elections.women" and "黄委性别未知" in refusal.rule
    # linked now: her gender is read from the core, and nothing blocks
    woman = people.list_people(ectx, org, search="黄委").people[0]
    link_candidate(ectx, org, "c7", "黄委", woman.id)
    assert certify_result(ectx, org, "c7").certified


def test_certification_is_blocked_by_kinship_among_the_members(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    ids = villagers(ectx, org, women=("王副",))
    people.add_kinship(ectx, org, ids["张主"], ids["王副"], "夫妻")
    people.add_kinship(ectx, org, ids["张主"], ids["李主"], "夫妻")  # 李主 is not elected
    village_election(ectx, org, ids)
    count_village(ectx, org)
    refusal = refused_certification(ectx, org)
    assert refusal.value == "elections.kinship"
    assert "张主与王副是夫妻关系" in refusal.rule
    assert "成员之间不得有夫妻、父母、子女、兄弟、姐妹关系" in refusal.rule


def test_a_coarse_kinship_record_is_certified_with_a_warning(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    ids = villagers(ectx, org, women=("王副",))
    people.add_kinship(ectx, org, ids["陈委"], ids["林委"], "三代以内旁系血亲")
    village_election(ectx, org, ids)
    count_village(ectx, org)
    certified = certify_result(ectx, org, "c7")
    assert [(f["severity"], f["rule_id"]) for f in certified.findings] == [
        ("warning", "elections.kinship")
    ]


def test_certification_is_blocked_by_the_size_of_the_committee(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    ids = villagers(ectx, org, women=("陈委",))
    two_seats = (("主任", 1, ("张主", "李主")), ("委员", 1, ("陈委", "林委")))
    village_election(ectx, org, ids, offices=two_seats)
    assert [f["rule_id"] for f in get_election(ectx, org, "c7").setup_findings] == [
        "elections.seat-range"
    ]
    count_village(ectx, org, votes={"主任": {"张主": 60}, "委员": {"陈委": 60}})
    refusal = refused_certification(ectx, org)
    assert refusal.value == "elections.seat-range"
    assert "应选2人，少于3人" in refusal.rule and "村委会成员不少于3人,不超过7人" in refusal.rule


def test_union_certification_is_blocked_by_too_many_seats_and_no_contest(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    create_election(
        ectx, "union", code="p4", title="主席团", rule_set="union_presidium", electorate=189,
        offices=[("主席团成员", 4, UNION_CANDIDATES[:4])],
    )  # fmt: skip
    open_round(ectx, "union", "p4", present=160, ballots_issued=160)
    enter_sheet(
        ectx, "union", "p4", ballots_counted=160, votes={"": dict.fromkeys((A, B, C, D), 90)}
    )
    assert count_round(ectx, "union", "p4").outcome is Outcome.COMPLETE
    refusal = refused_certification(ectx, "union", "p4")
    assert refusal.value == "elections.seat-range" and "主席团成员不超过3人" in refusal.rule
    assert "also elections.contested" in refusal.rule


def test_certification_is_blocked_when_a_teller_stands(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    open_round(ectx, "union", "p5", present=160, ballots_issued=160)
    enter_sheet(
        ectx, "union", "p5", ballots_counted=160, votes={"": {A: 120, B: 100, C: 90}},
        tellers=[E],  # 钱五 is a candidate: 所有选举工作人员必须是非委员候选人
    )  # fmt: skip
    count_round(ectx, "union", "p5")
    refusal = refused_certification(ectx, "union", "p5")
    assert (
        refusal.value == "elections.staff" and "所有选举工作人员必须是非委员候选人" in refusal.rule
    )


def test_certification_is_blocked_while_the_election_has_not_ended(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    hold_union_first_vote(ectx)
    count_round(ectx, "union", "p5")  # one seat left for a further round
    refusal = refused_certification(ectx, "union", "p5")
    assert refusal.value == "elections.not-ended"


# -- re-counts -------------------------------------------------------------------------


def test_a_recount_after_publication_leaves_the_first_result_untouched(ectx: Context) -> None:
    org = org_with_elections(ectx, "cun")
    village_election(ectx, org, villagers(ectx, org, women=("黄委", "周委")))
    count_village(ectx, org)
    first = certify_result(ectx, org, "c7")
    publish_result(ectx, org, "c7")
    before = result_row(first.id)
    assert before["locked"] and before["announcement"] == "公告（第10号）"

    # The paper ballots counted again: 周委 had 70, not 20, and 黄委 50.
    votes = {**VILLAGE_VOTES, "委员": {"陈委": 60, "林委": 60, "黄委": 50, "周委": 70}}
    again = recount(
        ectx,
        org,
        "c7",
        reason="监票人提出委员票数有误，重新计票",
        sheet={"ballots_counted": 90, "votes": votes, "scrutineers": ["监票人乙"]},
    )
    assert (again.count_no, again.recount_of, again.round) == (2, first.id, 1)
    assert again.result["elected"]["委员"] == ["周委", "陈委", "林委"]
    assert not again.certified and not again.locked
    assert result_row(first.id) == before  # never edited

    shown = get_election(ectx, org, "c7")
    assert [(r.id, r.current, r.locked) for r in shown.results] == [
        (first.id, False, True),
        (again.id, True, False),
    ]
    recounted = audit_entries(ectx, "elections.recount")[-1]
    assert recounted.reason == "监票人提出委员票数有误，重新计票"
    assert recounted.before["members"] == ["张主", "王副", "陈委", "林委", "黄委"]
    assert recounted.after["members"] == ["张主", "王副", "周委", "陈委", "林委"]

    # the new result is certified and published in its own right
    certify_result(ectx, org, "c7")
    assert publish_result(ectx, org, "c7").announcement == "公告（第10号）"
    assert result_row(first.id) == before


def test_a_recount_of_the_ballots_with_a_corrected_turnout(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    hold_union_first_vote(ectx)
    # 实到 typed as 159: 160 ballots returned from 159 present voids the vote
    first = count_round(ectx, "union", "p5", present=159)
    assert first.outcome is Outcome.VOID
    again = recount(ectx, "union", "p5", reason="实到人数更正为160人", present=160)
    assert again.count_no == 2 and again.outcome is Outcome.NEXT_VOTE
    assert again.members == (A, B)
    assert result_row(first.id)["present"] == 159
    assert result_row(again.id)["present"] == 160
    # the next vote follows the re-count
    assert open_round(ectx, "union", "p5", present=158, ballots_issued=158).kind == "ANOTHER"


def test_a_recount_waits_for_a_vote_and_needs_a_reason(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    union_election(ectx)
    with pytest.raises(Conflict, match="no vote has been counted"):
        recount(ectx, "union", "p5", reason="核对")
    hold_union_first_vote(ectx)
    count_round(ectx, "union", "p5")
    with pytest.raises(InvalidInput, match="reason"):
        recount(ectx, "union", "p5", reason=" ")
    open_round(ectx, "union", "p5", present=158, ballots_issued=158)
    with pytest.raises(Conflict, match="a later vote is open"):
        recount(ectx, "union", "p5", reason="核对")


# -- only where enabled, only one's own ------------------------------------------------


def test_only_organizations_that_enabled_the_plugin_hold_elections(ectx: Context) -> None:
    make_org(ectx, "plain", "village")
    with pytest.raises(Conflict, match="not enabled for plain"):
        list_elections(ectx, "plain")
    with pytest.raises(Conflict, match="zhidu plugins enable --org plain elections"):
        union_election(ectx, "plain")


def test_another_organization_can_neither_see_nor_change_an_election(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    org_with_elections(ectx, "cun")
    union_election(ectx, "union", "secret")
    open_round(ectx, "union", "secret", present=160, ballots_issued=160)
    clerk = member(ectx, "clerk", {"cun": "editor"})
    # clerk, an editor of the village, reaches nothing of the union's …
    for attempt in (
        lambda: list_elections(clerk, "union"),
        lambda: get_election(clerk, "union", "secret"),
        lambda: enter_ballot(clerk, "union", "secret", "✓✓✓××"),
        lambda: count_round(clerk, "union", "secret"),
        lambda: recount(clerk, "union", "secret", reason="x"),
    ):
        with pytest.raises(PermissionDenied, match="may not"):
            attempt()
    # … and naming it through the village finds nothing there
    assert list_elections(clerk, "cun") == []
    with pytest.raises(NotFound, match="no such election in cun"):
        enter_ballot(clerk, "cun", "secret", "✓✓✓××")
    assert BallotRow.select().count() == 0
    # a viewer reads but does not enter
    viewer = member(ectx, "reader", {"union": "viewer"})
    assert [e.code for e in list_elections(viewer, "union")] == ["secret"]
    with pytest.raises(PermissionDenied, match="may not edit terms"):
        enter_ballot(viewer, "union", "secret", "✓✓✓××")


def test_every_row_belongs_to_its_organization(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    org_with_elections(ectx, "cun")
    union_election(ectx, "union", "p5")
    union_election(ectx, "cun", "p5")  # the same code in another organization
    open_round(ectx, "cun", "p5", present=160, ballots_issued=160)
    enter_ballot(ectx, "cun", "p5", "✓✓✓××")
    union = models.Organization.get(code="union").id
    assert all(r.org_id != union for r in BallotRow.select())
    assert get_election(ectx, "union", "p5").rounds == ()


def test_setup_mistakes_are_one_clear_line(ectx: Context) -> None:
    org_with_elections(ectx, "union", "student_union")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"rule_set": "majority"}, "rule_set"),
        ({"code": "P 5"}, "code"),
        ({"electorate": 0}, "electorate"),
        ({"offices": [("主席团成员", 3, ("王一", "王一"))]}, "names"),
        ({"offices": [("主席团成员", 3, (("王一", 999),))]}, "person"),
    ]
    for change, field in cases:
        values: dict[str, Any] = {
            "code": "p5",
            "title": "主席团",
            "rule_set": "union_presidium",
            "electorate": 189,
            "offices": [("主席团成员", 3, UNION_CANDIDATES)],
        } | change
        with pytest.raises((InvalidInput, NotFound)) as refused:
            create_election(ectx, "union", **values)
        assert field in str(refused.value)
    assert list_elections(ectx, "union") == []


# -- counting many ballots -------------------------------------------------------------


def test_ballots_stored_as_rows_count_as_the_pure_core_counts_them(ectx: Context) -> None:
    """Thousands of ballots, stored as the service stores them, read back in one stream
    and counted once: the same tally as the pure core over the ballots as marked."""
    import random

    from core.api import sql
    from plugins.elections.codec import BallotLayout
    from plugins.elections.rules import count_ballots
    from plugins.elections.rulesets import union_presidium
    from plugins.elections.values import Office, Round

    org_with_elections(ectx, "union", "student_union")
    union_election(ectx, electorate=4000)
    opened = open_round(ectx, "union", "p5", present=3500, ballots_issued=3500)
    rng = random.Random(8)
    marked = []
    for _ in range(3500):
        ballot = {name: rng.choice("✓✓××△") for name in UNION_CANDIDATES}
        if rng.random() < 0.05:
            ballot[rng.choice(("赵六", "孙七"))] = "✓"
        if rng.random() < 0.01:
            ballot[A] = "?"
        marked.append(ballot)
    layout = BallotLayout(opened.offices)
    vote = RoundRow.get()
    rows = []
    for seq, ballot in enumerate(marked, 1):
        printed = {n: m for n, m in ballot.items() if n in UNION_CANDIDATES}
        written = [n for n in ballot if n not in UNION_CANDIDATES]
        stored, write_ins = layout.encode(printed, written)
        text = None if write_ins is None else json.dumps(write_ins, ensure_ascii=False)
        rows.append((vote.org_id, vote.id, seq, stored, text, "bulk", TODAY))
    with ectx.transaction():
        sql.insert_many(
            BallotRow,
            ("org_id", "round_id", "seq", "marks", "write_ins", "entered_by", "entered_at"),
            rows,
        )
    counted = count_round(ectx, "union", "p5")
    expected = count_ballots(
        union_presidium, Round(1, (Office(PRESIDIUM, 3, UNION_CANDIDATES),), 0, 0), marked
    )
    tally = ResultRow.get_by_id(counted.id).tally
    assert tally["ballots_counted"] == 3500
    assert tally["offices"][PRESIDIUM]["for"] == dict(expected.votes(PRESIDIUM).for_votes)
    assert tally["offices"][PRESIDIUM]["against"] == dict(expected.votes(PRESIDIUM).against)
    assert tally["invalid"] == {r.name: n for r, n in expected.invalid.items()}
