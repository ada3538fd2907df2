"""The one exception hierarchy of zhidu.

Every error that zhidu raises on purpose derives from :class:`ZhiduError`. The CLI
and the interface turn a :class:`UserError` into one line — the field, the value and
the rule — and a non-zero exit, never a traceback; anything else that escapes is a
bug and is shown as one.

::

    ZhiduError                  anything zhidu raises on purpose
    ├── UserError               the user's mistake: shown as one line, exit status 2
    │   ├── InvalidInput        a value breaks a rule (field, value, rule)
    │   ├── NotFound            no such organization, person, post, term, plugin …
    │   ├── Conflict            the change would break an invariant of stored data
    │   │                       (headcount, overlapping terms, duplicate ID number …)
    │   └── PermissionDenied    the acting account may not do this
    ├── ConfigurationError      the deployment is not set up (no database, no account …)
    ├── PluginError             a plugin is broken, duplicated or missing a dependency
    ├── ParameterError          a parameter declaration or override is malformed
    ├── MigrationError          a schema migration is missing, circular or failed
    └── Busy                    another writer held the database too long: try again

Messages are written for the person at the keyboard: they name what was given and
which rule it broke, citing the regulation where there is one.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Busy",
    "ConfigurationError",
    "Conflict",
    "InvalidInput",
    "MigrationError",
    "NotFound",
    "ParameterError",
    "PermissionDenied",
    "PluginError",
    "UserError",
    "ZhiduError",
]


class ZhiduError(Exception):
    """Anything zhidu raises on purpose."""

    exit_code = 1

    def line(self) -> str:
        """The one-line message shown to a user."""
        return str(self)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready description, for ``--json`` output."""
        return {"type": type(self).__name__, "message": self.line()}


class UserError(ZhiduError):
    """The user's mistake: one clear line and exit status 2."""

    exit_code = 2


class InvalidInput(UserError):
    """A value breaks a rule: names the field, the value and the rule."""

    def __init__(self, field: str, value: object, rule: str) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        super().__init__(f"{field} = {_show(value)}: {rule}")

    def as_dict(self) -> dict[str, Any]:
        return super().as_dict() | {
            "field": self.field,
            "value": None if self.value is None else str(self.value),
            "rule": self.rule,
        }


class NotFound(UserError):
    """No such object: names the kind of object and the key looked for."""

    def __init__(self, kind: str, key: object, hint: str = "") -> None:
        self.kind = kind
        self.key = key
        message = f"{kind} {_show(key)} not found"
        super().__init__(f"{message}; {hint}" if hint else message)

    def as_dict(self) -> dict[str, Any]:
        return super().as_dict() | {"kind": self.kind, "key": str(self.key)}


class Conflict(InvalidInput):
    """The change would break an invariant of what is stored (field, value, rule)."""


class PermissionDenied(UserError):
    """The acting account may not do this (``org_id``: where it was refused, if known)."""

    def __init__(self, message: str, org_id: int | None = None) -> None:
        super().__init__(message)
        self.org_id = org_id


class ConfigurationError(ZhiduError):
    """The deployment is not set up as the command needs (database, account, keys)."""

    exit_code = 2


class PluginError(ZhiduError):
    """A plugin is broken, claims a name already taken, or lacks a dependency."""

    exit_code = 2


class ParameterError(ZhiduError):
    """A parameter declaration or override is malformed."""

    exit_code = 2


class MigrationError(ZhiduError):
    """A schema migration is missing, circular, or failed (and was rolled back)."""

    exit_code = 2


class Busy(ZhiduError):
    """Another process kept writing for longer than a change waits for its turn
    (core.database.WRITE_WAIT); nothing was changed, and trying again is safe."""

    exit_code = 75  # EX_TEMPFAIL (sysexits.h): a temporary failure


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)
