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

    def record_refusal(self, error: Exception, command: str) -> None:
        """Audit a refused attempt (a permission refused, or an OS user without an
        account), best effort: the refusal itself is what the user sees."""
        from core.errors import ConfigurationError, PermissionDenied, ZhiduError

        try:
            if isinstance(error, PermissionDenied) and self._context is not None:
                from core.services.accounts import record_refusal

                record_refusal(self._context, error, command)
            elif isinstance(error, ConfigurationError) and "no zhidu account" in str(error):
                from core.shell import record_unknown_user

                record_unknown_user(self.db_url, command)
        except ZhiduError:
            pass
