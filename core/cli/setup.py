"""``zhidu init``, ``zhidu demo`` and ``zhidu tui``."""

from __future__ import annotations

from pathlib import Path

import click

from core.cli._output import emit, json_option
from core.cli._state import State


@click.command()
@click.option(
    "--account", metavar="NAME", help="Account name for this OS user (default: the OS user)."
)
@click.option(
    "--passphrase",
    "use_passphrase",
    is_flag=True,
    help="Protect the keys with a passphrase (Argon2id) instead of a key file; "
    "read from ZHIDU_PASSPHRASE or asked for.",
)
@click.option(
    "--key-file",
    type=click.Path(path_type=Path),
    help="Where to create the key file (default: the user config folder, or ZHIDU_KEY_FILE).",
)
@json_option
@click.pass_obj
def init(
    state: State, account: str | None, use_passphrase: bool, key_file: Path | None, as_json: bool
) -> None:
    """Create or upgrade the database, its audit log and keys; map this OS user to an
    operator account. Safe to run again."""
    import os

    from core.database import database_url, redacted
    from core.shell import initialize

    passphrase = None
    if use_passphrase:
        passphrase = os.environ.get("ZHIDU_PASSPHRASE") or click.prompt(
            "New passphrase (口令)", hide_input=True, confirmation_prompt=True
        )
    ctx, applied, created = initialize(
        state.db_url, account, passphrase=passphrase, key_file=key_file
    )
    result = {
        "database": redacted(database_url(state.db_url)),  # never a password on screen
        "migrations_applied": applied,
        "account": ctx.actor.name,
        "account_created": created,
    }

    def text() -> None:
        click.echo(f"database: {result['database']}")
        click.echo(f"migrations applied: {', '.join(applied) or 'none (up to date)'}")
        click.echo(f"account: {ctx.actor.name}" + (" (created, operator)" if created else ""))

    emit(as_json, result, text)


def demo_url(given: str | None) -> str:
    """The demo's own database, so demo data never lands in a real one by accident."""
    if given:
        return given
    import platformdirs

    folder = Path(platformdirs.user_data_dir("zhidu", appauthor=False))
    return f"sqlite:///{folder / 'demo.db'}"


@click.command()
@click.option("--no-tui", is_flag=True, help="Only load the demo data; do not open the interface.")
@json_option
@click.pass_obj
def demo(state: State, no_tui: bool, as_json: bool) -> None:
    """Load the demo organizations (one per regulation) and open the interface.

    Uses its own database (demo.db in the user data folder) unless --db or ZHIDU_DB is given.
    """
    from core.demo import load_demo
    from core.shell import initialize

    url = demo_url(state.db_url)
    ctx, _, _ = initialize(url, None)
    loaded = load_demo(ctx)
    result = {"database": url, "organizations_loaded": loaded, "account": ctx.actor.name}

    def text() -> None:
        click.echo(f"demo database: {url}")
        if loaded:
            click.echo(f"loaded: {', '.join(loaded)}")
        else:
            click.echo("demo organizations already loaded")
        click.echo(f"use it with other commands: export ZHIDU_DB={url}")

    emit(as_json, result, text)
    if not no_tui and not as_json:
        state.db_url = url
        open_tui(state)


def open_tui(state: State, lang: str | None = None) -> None:
    from core.audit.keystore import DeploymentKeys
    from tui import i18n

    if lang:
        i18n.set_language(lang)  # before the screens are imported: their keys are labelled then
    from tui.app import run

    ctx = state.context()
    if isinstance(ctx.keys, DeploymentKeys):
        ctx.keys.unlock()  # a passphrase prompt must come before the screen is taken over
    run(ctx)


@click.command()
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    envvar="ZHIDU_LANG",
    help="Interface language (default Chinese; also ZHIDU_LANG).",
)
@click.pass_obj
def tui(state: State, lang: str | None) -> None:
    """Open the terminal interface."""
    open_tui(state, lang)
