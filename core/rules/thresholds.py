"""Quorums and majorities (法定人数与多数) as exact fractions.

The regulations state their thresholds in words — "三分之二以上成员到会", "超过半数成员同意",
"五分之四以上的正式代表出席". A :class:`Threshold` is such a phrase made exact: a
:class:`~fractions.Fraction`, a :class:`Comparison` (inclusive or strict) and the
:class:`Base` the fraction is taken of. Counts are compared by integer cross-multiplication,
never by floating point, so "exactly two thirds" is exactly two thirds.
"""

from __future__ import annotations

import re
from fractions import Fraction

import attrs

from core.domain import Bilingual
from core.errors import InvalidInput

__all__ = ["Base", "Comparison", "Threshold"]


class Base(Bilingual):
    """The named base a fraction is taken of (基数).

    The base matters as much as the fraction: "超过全体成员半数" is a different rule from
    "超过到会人员半数", and a rule must say which one it means.
    """

    ALL_MEMBERS = ("全体成员", "all members")
    """全体成员: everyone entitled to take part, present or not."""
    PRESENT = ("到会人员", "those present")
    """到会人员: those present at the meeting (出席、实到)."""
    VOTES_CAST = ("所投票数", "votes cast")
    """所投票数: ballots actually cast."""
    REGISTERED_VOTERS = ("登记参选村民", "registered voters")
    """登记参选村民: villagers registered to vote in the election."""
    TOOK_PART = ("参加投票的人", "those who took part")
    """参加投票的人: those who took part in the vote."""


class Comparison(Bilingual):
    """How a count is compared with the fraction of the base (比较方式).

    "以上" and "以下" INCLUDE the boundary. That is the regulations' own definition:
    professional-title-review.txt 第六十三条 “以上”“以下”均含本级 — and the usual reading
    of Chinese legal drafting. "超过"/"过" and "不足"/"少于"/"低于" EXCLUDE it.
    """

    AT_LEAST = ("以上", "at least")
    """以上 / 不少于: count ≥ fraction × base (inclusive)."""
    MORE_THAN = ("超过", "more than")
    """超过 / 过: count > fraction × base (strict)."""
    AT_MOST = ("以下", "at most")
    """以下 / 不超过: count ≤ fraction × base (inclusive)."""
    LESS_THAN = ("不足", "less than")
    """不足 / 少于 / 低于: count < fraction × base (strict)."""

    @property
    def is_lower_bound(self) -> bool:
        """True for 以上/超过 (a count must reach it), False for 以下/不足 (a ceiling)."""
        return self in (Comparison.AT_LEAST, Comparison.MORE_THAN)


def _to_fraction(value: Fraction | int) -> Fraction:
    # A float would smuggle rounding back in, so only exact values are accepted;
    # integers (0 and 1) are exact and convenient.
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    raise InvalidInput("fraction", value, "必须是精确分数 (must be an exact fractions.Fraction)")


def _check_fraction(
    instance: Threshold, attribute: attrs.Attribute[Fraction], value: Fraction
) -> None:
    if not 0 <= value <= 1:
        raise InvalidInput("fraction", value, "分数须在 0 与 1 之间 (must be between 0 and 1)")


@attrs.frozen
class Threshold:
    """A quorum or majority (法定人数 / 多数): ``fraction`` of ``base``, compared by ``comparison``.

    >>> two_thirds = Threshold.parse("三分之二以上", Base.PRESENT)
    >>> two_thirds.is_met(6, 9), two_thirds.is_met(5, 9)
    (True, False)
    """

    fraction: Fraction = attrs.field(converter=_to_fraction, validator=_check_fraction)
    comparison: Comparison = attrs.field(validator=attrs.validators.instance_of(Comparison))
    base: Base = attrs.field(validator=attrs.validators.instance_of(Base))

    def __attrs_post_init__(self) -> None:
        # "超过全部" and "不足零" can never be met by any count: such a rule is a typo.
        if self.comparison is Comparison.MORE_THAN and self.fraction == 1:
            raise InvalidInput(
                "threshold", "超过全部", "永远无法达到 (more than all can never be met)"
            )
        if self.comparison is Comparison.LESS_THAN and self.fraction == 0:
            raise InvalidInput(
                "threshold", "不足零", "永远无法达到 (less than none can never be met)"
            )

    # -- checking counts ---------------------------------------------------------------

    def is_met(self, count: int, base_size: int) -> bool:
        """Whether ``count`` out of ``base_size`` satisfies the threshold.

        Exact: ``count * den`` is compared with ``num * base_size``.
        """
        _check_base_size(base_size)
        _check_count(count, base_size)
        left = count * self.fraction.denominator
        right = self.fraction.numerator * base_size
        match self.comparison:
            case Comparison.AT_LEAST:
                return left >= right
            case Comparison.MORE_THAN:
                return left > right
            case Comparison.AT_MOST:
                return left <= right
            case Comparison.LESS_THAN:
                return left < right

    def minimum(self, base_size: int) -> int:
        """The smallest count that meets a 以上/超过 threshold out of ``base_size``."""
        _check_base_size(base_size)
        if not self.comparison.is_lower_bound:
            raise InvalidInput(
                "threshold",
                self.describe_zh(),
                "以下/不足是上限，应使用 maximum() (a ceiling has a maximum, not a minimum)",
            )
        num, den = self.fraction.numerator, self.fraction.denominator
        if self.comparison is Comparison.AT_LEAST:
            return -(-num * base_size // den)  # ceiling division, exact
        return num * base_size // den + 1

    def maximum(self, base_size: int) -> int:
        """The largest count that meets a 以下/不足 threshold out of ``base_size``."""
        _check_base_size(base_size)
        if self.comparison.is_lower_bound:
            raise InvalidInput(
                "threshold",
                self.describe_zh(),
                "以上/超过是下限，应使用 minimum() (a floor has a minimum, not a maximum)",
            )
        num, den = self.fraction.numerator, self.fraction.denominator
        if self.comparison is Comparison.AT_MOST:
            return num * base_size // den
        return -(-num * base_size // den) - 1

    # -- describing --------------------------------------------------------------------

    def describe_zh(self) -> str:
        """The rule in the regulations' wording, e.g. "全体成员的三分之二以上"."""
        amount = f"{self.base.zh}的{_fraction_zh(self.fraction)}"
        match self.comparison:
            case Comparison.AT_LEAST:
                return f"{amount}以上"
            case Comparison.MORE_THAN:
                return f"超过{amount}"
            case Comparison.AT_MOST:
                return f"{amount}以下"
            case Comparison.LESS_THAN:
                return f"不足{amount}"

    def describe_en(self) -> str:
        """The rule in English, e.g. "at least 2/3 of all members"."""
        frac = f"{self.fraction.numerator}/{self.fraction.denominator}"
        return f"{self.comparison.en} {frac} of {self.base.en}"

    # -- reading the regulations' words ------------------------------------------------

    @classmethod
    def parse(cls, text: str, base: Base) -> Threshold:
        """Read a threshold as the regulations word it: "三分之二以上", "过半数", "不足1/3" …

        Exactly one comparison word is required, before the fraction (超过, 过, 不少于,
        不超过, 不足, 少于, 低于 …) or after it (以上, 以下). A bare fraction ("1/2",
        "半数") or a doubled comparison ("超过半数以上") is ambiguous and refused.
        """
        if not isinstance(text, str):
            raise InvalidInput("threshold", text, "必须是文字 (must be text)")
        given = text
        norm = _normalise(text)
        match = _PHRASE.fullmatch(norm)
        if match is None:
            raise InvalidInput(
                "threshold",
                given,
                "无法识别：应为“三分之二以上”“超过半数”“不足1/3”之类 "
                "(not recognised: expected e.g. 三分之二以上, 超过半数, 不足1/3)",
            )
        prefix, frac_text, suffix = (
            match.group("prefix"),
            match.group("frac"),
            match.group("suffix"),
        )
        if prefix and suffix:
            raise InvalidInput(
                "threshold",
                given,
                f"“{prefix}”与“{suffix}”同时出现，含义不明 (two comparison words: ambiguous)",
            )
        if not prefix and not suffix:
            raise InvalidInput(
                "threshold",
                given,
                "缺少“以上/超过/以下/不足”等比较词，不能推测 "
                "(no comparison word; it will not be guessed)",
            )
        comparison = _PREFIXES[prefix] if prefix else _SUFFIXES[suffix]
        fraction = _parse_fraction(frac_text, given)
        try:
            return cls(fraction, comparison, base)
        except InvalidInput as exc:
            raise InvalidInput("threshold", given, exc.rule) from None


# -- helpers ---------------------------------------------------------------------------


def _check_base_size(base_size: int) -> None:
    if not isinstance(base_size, int) or isinstance(base_size, bool) or base_size < 1:
        raise InvalidInput(
            "base_size", base_size, "基数须为不小于 1 的整数 (must be an integer ≥ 1)"
        )


def _check_count(count: int, base_size: int) -> None:
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= base_size:
        raise InvalidInput(
            "count",
            count,
            f"人数须为 0 到 {base_size} 之间的整数 "
            f"(must be an integer from 0 to base_size {base_size})",
        )


# Longest alternatives first, so "不超过" is not read as "超过" and "超过" not as "过".
_PREFIXES: dict[str, Comparison] = {
    "不得少于": Comparison.AT_LEAST,
    "不少于": Comparison.AT_LEAST,
    "不低于": Comparison.AT_LEAST,
    "不得超过": Comparison.AT_MOST,
    "不超过": Comparison.AT_MOST,
    "不多于": Comparison.AT_MOST,
    "超过": Comparison.MORE_THAN,
    "多于": Comparison.MORE_THAN,
    "过": Comparison.MORE_THAN,
    "不足": Comparison.LESS_THAN,
    "少于": Comparison.LESS_THAN,
    "低于": Comparison.LESS_THAN,
}
_SUFFIXES: dict[str, Comparison] = {
    "以上": Comparison.AT_LEAST,
    "以下": Comparison.AT_MOST,
}

_ZH_DIGITS = "一二三四五六七八九十"
_PHRASE = re.compile(
    "(?P<prefix>" + "|".join(sorted(_PREFIXES, key=len, reverse=True)) + ")?"
    r"(?P<frac>半数|[" + _ZH_DIGITS + r"]+分之[" + _ZH_DIGITS + r"]+|\d+/\d+)"
    "(?P<suffix>以上|以下)?"
)

# Full-width digits and slash, as typed by a Chinese input method, read as ASCII.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９／", "0123456789/")


def _normalise(text: str) -> str:
    return "".join(text.translate(_FULL_WIDTH).split())


def _zh_number(text: str, given: str) -> int:
    # Only 一..十 as single characters: "十一分之…" does not occur in the regulations,
    # and reading compound numerals loosely would be guessing.
    if len(text) != 1:
        raise InvalidInput(
            "threshold", given, f"只支持一至十的中文数字，不认识“{text}” (only 一..十 supported)"
        )
    return _ZH_DIGITS.index(text) + 1


def _parse_fraction(text: str, given: str) -> Fraction:
    if text == "半数":
        return Fraction(1, 2)
    if "分之" in text:
        den_text, num_text = text.split("分之")
        num, den = _zh_number(num_text, given), _zh_number(den_text, given)
    else:
        num_s, den_s = text.split("/")
        num, den = int(num_s), int(den_s)
    if den == 0:
        raise InvalidInput("threshold", given, "分母不能为零 (denominator must not be zero)")
    if num > den:
        raise InvalidInput(
            "threshold", given, "分子大于分母，超过全体 (numerator exceeds denominator)"
        )
    return Fraction(num, den)


def _int_zh(n: int) -> str:
    """Chinese numerals for 0..99 (callers keep larger numbers in Arabic digits)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return str(n)


def _fraction_zh(fraction: Fraction) -> str:
    if fraction == Fraction(1, 2):
        return "半数"
    if fraction == 1:
        return "全部"
    if fraction == 0:
        return "零"
    if fraction.denominator >= 100:
        # Mixed "一百二十三分之七" is hard to read; the exact ASCII form is clearer.
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{_int_zh(fraction.denominator)}分之{_int_zh(fraction.numerator)}"
