"""Dated parameters: thresholds that organizations may set differently.

A plugin declares each threshold (lateness counts, notice days, term lengths, quorum
fractions) as a :class:`ParameterSpec` with a default, a unit, the clause it comes from
and the date from which it is in force. An organization may override it from a date
on (:class:`Override`). Every lookup names the date it is for, so a check run for a
past date applies the rule then in force — OpenFisca's dated parameters are the model.

A malformed declaration raises :class:`~core.errors.ParameterError` when the plugin is
loaded; a malformed override value raises :class:`~core.errors.InvalidInput`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from core.errors import InvalidInput, ParameterError
from core.findings import Citation
from core.validate import yes_no

__all__ = ["Override", "ParameterSpec", "ParameterTable", "Resolved", "Unit"]

_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


class Unit(enum.Enum):
    """What a parameter counts, and so which Python type holds its value."""

    DAYS = "days"  # 日（自然日）
    WORKING_DAYS = "working_days"  # 工作日
    MONTHS = "months"  # 个月
    YEARS = "years"  # 年
    AGE = "age"  # 周岁
    HOURS = "hours"  # 小时
    MINUTES = "minutes"  # 分钟
    COUNT = "count"  # 次 / 人 / 个
    FRACTION = "fraction"  # 比例，精确分数
    BOOLEAN = "boolean"  # 是 / 否
    TEXT = "text"  # 文字

    @property
    def zh(self) -> str:
        return _UNIT_ZH[self]

    def coerce(self, field: str, value: object) -> Any:
        """The value as this unit's type, or InvalidInput naming field and value."""
        if self is Unit.FRACTION:
            return _fraction(field, value)
        if self is Unit.BOOLEAN:
            return yes_no(field, value)
        if self is Unit.TEXT:
            if isinstance(value, str) and value.strip():
                return value.strip()
            raise InvalidInput(field, value, "must be non-empty text (应为非空文字)")
        return _whole_number(field, value)


_UNIT_ZH = {
    Unit.DAYS: "日",
    Unit.WORKING_DAYS: "个工作日",
    Unit.MONTHS: "个月",
    Unit.YEARS: "年",
    Unit.AGE: "周岁",
    Unit.HOURS: "小时",
    Unit.MINUTES: "分钟",
    Unit.COUNT: "次/人",
    Unit.FRACTION: "",
    Unit.BOOLEAN: "",
    Unit.TEXT: "",
}


def _whole_number(field: str, value: object) -> int:
    if isinstance(value, bool):
        raise InvalidInput(field, value, "must be a whole number (应为整数)")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise InvalidInput(field, value, "must be a whole number (应为整数)")


def _fraction(field: str, value: object) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*(/\s*\d+\s*)?", value):
        try:
            return Fraction(value.replace(" ", ""))
        except ZeroDivisionError:
            pass
    raise InvalidInput(field, value, "must be an exact fraction such as 2/3 (应为分数，如 2/3)")


@attrs.frozen
class ParameterSpec:
    """A threshold a plugin declares (参数): default, unit, citation, in force from a date.

    ``minimum``/``maximum`` bound what an organization may set; ``amendments`` are
    later defaults that the regulation itself changed, each with its own date and clause.
    """

    key: str
    title_zh: str
    title_en: str
    unit: Unit
    default: Any
    citation: Citation
    effective_from: date
    minimum: Any = None
    maximum: Any = None
    amendments: tuple[tuple[date, Any, Citation], ...] = ()

    def validate(self, owner: str) -> ParameterSpec:
        """This spec, checked; a ParameterError naming the key when malformed."""
        where = f"parameter {self.key!r} declared by {owner!r}"
        if not _KEY.match(self.key):
            raise ParameterError(f"{where}: key must look like 'plugin.name' in lower case")
        if self.key.split(".", 1)[0] != owner:
            raise ParameterError(f"{where}: key must start with '{owner}.'")
        if not (self.title_zh.strip() and self.title_en.strip()):
            raise ParameterError(f"{where}: titles in Chinese and English are required")
        if not isinstance(self.unit, Unit) or not isinstance(self.citation, Citation):
            raise ParameterError(f"{where}: unit must be a Unit and citation a Citation")
        if not isinstance(self.effective_from, date):
            raise ParameterError(f"{where}: effective_from must be a date")
        try:
            for value in (self.default, *(a[1] for a in self.amendments)):
                self.check_value(value)
        except InvalidInput as error:
            raise ParameterError(f"{where}: default {error.line()}") from None
        dates = [self.effective_from, *(a[0] for a in self.amendments)]
        if dates != sorted(set(dates)):
            raise ParameterError(f"{where}: amendments must come after effective_from, in order")
        return self

    def check_value(self, value: object) -> Any:
        """``value`` coerced to the unit and checked against the bounds."""
        coerced = self.unit.coerce(self.key, value)
        if self.minimum is not None and coerced < self.minimum:
            raise InvalidInput(self.key, value, f"must be at least {self.minimum} (不得小于)")
        if self.maximum is not None and coerced > self.maximum:
            raise InvalidInput(self.key, value, f"must be at most {self.maximum} (不得大于)")
        return coerced

    def versions(self) -> tuple[tuple[date, Any, Citation], ...]:
        return ((self.effective_from, self.default, self.citation), *self.amendments)


@attrs.frozen
class Override:
    """An organization's own value for a parameter from a date on (本单位规定)."""

    key: str
    effective_from: date
    value: Any
    reason: str = ""


@attrs.frozen
class Resolved:
    """A parameter's value on a date, and where it came from."""

    key: str
    on: date
    value: Any
    unit: Unit
    citation: Citation
    effective_from: date
    overridden: bool
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        value = str(self.value) if isinstance(self.value, Fraction) else self.value
        return {
            "key": self.key,
            "on": self.on.isoformat(),
            "value": value,
            "unit": self.unit.value,
            "effective_from": self.effective_from.isoformat(),
            "overridden": self.overridden,
            "reason": self.reason,
            "citation": self.citation.as_dict(),
        }


@attrs.frozen
class ParameterTable:
    """Declared parameters plus one organization's overrides: answers lookups by date."""

    specs: Mapping[str, ParameterSpec]
    overrides: tuple[Override, ...] = ()

    @classmethod
    def build(
        cls, specs: Iterable[ParameterSpec], overrides: Iterable[Override] = ()
    ) -> ParameterTable:
        return cls({s.key: s for s in specs}, tuple(overrides))

    def spec(self, key: str) -> ParameterSpec:
        try:
            return self.specs[key]
        except KeyError:
            raise InvalidInput(
                "parameter", key, "no installed plugin declares it (未声明的参数)"
            ) from None

    def resolve(self, key: str, on: date) -> Resolved:
        """The value in force on ``on``: the latest override from on or before it, else
        the latest declared default; a date before the rule was in force is an error."""
        spec = self.spec(key)
        candidates = [o for o in self.overrides if o.key == key and o.effective_from <= on]
        if candidates:
            latest = max(candidates, key=lambda o: o.effective_from)
            return Resolved(
                key,
                on,
                spec.check_value(latest.value),
                spec.unit,
                spec.citation,
                latest.effective_from,
                True,
                latest.reason,
            )
        in_force = [v for v in spec.versions() if v[0] <= on]
        if not in_force:
            raise InvalidInput(
                key,
                on.isoformat(),
                f"in force only from {spec.effective_from.isoformat()} (该规定尚未施行)",
            )
        start, value, citation = in_force[-1]
        return Resolved(key, on, spec.check_value(value), spec.unit, citation, start, False)

    def value(self, key: str, on: date) -> Any:
        return self.resolve(key, on).value
