"""What every export (the history, the activity log) needs from the file system and the
database: a temporary file beside the target, one read snapshot, the file's hash, and the
progress and cancel hooks the window and the CLI pass in."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

ProgressCallback = Callable[[int, int], object]
CancelSignal = Callable[[], bool] | threading.Event


@contextlib.contextmanager
def temp_beside(target: Path) -> Iterator[Path]:
    """A temporary file in the destination's folder (so the final move is a rename on the
    same file system), removed again unless it was moved into place."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".part")
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def read_snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """One read transaction around the whole read, ended before anything is written (a
    write from inside a stale read snapshot could fail with "database is locked")."""
    if db.conn.in_transaction:           # the caller's own transaction is the snapshot
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        db.conn.execute("ROLLBACK")      # read only: nothing to keep


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as written:
        for block in iter(lambda: written.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stop_signal(cancelled: CancelSignal | None) -> Callable[[], bool]:
    if cancelled is None:
        return lambda: False
    if isinstance(cancelled, threading.Event):
        return cancelled.is_set
    return cancelled


def no_progress(done: int, total: int) -> None:
    """The default: nobody is watching."""
