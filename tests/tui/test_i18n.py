"""The English catalog is complete: every ``_("…")`` in tui/ (and in the plugins' screens,
which translate through tui.i18n too) has its English, and the catalog holds nothing else."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tui import i18n

TUI = Path(__file__).parents[2] / "tui"
PLUGIN_SCREENS = Path(__file__).parents[2] / "plugins"
# Vocabulary terms shown through _() by value (severity, organization kind).
DYNAMIC = {"提示", "待办", "预警", "违规", "高校", "机关", "村", "人社部门", "学生会", "其他"}


def literals() -> set[str]:
    found: set[str] = set()
    for path in [*TUI.rglob("*.py"), *PLUGIN_SCREENS.glob("*/screens/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def catalog() -> dict[str, str]:
    data: dict[str, str] = json.loads((TUI / "locale" / "en.json").read_text(encoding="utf-8"))
    return data


def test_every_text_has_its_english_and_nothing_is_left_over() -> None:
    wanted = literals() | DYNAMIC | {title for title in _screen_titles()}
    have = set(catalog())
    assert sorted(wanted - have) == [], "missing from tui/locale/en.json"
    assert sorted(have - wanted) == [], "unused in tui/locale/en.json"


def _screen_titles() -> set[str]:
    from tui.screens import CORE_SCREENS

    return {s.title for s in CORE_SCREENS}


def test_placeholders_survive_translation() -> None:
    import string

    for zh, en in catalog().items():
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert fields_zh == fields_en, (zh, en)


def test_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_current", "en")
    assert i18n._("第 {first}–{last} 人，共 {total} 人", first=1, last=100, total=5) == (
        "people 1–100 of 5"
    )
    monkeypatch.setattr(i18n, "_current", "zh")
    assert i18n._("返回") == "返回"
    with pytest.raises(ValueError, match="choose one of zh, en"):
        i18n.set_language("fr")
