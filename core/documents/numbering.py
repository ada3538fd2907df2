"""Document numbers (发文字号) issued per organization, 机关代字 and year, without gaps.

The next number is one more than the largest issued for the same organization, prefix
and year, read and written in one transaction: IMMEDIATE on SQLite (one writer at a time
for the whole database), and on PostgreSQL with the organization's row locked
``FOR UPDATE`` until the transaction ends, so two issuers of one organization take
turns. A transaction that issued a number and then rolled back leaves no row behind, so
the next issue takes the same number again: the numbers stay gap-free. A new year starts
again at 1 (GB/T 9704-2012 7.2.5 writes the year into the number: 组发〔2027〕1号).

Issuing is a change of the organization's records and is audited (``document.number``).
It needs :data:`ISSUE_ACTION`, which editors (录入员) and organization admins hold and
viewers do not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import peewee as pw

from core import audit, models, validate
from core.access import Action
from core.database import is_sqlite
from core.documents.layout import DocumentNumber
from core.services.context import Context
from core.services.orgs import org_row

__all__ = ["ISSUE_ACTION", "DocumentNumber", "IssuedNumber", "issue_number", "list_numbers"]

#: The permission to issue a number. The documents that take numbers are mostly about
#: appointments (任前公示, 任免通知), so it is the permission to edit terms of office.
ISSUE_ACTION = Action.EDIT_TERMS


@attrs.frozen
class IssuedNumber:
    """A number as issued: the number, the document's title, when (naive UTC)."""

    number: DocumentNumber
    title: str
    issued_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        return self.number.as_dict() | {
            "title": self.title,
            "issued_at": self.issued_at.isoformat(),
        }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _year(value: object) -> int:
    return validate.whole_number("year", value, minimum=1000, maximum=9999)


def _lock_org(org_id: int) -> None:
    """Serialize issuers of one organization (PostgreSQL); SQLite's IMMEDIATE
    transactions already let one writer in at a time."""
    if not is_sqlite():
        models.Organization.select().where(models.Organization.id == org_id).for_update().get()


def issue_number(
    ctx: Context,
    org_code: str,
    prefix: str,
    year: int | str | None,
    title: str,
) -> DocumentNumber:
    """Issue the next number of ``prefix`` in ``year`` (default: this year) for a document
    titled ``title``: inside the caller's transaction if there is one, else in its own."""
    cleaned_prefix = validate.text("prefix", prefix, max_length=20)
    cleaned_title = validate.text("title", title, max_length=200)
    when = ctx.today().year if year in (None, "") else _year(year)
    with ctx.transaction():
        org = org_row(ctx, org_code, ISSUE_ACTION)
        _lock_org(org.id)
        last = (
            models.DocumentNumber.select(pw.fn.MAX(models.DocumentNumber.seq))
            .where(
                (models.DocumentNumber.org == org.id)
                & (models.DocumentNumber.prefix == cleaned_prefix)
                & (models.DocumentNumber.year == when)
            )
            .scalar()
        )
        number = DocumentNumber(cleaned_prefix, when, (last or 0) + 1)
        row = models.DocumentNumber.create(
            org=org.id,
            prefix=number.prefix,
            year=number.year,
            seq=number.seq,
            title=cleaned_title,
            issued_at=_now(),
        )
        audit.record(
            ctx,
            org_id=org.id,
            action="document.number",
            object_type="document_number",
            object_id=row.id,
            after=number.as_dict() | {"title": cleaned_title},
        )
    return number


def list_numbers(
    ctx: Context,
    org_code: str,
    *,
    year: int | str | None = None,
    prefix: str | None = None,
) -> list[IssuedNumber]:
    """The numbers the organization issued (of one year or prefix), oldest first."""
    org = org_row(ctx, org_code, Action.READ)
    query = models.DocumentNumber.select().where(models.DocumentNumber.org == org.id)
    if year not in (None, ""):
        query = query.where(models.DocumentNumber.year == _year(year))
    if prefix:
        query = query.where(models.DocumentNumber.prefix == prefix.strip())
    rows = query.order_by(
        models.DocumentNumber.year, models.DocumentNumber.prefix, models.DocumentNumber.seq
    )
    return [
        IssuedNumber(DocumentNumber(r.prefix, r.year, r.seq), r.title, r.issued_at) for r in rows
    ]
