"""`posdesk backup FILE` and `posdesk restore FILE`.

A backup may be taken while the window is open (SQLite's online backup reads a consistent
snapshot; the entry in the operation log is one more append). A restore replaces the
database, so it needs the profile closed, and without `--yes` it only shows what the backup
holds and what would happen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.backup import Manifest, create_backup, read_manifest
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
    backup.add_argument("file", help="the backup file (.posdesk-backup is added if missing)")
    restore = sub.add_parser("restore", parents=[common],
                             help="replace the profile's data with a checked backup")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true",
                         help="really restore (without it, only show what the backup holds)")


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    require_profile(data_dir)
    db = connect(database_path(data_dir), migrate=False)
    log = OperationLog(db, local_actor())
    try:
        result = create_backup(data_dir, Path(args.file), log=lambda op, details: log.append(
            op, target_type="profile", target_id=str(data_dir), details=details))
    finally:
        db.close()
    print(f"Backup written: {result.path} ({result.bytes_written / 1e6:,.1f} MB).")
    _print_manifest(result.manifest)
    return 0


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

