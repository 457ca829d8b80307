"""`posdesk backup FILE` and `posdesk restore FILE`.

A backup may be taken while the window is open (SQLite's online backup reads a consistent
snapshot; the entry in the operation log is one more append). A restore replaces the
database, so it needs the profile closed, and without `--yes` it only shows what the backup
holds and what would happen.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from app.backup import BackupResult, Manifest, create_backup, read_manifest
from app.backup_schedule import DEFAULT_KEEP, run_auto_backup, schedule, set_schedule
from app.oplog import OperationLog
from app.paths import database_path
from app.profile import local_actor, require_profile
from app.profile_restore import restore_profile
from app.secrets import SecretStore
from app.shanghai_time import format_local
from app.storage import connect


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser("backup", parents=[common],
                            help="copy the profile to a backup file (also while the app runs)")
    backup.add_argument("file", nargs="?",
                        help="the backup file (.posdesk-backup is added if missing)")
    backup.add_argument("--auto", action="store_true",
                        help="make the daily automatic backup if one is due (for a scheduler)")
    backup.add_argument("--schedule", metavar="FOLDER",
                        help="back up automatically every day into FOLDER ('off' to stop)")
    backup.add_argument("--keep", type=int, default=DEFAULT_KEEP,
                        help="automatic backups to keep (default: %(default)s)")
    restore = sub.add_parser("restore", parents=[common],
                             help="replace the profile's data with a checked backup")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true",
                         help="really restore (without it, only show what the backup holds)")


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    if not (args.file or args.auto or args.schedule):
        print("posdesk backup: name a FILE, or use --auto or --schedule.", file=sys.stderr)
        return 2
    require_profile(data_dir)
    db = connect(database_path(data_dir), migrate=False)
    oplog = OperationLog(db, local_actor())

    def log(op: str, details: dict[str, Any]) -> None:
        oplog.append(op, target_type="profile", target_id=str(data_dir), details=details)
    try:
        if args.schedule:
            return _set_schedule(db, args)
        if args.auto:
            return _auto(db, data_dir, log)
        result = create_backup(data_dir, Path(args.file), log=log)
    finally:
        db.close()
    _print_result(result)
    return 0


def _set_schedule(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    if args.keep < 1:
        print("posdesk backup: --keep must be at least 1.", file=sys.stderr)
        return 2
    folder = None if args.schedule == "off" else Path(args.schedule).resolve()
    set_schedule(db, folder, args.keep)
    print(f"Automatic daily backups into {folder}, keeping {args.keep}." if folder
          else "Automatic backups are off.")
    return 0


def _auto(db: sqlite_utils.Database, data_dir: Path,
          log: Callable[[str, dict[str, Any]], None]) -> int:
    plan = schedule(db)
    if plan.folder is None:
        print("Automatic backups are off; turn them on with --schedule FOLDER.")
        return 0
    if not plan.due():
        print("The last automatic backup is less than a day old; nothing to do.")
        return 0
    result, removed = run_auto_backup(db, data_dir, log)
    _print_result(result)
    for old in removed:
        print(f"Removed the older automatic backup {old.name}.")
    return 0


def _print_result(result: BackupResult) -> None:
    print(f"Backup written: {result.path} ({result.bytes_written / 1e6:,.1f} MB).")
    _print_manifest(result.manifest)


def run_restore(args: argparse.Namespace, data_dir: Path) -> int:
    backup = Path(args.file)
    manifest = read_manifest(backup)
    print(f"{backup.name}:")
    _print_manifest(manifest)
    if not args.yes:
        print(f"Nothing was changed. Run again with --yes to replace the data in {data_dir} "
              "(the current database is kept aside).")
        return 0
    report = restore_profile(data_dir, backup, SecretStore())
    print(f"Restored into {data_dir}.")
    if report.migrated_from is not None:
        print(f"The backup's schema {report.migrated_from} was upgraded to this version's.")
    if report.kept_aside is not None:
        print(f"The database it replaced is kept as {report.kept_aside}.")
    for factor in report.secrets_to_enter:
        print(f"Enter again on this computer: {factor} (secrets are never in backups).")
    for terminal in report.terminals_to_pair:
        print(f"Pair again on this computer: terminal {terminal}.")
    return 0


def _print_manifest(manifest: Manifest) -> None:
    made = format_local(manifest.created_at_utc_ms)
    rows = ", ".join(f"{name} {count:,}" for name, count in manifest.row_counts.items())
    print(f"  made {made} (Beijing) by PosDesk {manifest.app_version}, schema "
          f"{manifest.schema_version}, {manifest.profile_kind} profile")
    print(f"  rows: {rows}")
    print(f"  operation log: {manifest.oplog_head[0]:,} entries, head "
          f"{manifest.oplog_head[1][:16]}…")

