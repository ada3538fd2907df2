"""The built-in SSH server (``zhidu serve --ssh``): the appliance mode.

Accounts log in with the public keys bound to them (``zhidu ssh add-key``); the SSH user
name is ignored, the key decides. Each session runs one ``zhidu ssh session`` process
on its own pseudo-terminal, in its own session and process group:

- bytes are pumped both ways, with flow control;
- window changes are set on the terminal (the process gets SIGWINCH);
- when the connection drops, the session idles out or the server stops, the process
  group is sent SIGHUP, then SIGKILL if it is still there two seconds later;
- sessions are limited in total and per account; refused log-ins are audited.

The host key (Ed25519) is made on first start and kept in the user data folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import signal
import struct
import sys
import termios
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import asyncssh
import attrs
import peewee as pw

from core.audit.log import AuditKeys
from core.errors import ConfigurationError, ZhiduError
from core.plugin_host import PluginHost
from core.services.context import Actor
from core.ssh.authorized_keys import session_argv

__all__ = ["Limits", "PtySession", "SSHService", "ZhiduSSHServer", "host_key", "serve"]

_TERM = re.compile(r"^[A-Za-z0-9._+-]{1,64}$")
# Put a client's terminal back when the server ends a session the app could not end
# itself: mouse and focus reporting, bracketed paste and the keyboard protocol off,
# line wrapping on, the cursor shown, the main screen back.
_RESTORE = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l"
    b"\x1b[<u\x1b[?7h\x1b[?25h\x1b[?1049l"
)
_KILL_GRACE = 2.0  # seconds between SIGHUP and SIGKILL


@attrs.frozen
class Limits:
    max_sessions: int = 32  # in total
    max_per_account: int = 4
    idle_timeout: float = 1800.0  # seconds without input; 0: never


def default_host_key_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("zhidu", appauthor=False)) / "ssh_host_ed25519_key"


def host_key(path: Path | None = None) -> asyncssh.SSHKey:
    """The server's host key: read from ``path``, or made there once (mode 0600)."""
    path = path or default_host_key_path()
    if not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519", comment="zhidu host key")
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another server made it just now: use theirs
            pass
        else:
            with os.fdopen(descriptor, "wb") as out:
                out.write(key.export_private_key())
            path.with_name(path.name + ".pub").write_bytes(key.export_public_key())
    if path.stat().st_mode & 0o077:
        raise ConfigurationError(f"host key {path}: readable by others; chmod 600 it")
    try:
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError) as error:
        raise ConfigurationError(f"host key {path}: {error}") from None


@attrs.define
class SSHService:
    """What every connection shares: the deployment, the limits and the live sessions."""

    db_url: str
    database: pw.Database
    host: PluginHost
    keys: AuditKeys
    limits: Limits = Limits()
    python: str = sys.executable
    log: Callable[[str], None] = lambda line: print(
        f"zhidu serve: {line}", file=sys.stderr, flush=True
    )
    sessions: dict[int, set[PtySession]] = attrs.field(factory=dict)  # by account id

    def account_for(self, fingerprint: str) -> Actor | None:
        from core.services.ssh_keys import actor_for_fingerprint

        try:
            return actor_for_fingerprint(fingerprint)
        except ConfigurationError:
            return None

    def refused(self, fingerprints: Sequence[str], peer: str) -> None:
        from core.services.ssh_keys import record_refused_key

        try:
            record_refused_key(
                self.database, self.host, self.keys, fingerprints, "zhidu serve --ssh", peer
            )
        except (ZhiduError, pw.PeeweeException) as error:
            self.log(f"could not audit the refusal: {error}")
        self.log(f"refused {peer}: keys offered: {', '.join(fingerprints) or 'none'}")

    def open_session(self, actor: Actor, fingerprint: str, connection: str) -> PtySession:
        """A session for ``actor``, within the limits (else the channel is refused)."""
        total = sum(len(s) for s in self.sessions.values())
        mine = self.sessions.setdefault(actor.id, set())
        if total >= self.limits.max_sessions:
            why = f"the server has its maximum of {self.limits.max_sessions} sessions"
        elif len(mine) >= self.limits.max_per_account:
            why = f"account {actor.name} has its maximum of {self.limits.max_per_account} sessions"
        else:
            session = PtySession(
                session_argv(self.python, self.db_url, fingerprint),
                {"SSH_CONNECTION": connection},
                self.limits.idle_timeout,
                on_close=lambda s: mine.discard(s),
                log=self.log,
                label=actor.name,
            )
            mine.add(session)
            return session
        self.log(f"session refused for {actor.name}: {why}")
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, why)

    def end_all(self, why: str) -> None:
        for sessions in self.sessions.values():
            for session in list(sessions):
                session.end(why)


class ZhiduSSHServer(asyncssh.SSHServer):
    """One connection: public-key authentication against the accounts' keys."""

    def __init__(self, service: SSHService) -> None:
        self.service = service
        self.peer: tuple[str, int] = ("?", 0)
        self.connection = ""  # SSH_CONNECTION: client address and port, server's
        self.attempted = False
        self.offered: list[str] = []  # fingerprints refused
        self.candidate: tuple[Actor, str] | None = None  # the last key accepted
        self.login: tuple[Actor, str] | None = None  # the key that authenticated

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        peer = conn.get_extra_info("peername") or ("?", 0)
        local = conn.get_extra_info("sockname") or ("?", 0)
        self.peer = (str(peer[0]), int(peer[1]))
        self.connection = f"{peer[0]} {peer[1]} {local[0]} {local[1]}"  # as sshd sets it

    def connection_lost(self, exc: Exception | None) -> None:
        if self.attempted and self.login is None:
            self.service.refused(self.offered, self.peer[0])

    def begin_auth(self, username: str) -> bool:
        self.attempted = True
        return True  # always authenticate; the user name is ignored

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        fingerprint = key.get_fingerprint("sha256")
        actor = self.service.account_for(fingerprint)
        if actor is None:
            if fingerprint not in self.offered:
                self.offered.append(fingerprint)
            return False
        # asyncssh calls this again for the signed request right before success, so
        # the last key accepted is the one that authenticated.
        self.candidate = (actor, fingerprint)
        return True

    def auth_completed(self) -> None:
        self.login = self.candidate
        if self.login:
            self.service.log(f"log-in {self.login[0].name} ({self.login[1]}) from {self.peer[0]}")

    def session_requested(self) -> PtySession:
        if self.login is None:  # not reachable: asyncssh opens channels after auth only
            raise asyncssh.ChannelOpenError(asyncssh.OPEN_CONNECT_FAILED, "not logged in")
        actor, fingerprint = self.login
        return self.service.open_session(actor, fingerprint, self.connection)


class PtySession(asyncssh.SSHServerSession[bytes]):
    """One session: ``argv`` on its own pseudo-terminal, for as long as the channel."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        idle_timeout: float,
        *,
        on_close: Callable[[PtySession], None] = lambda s: None,
        log: Callable[[str], None] = lambda line: None,
        label: str = "",
    ) -> None:
        self.argv = argv
        self.env = env
        self.idle_timeout = idle_timeout
        self.on_close = on_close
        self.log = log
        self.label = label
        self.chan: Any = None
        self.term: tuple[str, int, int] | None = None  # TERM, columns, rows
        self.client_env: dict[str, str] = {}
        self.master = -1
        self.process: asyncio.subprocess.Process | None = None
        self.pending = bytearray()  # input the terminal has not taken yet
        self.idle: asyncio.TimerHandle | None = None
        self.output_done = asyncio.Event()
        self.task: asyncio.Task[None] | None = None  # runs the process
        self.reaper: asyncio.Task[None] | None = None  # ends it
        self.ended = False

    # -- asyncssh callbacks ---------------------------------------------------------

    def connection_made(self, chan: Any) -> None:
        self.chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Any
    ) -> bool:
        term = term_type if _TERM.match(term_type) else "xterm-256color"
        self.term = (term, term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        return False  # zhidu is the only thing to run

    def session_started(self) -> None:
        if self.term is None:
            self.chan.write(b"zhidu needs a terminal: connect with ssh -t\r\n")
            self.chan.exit(1)
            return
        lang = self.chan.get_environment().get("ZHIDU_LANG")
        if lang in ("zh", "en"):
            self.client_env["ZHIDU_LANG"] = lang
        self.task = asyncio.get_running_loop().create_task(self._run())
        self.task.add_done_callback(self._ran)

    def data_received(self, data: bytes, datatype: Any) -> None:
        self._touch()
        self.pending += data
        self._flush()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        if self.master >= 0:
            _set_size(self.master, width, height, pixwidth, pixheight)

    def pause_writing(self) -> None:  # the client is slow: stop reading the terminal
        if self.master >= 0:
            asyncio.get_running_loop().remove_reader(self.master)

    def resume_writing(self) -> None:
        if self.master >= 0 and not self.output_done.is_set():
            asyncio.get_running_loop().add_reader(self.master, self._read)

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()

    # -- the process ------------------------------------------------------------------

    def _ran(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            self.log(f"session {self.label} failed: {task.exception()!r}")
            self.end("internal error")

    async def _run(self) -> None:
        assert self.term is not None
        term, columns, rows = self.term
        master, slave = os.openpty()
        _set_size(master, columns, rows)
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env.update({**self.env, **self.client_env, "TERM": term})
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                start_new_session=True,  # its own session and process group …
                preexec_fn=_take_terminal,  # … whose controlling terminal this is
            )
        except OSError as error:
            os.close(master)
            self.log(f"could not start a session for {self.label}: {error}")
            self.chan.write(f"zhidu: could not start: {error}\r\n".encode())
            self.chan.exit(1)
            return
        finally:
            os.close(slave)
        if self.ended:  # the connection dropped while the process was starting
            self.master = master
            self._stop()
            return
        self.master = master
        os.set_blocking(master, False)
        asyncio.get_running_loop().add_reader(master, self._read)
        self._touch()
        self.log(f"session pid={self.process.pid} account={self.label} started")
        status = await self.process.wait()
        with contextlib.suppress(TimeoutError):  # the last of its output, if any
            await asyncio.wait_for(self.output_done.wait(), 1.0)
        self.log(f"session pid={self.process.pid} account={self.label} exited ({status})")
        if not self.ended:
            self._stop()
            self.chan.exit(status if status >= 0 else 255)

    def _read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError:  # EIO: every process has let go of the terminal
            data = b""
        if data:
            self.chan.write(data)
        else:
            asyncio.get_running_loop().remove_reader(self.master)
            self.output_done.set()

    def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        if self.master < 0:
            return
        with contextlib.suppress(BlockingIOError):
            while self.pending:
                written = os.write(self.master, self.pending)
                del self.pending[:written]
        loop.remove_writer(self.master)
        if self.pending:  # the terminal is full: wait for it, and stop reading the client
            loop.add_writer(self.master, self._flush)
            self.chan.pause_reading()
        else:
            self.chan.resume_reading()

    def _touch(self) -> None:
        if self.idle is not None:
            self.idle.cancel()
        if self.idle_timeout > 0 and not self.ended:
            loop = asyncio.get_running_loop()
            self.idle = loop.call_later(self.idle_timeout, self._idle_out)

    def _idle_out(self) -> None:
        self.end(f"no input for {self.idle_timeout:g} s (空闲超时)")

    def end(self, why: str) -> None:
        """End the session from this side: stop the process, tell the client why."""
        if self.ended:
            return
        self.log(f"session account={self.label} ended: {why}")
        self._stop()
        self.chan.write(_RESTORE + f"\r\nzhidu: {why}\r\n".encode())
        self.chan.exit(1)

    def _stop(self) -> None:
        """Idempotent: stop pumping, hang the process group up, free the terminal."""
        if self.idle is not None:
            self.idle.cancel()
        if not self.ended:
            self.ended = True
            self.on_close(self)
        if self.master < 0:
            return
        master, self.master = self.master, -1
        loop = asyncio.get_running_loop()
        loop.remove_reader(master)
        loop.remove_writer(master)
        if self.process is None or self.process.returncode is not None:
            # Not started, or exited: when a session leader exits, the kernel hangs up
            # the rest of its session, and its id is no longer ours to signal.
            os.close(master)
            return
        # Hang the group up (SIGHUP), then SIGKILL whatever is left of it.
        _signal_group(self.process.pid, signal.SIGHUP)
        self.reaper = loop.create_task(_kill_later(self.process, master))


async def _kill_later(process: asyncio.subprocess.Process, master: int) -> None:
    try:
        await asyncio.wait_for(process.wait(), _KILL_GRACE)
    except TimeoutError:
        _signal_group(process.pid, signal.SIGKILL)
        await process.wait()
    # Anything left in its group (ignoring SIGHUP): the group's id stays taken while
    # the group has members, so this reaches them and nothing else.
    _signal_group(process.pid, signal.SIGKILL)
    os.close(master)


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


def _take_terminal() -> None:  # runs in the child, after setsid
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _set_size(fd: int, columns: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
    size = struct.pack("HHHH", rows, columns, xpixels, ypixels)
    with contextlib.suppress(OSError):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, size)


async def serve(
    service: SSHService,
    host: str,
    port: int,
    key: asyncssh.SSHKey,
    on_ready: Callable[[int], None] = lambda port: None,
) -> None:
    """Listen until SIGTERM or SIGINT, then end every session and stop."""
    acceptor = await asyncssh.create_server(
        lambda: ZhiduSSHServer(service),
        host,
        port,
        server_host_keys=[key],
        public_key_auth=True,
        password_auth=False,
        kbdint_auth=False,
        host_based_auth=False,
        gss_auth=False,
        gss_kex=False,
        agent_forwarding=False,
        x11_forwarding=False,
        allow_scp=False,
        line_editor=False,
        encoding=None,
        login_timeout=30,
        keepalive_interval=30,  # a connection that silently died is noticed …
        keepalive_count_max=3,  # … within a minute and a half, and its session ended
        rdns_lookup=False,
    )
    on_ready(acceptor.get_port())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        service.log("stopping")
        service.end_all("the server is stopping")
        await asyncio.sleep(0.1)  # let the goodbyes go out
        acceptor.close()
        await acceptor.wait_closed()
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        if pending:  # the sessions' SIGHUP-then-SIGKILL
            await asyncio.wait(pending, timeout=_KILL_GRACE + 1)
