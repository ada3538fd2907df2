"""Reading a rendered .docx back: the body in order, with the facts the layout sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph


class Para(NamedTuple):
    text: str
    paragraph: Any  # docx Paragraph


class Tab(NamedTuple):
    rows: list[list[str]]
    table: Any  # docx Table


def open_docx(path: Path) -> Any:
    return docx.Document(str(path))


def body(document: Any) -> list[Para | Tab]:
    """Paragraphs and tables of the body in document order."""
    found: list[Para | Tab] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = DocxParagraph(child, document)
            found.append(Para(paragraph.text, paragraph))
        elif child.tag == qn("w:tbl"):
            table = DocxTable(child, document)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            found.append(Tab(rows, table))
    return found


def texts(document: Any) -> list[str]:
    """The body as text: a paragraph's text, or "TABLE:<first row>"."""
    return [
        b.text if isinstance(b, Para) else "TABLE:" + "|".join(b.rows[0]) for b in body(document)
    ]


def east_asian_font(run: Any) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def run_facts(paragraph: Any) -> list[tuple[str, str | None, float | None, str | None]]:
    """(text, East Asian font, size in pt, colour) of each run with text."""
    return [
        (
            r.text,
            east_asian_font(r),
            r.font.size.pt if r.font.size else None,
            str(r.font.color.rgb) if r.font.color and r.font.color.rgb else None,
        )
        for r in paragraph.runs
        if r.text
    ]


def border(paragraph: Any, edge: str) -> dict[str, str] | None:
    ppr = paragraph._p.pPr
    borders = None if ppr is None else ppr.find(qn("w:pBdr"))
    line = None if borders is None else borders.find(qn(f"w:{edge}"))
    if line is None:
        return None
    return {k.split("}")[1]: v for k, v in line.attrib.items()}
