"""Backups and restores of a real profile: a copy taken while the profile is open and being
written, restored elsewhere and checked whole; every damaged, foreign or newer backup is
refused before the profile is touched; what the keyring lacks after a restore is named."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app import backup as bk
from app.errors import ProfileInUseError
from app.factors import FactorRegistry
from app.oplog import verify_chain
from app.paths import database_path
from app.profile import Profile, open_profile
from app.profile_restore import restore_profile
from app.secrets import SecretStore
from app.transactions import verify_txn_chain
from tests.conftest import MemoryKeyring


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("txn", "oplog", "terminals", "scenario_policy")}


def _log(profile: Profile):  # type: ignore[no-untyped-def]
    return lambda op, details: profile.oplog.append(op, target_type="profile",
                                                    details=details)


def test_backup_while_open_then_restore_elsewhere(demo_dir: Path, tmp_path: Path) -> None:
    live = open_profile(demo_dir)           # the window has it open
    try:
        result = bk.create_backup(demo_dir, tmp_path / "out" / "shop", log=_log(live))
        live.oplog.append("SETTINGS_CHANGED", details={"after": "the backup"})
    finally:
        live.close()
    assert result.path.name == "shop.posdesk-backup"
    assert [p.name for p in result.path.parent.iterdir()] == ["shop.posdesk-backup"]
    manifest = bk.read_manifest(result.path)
    assert manifest.row_counts["txn"] > 1000 and manifest.schema_version >= 9

    target = tmp_path / "new-machine"
    report = restore_profile(target, result.path, SecretStore())
    assert report.kept_aside is None and report.manifest == manifest
    restored = _counts(database_path(target))
    assert restored["txn"] == manifest.row_counts["txn"]
    # the backup's log, then LOGIN, the restore itself and LOGOUT
    assert restored["oplog"] == manifest.row_counts["oplog"] + 3
    db = open_profile(target)
    try:
        assert verify_chain(db.db).ok and verify_txn_chain(db.db)[0]
        kinds = [row[0] for row in db.db.execute(
            "SELECT op_type FROM oplog ORDER BY id DESC LIMIT 4")]
        assert kinds == ["LOGIN", "LOGOUT", "BACKUP_RESTORED", "LOGIN"]
    finally:
        db.close()


def test_restore_keeps_the_replaced_database_aside(demo_dir: Path, profile: Profile,
                                                   tmp_path: Path) -> None:
    made = bk.create_backup(demo_dir, tmp_path / "b", log=None).path
    own = profile.data_dir
    profile.oplog.append("SETTINGS_CHANGED", details={"mine": True})
    before = _counts(database_path(own))
    with pytest.raises(ProfileInUseError):
        restore_profile(own, made, SecretStore())     # the profile is open
    profile.close()
    report = restore_profile(own, made, SecretStore())
    assert report.kept_aside is not None and report.kept_aside.exists()
    assert _counts(report.kept_aside)["oplog"] == before["oplog"] + 1   # its LOGOUT
    assert _counts(database_path(own))["txn"] == report.manifest.row_counts["txn"]


def _rewrite(backup: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of `backup` whose members went through `change(name, data) -> data`."""
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            dst.writestr(item.filename, change(item.filename, src.read(item.filename)))
    return target


def _refused(profile_dir: Path, backup: Path, match: str) -> None:
    before = database_path(profile_dir).read_bytes() if database_path(profile_dir).exists() \
        else None
    with pytest.raises(bk.BackupError, match=match):
        restore_profile(profile_dir, backup, SecretStore())
    after = database_path(profile_dir).read_bytes() if database_path(profile_dir).exists() \
        else None
    assert after == before
    assert not list(profile_dir.glob(".restore-*")) if profile_dir.exists() else True


def test_damaged_foreign_and_newer_backups_are_refused_untouched(demo_dir: Path,
                                                                  tmp_path: Path) -> None:
    made = bk.create_backup(demo_dir, tmp_path / "b").path
    target = tmp_path / "target"
    restore_profile(target, made, SecretStore())        # something to protect

    def flip(name: str, data: bytes) -> bytes:
        if name != bk.DATABASE:
            return data
        return data[:50_000] + bytes([data[50_000] ^ 0xFF]) + data[50_001:]
    _refused(target, _rewrite(made, tmp_path / "flipped.zip", flip), "does not match the hash")

    (tmp_path / "notes.txt").write_text("not a backup", encoding="utf-8")
    _refused(target, tmp_path / "notes.txt", "not a PosDesk backup")
    half = tmp_path / "half.posdesk-backup"
    half.write_bytes(made.read_bytes()[: made.stat().st_size // 2])
    _refused(target, half, "not a PosDesk backup")

    def newer(name: str, data: bytes) -> bytes:
        return data.replace(b'"schema_version": ', b'"schema_version": 9') \
            if name == bk.MANIFEST else data
    _refused(target, _rewrite(made, tmp_path / "newer.zip", newer), "newer PosDesk")


def test_a_backup_whose_log_was_edited_is_refused(demo_dir: Path, tmp_path: Path) -> None:
    """The copy's hash is right (it was edited before the backup was made) but the
    operation log inside no longer verifies: restore must say so and change nothing."""
    with sqlite3.connect(database_path(demo_dir)) as conn:
        conn.execute("DROP TRIGGER oplog_append_only")
        conn.execute("UPDATE oplog SET actor_id = 'someone-else' WHERE id = 2")
    made = bk.create_backup(demo_dir, tmp_path / "b").path
    target = tmp_path / "target"
    _refused(target, made, "operation log in the backup does not verify.*entry 2")


def test_the_manifest_must_match_the_copy(demo_dir: Path, tmp_path: Path) -> None:
    """A manifest claiming a longer log than the copy holds (a copy cut after its manifest
    was written) is refused, even though the copy's own chain is sound."""
    made = bk.create_backup(demo_dir, tmp_path / "b").path

    def longer(name: str, data: bytes) -> bytes:
        if name != bk.MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["oplog_head"][0] += 1
        return json.dumps(manifest).encode()
    _refused(tmp_path / "t", _rewrite(made, tmp_path / "longer.zip", longer),
             "head differs from the manifest")


def test_a_new_computer_is_told_which_secrets_to_enter_again(
        tmp_path: Path, profile: Profile, memory_keyring: MemoryKeyring) -> None:
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    registry.set_password("Lantern-Quince-48")
    made = bk.create_backup(profile.data_dir, tmp_path / "b").path
    same = restore_profile(tmp_path / "same-computer", made, SecretStore())
    assert same.secrets_to_enter == []
    memory_keyring.entries.clear()                       # another computer's keyring
    other = restore_profile(tmp_path / "other-computer", made, SecretStore())
    assert len(other.secrets_to_enter) == 1 and "STATIC_PASSWORD" in other.secrets_to_enter[0]
    raw = made.read_bytes()
    assert b"Lantern-Quince-48" not in raw and b"argon2" not in raw


def test_manifest_hash_is_the_copy_hash(demo_dir: Path, tmp_path: Path) -> None:
    made = bk.create_backup(demo_dir, tmp_path / "b").path
    with zipfile.ZipFile(made) as archive:
        data = archive.read(bk.DATABASE)
    manifest = bk.read_manifest(made)
    assert hashlib.sha256(data).hexdigest() == manifest.database_sha256
    assert len(data) == manifest.database_bytes


def test_leftovers_of_a_killed_backup_are_cleared_by_the_next(demo_dir: Path,
                                                               tmp_path: Path) -> None:
    """A backup killed mid-way leaves hidden temporaries (its process id in their names);
    the next backup into the folder removes those of dead processes, and only those."""
    folder = tmp_path / "daily"
    folder.mkdir()
    dead = 2 ** 22 + 12345                       # above Linux's pid_max: never running
    stale = [folder / f".posdesk-auto-1{bk.SUFFIX}.{dead}{end}"
             for end in (".db", ".db-journal", ".partial")]
    alive = folder / f".other{bk.SUFFIX}.{os.getpid()}.db"     # a backup still running
    for path in (*stale, alive):
        path.write_bytes(b"x" * 100)
    bk.create_backup(demo_dir, folder / "today")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [alive.name, "today.posdesk-backup"])
