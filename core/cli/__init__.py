"""The ``zhidu`` command line (click).

Commands are imported only when run, so ``zhidu --help`` stays fast and never imports
Textual or a plugin's modules: core commands are listed from :data:`COMMANDS`, plugin
command groups by their entry-point names, and each is loaded on first use.
"""

from __future__ import annotations

import sys
from typing import Any

import click

# name → "module:attribute", loaded on demand
COMMANDS: dict[str, str] = {
    "init": "core.cli.setup:init",
    "demo": "core.cli.setup:demo",
    "tui": "core.cli.setup:tui",
    "org": "core.cli.org:org",
    "person": "core.cli.person:person",
    "post": "core.cli.post:post",
    "term": "core.cli.term:term",
    "plugins": "core.cli.plugins:plugins",
    "param": "core.cli.param:param",
    "check": "core.cli.check:check",
    "calendar": "core.cli.calendar:calendar",
    "audit": "core.cli.audit:audit",
    "account": "core.cli.account:account",
    "backup": "core.cli.backup:backup",
    "restore": "core.cli.backup:restore",
    "ssh": "core.cli.ssh:ssh",
    "serve": "core.cli.serve:serve",
    "doc": "core.cli.documents:doc",
    "export": "core.cli.exports:export",
    "import": "core.cli.imports:import_",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported when used, not when listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from core.entrypoints import entry_point_names

        return [*COMMANDS, *(n for n in entry_point_names() if n not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            from core.records import load_target

            command: click.Command = load_target(COMMANDS[cmd_name])
            return command
        return _plugin_command(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        core_rows = [(n, _SHORT_HELP[n]) for n in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(core_rows)
        from core.entrypoints import entry_point_names

        plugin_rows = [
            (n, "plugin commands (see `zhidu plugins list`)")
            for n in entry_point_names()
            if n not in COMMANDS
        ]
        if plugin_rows:
            with formatter.section("Plugins"):
                formatter.write_dl(plugin_rows)


# One-line help for the listing, kept here so listing imports nothing.
_SHORT_HELP = {
    "init": "Create or upgrade the database; map this OS user to an operator account.",
    "demo": "Load the five demo organizations and open the interface.",
    "tui": "Open the terminal interface.",
    "org": "Organizations and their units.",
    "person": "People and their kinship.",
    "post": "Posts (职位) and their headcounts.",
    "term": "Terms of office (任职).",
    "plugins": "Installed plugins and which each organization enables.",
    "param": "Parameters and an organization's overrides.",
    "check": "Findings of every enabled plugin for an organization.",
    "calendar": "Working-day arithmetic and calendar entries.",
    "audit": "The encrypted, tamper-evident audit trail: log, verify, checkpoint, prove.",
    "account": "Accounts and their roles per organization.",
    "backup": "Copy the database consistently and verify the copy.",
    "restore": "Restore a backup, refusing to roll the audit log back silently.",
    "ssh": "SSH keys of accounts; the OpenSSH forced command (authorized_keys lines).",
    "serve": "Serve zhidu over SSH with the built-in server (--ssh).",
    "doc": "Document numbers (发文字号) and sample documents (GB/T 9704-2012).",
    "export": "Export a list or report of an organization to .xlsx or .csv (audited).",
    "import": "Import people, units, posts, terms, kinship from .xlsx/.csv (dry run, --apply).",
}


def _plugin_command(name: str) -> click.Command | None:
    from core.plugin_host import PluginHost

    for plugin in PluginHost.discover().plugins.values():
        for command in plugin.commands:
            if command.name == name:
                loaded: click.Command = command.load()
                return loaded
    return None


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_url",
    envvar="ZHIDU_DB",
    metavar="URL",
    help="Database URL (sqlite:///PATH or postgresql://…); default: the user data folder.",
)
@click.version_option(package_name="zhidu", prog_name="zhidu")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None) -> None:
    """zhidu (制度): people, posts and terms of office, with each organization's
    regulations as plugins. With no command, opens the terminal interface."""
    from core.cli._state import State

    global _STATE
    ctx.obj = _STATE = State(db_url)
    if ctx.invoked_subcommand is None:
        from core.cli.setup import open_tui

        open_tui(ctx.obj)


_STATE: Any = None  # the running command's State, for auditing a refusal after it


def _run(args: list[str]) -> Any:
    """Run the command line, then close the database it opened and point the models back
    at the one they used before: called in-process (tests, the SSH server), a command
    leaves no connection open and no caller's models bound to its database."""
    loaded = sys.modules.get("core.database")  # --help never imports it (nor peewee)
    before = loaded.db.obj if loaded else None
    from core.errors import ZhiduError

    try:
        return cli.main(args=args, prog_name="zhidu", standalone_mode=False)
    except ZhiduError as error:  # audited while the command's database is still the models'
        if _STATE is not None:
            _STATE.record_refusal(error, "zhidu " + " ".join(args))
        raise
    finally:
        database = sys.modules.get("core.database")
        opened = database.db.obj if database else None
        if opened is not before:
            if opened is not None and not opened.is_closed():
                opened.close()
            if before is not None and database is not None:
                database.db.initialize(before)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: a user's mistake becomes one line and exit status 2, never a traceback."""
    from core.errors import ZhiduError

    global _STATE
    _STATE = None  # set by the group callback, once the command line has parsed
    args = sys.argv[1:] if argv is None else argv
    try:
        return _run(args)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except ZhiduError as error:
        from core.cli._output import fail

        fail(error, as_json="--json" in args)
