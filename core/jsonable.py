"""Plain JSON values from the core's values: for ``--json`` output and audit bodies."""

from __future__ import annotations

import enum
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import attrs

__all__ = ["jsonable"]

_PLAIN = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data: attrs values, enums, dates and fractions included."""
    if type(value) in _PLAIN:  # most values: exactly a str, int, … (not an enum of one)
        return value
    if hasattr(value, "as_dict"):
        return jsonable(value.as_dict())
    if attrs.has(type(value)):
        return {name: jsonable(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value
