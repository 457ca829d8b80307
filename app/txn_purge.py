"""Retention purge of old transactions (spec 6.3 TXN_RETENTION, Q-1): only on request.

Transactions are kept 5 years by default and the query window (the last year) is never
touched; SQLite's own trigger (migration 7) refuses a delete inside it whatever the app
asks. Rows are hash-chained by id, so a purge removes a prefix of the chain: the oldest ids
up to the first row that must stay. A row stays when it is newer than the cut-off, when a
kept refund or void points at it, or when a dispute names it. The chain floor records how
many rows went and the last one's hash, so what remains still verifies end to end.
The search index, daily totals and zone map lose exactly what the rows lose.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import sqlite_utils

from app import oplog as ops
from app.errors import PosDeskError
from app.hash_chain import chain_floor, set_chain_floor
from app.oplog import OperationLog
from app.shanghai_time import query_window_start, today_cn, years_before
from app.transactions import CHAIN, RECORD_FIELDS, search_text, verify_txn_chain
from app.txn_rows import ZONE_BITS

RETENTION_YEARS = 5
_BATCH = 5_000
_TEXT_DELETE = "INSERT INTO txn_text (txn_text, rowid, body) VALUES ('delete', ?, ?)"
_ROLLUP_DOWN = ("UPDATE txn_daily SET n = n - ?, sum_fen = sum_fen - ? WHERE cn_date = ? AND "
                "terminal_id = ? AND txn_type = ? AND channel = ? AND status = ?")


class PurgeError(PosDeskError):
    code = "purge_refused"


@dataclass(frozen=True)
class PurgePlan:
    """What a purge before `before` would remove: ids 1.. `through_id` of the chain."""

    before: dt.date
    rows: int               # rows to remove
    through_id: int         # the last id removed (0: nothing)
    oldest: str | None      # the oldest and newest Shanghai dates among them
    newest: str | None
    older_kept: int         # rows older than `before` that must stay (see the module doc)


def default_cutoff(today: dt.date | None = None) -> dt.date:
    """The first day kept by default: 5 years back, Feb 28 for a missing Feb 29 (the
    earlier day, so at least the full term is kept)."""
    return years_before(today or today_cn(), RETENTION_YEARS, on_missing_feb29="earlier")


def plan_purge(db: sqlite_utils.Database, before: dt.date,
               today: dt.date | None = None) -> PurgePlan:
    """The rows dated before `before` that can go; refuses a cut-off inside the window."""
    window = query_window_start(today or today_cn())
    if before > window:
        raise PurgeError(
            f"{before.isoformat()} is inside the query window, which starts "
            f"{window.isoformat()}: transactions from the last year are never purged",
            why="window", before=before.isoformat(),
            window_start=window.isoformat())
    cutoff = before.isoformat()
    through = _purgeable_prefix(db, cutoff)
    rows, oldest, newest = db.execute(
        "SELECT count(*), min(cn_date), max(cn_date) FROM txn WHERE id <= ?",
        [through]).fetchone()
    older = db.execute("SELECT count(*) FROM txn WHERE cn_date < ?", [cutoff]).fetchone()[0]
    return PurgePlan(before, int(rows), through, oldest, newest, int(older) - int(rows))


def _purgeable_prefix(db: sqlite_utils.Database, cutoff: str) -> int:
    """The largest id such that every row up to it is older than the cut-off and nothing
    kept refers to it. Kept rows only ever point at lower ids, so lowering the bound until
    no kept row points below it settles in a few rounds."""
    first_kept = db.execute("SELECT min(id) FROM txn WHERE cn_date >= ?", [cutoff]).fetchone()[0]
    through = (int(first_kept) - 1 if first_kept is not None
               else int(db.execute("SELECT coalesce(max(id), 0) FROM txn").fetchone()[0]))
    while through > 0:
        pinned = db.execute(
            "SELECT min(x) FROM (SELECT min(parent_txn_id) AS x FROM txn "
            "WHERE parent_txn_id <= ? AND id > ? UNION ALL "
            "SELECT min(txn_id) FROM dispute WHERE txn_id <= ?)",
            [through, through, through]).fetchone()[0]
        if pinned is None:
            break
        through = int(pinned) - 1
    return through


def run_purge(db: sqlite_utils.Database, oplog: OperationLog, plan: PurgePlan,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Remove the planned rows in one transaction, after checking the chain; log it."""
    intact, bad_id, _ = verify_txn_chain(db)
    if not intact:
        raise PurgeError(f"the transaction chain is broken at row {bad_id}; nothing was "
                         "purged (a purge would hide the evidence)", why="broken",
                         bad_id=bad_id)
    with db.atomic():
        if _purgeable_prefix(db, plan.before.isoformat()) != plan.through_id:
            raise PurgeError("the transactions changed since the purge was planned; "
                             "plan it again", why="changed")
        removed = _remove(db, plan.through_id, progress)
        oplog.append(ops.TRANSACTIONS_PURGED, target_type="txn", target_id=CHAIN,
                     details={"before": plan.before.isoformat(), "rows": removed,
                              "through_id": plan.through_id, "oldest": plan.oldest,
                              "newest": plan.newest})
    return removed


def _remove(db: sqlite_utils.Database, through_id: int,
            progress: Callable[[int, int], None] | None) -> int:
    purged, _ = chain_floor(db, CHAIN)
    conn = db.conn
    columns = ", ".join(("id", "row_hash", "cn_date", "terminal_id", "txn_type", "channel",
                         "status", "amount_fen", *RECORD_FIELDS))
    done, last_hash, start = 0, None, 0
    while start < through_id:
        rows = conn.execute(f"SELECT {columns} FROM txn WHERE id > ? AND id <= ? ORDER BY id "
                            f"LIMIT {_BATCH}", [start, through_id]).fetchall()
        if not rows:
            break
        _forget(conn, rows)
        start, last_hash = int(rows[-1][0]), rows[-1][1]
        done += len(rows)
        if progress:
            progress(done, through_id)
    conn.execute("DELETE FROM txn WHERE id <= ?", [through_id])
    conn.execute("DELETE FROM scenario_flag WHERE txn_id <= ?", [through_id])
    conn.execute("DELETE FROM txn_daily WHERE n <= 0")
    _rezone(conn, through_id)
    if last_hash is not None:
        set_chain_floor(db, CHAIN, purged + done, bytes(last_hash).hex())
    return done


def _forget(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    """Take a batch out of the search index (a contentless FTS5 table deletes a row given
    the exact text it was indexed with: rebuilt here by the writer's own function) and out
    of the daily totals."""
    texts: list[tuple[object, str]] = []
    totals: dict[tuple[object, ...], list[int]] = {}
    for row in rows:
        text = search_text(tuple(row[8:]))
        if text:
            texts.append((row[0], text))
        day = totals.setdefault((row[2], row[3] or "", row[4], row[5], row[6]), [0, 0])
        day[0] += 1
        day[1] += cast(int, row[7])
    conn.executemany(_TEXT_DELETE, texts)
    conn.executemany(_ROLLUP_DOWN, [(n, fen, *key) for key, (n, fen) in totals.items()])


def _rezone(conn: sqlite3.Connection, through_id: int) -> None:
    """Zones wholly purged go; the one the cut runs through is measured again."""
    last = through_id >> ZONE_BITS
    conn.execute("DELETE FROM txn_zone WHERE zone <= ?", [last])
    conn.execute(
        "INSERT INTO txn_zone (zone, min_ts, max_ts) SELECT id >> ?, min(ts_utc_ms), "
        "max(ts_utc_ms) FROM txn WHERE id >> ? = ? GROUP BY 1", [ZONE_BITS, ZONE_BITS, last])
