"""Tests for the 18-digit resident identity number (core.resident_id, GB 11643-1999)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InvalidInput
from core.resident_id import ResidentId, check_digit, make_resident_id, parse_resident_id

# The worked example of GB 11643-1999: a woman born 1949-12-31 in 北京市朝阳区.
KNOWN = "11010519491231002X"


def _reference_check(first17: str) -> str:
    # Straight from the standard: weight of position i (1-based from the left) is
    # 2^(18-i) mod 11; the check value a1 satisfies (sum + a1) ≡ 1 (mod 11).
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def test_known_number_parses() -> None:
    parsed = parse_resident_id(KNOWN)
    assert parsed == ResidentId(number=KNOWN, birth_date=date(1949, 12, 31))
    assert (parsed.region_code, parsed.sequence, parsed.gender) == ("110105", "002", "女")


def test_check_digit_of_the_known_number() -> None:
    assert check_digit(KNOWN[:17]) == "X"
    assert _reference_check(KNOWN[:17]) == "X"


@pytest.mark.parametrize("wrong", list("0123456789"))
def test_every_wrong_check_digit_is_refused(wrong: str) -> None:
    text = KNOWN[:17] + wrong
    with pytest.raises(InvalidInput) as info:
        parse_resident_id(text)
    assert info.value.field == "id_number"
    assert info.value.value == text
    assert info.value.rule == "校验码应为 X (check digit should be X)"


@pytest.mark.parametrize(
    "text",
    [
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X
        "１１０１０５１９４９１２３１００２ｘ",  # full-width lower-case x
        "11010519491231002x",  # lower-case x
        " 110105 19491231 002X ",  # spaces as people group it
        "110105\u300019491231\u3000002X",  # ideographic spaces (U+3000)
        "\t11010519491231002X\n",
    ],
)
def test_input_is_normalised(text: str) -> None:
    assert parse_resident_id(text).number == KNOWN


def test_fifteen_digit_old_number_has_its_own_message() -> None:
    with pytest.raises(InvalidInput) as info:
        parse_resident_id("110105491231002")
    assert "15" in info.value.rule
    assert "18" in info.value.rule


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "空"),
        ("   ", "空"),
        ("1101051949123100", "18"),  # 16 characters
        ("11010519491231002X1", "18"),  # 19 characters
        ("1101051949123100XX", "前17位"),
        ("11010519491231A02X", "前17位"),
        ("11010519491231002Y", "第18位"),
        ("１１０１０５１９４９１２３１００２Ｙ", "第18位"),
    ],
)
def test_malformed_numbers_are_refused(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_resident_id(text)
    assert info.value.field == "id_number"
    assert info.value.value == text  # the value as given, not as normalised
    assert fragment in info.value.rule


def test_non_ascii_digits_are_not_read_as_digits() -> None:
    # Arabic-Indic digits pass str.isdigit(); they are not digits of an ID number.
    with pytest.raises(InvalidInput):
        parse_resident_id("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X")


@pytest.mark.parametrize("birth", ["19490230", "19491301", "19490000", "20230229"])
def test_impossible_birth_dates_are_refused(birth: str) -> None:
    first17 = f"110105{birth}002"
    text = first17 + check_digit(first17)  # a correct check digit: only the date is wrong
    with pytest.raises(InvalidInput) as info:
        parse_resident_id(text)
    assert birth in info.value.rule
    assert "real date" in info.value.rule


def test_birth_before_1900_is_refused() -> None:
    # 440524188001010014 is the standard's other worked example (born 1880): its check
    # digit is right, but no holder of a number in use was born before 1900.
    assert _reference_check("44052418800101001") == "4"
    with pytest.raises(InvalidInput) as info:
        parse_resident_id("440524188001010014")
    assert "1900" in info.value.rule


def test_the_core_does_not_compare_birth_dates_with_today() -> None:
    # A birth date in the future is the caller's check (no clock in the core).
    number = make_resident_id("110105", date(2099, 1, 1), 1)
    assert parse_resident_id(number).birth_date == date(2099, 1, 1)


@pytest.mark.parametrize(("sequence", "gender"), [(1, "男"), (2, "女"), (19, "男"), (100, "女")])
def test_gender_from_the_seventeenth_digit(sequence: int, gender: str) -> None:
    number = make_resident_id("320106", date(1990, 5, 17), sequence)
    assert number[14:17] == f"{sequence:03d}"
    assert parse_resident_id(number).gender == gender


def test_make_resident_id_builds_the_known_number() -> None:
    assert make_resident_id("110105", date(1949, 12, 31), 2) == KNOWN


@pytest.mark.parametrize(
    ("region", "birth", "sequence", "field"),
    [
        ("11010", date(1990, 1, 1), 1, "region_code"),
        ("11010a", date(1990, 1, 1), 1, "region_code"),
        ("110105", date(1899, 12, 31), 1, "birth_date"),
        ("110105", datetime(1990, 1, 1, 8), 1, "birth_date"),
        ("110105", date(1990, 1, 1), 1000, "sequence"),
        ("110105", date(1990, 1, 1), -1, "sequence"),
    ],
)
def test_make_resident_id_refuses_bad_parts(
    region: str, birth: date, sequence: int, field: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        make_resident_id(region, birth, sequence)
    assert info.value.field == field


def test_check_digit_refuses_bad_input() -> None:
    with pytest.raises(InvalidInput):
        check_digit("1101051949123100")
    with pytest.raises(InvalidInput):
        check_digit("1101051949123100X")


# -- properties -------------------------------------------------------------------------

regions = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
sequences = st.integers(min_value=0, max_value=999)


@given(region=regions, birth=births, sequence=sequences)
def test_make_then_parse_round_trips(region: str, birth: date, sequence: int) -> None:
    number = make_resident_id(region, birth, sequence)
    parsed = parse_resident_id(number)
    assert parsed.number == number
    assert parsed.region_code == region
    assert parsed.birth_date == birth
    assert parsed.sequence == f"{sequence:03d}"
    assert parsed.gender == ("男" if sequence % 2 else "女")
    assert number[17] == _reference_check(number[:17])


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_is_the_standards_weighted_sum(first17: str) -> None:
    assert check_digit(first17) == _reference_check(first17)


@pytest.mark.parametrize("digit", "0123456789")
@pytest.mark.parametrize("position", range(17))
def test_check_digit_weighs_each_position(position: int, digit: str) -> None:
    first17 = "0" * position + digit + "0" * (16 - position)
    assert check_digit(first17) == _reference_check(first17)


@given(region=regions, birth=births, sequence=sequences, data=st.data())
def test_any_single_digit_error_is_caught(
    region: str, birth: date, sequence: int, data: st.DataObject
) -> None:
    number = make_resident_id(region, birth, sequence)
    position = data.draw(st.integers(min_value=0, max_value=16))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    typo = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(InvalidInput):
        parse_resident_id(typo)
