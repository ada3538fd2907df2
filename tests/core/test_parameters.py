from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from core.errors import InvalidInput, ParameterError
from core.findings import Citation
from core.parameters import Override, ParameterSpec, ParameterTable, Unit

CITE = Citation("cadre-selection-appointment.txt", "第二十条", "公示期一般不少于5个工作日")
LATER = Citation("cadre-selection-appointment.txt", "第二十条（修订）", "公示期不少于7个工作日")


def notice(**changes: object) -> ParameterSpec:
    values: dict[str, object] = dict(
        key="cadre.notice_days",
        title_zh="任前公示期",
        title_en="Public notice period",
        unit=Unit.WORKING_DAYS,
        default=5,
        citation=CITE,
        effective_from=date(2019, 1, 1),
        minimum=5,
        amendments=((date(2024, 1, 1), 7, LATER),),
    )
    values.update(changes)
    return ParameterSpec(**values)  # type: ignore[arg-type]


def test_lookup_takes_the_date_it_is_for() -> None:
    table = ParameterTable.build([notice().validate("cadre")])
    assert table.value("cadre.notice_days", date(2023, 12, 31)) == 5
    assert table.value("cadre.notice_days", date(2024, 1, 1)) == 7
    assert table.resolve("cadre.notice_days", date(2024, 1, 1)).citation == LATER
    with pytest.raises(InvalidInput, match="in force only from 2019-01-01"):
        table.value("cadre.notice_days", date(2018, 12, 31))


def test_an_override_applies_from_its_date_on_and_not_before() -> None:
    spec = notice().validate("cadre")
    table = ParameterTable.build(
        [spec], [Override("cadre.notice_days", date(2025, 3, 1), 10, "党委会决定")]
    )
    assert table.value("cadre.notice_days", date(2025, 2, 28)) == 7
    resolved = table.resolve("cadre.notice_days", date(2025, 3, 1))
    assert (resolved.value, resolved.overridden, resolved.reason) == (10, True, "党委会决定")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "notice_days"}, "key must look like"),
        ({"key": "attendance.notice_days"}, "must start with 'cadre.'"),
        ({"default": "five"}, "whole number"),
        ({"default": 3}, "at least 5"),
        ({"title_en": " "}, "titles"),
        ({"amendments": ((date(2018, 1, 1), 7, LATER),)}, "after effective_from"),
    ],
)
def test_a_malformed_declaration_is_an_error_at_load(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        notice(**changes).validate("cadre")


def test_values_are_coerced_to_their_unit_exactly() -> None:
    quorum = ParameterSpec(
        "cadre.quorum", "到会人数", "Quorum", Unit.FRACTION, "2/3", CITE, date(2019, 1, 1)
    ).validate("cadre")
    assert quorum.check_value("2/3") == Fraction(2, 3)
    assert ParameterTable.build([quorum]).value("cadre.quorum", date(2020, 1, 1)) == Fraction(2, 3)
    assert Unit.BOOLEAN.coerce("x", "否") is False
    with pytest.raises(InvalidInput, match="exact fraction"):
        quorum.check_value("0.667")
    with pytest.raises(InvalidInput):
        Unit.COUNT.coerce("x", True)
