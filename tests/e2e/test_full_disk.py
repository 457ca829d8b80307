"""A full disk during an import or a backup (issue 6): a clear message, nothing half-written.

The disk really fills: the profile (for an import) or the backup folder sits on a small
tmpfs mounted for the test, so SQLite and the zip writer meet ENOSPC where a merchant's
full laptop would give it to them. The command must stop with exit status 1 and a message
that names the problem (no traceback); the profile must still verify with exactly the
rows it had; a backup must leave neither a file under the requested name nor temporaries
beside it; and once there is room again the same command must work. Needs root (mount);
skipped with the reason otherwise.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backup import read_manifest
from app.paths import database_path
from tests.bulk_statements import write_bank_statement
from tests.e2e.profile_soundness import sound_state

PROBLEM_NAMED = re.compile(r"not enough (disk )?space|disk is full|no space left", re.I)
FREED = "64m"


@contextlib.contextmanager
def small_disk(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at `where` for the duration; unmounted whatever happens."""
    if os.geteuid() != 0:
        pytest.skip("a full disk is made by mounting a small tmpfs, which needs root")
    if not (shutil.which("mount") and shutil.which("umount")):
        pytest.skip("mount/umount not found: cannot make a small disk")
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(where)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a {size} tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


def make_room(where: Path, size: str = FREED) -> None:
    """The merchant frees space: the same disk, larger."""
    subprocess.run(["mount", "-o", f"remount,size={size}", str(where)], check=True)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- import ------------------------------------------------------------------------------

IMPORT_ROWS = 30_000       # about 10 MB written; the disk has under 3 MB free
EARLIER_ROWS = 500


def test_import_on_a_full_disk(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A profile with EARLIER_ROWS on a 3 MB disk, then a statement it has no room for.
    The import stops with exit status 1 and a message naming the problem (no traceback);
    the profile verifies with exactly its earlier rows, nothing of the statement (not its
    source, not its log entry) and no stray file; with room again the same import adds
    every row once."""
    with small_disk(tmp_path / "disk", "3m") as disk:
        data = disk / "shop"
        earlier = write_bank_statement(tmp_path / "earlier.csv", EARLIER_ROWS, prefix="E")
        posdesk("import", str(earlier), "--data-dir", str(data), check=True)
        before = sound_state(data)
        month = write_bank_statement(tmp_path / "month.csv", IMPORT_ROWS, prefix="M")
        failed = posdesk("import", str(month), "--data-dir", str(data))

        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "Imported" not in failed.stdout
        after = sound_state(data)
        assert after.txn_rows == before.txn_rows == EARLIER_ROWS
        assert after.txn_head == before.txn_head and after.sources == before.sources
        assert after.operations["TRANSACTIONS_IMPORTED"] == 1        # the earlier file only
        assert set(_files(data)) <= {"posdesk.db", "posdesk.db-wal", "posdesk.db-shm",
                                     "posdesk.lock"}, _files(data)

        make_room(disk)
        again = posdesk("import", str(month), "--data-dir", str(data), check=True)
        assert f"{IMPORT_ROWS:,} new, 0 already in the history" in again.stdout
        done = sound_state(data)
        assert done.txn_rows == done.distinct_traces == EARLIER_ROWS + IMPORT_ROWS

    assert failed.stderr.startswith("posdesk import: ") and "Traceback" not in failed.stderr
    assert PROBLEM_NAMED.search(failed.stderr), failed.stderr


# -- backup ------------------------------------------------------------------------------

BACKUP_ROWS = 12_000       # a profile of about 4 MB


@pytest.fixture
def shop(posdesk, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A profile on the ordinary disk, checkpointed so its file size is the copy's size."""
    data = tmp_path / "shop"
    statement = write_bank_statement(tmp_path / "year.csv", BACKUP_ROWS, prefix="Y")
    posdesk("import", str(statement), "--data-dir", str(data), check=True)
    return data


@pytest.mark.parametrize("step", ["copy", "compress"])
def test_backup_to_a_full_disk_leaves_nothing_there(
        step: str, posdesk, shop: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The disk fills while the database is copied (a quarter of the database's size) or
    while the copy is compressed (room for the copy, not for the zip beside it): exit 1
    with "There is not enough space in <folder>", no backup and no temporary file left,
    the profile as it was; with room again the backup is written."""
    db_bytes = database_path(shop).stat().st_size
    assert not Path(f"{database_path(shop)}-wal").exists()
    size_kb = db_bytes // 4 // 1024 if step == "copy" else (db_bytes + db_bytes // 20) // 1024
    before = sound_state(shop)
    with small_disk(tmp_path / "usb-stick", f"{size_kb}k") as stick:
        wanted = stick / "shop.posdesk-backup"
        failed = posdesk("backup", str(wanted), "--data-dir", str(shop))

        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "Traceback" not in failed.stderr, failed.stderr
        assert f"posdesk backup: There is not enough space in {stick}" in failed.stderr
        hit = "database or disk is full" if step == "copy" else "No space left on device"
        assert hit in failed.stderr, f"the disk did not fill in the {step} step"
        assert not wanted.exists()
        left = _files(stick)                       # no .db, .partial or journal either
        assert sound_state(shop) == before         # not even a BACKUP_CREATED entry

        make_room(stick)
        posdesk("backup", str(wanted), "--data-dir", str(shop), check=True)
        assert read_manifest(wanted).row_counts["txn"] == BACKUP_ROWS
    assert not left, f"left beside {wanted.name} after the failure: {left}"
