"""The one SQLite file of a profile: opening it safely and migrating it.

Each thread opens its own connection (WAL lets readers and the writer work at once).
Connections are in autocommit mode; every write goes through `db.atomic()`, which here
takes the write lock up front (BEGIN IMMEDIATE): a deferred transaction that reads and then
writes fails at once with "database is locked" when another connection wrote meanwhile,
without waiting, because SQLite cannot upgrade a stale WAL snapshot.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from app.errors import (
    DamagedDatabaseError,
    DiskFullError,
    NewerSchemaError,
    NotAPosDeskDatabaseError,
)
from app.migrations import LATEST_VERSION, MIGRATIONS, statements

# "POSD" — marks a file as ours, so a foreign SQLite file is never migrated over.
APPLICATION_ID = 0x504F5344


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost atomic() block is BEGIN IMMEDIATE."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:  # type: ignore[override]
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.execute("COMMIT")


def connect(path: Path, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    try:
        _check_identity(conn, path)   # before any pragma that writes: a foreign file stays as is
        with damaged_as_error(path):
            _configure(conn)
            if migrate:
                migrate_to_latest(conn)
    except BaseException:
        conn.close()
        raise
    return Database(conn)


@contextlib.contextmanager
def damaged_as_error(path: Path) -> Iterator[None]:
    """SQLite's "malformed" and "not a database" while opening become one clear error."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "malformed" not in str(exc):
            raise
        raise _damaged(path, exc) from exc


def is_disk_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full", or the OS's no-space and over-quota errors."""
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def disk_full_error(where: Path, exc: BaseException) -> DiskFullError:
    return DiskFullError(f"There is not enough space in {where} ({exc}); nothing was changed. "
                         "Free some space and try again.", path=str(where))


def _damaged(path: Path, exc: Exception) -> DamagedDatabaseError:
    return DamagedDatabaseError(
        f"{path} is damaged ({exc}) and was not changed. Restore a backup, or set the file "
        "aside and start a new profile.", path=str(path))


def database_file(db: sqlite_utils.Database) -> Path:
    """Where a connection's main database lives (for a second connection to the same file)."""
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def connect_memory() -> sqlite_utils.Database:
    """A migrated in-memory database for fast unit tests."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate_to_latest(conn)
    return Database(conn)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 10000")


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as exc:  # "file is not a database", or a damaged schema
        if "malformed" in str(exc):
            raise _damaged(path, exc) from exc
        raise NotAPosDeskDatabaseError(
            f"{path} is not a PosDesk database ({exc}). Restore a backup, or move the file "
            "aside to start a new profile.",
            path=str(path),
        ) from exc
    if app_id != APPLICATION_ID and (has_tables or version):
        raise NotAPosDeskDatabaseError(
            f"{path} is an SQLite file of another program, not a PosDesk database. "
            "It was not changed. Choose another data folder.",
            path=str(path),
        )
    if version > LATEST_VERSION:
        raise NewerSchemaError(
            f"{path} was written by a newer PosDesk (schema {version}; this version knows "
            f"up to {LATEST_VERSION}). Update PosDesk to open it; nothing was changed.",
            path=str(path),
            version=version,
        )


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate_to_latest(conn: sqlite3.Connection) -> list[int]:
    """Apply every pending migration, each atomically; return the versions applied."""
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= schema_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements(migration.sql):
                conn.execute(statement)
            if migration.python is not None:
                migration.python(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def integrity_check(db: sqlite_utils.Database) -> list[str]:
    """PRAGMA integrity_check: an empty list means the file is sound."""
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def secret_scope(db: sqlite_utils.Database) -> str:
    """This profile's keyring scope (app/secrets.ProfileSecrets), made on first use, so two
    profiles on one computer never share a keyring entry."""
    scope = get_setting(db, "secret_scope")
    if not scope:
        scope = uuid.uuid4().hex[:16]
        set_setting(db, "secret_scope", scope)
    return scope
