"""The congress (student-union-bylaws.txt 第八条, 六、主席团成员选举办法, 七、日程): delegates
and who may be one, the presidium election through the elections engine — quorums at
their boundaries (2/3 to meet, 4/5 to elect), no proxy votes, the staff not standing,
candidates by the strokes of their surname — and the agenda dated from the congress;
through the services and the command line, on the ``db_url`` database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.api import Conflict, InvalidInput
from core.services.audit_trail import read_audit
from core.services.context import Context
from plugins.elections import services as elections
from plugins.union import congress, services
from tests.plugins.union.helpers import person
from tests.plugins.union.test_cli import zhidu  # noqa: F401  (the CLI fixture)

Union = Callable[[], dict[str, Any]]
HELD = "2023-09-10"
CANDIDATES = ("赵晓越", "封尚", "王思远", "李有辉", "周若琳")  # 赵9 封9 王4 李7 周8


@pytest.fixture
def session(ctx: Context, union: Union) -> Callable[..., int]:
    """A congress of ``formal`` delegates (members since 2023-09-01), ``present`` of them
    recorded as present."""
    union()

    def make(formal: int = 15, present: int | None = None) -> int:
        row = services.add_congress(
            ctx, "xs", held_on=HELD, kind="学生代表大会", delegates=formal,
            present=formal if present is None else present, elects_presidium=True,
        )  # fmt: skip
        for i in range(formal):
            pid = person(ctx, f"代表{i + 1}")
            services.join(ctx, "xs", pid, "2023-09-01")
            services.add_delegate(ctx, "xs", row["id"], pid, elected_by=f"第{i % 3 + 1}代表团")
        return int(row["id"])

    return make


def _elect(ctx: Context, congress_id: int, **given: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": "zxt-5", "title": "主席团", "seats": 3, "candidates": CANDIDATES,
        "scrutineers": ("钱文博", "孙嘉怡"), "counters": ("何思琪",),
    } | given  # fmt: skip
    return services.elect_presidium(ctx, "xs", congress_id, **values)


# --- delegates ----------------------------------------------------------------------


def test_a_formal_delegate_must_be_a_member_an_observer_need_not(
    ctx: Context, session: Callable[..., int]
) -> None:
    cid = session(2)
    outsider = person(ctx, "外院学生")
    with pytest.raises(InvalidInput, match="第5条、第6条"):
        services.add_delegate(ctx, "xs", cid, outsider, elected_by="代表团")
    seen = services.add_delegate(ctx, "xs", cid, outsider, kind="列席代表", elected_by="主席团")
    assert seen["kind"] == "列席代表"
    with pytest.raises(Conflict):
        services.add_delegate(ctx, "xs", cid, outsider, kind="列席代表", elected_by="主席团")
    listed = services.list_delegates(ctx, "xs", cid)
    assert (listed["formal"], listed["observers"]) == (2, 1)
    assert [d["kind"] for d in listed["delegates"]] == ["正式代表", "正式代表", "列席代表"]
    actions = [r.action for r in read_audit(ctx, org_code="xs", plugin="union")]
    assert actions.count("union.delegate.add") == 3


def test_a_member_who_joins_after_the_congress_is_not_yet_eligible(
    ctx: Context, session: Callable[..., int]
) -> None:
    cid = session(1)
    late = person(ctx, "新生")
    services.join(ctx, "xs", late, "2023-09-11")  # the day after
    with pytest.raises(InvalidInput, match="not a member on 2023-09-10"):
        services.add_delegate(ctx, "xs", cid, late, elected_by="代表团")


# --- quorums: the engine's union_presidium ---------------------------------------------


def _met(data: dict[str, Any]) -> dict[str, bool]:
    return {s["rule"]: s["met"] for s in data["quorum"]}


def test_two_thirds_to_meet_exactly_and_one_fewer(
    ctx: Context, session: Callable[..., int]
) -> None:
    cid = session(15)  # 2/3 of 15 = 10; 4/5 = 12
    at = services.quorum(ctx, "xs", cid, 10)
    assert _met(at) == {"elections.convene": True, "elections.presence": False}
    assert [s["needed"] for s in at["quorum"]] == [10, 12]
    assert "第八条" in at["quorum"][0]["citation"]
    below = services.quorum(ctx, "xs", cid, 9)
    assert _met(below)["elections.convene"] is False
    with pytest.raises(InvalidInput, match="第八条"):
        _elect(ctx, cid, present=9)
    with pytest.raises(InvalidInput, match="第4项"):  # meets, but may not elect
        _elect(ctx, cid, present=10)
    assert elections.list_elections(ctx, "xs") == []


def test_four_fifths_to_elect_exactly_and_one_fewer(
    ctx: Context, session: Callable[..., int]
) -> None:
    cid = session(15)
    with pytest.raises(InvalidInput, match="五分之四"):
        _elect(ctx, cid, present=11)
    done = _elect(ctx, cid, present=12)
    assert _met(done) == {"elections.convene": True, "elections.presence": True}
    assert (done["electorate"], done["present"], done["ballots_issued"]) == (15, 12, 12)
    view = elections.get_election(ctx, "xs", "zxt-5")
    assert view.rule_set == "union_presidium" and view.electorate == 15
    assert view.rounds[0].present == 12 and view.rounds[0].is_open
    assert services.list_congresses(ctx, "xs")[0]["elections"] == ["zxt-5"]
    # the engine applies the same test when the vote is counted: one fewer, not held
    elections.enter_sheet(
        ctx, "xs", "zxt-5", ballots_counted=11, votes={"": {"李有辉": 11}},
        scrutineers=("钱文博",),
    )  # fmt: skip
    result = elections.count_round(ctx, "xs", "zxt-5", present=11, ballots_returned=11)
    assert result.outcome.name == "NOT_HELD"


def test_the_session_present_count_is_the_default(
    ctx: Context, session: Callable[..., int]
) -> None:
    assert _elect(ctx, session(5, present=4))["present"] == 4  # 4 of 5: 4/5 exactly
    with pytest.raises(InvalidInput, match="exceeds the 5 formal"):
        services.quorum(ctx, "xs", session(5), 6)


def test_no_proxy_votes_ballots_issued_never_exceed_those_present(
    ctx: Context, session: Callable[..., int]
) -> None:
    cid = session(15)
    with pytest.raises(InvalidInput, match="不得委托他人代为投票"):
        _elect(ctx, cid, present=12, ballots_issued=13)
    assert _elect(ctx, cid, present=12, ballots_issued=12)["ballots_issued"] == 12


def test_a_scrutineer_or_counter_may_not_stand(ctx: Context, session: Callable[..., int]) -> None:
    cid = session(15)
    with pytest.raises(InvalidInput, match="非委员候选人") as refused:
        _elect(ctx, cid, scrutineers=("李有辉",))
    assert refused.value.value == "李有辉"
    with pytest.raises(InvalidInput, match="第7项"):
        _elect(ctx, cid, counters=("何思琪", "封尚"))
    assert elections.list_elections(ctx, "xs") == []  # refused before the engine


# --- stroke order ------------------------------------------------------------------------


def test_candidates_by_the_strokes_of_their_surname(
    ctx: Context, session: Callable[..., int]
) -> None:
    assert congress.by_strokes(CANDIDATES) == ("王思远", "李有辉", "周若琳", "赵晓越", "封尚")
    assert congress.by_strokes(("封尚", "赵晓越")) == ("封尚", "赵晓越")  # 9 = 9: as given
    assert congress.by_strokes(("戴一", "丁二", "黄三", "马四")) == ("丁二", "马四", "黄三", "戴一")
    with pytest.raises(InvalidInput, match="--strokes 甲=N"):
        congress.by_strokes(("甲某", "王某"))
    assert congress.by_strokes(("甲某", "王某"), {"甲": 5}) == ("王某", "甲某")
    done = _elect(ctx, session(15))
    assert done["candidates"] == ["王思远", "李有辉", "周若琳", "赵晓越", "封尚"]
    assert done["strokes"] == [4, 7, 8, 9, 9]
    office = elections.get_election(ctx, "xs", "zxt-5").offices[0]
    assert office.candidates == tuple(done["candidates"])
    assert "候选人名单按姓氏笔划为序排列" in done["citations"][0]


# --- the agenda -------------------------------------------------------------------------


def test_the_agenda_dated_from_the_congress(ctx: Context, union: Union) -> None:
    union()
    cid = services.add_congress(
        ctx, "xs", held_on="2022-11-14", kind="学生代表大会", delegates=189, present=189
    )["id"]
    items = {i["item"]: i for i in services.agenda(ctx, "xs", cid)["items"]}
    due = {code: i["due"] for code, i in items.items()}
    assert due["delegations-1"] == "2022-11-01"  # 11月1日 各代表团会议
    assert due["heads-1"] == "2022-11-02"
    assert due["delegations-2"] == "2022-11-07"  # 11月4-7日: by the last day
    assert due["presidium-1"] == "2022-11-10"  # 确定总监票人、监票人建议名单
    assert due["preparatory"] == "2022-11-13"
    assert due["plenary-2"] == due["closing"] == "2022-11-14"
    assert "选举学生会主席团、学生会委员会委员" in items["plenary-2"]["business"]
    assert items["presidium-1"]["days_before"] == 4
    assert not any(i["done"] for i in items.values())
    ticked = services.agenda_done(ctx, "xs", cid, "preparatory", on="2022-11-13", note="A1N306")
    assert ticked["due"] == "2022-11-13"
    after = {i["item"]: i for i in services.agenda(ctx, "xs", cid)["items"]}
    assert after["preparatory"]["done"] and after["preparatory"]["done_on"] == "2022-11-13"
    with pytest.raises(Conflict):
        services.agenda_done(ctx, "xs", cid, "preparatory", on="2022-11-13")
    with pytest.raises(InvalidInput, match="no such agenda item"):
        services.agenda_done(ctx, "xs", cid, "banquet", on="2022-11-13")
    assert "union.agenda.done" in [r.action for r in read_audit(ctx, org_code="xs")]


# --- the command line ---------------------------------------------------------------------


def test_the_congress_through_the_cli(
    ctx: Context,
    zhidu: Callable[..., Any],  # noqa: F811
) -> None:
    org = ("--org", "xs")
    members = [person(ctx, f"代表{i}") for i in range(5)]
    for pid in members:
        services.join(ctx, "xs", pid, "2023-09-01")
    code, row, err = zhidu("congress", "add", *org, "--on", HELD, "--kind", "学生代表大会",
                           "--delegates", "5", "--present", "4")  # fmt: skip
    assert code == 0, err
    cid = str(row["id"])
    for pid in members:
        code, added, err = zhidu("delegate", "add", *org, "--congress", cid, str(pid),
                                 "--elected-by", "第一代表团")  # fmt: skip
        assert code == 0 and added["kind"] == "正式代表", err
    code, listed, _ = zhidu("delegate", "list", *org, "--congress", cid)
    assert code == 0 and listed["formal"] == 5
    base = ("congress", "elect", *org, "--congress", cid, "--code", "p5", "--title", "主席团",
            "--candidate", "赵乙", "--candidate", "甲丙", "--candidate", "王甲",
            "--candidate", "李丁", "--strokes", "甲=5", "--scrutineer", "钱某")  # fmt: skip
    code, data, err = zhidu(*base, "--present", "3")  # 3 of 5: below 4/5
    assert code == 2 and len(err.strip().splitlines()) == 1 and data["error"]["field"] == "present"
    code, data, err = zhidu(*base, "--scrutineer", "李丁")
    assert code == 2 and data["error"]["field"] == "candidate"
    code, data, err = zhidu(*base)  # the session's 4 present: 4/5 exactly
    assert code == 0, err
    assert data["candidates"] == ["王甲", "甲丙", "李丁", "赵乙"]
    assert data["present"] == 4 and all(s["met"] for s in data["quorum"])
    code, listed, _ = zhidu("congress", "list", *org)
    assert listed[0]["elections"] == ["p5"]
    code, agenda, _ = zhidu("congress", "agenda", *org, "--congress", cid)
    assert code == 0 and agenda["items"][0]["due"] == "2023-08-28"  # 13 days before
    code, ticked, err = zhidu("congress", "done", *org, "--congress", cid, "opening", "--on", HELD)
    assert code == 0 and ticked["item"] == "opening", err
    code, _, err = zhidu("congress", "done", *org, "--congress", cid, "opening", "--on", HELD)
    assert code != 0 and len(err.strip().splitlines()) == 1
