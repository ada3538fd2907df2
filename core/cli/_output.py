"""Printing results: a plain table for people, JSON with ``--json`` for programs."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, TypeVar

import click

from core.errors import ZhiduError
from core.jsonable import jsonable

F = TypeVar("F", bound=Callable[..., Any])


def json_option(function: F) -> F:
    """The ``--json`` flag every command takes."""
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(
        function
    )


def emit(as_json: bool, data: Any, text: Callable[[], None]) -> None:
    """Print ``data`` as JSON, or call ``text`` to print it for people."""
    if as_json:
        click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
    else:
        text()


def width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Print rows under headers, aligned for CJK text."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([width(h), *(width(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    click.echo("  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    if not cells:
        click.echo("(none)")


def fail(error: ZhiduError, *, as_json: bool) -> NoReturn:
    """One line on stderr (and a JSON error object on stdout with --json)."""
    if as_json:
        click.echo(json.dumps({"error": error.as_dict()}, ensure_ascii=False))
    click.echo(f"error: {error.line()}", err=True)
    sys.exit(error.exit_code)
