from __future__ import annotations

from datetime import date

import pytest

from core.domain import AppointedBy, Post, Term
from core.errors import Conflict
from core.invariants import busiest_day, check_headcount, check_no_overlap, overlaps

POST = Post(1, 1, 1, "kz", "科长", "正科级", 2, 3, 2, "行政")


def term(id_: int, start: str, end: str | None, person: int = 0) -> Term:
    return Term(
        id_,
        1,
        1,
        person or id_,
        date.fromisoformat(start),
        date.fromisoformat(end) if end else None,
        AppointedBy.APPOINTMENT,
    )


def test_adjacent_terms_do_not_overlap_but_sharing_a_day_does() -> None:
    assert not overlaps(date(2020, 1, 1), date(2020, 6, 30), date(2020, 7, 1), None)
    assert overlaps(date(2020, 1, 1), date(2020, 7, 1), date(2020, 7, 1), None)
    assert overlaps(date(2020, 1, 1), None, date(2030, 1, 1), date(2030, 1, 2))


def test_busiest_day_counts_concurrent_holders() -> None:
    terms = [
        term(1, "2020-01-01", "2020-12-31"),
        term(2, "2020-06-01", None),
        term(3, "2021-01-01", None),
    ]
    assert busiest_day(terms, date(2020, 1, 1), None) == (date(2020, 6, 1), 2)
    # term 1 ends on 12-31 and term 3 starts 01-01: still two at once, never three
    assert busiest_day(terms, date(2021, 1, 1), None) == (date(2021, 1, 1), 2)
    assert busiest_day(terms, date(2019, 1, 1), date(2019, 12, 31)) == (date(2019, 1, 1), 0)


def test_headcount_allows_up_to_the_limit_and_refuses_one_more() -> None:
    one = [term(1, "2020-01-01", None)]
    check_headcount(POST, one, date(2022, 1, 1), None)  # 2nd of 2: fine
    two = [*one, term(2, "2021-01-01", "2022-12-31")]
    with pytest.raises(Conflict, match=r"headcount \(职数\) 2 would be exceeded on 2022-01-01"):
        check_headcount(POST, two, date(2022, 1, 1), None)
    # the day after the second term ends, a place is free again
    check_headcount(POST, two, date(2023, 1, 1), None)


def test_a_persons_terms_in_one_post_never_overlap() -> None:
    mine = [term(7, "2018-07-01", "2022-06-30", person=5)]
    check_no_overlap(mine, date(2022, 7, 1), None)
    with pytest.raises(Conflict, match="overlaps this person's term #7"):
        check_no_overlap(mine, date(2022, 6, 30), None)
    with pytest.raises(Conflict):
        check_no_overlap(mine, date(2017, 1, 1), date(2018, 7, 1))
