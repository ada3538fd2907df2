"""The rule sets read the regulations: every citation quotes its file word for word,
and every threshold is the phrase it cites, made exact."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import cast

import attrs
import pytest

from core.api import Base, Citation, Comparison, InvalidInput
from plugins.elections.rulesets import RULE_SETS, RuleSet, ThresholdRule
from plugins.elections.values import InvalidReason

from .helpers import UNION, VILLAGE

REGULATIONS = Path(__file__).resolve().parents[4] / "shared" / "regulations"


def citations(value: object) -> Iterator[Citation]:
    """Every Citation inside a rule set, however deep."""
    if isinstance(value, Citation):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from citations(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from citations(item)


def threshold_rules(rules: RuleSet) -> Iterator[ThresholdRule]:
    for name in ("convene", "presence", "participation", "election", "another_round"):
        rule = getattr(rules, name)
        if rule is not None:
            yield rule


@pytest.mark.parametrize("rules", RULE_SETS.values(), ids=list(RULE_SETS))
def test_every_citation_quotes_its_regulation_word_for_word(rules: RuleSet) -> None:
    if not REGULATIONS.is_dir():
        pytest.skip(f"the regulations are not at {REGULATIONS}")
    found = list(citations(rules))
    assert len(found) >= 12
    for citation in found:
        assert citation.source == rules.source
        text = (REGULATIONS / citation.source).read_text(encoding="utf-8")
        assert citation.words in text, citation


@pytest.mark.parametrize("rules", RULE_SETS.values(), ids=list(RULE_SETS))
def test_every_threshold_is_the_phrase_it_cites(rules: RuleSet) -> None:
    for rule in threshold_rules(rules):
        assert rule.phrase in rule.citation.words
        assert rule.threshold.fraction.denominator > 1


@pytest.mark.parametrize(
    ("rules", "name", "fraction", "comparison", "base"),
    [
        (UNION, "convene", Fraction(2, 3), Comparison.AT_LEAST, Base.ALL_MEMBERS),
        (UNION, "presence", Fraction(4, 5), Comparison.AT_LEAST, Base.ALL_MEMBERS),
        (UNION, "election", Fraction(1, 2), Comparison.MORE_THAN, Base.PRESENT),
        (UNION, "another_round", Fraction(1, 2), Comparison.MORE_THAN, Base.PRESENT),
        (VILLAGE, "participation", Fraction(1, 2), Comparison.AT_LEAST, Base.REGISTERED_VOTERS),
        (VILLAGE, "election", Fraction(1, 2), Comparison.AT_LEAST, Base.TOOK_PART),
        (VILLAGE, "another_round", Fraction(1, 3), Comparison.AT_LEAST, Base.TOOK_PART),
    ],
)
def test_thresholds_read_as_the_text_words_them(
    rules: RuleSet, name: str, fraction: Fraction, comparison: Comparison, base: Base
) -> None:
    # 以上 and 不得少于 include the boundary, 超过 excludes it; the base is named.
    threshold = getattr(rules, name).threshold
    assert (threshold.fraction, threshold.comparison, threshold.base) == (
        fraction,
        comparison,
        base,
    )


def test_village_follows_its_file_not_the_organic_law() -> None:
    # The file: 半数以上 (inclusive); the Organic Law 第三十四条: 过半数 (strict). The
    # rule set follows the file and says so where it is defined.
    import plugins.elections.rulesets as module

    assert VILLAGE.participation is not None
    for rule in (VILLAGE.participation, VILLAGE.election):
        assert rule.phrase == "半数以上"
        assert "过半数" in rule.note and "第三十四条" in rule.note
    assert module.__doc__ is not None and "第三十四条" in module.__doc__


def test_where_the_texts_differ_the_rule_sets_differ() -> None:
    # Which quorums apply.
    assert (UNION.convene, UNION.presence) != (None, None) and UNION.participation is None
    assert VILLAGE.participation is not None and (VILLAGE.convene, VILLAGE.presence) == (
        None,
        None,
    )
    # What returned ballots are compared with: those present vs ballots issued.
    assert UNION.returned_ceiling.compared_with != VILLAGE.returned_ceiling.compared_with
    # The write-in rule (另选他人数应少于或等于投不赞成票的人数) is the union's alone.
    assert UNION.ballot_rule(InvalidReason.WRITE_INS_EXCEED_AGAINST) is not None
    assert VILLAGE.ballot_rule(InvalidReason.WRITE_INS_EXCEED_AGAINST) is None
    # Rounds, the body's constraints, 差额选举.
    assert (UNION.round_limit.votes, VILLAGE.round_limit.votes) == (2, 3)
    assert UNION.women is None and VILLAGE.women is not None
    assert UNION.kinship is None and VILLAGE.kinship is not None
    assert UNION.contested is not None and VILLAGE.contested is None


def test_one_seat_in_a_further_village_round_has_two_candidates() -> None:
    # "如果只选一人，候选人应为二人"
    assert 1 + VILLAGE.proportion.extra == 2
    assert "如果只选一人,候选人应为二人" in VILLAGE.proportion.citation.words


def test_a_threshold_phrase_must_be_in_the_words_cited() -> None:
    citation = Citation("x.txt", "第一条", "应有三分之二以上成员到会")
    with pytest.raises(InvalidInput, match="phrase"):
        ThresholdRule.from_words("过半数", Base.PRESENT, citation)
    rule = ThresholdRule.from_words(
        "超过实到会议代表半数",
        Base.PRESENT,
        Citation("x.txt", "第一条", "超过实到会议代表半数方可当选"),
        base_words="实到会议代表",
    )
    assert rule.threshold.is_met(6, 10) and not rule.threshold.is_met(5, 10)
