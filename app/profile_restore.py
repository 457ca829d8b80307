"""Restoring a profile from a backup, as one use case for the CLI and the window.

The profile must be closed (the window closes it first; the CLI finds it free or stops).
Everything is checked before the database is replaced (app/backup.py); the restored
profile then records the restore in its own operation log, and the report says what came
back and what this computer's keyring still lacks.
"""

from __future__ import annotations

from pathlib import Path

from app.backup import BACKUP_RESTORED, RestoreReport, missing_secrets, swap_in, unpack_checked
from app.errors import PosDeskError
from app.instance_lock import InstanceLock
from app.paths import LOCK_FILE
from app.profile import open_profile
from app.progress import Progress
from app.secrets import ProfileSecrets, SecretStore
from app.storage import secret_scope


def restore_profile(data_dir: Path, backup: Path, store: SecretStore,
                    progress: Progress | None = None) -> RestoreReport:
    lock = InstanceLock(data_dir / LOCK_FILE)
    lock.acquire()                       # refuses while the window or another command has it
    try:
        checked, manifest, upgraded = unpack_checked(backup, data_dir, progress)
        try:
            aside = swap_in(data_dir, checked)
        finally:
            checked.unlink(missing_ok=True)
    finally:
        lock.release()
    profile = open_profile(data_dir)
    try:
        keys = ProfileSecrets(store, secret_scope(profile.db))
        factors, terminals = missing_secrets(profile.db, lambda ref: _present(keys, ref))
        profile.oplog.append(BACKUP_RESTORED, target_type="profile", target_id=str(data_dir),
                             details={"file": str(backup), "made": manifest.created_at_utc_ms,
                                      "app_version": manifest.app_version,
                                      "schema_version": manifest.schema_version,
                                      "rows": manifest.row_counts,
                                      "kept_aside": str(aside) if aside else "",
                                      "secrets_to_enter": len(factors),
                                      "terminals_to_pair": terminals})
    finally:
        profile.close()
    return RestoreReport(manifest, aside, upgraded, factors, terminals)


def _present(keys: ProfileSecrets, ref: str) -> bool:
    """Whether the keyring has this entry; an unusable keyring has none of them."""
    try:
        return keys.get(ref) is not None
    except PosDeskError:
        return False
