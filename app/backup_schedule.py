"""Automatic daily backups with rotation: on when the merchant names a folder.

The window checks once an hour (and at start) whether a day has passed since the last
automatic backup; `posdesk backup --auto` does the same for a scheduler. Rotation deletes
only files this schedule made (`posdesk-auto-*.posdesk-backup`), oldest first, and only
after a new one was written whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from app.backup import SUFFIX, BackupResult, create_backup
from app.progress import Progress
from app.shanghai_time import now_ms
from app.storage import get_setting, set_setting

FOLDER_KEY, KEEP_KEY, LAST_KEY = "backup.auto_folder", "backup.auto_keep", "backup.auto_last_ms"
DEFAULT_KEEP = 7
PREFIX = "posdesk-auto-"
DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class Schedule:
    folder: Path | None           # None: automatic backups are off
    keep: int
    last_ms: int | None

    def due(self, now: int | None = None) -> bool:
        if self.folder is None:
            return False
        return self.last_ms is None or (now or now_ms()) - self.last_ms >= DAY_MS


def schedule(db: sqlite_utils.Database) -> Schedule:
    folder = get_setting(db, FOLDER_KEY) or ""
    last = get_setting(db, LAST_KEY)
    return Schedule(Path(folder) if folder else None,
                    int(get_setting(db, KEEP_KEY, str(DEFAULT_KEEP)) or DEFAULT_KEEP),
                    int(last) if last else None)


def set_schedule(db: sqlite_utils.Database, folder: Path | None, keep: int = DEFAULT_KEEP) -> None:
    if keep < 1:
        raise ValueError("keep at least one backup")
    set_setting(db, FOLDER_KEY, str(folder) if folder else "")
    set_setting(db, KEEP_KEY, str(keep))


def run_auto_backup(db: sqlite_utils.Database, data_dir: Path,
                    log: Callable[[str, dict[str, Any]], None] | None = None,
                    progress: Progress | None = None) -> tuple[BackupResult, list[Path]]:
    """Write today's automatic backup, record when, then drop the oldest beyond `keep`.
    Returns the backup and the files removed."""
    plan = schedule(db)
    if plan.folder is None:
        raise ValueError("automatic backups are off")
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    result = create_backup(data_dir, plan.folder / f"{PREFIX}{stamp}{SUFFIX}", progress, log)
    set_setting(db, LAST_KEY, str(now_ms()))
    return result, rotate(plan.folder, plan.keep)


def rotate(folder: Path, keep: int) -> list[Path]:
    made = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))     # the stamp sorts by time
    gone = made[:-keep] if len(made) > keep else []
    for old in gone:
        old.unlink(missing_ok=True)
    return gone
