"""Exporting the operation log (spec 8) for an auditor: the filtered entries as CSV with
every hashed column, `prev_hash` and `row_hash`, so each row can be checked against its
hash from the file alone. The recipe is in docs/activity-log.md; `hash_input` below is
the same recipe in code.

Why it is shaped this way:
- Rows go in chain order (oldest id first), so in an unfiltered export each row's
  prev_hash is the row_hash of the row above; a filtered one has gaps, and every row still
  verifies on its own.
- Cells hold the stored values exactly, so nothing needs undoing to hash them, with two
  reversible exceptions. A CSV cell cannot tell NULL from empty text, so the `null_fields`
  column names the columns that are NULL. Text that starts like a formula (= + - @ tab CR)
  would run in a spreadsheet, so it gets a leading ', and so does text that starts with '
  itself: remove one leading ' from any text cell that has one.
- The file is written beside its destination under a temporary name and moved into place
  together with its DATA_EXPORT entry (as app/txn_export.py does): a failed or cancelled
  export leaves no partial file and no file appears without its entry. Failures are logged
  as DATA_EXPORT with result FAIL.
- The chain is not checked first, unlike the transaction export: an auditor needs the
  file most when the log is broken, and the row hashes in it show where.
"""

from __future__ import annotations

import csv
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import sqlite_utils

from app import oplog as ops
from app.errors import PosDeskError
from app.export_files import (
    CancelSignal,
    ProgressCallback,
    file_sha256,
    no_progress,
    read_snapshot,
    stop_signal,
    temp_beside,
)
from app.oplog import COLUMNS, OperationLog
from app.oplog_query import OplogFilter, count
from app.progress import Cancelled
from app.shanghai_time import format_local

log = logging.getLogger(__name__)

HASHED = tuple(column for column in COLUMNS if column != "row_hash")   # in hash order
INTEGER_COLUMNS = ("id", "occurred_at_utc_ms", "effective_at_utc_ms")
EXPORT_COLUMNS = (*COLUMNS, "null_fields", "occurred_at_beijing", "effective_at_beijing")
CHUNK_ROWS = 2_000
_FORMULA_START = frozenset("=+-@\t\r'")



@dataclass(frozen=True)
class OplogExportResult:
    rows: int
    path: Path
    sha256: str


class OplogExportError(PosDeskError):
    code = "export_failed"


def export_oplog(db: sqlite_utils.Database, oplog: OperationLog, query: OplogFilter,
                 path: Path, progress: ProgressCallback | None = None,
                 cancelled: CancelSignal | None = None) -> OplogExportResult:
    """Write the entries of `query` to the CSV file `path` and log it (DATA_EXPORT).

    `db` and `oplog` must belong to the calling thread. `progress(done, total)` is called
    per chunk; `cancelled` is checked per chunk and stops with `Cancelled`, leaving no file.
    """
    target = Path(path)
    try:
        _check_target(target)
        with temp_beside(target) as temp:
            rows = _write(db, query, temp, progress or no_progress, stop_signal(cancelled))
            digest = file_sha256(temp)
            details = {**_log_details(query, target), "rows": rows,
                       "sha256": digest}
            with db.atomic():
                oplog.append(ops.DATA_EXPORT, target_type="file", target_id=target.name,
                             details=details)
                os.replace(temp, target)
    except BaseException as exc:
        _log_failure(oplog, query, target, exc)
        if isinstance(exc, OSError):
            raise OplogExportError(f"Could not write {target}: {exc.strerror or exc}.",
                                   path=str(target)) from exc
        raise
    return OplogExportResult(rows, target, digest)


def csv_cells(values: Mapping[str, object]) -> list[str]:
    """One entry's row of the file, in EXPORT_COLUMNS order."""
    cells = [_cell(values[column]) for column in COLUMNS]
    nulls = " ".join(column for column in HASHED if values[column] is None)
    occurred, effective = (int(values[c]) for c in INTEGER_COLUMNS[1:])  # type: ignore[call-overload]
    return [*cells, nulls, format_local(occurred), format_local(effective)]


def hash_input(record: Mapping[str, str]) -> str:
    """The text whose SHA-256 is a row's row_hash, rebuilt from a CSV row (the recipe of
    docs/activity-log.md): the hashed columns in order as a compact JSON array, NULLs as
    null, the three instants as integers, every other value as text without the guard '."""
    nulls = set(record.get("null_fields", "").split())
    values: list[object] = []
    for column in HASHED:
        cell = record[column]
        if column in nulls:
            values.append(None)
        elif column in INTEGER_COLUMNS:
            values.append(int(cell))
        else:
            values.append(cell[1:] if cell.startswith("'") else cell)
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def describe_filter(query: OplogFilter) -> dict[str, object]:
    """The filter as the log records it: only the conditions that were set."""
    described: dict[str, object] = {}
    for field in fields(query):
        value = getattr(query, field.name)
        if value in (None, (), ""):
            continue
        if field.name in ("first_day", "last_day"):
            value = value.isoformat()
        described[field.name] = list(value) if isinstance(value, tuple) else value
    return described


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if isinstance(value, str) and text[:1] in _FORMULA_START else text


def _check_target(target: Path) -> None:
    if not target.parent.is_dir():
        raise OplogExportError(f"The folder {target.parent} does not exist.", path=str(target))
    if target.is_dir():
        raise OplogExportError(f"{target} is a folder: name a file to write.",
                               path=str(target))


def _write(db: sqlite_utils.Database, query: OplogFilter, temp: Path,
           progress: ProgressCallback, stop: Callable[[], bool]) -> int:
    """Stream the entries into `temp` inside one read snapshot; returns the row count."""
    with temp.open("w", encoding="utf-8-sig", newline="") as file, read_snapshot(db):
        writer = csv.writer(file)
        writer.writerow(EXPORT_COLUMNS)
        total = count(db, query)
        progress(0, total)
        done = _stream(db, query, writer.writerows, lambda n: progress(n, total), stop)
        file.flush()
        os.fsync(file.fileno())
    return done


def _stream(db: sqlite_utils.Database, query: OplogFilter,
            write_rows: Callable[[Iterable[list[str]]], object],
            progress: Callable[[int], object], stop: Callable[[], bool]) -> int:
    where, params = query.where()
    cursor = db.execute(f"SELECT {', '.join(COLUMNS)} FROM oplog WHERE {where} ORDER BY id",
                        params)
    done = 0
    try:
        while not stop():
            chunk: Sequence[Sequence[object]] = cursor.fetchmany(CHUNK_ROWS)
            if not chunk:
                return done
            write_rows(csv_cells(dict(zip(COLUMNS, row, strict=True))) for row in chunk)
            done += len(chunk)
            progress(done)
    finally:
        cursor.close()
    raise Cancelled()


def _log_details(query: OplogFilter, target: Path) -> dict[str, object]:
    return {"what": "oplog", "format": "csv", "file": target.name,
            "path": str(target.absolute()), "filter": describe_filter(query)}


def _log_failure(oplog: OperationLog, query: OplogFilter, target: Path,
                 exc: BaseException) -> None:
    """Record the failed export; a failure to record it must not hide `exc`."""
    reason = ("cancelled" if isinstance(exc, Cancelled | KeyboardInterrupt)
              else getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")
    try:
        oplog.append(ops.DATA_EXPORT, target_type="file", target_id=target.name,
                     result="FAIL", details={**_log_details(query, target), "reason": reason})
    except Exception:
        log.exception("could not record the failed export of %s", target.name)
