"""The authorized_keys line: its quoting survives both of its readers — the
``command="…"`` option (as OpenSSH and asyncssh unquote it) and the shell sshd runs the
command with — and installing it is idempotent and private."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import asyncssh
import pytest

from core.errors import Conflict, InvalidInput
from core.ssh.authorized_keys import authorized_keys_line, forced_command, install, session_argv

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBS+C3HciDS2Hxpfq9SOo773d8/HzwQaPpQ6Ub1vyHc+ me@host"
FP = "SHA256:TFVS7eLP9gqGQq+xzI1a9/uS2rmNl4viAgAq6EjOMiQ"

AWKWARD = [
    "sqlite:////srv/zhidu/zhidu.db",
    'sqlite:////srv/my data/zhidu\'s "main" db;$(id)`id`.db',
    "postgresql://zhidu:p@ss,word@db.example/zhidu",
    "sqlite:////srv/组织/数据.db",
]


def openssh_dequote(line: str) -> tuple[str, str]:
    """The ``command="…"`` option and the rest, unquoted as OpenSSH's auth-options.c
    (opt_dequote) does it: only ``\\"`` is an escape; every other byte is itself."""
    assert line.startswith('command="')
    i, out = len('command="'), []
    while line[i] != '"':
        if line[i] == "\\" and line[i + 1] == '"':
            i += 1
        out.append(line[i])
        i += 1
    return "".join(out), line[i + 1 :]


def asyncssh_command(line: str) -> str:
    """The command as asyncssh reads the line (its own options parser)."""
    entries = asyncssh.import_authorized_keys(line + "\n")
    options = entries.validate(asyncssh.import_public_key(KEY), "localhost", "127.0.0.1")
    assert options is not None and options["restrict"] is True and options["pty"] is True
    command = options["command"]
    assert isinstance(command, str)
    return command


def run_in_shell(command: str) -> list[str]:
    """What ``/bin/sh -c command`` hands the program as its arguments."""
    done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, check=True)
    arguments: list[str] = json.loads(done.stdout)
    return arguments


@pytest.mark.parametrize("url", AWKWARD)
def test_the_command_survives_both_readers_and_the_shell(url: str) -> None:
    argv = session_argv(sys.executable, url, FP, "/home/z/.config/zhidu/keys/a b.key")
    line = authorized_keys_line(forced_command(argv), KEY)
    command, rest = openssh_dequote(line)
    assert rest == f",restrict,pty {KEY}"
    assert asyncssh_command(line) == command
    # the shell gives the program exactly these arguments: swap the program for one
    # that prints its arguments, keep every argument as quoted in the line
    printer = [sys.executable, "-c", "import json, sys; print(json.dumps(sys.argv[1:]))"]
    probe = authorized_keys_line(forced_command([*printer, *argv[1:]]), KEY)
    assert run_in_shell(openssh_dequote(probe)[0]) == argv[1:]  # nothing expanded or run


def test_what_cannot_be_carried_is_refused() -> None:
    for bad in ("sqlite:///C:\\zhidu.db", "sqlite:////srv/a\nb.db", "sqlite:////srv/a\tb.db"):
        with pytest.raises(InvalidInput, match="backslash or control character"):
            forced_command(session_argv("/usr/bin/python3", bad, FP))


def test_install_is_private_idempotent_and_keeps_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / ".ssh" / "authorized_keys"
    line = authorized_keys_line(forced_command(session_argv("/py", "sqlite:////z.db", FP)), KEY)
    assert install(path, [(line, KEY)]) == [line]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert install(path, [(line, KEY)]) == []
    assert path.read_text() == line + "\n"

    other = tmp_path / "existing"
    other.write_text("ssh-rsa AAAAB3Nza… someone-else")  # no newline at the end
    install(other, [(line, KEY)])
    assert other.read_text().splitlines() == ["ssh-rsa AAAAB3Nza… someone-else", line]

    moved = authorized_keys_line(forced_command(session_argv("/py", "sqlite:////y.db", FP)), KEY)
    with pytest.raises(Conflict, match="already has a line for this key"):
        install(path, [(moved, KEY)])
    assert path.read_text() == line + "\n"
