"""Attendance at a congress session as the 正式代表 recorded present (student-union-bylaws.txt
第八条 三分之二以上当选代表参加时方可召开; 六、4 五分之四以上的正式代表出席; 六、6 不得委托
他人代为投票): who may be recorded, the quorums counting the list at their boundaries, a
typed figure that disagrees refused, the vote opened with the recorded figure, and the
command line with --json."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.api import Conflict, InvalidInput
from core.services.audit_trail import read_audit
from core.services.context import Context
from plugins.elections import services as elections
from plugins.union import services, store
from tests.plugins.union.helpers import person
from tests.plugins.union.test_cli import zhidu  # noqa: F401  (the CLI fixture)
from tests.plugins.union.test_congress import HELD, _elect, _met, session  # noqa: F401

Session = Callable[..., int]


def _formal(ctx: Context, cid: int) -> list[int]:
    return [d["person"] for d in services.list_delegates(ctx, "xs", cid)["delegates"]]


def _standard_9(ctx: Context) -> bool:
    result = services.assess(ctx, "xs", "2023-10-01")
    return next(r for r in result.results if r.number == 9).met


# --- who may be recorded ------------------------------------------------------------------


def test_only_a_formal_delegate_of_that_session_is_recorded(
    ctx: Context,
    session: Session,  # noqa: F811
) -> None:
    cid = session(3)
    other = session(1)
    ids = _formal(ctx, cid)
    outsider = person(ctx, "外院学生")
    with pytest.raises(InvalidInput, match="不得委托他人代为投票") as refused:
        services.mark_present(ctx, "xs", cid, [ids[0], outsider])
    assert (refused.value.field, refused.value.value) == ("person", outsider)
    assert "not a delegate" in str(refused.value)
    services.add_delegate(ctx, "xs", cid, outsider, kind="列席代表", elected_by="主席团")
    with pytest.raises(InvalidInput, match="列席代表"):
        services.mark_present(ctx, "xs", cid, [outsider])
    with pytest.raises(InvalidInput, match="not a delegate of congress #"):
        services.mark_present(ctx, "xs", cid, _formal(ctx, other))  # another session's
    assert services.attendance(ctx, "xs", cid)["attendance_recorded"] is False  # all refused


def test_duplicates_are_refused_and_absent_then_present_is_a_change(
    ctx: Context,
    session: Session,  # noqa: F811
) -> None:
    cid = session(3)
    a, b, c = _formal(ctx, cid)
    with pytest.raises(Conflict, match="named twice"):
        services.mark_present(ctx, "xs", cid, [a, b, a])
    done = services.mark_present(ctx, "xs", cid, [a, b])
    assert (done["present"], done["absent"], done["not_recorded"]) == (2, 0, 1)
    with pytest.raises(Conflict, match="already recorded 出席"):
        services.mark_present(ctx, "xs", cid, [c, b])
    services.mark_absent(ctx, "xs", cid, [c], note="请假")
    with pytest.raises(Conflict, match="already recorded 缺席"):
        services.mark_absent(ctx, "xs", cid, [c])
    late = services.mark_present(ctx, "xs", cid, [c], note="迟到")
    assert late["changed"] == [c] and (late["present"], late["absent"]) == (3, 0)
    listed = services.attendance(ctx, "xs", cid)["delegates"]
    assert [(d["attendance"], d["note"]) for d in listed][2] == ("出席", "迟到")
    actions = [r.action for r in read_audit(ctx, org_code="xs", plugin="union")]
    assert actions.count("union.attendance.present") == 2  # one entry per call, not per person
    assert actions.count("union.attendance.absent") == 1


# --- the quorums count the recorded list --------------------------------------------------


def test_two_thirds_recorded_present_meets_one_fewer_does_not(
    ctx: Context,
    session: Session,  # noqa: F811
) -> None:
    cid = session(15)  # typed: all 15 present; 2/3 of 15 = 10
    ids = _formal(ctx, cid)
    services.mark_present(ctx, "xs", cid, ids[:10])
    at = services.quorum(ctx, "xs", cid)
    assert (at["present"], at["counted_from"]) == (10, "attendance")
    assert _met(at) == {"elections.convene": True, "elections.presence": False}
    facts = store.facts_rows(store.UnionCongress.get_by_id(cid).org)
    assert (facts["congresses"][0].delegates, facts["congresses"][0].present) == (15, 10)
    assert _standard_9(ctx) is True
    services.mark_absent(ctx, "xs", cid, ids[9:10])
    below = services.quorum(ctx, "xs", cid)
    assert below["present"] == 9 and _met(below)["elections.convene"] is False
    assert _standard_9(ctx) is False  # the typed 15 no longer counts
    with pytest.raises(InvalidInput, match="第八条"):
        _elect(ctx, cid)


def test_four_fifths_recorded_present_proceeds_one_fewer_refused(
    ctx: Context,
    session: Session,  # noqa: F811
) -> None:
    cid = session(15)  # 4/5 of 15 = 12; the typed 15 would pass
    ids = _formal(ctx, cid)
    services.mark_present(ctx, "xs", cid, ids[:11])
    services.mark_absent(ctx, "xs", cid, ids[11:], note="请假")
    with pytest.raises(InvalidInput, match="五分之四") as refused:
        _elect(ctx, cid)
    assert (refused.value.field, refused.value.value) == ("present", 11)
    assert elections.list_elections(ctx, "xs") == []
    services.mark_present(ctx, "xs", cid, ids[11:12])
    with pytest.raises(InvalidInput, match="不得委托他人代为投票"):
        _elect(ctx, cid, ballots_issued=13)  # more ballots than those recorded present
    done = _elect(ctx, cid)
    assert (done["present"], done["ballots_issued"], done["counted_from"]) == (12, 12, "attendance")
    assert _met(done) == {"elections.convene": True, "elections.presence": True}
    view = elections.get_election(ctx, "xs", "zxt-5")
    assert view.rounds[0].present == 12 and view.rounds[0].ballots_issued == 12
    # the engine voids a round with more ballots returned than the recorded present (六、5)
    elections.enter_sheet(
        ctx, "xs", "zxt-5", ballots_counted=13, votes={"": {"李有辉": 13}},
        scrutineers=("钱文博",),
    )  # fmt: skip
    result = elections.count_round(ctx, "xs", "zxt-5", ballots_returned=13)
    assert result.outcome.name == "VOID"


def test_a_typed_figure_disagreeing_with_the_list_is_refused_naming_both(
    ctx: Context,
    session: Session,  # noqa: F811
) -> None:
    cid = session(15)
    services.mark_present(ctx, "xs", cid, _formal(ctx, cid)[:12])
    with pytest.raises(InvalidInput) as refused:
        _elect(ctx, cid, present=15)
    message = str(refused.value)
    assert refused.value.field == "present" and "15" in message and "12" in message
    assert "\n" not in message
    with pytest.raises(InvalidInput, match="disagrees with the 12"):
        services.quorum(ctx, "xs", cid, 11)
    assert services.quorum(ctx, "xs", cid, 12)["present"] == 12  # agreeing is fine
    assert _elect(ctx, cid, present=12)["present"] == 12


def test_with_nothing_recorded_the_typed_figure_still_counts(
    ctx: Context,
    session: Session,  # noqa: F811
) -> None:
    cid = session(15, present=12)
    figures = services.attendance(ctx, "xs", cid)
    assert (figures["attendance_recorded"], figures["counted_present"]) == (False, 12)
    assert figures["counted_from"] == "typed"
    assert services.quorum(ctx, "xs", cid, 11)["counted_from"] == "typed"
    assert services.list_congresses(ctx, "xs")[0]["present_recorded"] is None
    assert _elect(ctx, cid)["present"] == 12


# --- the command line -----------------------------------------------------------------------


def test_attendance_through_the_cli(
    ctx: Context,
    zhidu: Callable[..., Any],  # noqa: F811
) -> None:
    org = ("--org", "xs")
    members = [person(ctx, f"代表{i}") for i in range(5)]
    for pid in members:
        services.join(ctx, "xs", pid, "2023-09-01")
    cid = services.add_congress(
        ctx, "xs", held_on=HELD, kind="学生代表大会", delegates=5, present=5
    )["id"]
    for pid in members:
        services.add_delegate(ctx, "xs", cid, pid, elected_by="第一代表团")
    stranger = person(ctx, "路人")  # before the first command: its run rebinds the models
    code, data, err = zhidu("delegate", "present", str(cid), *map(str, members[:4]), *org)
    assert code == 0, err
    assert (data["present"], data["not_recorded"], data["persons"]) == (4, 1, members[:4])
    code, data, err = zhidu("delegate", "present", str(cid), str(members[0]), *org)
    assert code == 2 and len(err.strip().splitlines()) == 1 and data["error"]["field"] == "person"
    code, data, err = zhidu("delegate", "present", str(cid), str(stranger), *org)
    assert code == 2 and "不得委托他人代为投票" in err and len(err.strip().splitlines()) == 1
    code, data, err = zhidu("delegate", "absent", str(cid), str(members[4]), *org, "--note", "请假")
    assert code == 0 and (data["present"], data["absent"]) == (4, 1), err
    code, data, err = zhidu("delegate", "attendance", str(cid), *org)
    assert code == 0 and data["counted_present"] == 4 and data["counted_from"] == "attendance"
    assert [d["attendance"] for d in data["delegates"]] == ["出席"] * 4 + ["缺席"]
    base = ("congress", "elect", *org, "--congress", str(cid), "--code", "p5", "--title", "主席团",
            "--candidate", "赵乙", "--candidate", "王甲", "--scrutineer", "钱某")  # fmt: skip
    code, data, err = zhidu(*base, "--present", "5")  # the typed 5 against the recorded 4
    assert code == 2 and len(err.strip().splitlines()) == 1 and data["error"]["field"] == "present"
    assert "5" in err and "4" in err
    code, data, err = zhidu(*base)  # 4 of 5 recorded: 4/5 exactly
    assert code == 0 and data["present"] == 4 and data["ballots_issued"] == 4, err
    code, listed, _ = zhidu("congress", "list", *org)
    assert listed[0]["present_recorded"] == 4
