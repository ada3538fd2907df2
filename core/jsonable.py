"""Plain JSON values from the core's values: for ``--json`` output and audit bodies."""

from __future__ import annotations

import enum
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import attrs

__all__ = ["jsonable"]


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data: attrs values, enums, dates and fractions included."""
    if hasattr(value, "as_dict"):
        return jsonable(value.as_dict())
    if attrs.has(type(value)):
        return {f.name: jsonable(getattr(value, f.name)) for f in attrs.fields(type(value))}
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
