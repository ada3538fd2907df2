"""`zhidu serve --ssh` as a real process on loopback, driven by real SSH clients
(asyncssh's, and OpenSSH's /usr/bin/ssh): the key decides the account, a stranger's
key is refused and audited, a resize reaches the app, a dropped connection leaves no
process behind, the limits and the idle time-out hold."""

from __future__ import annotations

import asyncio
import os
import re
import time
from pathlib import Path

import asyncssh
import pytest

from core.services.accounts import add_account
from core.services.audit_trail import read_audit
from core.services.ssh_keys import add_key
from tests.core.ssh.conftest import (
    Deployment,
    Server,
    alive,
    connect,
    gone,
    make_key,
    openssh,
    read_terminal,
    read_until,
)

PICKER = "选择组织".encode()
GDPU = "组织 gdpu".encode()  # the organizations' names (tests.conftest.make_org)
TOWN = "组织 town".encode()


async def open_zhidu(
    conn: asyncssh.SSHClientConnection, columns: int = 80, rows: int = 24
) -> tuple[asyncssh.SSHClientProcess[bytes], bytearray]:
    """A shell session on a terminal of ``columns`` × ``rows``, read until zhidu's
    organization picker is drawn down to its last row (the footer)."""
    process = await conn.create_process(
        term_type="xterm-256color", term_size=(columns, rows), encoding=None
    )
    seen = bytearray()
    await read_until(process.stdout, seen, PICKER)
    await read_until(process.stdout, seen, f"\x1b[{rows};1H".encode())  # the footer's row
    return process, seen


async def test_the_key_decides_the_account(deployment: Deployment, serve: type[Server]) -> None:
    server = serve()
    # the user name is no account's, and the same for both: only the key differs
    async with await connect(server.port, deployment.keys["clerk"]) as conn:
        host_key = conn.get_server_host_key()
        _, seen = await open_zhidu(conn)
        assert GDPU in seen and TOWN not in seen  # clerk is a viewer of gdpu only
    async with await connect(server.port, deployment.keys["tester"]) as conn:
        _, seen = await open_zhidu(conn)
        assert GDPU in seen and TOWN in seen  # the operator sees both
    assert host_key is not None
    assert server.wait_for(r"host key (SHA256:\S+)\)").group(1) == host_key.get_fingerprint()
    logins = {(e.actor, e.after["via"]) for e in read_audit(deployment.ctx, action="session.login")}
    for account in ("clerk", "tester"):
        assert (account, f"ssh {deployment.keys[account].fingerprint} from 127.0.0.1") in logins


async def test_a_key_of_no_account_is_refused_and_audited(
    deployment: Deployment, serve: type[Server]
) -> None:
    server = serve()
    stranger = deployment.keys["stranger"]
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, stranger)
    server.wait_for(r"refused 127\.0\.0\.1: keys offered: " + re.escape(stranger.fingerprint))
    (refused,) = read_audit(deployment.ctx, action="session.refused")
    assert refused.actor == f"ssh:{stranger.fingerprint}"
    assert (refused.object_type, refused.object_id) == ("ssh_key", stranger.fingerprint)
    assert refused.after == {
        "via": "zhidu serve --ssh",
        "keys": [stranger.fingerprint],
        "from": "127.0.0.1",
    }
    assert not any("session pid=" in line for line in server.lines)


async def test_a_resize_reaches_the_app(deployment: Deployment, serve: type[Server]) -> None:
    server = serve()
    async with await connect(server.port, deployment.keys["clerk"]) as conn:
        process, seen = await open_zhidu(conn, 80, 24)
        assert b"\x1b[40;" not in seen  # nothing drawn on a 40th row: there is none
        process.change_terminal_size(120, 40)
        after = bytearray()
        # The app draws its footer on row 40 only once it knows the terminal has 40 rows:
        # the window change reached its terminal, and its SIGWINCH reached the app.
        await read_until(process.stdout, after, b"\x1b[40;1H")
        assert GDPU in after  # the picker redrawn at the new size


async def test_closing_the_connection_leaves_no_process(
    deployment: Deployment, serve: type[Server]
) -> None:
    server = serve()
    conn = await connect(server.port, deployment.keys["clerk"])
    await open_zhidu(conn)
    pid = server.session_pid("clerk")
    assert alive(pid) and alive(pid, group=True)
    assert os.getpgid(pid) == pid and os.getsid(pid) == pid  # its own session and group
    conn.close()  # the client goes away without quitting the app
    await conn.wait_closed()
    assert gone(pid), f"zhidu (pid {pid}) or its process group outlived the connection"


async def test_the_openssh_client_logs_in_and_a_stranger_does_not(
    deployment: Deployment, serve: type[Server]
) -> None:
    server = serve()
    client, screen = openssh(server.port, deployment.keys["clerk"], columns=100, rows=30)
    try:
        seen = bytearray()
        await read_terminal(screen, seen, GDPU)
        await read_terminal(screen, seen, b"\x1b[30;1H")  # its terminal's size came along
        assert TOWN not in seen
        os.write(screen, b"q")  # quit the app: the client exits with it
        assert await asyncio.to_thread(client.wait, 20) == 0
        server.wait_for(r"session pid=\d+ account=clerk exited \(0\)")
    finally:
        client.kill()
        os.close(screen)
    refused, screen = openssh(server.port, deployment.keys["stranger"])
    try:
        seen = bytearray()
        await read_terminal(screen, seen, b"Permission denied (publickey)")
        assert await asyncio.to_thread(refused.wait, 20) == 255
    finally:
        refused.kill()
        os.close(screen)


async def test_a_command_or_no_terminal_gets_no_zhidu(
    deployment: Deployment, serve: type[Server]
) -> None:
    server = serve()
    async with await connect(server.port, deployment.keys["clerk"]) as conn:
        # what the client asks to run chooses nothing: the request is refused
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.create_process(
                "ssh session --fingerprint " + deployment.keys["tester"].fingerprint,
                term_type="xterm",
            )
        result = await conn.run(request_pty=False, encoding=None)  # a shell, no terminal
        assert result.exit_status == 1
        assert result.stdout == b"zhidu needs a terminal: connect with ssh -t\r\n"
    assert not any("session pid=" in line for line in server.lines)


async def test_sessions_are_limited_per_account_and_in_total(
    deployment: Deployment, serve: type[Server], tmp_path: Path
) -> None:
    add_account(deployment.ctx, "third")
    third = make_key(tmp_path, "third")
    add_key(deployment.ctx, "third", third.public)
    server = serve("--max-per-account", "1", "--max-sessions", "2")
    clerk = await connect(server.port, deployment.keys["clerk"])
    tester = await connect(server.port, deployment.keys["tester"])
    others = [await connect(server.port, key) for key in (deployment.keys["clerk"], third)]
    try:
        await clerk.create_process(term_type="xterm", encoding=None)
        with pytest.raises(asyncssh.ChannelOpenError, match="account clerk has its maximum of 1"):
            await others[0].create_process(term_type="xterm", encoding=None)
        await tester.create_process(term_type="xterm", encoding=None)
        with pytest.raises(asyncssh.ChannelOpenError, match="the server has its maximum of 2"):
            await others[1].create_process(term_type="xterm", encoding=None)
        clerk.close()  # clerk's session ends: clerk may open one again
        await clerk.wait_closed()
        deadline = time.monotonic() + 10
        while True:
            try:
                await others[0].create_process(term_type="xterm", encoding=None)
                break
            except asyncssh.ChannelOpenError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
    finally:
        for conn in (clerk, tester, *others):
            conn.close()


async def test_an_idle_session_is_closed(deployment: Deployment, serve: type[Server]) -> None:
    server = serve("--idle-timeout", "3")
    async with await connect(server.port, deployment.keys["clerk"]) as conn:
        process = await conn.create_process(term_type="xterm", term_size=(80, 24), encoding=None)
        started = time.monotonic()
        seen = bytearray()
        await read_until(process.stdout, seen, b"zhidu: no input for 3 s")
        waited = time.monotonic() - started
        assert 2.5 < waited < 15
        assert b"\x1b[?1049l" in seen  # the client's terminal is given back
        await process.wait_closed()
        assert process.exit_status == 1
        pid = server.session_pid("clerk")
        assert gone(pid)
