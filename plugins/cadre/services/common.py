"""What every cadre service does at its edge: read a user's date or number into a value
(one line naming field, value and rule when it is not one — the core's ``validate``),
and write the change's audit entry in the writer's transaction."""

from __future__ import annotations

import functools
from datetime import date

from core.api import InvalidInput, audit, validate

__all__ = ["audit_write", "on_date", "optional_date", "whole", "yes_no"]

optional_date = validate.optional_date
yes_no = validate.yes_no


def on_date(field: str, value: date | str | None, default: date | None = None) -> date:
    """A date (2024-03-05, 2024/3/5, 2024年3月5日 …), or ``default`` when none is given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            raise InvalidInput(field, value, "a date is required (YYYY-MM-DD)")
        return default
    return validate.parse_date(field, value)


def whole(field: str, value: int | str | None, minimum: int = 0) -> int:
    """A whole number of at least ``minimum``."""
    return validate.whole_number(field, value, minimum=minimum)


#: The audit entry ``cadre.<action>`` of a write, in the writer's transaction:
#: ``audit_write(ctx, org, action, kind, row_id, after, before=None)``.
audit_write = functools.partial(audit.record_change, plugin="cadre")
