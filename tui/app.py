"""The zhidu terminal application: pick an organization, then work in it.

Every screen reads and changes data only through core.services, as the CLI does.
Navigation: each screen's keys are in the footer (bindings carry ids, so they can be
rebound in a keymap); ``ctrl+p`` opens the command palette, whose providers cover the
core screens, the plugins' screens for the organization, and switching organization.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from core.services.accounts import record_login
from core.services.audit_trail import witness_warning
from core.services.context import Context
from tui.i18n import _
from tui.palette import ZhiduCommands
from tui.screens.org_picker import OrgPickerScreen


class ZhiduApp(App[None]):
    """制度 — the administrators' interface."""

    TITLE = _("制度 zhidu")
    COMMANDS: ClassVar = App.COMMANDS | {ZhiduCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", _("退出"), id="app.quit"),
    ]

    def __init__(
        self, ctx: Context, org_code: str | None = None, *, login_via: str | None = "tui"
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.org_code = org_code  # the organization being worked in, once chosen
        self.login_via = login_via  # None: the caller audited the log-in already (SSH)

    def on_mount(self) -> None:
        self.set_keymap(load_keymap())
        # Opening the interface is a log-in, audited like any change.
        if self.login_via:
            record_login(self.ctx, self.login_via)
        picker = OrgPickerScreen(self.ctx)
        self.push_screen(picker)
        remembered = self.org_code or remembered_org(self.ctx)
        if remembered in {o.code for o in picker.orgs}:
            self.open_org(remembered)
        warning = witness_warning()
        if warning:
            self.notify(warning, title=_("审计日志"), severity="error", timeout=30)

    def open_org(self, org_code: str) -> None:
        """Work in ``org_code``: its home screen on top of the picker."""
        from tui.screens.home import HomeScreen

        self.org_code = org_code
        remember_org(self.ctx, org_code)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(HomeScreen(self.ctx, org_code))


def _state_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("zhidu", appauthor=False)) / "interface.json"


def _state_key(ctx: Context) -> str:
    from core.audit.log import log_row

    return f"{log_row().log_id.hex()}:{ctx.actor.name}"  # per deployment and account


def remembered_org(ctx: Context) -> str | None:
    """The organization this account last worked in on this machine (if any)."""
    import json

    try:
        state = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = state.get(_state_key(ctx)) if isinstance(state, dict) else None
    return value if isinstance(value, str) else None


def remember_org(ctx: Context, org_code: str) -> None:
    import json

    path = _state_path()
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        state = state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        state = {}
    state[_state_key(ctx)] = org_code
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # remembering is a convenience; never a reason to fail


def keymap_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("zhidu", appauthor=False)) / "keymap.json"


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """Rebound keys: ``{"binding id": "keys"}`` from ``keymap.json`` in the user config
    folder, e.g. ``{"people.next": "ctrl+n", "app.quit": "ctrl+q"}``. A damaged file is
    ignored with a warning on stderr rather than keeping the interface from starting."""
    import json
    import sys

    path = path or keymap_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        print(f"zhidu: ignoring {path}: {error}", file=sys.stderr)
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        print(f'zhidu: ignoring {path}: expected {{"binding id": "keys"}}', file=sys.stderr)
        return {}
    return data


def run(ctx: Context, *, login_via: str | None = "tui") -> None:
    ZhiduApp(ctx, login_via=login_via).run()
