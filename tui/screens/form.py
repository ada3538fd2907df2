"""A form in a modal: each field validates as the person types, with the same
one-line errors as the CLI (the validators call the core's own checks), and the
service's answer on submit — an error keeps the form open with the message shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label

from core.errors import ZhiduError
from tui.i18n import _

__all__ = ["Field", "FormScreen"]


@attrs.frozen
class Field:
    """One input: ``check`` raises a ZhiduError (InvalidInput) for a bad value."""

    name: str
    label: str
    check: Callable[[str], object] | None = None
    placeholder: str = ""
    value: str = ""


class _CoreValidator(Validator):
    def __init__(self, check: Callable[[str], object]) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        try:
            self.check(value)
        except ZhiduError as error:
            return self.failure(error.line())
        return self.success()


class FormScreen(ModalScreen[Any]):
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > VerticalScroll { width: 80; height: auto; max-height: 90%;
                                  border: thick $accent; padding: 1 2; background: $surface; }
    FormScreen .error { color: $error; height: auto; }
    FormScreen Horizontal { height: auto; align: right middle; margin-top: 1; }
    FormScreen Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("取消"), id="form.cancel"),
    ]

    def __init__(
        self, title: str, fields: Sequence[Field], submit: Callable[[dict[str, str]], Any]
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = tuple(fields)
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(self.title_text, style="bold"))
            for field in self.fields:
                yield Label(field.label)
                validators = [_CoreValidator(field.check)] if field.check else []
                yield Input(
                    value=field.value,
                    placeholder=field.placeholder,
                    id=f"f-{field.name}",
                    validators=validators,
                    valid_empty=field.check is None,
                )
                yield Label("", id=f"e-{field.name}", classes="error")
            yield Label("", id="form-error", classes="error")
            with Horizontal():
                yield Button(_("取消"), id="cancel")
                yield Button(_("保存"), id="save", variant="primary")

    @on(Input.Changed)
    def show_problem(self, event: Input.Changed) -> None:
        if event.input.id is None:
            return
        message = ""
        if event.validation_result is not None and not event.validation_result.is_valid:
            message = "; ".join(event.validation_result.failure_descriptions)
        self.query_one(f"#e-{event.input.id[2:]}", Label).update(Text(message))

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#f-{f.name}", Input).value for f in self.fields}

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def save(self) -> None:
        try:
            result = self.submit(self.values())
        except ZhiduError as error:
            self.query_one("#form-error", Label).update(Text(error.line()))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
