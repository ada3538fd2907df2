from __future__ import annotations

import pytest

from core import models
from core.errors import Conflict, InvalidInput, NotFound
from core.services.context import Context
from core.services.people import add_person
from core.services.posts import add_post, add_term, end_term, list_posts, list_terms, set_headcount
from tests.conftest import make_org


def setup_post(ctx: Context, headcount: int = 2) -> list[int]:
    make_org(ctx)
    add_post(
        ctx,
        "gdpu",
        unit_code="office",
        code="fkz",
        title="副科长",
        rank="副科级",
        headcount=headcount,
        category="行政",
        term_years=3,
        max_consecutive_terms=2,
    )
    return [
        add_person(ctx, "gdpu", name=f"人{n}", gender="男", birth_date="1980-01-01").id
        for n in range(4)
    ]


def test_a_post_never_holds_more_than_its_headcount(ctx: Context) -> None:
    a, b, c, _ = setup_post(ctx)
    add_term(ctx, "gdpu", post_code="fkz", person_id=a, start="2020-01-01", appointed_by="委任")
    add_term(
        ctx,
        "gdpu",
        post_code="fkz",
        person_id=b,
        start="2021-01-01",
        appointed_by="委任",
        end="2023-06-30",
        end_reason="交流",
    )
    with pytest.raises(Conflict, match="would be exceeded on 2023-06-30"):
        add_term(ctx, "gdpu", post_code="fkz", person_id=c, start="2023-06-30", appointed_by="委任")
    # the day after b left, the place is free
    add_term(ctx, "gdpu", post_code="fkz", person_id=c, start="2023-07-01", appointed_by="委任")
    assert list_posts(ctx, "gdpu")[0][1] == 2


def test_one_persons_terms_in_a_post_never_overlap(ctx: Context) -> None:
    a, *_ = setup_post(ctx, headcount=3)
    add_term(
        ctx,
        "gdpu",
        post_code="fkz",
        person_id=a,
        start="2017-01-01",
        end="2019-12-31",
        end_reason="届满",
        appointed_by="委任",
    )
    with pytest.raises(Conflict, match="overlaps this person's term"):
        add_term(ctx, "gdpu", post_code="fkz", person_id=a, start="2019-12-31", appointed_by="委任")
    add_term(ctx, "gdpu", post_code="fkz", person_id=a, start="2020-01-01", appointed_by="委任")
    assert len(list_terms(ctx, "gdpu", person_id=a)) == 2


def test_a_term_validates_its_dates_and_reason(ctx: Context) -> None:
    a, *_ = setup_post(ctx)
    with pytest.raises(InvalidInput, match="go together"):
        add_term(
            ctx,
            "gdpu",
            post_code="fkz",
            person_id=a,
            start="2020-01-01",
            appointed_by="委任",
            end="2021-01-01",
        )
    with pytest.raises(InvalidInput, match="before start"):
        add_term(
            ctx,
            "gdpu",
            post_code="fkz",
            person_id=a,
            start="2020-01-01",
            appointed_by="委任",
            end="2019-01-01",
            end_reason="届满",
        )
    with pytest.raises(InvalidInput, match="appointed_by"):
        add_term(ctx, "gdpu", post_code="fkz", person_id=a, start="2020-01-01", appointed_by="任命")
    with pytest.raises(NotFound, match="post 'kz'"):
        add_term(ctx, "gdpu", post_code="kz", person_id=a, start="2020-01-01", appointed_by="委任")
    assert models.Term.select().count() == 0


def test_ending_a_term_frees_the_post_and_cannot_happen_twice(ctx: Context) -> None:
    a, b, *_ = setup_post(ctx, headcount=1)
    term = add_term(
        ctx, "gdpu", post_code="fkz", person_id=a, start="2020-01-01", appointed_by="委任"
    )
    ended = end_term(ctx, "gdpu", term.id, end="2026-11-20", reason="自愿辞职", note="本人申请")
    assert (ended.end.isoformat(), ended.end_reason.value) == ("2026-11-20", "自愿辞职")
    with pytest.raises(Conflict, match="already ended"):
        end_term(ctx, "gdpu", term.id, end="2026-11-21", reason="免职")
    add_term(ctx, "gdpu", post_code="fkz", person_id=b, start="2026-11-21", appointed_by="委任")
    serving = list_terms(ctx, "gdpu", serving_on=ctx.today())
    assert [(v.term.person_id, v.person_name, v.post_code) for v in serving] == [(b, "人1", "fkz")]


def test_headcount_cannot_drop_below_those_serving(ctx: Context) -> None:
    a, b, *_ = setup_post(ctx)
    add_term(ctx, "gdpu", post_code="fkz", person_id=a, start="2020-01-01", appointed_by="委任")
    add_term(ctx, "gdpu", post_code="fkz", person_id=b, start="2020-01-01", appointed_by="委任")
    with pytest.raises(Conflict, match="2 people hold fkz"):
        set_headcount(ctx, "gdpu", "fkz", 1)
    assert set_headcount(ctx, "gdpu", "fkz", 3, "编制调整").headcount == 3


def test_a_failed_change_leaves_no_audit_entry_and_a_good_one_leaves_one(ctx: Context) -> None:
    a, b, *_ = setup_post(ctx, headcount=1)
    count = models.AuditEntry.select().count()
    add_term(ctx, "gdpu", post_code="fkz", person_id=a, start="2020-01-01", appointed_by="委任")
    assert models.AuditEntry.select().count() == count + 1
    with pytest.raises(Conflict):
        add_term(ctx, "gdpu", post_code="fkz", person_id=b, start="2020-01-01", appointed_by="委任")
    assert models.AuditEntry.select().count() == count + 1
