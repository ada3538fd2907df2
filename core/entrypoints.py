"""The ``zhidu`` entry-point group, read without importing any plugin (for fast help)."""

from __future__ import annotations

import importlib.metadata

GROUP = "zhidu"


def entry_point_names(group: str = GROUP) -> list[str]:
    """The names registered in the entry-point group, from metadata only."""
    return sorted({ep.name for ep in importlib.metadata.entry_points(group=group)})
