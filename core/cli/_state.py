"""What every command shares: the database URL given, and the service context."""

from __future__ import annotations

from core.services.context import Context


class State:
    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._context: Context | None = None

    def context(self) -> Context:
        """The service context for this OS user (opens the database on first use)."""
        if self._context is None:
            from core.shell import open_context

            self._context = open_context(self.db_url)
        return self._context
