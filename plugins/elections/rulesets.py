"""The two regulations that elect, as rule sets: every rule with the clause it applies.

A :class:`RuleSet` is data: which quorums apply, the election threshold of the first
vote and of a further round (另行选举), what makes a ballot invalid, when the whole
round is void, how many candidates a further round has, how many rounds there may be
and what follows, and the constraints on the body elected. Thresholds are read from the
regulation's own words (``ThresholdRule.from_words``), so the phrase cited and the
fraction applied cannot drift apart.

Where the two texts differ, the rule sets carry the difference:

=====================  ==================================  ==================================
rule                   ``union_presidium``                 ``village_committee``
=====================  ==================================  ==================================
quorum                 congress: 三分之二以上 of delegates;  participation: 半数以上 of the
                       election: 五分之四以上 present       registered voters took part
elected with           超过实到会议代表半数 (strict,        参加投票参选村民半数以上 (inclusive,
                       of those present)                   of those who took part)
further round          the same threshold                  most votes, 不得少于三分之一
round void when        returned > those present            returned > ballots issued
invalid ballots        unreadable; more ✓ than seats;      more ✓ than seats; unreadable
                       more write-ins than ×
rounds                 2, then 大会主席团讨论裁定           3, then 3个月之内另行选举 (if <3)
body                   at most 3                           3–7, a woman, no close kin
=====================  ==================================  ==================================

The village file writes 半数以上 (at least half: 50 of 100 is enough) both for a valid
vote and for being elected, where the Organic Law of Villagers' Committees 第三十四条
writes 过半数 (more than half: 51 of 100), and where the file's own gloss in the same
paragraph speaks of 获得过半数赞成票 and 全部“双过半”. ``village_committee`` follows
the operative words of the file and carries the difference in the rules' ``note``; an
organization that applies the law instead replaces the two thresholds
(``attrs.evolve(village_committee, participation=…, election=…)``) with a phrase it
cites.
"""

from __future__ import annotations

import attrs

from core.api import Base, Bilingual, Citation, InvalidInput, Threshold

from .values import ElectorateKind, InvalidReason

__all__ = [
    "RULE_SETS",
    "BallotRule",
    "CandidateProportion",
    "Ceiling",
    "KinshipRule",
    "Requirement",
    "ReturnedCeiling",
    "RevoteRule",
    "RoundLimit",
    "RuleSet",
    "SeatRange",
    "ThresholdRule",
    "WomenRule",
    "union_presidium",
    "village_committee",
]


# -- rule values -----------------------------------------------------------------------


@attrs.frozen
class ThresholdRule:
    """A quorum or majority as the regulation words it (``phrase``), made exact."""

    phrase: str
    threshold: Threshold
    citation: Citation
    note: str = ""

    @classmethod
    def from_words(
        cls,
        phrase: str,
        base: Base,
        citation: Citation,
        *,
        base_words: str = "",
        note: str = "",
    ) -> ThresholdRule:
        """The threshold ``phrase`` quoted from ``citation.words``, of ``base``.

        ``base_words`` are the words of the base inside the phrase ("超过实到会议代表半数"
        names its base between 超过 and 半数); they are left out when the phrase is read.
        """
        if phrase not in citation.words:
            raise InvalidInput(
                "phrase", phrase, f"不在所引条文中 (not in the words cited: {citation})"
            )
        text = phrase.replace(base_words, "") if base_words else phrase
        return cls(phrase, Threshold.parse(text, base), citation, note)


@attrs.frozen
class Requirement:
    """A rule that is only a clause (条文): ``note`` says how zhidu reads it when the
    text leaves something to the reader."""

    citation: Citation
    note: str = ""


@attrs.frozen
class RevoteRule:
    """Ties at the last seat (票数相等): a re-vote among the tied; ``threshold`` is None
    when the re-vote is won by the most votes alone (以得票多者当选)."""

    citation: Citation
    threshold: ThresholdRule | None = None
    note: str = ""


class Ceiling(Bilingual):
    """What the ballots returned may not exceed, or the round is void."""

    ISSUED = ("发出的选票数", "ballots issued")
    PRESENT = ("实到会议代表人数", "delegates present")


@attrs.frozen
class ReturnedCeiling:
    """More ballots returned than ``compared_with`` voids the round (选举无效)."""

    compared_with: Ceiling
    citation: Citation


@attrs.frozen
class BallotRule:
    """One reason a ballot is invalid, with its clause; ``note`` when the text does not
    state the consequence itself."""

    reason: InvalidReason
    citation: Citation
    note: str = ""


@attrs.frozen
class CandidateProportion:
    """How many candidates a further round has (差额): the seats left plus ``extra``,
    taken from the last round's ranking."""

    extra: int
    citation: Citation
    note: str = ""


@attrs.frozen
class RoundLimit:
    """At most ``votes`` votes; then the body is incomplete and ``consequence_*`` follows.

    ``unless_elected``: the consequence applies only while fewer than this many are
    elected in all ("仍未选出3人"); None when it always applies.
    """

    votes: int
    consequence_zh: str
    consequence_en: str
    citation: Citation
    unless_elected: int | None = None
    note: str = ""


@attrs.frozen
class SeatRange:
    """How many members the body has (职数): from ``minimum`` to ``maximum``, inclusive."""

    minimum: int | None
    maximum: int | None
    citation: Citation


@attrs.frozen
class WomenRule:
    """At least ``minimum`` women among the members (妇女成员)."""

    minimum: int
    citation: Citation


@attrs.frozen
class KinshipRule:
    """Relations that may not hold between two members (亲属回避).

    ``forbidden`` are the regulation's words; ``doubtful`` are the core's coarser
    vocabulary (core.api.Relation) that may or may not be one of them — a pair recorded
    so is reported for checking, not refused.
    """

    forbidden: frozenset[str]
    doubtful: frozenset[str]
    citation: Citation


@attrs.frozen
class RuleSet:
    """One regulation's election rules (选举办法), each with its clause.

    ``convene``, ``presence`` and ``participation`` are quorums of every vote (None
    where the regulation has none); ``election`` elects in the first vote, those over it
    taking the seats by votes (``ranking_clause``), and ``another_round`` in a further
    round (另行选举, ``another_round_clause``); ``ballot_rules`` are checked in order,
    the first that applies names the reason.
    """

    name: str
    title_zh: str
    title_en: str
    source: str
    electorate_kind: ElectorateKind
    convene: ThresholdRule | None
    presence: ThresholdRule | None
    participation: ThresholdRule | None
    election: ThresholdRule
    ranking_clause: Citation
    another_round: ThresholdRule
    another_round_clause: Citation
    revote: RevoteRule
    returned_ceiling: ReturnedCeiling
    ballot_rules: tuple[BallotRule, ...]
    proportion: CandidateProportion
    round_limit: RoundLimit
    seat_range: SeatRange | None = None
    women: WomenRule | None = None
    kinship: KinshipRule | None = None
    staff: Requirement | None = None
    contested: Requirement | None = None

    def ballot_rule(self, reason: InvalidReason) -> BallotRule | None:
        """The rule for ``reason``, or None when this regulation has no such rule."""
        return next((r for r in self.ballot_rules if r.reason is reason), None)


# -- 学生会: 主席团成员选举办法 ------------------------------------------------------------

_UNION = "student-union-bylaws.txt"
_UNION_METHOD = "六、信息工程学院主席团成员选举办法"


def _union(article: str, words: str) -> Citation:
    return Citation(_UNION, f"{_UNION_METHOD} {article}", words)


_UNION_ELECTED = _union("第5项", "候选人所得赞成票，超过实到会议代表半数方可当选")

union_presidium = RuleSet(
    name="union_presidium",
    title_zh="学生会主席团成员选举",
    title_en="Student union presidium election",
    source=_UNION,
    electorate_kind=ElectorateKind.FORMAL_DELEGATES,
    # The congress itself meets only with two thirds; an election needs four fifths.
    convene=ThresholdRule.from_words(
        "三分之二以上",
        Base.ALL_MEMBERS,
        Citation(_UNION, "第八条", "当有三分之二以上当选代表参加时,方可召开"),
    ),
    presence=ThresholdRule.from_words(
        "五分之四以上",
        Base.ALL_MEMBERS,
        _union("第4项", "大会选举必须有五分之四以上的正式代表出席，选举方能进行"),
    ),
    participation=None,
    election=ThresholdRule.from_words(
        "超过实到会议代表半数", Base.PRESENT, _UNION_ELECTED, base_words="实到会议代表"
    ),
    ranking_clause=_union(
        "第5项", "若获得赞成票过半数的候选人多于应选名额时，按得票多少为序，取够应选名额"
    ),
    # The 选举办法 gives a further round no threshold of its own: the one rule applies.
    another_round=ThresholdRule.from_words(
        "超过实到会议代表半数", Base.PRESENT, _UNION_ELECTED, base_words="实到会议代表"
    ),
    another_round_clause=_union(
        "第5项", "若获得赞成票过半数的候选人少于应选名额，按不足名额另行选举"
    ),
    revote=RevoteRule(
        _union("第5项", "若最后两人或两人以上票数相等，超过应选数，应对相等者重新选举"),
        note="重新选举未定门槛，以得票多者当选 "
        "(no threshold is given for the re-vote: most votes win)",
    ),
    returned_ceiling=ReturnedCeiling(
        Ceiling.PRESENT,
        _union("第5项", "若收到选票总数多于实到会议代表人数，选举无效，应重新选举"),
    ),
    ballot_rules=(
        BallotRule(
            InvalidReason.UNREADABLE,
            _union("第6项", "画写选票要用蓝色或黑色墨水的钢笔或圆珠笔,笔记要清楚,符号要准确"),
            note="办法要求笔迹清楚、符号准确，未写明后果；按无效票处理，"
            "有异议由大会主席团裁定（第8项） "
            "(the consequence is not written; read as invalid, the presidium decides disputes)",
        ),
        BallotRule(
            InvalidReason.OVER_VOTE,
            _union(
                "序言",
                "根据《中国共产主义青年团章程》、《中国共产主义青年团基层组织选举规则（暂行）》"
                "和《江苏省学生联合会基层组织选举办法》的规定，特制定本办法",
            ),
            note="办法本身未写此条；依其所据的团的基层组织选举规则，所选人数多于应选人数的选票无效 "
            "(not worded in the file; from the CYL election rules the method is made under)",
        ),
        BallotRule(
            InvalidReason.WRITE_INS_EXCEED_AGAINST,
            _union("第6项", "另选他人数应少于或等于投不赞成票的人数,否则为无效选票"),
        ),
    ),
    proportion=CandidateProportion(
        1,
        _union("第4项", "选举采用无记名投票方式差额选举"),
        note="另行选举的候选人人数与产生方式办法未定；取上一轮得票顺序，比名额多一人（最少的差额） "
        "(not set by the method: the last round's ranking, one more than the seats)",
    ),
    round_limit=RoundLimit(
        2,
        "由大会主席团讨论裁定",
        "the congress presidium decides",
        _union("第8项", "选举时，若出现超出本选举办法规定的情况，由大会主席团讨论裁定"),
        note="办法只规定一次另行选举（第5项“按不足名额另行选举”），其后的情况超出办法规定 "
        "(the method provides one further round; anything after it is beyond the method)",
    ),
    seat_range=SeatRange(None, 3, Citation(_UNION, "组织改革自评表 第4项", "主席团成员不超过3人")),
    staff=Requirement(_union("第7项", "所有选举工作人员必须是非委员候选人")),
    contested=Requirement(_union("第4项", "选举采用无记名投票方式差额选举")),
)
"""学生会主席团成员选举办法 (student-union-bylaws.txt, 六): 189 formal delegates, 3 seats."""


# -- 村民委员会: 选举操作规程 --------------------------------------------------------------

_VILLAGE = "village-committee-election.txt"
_RULES = "埔田镇第七届村民委员会选举操作规程 第二阶段"


def _village(article: str, words: str) -> Citation:
    return Citation(_VILLAGE, f"{_RULES} {article}", words)


_VOTING = "七、4、⑽"
_LAW_DIFFERS = (
    "本规程作“半数以上”（含半数）；《村民委员会组织法》第三十四条作“过半数”（不含半数），"
    "本段下文亦称“获得过半数赞成票”“双过半” (the file says at least half; the Organic Law "
    "第三十四条 and the file's own gloss say more than half)"
)

village_committee = RuleSet(
    name="village_committee",
    title_zh="村民委员会成员选举",
    title_en="Villagers' committee election",
    source=_VILLAGE,
    electorate_kind=ElectorateKind.REGISTERED_VOTERS,
    convene=None,
    presence=None,
    # The file writes 半数以上 (at least half) where the Organic Law 第三十四条 writes
    # 过半数 (more than half): the module docstring says why the file is followed.
    participation=ThresholdRule.from_words(
        "半数以上",
        Base.REGISTERED_VOTERS,
        _village(_VOTING, "半数以上参选村民参加投票,选举有效"),
        note=_LAW_DIFFERS,
    ),
    election=ThresholdRule.from_words(
        "半数以上",
        Base.TOOK_PART,
        _village(_VOTING, "建议人选或者其他参选村民获得参加投票参选村民半数以上赞成票,始得当选"),
        note=_LAW_DIFFERS,
    ),
    ranking_clause=_village(_VOTING, "获得过半数赞成票的人数超过应选名额时,以得票多者当选"),
    # "得票数不得少于三分之一" names no base; the first vote's base, those who took part
    # (= the ballots cast), is the reading of the Guangdong 选举办法 it follows.
    another_round=ThresholdRule.from_words(
        "不得少于三分之一",
        Base.TOOK_PART,
        _village(_VOTING, "以获得赞成票多者当选,但得票数不得少于三分之一"),
    ),
    another_round_clause=_village(_VOTING, "不足的名额应当另行选举"),
    revote=RevoteRule(
        _village(_VOTING, "若得票相同无法确定当选人,对得票相等的人重新投票,以得票多者当选")
    ),
    returned_ceiling=ReturnedCeiling(
        Ceiling.ISSUED,
        _village("七、4、⑼", "如果收回的选票数多于发出的选票数,则本次选举无效,须重新组织投票"),
    ),
    ballot_rules=(
        BallotRule(
            InvalidReason.UNREADABLE,
            _village("七、4、⑼", "书写模糊,无法辨认或者不按规定符号填写的无效"),
        ),
        BallotRule(
            InvalidReason.OVER_VOTE,
            _village("七、4、⑼", "每一选票所选的人数多于规定应选人数的选票无效"),
            note="一次性投票选举主任、副主任和委员：任一职务所选人数多于该职务应选人数，"
            "整张选票无效 "
            "(one ballot for all offices: over-voting any office voids the whole ballot)",
        ),
    ),
    proportion=CandidateProportion(
        1,
        _village(
            _VOTING,
            "另行选举时,根据前一次投票时得票多少的顺序,按差额确定候选人名单,如果只选一人,候选人应为二人",
        ),
        note="只选一人时候选人为二人；选多人时按最少的差额，比名额多一人 "
        "(two for one seat; for more seats, one more than the seats)",
    ),
    round_limit=RoundLimit(
        3,
        "应当在3个月之内对不足的名额另行选举",
        "another election for the unfilled seats within 3 months",
        _village(
            _VOTING,
            "如进行了三次投票选举仍未选出3人,无法组成新一届村委会的,应当在3个月之内对不足的名额另行选举",
        ),
        unless_elected=3,
        note="已选出3人以上而仍有缺额的，本规程未作规定：村委会可以组成，缺额照实记载 "
        "(with 3 or more elected the committee can be formed; the text is silent on the rest)",
    ),
    seat_range=SeatRange(
        3,
        7,
        Citation(
            _VILLAGE,
            "埔田镇第七届村民委员会选举操作规程 第二阶段 一、1",
            "村委会成员不少于3人,不超过7人",
        ),
    ),
    women=WomenRule(1, _village("七、1、⑴", "村委会成员中应当至少有一名妇女")),
    kinship=KinshipRule(
        forbidden=frozenset({"夫妻", "父母", "子女", "兄弟", "姐妹", "兄弟姐妹", "兄妹", "姐弟"}),
        doubtful=frozenset({"直系血亲", "三代以内旁系血亲"}),
        citation=_village("七、1、⑴", "成员之间不得有夫妻、父母、子女、兄弟、姐妹关系"),
    ),
    staff=Requirement(
        _village(
            "七、4、⑵",
            "村民委员会成员建议人选和竞选者不得主持选举大会,也不得担任监票人、唱票人和计票人",
        )
    ),
    contested=None,
)
"""村民委员会选举 (village-committee-election.txt, 选举操作规程 第二阶段 七): thresholds as
the file words them (半数以上), not as the Organic Law does (过半数) — see the module
docstring."""

RULE_SETS = {r.name: r for r in (union_presidium, village_committee)}
"""The rule sets by name."""
