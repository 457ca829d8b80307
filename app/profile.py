"""An open profile: one data dir, its database, its lock and its operation log.

Opening a profile for work takes the instance lock and records LOGIN; closing records
LOGOUT and releases the lock. Read-only looks (doctor, oplog verify) take neither.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from app import oplog as ops
from app.errors import NoProfileError
from app.instance_lock import InstanceLock
from app.migrations import LATEST_VERSION
from app.oplog import Actor, OperationLog
from app.paths import LOCK_FILE, database_path
from app.preferences import load_preferences
from app.storage import connect, damaged_as_error, get_setting, schema_version

KIND_DEMO = "demo"
KIND_OWN = "own"


def local_actor() -> Actor:
    """The person at this computer (until app login arrives with the verification issue)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "local-user"
    return Actor(actor_id=user, role="merchant", device_id=load_preferences().device_id)


@dataclass
class Profile:
    data_dir: Path
    db: sqlite_utils.Database
    oplog: OperationLog
    lock: InstanceLock | None = field(default=None, repr=False)
    is_worker: bool = False

    @property
    def kind(self) -> str:
        return get_setting(self.db, "profile_kind", KIND_OWN) or KIND_OWN

    @property
    def is_demo(self) -> bool:
        return self.kind == KIND_DEMO

    def for_thread(self) -> Profile:
        """The same profile through a new connection, for a worker thread (SQLite
        connections belong to one thread; WAL lets both work at once). Closing it closes
        only that connection."""
        db = connect(database_path(self.data_dir))
        return Profile(self.data_dir, db, OperationLog(db, self.oplog.actor), is_worker=True)

    def close(self) -> None:
        """Record LOGOUT, close the database, release the lock. Safe to call twice.
        A worker view (no lock) only closes its connection."""
        if self.is_worker:
            self.db.close()
            return
        if self.lock is None:
            return
        try:
            self.oplog.append(ops.LOGOUT, target_type="profile", target_id=str(self.data_dir))
        finally:
            self.db.close()
            self.lock.release()
            self.lock = None


def profile_exists(data_dir: Path) -> bool:
    return database_path(data_dir).exists()


def open_profile(data_dir: Path, actor: Actor | None = None) -> Profile:
    """Open (creating if needed) a profile for work: lock, migrate, record LOGIN."""
    lock = InstanceLock(data_dir / LOCK_FILE)
    lock.acquire()
    try:
        db = connect(database_path(data_dir))
    except BaseException:
        lock.release()
        raise
    log = OperationLog(db, actor or local_actor())
    try:
        with damaged_as_error(database_path(data_dir)):
            log.append(ops.LOGIN, target_type="profile", target_id=str(data_dir))
    except BaseException:
        db.close()
        lock.release()
        raise
    return Profile(data_dir, db, log, lock)


def set_aside(data_dir: Path, why: str = "damaged") -> Path:
    """Move the profile's database (with its WAL) aside, never deleting it, so a new one
    can start; returns the name it now has. The caller holds no connection to it."""
    current = database_path(data_dir)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = current.with_name(f"{current.name}.{why}-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{current}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{aside}{suffix}"))
    return aside


def require_profile(data_dir: Path) -> None:
    """For commands that work on existing data: say plainly that there is none yet."""
    if not profile_exists(data_dir):
        raise NoProfileError(f"There is no PosDesk data in {data_dir} yet. Run `posdesk` to "
                             "start, or `posdesk demo` to make a demo profile.",
                             data_dir=str(data_dir))


def open_existing(data_dir: Path) -> Profile:
    """open_profile for a command that must not create a profile where there is none."""
    require_profile(data_dir)
    return open_profile(data_dir)


def open_for_reading(data_dir: Path) -> sqlite_utils.Database:
    """Connect without locking or logging in, for read-only looks while the app may run."""
    require_profile(data_dir)
    db = connect(database_path(data_dir), migrate=False)
    if schema_version(db.conn) < LATEST_VERSION:
        # Written by an older PosDesk: upgrade it once, under the lock, like opening it does
        # (a running older app holds the lock and gets a clear "in use" message instead).
        db.close()
        open_profile(data_dir).close()
        db = connect(database_path(data_dir), migrate=False)
    return db
