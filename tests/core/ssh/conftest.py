"""What the SSH tests share: a deployment with two organizations and two accounts with
keys, `zhidu serve --ssh` as a real process on a free loopback port, and terminals
read until the text looked for appears.

``tester`` (the conftest operator) sees every organization; ``clerk`` is a viewer of
``gdpu`` only, so seeing 组织 gdpu and not 组织 town proves whose session it is. The OS
user running the tests is the operator ``admin``, for the command-line calls.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import asyncssh
import attrs
import pytest

from core.migrate import migrate
from core.plugin_host import PluginHost
from core.services.accounts import add_account, grant_role
from core.services.context import Context
from core.services.ssh_keys import add_key
from tests.conftest import make_org

ROOT = Path(__file__).parents[3]
READ_TIMEOUT = 20.0  # seconds: a zhidu process starting under load is slow, never stuck


@attrs.frozen
class Key:
    private: asyncssh.SSHKey
    path: Path  # the private key file (0600), for OpenSSH's -i

    @property
    def public(self) -> str:
        return self.private.export_public_key().decode().strip()

    @property
    def fingerprint(self) -> str:
        return self.private.get_fingerprint("sha256")


def make_key(folder: Path, name: str) -> Key:
    key = asyncssh.generate_private_key("ssh-ed25519", comment=f"{name}@test")
    path = folder / f"id_{name}"
    key.write_private_key(path)
    path.chmod(0o600)
    return Key(key, path)


@attrs.frozen
class Deployment:
    ctx: Context
    db_url: str
    keys: dict[str, Key]  # tester, clerk (registered), stranger (not)


@pytest.fixture
def deployment(
    ctx: Context, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Deployment:
    monkeypatch.setenv("ZHIDU_DB", db_url)
    monkeypatch.setenv("ZHIDU_KEY_FILE", str(tmp_path / "zhidu.key"))
    migrate(ctx.database, PluginHost.discover().migrations())  # installed plugins' tables
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    add_account(ctx, "admin", os_user=getpass.getuser(), operator=True)  # runs the CLI
    add_account(ctx, "clerk")
    grant_role(ctx, "clerk", "gdpu", "viewer")
    folder = tmp_path / "ssh"
    folder.mkdir()
    keys = {name: make_key(folder, name) for name in ("tester", "clerk", "stranger")}
    add_key(ctx, "tester", keys["tester"].public)
    add_key(ctx, "clerk", keys["clerk"].public)
    return Deployment(ctx, db_url, keys)


class Server:
    """`python -m core serve --ssh` on a free loopback port; its log lines collected."""

    def __init__(self, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "core", "serve", "--ssh", "--port", "0", *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.lines: list[str] = []
        assert self.process.stderr is not None
        stderr = self.process.stderr
        threading.Thread(target=lambda: self.lines.extend(stderr), daemon=True).start()
        self.port = int(self.wait_for(r"listening on 127\.0\.0\.1:(\d+)").group(1))

    def wait_for(self, pattern: str, timeout: float = READ_TIMEOUT) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                found = re.search(pattern, line)
                if found:
                    return found
            if self.process.poll() is not None and not any(
                re.search(pattern, line) for line in self.lines
            ):
                time.sleep(0.2)  # the reader thread may still be catching up
                if not any(re.search(pattern, line) for line in self.lines):
                    raise AssertionError(f"the server stopped: {''.join(self.lines)}")
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in the server's log: {''.join(self.lines)}")

    def session_pid(self, account: str) -> int:
        return int(self.wait_for(rf"session pid=(\d+) account={account} started").group(1))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def serve(deployment: Deployment) -> Iterator[type[Server]]:
    """Start servers with ``serve(*options)``; each is stopped after the test."""
    started: list[Server] = []

    class Started(Server):
        def __init__(self, *options: str) -> None:
            super().__init__(*options)
            started.append(self)

    yield Started
    for server in started:
        server.stop()


async def connect(port: int, key: Key) -> asyncssh.SSHClientConnection:
    """A real SSH client (asyncssh), offering only ``key``, under a user name that is
    deliberately no account's: the key decides."""
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username="nobody-in-particular",
        client_keys=[key.private],
        known_hosts=None,
        agent_path=None,
        config=None,
        preferred_auth="publickey",
    )


async def read_until(
    stream: asyncssh.SSHReader[bytes], seen: bytearray, needle: bytes, timeout: float = READ_TIMEOUT
) -> None:
    """Read the raw terminal stream into ``seen`` until it holds ``needle``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while needle not in seen:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            raise AssertionError(f"{needle!r} not on the screen; got {bytes(seen[-2000:])!r}")
        try:
            chunk = await asyncio.wait_for(stream.read(65536), left)
        except TimeoutError:
            continue
        if not chunk:
            raise AssertionError(f"the session ended before {needle!r}: {bytes(seen[-2000:])!r}")
        seen += chunk


def alive(pid: int, *, group: bool = False) -> bool:
    """Whether process ``pid`` (or any process of the group ``pid``) exists, zombies
    included: a child its parent has not reaped is still there."""
    try:
        (os.killpg if group else os.kill)(pid, 0)
    except ProcessLookupError:
        return False
    return True


def gone(pid: int, timeout: float = 8.0) -> bool:
    """Whether process ``pid`` and its whole process group are gone within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid) and not alive(pid, group=True):
            return True
        time.sleep(0.05)
    return False


def openssh(
    port: int, key: Key, *command: str, columns: int = 100, rows: int = 30
) -> tuple[subprocess.Popen[bytes], int]:
    """The OpenSSH client (/usr/bin/ssh -tt) on a terminal of its own, as a person runs
    it; returns the process and the terminal's master side to read the screen from."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    argv = [
        "/usr/bin/ssh", "-tt", "-F", "/dev/null", "-p", str(port), "-i", str(key.path),
        "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR", "zhidu@127.0.0.1", *command,
    ]  # fmt: skip
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
    )
    os.close(slave)
    os.set_blocking(master, False)
    return process, master


async def read_terminal(
    master: int, seen: bytearray, needle: bytes, timeout: float = READ_TIMEOUT
) -> None:
    """Read a local terminal's master side into ``seen`` until it holds ``needle``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while needle not in seen:
        if loop.time() > deadline:
            raise AssertionError(f"{needle!r} not on the screen; got {bytes(seen[-2000:])!r}")
        try:
            chunk = os.read(master, 65536)
        except BlockingIOError:
            await asyncio.sleep(0.05)
            continue
        except OSError:  # EIO: the client is gone
            raise AssertionError(f"the client ended before {needle!r}: {bytes(seen)!r}") from None
        seen += chunk
