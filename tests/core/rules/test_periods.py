"""Boundary tests for whole months and years (core.rules.periods, 民法典第二百零三条)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InvalidInput
from core.rules.periods import (
    add_months,
    add_years,
    completed_months,
    completed_years,
    latest_start_for,
    require_date,
)

D = date
ONE_DAY = timedelta(days=1)


# -- counting forward --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap February: month end
        (D(2023, 1, 31), 1, D(2023, 2, 28)),  # common February: month end
        (D(2023, 2, 28), 1, D(2023, 3, 28)),  # has a corresponding day: NOT 03-31
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 1, 31), 2, D(2024, 3, 31)),  # counted from the start, not month by month
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 11, 15), 2, D(2025, 1, 15)),  # across the year end
        (D(2024, 5, 20), 0, D(2024, 5, 20)),
        (D(2024, 5, 20), 120, D(2034, 5, 20)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),  # no 29 February in 2025
        (D(2024, 2, 29), 4, D(2028, 2, 29)),  # a leap year again
        (D(2023, 2, 28), 1, D(2024, 2, 28)),  # NOT 2024-02-29
        (D(2004, 2, 29), 18, D(2022, 2, 28)),
        (D(2020, 3, 15), 3, D(2023, 3, 15)),
        (D(2020, 3, 15), 0, D(2020, 3, 15)),
    ],
)
def test_add_years(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


# -- counting back: only when unambiguous -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 3, 15), -1, D(2025, 2, 15)),
        (D(2025, 1, 10), -2, D(2024, 11, 10)),
        (D(2025, 3, 28), -1, D(2025, 2, 28)),  # 02-28 is the only date reaching 03-28
        (D(2024, 3, 29), -1, D(2024, 2, 29)),  # a leap day is a fine answer
        (D(2025, 5, 30), -1, D(2025, 4, 30)),
        (D(2025, 3, 31), -2, D(2025, 1, 31)),  # 01-31 → 03-31; nothing else reaches it
    ],
)
def test_add_months_negative_unambiguous(start: date, months: int, expected: date) -> None:
    result = add_months(start, months)
    assert result == expected
    assert add_months(result, -months) == start


def test_leap_day_back_one_month_is_ambiguous() -> None:
    # 2024-02-29 is its month's end, so 01-29, 01-30 and 01-31 all reach it.
    with pytest.raises(InvalidInput) as info:
        add_months(D(2024, 2, 29), -1)
    assert "2024-01-29、2024-01-30、2024-01-31" in info.value.rule


@pytest.mark.parametrize(
    ("start", "months", "reaching"),
    [
        (D(2025, 2, 28), -1, ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]),
        (D(2025, 4, 30), -1, ["2025-03-30", "2025-03-31"]),
        (D(2025, 2, 28), -12, ["2024-02-28", "2024-02-29"]),
    ],
)
def test_add_months_negative_ambiguous(start: date, months: int, reaching: list[str]) -> None:
    with pytest.raises(InvalidInput) as info:
        add_months(start, months)
    assert info.value.field == "months"
    for day in reaching:  # the message lists every date that would fit
        assert day in info.value.rule
    # and every one of them really does reach `start`
    for day in reaching:
        assert add_months(date.fromisoformat(day), -months) == start


@pytest.mark.parametrize(
    ("start", "months"),
    [
        (D(2025, 3, 31), -1),
        (D(2025, 3, 30), -1),
        (D(2025, 5, 31), -1),  # 04-30 reaches 05-30, not 05-31
        (D(2024, 2, 29), -12),
    ],
)
def test_add_months_negative_unreachable(start: date, months: int) -> None:
    # Nothing reaches 2025-03-31 one month later (02-28 → 03-28): no answer.
    with pytest.raises(InvalidInput) as info:
        add_months(start, months)
    assert "第二百零三条" in info.value.rule


def test_add_years_negative() -> None:
    assert add_years(D(2025, 6, 1), -1) == D(2024, 6, 1)
    with pytest.raises(InvalidInput) as info:
        add_years(D(2025, 2, 28), -1)  # 2024-02-28 and 2024-02-29 both reach it
    assert info.value.field == "years"
    with pytest.raises(InvalidInput):
        add_years(D(2024, 2, 29), -1)  # no 2023-02-29


# -- whole years and months completed ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "on", "expected"),
    [
        (D(2020, 3, 15), D(2023, 3, 14), 2),  # the day before the anniversary
        (D(2020, 3, 15), D(2023, 3, 15), 3),  # the anniversary completes the year
        (D(2020, 3, 15), D(2020, 3, 15), 0),
        (D(2020, 3, 15), D(2021, 3, 14), 0),
        (D(2004, 2, 29), D(2022, 2, 27), 17),
        (D(2004, 2, 29), D(2022, 2, 28), 18),  # no 29 Feb in 2022: month end
        (D(2004, 2, 29), D(2024, 2, 28), 19),  # leap year: the 29th exists, so not yet
        (D(2004, 2, 29), D(2024, 2, 29), 20),
        (D(2003, 2, 28), D(2004, 2, 28), 1),
        (D(2003, 3, 1), D(2004, 2, 29), 0),
        (D(2020, 12, 31), D(2021, 12, 30), 0),
        (D(2020, 12, 31), D(2021, 12, 31), 1),
    ],
)
def test_completed_years(start: date, on: date, expected: int) -> None:
    assert completed_years(start, on) == expected


@pytest.mark.parametrize(
    ("start", "on", "expected"),
    [
        (D(2025, 1, 31), D(2025, 2, 27), 0),
        (D(2025, 1, 31), D(2025, 2, 28), 1),  # month end completes it
        (D(2025, 1, 31), D(2025, 3, 30), 1),
        (D(2025, 1, 31), D(2025, 3, 31), 2),
        (D(2023, 2, 28), D(2023, 3, 27), 0),
        (D(2023, 2, 28), D(2023, 3, 28), 1),
        (D(2024, 11, 15), D(2025, 1, 14), 1),
        (D(2024, 11, 15), D(2025, 1, 15), 2),
        (D(2024, 11, 15), D(2024, 11, 15), 0),
    ],
)
def test_completed_months(start: date, on: date, expected: int) -> None:
    assert completed_months(start, on) == expected


@pytest.mark.parametrize("function", [completed_years, completed_months])
def test_on_before_start_is_refused(function: Callable[[date, date], int]) -> None:
    with pytest.raises(InvalidInput) as info:
        function(D(2020, 3, 15), D(2020, 3, 14))
    assert info.value.field == "on"


# -- cut-offs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "years", "months", "expected"),
    [
        (D(2022, 2, 28), 18, 0, D(2004, 2, 29)),  # born on 02-29 qualifies on 02-28
        (D(2024, 2, 28), 18, 0, D(2006, 2, 28)),  # 2024-02-28 is not a month end
        (D(2024, 2, 29), 18, 0, D(2006, 2, 28)),
        (D(2025, 6, 15), 18, 0, D(2007, 6, 15)),
        (D(2025, 2, 28), 0, 1, D(2025, 1, 31)),
        (D(2025, 3, 30), 0, 1, D(2025, 2, 28)),  # 03-01 would reach 04-01
        (D(2025, 4, 30), 0, 1, D(2025, 3, 31)),
        (D(2025, 6, 15), 0, 0, D(2025, 6, 15)),
        (D(2025, 6, 15), 2, 6, D(2022, 12, 15)),
    ],
)
def test_latest_start_for(on: date, years: int, months: int, expected: date) -> None:
    latest = latest_start_for(on, years=years, months=months)
    assert latest == expected
    needed = 12 * years + months
    assert completed_months(latest, on) >= needed
    assert latest + ONE_DAY > on or completed_months(latest + ONE_DAY, on) < needed


def test_latest_start_for_refuses_negative_counts() -> None:
    with pytest.raises(InvalidInput) as info:
        latest_start_for(D(2025, 1, 1), years=-1)
    assert info.value.field == "years"
    with pytest.raises(InvalidInput) as info:
        latest_start_for(D(2025, 1, 1), months=-1)
    assert info.value.field == "months"


# -- bad input ------------------------------------------------------------------------


def test_datetime_is_refused_everywhere() -> None:
    moment = datetime(2024, 1, 31, 9, 30)
    for call in (
        lambda: add_months(moment, 1),
        lambda: add_years(moment, 1),
        lambda: completed_years(moment, D(2025, 1, 1)),
        lambda: completed_months(D(2020, 1, 1), moment),
        lambda: latest_start_for(moment, years=18),
    ):
        with pytest.raises(InvalidInput) as info:
            call()
        assert "datetime" in info.value.rule


def test_require_date() -> None:
    assert require_date(D(2024, 1, 1), "x") == D(2024, 1, 1)
    with pytest.raises(InvalidInput) as info:
        require_date("2024-01-01", "start")
    assert info.value.field == "start"


@pytest.mark.parametrize("months", [1.0, True, "1"])
def test_non_integer_counts_are_refused(months: object) -> None:
    with pytest.raises(InvalidInput):
        add_months(D(2024, 1, 1), months)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "months"),
    [(D(9999, 12, 1), 1), (D(1, 1, 1), -1), (D(9990, 1, 1), 120)],
)
def test_results_outside_the_date_range_are_refused(start: date, months: int) -> None:
    with pytest.raises(InvalidInput):
        add_months(start, months)


def test_error_messages_are_one_line() -> None:
    with pytest.raises(InvalidInput) as info:
        add_months(D(2025, 2, 28), -1)
    assert "\n" not in info.value.line()
    assert info.value.line().startswith("months = -1: ")


# -- properties -------------------------------------------------------------------------

starts = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
counts = st.integers(min_value=0, max_value=100)


@given(start=starts, years=counts)
def test_anniversary_completes_exactly_n_years(start: date, years: int) -> None:
    assert completed_years(start, add_years(start, years)) == years


@given(start=starts, years=st.integers(min_value=1, max_value=100))
def test_day_before_anniversary_has_one_year_less(start: date, years: int) -> None:
    assert completed_years(start, add_years(start, years) - ONE_DAY) == years - 1


@given(start=starts, months=st.integers(min_value=0, max_value=1200))
def test_months_round_trip(start: date, months: int) -> None:
    end = add_months(start, months)
    assert completed_months(start, end) == months
    if months >= 1:
        assert completed_months(start, end - ONE_DAY) == months - 1


@given(on=starts, years=counts)
def test_latest_start_for_is_the_exact_cut_off(on: date, years: int) -> None:
    latest = latest_start_for(on, years)
    assert completed_years(latest, on) >= years
    after = latest + ONE_DAY
    if after <= on:
        assert completed_years(after, on) < years


@given(on=starts, years=st.integers(0, 30), months=st.integers(0, 11), data=st.data())
def test_latest_start_for_separates_all_starts(
    on: date, years: int, months: int, data: st.DataObject
) -> None:
    # Any start qualifies if and only if it is on or before the cut-off.
    latest = latest_start_for(on, years=years, months=months)
    start = data.draw(st.dates(min_value=latest - timedelta(days=70), max_value=on))
    qualifies = completed_months(start, on) >= 12 * years + months
    assert qualifies == (start <= latest)


@given(start=starts, months=st.integers(min_value=1, max_value=120))
def test_negative_months_invert_forward_months_or_refuse(start: date, months: int) -> None:
    try:
        back = add_months(start, -months)
    except InvalidInput:
        # Refused only when the forward map does not hit `start` exactly once.
        candidates = [
            start - timedelta(days=offset)
            for offset in range(months * 28 - 4, months * 31 + 4)
            if add_months(start - timedelta(days=offset), months) == start
        ]
        assert len(candidates) != 1
    else:
        assert add_months(back, months) == start
