"""Documents rendered to .docx and read back: the order of an official document and the
layout facts of GB/T 9704-2012 (paper, margins, fonts, colours, positions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from core.documents import (
    DocumentNumber,
    Fonts,
    Heading,
    Items,
    OfficialDocument,
    Paragraph,
    Table,
    render_docx,
)
from core.documents.layout import LINE_PT, chinese_date, chinese_numeral, ems, issuer_size
from core.documents.samples import SAMPLES, sample
from core.errors import InvalidInput
from tests.conftest import TODAY
from tests.core.documents.reading import (
    Para,
    Tab,
    body,
    border,
    east_asian_font,
    open_docx,
    run_facts,
    texts,
)

ISSUER = "中共广东药科大学委员会组织部"


def rendered(tmp_path: Path, doc: OfficialDocument, **options: Any) -> Any:
    return open_docx(render_docx(doc, tmp_path / "doc.docx", **options))


def simple(**changes: Any) -> OfficialDocument:
    values: dict[str, Any] = {
        "issuer": "某镇人民政府",
        "number": DocumentNumber("某府", 2026, 7),
        "title": "关于做好年度考勤统计工作的通知",
        "addressee": "各村（居）委会",
        "body": (Paragraph("请于本月底前报送。"), Paragraph("特此通知。")),
        "signature": "某镇人民政府",
        "date": TODAY,
    }
    return OfficialDocument(**(values | changes))


def paragraph_at(document: Any, text: str) -> Any:
    (found,) = [b.paragraph for b in body(document) if isinstance(b, Para) and b.text == text]
    return found


def test_a_notice_reads_in_the_order_of_an_official_document(tmp_path: Path) -> None:
    document = rendered(tmp_path, sample("pre-appointment", TODAY))
    shown = texts(document)
    assert shown[:3] == [ISSUER, "组发〔2026〕3号", "干部任职前公示"]
    assert shown[3].startswith("经学校党委常委会研究，拟提拔任用以下2名同志。")
    assert shown[4:6] == ["公示对象", "TABLE:序号|姓名|性别|出生年月|政治面貌|现任职务|拟任职务"]
    assert shown[6] == "公示期：2026年11月23日至2026年11月29日（5个工作日）。"
    assert "联系电话：020-39352000" in shown
    assert shown[-3:] == ["公示结果不影响任职的，办理任职手续。", ISSUER, "2026年11月21日"]
    (table,) = [b for b in body(document) if isinstance(b, Tab)]
    assert table.rows[1] == ["1", "李明", "男", "1978.05", "中共党员", "药学院副院长", "药学院院长"]
    assert table.rows[2][1] == "王芳"


def test_the_page_is_a4_with_the_standard_margins(tmp_path: Path) -> None:
    section = rendered(tmp_path, simple()).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37.0, 35.0, 28.0, 26.0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert pytest.approx(225 / 25.4 * 72, abs=0.2) == LINE_PT * 22  # 22 lines on 225 mm
    assert grid.get(qn("w:linePitch")) == "580"  # in twentieths of a point


def test_the_issuer_is_red_xiaobiaosong_and_as_large_as_fits(tmp_path: Path) -> None:
    document = rendered(tmp_path, sample("pre-appointment", TODAY))
    issuer = body(document)[0]
    assert isinstance(issuer, Para)
    (run,) = run_facts(issuer.paragraph)
    assert run == (ISSUER, "方正小标宋简体", 31.0, "FF0000")  # 14 characters on 156 mm
    assert issuer.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert round(issuer.paragraph.paragraph_format.space_before.mm) == 35
    assert issuer_size("某镇人民政府") == 36.0  # 小初 when it fits
    assert issuer_size("很" * 40) == 22.0  # never under 2号


def test_the_number_is_centred_with_the_red_line_under_it(tmp_path: Path) -> None:
    document = rendered(tmp_path, simple())
    number = paragraph_at(document, "某府〔2026〕7号")
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert run_facts(number) == [("某府〔2026〕7号", "仿宋_GB2312", 16.0, None)]
    assert border(number, "bottom") == {
        "val": "single",
        "sz": "8",
        "space": "11",
        "color": "FF0000",
    }
    assert border(body(document)[0].paragraph, "bottom") is None  # type: ignore[union-attr]
    # Without a number the red line goes under the issuer.
    plain = rendered(tmp_path, simple(number=None))
    assert border(body(plain)[0].paragraph, "bottom")["color"] == "FF0000"  # type: ignore[union-attr,index]
    assert texts(plain)[1] == "关于做好年度考勤统计工作的通知"


def test_title_addressee_and_body_fonts(tmp_path: Path) -> None:
    document = rendered(tmp_path, simple())
    title = paragraph_at(document, "关于做好年度考勤统计工作的通知")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert run_facts(title) == [("关于做好年度考勤统计工作的通知", "方正小标宋简体", 22.0, None)]
    addressee = paragraph_at(document, "各村（居）委会：")  # the colon added (7.3.2)
    assert addressee.paragraph_format.first_line_indent is None  # 顶格
    for text in ("请于本月底前报送。", "特此通知。"):
        paragraph = paragraph_at(document, text)
        assert run_facts(paragraph) == [(text, "仿宋_GB2312", 16.0, None)]
        fmt = paragraph.paragraph_format
        assert fmt.first_line_indent.pt == 32.0  # 左空二字
        assert fmt.line_spacing.pt == pytest.approx(LINE_PT, abs=0.05)
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16.0
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_a_multi_line_title(tmp_path: Path) -> None:
    document = rendered(tmp_path, simple(title="关于做好年度考勤\n统计工作的通知"))
    assert "关于做好年度考勤\n统计工作的通知" in texts(document)


def _right_ems(paragraph: Any) -> float:
    return float(paragraph.paragraph_format.right_indent.pt / 16)


def test_signature_and_date_without_a_seal(tmp_path: Path) -> None:
    """7.3.5.2: the signature two characters from the right; the date's first character
    two characters right of the signature's."""
    document = rendered(tmp_path, simple(signature=ISSUER))
    signature, date = body(document)[-2:]
    assert isinstance(signature, Para) and isinstance(date, Para)
    assert (signature.text, date.text) == (ISSUER, "2026年11月21日")
    assert signature.paragraph.alignment == date.paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _right_ems(signature.paragraph) == 2
    # first characters: counted from the right edge, the date starts two later
    signature_start = _right_ems(signature.paragraph) + ems(ISSUER)
    date_start = _right_ems(date.paragraph) + ems("2026年11月21日")
    assert signature_start - date_start == 2
    assert signature.paragraph.paragraph_format.space_before.pt == pytest.approx(LINE_PT, abs=0.05)


def test_a_date_longer_than_the_signature_keeps_two_from_the_right(tmp_path: Path) -> None:
    document = rendered(tmp_path, simple(signature="村委会"))
    signature, date = (b.paragraph for b in body(document)[-2:])  # type: ignore[union-attr]
    assert _right_ems(date) == 2
    assert (_right_ems(signature) + 3) - (_right_ems(date) + 7) == 2


def test_a_sealed_document_puts_the_date_four_from_the_right(tmp_path: Path) -> None:
    """7.3.5.1: date four characters from the right, the signature centred over it."""
    document = rendered(tmp_path, simple(sealed=True, signature="某镇人民政府"))
    signature, date = (b.paragraph for b in body(document)[-2:])  # type: ignore[union-attr]
    assert _right_ems(date) == 4
    centre = _right_ems(date) + 7 / 2
    assert _right_ems(signature) + 6 / 2 == centre


def test_notes_and_copy_to(tmp_path: Path) -> None:
    document = rendered(tmp_path, simple(notes="此件公开发布", copy_to="镇纪委，镇党政办"))
    shown = texts(document)
    assert shown[-2:] == ["（此件公开发布）", "抄送：镇纪委，镇党政办。"]
    assert shown[-3] == "2026年11月21日"
    notes = paragraph_at(document, "（此件公开发布）")
    assert notes.paragraph_format.first_line_indent.pt == 32.0
    copy = paragraph_at(document, "抄送：镇纪委，镇党政办。")
    assert run_facts(copy) == [("抄送：镇纪委，镇党政办。", "仿宋_GB2312", 14.0, None)]
    assert border(copy, "top")["sz"] == border(copy, "bottom")["sz"] == "8"  # type: ignore[index]
    assert copy.paragraph_format.left_indent.pt == 56.0  # 1 + "抄送：" in 4号
    assert copy.paragraph_format.first_line_indent.pt == -42.0


def test_headings_and_items_number_themselves(tmp_path: Path) -> None:
    doc = simple(
        body=(
            Heading("总体要求"),
            Heading("指导思想", 2),
            Heading("基本原则", 2),
            Items(("第一项", "第二项"), level=3),
            Heading("工作安排"),
            Heading("准备阶段", 2),
        )
    )
    document = rendered(tmp_path, doc)
    shown = texts(document)
    start = shown.index("各村（居）委会：") + 1
    assert shown[start : start + 7] == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1.第一项",
        "2.第二项",
        "二、工作安排",
        "（一）准备阶段",
    ]
    assert east_asian_font(paragraph_at(document, "一、总体要求").runs[0]) == "黑体"
    assert east_asian_font(paragraph_at(document, "（一）指导思想").runs[0]) == "楷体_GB2312"
    assert east_asian_font(paragraph_at(document, "1.第一项").runs[0]) == "仿宋_GB2312"


def test_tables_have_a_grid_and_a_repeating_header(tmp_path: Path) -> None:
    doc = simple(
        body=(Table(("姓名", "职务"), [("李明", "院长"), ("王芳", None)], caption="名单"),)
    )
    document = rendered(tmp_path, doc)
    (table,) = [b for b in body(document) if isinstance(b, Tab)]
    assert table.rows == [["姓名", "职务"], ["李明", "院长"], ["王芳", ""]]
    assert table.table.style.name == "Table Grid"
    header = table.table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert east_asian_font(header.cells[0].paragraphs[0].runs[0]) == "黑体"
    assert texts(document)[texts(document).index("TABLE:姓名|职务") - 1] == "名单"
    with pytest.raises(InvalidInput, match="has 1 cells; the table has 2 columns"):
        Table(("姓名", "职务"), [("李明",)])


def test_page_numbers_between_dashes_on_odd_and_even_sides(tmp_path: Path) -> None:
    document = rendered(tmp_path, simple())
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        assert paragraph.text == "— 1 —"
        assert paragraph._p.xpath(".//w:instrText")[0].text.strip() == "PAGE"
        assert {east_asian_font(r) for r in paragraph.runs} == {"宋体"}
        assert {r.font.size.pt for r in paragraph.runs} == {14.0}
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    without = rendered(tmp_path, simple(), page_numbers=False)
    assert without.sections[0].footer.paragraphs[0].text == ""


def test_a_deployment_names_the_fonts_it_has(tmp_path: Path) -> None:
    fonts = Fonts(issuer="华文中宋", title="华文中宋", body="仿宋", heading2="楷体")
    document = rendered(tmp_path, simple(), fonts=fonts)
    assert run_facts(body(document)[0].paragraph)[0][1] == "华文中宋"  # type: ignore[union-attr]
    assert run_facts(paragraph_at(document, "特此通知。"))[0][1] == "仿宋"


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_every_sample_renders_and_ends_with_signature_and_date(kind: str, tmp_path: Path) -> None:
    doc = sample(kind, TODAY)
    document = rendered(tmp_path, doc)
    shown = texts(document)
    first = doc.issuer or doc.title.split("\n")[0]
    assert shown[0] == first
    if doc.copy_to:
        assert shown.pop() == f"抄送：{doc.copy_to}。"
    assert shown[-2:] == [doc.signature, "2026年11月21日"]
    if doc.number is not None:
        assert str(doc.number) in shown
    assert document.core_properties.title == doc.title.replace("\n", "")


def test_a_form_without_issuer_starts_with_its_title(tmp_path: Path) -> None:
    document = rendered(tmp_path, sample("union-self-assessment", TODAY))
    blocks = body(document)
    assert blocks[0].text == "信息工程学院学生会组织改革自评表"  # type: ignore[union-attr]
    assert all(
        border(b.paragraph, "bottom") is None for b in blocks if isinstance(b, Para)
    )  # no letterhead, no red line
    (table,) = [b for b in blocks if isinstance(b, Tab)]
    assert table.rows[0] == ["序号", "标准", "自评", "备注"]
    assert len(table.rows) == 15
    assert table.rows[3][1:] == ["工作人员不超过30人。", "符合", "实有30人"]
    assert table.rows[14][2] == "不符合"
    assert "符合标准13项，不符合1项（第14项）。" in texts(document)


def test_the_appointment_form(tmp_path: Path) -> None:
    document = rendered(tmp_path, sample("appointment-summary", TODAY))
    tables = [b for b in body(document) if isinstance(b, Tab)]
    form, family, opinions = tables
    assert form.rows[0] == ["姓名", "李明", "性别", "男"]
    assert form.rows[1] == ["出生年月（岁）", "1978.05（48岁）", "民族", "汉族"]
    proposed = [r for r in form.rows if r[0] == "拟任职务"]
    assert proposed == [["拟任职务", "药学院院长", "药学院院长", "药学院院长"]]  # merged cells
    resume = next(r for r in form.rows if r[0] == "简历")
    assert resume[1].splitlines()[0] == "2004.07—2012.06  广东药科大学药学院教师"
    assert family.rows[0] == ["称谓", "姓名", "出生年月", "政治面貌", "工作单位及职务"]
    assert family.rows[1] == ["妻子", "张丽", "1980.03", "群众", "广州市某医院医师"]
    assert opinions.rows[0][1] == f"{ISSUER}\n2026年11月21日"
    assert "家庭主要成员及重要社会关系" in texts(document)


def test_a_village_announcement_is_numbered_in_its_title(tmp_path: Path) -> None:
    document = rendered(tmp_path, sample("village-announcement", TODAY))
    shown = texts(document)
    assert shown[:2] == ["埔田镇某村村民选举委员会", "公告（第4号）"]
    assert shown[-2:] == ["埔田镇某村村民选举委员会", "2026年11月21日"]


def test_document_numbers_are_written_as_the_standard_says() -> None:
    number = DocumentNumber("组发", 2026, 3)
    assert str(number) == "组发〔2026〕3号"  # 六角括号, no 第, no leading zero
    assert DocumentNumber.parse("组发〔2026〕3号") == number
    assert DocumentNumber.parse(" 广药大党发〔2017〕42号 ") == DocumentNumber(
        "广药大党发", 2017, 42
    )
    for text in ("组发[2026]3号", "组发〔26〕3号", "组发〔2026〕03号", "组发〔2026〕第3号"):
        with pytest.raises(InvalidInput):
            DocumentNumber.parse(text)
    with pytest.raises(InvalidInput, match="without brackets"):
        DocumentNumber("组发〔", 2026, 1)
    with pytest.raises(InvalidInput, match="from 1"):
        DocumentNumber("组发", 2026, 0)
    with pytest.raises(InvalidInput, match="four digits"):
        DocumentNumber("组发", 26, 1)


def test_dates_and_ordinals() -> None:
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"  # no 01 (7.3.5.4)
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]


def test_a_document_refuses_what_is_not_one() -> None:
    with pytest.raises(InvalidInput, match="title"):
        simple(title=" ")
    with pytest.raises(InvalidInput, match="needs a body"):
        simple(body=())
    with pytest.raises(InvalidInput, match="not a block"):
        simple(body=("plain text",))
    with pytest.raises(InvalidInput, match="is a date"):
        simple(date=dt.datetime(2026, 11, 21, 9, 0))


def test_an_unwritable_path_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidInput, match="cannot write"):
        render_docx(simple(), blocker / "doc.docx")
