"""An entry's body is canonical JSON (sorted keys, no spaces, UTF-8), written by orjson
and by json alike: byte for byte, for any value an audited change records."""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from core.audit.entry import Body

_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.text()  # control characters, quotes, backslashes, CJK, astral planes
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def body(after: Any, before: Any = None) -> Body:
    return Body("张三", "person.add", "person", "7", before=before, after=after, reason="调整")


def as_json(b: Body) -> bytes:
    """What the standard library writes for the body."""
    return _JSON.encode(attrs.asdict(b, recurse=False)).encode()


@given(values, values)
def test_a_body_is_the_bytes_json_writes(after: Any, before: Any) -> None:
    made = body(after, before)
    assert made.encode() == as_json(made)
    assert Body.decode(made.encode()) == made


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_reads_back_as_the_same_number(number: float) -> None:
    assert Body.decode(body({"score": number}).encode()).after == {"score": number}


def test_what_orjson_refuses_json_writes() -> None:
    huge = body({"n": 2**64})  # one past what orjson writes
    assert huge.encode() == as_json(huge) and b'"after":{"n":18446744073709551616}' in as_json(huge)


def test_integer_keys_are_sorted_and_written_as_json_does() -> None:
    keyed = body({2: "b", 1: "a", 10: "c"})
    assert keyed.encode() == as_json(keyed)
    assert b'"after":{"1":"a","2":"b","10":"c"}' in keyed.encode()
