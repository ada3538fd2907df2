"""The cadre plugin's TUI screens, one per file with its styles beside it."""
