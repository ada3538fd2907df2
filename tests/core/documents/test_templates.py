"""The templates: data in, document out — what they refuse, and that what they cite is
what the regulations say."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from core.documents import (
    UNION_STANDARDS,
    VILLAGE_ANNOUNCEMENTS,
    Contact,
    NoticeCandidate,
    Paragraph,
    ReviewResult,
    StandardResult,
    Table,
    pre_appointment_notice,
    title_review_result_notice,
    union_self_assessment,
    village_announcement,
)
from core.documents.templates import PRE_APPOINTMENT_NOTICE, TITLE_REVIEW_NOTICE
from core.errors import InvalidInput
from tests.conftest import TODAY

REGULATIONS = Path(__file__).parents[4] / "shared" / "regulations"


def regulation(name: str) -> str:
    path = REGULATIONS / name
    if not path.is_file():
        pytest.skip(f"{path} is not on this machine")
    return path.read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    """Text without spaces and with ASCII punctuation, for comparing with the sources."""
    return re.sub(r"\s", "", text).translate(str.maketrans("，；：（）", ",;:()"))


CANDIDATE = NoticeCandidate(
    name="李明",
    gender="男",
    birth=dt.date(1978, 5, 12),
    political_status="中共党员",
    current_post="副院长",
    proposed_post="院长",
)


def notice(**changes: Any) -> Any:
    values: dict[str, Any] = {
        "issuer": "组织部",
        "candidates": [CANDIDATE],
        "period_start": dt.date(2026, 11, 23),
        "period_end": dt.date(2026, 11, 27),
        "contact": Contact(office="组织部"),
        "signature": "组织部",
        "date": TODAY,
    }
    return pre_appointment_notice(**(values | changes))


def test_a_pre_appointment_notice_needs_five_working_days() -> None:
    with pytest.raises(InvalidInput, match=r"公示期不少于5个工作日 .*第十七条"):
        notice(working_days=4)
    with pytest.raises(InvalidInput, match="before period_start"):
        notice(period_end=dt.date(2026, 11, 22))
    with pytest.raises(InvalidInput, match="at least one person"):
        notice(candidates=[])
    made = notice(working_days=5)
    assert made.number is None
    paragraphs = [b.text for b in made.body if isinstance(b, Paragraph)]
    assert "公示期：2026年11月23日至2026年11月27日（5个工作日）。" in paragraphs
    assert not any(p.startswith("联系电话") for p in paragraphs)  # nothing given, nothing shown


def test_a_title_review_notice_lists_what_article_26_names() -> None:
    made = title_review_result_notice(
        issuer="人社局",
        committee="某评委会",
        results=[ReviewResult(name="陈静", unit="一中", title="一级教师", level="中级")],
        period_start=dt.date(2026, 11, 23),
        period_end=dt.date(2026, 11, 27),
        contact=Contact(office="人社局", email="a@example.cn"),
        signature="人社局",
        date=TODAY,
        review_date=dt.date(2026, 11, 14),
    )
    (table,) = [b for b in made.body if isinstance(b, Table)]
    assert table.headers == ("序号", "姓名", "单位", "取得职称名称", "级别")
    assert table.rows == (("1", "陈静", "一中", "一级教师", "中级"),)
    texts = [b.text for b in made.body if isinstance(b, Paragraph)]
    assert texts[0].startswith("某评委会于2026年11月14日召开评审会议，共1人通过评审。")
    assert "电子邮箱：a@example.cn" in texts
    assert any(t.startswith("公示期间受理来信来访") for t in texts)


def test_village_announcements_run_from_1_to_15() -> None:
    for wrong in (0, 16, True):
        with pytest.raises(InvalidInput, match="第1号 … 第15号"):
            village_announcement(wrong, committee="某村村民选举委员会", body=["x"], date=TODAY)
    made = village_announcement(15, committee="某村村民选举委员会", body=["名单如下"], date=TODAY)
    assert (made.title, made.signature, made.number) == (
        "公告（第15号）",
        "某村村民选举委员会",
        None,
    )
    with pytest.raises(InvalidInput, match="needs its text"):
        village_announcement(1, committee="某村村民选举委员会", body=[], date=TODAY)


def test_the_village_announcements_are_those_the_regulation_enumerates() -> None:
    text = squeeze(regulation("village-committee-election.txt"))
    assert [a.number for a in VILLAGE_ANNOUNCEMENTS] == list(range(1, 16))
    for announcement in VILLAGE_ANNOUNCEMENTS:
        n = announcement.number
        assert f"第{n}号" in announcement.words
        assert f"第{n}号公告" in text or f"公布第{n}号" in text
        for piece in squeeze(announcement.words).split("……"):
            assert piece in text, (n, piece)


def test_the_union_standards_are_the_bylaws_fourteen() -> None:
    text = regulation("student-union-bylaws.txt")
    assert len(UNION_STANDARDS) == 14
    for n, standard in enumerate(UNION_STANDARDS, 1):
        assert f"{n}. {standard}" in text


def test_a_self_assessment_needs_all_fourteen() -> None:
    with pytest.raises(InvalidInput, match="14 standards"):
        union_self_assessment(union="学生会", results=[True] * 13, date=TODAY)
    made = union_self_assessment(
        union="学生会", results=[True] * 13 + [StandardResult(False, "未成立团支部")], date=TODAY
    )
    (table,) = [b for b in made.body if isinstance(b, Table)]
    assert table.rows[-1][2:] == ("不符合", "未成立团支部")
    assert made.issuer == "" and made.signature == "学生会"


@pytest.mark.parametrize(
    ("citation", "source"),
    [
        (PRE_APPOINTMENT_NOTICE, "cadre-selection-appointment.txt"),
        (TITLE_REVIEW_NOTICE, "professional-title-review.txt"),
    ],
)
def test_the_cited_words_are_in_the_regulation(citation: Any, source: str) -> None:
    text = squeeze(regulation(source))
    assert citation.source == source
    for piece in squeeze(citation.words).split("……"):
        assert piece in text
    article = citation.article.split()[0].split("、")[0]
    assert article in text
