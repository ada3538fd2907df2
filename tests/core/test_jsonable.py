"""core.jsonable: the core's values as plain JSON data (``--json`` output, audit bodies)."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from core.domain import Gender, Person
from core.jsonable import jsonable


class Colour(enum.Enum):
    RED = "红"


class Size(enum.StrEnum):  # a str whose exact type is not str: converted, not kept
    BIG = "大"


@attrs.frozen
class Empty:
    pass


@attrs.frozen
class One:
    when: date


@attrs.frozen
class Many:
    name: str
    count: int
    share: float
    flag: bool
    nothing: None
    colour: Colour
    size: Size
    when: datetime
    ratio: Fraction
    inner: One
    items: tuple[Any, ...]
    table: dict[Any, Any]


class WithAsDict:
    def as_dict(self) -> dict[str, Any]:
        return {"as": date(2026, 1, 2)}


def test_attrs_values_of_any_number_of_fields() -> None:
    assert jsonable(Empty()) == {}
    assert jsonable(One(date(2026, 11, 22))) == {"when": "2026-11-22"}
    many = Many(
        "张三", 3, 0.5, True, None, Colour.RED, Size.BIG, datetime(2026, 11, 22, 8, 30),
        Fraction(2, 3), One(date(2000, 2, 29)), (1, Colour.RED, [date(2026, 1, 1)]),
        {1: Size.BIG, "k": {2, }},
    )  # fmt: skip
    converted = jsonable(many)
    assert converted == {
        "name": "张三",
        "count": 3,
        "share": 0.5,
        "flag": True,
        "nothing": None,
        "colour": "红",
        "size": "大",
        "when": "2026-11-22T08:30:00",
        "ratio": "2/3",
        "inner": {"when": "2000-02-29"},
        "items": [1, "红", ["2026-01-01"]],
        "table": {"1": "大", "k": [2]},
    }
    assert type(converted["size"]) is str and type(converted["flag"]) is bool
    json.dumps(converted)  # plain data all the way down


def test_as_dict_comes_first() -> None:
    assert jsonable(WithAsDict()) == {"as": "2026-01-02"}


def test_a_person_as_the_audit_records_it() -> None:
    person = Person(7, 1, "李四", Gender("女"), date(1990, 1, 1), None, extra={"年级": 2024})
    assert jsonable(person) == {
        "id": 7, "org_id": 1, "name": "李四", "gender": "女", "birth_date": "1990-01-01",
        "id_number": None, "unit_id": None, "education": None, "degree": None,
        "political_status": None, "title": None, "title_level": None, "title_date": None,
        "employment_start": None, "extra": {"年级": 2024},
    }  # fmt: skip


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))  # fmt: skip
def test_json_data_comes_back_as_it_went(value: Any) -> None:
    assert jsonable(value) == value
