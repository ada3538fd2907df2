"""``zhidu doc``: document numbers (发文字号) and sample documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State

SAMPLE_KINDS = (
    "pre-appointment",
    "title-review",
    "village-announcement",
    "union-self-assessment",
    "appointment-summary",
    "notice",
)


@click.group()
def doc() -> None:
    """Printable documents (公文): document numbers and sample layouts."""


@doc.command()
@click.option("--org", "org_code", required=True)
@click.option("--prefix", required=True, help="机关代字 (the issuer's code), e.g. 组发.")
@click.option("--title", required=True, help="Title of the document the number is for.")
@click.option("--year", type=int, help="Year of the number; default: this year.")
@json_option
@click.pass_obj
def number(
    state: State, org_code: str, prefix: str, title: str, year: int | None, as_json: bool
) -> None:
    """Issue the next document number (发文字号), e.g. 组发〔2026〕3号 — no gaps."""
    from core.documents.numbering import issue_number

    issued = issue_number(state.context(), org_code, prefix, year, title)
    emit(as_json, issued, lambda: click.echo(f"issued {issued} for {title}"))


@doc.command()
@click.option("--org", "org_code", required=True)
@click.option("--year", type=int, help="Only numbers of this year.")
@click.option("--prefix", help="Only numbers of this 机关代字.")
@json_option
@click.pass_obj
def numbers(
    state: State, org_code: str, year: int | None, prefix: str | None, as_json: bool
) -> None:
    """Document numbers the organization issued, oldest first."""
    from core.documents.numbering import list_numbers

    found = list_numbers(state.context(), org_code, year=year, prefix=prefix)
    emit(
        as_json,
        {"numbers": found},
        lambda: table(
            ["number", "title", "issued (UTC)"],
            [
                (str(n.number), n.title, n.issued_at.isoformat(sep=" ", timespec="seconds"))
                for n in found
            ],
        ),
    )


@doc.command()
@click.argument("kind", type=click.Choice(SAMPLE_KINDS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--pdf", is_flag=True, help="Also convert it to PDF (needs LibreOffice).")
@json_option
def sample(kind: str, file: Path, pdf: bool, as_json: bool) -> None:
    """Write a sample document of KIND to FILE (.docx), to see the layout (GB/T 9704-2012).

    The people in it are made up and its document number is not issued.
    """
    from core.documents.layout import render_docx
    from core.documents.pdf import to_pdf
    from core.documents.samples import sample as make_sample

    written = render_docx(make_sample(kind, dt.date.today()), file)
    result: dict[str, str | None] = {"kind": kind, "docx": str(written), "pdf": None}
    if pdf:
        result["pdf"] = str(to_pdf(written))

    def text() -> None:
        click.echo(f"wrote {written}")
        if result["pdf"]:
            click.echo(f"wrote {result['pdf']}")

    emit(as_json, result, text)
