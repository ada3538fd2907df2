"""The last checkpoint this machine has seen of a log, kept outside the database.

Like a client of immudb or a Certificate Transparency monitor, zhidu keeps the newest
checkpoint it verified or made in a file beside (not inside) the database — in the
user data folder, one file per log. A log that no longer extends it (truncated,
rewritten, or restored from an older backup) is then reported by every verification.
"""

from __future__ import annotations

from pathlib import Path

from core.audit.checkpoint import Checkpoint

__all__ = ["remember", "seen", "witness_path"]


def witness_path(log_id: bytes) -> Path:
    import platformdirs

    folder = Path(platformdirs.user_data_dir("zhidu", appauthor=False)) / "witness"
    return folder / f"{log_id.hex()}.checkpoint"


def seen(log_id: bytes) -> Checkpoint | None:
    """The checkpoint last seen of this log, or None (a damaged file counts as none)."""
    path = witness_path(log_id)
    try:
        return Checkpoint.from_text(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remember(log_id: bytes, checkpoint: Checkpoint) -> None:
    """Keep ``checkpoint`` if it is at least as new as the one kept."""
    current = seen(log_id)
    if current is not None and current.size > checkpoint.size:
        return
    path = witness_path(log_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(checkpoint.to_text(), encoding="utf-8")
    temporary.replace(path)
