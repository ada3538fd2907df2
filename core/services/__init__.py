"""The service layer: the one way anything is read or changed, for the CLI and the TUI.

Each function takes a :class:`Context` (who acts, database, plugins, today), checks
permission, runs in one transaction, writes the change and its audit entry together,
and returns plain values.
"""

from core.services.context import Actor, Context

__all__ = ["Actor", "Context"]
