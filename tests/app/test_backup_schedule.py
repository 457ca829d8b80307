"""Automatic daily backups: due once a day, written whole, and rotation that removes only
this schedule's own oldest files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import backup_schedule as auto
from app.profile import Profile


def test_off_until_a_folder_is_named(profile: Profile) -> None:
    assert not auto.schedule(profile.db).due()
    with pytest.raises(ValueError, match="off"):
        auto.run_auto_backup(profile.db, profile.data_dir)


def test_daily_backup_and_rotation(profile: Profile, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    mine = folder / "my-own-copy.posdesk-backup"          # the merchant's own file stays
    mine.write_bytes(b"keep me")
    auto.set_schedule(profile.db, folder, keep=2)
    assert auto.schedule(profile.db).due()
    made = []
    for stamp in ("2026-11-01-090000", "2026-11-02-090000"):   # two earlier days
        old = folder / f"{auto.PREFIX}{stamp}{auto.SUFFIX}"
        old.write_bytes(b"old")
        made.append(old)
    result, removed = auto.run_auto_backup(profile.db, profile.data_dir)
    assert result.path.exists() and removed == [made[0]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [mine.name, made[1].name, result.path.name])
    plan = auto.schedule(profile.db)
    assert not plan.due() and plan.due(now=plan.last_ms + auto.DAY_MS)   # type: ignore[operator]


def test_keep_must_be_positive(profile: Profile, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        auto.set_schedule(profile.db, tmp_path, keep=0)
