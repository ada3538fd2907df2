"""First-party regulation plugins, one package each (``plugins.<name>``).

Each registers under the ``zhidu`` entry-point group in pyproject.toml and imports the
core only through :mod:`core.api`; see docs/plugins.md.
"""
