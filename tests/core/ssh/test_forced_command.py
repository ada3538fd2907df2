"""The OpenSSH mode: `zhidu ssh authorize --install` writes the authorized_keys lines,
and an SSH server that honours them starts zhidu for the key's account.

sshd is not installed here, so the server is asyncssh reading the very file written:
it matches the client's key to its line and replaces whatever the client asked to
run with the line's ``command=`` (as sshd does); ``restrict`` without ``pty`` would
refuse the terminal (asyncssh leaves that to us). The command then runs through
``/bin/sh -c`` on a terminal of its own, as sshd runs it, and the client is OpenSSH's.
The same session machinery (PtySession) then shows that the whole process group of a
session ends with the connection, even a process that ignores SIGHUP.
"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from core.services.audit_trail import read_audit
from core.ssh.server import PtySession
from tests.core.ssh.conftest import (
    ROOT,
    Deployment,
    connect,
    gone,
    openssh,
    read_terminal,
    read_until,
)


class ForcedCommandSession(PtySession):
    """What sshd does with a matching authorized_keys line."""

    commands: list[str]  # the commands run, for the test to see

    def __init__(self, commands: list[str]) -> None:
        super().__init__([], {}, 0)
        self.commands = commands

    def pty_requested(self, term_type: str, term_size: Any, term_modes: Any) -> bool:
        conn = self.chan.get_connection()
        if conn.get_key_option("restrict") and not conn.get_key_option("pty"):
            return False
        return super().pty_requested(term_type, term_size, term_modes)

    def shell_requested(self) -> bool:
        return False  # every line forces a command: asyncssh hands it to exec_requested

    def exec_requested(self, command: str) -> bool:
        self.commands.append(command)
        self.argv = ["/bin/sh", "-c", command]
        client, server = (self.chan.get_extra_info(n) for n in ("peername", "sockname"))
        self.env["SSH_CONNECTION"] = f"{client[0]} {client[1]} {server[0]} {server[1]}"
        return True


async def start_server(
    host_key: asyncssh.SSHKey, session: Callable[[], PtySession], **options: Any
) -> asyncssh.SSHAcceptor:
    class Server(asyncssh.SSHServer):
        def session_requested(self) -> PtySession:
            return session()

    return await asyncssh.create_server(
        Server,
        "127.0.0.1",
        0,
        server_host_keys=[host_key],
        line_editor=False,
        encoding=None,
        **options,
    )


@pytest.fixture
async def acceptors() -> AsyncIterator[list[asyncssh.SSHAcceptor]]:
    started: list[asyncssh.SSHAcceptor] = []
    yield started
    for acceptor in started:
        acceptor.close()
        await acceptor.wait_closed()


def authorize(account: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", "ssh", "authorize", account, *options],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


async def test_the_installed_line_starts_zhidu_for_the_keys_account(
    deployment: Deployment,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    acceptors: list[asyncssh.SSHAcceptor],
) -> None:
    authorized = tmp_path / "home" / ".ssh" / "authorized_keys"
    made = authorize("clerk", "--install", str(authorized), "--json")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["added"] == 1
    assert stat.S_IMODE(authorized.stat().st_mode) == 0o600
    again = authorize("clerk", "--install", str(authorized), "--json")
    assert json.loads(again.stdout)["added"] == 0  # idempotent
    (line,) = authorized.read_text().splitlines()
    assert line.startswith('command="') and ",restrict,pty ssh-ed25519 " in line
    # From here on, the database and the key file come from the line alone.
    monkeypatch.delenv("ZHIDU_DB")
    monkeypatch.delenv("ZHIDU_KEY_FILE")

    commands: list[str] = []
    acceptor = await start_server(
        asyncssh.generate_private_key("ssh-ed25519"),
        lambda: ForcedCommandSession(commands),
        authorized_client_keys=str(authorized),
    )
    acceptors.append(acceptor)
    # clerk asks to run tester's session: the line's command runs instead
    sneaky = f"ssh session --fingerprint {deployment.keys['tester'].fingerprint}"
    client, screen = openssh(acceptor.get_port(), deployment.keys["clerk"], sneaky)
    try:
        seen = bytearray()
        await read_terminal(screen, seen, "组织 gdpu".encode())
        await read_terminal(screen, seen, b"\x1b[30;1H")  # drawn down to the footer
        assert "组织 town".encode() not in seen  # clerk's organizations, not tester's
        os.write(screen, b"q")
        assert await asyncio.to_thread(client.wait, 20) == 0
    finally:
        client.kill()
        os.close(screen)
    assert len(commands) == 1 and sneaky not in commands[0]
    assert f"--fingerprint {deployment.keys['clerk'].fingerprint}" in commands[0]
    logins = [e for e in read_audit(deployment.ctx, action="session.login") if e.actor == "clerk"]
    # one log-in per session, with the key and the peer (the interface does not add its own)
    assert [e.after for e in logins] == [
        {"via": f"ssh {deployment.keys['clerk'].fingerprint} from 127.0.0.1"}
    ]

    # the stranger's key has no line: refused
    refused, screen = openssh(acceptor.get_port(), deployment.keys["stranger"])
    try:
        await read_terminal(screen, bytearray(), b"Permission denied (publickey)")
        assert await asyncio.to_thread(refused.wait, 20) == 255
    finally:
        refused.kill()
        os.close(screen)


async def test_a_removed_key_is_refused_at_its_line(
    deployment: Deployment, tmp_path: Path, acceptors: list[asyncssh.SSHAcceptor]
) -> None:
    from core.services.ssh_keys import remove_key

    authorized = tmp_path / "authorized_keys"
    assert authorize("clerk", "--install", str(authorized)).returncode == 0
    remove_key(deployment.ctx, deployment.keys["clerk"].fingerprint)  # the line stays
    acceptor = await start_server(
        asyncssh.generate_private_key("ssh-ed25519"),
        lambda: ForcedCommandSession([]),
        authorized_client_keys=str(authorized),
    )
    acceptors.append(acceptor)
    async with await connect(acceptor.get_port(), deployment.keys["clerk"]) as conn:
        process = await conn.create_process(term_type="xterm", encoding=None)
        seen = bytearray()
        await read_until(process.stdout, seen, b"no account for this key")
        await process.wait_closed()
        assert process.exit_status == 2
    (refused,) = read_audit(deployment.ctx, action="session.refused")
    assert refused.actor == f"ssh:{deployment.keys['clerk'].fingerprint}"
    assert refused.after["via"] == "zhidu ssh session"


STUBBORN = """
import os, signal, subprocess, sys, time
signal.signal(signal.SIGHUP, signal.SIG_IGN)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print("PIDS", os.getpid(), child.pid, flush=True)
time.sleep(60)
"""


async def test_the_whole_process_group_ends_with_the_connection(
    deployment: Deployment, acceptors: list[asyncssh.SSHAcceptor]
) -> None:
    """Even a session process that ignores SIGHUP, and the process it started."""
    acceptor = await start_server(
        asyncssh.generate_private_key("ssh-ed25519"),
        lambda: PtySession([sys.executable, "-c", STUBBORN], {}, 0),
        authorized_client_keys=asyncssh.import_authorized_keys(
            deployment.keys["clerk"].public + "\n"
        ),
    )
    acceptors.append(acceptor)
    conn = await connect(acceptor.get_port(), deployment.keys["clerk"])
    process = await conn.create_process(term_type="xterm", encoding=None)
    seen = bytearray()
    await read_until(process.stdout, seen, b"\r\n", timeout=20)
    leader, child = (int(p) for p in seen.split(b"PIDS ")[1].split()[:2])
    assert os.getpgid(child) == leader  # one process group
    conn.close()
    await conn.wait_closed()
    assert await asyncio.to_thread(gone, leader) and await asyncio.to_thread(gone, child)
