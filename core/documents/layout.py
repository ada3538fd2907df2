"""An official document as a value, and its rendering to ``.docx`` after GB/T 9704-2012.

GB/T 9704-2012 《党政机关公文格式》 fixes the paper, the type area and where each element
of a document goes. :func:`render_docx` follows it as far as a Word file can say it
(python-docx); each choice names its clause:

=========================  =================================================================
element                    rendering (clause of GB/T 9704-2012)
=========================  =================================================================
paper                      A4, 210 mm × 297 mm, portrait (5.1 幅面尺寸)
margins                    top 37 mm, left 28 mm; the type area is 156 mm × 225 mm, so
                           bottom 35 mm and right 26 mm (5.2.1 页边与版心尺寸)
type                       3号 (16 pt) 仿宋 unless said otherwise (5.2.2 字体和字号), black
                           (5.2.4 文字的颜色)
lines                      22 lines a page: exact line spacing 225 mm / 22 = 28.99 pt, and the
                           section's line grid set to the same pitch (5.2.3 行数和字数)
发文机关标志 (issuer)      centred, red, 小标宋; 35 mm from the top of the type area; its size
                           is not fixed ("以醒目、美观、庄重为原则"): 小初 (36 pt), smaller
                           when the name would not fit on one line (7.2.4)
发文字号 (number)          centred two lines under the issuer; 〔〕 around the full year, no
                           第, no leading zeros, 号 after the number (7.2.5) — see
                           :class:`DocumentNumber`
red separator line         the width of the type area, 4 mm under the number (7.2.7); the
                           standard fixes neither colour value nor thickness: pure red,
                           0.35 mm (the thickness 7.4.1 recommends for 版记 lines)
标题 (title)               2号 (22 pt) 小标宋, centred, two lines under the red line, on one
                           or more lines (``\\n`` in the title) (7.3.1)
主送机关 (addressee)       one line under the title, flush left, ending in a full-width colon
                           (7.3.2)
正文 (body)                3号 仿宋 under the addressee; each paragraph indented two
                           characters, following lines flush left; ordinals 一、 （一） 1. （1）,
                           the first level in 黑体, the second in 楷体, the others in 仿宋
                           (7.3.3)
署名, 成文日期             one line under the body. Without a seal (the default): the
(signature, date)          signature two characters from the right, the date on the next
                           line, its first character two to the right of the signature's;
                           a date longer than that keeps two characters from the right and
                           moves the signature left (7.3.5.2). With ``sealed``: the date four
                           characters from the right and the signature centred over it
                           (7.3.5.1). The date in Arabic numerals, the year in full, no
                           leading zeros: 2026年11月21日 (7.3.5.4)
附注 (notes)               in parentheses, indented two characters, on the line after the
                           date (7.3.6)
抄送 (copy to)             4号 (14 pt) 仿宋, one character in from both sides, following lines
                           aligned after the colon, ending in 。, between 0.35 mm lines
                           (7.4.1, 7.4.2)
page numbers               4号 半角 宋体 Arabic numerals between one-em dashes ("— 1 —"),
                           under the type area; odd pages one character from the right,
                           even pages one character from the left (7.5)
tables                     the standard leaves the type of tables open (its chapter 8 is about
                           landscape tables only): 4号 仿宋 in a grid, headers in 黑体
=========================  =================================================================

What a Word file cannot say is left to the printer: the 版记's last line sitting on the
bottom edge of the type area of the last page (7.4.1), and the exact character grid of
28 characters a line (5.2.3; the font size gives it, near enough). Fonts are named,
not embedded: a machine without 方正小标宋简体 or 仿宋_GB2312 substitutes its own, and
:class:`Fonts` lets a deployment name the ones it has (e.g. 仿宋 instead of 仿宋_GB2312).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from core.errors import InvalidInput

__all__ = [
    "Block",
    "DocumentNumber",
    "Fonts",
    "Form",
    "FormField",
    "Heading",
    "Items",
    "OfficialDocument",
    "Paragraph",
    "Table",
    "chinese_date",
    "chinese_numeral",
    "render_docx",
]

# GB/T 9704-2012 5.1, 5.2.1: A4 and the type area 156 mm × 225 mm.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
TYPE_AREA_WIDTH_PT = 156 / 25.4 * 72  # 442.2 pt
# 5.2.3: 22 lines on a page of 225 mm.
LINE_PT = round(225 / 22 / 25.4 * 72, 2)  # 28.99 pt
# Type sizes (字号) in points.
SIZE_XIAOCHU = 36.0  # 小初
SIZE_2 = 22.0  # 2号
SIZE_3 = 16.0  # 3号
SIZE_4 = 14.0  # 4号
RED = (0xFF, 0x00, 0x00)


# ---------------------------------------------------------------- values


def _text(field: str, value: object, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, value, "must be text")
    if not allow_empty and not value.strip(" \u3000\t\n"):
        raise InvalidInput(field, value, "must not be empty (不能为空)")
    return value


def _cells(row: Iterable[object]) -> tuple[str, ...]:
    return tuple("" if c is None else str(c) for c in row)


def _rows(rows: Iterable[Iterable[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_cells(r) for r in rows)


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _fields(fields: Iterable[FormField]) -> tuple[FormField, ...]:
    return tuple(fields)


def _blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(blocks)


@attrs.frozen
class DocumentNumber:
    """A document number (发文字号): 机关代字, year and sequence number — ``组发〔2026〕3号``.

    GB/T 9704-2012 7.2.5: the year in full inside 六角括号 〔〕, the sequence number without
    第 and without leading zeros (1 is not 01), followed by 号.
    """

    prefix: str
    year: int
    seq: int

    def __attrs_post_init__(self) -> None:
        prefix = _text("prefix", self.prefix)
        if any(c in prefix for c in "〔〕[]()（）") or prefix != prefix.strip():
            raise InvalidInput(
                "prefix", prefix, "the 机关代字 alone, without brackets or spaces (如 组发)"
            )
        if not isinstance(self.year, int) or not 1000 <= self.year <= 9999:
            raise InvalidInput("year", self.year, "the year in full, four digits (年份应标全称)")
        if not isinstance(self.seq, int) or self.seq < 1:
            raise InvalidInput("seq", self.seq, "a sequence number from 1 (发文顺序号)")

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.seq}号"

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """The number written as ``组发〔2026〕3号``."""
        match = re.fullmatch(r"\s*(.+?)〔(\d{4})〕([1-9]\d*)号\s*", text)
        if match is None:
            raise InvalidInput("number", text, "a document number reads like 组发〔2026〕3号")
        return cls(match.group(1), int(match.group(2)), int(match.group(3)))

    def as_dict(self) -> dict[str, Any]:
        return {"text": str(self), "prefix": self.prefix, "year": self.year, "seq": self.seq}


@attrs.frozen
class Paragraph:
    """A paragraph of the body, indented two characters (7.3.3)."""

    text: str = attrs.field(validator=lambda _i, _a, v: _text("paragraph", v))


@attrs.frozen
class Heading:
    """A structural heading, numbered by level: 一、 （一） 1. （1） (7.3.3).

    The ordinal is added when rendering; a level-1 heading restarts the level-2 count and
    so on. Level 1 is set in 黑体, level 2 in 楷体, levels 3 and 4 in 仿宋.
    """

    text: str = attrs.field(validator=lambda _i, _a, v: _text("heading", v))
    level: int = attrs.field(default=1)

    @level.validator
    def _level(self, _attribute: object, value: int) -> None:
        if value not in (1, 2, 3, 4):
            raise InvalidInput("level", value, "heading levels are 1–4 (一、 （一） 1. （1）)")


@attrs.frozen
class Items:
    """Numbered items, each a paragraph starting with its ordinal of ``level`` (7.3.3):
    the ordinal in the level's type (黑体, 楷体, 仿宋), the text in 仿宋."""

    items: tuple[str, ...] = attrs.field(converter=_strings)
    level: int = 2

    def __attrs_post_init__(self) -> None:
        if not self.items:
            raise InvalidInput("items", "", "a numbered list needs at least one item")
        for item in self.items:
            _text("item", item)
        if self.level not in (1, 2, 3, 4):
            raise InvalidInput("level", self.level, "item levels are 1–4 (一、 （一） 1. （1）)")


@attrs.frozen
class Table:
    """A table: a header row (may be empty) and rows of the same width."""

    headers: tuple[str, ...] = attrs.field(converter=_cells)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    caption: str = ""  # a line above the table, centred, in 黑体

    def __attrs_post_init__(self) -> None:
        width = len(self.headers) or (len(self.rows[0]) if self.rows else 0)
        if width == 0:
            raise InvalidInput("table", "", "a table needs headers or rows")
        for n, row in enumerate(self.rows, 1):
            if len(row) != width:
                raise InvalidInput(
                    "table", f"row {n}", f"has {len(row)} cells; the table has {width} columns"
                )

    @property
    def width(self) -> int:
        return len(self.headers) or len(self.rows[0])


@attrs.frozen
class FormField:
    """One labelled field of a form; a ``wide`` one takes a whole row."""

    label: str
    value: str = ""
    wide: bool = False


@attrs.frozen
class Form:
    """A form (表): labelled fields, two to a row, wide ones on a row of their own —
    the shape of 干部任免审批表 and similar forms. A value may be empty, for a hand."""

    fields: tuple[FormField, ...] = attrs.field(converter=_fields)
    caption: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.fields:
            raise InvalidInput("form", "", "a form needs at least one field")


Block = Paragraph | Heading | Items | Table | Form


@attrs.frozen(kw_only=True)
class OfficialDocument:
    """An official document (公文) as data: what :func:`render_docx` lays out.

    ``issuer`` (发文机关标志) may be empty for a form that has no letterhead; ``number``
    (发文字号) is None for a document without one (a 公告 numbered 第N号, a form).
    ``date`` is the 成文日期; ``copy_to`` the 抄送机关; ``notes`` the 附注.
    """

    issuer: str = attrs.field(validator=lambda _i, _a, v: _text("issuer", v, allow_empty=True))
    number: DocumentNumber | None = None
    title: str = attrs.field(validator=lambda _i, _a, v: _text("title", v))
    addressee: str = ""
    body: tuple[Block, ...] = attrs.field(converter=_blocks)
    signature: str = attrs.field(validator=lambda _i, _a, v: _text("signature", v))
    date: dt.date
    copy_to: str = ""
    notes: str = ""
    sealed: bool = False  # to be stamped: the date four characters from the right (7.3.5.1)

    def __attrs_post_init__(self) -> None:
        if not self.body:
            raise InvalidInput("body", "", "a document needs a body (正文)")
        for block in self.body:
            if not isinstance(block, Paragraph | Heading | Items | Table | Form):
                raise InvalidInput("body", type(block).__name__, "not a block of a document")
        if isinstance(self.date, dt.datetime) or not isinstance(self.date, dt.date):
            raise InvalidInput("date", self.date, "the 成文日期 is a date")

    @property
    def date_text(self) -> str:
        return chinese_date(self.date)


@attrs.frozen
class Fonts:
    """The typefaces named in the file (East Asian names, ``w:eastAsia``).

    The defaults are GB/T 9704-2012's: 小标宋 for the issuer and title (7.2.4, 7.3.1),
    仿宋 for the text (5.2.2), 黑体 and 楷体 for the first two heading levels (7.3.3),
    宋体 for page numbers (7.5).
    """

    issuer: str = "方正小标宋简体"
    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"


DEFAULT_FONTS = Fonts()


def chinese_date(day: dt.date) -> str:
    """``2026年11月21日``: Arabic numerals, the year in full, no leading zeros (7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (ordinals of headings)."""
    if not 1 <= n <= 99:
        raise InvalidInput("ordinal", n, "ordinals run from 1 to 99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def ordinal(n: int, level: int) -> str:
    """The ordinal of the ``n``-th heading of ``level``: 一、 （一） 1. （1） (7.3.3)."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def ems(text: str) -> float:
    """Width in characters of the body type: a CJK character is one, a digit or Latin
    letter half (半角)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


# ---------------------------------------------------------------- rendering


def render_docx(
    doc: OfficialDocument,
    path: Path | str,
    *,
    fonts: Fonts = DEFAULT_FONTS,
    page_numbers: bool = True,
) -> Path:
    """Write ``doc`` to ``path`` as a Word file laid out after GB/T 9704-2012; return the path."""
    from docx import Document

    target = Path(path)
    document = Document()
    _set_up_page(document)
    _set_up_styles(document, fonts)
    if doc.issuer:
        _letterhead(document, doc, fonts)
    _title(document, doc, fonts, after_letterhead=bool(doc.issuer))
    if doc.addressee:
        addressee = doc.addressee.rstrip("：:") + "："
        paragraph = _paragraph(document, space_before_lines=1)  # 7.3.2: 标题下空一行
        _run(paragraph, addressee, fonts.body, SIZE_3)
    counters = [0, 0, 0, 0]
    for n, block in enumerate(doc.body):
        first = n == 0 and not doc.addressee
        _block(document, block, fonts, counters, space_before_lines=1 if first else 0)
    _signature(document, doc, fonts)
    if doc.notes:
        notes = _paragraph(document, first_line_chars=2)  # 7.3.6
        _run(notes, f"（{doc.notes.strip('（）()')}）", fonts.body, SIZE_3)
    if doc.copy_to:
        _copy_to(document, doc.copy_to, fonts)
    if page_numbers:
        _page_numbers(document, fonts)
    document.core_properties.title = doc.title.replace("\n", "")
    document.core_properties.author = doc.issuer or doc.signature
    document.core_properties.subject = str(doc.number) if doc.number else ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(target))
    except OSError as error:
        raise InvalidInput("path", str(target), f"cannot write: {error.strerror}") from None
    return target


def _set_up_page(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    # 7.5: the dashes 7 mm under the type area; a 4号 line is about 5 mm high.
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - 7 - 5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:  # 5.2.3: 22 lines a page
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))


def _east_asian(element: Any, font: str) -> None:
    """Name ``font`` for East Asian and Latin text of a run or style (w:rFonts)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    fonts.set(qn("w:hint"), "eastAsia")


def _set_up_styles(document: Any, fonts: Fonts) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.size = Pt(SIZE_3)
    normal.font.name = fonts.body
    _east_asian(normal.element, fonts.body)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(LINE_PT)
    _exact(fmt)


def _exact(fmt: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _paragraph(
    document: Any,
    *,
    align: str = "left",
    space_before_lines: float = 0,
    first_line_chars: float = 0,
    right_chars: float = 0,
    size: float = SIZE_3,
    exact: bool = True,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = {
        "left": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    if space_before_lines:
        fmt.space_before = Pt(LINE_PT * space_before_lines)
    if first_line_chars:
        fmt.first_line_indent = Pt(size * first_line_chars)
    if right_chars:
        fmt.right_indent = Pt(size * right_chars)
    if exact:
        fmt.line_spacing = Pt(LINE_PT)
        _exact(fmt)
    return paragraph


def _run(
    paragraph: Any,
    text: str,
    font: str,
    size: float,
    *,
    bold: bool = False,
    color: tuple[int, int, int] | None = None,
) -> Any:
    """Add ``text`` in ``font`` at ``size``; line breaks in ``text`` become breaks."""
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.name = font
    run.font.bold = bold
    _east_asian(run._element, font)
    if color is not None:
        run.font.color.rgb = RGBColor(*color)
    return run


def _border(paragraph: Any, edge: str, *, color: str, eighths: int, space_pt: int) -> None:
    """A line on ``edge`` (top/bottom) of a paragraph, the width of the type area."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # w:pBdr comes before w:spacing, w:ind and w:jc in a paragraph's properties.
        successor = next(
            (
                child
                for child in ppr
                if child.tag
                in {qn(t) for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")}
            ),
            None,
        )
        if successor is None:
            ppr.append(borders)
        else:
            successor.addprevious(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color)
    borders.append(line)


def issuer_size(issuer: str) -> float:
    """小初 (36 pt), or the largest whole point size that keeps the issuer on one line of
    the type area (7.2.4 leaves the size to 醒目、美观、庄重), but not under 2号."""
    longest = max(ems(line) for line in issuer.split("\n"))
    fits = int(TYPE_AREA_WIDTH_PT / max(longest, 1))
    return float(max(min(SIZE_XIAOCHU, fits), SIZE_2))


def _letterhead(document: Any, doc: OfficialDocument, fonts: Fonts) -> None:
    from docx.shared import Mm, Pt

    size = issuer_size(doc.issuer)
    issuer = _paragraph(document, align="center", exact=False)
    # 7.2.4: the issuer's top edge 35 mm under the top of the type area.
    issuer.paragraph_format.space_before = Mm(35)
    issuer.paragraph_format.line_spacing = 1.0
    _run(issuer, doc.issuer, fonts.issuer, size, color=RED)
    red = "FF0000"
    four_mm = round(4 / 25.4 * 72)  # 7.2.7: the line 4 mm under the number
    if doc.number is not None:
        number = _paragraph(document, align="center", space_before_lines=2)  # 7.2.5: 下空二行
        _run(number, str(doc.number), fonts.body, SIZE_3)
        _border(number, "bottom", color=red, eighths=8, space_pt=four_mm)
    else:
        issuer.paragraph_format.space_after = Pt(0)
        _border(issuer, "bottom", color=red, eighths=8, space_pt=four_mm)


def _title(document: Any, doc: OfficialDocument, fonts: Fonts, *, after_letterhead: bool) -> None:
    # 7.3.1: 2号小标宋, centred, two lines under the red line, one or more lines.
    title = _paragraph(document, align="center", space_before_lines=2 if after_letterhead else 0)
    _lines(title, doc.title, fonts.title, SIZE_2)


def _lines(paragraph: Any, text: str, font: str, size: float, **style: Any) -> None:
    for n, line in enumerate(text.split("\n")):
        run = _run(paragraph, line, font, size, **style)
        if n < text.count("\n"):
            run.add_break()


def _block(
    document: Any, block: Block, fonts: Fonts, counters: list[int], space_before_lines: float
) -> None:
    if isinstance(block, Paragraph):
        paragraph = _paragraph(document, first_line_chars=2, space_before_lines=space_before_lines)
        _lines(paragraph, block.text, fonts.body, SIZE_3)
    elif isinstance(block, Heading):
        counters[block.level - 1] += 1
        for deeper in range(block.level, 4):
            counters[deeper] = 0
        paragraph = _paragraph(document, first_line_chars=2, space_before_lines=space_before_lines)
        _run(
            paragraph,
            ordinal(counters[block.level - 1], block.level) + block.text,
            _level_font(block.level, fonts),
            SIZE_3,
        )
    elif isinstance(block, Items):
        for n, item in enumerate(block.items, 1):
            paragraph = _paragraph(
                document,
                first_line_chars=2,
                space_before_lines=space_before_lines if n == 1 else 0,
            )
            _run(paragraph, ordinal(n, block.level), _level_font(block.level, fonts), SIZE_3)
            _run(paragraph, item, fonts.body, SIZE_3)
    elif isinstance(block, Table):
        _caption(document, block.caption, fonts, space_before_lines)
        _table(document, block, fonts)
    else:
        _caption(document, block.caption, fonts, space_before_lines)
        _form(document, block, fonts)


def _level_font(level: int, fonts: Fonts) -> str:
    return {1: fonts.heading1, 2: fonts.heading2}.get(level, fonts.body)


def _caption(document: Any, caption: str, fonts: Fonts, space_before_lines: float) -> None:
    if caption:
        paragraph = _paragraph(document, align="center", space_before_lines=space_before_lines)
        _run(paragraph, caption, fonts.heading1, SIZE_3)


def _cell(cell: Any, text: str, font: str, *, center: bool = False) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = 1.0
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(2)
    _lines(paragraph, text, font, SIZE_4)


def _table(document: Any, block: Table, fonts: Fonts) -> None:
    table = document.add_table(rows=0, cols=block.width)
    table.style = document.styles["Table Grid"]
    table.alignment = 1  # centred
    if block.headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, block.headers, strict=True):
            _cell(cell, text, fonts.heading1, center=True)
        _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _cell(cell, text, fonts.body, center=ems(text) <= 8)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _form(document: Any, block: Form, fonts: Fonts) -> None:
    table = document.add_table(rows=0, cols=4)
    table.style = document.styles["Table Grid"]
    table.alignment = 1
    pending: list[FormField] = []

    def flush() -> None:
        if not pending:
            return
        cells = table.add_row().cells
        for n, field in enumerate(pending):
            _cell(cells[2 * n], field.label, fonts.heading1, center=True)
            _cell(cells[2 * n + 1], field.value, fonts.body)
        if len(pending) == 1:
            cells[1].merge(cells[3])
        pending.clear()

    for field in block.fields:
        if field.wide:
            flush()
            cells = table.add_row().cells
            _cell(cells[0], field.label, fonts.heading1, center=True)
            merged = cells[1].merge(cells[3])
            _cell(merged, field.value, fonts.body)
            continue
        pending.append(field)
        if len(pending) == 2:
            flush()
    flush()


def _signature(document: Any, doc: OfficialDocument, fonts: Fonts) -> None:
    signature_ems = max(ems(line) for line in doc.signature.split("\n"))
    date_ems = ems(doc.date_text)
    if doc.sealed:  # 7.3.5.1: date four from the right, the signature centred over it
        date_right = 4.0
        signature_right = max(0.0, 4 + (date_ems - signature_ems) / 2)
    elif signature_ems - date_ems >= 2:  # 7.3.5.2: the date's first character two right
        signature_right = 2.0
        date_right = signature_ems - date_ems
    else:  # 7.3.5.2: a longer date keeps two from the right; the signature moves left
        date_right = 2.0
        signature_right = 4 + date_ems - signature_ems
    signature = _paragraph(
        document, align="right", space_before_lines=1, right_chars=signature_right
    )  # 正文下空一行
    _lines(signature, doc.signature, fonts.body, SIZE_3)
    date = _paragraph(document, align="right", right_chars=date_right)
    _run(date, doc.date_text, fonts.body, SIZE_3)


def _copy_to(document: Any, copy_to: str, fonts: Fonts) -> None:
    from docx.shared import Pt

    text = copy_to.strip().rstrip("。.") + "。"
    paragraph = _paragraph(document, space_before_lines=1, size=SIZE_4)
    fmt = paragraph.paragraph_format
    # 7.4.2: one character in from both sides; following lines after "抄送：".
    fmt.left_indent = Pt(SIZE_4 * 4)
    fmt.first_line_indent = Pt(-SIZE_4 * 3)
    fmt.right_indent = Pt(SIZE_4)
    _run(paragraph, "抄送：" + text, fonts.body, SIZE_4)
    # 7.4.1: the first and last lines of the 版记 0.35 mm (≈ 1 pt = 8 eighths).
    _border(paragraph, "top", color="000000", eighths=8, space_pt=4)
    _border(paragraph, "bottom", color="000000", eighths=8, space_pt=4)


def _page_numbers(document: Any, fonts: Fonts) -> None:
    """7.5: "— N —" in 4号 宋体; odd pages one character from the right, even pages one
    character from the left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(SIZE_4)
        else:
            fmt.left_indent = Pt(SIZE_4)
        _run(paragraph, "— ", fonts.page_number, SIZE_4)
        _page_field(_run(paragraph, "", fonts.page_number, SIZE_4))
        _run(paragraph, " —", fonts.page_number, SIZE_4)


def _page_field(run: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, shown, end):
        run._r.append(element)
