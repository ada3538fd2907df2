"""SSH keys bound to accounts (core.services.ssh_keys), the host key, and the
command line that manages them."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import asyncssh
import pytest

from core import models
from core.errors import ConfigurationError, Conflict, InvalidInput, NotFound, PermissionDenied
from core.services.accounts import add_account
from core.services.context import Context
from core.services.ssh_keys import (
    actor_for_fingerprint,
    add_key,
    list_keys,
    parse_public_key,
    remove_key,
)
from core.ssh.server import host_key
from tests.conftest import audit_entries
from tests.core.ssh.conftest import ROOT, Deployment, make_key


def as_account(ctx: Context, name: str) -> Context:
    from core.services.context import Actor

    row = models.Account.get(models.Account.name == name)
    return Context(
        ctx.database, Actor(row.id, row.name, row.is_operator), ctx.host, ctx.today, ctx.keys
    )


def test_a_key_is_bound_with_the_fingerprint_ssh_keygen_prints(
    ctx: Context, tmp_path: Path
) -> None:
    key = make_key(tmp_path, "someone")
    add_account(ctx, "clerk")
    added = add_key(ctx, "clerk", key.public)
    pub = tmp_path / "someone.pub"
    pub.write_text(key.public + "\n")
    keygen = subprocess.run(
        ["ssh-keygen", "-l", "-E", "sha256", "-f", str(pub)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert keygen.stdout.split()[1] == added.fingerprint == key.fingerprint
    assert (added.account, added.algorithm, added.comment) == (
        "clerk",
        "ssh-ed25519",
        "someone@test",
    )
    assert actor_for_fingerprint(key.fingerprint).name == "clerk"
    (entry,) = audit_entries(ctx, "account.key_add")
    assert entry.actor == "tester" and entry.after["fingerprint"] == key.fingerprint


def test_bad_keys_are_one_clear_line(ctx: Context, tmp_path: Path) -> None:
    add_account(ctx, "clerk")
    with pytest.raises(InvalidInput, match="not an SSH public key"):
        add_key(ctx, "clerk", "ssh-ed25519 AAAAnotbase64!!! me@host")
    with pytest.raises(InvalidInput, match="empty"):
        add_key(ctx, "clerk", "  \n")
    private = asyncssh.generate_private_key("ssh-ed25519").export_private_key().decode()
    with pytest.raises(InvalidInput, match=r"this is a private key: give the \.pub file"):
        add_key(ctx, "clerk", private)
    with pytest.raises(NotFound, match="account 'nobody' not found"):
        add_key(ctx, "nobody", make_key(tmp_path, "x").public)
    assert models.AccountKey.select().count() == 0


def test_a_key_belongs_to_one_account(ctx: Context, tmp_path: Path) -> None:
    key = make_key(tmp_path, "shared")
    add_account(ctx, "clerk")
    add_account(ctx, "other")
    add_key(ctx, "clerk", key.public)
    with pytest.raises(Conflict, match="already registered to account 'clerk'"):
        add_key(ctx, "other", key.public.rsplit(" ", 1)[0] + " another-comment")
    with pytest.raises(Conflict):
        add_key(ctx, "clerk", key.public)


def test_only_operators_manage_keys_and_others_see_their_own(ctx: Context, tmp_path: Path) -> None:
    add_account(ctx, "clerk")
    add_account(ctx, "other")
    mine, theirs = make_key(tmp_path, "mine"), make_key(tmp_path, "theirs")
    add_key(ctx, "clerk", mine.public)
    add_key(ctx, "other", theirs.public)
    clerk = as_account(ctx, "clerk")
    with pytest.raises(PermissionDenied, match="may not manage accounts"):
        add_key(clerk, "clerk", make_key(tmp_path, "more").public)
    with pytest.raises(PermissionDenied):
        remove_key(clerk, mine.fingerprint)
    with pytest.raises(PermissionDenied):
        list_keys(clerk, "other")
    assert [k.fingerprint for k in list_keys(clerk)] == [mine.fingerprint]
    assert [k.fingerprint for k in list_keys(clerk, "clerk")] == [mine.fingerprint]
    assert {k.account for k in list_keys(ctx)} == {"clerk", "other"}


def test_a_removed_key_names_no_account(ctx: Context, tmp_path: Path) -> None:
    key = make_key(tmp_path, "gone")
    add_account(ctx, "clerk")
    add_key(ctx, "clerk", key.public)
    removed = remove_key(ctx, key.fingerprint)
    assert removed.account == "clerk"
    with pytest.raises(ConfigurationError, match="no account for this key"):
        actor_for_fingerprint(key.fingerprint)
    with pytest.raises(ConfigurationError, match="no account for this key"):
        actor_for_fingerprint("not a fingerprint")
    with pytest.raises(NotFound):
        remove_key(ctx, key.fingerprint)
    (entry,) = audit_entries(ctx, "account.key_remove")
    assert entry.before["fingerprint"] == key.fingerprint


def test_an_accounts_keys_go_with_it(ctx: Context, tmp_path: Path) -> None:
    add_account(ctx, "clerk")
    add_key(ctx, "clerk", make_key(tmp_path, "k").public)
    models.Account.delete().where(models.Account.name == "clerk").execute()
    assert models.AccountKey.select().count() == 0  # ON DELETE CASCADE


def test_parse_accepts_rfc4716_and_keeps_one_line(tmp_path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519", comment="c")
    rfc4716 = key.export_public_key("rfc4716").decode()
    parsed = parse_public_key(rfc4716)
    assert parsed.line.startswith("ssh-ed25519 AAAA") and "\n" not in parsed.line
    assert parsed.fingerprint == key.get_fingerprint("sha256")


def test_the_host_key_is_made_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "data" / "ssh_host_ed25519_key"
    first = host_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.get_algorithm() == "ssh-ed25519"
    assert host_key(path).get_fingerprint() == first.get_fingerprint()  # reused
    path.chmod(0o644)
    with pytest.raises(ConfigurationError, match="readable by others"):
        host_key(path)


def zhidu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core", *args], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_the_command_line(deployment: Deployment, tmp_path: Path) -> None:
    key = make_key(tmp_path, "cli")
    pub = tmp_path / "cli.pub"
    pub.write_text(key.public + "\n")
    add_account(deployment.ctx, "typist")
    added = zhidu("ssh", "add-key", "typist", str(pub), "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["fingerprint"] == key.fingerprint
    again = zhidu("ssh", "add-key", "typist", key.public)  # the text itself
    assert again.returncode == 2 and again.stderr.startswith("error: public_key = ")
    listed = json.loads(zhidu("ssh", "keys", "typist", "--json").stdout)
    assert [k["fingerprint"] for k in listed] == [key.fingerprint]
    line = json.loads(zhidu("ssh", "authorize", "typist", "--json").stdout)["lines"][0]["line"]
    assert line.endswith(f",restrict,pty {key.public}")
    assert f"--fingerprint {key.fingerprint}" in line
    none = zhidu("ssh", "authorize", "clerk-less")
    assert none.returncode == 2 and "not found" in none.stderr
    removed = zhidu("ssh", "remove-key", key.fingerprint, "--json")
    assert json.loads(removed.stdout)["account"] == "typist"
    session = zhidu("ssh", "session", "--fingerprint", key.fingerprint)
    assert session.returncode == 2
    assert session.stderr.startswith("error: no account for this key")


def test_a_session_never_prompts_for_the_passphrase(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.shell import require_unattended_keys

    require_unattended_keys()  # a key file: nothing to ask
    models.AuditLog.update(kek_kind="passphrase").execute()
    with pytest.raises(ConfigurationError, match="set ZHIDU_PASSPHRASE in the environment"):
        require_unattended_keys()
    monkeypatch.setenv("ZHIDU_PASSPHRASE", "from the service's environment")
    require_unattended_keys()
