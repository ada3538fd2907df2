"""The cadre plugin's demo facts for ``gdpu`` (core/demo_data.py holds its people, posts
and terms): what the plugin keeps beyond them, planted so each rule has something to
say on the demo's day (2026-11-21). One module per part."""

from __future__ import annotations

from typing import Any

__all__ = ["load"]


def load(ctx: Any, org_code: str) -> None:
    """Add every part's demo facts to ``org_code`` through the services."""
    from plugins.cadre.demo import cases, eligibility, management

    eligibility.load(ctx, org_code)
    management.load(ctx, org_code)
    cases.load(ctx, org_code)  # after the profiles and ratings its rules read
