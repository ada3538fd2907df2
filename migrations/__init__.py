"""The core's schema migrations (component ``core``); see :mod:`core.migrate`."""
