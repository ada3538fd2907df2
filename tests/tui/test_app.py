"""The interface shell driven headless with Pilot, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Label, OptionList, Tree

from core.services.context import Context
from tests.conftest import make_org
from tui.app import ZhiduApp
from tui.screens.home import HomeScreen
from tui.screens.org_picker import OrgPickerScreen


async def test_pick_an_organization_and_see_its_home(ctx: Context) -> None:
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    app = ZhiduApp(ctx)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OrgPickerScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        assert "[gdpu]" in str(options.get_option_at_index(0).prompt)  # not eaten as markup
        await pilot.press("down", "enter")  # highlight the second: town
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.org.code == "town"
        tree = app.screen.query_one("#units", Tree)
        assert [str(node.label) for node in tree.root.children] == ["办公室 (科)"]
        assert app.screen.query_one("#findings", DataTable).row_count == 0
        assert "0" in str(app.screen.query_one("#findings-title", Label).render())
        await pilot.press("escape")
        assert isinstance(app.screen, OrgPickerScreen)


async def test_no_visible_organization_says_what_to_do(ctx: Context) -> None:
    app = ZhiduApp(ctx)
    async with app.run_test() as pilot:
        await pilot.pause()
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert any("zhidu demo" in text for text in labels)


async def test_opening_is_an_audited_login(ctx: Context) -> None:
    from tests.conftest import audit_entries

    async with ZhiduApp(ctx).run_test() as pilot:
        await pilot.pause()
    (login,) = audit_entries(ctx, "session.login")
    assert login.actor == "tester" and login.after == {"via": "tui"}


async def test_a_log_that_no_longer_extends_the_seen_checkpoint_is_warned(ctx: Context) -> None:
    from core import models
    from core.services.audit_trail import make_checkpoint

    make_org(ctx)
    make_checkpoint(ctx)  # this machine has seen the log as it is now
    last = models.AuditEntry.select().order_by(models.AuditEntry.seq.desc()).first()
    models.AuditEntry.update(leaf_hash=b"\0" * 32).where(
        models.AuditEntry.seq == last.seq
    ).execute()
    app = ZhiduApp(ctx)
    async with app.run_test() as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("不再延续" in m for m in messages)


async def test_keys_are_rebound_from_the_keymap_file(ctx: Context, tmp_path: Path) -> None:
    import json

    from tui.app import keymap_path, load_keymap

    make_org(ctx)
    keymap_path().parent.mkdir(parents=True, exist_ok=True)
    keymap_path().write_text(json.dumps({"home.open.people": "f2"}), encoding="utf-8")
    app = ZhiduApp(ctx)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.open_org("gdpu")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        from tui.screens.people import PeopleScreen

        assert isinstance(app.screen, PeopleScreen)
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    assert load_keymap(tmp_path / "bad.json") == {}


async def test_the_last_organization_is_remembered_if_still_visible(ctx: Context) -> None:
    from tui.screens.home import HomeScreen

    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    app = ZhiduApp(ctx)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.open_org("town")
        await pilot.pause()
    again = ZhiduApp(ctx)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen) and again.screen.org.code == "town"
        await pilot.press("escape")  # back to the picker, which is underneath
        assert isinstance(again.screen, OrgPickerScreen)
