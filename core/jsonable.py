"""Plain JSON values from the core's values: for ``--json`` output and audit bodies."""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import attrs

__all__ = ["jsonable"]


def _same(value: Any) -> Any:
    return value


#: Values that are JSON-ready as they are, by exact type.
_PLAIN: frozenset[type] = frozenset((str, int, float, bool, type(None)))

#: How to convert a value, by its exact type: found once per type, then looked up (an
#: audited change converts a record's fields on every write).
_CONVERTERS: dict[type, Callable[[Any], Any]] = dict.fromkeys(_PLAIN, _same)


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready data: attrs values, enums, dates and fractions included."""
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _CONVERTERS[type(value)] = _converter(type(value))
    return convert(value)


def _one(name: str) -> Callable[[Any], tuple[Any]]:
    return lambda value: (getattr(value, name),)


def _converter(cls: type) -> Callable[[Any], Any]:
    """The conversion of values of type ``cls``, in this order of precedence."""
    if hasattr(cls, "as_dict"):
        return lambda value: jsonable(value.as_dict())
    if attrs.has(cls):
        names = tuple(f.name for f in attrs.fields(cls))
        if not names:
            return lambda value: {}
        # every field at once (a tuple, from C); a plain value, as most of a record's
        # fields are, without a call: a third of the conversion's work
        fields_of = operator.attrgetter(*names) if len(names) > 1 else _one(names[0])
        return lambda value: {
            name: field if type(field) in _PLAIN else jsonable(field)
            for name, field in zip(names, fields_of(value), strict=True)
        }
    if issubclass(cls, enum.Enum):
        return lambda value: value.value
    if issubclass(cls, datetime | date):
        return lambda value: value.isoformat()
    if issubclass(cls, Fraction):
        return str
    if issubclass(cls, dict):
        return lambda value: {str(k): jsonable(v) for k, v in value.items()}
    if issubclass(cls, list | tuple | set | frozenset):
        return lambda value: [jsonable(v) for v in value]
    return _same
