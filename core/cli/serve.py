"""``zhidu serve --ssh``: the built-in SSH server (the appliance mode)."""

from __future__ import annotations

from pathlib import Path

import click

from core.cli._output import emit, json_option
from core.cli._state import State


@click.command()
@click.option("--ssh", "ssh", is_flag=True, help="Serve the interface over SSH (required).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=2222,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port, printed at start).",
)
@click.option(
    "--max-sessions", default=32, show_default=True, type=click.IntRange(1), help="In total."
)
@click.option(
    "--max-per-account",
    default=4,
    show_default=True,
    type=click.IntRange(1),
    help="Sessions one account may have open at once.",
)
@click.option(
    "--idle-timeout",
    default=1800.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds without input before a session is closed (0: never).",
)
@click.option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Host key file (default: ssh_host_ed25519_key in the user data folder; "
    "made on first start).",
)
@json_option
@click.pass_obj
def serve(
    state: State,
    ssh: bool,
    host: str,
    port: int,
    max_sessions: int,
    max_per_account: int,
    idle_timeout: float,
    host_key: Path | None,
    as_json: bool,
) -> None:
    """Serve zhidu over SSH: each account logs in with its own key (`zhidu ssh add-key`)
    and gets its own zhidu on its own terminal. Runs until interrupted; log lines go to
    standard error."""
    if not ssh:
        raise click.UsageError("nothing to serve: give --ssh")
    import asyncio

    from core.database import database_url
    from core.shell import open_deployment, require_unattended_keys
    from core.ssh import server

    url = database_url(state.db_url)
    database, plugins, keys = open_deployment(url)
    require_unattended_keys()  # the sessions need the keys without anyone typing
    keys.unlock()
    key_path = host_key or server.default_host_key_path()
    key = server.host_key(key_path)
    service = server.SSHService(
        url,
        database,
        plugins,
        keys,
        server.Limits(max_sessions, max_per_account, idle_timeout),
    )

    def ready(bound: int) -> None:
        fingerprint = key.get_fingerprint("sha256")
        service.log(f"listening on {host}:{bound} (host key {fingerprint})")
        result = {
            "host": host,
            "port": bound,
            "host_key": str(key_path),
            "host_key_fingerprint": fingerprint,
            "database": url,
        }
        emit(as_json, result, lambda: None)

    asyncio.run(server.serve(service, host, port, key, ready))
