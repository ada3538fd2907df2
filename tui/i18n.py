"""The interface's translation layer (Textual has none).

The interface is written in Chinese; English comes from the catalog
``tui/locale/en.json``, keyed by the Chinese text (gettext-style). The language is
chosen once at start-up: ``zhidu tui --lang en`` or ``ZHIDU_LANG=en``. A test keeps
the catalog complete: every ``_("…")`` in tui/ has its English, and nothing more.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "_", "language", "set_language"]

LANGUAGES = ("zh", "en")
_current = os.environ.get("ZHIDU_LANG", "zh") if os.environ.get("ZHIDU_LANG") in LANGUAGES else "zh"


@cache
def _catalog(lang: str) -> dict[str, str]:
    if lang == "zh":
        return {}
    path = Path(__file__).with_name("locale") / f"{lang}.json"
    catalog: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return catalog


def set_language(lang: str) -> None:
    """Choose the language before the interface's modules are imported."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


def _(text: str, **values: object) -> str:
    """``text`` in the current language, with ``{name}`` fields filled from ``values``."""
    translated = _catalog(_current).get(text, text)
    return translated.format(**values) if values else translated
