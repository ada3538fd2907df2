"""Bulk work without the cyclic garbage collector's pauses.

A bulk path (an import of 100k rows, an audit log appended in bulk, a report of a line
for each of 10,000 people) creates a long-lived object or several per row; every few
thousand allocations CPython's cyclic collector walks them, and the oldest generation
again and again as it grows — a quarter of a 100k-person import's time, measured
(bench/, ``import``). The rows of a bulk path make no reference cycles that must be
freed before it ends (reference counting frees everything else as usual), so the
collector can wait until it is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested blocks: the outermost
    one resumes it, and only if it was running)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
