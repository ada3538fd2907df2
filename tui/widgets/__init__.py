"""Widgets shared by screens (and by plugins' screens through their own imports)."""
