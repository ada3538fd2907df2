"""``authorized_keys`` lines that make OpenSSH start zhidu for the key's account.

Each line forces one command — ``python -m core --db URL ssh session --fingerprint FP``
— for one key, with ``restrict,pty``: no forwarding of any kind, no ``~/.ssh/rc``, only
a terminal. The fingerprint in the line is written by the operator, so the account is
the key's, whatever the client asks to run (``SSH_ORIGINAL_COMMAND`` is ignored).

Quoting has two layers: the arguments are quoted for the shell sshd runs the command
with, then ``"`` is escaped for the ``command="…"`` option. A backslash or a control
character cannot be carried the same way by every parser of the format, so a command
containing one is refused.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from pathlib import Path

from core.errors import Conflict, InvalidInput

__all__ = ["OPTIONS", "authorized_keys_line", "forced_command", "install", "session_argv"]

OPTIONS = "restrict,pty"


def session_argv(
    python: str, db_url: str, fingerprint: str, key_file: str | None = None
) -> list[str]:
    """The command line of one SSH session of zhidu for the key ``fingerprint``."""
    argv = [python, "-m", "core", "--db", db_url, "ssh", "session", "--fingerprint", fingerprint]
    if key_file:
        argv += ["--key-file", key_file]
    return argv


def forced_command(argv: Sequence[str]) -> str:
    """``argv`` as one shell command line, each argument quoted."""
    command = shlex.join(argv)
    bad = sorted({c for c in command if c == "\\" or ord(c) < 32 or ord(c) == 127})
    if bad:
        raise InvalidInput(
            "command",
            command,
            "contains a backslash or control character, which an authorized_keys line "
            "cannot carry safely: move the database or the key file to a plainer path",
        )
    return command


def authorized_keys_line(command: str, public_key: str) -> str:
    """``command="…",restrict,pty <public key>``."""
    escaped = command.replace('"', '\\"')
    return f'command="{escaped}",{OPTIONS} {public_key.strip()}'


def _key_blob(public_key: str) -> str:
    parts = public_key.split()
    return parts[1] if len(parts) > 1 else public_key


def install(path: Path, lines: Sequence[tuple[str, str]]) -> list[str]:
    """Append each ``(line, public key)`` to the authorized_keys file ``path`` unless it
    is there already; create the file with mode 0600 (and its folder 0700) if missing.

    Refuses a key the file already has with other options rather than leave two lines
    for one key (sshd would use the first). Returns the lines added.
    """
    existing = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    present = {line.strip() for line in existing}
    added: list[str] = []
    for line, public_key in lines:
        if line in present:
            continue
        blob = _key_blob(public_key)
        if any(blob in other.split() for other in present):
            raise Conflict(
                "public_key",
                public_key[:40] + "…",
                f"{path} already has a line for this key with other options: "
                "remove it first, then install again",
            )
        added.append(line)
        present.add(line)
    if not added:
        return []
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        if existing and path.stat().st_size and not _ends_with_newline(path):
            out.write("\n")
        out.write("".join(f"{line}\n" for line in added))
    return added


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
