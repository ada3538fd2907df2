from __future__ import annotations

from datetime import date

from core.services.context import Context
from core.services.deadlines import upcoming_deadlines
from core.services.people import add_person
from core.services.posts import add_post, add_term
from tests.conftest import make_org


def test_probations_and_full_terms_coming_up(ctx: Context) -> None:
    make_org(ctx)
    add_post(
        ctx,
        "gdpu",
        unit_code="office",
        code="cz",
        title="处长",
        rank="正处级",
        headcount=3,
        category="行政",
        term_years=4,
    )
    a = add_person(ctx, "gdpu", name="甲", gender="男", birth_date="1970-01-01").id
    b = add_person(ctx, "gdpu", name="乙", gender="女", birth_date="1975-01-01").id
    c = add_person(ctx, "gdpu", name="丙", gender="男", birth_date="1980-01-01").id
    # 甲: started 2019-01-10 → full terms end 2023-01-09 and 2027-01-09
    add_term(ctx, "gdpu", post_code="cz", person_id=a, start="2019-01-10", appointed_by="委任")
    # 乙: probation ends 2026-12-04, inside 90 days
    add_term(
        ctx,
        "gdpu",
        post_code="cz",
        person_id=b,
        start="2025-12-05",
        appointed_by="委任",
        probation_end="2026-12-04",
    )
    # 丙: ended — no deadlines
    add_term(
        ctx,
        "gdpu",
        post_code="cz",
        person_id=c,
        start="2018-01-01",
        end="2022-12-31",
        end_reason="届满",
        appointed_by="委任",
    )
    found = upcoming_deadlines(ctx, "gdpu", 90, on=date(2026, 11, 21))
    assert [(d.due, d.kind, d.person) for d in found] == [
        (date(2026, 12, 4), "probation", "乙"),
        (date(2027, 1, 9), "term", "甲"),
    ]
    # the window's edges: the last day counts, the day after does not
    assert [d.kind for d in upcoming_deadlines(ctx, "gdpu", 49, on=date(2026, 11, 21))] == [
        "probation",
        "term",
    ]
    assert [d.kind for d in upcoming_deadlines(ctx, "gdpu", 48, on=date(2026, 11, 21))] == [
        "probation"
    ]
