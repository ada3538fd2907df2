"""Turning what a user typed into values, or one clear InvalidInput line.

Services accept either typed values or the strings a CLI or import gives; these
helpers do the conversion and name the field, the value and the rule on failure.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import TypeVar

from core.domain import Vocabulary
from core.errors import InvalidInput

__all__ = ["code", "parse_date", "text", "vocabulary", "whole_number", "yes_no"]

V = TypeVar("V", bound=Vocabulary)

_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．　", "0123456789-/. ")


def text(field: str, value: object, *, max_length: int = 100) -> str:
    """Non-empty text, trimmed (full-width spaces too)."""
    if not isinstance(value, str) or not value.strip(" \u3000\t"):
        raise InvalidInput(field, value, "must not be empty (不能为空)")
    cleaned = value.strip(" \u3000\t")
    if len(cleaned) > max_length:
        raise InvalidInput(field, value, f"at most {max_length} characters (过长)")
    return cleaned


def optional_text(field: str, value: object, *, max_length: int = 100) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip(" \u3000\t")):
        return None
    return text(field, value, max_length=max_length)


def code(field: str, value: object) -> str:
    """A short code: lower-case letters, digits, - and _ (e.g. ``gdpu``, ``zzb-gbk``)."""
    if not isinstance(value, str) or not _CODE.match(value.strip()):
        raise InvalidInput(field, value, "a code is 1–40 lower-case letters, digits, - or _")
    return value.strip()


def parse_date(field: str, value: object) -> date:
    """A date from a date or from text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        found = _date_of_text(value)
        if isinstance(found, date):
            return found
        raise InvalidInput(field, value, found)
    raise InvalidInput(field, value, "must be a date such as 2024-03-05 (日期格式应为 年-月-日)")


@functools.lru_cache(maxsize=65_536)  # imports parse the same dates many times
def _date_of_text(value: str) -> date | str:
    """The date ``value`` writes, or the rule it breaks."""
    match = _DATE.match(value.translate(_FULL_WIDTH))
    if not match:
        return "must be a date such as 2024-03-05 (日期格式应为 年-月-日)"
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return "no such day in the calendar (日期不存在)"


def optional_date(field: str, value: object) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(field, value)


@functools.cache
def _terms(kind: type[Vocabulary]) -> dict[object, Vocabulary]:
    return {member.value: member for member in kind}


def vocabulary(field: str, kind: type[V], value: object) -> V:
    """A member of a vocabulary, given as the member or its Chinese term."""
    if isinstance(value, kind):
        return value
    terms = _terms(kind)  # imports look up a term per cell: a dict, not a walk of the enum
    try:
        member = terms.get(value.strip() if isinstance(value, str) else value)
    except TypeError:  # an unhashable value is no term
        member = None
    if member is None:
        raise InvalidInput(field, value, f"must be one of {'/'.join(kind.choices())}")
    return member  # type: ignore[return-value]


def optional_vocabulary(field: str, kind: type[V], value: object) -> V | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return vocabulary(field, kind, value)


def whole_number(field: str, value: object, *, minimum: int = 0, maximum: int | None = None) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(field, value, "must be a whole number (应为整数)")
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"{minimum}–{maximum}" if maximum is not None else f"at least {minimum}"
        raise InvalidInput(field, value, f"must be {bound}")
    return value


def yes_no(field: str, value: object) -> bool:
    """是/否, yes/no, true/false, y/n, 1/0 — or InvalidInput."""
    if isinstance(value, bool):
        return value
    truthy = {"true", "yes", "1", "是", "y"}
    falsy = {"false", "no", "0", "否", "n"}
    if isinstance(value, str) and value.strip().lower() in truthy | falsy:
        return value.strip().lower() in truthy
    raise InvalidInput(field, value, "must be yes or no (应为 是 或 否)")
