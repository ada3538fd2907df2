"""The attack suite: every way of tampering with the stored log is detected and
reported precisely — naming the first bad entry and what is wrong with it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import peewee as pw
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import keys as k
from core import models
from core.audit import merkle
from core.audit.checkpoint import Checkpoint
from core.audit.entry import Header
from core.audit.keystore import DeploymentKeys, kek_from_environment, set_up_keys
from core.audit.log import as_utc, checkpoint, log_row, log_size
from core.audit.verify import Report, verify
from core.errors import ConfigurationError
from core.services.calendar import set_day
from core.services.context import Context
from core.services.people import add_person
from tests.conftest import make_org


@pytest.fixture(autouse=True, params=[3, 4096], ids=["pages of 3", "pages of 4096"])
def _page_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every attack is caught whether verification reads the log in pages smaller than
    the checkpoints' spacing (8), so that a checkpoint falls between pages or inside
    one, or in one page of it all."""
    from core.audit import verify as verification

    monkeypatch.setattr(verification, "_PAGE", request.param)


@pytest.fixture
def busy(ctx: Context) -> Context:
    """Two organizations and some forty audited changes (checkpoints every 8)."""
    make_org(ctx, "gdpu")
    make_org(ctx, "town", "government")
    for n in range(12):
        add_person(ctx, "gdpu", name=f"甲{n}", gender="男", birth_date="1980-01-01")
        add_person(ctx, "town", name=f"乙{n}", gender="女", birth_date="1981-01-01")
    for n in range(10):
        set_day(ctx, "town", f"2027-01-{n + 1:02d}", n % 2 == 0, "2027年安排")
    return ctx


def entry(seq: int) -> models.AuditEntry:
    return models.AuditEntry.get_by_id(seq)


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def update(seq: int, **fields: object) -> None:
    models.AuditEntry.update(**fields).where(models.AuditEntry.seq == seq).execute()


def rehash_everything() -> None:
    """What an attacker with write access does to hide a change: recompute every leaf
    hash and the stored frontier (but cannot re-sign without the signing key)."""
    frontier = merkle.Frontier.empty()
    for row in models.AuditEntry.select().order_by(models.AuditEntry.seq):
        leaf = merkle.leaf_hash(bytes(row.header) + bytes(row.ciphertext))
        update(row.seq, leaf_hash=leaf)
        frontier = frontier.append(leaf)
    models.AuditLog.update(size=frontier.size, frontier=frontier.to_bytes()).execute()


def first(report: Report) -> tuple[int | None, str]:
    assert not report.ok
    assert report.first is not None
    return report.first.seq, report.first.kind


def export(ctx: Context, tmp_path: Path) -> Checkpoint:
    assert ctx.keys is not None
    made = checkpoint(ctx.database, ctx.keys)
    (tmp_path / "cp.txt").write_text(made.to_text(), encoding="utf-8")
    return Checkpoint.from_text((tmp_path / "cp.txt").read_text(encoding="utf-8"))


def test_an_untouched_log_verifies(busy: Context) -> None:
    report = verify()
    assert report.ok and report.size == log_size() > 30
    assert report.checkpoints_checked == report.size // 8


def test_a_flipped_ciphertext_byte_names_its_entry(busy: Context) -> None:
    update(13, ciphertext=flip(bytes(entry(13).ciphertext), 5))
    assert first(verify()) == (13, "hash")
    assert "ciphertext" in str(verify().first)


def test_a_flipped_header_byte_names_its_entry(busy: Context) -> None:
    update(21, header=flip(bytes(entry(21).header), 30))  # inside the time field
    assert first(verify()) == (21, "index")
    assert {p.kind for p in verify().problems if p.seq == 21} >= {"hash"}


def test_a_flipped_stored_hash_names_its_entry(busy: Context) -> None:
    update(7, leaf_hash=flip(bytes(entry(7).leaf_hash), 0))
    assert first(verify()) == (7, "hash")


def test_a_changed_organization_column_is_named(busy: Context) -> None:
    # The plaintext columns that reading filters on must agree with the signed header:
    # otherwise moving an entry's org_id would hide it from its organization's readers.
    update(9, org_id=entry(9).org_id + 1)
    assert first(verify()) == (9, "index")


def test_a_changed_time_column_is_named(busy: Context) -> None:
    moved = as_utc(entry(15).at).replace(tzinfo=None) - dt.timedelta(days=400)
    update(15, at=moved)
    assert first(verify()) == (15, "index")


def test_a_deleted_middle_entry_is_a_gap(busy: Context) -> None:
    models.AuditEntry.delete().where(models.AuditEntry.seq == 17).execute()
    assert first(verify()) == (17, "gap")
    assert "missing: the sequence jumps from 16 to 18" in str(verify().first)


def test_two_swapped_entries_are_moved(busy: Context) -> None:
    a, b = entry(10), entry(11)
    update(10, header=bytes(b.header), ciphertext=bytes(b.ciphertext), leaf_hash=bytes(b.leaf_hash))
    update(11, header=bytes(a.header), ciphertext=bytes(a.ciphertext), leaf_hash=bytes(a.leaf_hash))
    assert first(verify()) == (10, "moved")
    assert "carries sequence 11" in str(verify().first)


def test_rehashing_after_a_change_is_caught_by_the_signed_checkpoints(busy: Context) -> None:
    update(3, ciphertext=flip(bytes(entry(3).ciphertext), 0))
    rehash_everything()
    report = verify()
    assert first(report) == (None, "root")
    assert "entries up to 8 do not have the root of the signed checkpoint at size 8" in str(
        report.first
    )


def test_a_truncated_tail_is_caught_against_an_exported_checkpoint(
    busy: Context, tmp_path: Path
) -> None:
    kept = export(busy, tmp_path)
    size = log_size()
    models.AuditEntry.delete().where(models.AuditEntry.seq >= size - 3).execute()
    models.AuditCheckpoint.delete().where(models.AuditCheckpoint.size > size - 3).execute()
    rehash_everything()  # the attacker tidies the frontier and size too
    assert verify().ok  # nothing inside the database betrays it …
    report = verify(kept)  # … the checkpoint kept elsewhere does
    assert first(report) == (None, "truncated")
    assert f"the log holds {size - 3} entries but the exported checkpoint at size {size}" in str(
        report.first
    )


def test_a_rewrite_re_signed_with_another_key_is_caught(busy: Context, tmp_path: Path) -> None:
    kept = export(busy, tmp_path)
    update(5, ciphertext=flip(bytes(entry(5).ciphertext), 2))
    rehash_everything()
    forged_private, forged_public = k.new_signing_key()
    forger = Ed25519PrivateKey.from_private_bytes(forged_private)
    log = log_row()
    models.AuditLog.update(public_key=forged_public).execute()
    leaves = [
        bytes(r.leaf_hash) for r in models.AuditEntry.select().order_by(models.AuditEntry.seq)
    ]
    for row in models.AuditCheckpoint.select():
        signed = Checkpoint.sign(
            log.origin, row.size, merkle.root(leaves[: row.size]), as_utc(row.at), forger
        )
        models.AuditCheckpoint.update(root=signed.root, signature=signed.signature).where(
            models.AuditCheckpoint.id == row.id
        ).execute()
    assert verify().ok  # a perfect forgery from inside …
    report = verify(kept)  # … but not against what was kept elsewhere
    kinds = [p.kind for p in report.problems]
    assert kinds[0] == "checkpoint-key" and "root" in kinds


def test_an_entry_copied_from_another_organization_does_not_decrypt(busy: Context) -> None:
    # Take a gdpu entry and pass it off as town's entry 30: new header, same ciphertext.
    donor = next(
        r
        for r in models.AuditEntry.select().order_by(models.AuditEntry.seq)
        if r.org_id != entry(30).org_id and r.org_id != 0
    )
    target = Header.unpack(bytes(entry(30).header))
    donor_header = Header.unpack(bytes(donor.header))
    forged = Header(
        target.log_id, 30, target.at, target.org_id, target.key_version, donor_header.nonce
    ).pack()
    update(30, header=forged, ciphertext=bytes(donor.ciphertext))
    rehash_everything()
    assert first(verify()) == (None, "root")  # without keys: the checkpoints catch it
    with_keys = verify(keys=busy.keys)
    assert (30, "decrypt") in [(p.seq, p.kind) for p in with_keys.problems]


def test_an_entry_copied_from_another_log_is_named(
    busy: Context, tmp_path: Path, database: pw.Database
) -> None:
    stranger = Header.unpack(bytes(entry(4).header))
    other_log = Header(
        b"\x42" * 16, 4, stranger.at, stranger.org_id, stranger.key_version, stranger.nonce
    ).pack()
    update(4, header=other_log)
    report = verify()
    assert first(report) == (4, "log")
    assert "belongs to another log (42424242" in str(report.first)


def test_a_tampered_stored_checkpoint_is_named(busy: Context) -> None:
    row = models.AuditCheckpoint.select().order_by(models.AuditCheckpoint.size).first()
    models.AuditCheckpoint.update(signature=flip(bytes(row.signature), 3)).where(
        models.AuditCheckpoint.id == row.id
    ).execute()
    report = verify()
    assert first(report) == (None, "checkpoint-signature")
    assert "the checkpoint at size 8 is not signed by this log's key" in str(report.first)


def test_every_checkpoint_signature_is_checked_and_named_before_the_roots(busy: Context) -> None:
    # The signatures are checked on a thread of their own while the entries are hashed:
    # their problems still come first, and none is missed.
    rows = list(models.AuditCheckpoint.select().order_by(models.AuditCheckpoint.size))
    assert len(rows) >= 2
    last = rows[-1]
    models.AuditCheckpoint.update(root=flip(bytes(last.root), 0)).where(
        models.AuditCheckpoint.id == last.id
    ).execute()
    for row in rows:
        models.AuditCheckpoint.update(signature=flip(bytes(row.signature), 5)).where(
            models.AuditCheckpoint.id == row.id
        ).execute()
    kinds = [p.kind for p in verify().problems]
    assert kinds == ["checkpoint-signature"] * len(rows) + ["root"]


def test_a_tampered_exported_checkpoint_is_refused(busy: Context, tmp_path: Path) -> None:
    text = export(busy, tmp_path).to_text().splitlines()
    text[1] = str(int(text[1]) - 1)  # claim a smaller size
    report = verify(Checkpoint.from_text("\n".join(text) + "\n"))
    assert "checkpoint-signature" in [p.kind for p in report.problems]


def test_removing_keys_makes_entries_unreadable_but_the_log_verifies(busy: Context) -> None:
    from core.services.audit_trail import read_audit, remove_keys

    remove_keys(busy, "town")
    town = [r for r in read_audit(busy) if r.org == "town"]
    assert town and all(r.problem and r.action == "" for r in town)
    assert "were removed or never made" in town[0].problem
    assert verify().ok
    assert verify(keys=busy.keys).ok  # unreadable is not tampered


def test_rotation_keeps_history_readable(busy: Context) -> None:
    from core.services.audit_trail import read_audit, rotate_key

    assert rotate_key(busy, "gdpu") == 2
    add_person(busy, "gdpu", name="新人", gender="男", birth_date="1990-01-01")
    gdpu = [r for r in read_audit(busy, org_code="gdpu")]
    assert all(not r.problem for r in gdpu)
    versions = {
        Header.unpack(bytes(e.header)).key_version
        for e in models.AuditEntry.select().where(
            models.AuditEntry.org_id == models.Organization.get(code="gdpu").id
        )
    }
    assert versions == {1, 2}


def test_a_wrong_passphrase_is_one_clear_error(
    database: pw.Database, host: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.migrate import migrate

    migrate(database, host.migrations())  # type: ignore[attr-defined]
    with database.atomic():
        set_up_keys(passphrase="正确的口令", kdf=k.KdfParams(iterations=1, lanes=1, memory_cost=8))
    monkeypatch.setenv("ZHIDU_PASSPHRASE", "错误的口令")
    with pytest.raises(ConfigurationError, match=r"^wrong passphrase or key file"):
        kek_from_environment(log_row())
    monkeypatch.setenv("ZHIDU_PASSPHRASE", "正确的口令")
    keys = DeploymentKeys(lambda: kek_from_environment(log_row()))
    assert keys.signing_key() is not None


def test_a_missing_key_file_is_one_clear_error(busy: Context, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="key file"):
        kek_from_environment(log_row(), tmp_path / "nowhere.key")


FIELDS = ("header", "ciphertext", "leaf_hash")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_changing_any_byte_of_the_stored_log_fails_verification(
    busy: Context, data: st.DataObject
) -> None:
    size = log_size()
    seq = data.draw(st.integers(0, size - 1), label="seq")
    field = data.draw(st.sampled_from(FIELDS), label="field")
    original = bytes(getattr(entry(seq), field))
    at = data.draw(st.integers(0, len(original) - 1), label="byte")
    mask = data.draw(st.integers(1, 255), label="xor")
    changed = original[:at] + bytes([original[at] ^ mask]) + original[at + 1 :]
    update(seq, **{field: changed})
    try:
        for report in (verify(), verify(keys=busy.keys)):
            assert not report.ok
            assert report.first is not None and report.first.seq == seq
    finally:
        update(seq, **{field: original})
    assert verify().ok


def test_the_inclusion_proof_checks_with_the_standalone_script(
    busy: Context, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from core.services.audit_trail import prove

    proof = prove(busy, 9)
    path = tmp_path / "proof.json"
    path.write_text(json.dumps(proof), encoding="utf-8")
    script = Path(__file__).parents[3] / "docs" / "verify_inclusion.py"
    good = subprocess.run(
        [sys.executable, "-I", str(script), str(path)], capture_output=True, text=True
    )
    assert good.returncode == 0 and "OK" in good.stdout
    proof["index"] = 8
    path.write_text(json.dumps(proof), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-I", str(script), str(path)], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "FAILED" in bad.stdout


def test_a_time_field_damaged_out_of_range_is_reported_not_a_crash(busy: Context) -> None:
    header = bytearray(entry(2).header)
    header[25] ^= 0x7F  # the high byte of the time field: billions of years away
    update(2, header=bytes(header))
    report = verify()
    assert first(report) == (2, "header")
    assert "out of range" in str(report.first)


def test_an_untouched_log_takes_the_quick_path_for_every_entry(
    busy: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an entry that fails a quick check is examined at length (a million-entry
    log takes seconds only so) — on PostgreSQL too, whose driver gives memoryviews."""
    from core.audit import verify as verification

    examined: list[int] = []
    at_length = verification._check_entry

    def counted(seq: int, *args: object) -> list[object]:
        examined.append(seq)
        return at_length(seq, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(verification, "_check_entry", counted)
    assert verify().ok and examined == []
    update(5, leaf_hash=flip(bytes(entry(5).leaf_hash), 0))
    assert not verify().ok and examined == [5]
