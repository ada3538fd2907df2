"""The elected presidium takes office (student-union-bylaws.txt 第十条, 六、5): who of the
elected is 主席 and who 副主席 (``congress.presidium_ranks``, pure), and
``services.seat_presidium`` — a core term (选任) for each member of a certified and
published result, refused before that, twice, before the congress, for a candidate not
linked or not a member, and all or nothing; through the services and the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.api import Conflict, InvalidInput
from core.services.audit_trail import read_audit
from core.services.context import Context
from core.services.posts import add_term
from plugins.elections import services as elections
from plugins.union import congress, services
from tests.plugins.union.helpers import person, standard
from tests.plugins.union.test_cli import zhidu  # noqa: F401  (the CLI fixture)

Union = Callable[[], dict[str, Any]]
HELD = "2023-09-10"
CANDIDATES = ("王思远", "李有辉", "周若琳", "封尚", "赵晓越")  # 王4 李7 周8 封9 赵9
VOTES = {"王思远": 4, "李有辉": 12, "周若琳": 3, "封尚": 10, "赵晓越": 9}  # of 15 present


def E(office: str, name: str, votes: int, round_: int = 1) -> congress.Elected:
    return congress.Elected(office, name, round_, votes)


# --- who is 主席: pure ------------------------------------------------------------------


def test_the_body_elected_as_one_most_votes_chairs_the_rest_are_vice() -> None:
    body = [E("主席团成员", "甲", 10), E("主席团成员", "乙", 12), E("主席团成员", "丙", 9)]
    assert congress.presidium_ranks(body) == (("甲", "副主席"), ("乙", "主席"), ("丙", "副主席"))
    assert congress.presidium_ranks(body, "丙")[2] == ("丙", "主席")
    # a vote later (另行选举) ranks after the first, whatever its votes
    later = [E("主席团成员", "甲", 10), E("主席团成员", "乙", 99, round_=2)]
    assert congress.presidium_ranks(later)[0] == ("甲", "主席")


def test_equal_votes_at_the_top_or_a_chair_not_elected_is_refused() -> None:
    tied = [E("主席团成员", "甲", 10), E("主席团成员", "乙", 10), E("主席团成员", "丙", 9)]
    with pytest.raises(InvalidInput, match=r"equal votes: name the 主席.*第十条") as error:
        congress.presidium_ranks(tied)
    assert error.value.field == "chair" and error.value.value == "甲、乙"
    assert congress.presidium_ranks(tied, "乙")[1] == ("乙", "主席")
    with pytest.raises(InvalidInput, match="was not elected"):
        congress.presidium_ranks(tied, "丁")


def test_offices_named_for_the_posts_give_the_posts() -> None:
    offices = [E("主席", "甲", 5), E("副主席", "乙", 12), E("副主席", "丙", 11)]
    assert congress.presidium_ranks(offices) == (("甲", "主席"), ("乙", "副主席"), ("丙", "副主席"))
    with pytest.raises(InvalidInput, match="was elected 副主席"):
        congress.presidium_ranks(offices, "乙")
    mixed = [E("主席", "甲", 5), E("主席团成员", "乙", 12)]
    assert congress.presidium_ranks(mixed) == (("甲", "主席"), ("乙", "副主席"))
    with pytest.raises(InvalidInput, match="the congress elected the 主席: 甲"):
        congress.presidium_ranks(mixed, "乙")


# --- seating through the services --------------------------------------------------------


@pytest.fixture
def elected(ctx: Context, union: Union) -> Callable[..., dict[str, Any]]:
    """A congress of 15 members (the five candidates among them), its presidium election
    held and taken as far as ``stage``: counted, certified or published."""
    union()

    def make(stage: str = "published", link: bool = True) -> dict[str, Any]:
        session = services.add_congress(
            ctx, "xs", held_on=HELD, kind="学生代表大会", delegates=15, present=15,
            elects_presidium=True,
        )["id"]  # fmt: skip
        ids = {}
        for i, name in enumerate([*CANDIDATES, *(f"代表{n}" for n in range(10))]):
            ids[name] = person(ctx, name)
            services.join(ctx, "xs", ids[name], "2023-09-01")
            services.add_delegate(ctx, "xs", session, ids[name], elected_by=f"第{i % 3 + 1}团")
        candidates = [(n, ids[n] if link else None) for n in CANDIDATES]
        services.elect_presidium(
            ctx, "xs", session, code="zxt-5", title="第五届主席团", seats=3,
            candidates=candidates, scrutineers=("代表1",),
        )  # fmt: skip
        if stage != "open":
            elections.enter_sheet(ctx, "xs", "zxt-5", ballots_counted=15, votes={"": VOTES})
            elections.count_round(ctx, "xs", "zxt-5")
        if stage in ("certified", "published"):
            elections.certify_result(ctx, "xs", "zxt-5")
        if stage == "published":
            elections.publish_result(ctx, "xs", "zxt-5", prefix="学代发")
        return {"congress": session, "ids": ids}

    return make


def terms_of(ctx: Context) -> list[tuple[str, str, str]]:
    from core.access import Action
    from core.services.checks import CheckContext
    from core.services.orgs import org_row

    check = CheckContext(ctx, org_row(ctx, "xs", Action.READ), ctx.today())
    posts = {p.id: p.code for p in check.posts}
    names = {p.id: p.name for p in check.people}
    return [(names[t.person_id], posts[t.post_id], t.appointed_by.value) for t in check.terms]


def test_the_published_presidium_takes_office_by_votes(
    ctx: Context, elected: Callable[..., dict[str, Any]]
) -> None:
    made = elected()
    data = services.seat_presidium(ctx, "xs", "zxt-5", on="2023-09-11")
    assert [(t["name"], t["rank"], t["post"]) for t in data["terms"]] == [
        ("李有辉", "主席", "zx"),  # 12 votes, the most
        ("封尚", "副主席", "fzx"),
        ("赵晓越", "副主席", "fzx"),
    ]
    assert data["announcement"].startswith("学代发〔") and data["congress"] == made["congress"]
    assert "第十条" in data["citations"][0] and "选举结果当场公布" in data["citations"][1]
    assert sorted(terms_of(ctx)) == sorted(
        [("李有辉", "zx", "选任"), ("封尚", "fzx", "选任"), ("赵晓越", "fzx", "选任")]
    )
    # one transaction: the seating and the core's three terms, audited together
    actions = [r.action for r in read_audit(ctx, org_code="xs")]
    assert actions[-4:] == ["term.add", "term.add", "term.add", "union.congress.seat"]
    # standard 8 now holds: the presidium elected by the congress
    assert standard(ctx, 8, "2023-10-01").met
    # never twice
    with pytest.raises(Conflict, match="took office on 2023-09-11 already"):
        services.seat_presidium(ctx, "xs", "zxt-5", on="2023-09-12")


def test_a_named_chair(ctx: Context, elected: Callable[..., dict[str, Any]]) -> None:
    elected()
    with pytest.raises(InvalidInput, match="was not elected"):
        services.seat_presidium(ctx, "xs", "zxt-5", on=HELD, chair="王思远")
    data = services.seat_presidium(ctx, "xs", "zxt-5", on=HELD, chair="赵晓越")
    assert {t["name"]: t["rank"] for t in data["terms"]}["赵晓越"] == "主席"


@pytest.mark.parametrize(
    ("stage", "refusal"),
    [
        ("open", "no vote has been counted yet"),
        ("counted", "not certified"),
        ("certified", "not published.*选举结果当场公布"),
    ],
)
def test_not_before_it_is_certified_and_published(
    ctx: Context, elected: Callable[..., dict[str, Any]], stage: str, refusal: str
) -> None:
    elected(stage)
    with pytest.raises(Conflict, match=refusal):
        services.seat_presidium(ctx, "xs", "zxt-5", on=HELD)
    assert terms_of(ctx) == []


def test_not_before_the_congress_nor_an_election_no_session_held(
    ctx: Context, elected: Callable[..., dict[str, Any]]
) -> None:
    elected()
    with pytest.raises(InvalidInput, match="before the congress of 2023-09-10") as error:
        services.seat_presidium(ctx, "xs", "zxt-5", on="2023-09-09")
    assert error.value.field == "on"
    elections.create_election(
        ctx, "xs", code="loose", title="未经大会", rule_set="union_presidium", electorate=15,
        offices=[elections.OfficeSpec("主席团成员", 1, ("甲", "乙"))],
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="not held by a congress session"):
        services.seat_presidium(ctx, "xs", "loose", on=HELD)


def test_a_candidate_not_linked_or_not_a_member_is_refused(
    ctx: Context, elected: Callable[..., dict[str, Any]]
) -> None:
    made = elected(link=False)
    with pytest.raises(InvalidInput, match="is not linked to a person: zhidu elections link"):
        services.seat_presidium(ctx, "xs", "zxt-5", on=HELD)
    for name in ("李有辉", "封尚", "赵晓越"):
        elections.link_candidate(ctx, "xs", "zxt-5", name, made["ids"][name])
    services.resign(ctx, "xs", made["ids"]["封尚"], on="2023-09-01", approved_by="主席",
                    leave_on="2023-10-01")  # fmt: skip
    with pytest.raises(InvalidInput, match="封尚 is not a member on 2023-10-02"):
        services.seat_presidium(ctx, "xs", "zxt-5", on="2023-10-02")
    assert terms_of(ctx) == []


def test_all_or_nothing_when_a_post_is_full(
    ctx: Context, elected: Callable[..., dict[str, Any]]
) -> None:
    elected()
    for n in range(3):  # the three 副主席 posts held by others
        add_term(ctx, "xs", post_code="fzx", person_id=person(ctx, f"旧{n}"), start="2022-09-10",
                 appointed_by="选任")  # fmt: skip
    before = terms_of(ctx)
    with pytest.raises(Conflict, match="headcount"):
        services.seat_presidium(ctx, "xs", "zxt-5", on=HELD)
    assert terms_of(ctx) == before  # not even the 主席's term
    assert "union.congress.seat" not in [r.action for r in read_audit(ctx, org_code="xs")]


def test_seating_through_the_cli(
    ctx: Context,
    elected: Callable[..., dict[str, Any]],
    zhidu: Callable[..., Any],  # noqa: F811
) -> None:
    elected()
    args = ("congress", "seat", "zxt-5", "--org", "xs")
    code, data, err = zhidu(*args, "--on", "2023-09-09")  # the day before the congress
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert data["error"]["type"] == "InvalidInput" and data["error"]["field"] == "on"
    code, data, err = zhidu(*args, "--on", HELD, "--chair", "封尚")
    assert code == 0, err
    assert [(t["name"], t["rank"]) for t in data["terms"]] == [
        ("李有辉", "副主席"), ("封尚", "主席"), ("赵晓越", "副主席"),
    ]  # fmt: skip
    code, data, err = zhidu(*args, "--on", HELD)
    assert code == 2 and data["error"]["type"] == "Conflict" and "已就任" in err
