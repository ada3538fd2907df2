"""``zhidu ssh``: SSH keys bound to accounts, and the OpenSSH forced command.

The account of an SSH session is the one its key is bound to — never a flag, a user
name or the command the client asks for. ``zhidu ssh authorize`` prints (or installs)
the ``authorized_keys`` lines for OpenSSH; ``zhidu serve --ssh`` is the built-in server.
"""

from __future__ import annotations

from pathlib import Path

import click

from core.cli._output import emit, json_option, table
from core.cli._state import State


@click.group()
def ssh() -> None:
    """SSH keys of accounts, and logging in over SSH (SSH 登录)."""


def _read_key(key: str) -> str:
    """KEY is a file (``~/.ssh/id_ed25519.pub``, ``-`` for standard input) or the key text."""
    if key == "-":
        import sys

        return sys.stdin.read()
    if key.startswith(("ssh-", "ecdsa-", "sk-", "-----", "---- ")):
        return key
    path = Path(key).expanduser()
    if path.is_file():
        return path.read_text(encoding="utf-8", errors="replace")
    from core.errors import InvalidInput

    raise InvalidInput("key", key, "no such file, nor the text of a public key")


@ssh.command("add-key")
@click.argument("account")
@click.argument("key", metavar="KEYFILE_OR_TEXT")
@json_option
@click.pass_obj
def add_key(state: State, account: str, key: str, as_json: bool) -> None:
    """Bind a public key to ACCOUNT (operators only): whoever logs in over SSH with it
    acts as ACCOUNT. KEYFILE_OR_TEXT is a .pub file, its one line, or - for stdin."""
    from core.services.ssh_keys import add_key as add

    added = add(state.context(), account, _read_key(key))
    emit(
        as_json,
        added,
        lambda: click.echo(f"{added.account}: added {added.algorithm} key {added.fingerprint}"),
    )


@ssh.command("remove-key")
@click.argument("fingerprint")
@json_option
@click.pass_obj
def remove_key(state: State, fingerprint: str, as_json: bool) -> None:
    """Unbind the key FINGERPRINT (SHA256:…): log-ins with it are refused from now on
    (its authorized_keys line, if any, stays until you delete it)."""
    from core.services.ssh_keys import remove_key as remove

    removed = remove(state.context(), fingerprint)
    emit(
        as_json,
        removed,
        lambda: click.echo(f"{removed.account}: removed key {removed.fingerprint}"),
    )


@ssh.command()
@click.argument("account", required=False)
@json_option
@click.pass_obj
def keys(state: State, account: str | None, as_json: bool) -> None:
    """The SSH keys of ACCOUNT, or of every account (operators; others see their own)."""
    from core.services.ssh_keys import list_keys

    found = list_keys(state.context(), account)
    emit(
        as_json,
        found,
        lambda: table(
            ["account", "fingerprint", "type", "comment", "added (UTC)"],
            [
                (k.account, k.fingerprint, k.algorithm, k.comment, f"{k.added_at:%Y-%m-%d %H:%M}")
                for k in found
            ],
        ),
    )


def _absolute_url(url: str) -> str:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return "sqlite:///" + str(Path(url.removeprefix("sqlite:///")).expanduser().resolve())
    return url


@ssh.command()
@click.argument("account")
@click.option(
    "--install",
    "install_to",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PATH",
    help="Append the lines to this authorized_keys file (made 0600 if missing); "
    "lines already there are not added again.",
)
@json_option
@click.pass_obj
def authorize(state: State, account: str, install_to: Path | None, as_json: bool) -> None:
    """Print an OpenSSH authorized_keys line for each key of ACCOUNT: it forces
    `zhidu ssh session` for that key's account, with restrict,pty."""
    import os
    import sys

    from core.database import database_url
    from core.services.ssh_keys import list_keys
    from core.ssh.authorized_keys import (
        authorized_keys_line,
        forced_command,
        install,
        session_argv,
    )

    found = list_keys(state.context(), account)
    if not found:
        from core.errors import NotFound

        raise NotFound("SSH key of account", account, "add one with `zhidu ssh add-key`")
    url = _absolute_url(database_url(state.db_url))
    key_file = os.environ.get("ZHIDU_KEY_FILE")
    key_file = str(Path(key_file).expanduser().resolve()) if key_file else None
    lines = [
        (
            authorized_keys_line(
                forced_command(session_argv(sys.executable, url, k.fingerprint, key_file)),
                k.public_key,
            ),
            k.public_key,
        )
        for k in found
    ]
    added = install(install_to, lines) if install_to else []
    result = {
        "account": account,
        "lines": [
            {"fingerprint": k.fingerprint, "line": line}
            for k, (line, _) in zip(found, lines, strict=True)
        ],
        "installed": None if install_to is None else str(install_to),
        "added": len(added),
    }

    def text() -> None:
        if install_to is None:
            for line, _ in lines:
                click.echo(line)
        else:
            already = len(lines) - len(added)
            click.echo(
                f"{install_to}: added {len(added)} line(s)"
                + (f", {already} already there" if already else "")
            )

    emit(as_json, result, text)


@ssh.command(hidden=True)
@click.option("--fingerprint", required=True, help="Written by the operator, not the client.")
@click.option(
    "--key-file", type=click.Path(path_type=Path), help="The key file, if not the default."
)
@click.pass_obj
def session(state: State, fingerprint: str, key_file: Path | None) -> None:
    """The SSH session (the forced command): the account the key FINGERPRINT is bound
    to opens the interface. Its only input is the operator's line, never the client's."""
    import os
    from datetime import date

    from core.errors import ConfigurationError
    from core.services.context import Context
    from core.services.ssh_keys import (
        actor_for_fingerprint,
        record_refused_key,
        record_ssh_login,
    )
    from core.shell import open_deployment, require_unattended_keys

    database, host, deployment_keys = open_deployment(state.db_url, key_file)
    require_unattended_keys()  # never ask the person logging in for the passphrase
    deployment_keys.unlock()
    peer = os.environ.get("SSH_CONNECTION", "").split(" ")[0] or None  # for the trail only
    try:
        actor = actor_for_fingerprint(fingerprint)
    except ConfigurationError:
        record_refused_key(
            database, host, deployment_keys, [fingerprint], "zhidu ssh session", peer
        )
        raise
    ctx = Context(database, actor, host, date.today, deployment_keys)
    record_ssh_login(ctx, fingerprint, peer)
    from tui.app import run

    run(ctx, login_via=None)  # audited just above, with the key and the peer
