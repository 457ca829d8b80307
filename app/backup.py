"""Backups of a profile and restoring one (issue 6; spec 8 keeps the operation log whole).

A backup is one zip file: `manifest.json` (what the copy holds: app and schema version, row
counts, the heads of the operation-log and transaction chains, the copy's SHA-256) and
`posdesk.db`, a consistent copy taken with SQLite's online backup API while the app keeps
working. It is written beside its destination and renamed into place only when whole, so
a full disk or a kill leaves no half backup under the real name.

Restoring checks everything before it touches the profile: the zip, the copy's hash, SQLite's
integrity check, both hash chains and the heads the manifest promised. Only then is the
current database moved aside (kept, and named in the report) and the copy put in its place.
Keyring entries are never in a backup; the report says which secrets must be entered again
and which terminals paired again on this computer.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from app import __version__
from app.errors import PosDeskError
from app.hash_chain import chain_head
from app.migrations import LATEST_VERSION
from app.oplog import verify_chain
from app.paths import database_path
from app.profile import set_aside
from app.progress import Progress
from app.shanghai_time import now_ms
from app.storage import Database, is_disk_full, migrate_to_latest, schema_version
from app.transactions import verify_txn_chain

FORMAT = "posdesk-backup"
FORMAT_VERSION = 1
SUFFIX = ".posdesk-backup"
MANIFEST = "manifest.json"
DATABASE = "posdesk.db"
BACKUP_CREATED = "BACKUP_CREATED"
BACKUP_RESTORED = "BACKUP_RESTORED"
COUNTED_TABLES = ("txn", "oplog", "terminals", "verification_factor", "disputes",
                  "scenario_policy", "account_payment")
_CHUNK = 1 << 20
# One step: the copy runs inside one read transaction, which WAL lets writers work beside.
# Smaller steps restart whenever another connection writes, so a busy window (a sync, the
# activity log) made a 1M-row copy take 4x as long, and could starve it.
_PAGES_PER_STEP = -1


class BackupError(PosDeskError):
    code = "backup"


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_version: int
    created_at_utc_ms: int
    profile_kind: str
    row_counts: dict[str, int]
    oplog_head: tuple[int, str]
    txn_head: tuple[int, str]
    database_sha256: str = ""
    database_bytes: int = 0
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @staticmethod
    def from_json(text: str, name: str) -> Manifest:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError("not a PosDesk backup manifest")
            data["oplog_head"] = tuple(data["oplog_head"])
            data["txn_head"] = tuple(data["txn_head"])
            return Manifest(**data)
        except (ValueError, TypeError, KeyError) as exc:
            raise BackupError(f"{name} is not a PosDesk backup: its manifest is unreadable "
                              f"({exc}).", path=name, why="not_backup") from None


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    bytes_written: int


# -- making a backup ---------------------------------------------------------------------

def create_backup(data_dir: Path, dest: Path, progress: Progress | None = None,
                  log: Callable[[str, dict[str, Any]], None] | None = None) -> BackupResult:
    """Copy the profile in `data_dir` to the backup file `dest` while it may be in use.
    `log(op_type, details)` records the backup in the live profile's operation log."""
    dest = _with_suffix(dest)
    source = database_path(data_dir)
    if not source.exists():
        raise BackupError(f"There is no PosDesk data in {data_dir} to back up.",
                          path=str(data_dir), why="no_data")
    dest.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(dest)
    snapshot = dest.with_name(f".{dest.name}.{os.getpid()}.db")
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        with _space_errors(dest):
            _snapshot(source, snapshot, progress)
            manifest = _describe(snapshot)
            manifest = _zip(snapshot, manifest, partial, progress)
            _fsync(partial)
            os.replace(partial, dest)
            _fsync_dir(dest.parent)
    finally:
        for leftover in (snapshot, Path(f"{snapshot}-journal"), partial):
            leftover.unlink(missing_ok=True)
    size = dest.stat().st_size
    if log is not None:
        log(BACKUP_CREATED, {"file": str(dest), "bytes": size,
                             "schema_version": manifest.schema_version,
                             "rows": manifest.row_counts,
                             "oplog_entries": manifest.oplog_head[0],
                             "oplog_head": manifest.oplog_head[1]})
    return BackupResult(dest, manifest, size)


def _remove_abandoned(dest: Path) -> None:
    """Temporary files (".NAME.posdesk-backup.PID.…") of earlier backups into this folder
    whose process is gone (killed, or the computer lost power): without this they would
    pile up in a folder of daily backups, each as big as the database."""
    for leftover in dest.parent.glob(f".*{SUFFIX}.*"):
        rest = leftover.name[leftover.name.rfind(SUFFIX) + len(SUFFIX) + 1:]
        pid = rest.split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _with_suffix(dest: Path) -> Path:
    return dest if dest.name.endswith(SUFFIX) else dest.with_name(dest.name + SUFFIX)


def _snapshot(source: Path, target: Path, progress: Progress | None) -> None:
    """SQLite's online backup: a consistent copy while other connections keep writing."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    dst = sqlite3.connect(str(target))
    try:
        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress.update(total - remaining, 2 * total, "copy")

        src.backup(dst, pages=_PAGES_PER_STEP, progress=step)
        dst.execute("PRAGMA journal_mode = DELETE")   # one self-contained file
    finally:
        src.close()
        dst.close()


def _describe(snapshot: Path) -> Manifest:
    db = Database(sqlite3.connect(str(snapshot), isolation_level=None))
    try:
        tables = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
        counts = {name: int(db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0])
                  for name in COUNTED_TABLES if name in tables}
        kind = db.execute("SELECT value FROM settings WHERE key = 'profile_kind'").fetchone()
        return Manifest(__version__, schema_version(db.conn), now_ms(),
                        kind[0] if kind else "own", counts,
                        chain_head(db, "oplog"), chain_head(db, "txn"))
    finally:
        db.close()


def _zip(snapshot: Path, manifest: Manifest, partial: Path,
         progress: Progress | None) -> Manifest:
    size = snapshot.stat().st_size
    digest = hashlib.sha256()
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(DATABASE, "w", force_zip64=True) as out, snapshot.open("rb") as src:
            done = 0
            for chunk in iter(lambda: src.read(_CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress.update(size + done, 2 * size, "compress")
        manifest = Manifest(**{**asdict(manifest), "database_sha256": digest.hexdigest(),
                               "database_bytes": size,
                               "oplog_head": manifest.oplog_head,
                               "txn_head": manifest.txn_head})
        archive.writestr(MANIFEST, manifest.to_json())
    return manifest


# -- reading one -------------------------------------------------------------------------

def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup file, without unpacking the database."""
    with _open_archive(path) as archive:
        try:
            return Manifest.from_json(archive.read(MANIFEST).decode("utf-8"), path.name)
        except KeyError:
            raise BackupError(f"{path.name} is not a PosDesk backup: it has no manifest.",
                              path=str(path), why="not_backup") from None


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.", path=str(path), why="missing") from None
    except zipfile.BadZipFile:
        raise BackupError(f"{path.name} is not a PosDesk backup (not a backup archive, or "
                          "cut short).", path=str(path), why="not_backup") from None


# -- restoring ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    kept_aside: Path | None            # the database that was replaced, kept
    migrated_from: int | None          # schema version upgraded from, if older
    secrets_to_enter: list[str] = field(default_factory=list)
    terminals_to_pair: list[str] = field(default_factory=list)


def unpack_checked(backup: Path, data_dir: Path, progress: Progress | None = None
                   ) -> tuple[Path, Manifest, int | None]:
    """Unpack the backup's database beside the profile and check it whole: its hash, SQLite's
    integrity check, both hash chains against the manifest; then bring its schema up to this
    version. Returns (the checked file, its manifest, the version it was upgraded from).
    The profile itself is not touched; a failed check removes the unpacked file."""
    manifest = read_manifest(backup)
    if manifest.schema_version > LATEST_VERSION:
        raise BackupError(f"{backup.name} was made by a newer PosDesk (schema "
                          f"{manifest.schema_version}; this version knows up to "
                          f"{LATEST_VERSION}). Update PosDesk to restore it; nothing was "
                          "changed.", path=str(backup), why="newer")
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / f".restore-{os.getpid()}.db"
    try:
        with _space_errors(target):
            _unpack(backup, target, manifest, progress)
        upgraded = _check_copy(target, manifest, backup.name)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target, manifest, upgraded


def _unpack(backup: Path, target: Path, manifest: Manifest, progress: Progress | None) -> None:
    digest = hashlib.sha256()
    with _open_archive(backup) as archive:
        try:
            member = archive.open(DATABASE)
        except KeyError:
            raise BackupError(f"{backup.name} holds no database.", path=str(backup),
                              why="damaged") from None
        with member, target.open("wb") as out:
            done = 0
            try:
                for chunk in iter(lambda: member.read(_CHUNK), b""):
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress.update(done, 2 * max(manifest.database_bytes, 1), "unpack")
            except (zipfile.BadZipFile, EOFError) as exc:
                raise BackupError(f"{backup.name} is damaged ({exc}); nothing was changed.",
                                  path=str(backup), why="damaged") from None
            out.flush()
            os.fsync(out.fileno())
    if digest.hexdigest() != manifest.database_sha256:
        raise BackupError(f"{backup.name} is damaged: its database does not match the hash "
                          "in its manifest. Nothing was changed.", path=str(backup),
                          why="damaged")


def _check_copy(target: Path, manifest: Manifest, name: str) -> int | None:
    conn = sqlite3.connect(str(target), isolation_level=None)
    db = Database(conn)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise BackupError(f"{name} fails SQLite's integrity check ({problems[0]}); "
                              "nothing was changed.", path=name, why="damaged")
        chain = verify_chain(db)
        if not chain.ok or chain_head(db, "oplog") != manifest.oplog_head:
            raise BackupError(f"{name}: the operation log in the backup does not verify "
                              f"({chain.problem or 'its head differs from the manifest'}); "
                              "nothing was changed.", path=name, why="chain")
        intact, bad_row, _ = verify_txn_chain(db)
        if not intact or chain_head(db, "txn") != manifest.txn_head:
            where = f" at row {bad_row}" if bad_row else ""
            raise BackupError(f"{name}: the transaction history in the backup does not verify"
                              f"{where}; nothing was changed.", path=name, why="chain")
        before = schema_version(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        migrate_to_latest(conn)
        return before if before < LATEST_VERSION else None
    finally:
        db.close()


def swap_in(data_dir: Path, checked: Path) -> Path | None:
    """Put the checked copy in place of the profile's database; the database it replaces
    (with its WAL) is moved aside, not deleted, and returned. The caller holds the
    profile's lock, so nothing has the database open."""
    current = database_path(data_dir)
    aside = set_aside(data_dir, "before-restore") if current.exists() else None
    for suffix in ("-wal", "-shm"):
        Path(f"{checked}{suffix}").unlink(missing_ok=True)
    try:
        os.replace(checked, current)
    except OSError:
        if aside is not None:       # put the old database back: the profile stays as it was
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{aside}{suffix}").exists():
                    os.replace(Path(f"{aside}{suffix}"), Path(f"{current}{suffix}"))
        raise
    _fsync_dir(data_dir)
    return aside


def missing_secrets(db: sqlite_utils.Database, present: Callable[[str], bool]
                    ) -> tuple[list[str], list[str]]:
    """(factors whose secret this computer's keyring lacks, paired terminals whose key it
    lacks) — what a restore on a new machine must ask the person to redo."""
    factors = [f"{label} ({kind})" for label, kind, ref in db.execute(
        "SELECT label, type, secret_ref FROM verification_factor WHERE status = 'ACTIVE' "
        "AND secret_ref IS NOT NULL ORDER BY id").fetchall() if not present(ref)]
    terminals = [tid for tid, ref in db.execute(
        "SELECT terminal_id, key_ref FROM terminals WHERE key_ref IS NOT NULL "
        "ORDER BY terminal_id").fetchall() if not present(ref)]
    return factors, terminals


# -- disk errors -------------------------------------------------------------------------

@contextlib.contextmanager
def _space_errors(where: Path) -> Iterator[None]:
    """A full disk (or a file-size limit) becomes a message that names the folder."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        text = str(exc)
        if is_disk_full(exc) or getattr(exc, "errno", None) == errno.EFBIG:
            raise BackupError(f"There is not enough space in {where.parent} ({text}); "
                              "nothing was written there.", path=str(where.parent),
                              why="no_space") from None
        if isinstance(exc, PermissionError):
            raise BackupError(f"PosDesk may not write in {where.parent} ({text}).",
                              path=str(where.parent), why="no_permission") from None
        raise


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):      # not every system can fsync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
