"""Boundary tests for quorums and majorities (core.rules.thresholds)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InvalidInput
from core.rules.thresholds import Base, Comparison, Threshold

TWO_THIRDS = Threshold(Fraction(2, 3), Comparison.AT_LEAST, Base.PRESENT)
MORE_THAN_HALF = Threshold(Fraction(1, 2), Comparison.MORE_THAN, Base.ALL_MEMBERS)
HALF_OR_MORE = Threshold(Fraction(1, 2), Comparison.AT_LEAST, Base.TOOK_PART)
FOUR_FIFTHS = Threshold(Fraction(4, 5), Comparison.AT_LEAST, Base.ALL_MEMBERS)
AT_MOST_THIRD = Threshold(Fraction(1, 3), Comparison.AT_MOST, Base.VOTES_CAST)
LESS_THAN_THIRD = Threshold(Fraction(1, 3), Comparison.LESS_THAN, Base.VOTES_CAST)


# -- exact boundaries ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "base_size", "met"),
    [(6, 9, True), (5, 9, False), (8, 12, True), (7, 12, False), (9, 9, True), (0, 9, False)],
)
def test_two_thirds_or_more_includes_exactly_two_thirds(
    count: int, base_size: int, met: bool
) -> None:
    # 三分之二以上: "以上" includes the boundary (第六十三条 “以上”“以下”均含本级).
    assert TWO_THIRDS.is_met(count, base_size) is met


@pytest.mark.parametrize(("count", "met"), [(4, False), (5, False), (6, True), (10, True)])
def test_more_than_half_excludes_exactly_half(count: int, met: bool) -> None:
    assert MORE_THAN_HALF.is_met(count, 10) is met


@pytest.mark.parametrize(("count", "met"), [(4, False), (5, True), (6, True)])
def test_half_or_more_includes_exactly_half(count: int, met: bool) -> None:
    assert HALF_OR_MORE.is_met(count, 10) is met


def test_four_fifths_of_189_delegates_needs_152() -> None:
    # 189 × 4/5 = 151.2: 151 falls short, 152 is the first count at or above it.
    assert FOUR_FIFTHS.is_met(152, 189)
    assert not FOUR_FIFTHS.is_met(151, 189)
    assert FOUR_FIFTHS.minimum(189) == 152


def test_odd_base_more_than_half() -> None:
    # 7 members: 3.5 is half, so 4 is more than half and also the minimum.
    assert MORE_THAN_HALF.minimum(7) == 4
    assert MORE_THAN_HALF.is_met(4, 7)
    assert not MORE_THAN_HALF.is_met(3, 7)


@pytest.mark.parametrize(
    ("threshold", "base_size", "expected"),
    [
        (TWO_THIRDS, 9, 6),
        (TWO_THIRDS, 10, 7),  # 6.67 → 7
        (TWO_THIRDS, 12, 8),
        (TWO_THIRDS, 1, 1),
        (MORE_THAN_HALF, 10, 6),
        (MORE_THAN_HALF, 1, 1),
        (MORE_THAN_HALF, 2, 2),
        (HALF_OR_MORE, 10, 5),
        (HALF_OR_MORE, 9, 5),
        (FOUR_FIFTHS, 5, 4),
        (FOUR_FIFTHS, 189, 152),
        (Threshold(Fraction(0), Comparison.AT_LEAST, Base.PRESENT), 10, 0),
        (Threshold(Fraction(1), Comparison.AT_LEAST, Base.PRESENT), 10, 10),
    ],
)
def test_minimum(threshold: Threshold, base_size: int, expected: int) -> None:
    assert threshold.minimum(base_size) == expected


@pytest.mark.parametrize(
    ("threshold", "base_size", "expected"),
    [
        (AT_MOST_THIRD, 9, 3),
        (AT_MOST_THIRD, 10, 3),
        (LESS_THAN_THIRD, 9, 2),  # 3 is exactly a third, not less
        (LESS_THAN_THIRD, 10, 3),  # 3 < 3.33
        (LESS_THAN_THIRD, 1, 0),
    ],
)
def test_maximum(threshold: Threshold, base_size: int, expected: int) -> None:
    assert threshold.maximum(base_size) == expected


def test_at_most_and_less_than_at_the_boundary() -> None:
    assert AT_MOST_THIRD.is_met(3, 9)
    assert not AT_MOST_THIRD.is_met(4, 9)
    assert not LESS_THAN_THIRD.is_met(3, 9)
    assert LESS_THAN_THIRD.is_met(2, 9)


def test_minimum_of_a_ceiling_and_maximum_of_a_floor_are_refused() -> None:
    with pytest.raises(InvalidInput):
        AT_MOST_THIRD.minimum(9)
    with pytest.raises(InvalidInput):
        TWO_THIRDS.maximum(9)


# -- bad counts and bases --------------------------------------------------------------


@pytest.mark.parametrize(("count", "base_size"), [(10, 9), (-1, 9)])
def test_count_outside_base_is_refused(count: int, base_size: int) -> None:
    with pytest.raises(InvalidInput) as info:
        TWO_THIRDS.is_met(count, base_size)
    assert info.value.field == "count"
    assert info.value.value == count


@pytest.mark.parametrize("base_size", [0, -3])
def test_base_size_below_one_is_refused(base_size: int) -> None:
    with pytest.raises(InvalidInput) as info:
        TWO_THIRDS.is_met(0, base_size)
    assert info.value.field == "base_size"
    with pytest.raises(InvalidInput):
        TWO_THIRDS.minimum(base_size)


def test_bool_count_is_refused() -> None:
    with pytest.raises(InvalidInput):
        TWO_THIRDS.is_met(True, 3)


@pytest.mark.parametrize("fraction", [Fraction(4, 3), Fraction(-1, 2)])
def test_fraction_outside_zero_one_is_refused(fraction: Fraction) -> None:
    with pytest.raises(InvalidInput) as info:
        Threshold(fraction, Comparison.AT_LEAST, Base.PRESENT)
    assert info.value.field == "fraction"


def test_float_fraction_is_refused() -> None:
    with pytest.raises(InvalidInput):
        Threshold(0.5, Comparison.AT_LEAST, Base.PRESENT)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fraction", "comparison"),
    [(Fraction(1), Comparison.MORE_THAN), (Fraction(0), Comparison.LESS_THAN)],
)
def test_thresholds_that_can_never_be_met_are_refused(
    fraction: Fraction, comparison: Comparison
) -> None:
    with pytest.raises(InvalidInput):
        Threshold(fraction, comparison, Base.PRESENT)


# -- parsing the regulations' wording --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fraction", "comparison"),
    [
        ("三分之二以上", Fraction(2, 3), Comparison.AT_LEAST),
        ("超过半数", Fraction(1, 2), Comparison.MORE_THAN),
        ("过半数", Fraction(1, 2), Comparison.MORE_THAN),
        ("半数以上", Fraction(1, 2), Comparison.AT_LEAST),
        ("五分之四以上", Fraction(4, 5), Comparison.AT_LEAST),
        ("不足三分之一", Fraction(1, 3), Comparison.LESS_THAN),
        ("不少于三分之二", Fraction(2, 3), Comparison.AT_LEAST),
        ("不超过三分之一", Fraction(1, 3), Comparison.AT_MOST),
        ("超过二分之一", Fraction(1, 2), Comparison.MORE_THAN),
        ("2/3以上", Fraction(2, 3), Comparison.AT_LEAST),
        ("超过1/2", Fraction(1, 2), Comparison.MORE_THAN),
        ("1/2以上", Fraction(1, 2), Comparison.AT_LEAST),
        ("三分之一以下", Fraction(1, 3), Comparison.AT_MOST),
        ("少于三分之一", Fraction(1, 3), Comparison.LESS_THAN),
        ("低于五分之一", Fraction(1, 5), Comparison.LESS_THAN),
        ("不得少于三分之一", Fraction(1, 3), Comparison.AT_LEAST),
        ("十分之一以上", Fraction(1, 10), Comparison.AT_LEAST),
        ("四分之二以上", Fraction(1, 2), Comparison.AT_LEAST),
        (" 三分之二 以上 ", Fraction(2, 3), Comparison.AT_LEAST),  # stray spaces
        ("２／３以上", Fraction(2, 3), Comparison.AT_LEAST),  # full-width, as typed
    ],
)
def test_parse_regulation_wording(text: str, fraction: Fraction, comparison: Comparison) -> None:
    parsed = Threshold.parse(text, Base.REGISTERED_VOTERS)
    assert parsed == Threshold(fraction, comparison, Base.REGISTERED_VOTERS)


def test_parse_keeps_the_given_base() -> None:
    assert Threshold.parse("过半数", Base.TOOK_PART).base is Base.TOOK_PART


@pytest.mark.parametrize(
    "text",
    [
        "",
        "三分之二",  # no comparison word: ambiguous
        "半数",
        "1/2",
        "超过半数以上",  # two comparison words
        "不足三分之一以下",
        "三分之四以上",  # more than the whole
        "3/0以上",
        "十一分之二以上",  # compound numerals are not read loosely
        "大多数",
        "三分之二以上成员",  # trailing words are not silently dropped
        "0.5以上",
        "超过1/1",  # can never be met
        "不足0/3",
    ],
)
def test_parse_refuses_what_it_cannot_read_exactly(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        Threshold.parse(text, Base.PRESENT)
    assert info.value.field == "threshold"
    assert info.value.value == text
    assert info.value.rule


def test_parse_error_is_one_line_naming_field_and_value() -> None:
    with pytest.raises(InvalidInput) as info:
        Threshold.parse("大多数", Base.PRESENT)
    line = info.value.line()
    assert "\n" not in line
    assert line.startswith("threshold = '大多数': ")


# -- describing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "zh", "en"),
    [
        (
            Threshold(Fraction(2, 3), Comparison.AT_LEAST, Base.ALL_MEMBERS),
            "全体成员的三分之二以上",
            "at least 2/3 of all members",
        ),
        (MORE_THAN_HALF, "超过全体成员的半数", "more than 1/2 of all members"),
        (AT_MOST_THIRD, "所投票数的三分之一以下", "at most 1/3 of votes cast"),
        (LESS_THAN_THIRD, "不足所投票数的三分之一", "less than 1/3 of votes cast"),
        (FOUR_FIFTHS, "全体成员的五分之四以上", "at least 4/5 of all members"),
        (
            Threshold(Fraction(7, 12), Comparison.AT_LEAST, Base.PRESENT),
            "到会人员的十二分之七以上",
            "at least 7/12 of those present",
        ),
    ],
)
def test_describe(threshold: Threshold, zh: str, en: str) -> None:
    assert threshold.describe_zh() == zh
    assert threshold.describe_en() == en


@pytest.mark.parametrize("text", ["三分之二以上", "过半数", "不足三分之一", "不超过五分之一"])
def test_describe_zh_parses_back(text: str) -> None:
    threshold = Threshold.parse(text, Base.PRESENT)
    # The description carries the base; strip it and the 的 to get the bare phrase back.
    phrase = threshold.describe_zh().replace(f"{Base.PRESENT.zh}的", "")
    assert Threshold.parse(phrase, Base.PRESENT) == threshold


def test_base_and_comparison_labels() -> None:
    assert Base.ALL_MEMBERS.zh == "全体成员"
    assert Base.ALL_MEMBERS.en == "all members"
    assert Base.REGISTERED_VOTERS.zh == "登记参选村民"
    assert Base.TOOK_PART.en == "those who took part"
    assert len({b.zh for b in Base}) == len(Base)
    assert Comparison.AT_LEAST.zh == "以上"
    assert Comparison.MORE_THAN.en == "more than"


# -- properties ------------------------------------------------------------------------

fractions = st.builds(
    Fraction, st.integers(min_value=0, max_value=20), st.integers(min_value=1, max_value=20)
).filter(lambda f: f <= 1)


@given(
    base_size=st.integers(min_value=1, max_value=10_000),
    fraction=fractions,
    comparison=st.sampled_from([Comparison.AT_LEAST, Comparison.MORE_THAN]),
)
def test_minimum_is_the_exact_boundary(
    base_size: int, fraction: Fraction, comparison: Comparison
) -> None:
    if comparison is Comparison.MORE_THAN and fraction == 1:
        return  # refused at construction, tested above
    threshold = Threshold(fraction, comparison, Base.PRESENT)
    minimum = threshold.minimum(base_size)
    assert threshold.is_met(minimum, base_size)
    if minimum >= 1:
        assert not threshold.is_met(minimum - 1, base_size)
    # Cross-check with exact rational arithmetic, independently of the integer trick.
    target = fraction * base_size
    assert (minimum >= target) if comparison is Comparison.AT_LEAST else (minimum > target)


@given(
    base_size=st.integers(min_value=1, max_value=10_000),
    fraction=fractions,
    comparison=st.sampled_from([Comparison.AT_MOST, Comparison.LESS_THAN]),
)
def test_maximum_is_the_exact_boundary(
    base_size: int, fraction: Fraction, comparison: Comparison
) -> None:
    if comparison is Comparison.LESS_THAN and fraction == 0:
        return
    threshold = Threshold(fraction, comparison, Base.PRESENT)
    maximum = threshold.maximum(base_size)
    assert threshold.is_met(maximum, base_size)
    if maximum < base_size:
        assert not threshold.is_met(maximum + 1, base_size)


@given(
    base_size=st.integers(min_value=1, max_value=500),
    fraction=fractions,
    data=st.data(),
)
def test_at_least_and_less_than_are_complements(
    base_size: int, fraction: Fraction, data: st.DataObject
) -> None:
    count = data.draw(st.integers(min_value=0, max_value=base_size))
    at_least = Threshold(fraction, Comparison.AT_LEAST, Base.PRESENT)
    assert at_least.is_met(count, base_size) == (count >= fraction * base_size)
    if fraction > 0:
        less_than = Threshold(fraction, Comparison.LESS_THAN, Base.PRESENT)
        assert less_than.is_met(count, base_size) != at_least.is_met(count, base_size)


def test_integer_fractions_are_exact() -> None:
    assert Threshold(1, Comparison.AT_LEAST, Base.PRESENT) == Threshold(
        Fraction(1), Comparison.AT_LEAST, Base.PRESENT
    )
