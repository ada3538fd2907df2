"""讨论决定 (第十六条): the Party committee's vote on an appointment, as pure values.

:func:`decide` takes a :class:`Vote` — the body, how many members it has (应到), how many
were present (到会), how many withdrew (回避, 第二十五条) and the ballots (同意 / 不同意 /
缓议) — and returns a :class:`Decision`: quorate or not, passed or not, and every reason
with its clause.

The rules, exactly as the text words them:

* quorum: "必须有三分之二以上成员到会" — present ≥ 2/3 of the members (以上 includes
  the boundary);
* majority: "赞成票超过应到党委全委或常委委员半数为通过" — yes > 1/2 of ALL members,
  not of those present;
* "未到党委委员或常委委员的意见不得计入票数": only ballots of those present count (the
  vote has no field for an absent member's opinion; the ballots may not exceed those
  present);
* 复议: "超过半数成员同意后方可进行" — :func:`reconsider_allowed`.

Withdrawn members (回避, 第二十五条 "涉及与本人及其亲属有关的…必须回避"): zhidu's
convention is the strict reading — a member who withdraws **stays in the base** ("应到"
is the body's membership, which a withdrawal does not change) but **does not count as
present** for the item and casts no ballot. So a withdrawal can never lower the bar: it
can only make the quorum or the majority harder to reach. :class:`VoteRule` has
``withdrawn_in_base`` for an organization that reads it otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs

from core.api import Base, Citation, Comparison, InvalidInput, Threshold
from plugins.cadre.vocabulary import Body, cite

__all__ = [
    "DEFERRAL",
    "MAJORITY",
    "QUORUM",
    "RECONSIDERATION",
    "WITHDRAWAL",
    "Decision",
    "Outcome",
    "Reason",
    "Vote",
    "VoteRule",
    "decide",
    "reconsider_allowed",
    "rule_from",
]

QUORUM = cite("第十六条", "学校党委全委会或常委会讨论决定干部任免事项,必须有三分之二以上成员到会")
MAJORITY = cite(
    "第十六条",
    "赞成票超过应到党委全委或常委委员半数为通过。未到党委委员或常委委员的意见不得计入票数",
)
OPINIONS = cite("第十六条", "与会成员对任免事项,应当发表同意、不同意或者缓议等明确意见")
DEFERRAL = cite(
    "第十六条", "对于分歧较大或有重大问题不清楚的,应当暂缓表决。对影响作出决定的问题要及时查清"
)
RECONSIDERATION = cite(
    "第十六条",
    "需要复议的,应当经党委全委会或常委会采用无记名投票方式,超过半数成员同意后方可进行",
)
BODY = cite(
    "第十六条",
    "正处级领导职务干部的选拔任用,由学校党委全委会无记名票决作出任免决定;"
    "其他干部的选拔任用,由学校党委常委会无记名票决作出任免决定",
)
WITHDRAWAL = cite("第二十五条", "涉及与本人及其亲属有关的,本人必须回避")


TWO_THIRDS_PRESENT = Threshold(Fraction(2, 3), Comparison.AT_LEAST, Base.ALL_MEMBERS)
"""三分之二以上成员到会 (of all members)."""
MORE_THAN_HALF = Threshold(Fraction(1, 2), Comparison.MORE_THAN, Base.ALL_MEMBERS)
"""超过应到委员半数 (of all members, not of those present)."""


def _count(field: str) -> Any:
    def check(_instance: object, _attribute: object, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(field, value, "must be a whole number ≥ 0 (应为非负整数)")

    return check


@attrs.frozen
class VoteRule:
    """The two fractions of 第十六条 (parameters ``cadre.committee_quorum`` and
    ``cadre.committee_majority``) and the 回避 convention."""

    quorum: Threshold = TWO_THIRDS_PRESENT
    majority: Threshold = MORE_THAN_HALF
    reconsideration: Threshold = MORE_THAN_HALF
    withdrawn_in_base: bool = True

    @classmethod
    def of(cls, quorum: Fraction, majority: Fraction, withdrawn_in_base: bool = True) -> VoteRule:
        """The rule from the parameters' fractions (三分之二以上到会, 超过半数通过)."""
        return cls(
            quorum=Threshold(quorum, Comparison.AT_LEAST, Base.ALL_MEMBERS),
            majority=Threshold(majority, Comparison.MORE_THAN, Base.ALL_MEMBERS),
            reconsideration=Threshold(majority, Comparison.MORE_THAN, Base.ALL_MEMBERS),
            withdrawn_in_base=withdrawn_in_base,
        )


@attrs.frozen
class Vote:
    """无记名投票 on one appointment: ``members`` 应到 (the body's membership), ``present``
    到会 (at the meeting, including any who then withdrew), ``withdrawn`` 回避 (left for
    this item), and the ballots of those present: ``yes`` 同意, ``no`` 不同意, ``defer``
    缓议."""

    body: Body = attrs.field(validator=attrs.validators.instance_of(Body))
    members: int = attrs.field(validator=_count("members"))
    present: int = attrs.field(validator=_count("present"))
    yes: int = attrs.field(validator=_count("yes"))
    no: int = attrs.field(validator=_count("no"))
    defer: int = attrs.field(validator=_count("defer"))
    withdrawn: int = attrs.field(default=0, validator=_count("withdrawn"))

    def __attrs_post_init__(self) -> None:
        if self.members < 1:
            raise InvalidInput("members", self.members, "a committee has members (至少一人)")
        if self.present > self.members:
            raise InvalidInput(
                "present", self.present, f"more than the {self.members} members (到会多于应到)"
            )
        if self.withdrawn > self.present:
            raise InvalidInput(
                "withdrawn", self.withdrawn, f"more than the {self.present} present (回避多于到会)"
            )
        ballots = self.yes + self.no + self.defer
        if ballots > self.voting:
            raise InvalidInput(
                "ballots",
                ballots,
                f"more than the {self.voting} present and not withdrawn — "
                "未到会或回避成员的意见不得计入票数 (第十六条)",
            )

    @property
    def voting(self) -> int:
        """Those present for the item: 到会 less 回避."""
        return self.present - self.withdrawn

    @property
    def absent(self) -> int:
        return self.members - self.present

    def as_dict(self) -> dict[str, Any]:
        return {
            "body": self.body.zh,
            "members": self.members,
            "present": self.present,
            "withdrawn": self.withdrawn,
            "yes": self.yes,
            "no": self.no,
            "defer": self.defer,
        }


@attrs.frozen
class Reason:
    """One step of the decision, with its clause."""

    met: bool
    message_zh: str
    message_en: str
    citation: Citation

    def as_dict(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "citation": self.citation.as_dict(),
        }


class Outcome:
    """The three outcomes, as (Chinese, English) words."""

    PASSED = ("通过", "passed")
    REJECTED = ("未通过", "not passed")
    NOT_QUORATE = ("不足法定人数，不得表决", "no quorum: no decision may be taken")


@attrs.frozen
class Decision:
    """The result of :func:`decide`: ``quorate``, ``passed``, the counts and ``reasons``."""

    vote: Vote
    quorate: bool
    passed: bool
    base: int
    quorum_needed: int
    yes_needed: int
    reasons: tuple[Reason, ...]

    @property
    def outcome(self) -> tuple[str, str]:
        if not self.quorate:
            return Outcome.NOT_QUORATE
        return Outcome.PASSED if self.passed else Outcome.REJECTED

    def as_dict(self) -> dict[str, Any]:
        zh, en = self.outcome
        return {
            "vote": self.vote.as_dict(),
            "quorate": self.quorate,
            "passed": self.passed,
            "outcome_zh": zh,
            "outcome_en": en,
            "base": self.base,
            "quorum_needed": self.quorum_needed,
            "yes_needed": self.yes_needed,
            "reasons": [r.as_dict() for r in self.reasons],
        }


def decide(vote: Vote, rule: VoteRule = VoteRule()) -> Decision:
    """讨论决定 (第十六条): quorum of the members present, then yes over half of ALL members.

    Not quorate means not passed, whatever the ballots: a meeting without its quorum
    may not decide.
    """
    base = vote.members if rule.withdrawn_in_base else vote.members - vote.withdrawn
    if base < 1:
        raise InvalidInput("withdrawn", vote.withdrawn, "every member withdrew (全体回避)")
    quorum_needed = rule.quorum.minimum(base)
    yes_needed = rule.majority.minimum(base)
    quorate = rule.quorum.is_met(min(vote.voting, base), base)
    reasons: list[Reason] = []
    if vote.withdrawn:
        kept = "仍计入应到人数" if rule.withdrawn_in_base else "不计入应到人数"
        kept_en = "still counted" if rule.withdrawn_in_base else "not counted"
        reasons.append(
            Reason(
                True,
                f"{vote.withdrawn}名成员回避，不参加表决，{kept}",
                f"{vote.withdrawn} member(s) withdrew and did not vote; {kept_en} "
                "among all members",
                WITHDRAWAL,
            )
        )
    reasons.append(
        Reason(
            quorate,
            f"应到{base}人，到会参加表决{vote.voting}人，须{rule.quorum.describe_zh()}"
            f"即至少{quorum_needed}人",
            f"{vote.voting} of {base} members present for the item; "
            f"{rule.quorum.describe_en()} is at least {quorum_needed}",
            QUORUM,
        )
    )
    passed = False
    if quorate:
        passed = rule.majority.is_met(vote.yes, base)
        reasons.append(
            Reason(
                passed,
                f"同意{vote.yes}票、不同意{vote.no}票、缓议{vote.defer}票；须超过应到{base}人"
                f"的半数即至少{yes_needed}票同意（未到会成员的意见不计入）",
                f"{vote.yes} yes, {vote.no} no, {vote.defer} defer; passing needs "
                f"{rule.majority.describe_en()} ({base}): at least {yes_needed} yes "
                "(absent members' opinions are not counted)",
                MAJORITY,
            )
        )
        silent = vote.voting - vote.yes - vote.no - vote.defer
        if silent:
            reasons.append(
                Reason(
                    False,
                    f"{silent}名与会成员未发表明确意见",
                    f"{silent} member(s) present gave no clear opinion",
                    OPINIONS,
                )
            )
    else:
        reasons.append(
            Reason(
                False,
                "不足三分之二成员到会，不得表决",
                "without the quorum the committee may not vote",
                QUORUM,
            )
        )
    return Decision(vote, quorate, passed, base, quorum_needed, yes_needed, tuple(reasons))


def reconsider_allowed(members: int, yes: int, rule: VoteRule = VoteRule()) -> bool:
    """复议 (第十六条): allowed when more than half of the members agree to reconsider."""
    if isinstance(members, bool) or not isinstance(members, int) or members < 1:
        raise InvalidInput("members", members, "a committee has members (至少一人)")
    if isinstance(yes, bool) or not isinstance(yes, int) or not 0 <= yes <= members:
        raise InvalidInput("yes", yes, f"must be between 0 and {members} (0 至应到人数)")
    return rule.reconsideration.is_met(yes, members)


def rule_from(value: Callable[[str], Any]) -> VoteRule:
    """The rule from the organization's parameters on a date — ``value(key)`` is e.g. a
    CheckContext's ``parameter``: ``cadre.committee_quorum``, ``cadre.committee_majority``
    and ``cadre.committee_withdrawn_in_base`` (plugins/cadre/procedure.py SPECS)."""
    return VoteRule.of(
        value("cadre.committee_quorum"),
        value("cadre.committee_majority"),
        bool(value("cadre.committee_withdrawn_in_base")),
    )
