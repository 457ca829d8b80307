"""`posdesk backup` and `posdesk restore` as a user runs them: a backup taken while the
profile is open in another process, a restore that is refused while it is open, shown
before it is done, and then done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.paths import database_path
from app.profile import open_profile


def _count(data_dir: Path, table: str = "txn") -> int:
    with sqlite3.connect(database_path(data_dir)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_backup_while_open_and_restore_after_closing(posdesk, demo_dir: Path,
                                                     tmp_path: Path) -> None:
    where = ("--data-dir", str(demo_dir))
    window = open_profile(demo_dir)                 # as if the window had it open
    try:
        made = posdesk("backup", str(tmp_path / "shop"), *where, check=True)
        assert "Backup written" in made.stdout and "operation log:" in made.stdout
        refused = posdesk("restore", str(tmp_path / "shop.posdesk-backup"), *where, "--yes")
        assert refused.returncode == 1 and "already open" in refused.stderr
        window.oplog.append("SETTINGS_CHANGED", details={"after": "backup"})
    finally:
        window.close()
    before = _count(demo_dir, "oplog")
    shown = posdesk("restore", str(tmp_path / "shop.posdesk-backup"), *where, check=True)
    assert "Nothing was changed" in shown.stdout and _count(demo_dir, "oplog") == before

    done = posdesk("restore", str(tmp_path / "shop.posdesk-backup"), *where, "--yes",
                   check=True)
    assert "Restored into" in done.stdout and "kept as" in done.stdout
    with sqlite3.connect(database_path(demo_dir)) as conn:    # the later entry is not back
        assert not conn.execute("SELECT 1 FROM oplog WHERE op_type = 'SETTINGS_CHANGED'"
                                ).fetchone()
    checked = posdesk("oplog", "verify", *where, check=True)
    assert "intact" in checked.stdout.lower() or "ok" in checked.stdout.lower()


def test_a_file_that_is_not_a_backup_is_named(posdesk, demo_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    result = posdesk("restore", str(tmp_path / "photo.jpg"), "--data-dir", str(demo_dir),
                     "--yes")
    assert result.returncode == 1 and "photo.jpg is not a PosDesk backup" in result.stderr
    assert "Traceback" not in result.stderr


def test_scheduled_backups_run_once_a_day(posdesk, demo_dir: Path, tmp_path: Path) -> None:
    where = ("--data-dir", str(demo_dir))
    off = posdesk("backup", "--auto", *where, check=True)
    assert "Automatic backups are off" in off.stdout
    posdesk("backup", "--schedule", str(tmp_path / "daily"), "--keep", "3", *where, check=True)
    first = posdesk("backup", "--auto", *where, check=True)
    assert "Backup written" in first.stdout
    again = posdesk("backup", "--auto", *where, check=True)
    assert "nothing to do" in again.stdout
    assert len(list((tmp_path / "daily").glob("posdesk-auto-*.posdesk-backup"))) == 1
    bad = posdesk("backup", "--schedule", str(tmp_path), "--keep", "0", *where)
    assert bad.returncode == 2 and "--keep must be at least 1" in bad.stderr
