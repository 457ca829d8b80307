"""What "the profile survived" means after a kill or a full disk, checked from outside.

A crash test passes only if the database the next run opens is whole: SQLite's own
integrity check, both hash chains, and the tables the writer keeps beside `txn` (daily
totals, the search index, the zone map) agreeing with the rows, because a batch applied
halfway would show up there first. `sound_state` asserts all of that and returns what the
tests compare before and after (row counts, chain heads, sources, logged operations).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from app.hash_chain import chain_floor, chain_head
from app.oplog import verify_chain
from app.profile import open_for_reading
from app.storage import integrity_check
from app.transactions import CHAIN, RECORD_FIELDS, search_text, verify_txn_chain
from app.txn_rows import ZONE_BITS


@dataclass(frozen=True)
class ProfileState:
    """What a sound profile holds, for before/after comparisons."""

    txn_rows: int
    distinct_traces: int
    txn_head: tuple[int, str]
    txn_floor: tuple[int, str]
    oplog_entries: int
    operations: Counter[str]
    sources: frozenset[tuple[str, str]]


def sound_state(data_dir: Path) -> ProfileState:
    """Open the profile the way the next `posdesk` run does, assert it is whole (see the
    module docstring) and return its state."""
    db = open_for_reading(data_dir)
    try:
        problems = integrity_check(db)
        assert problems == [], f"PRAGMA integrity_check: {problems[:5]}"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        oplog = verify_chain(db)
        assert oplog.ok, f"operation log chain broken: {oplog.problem}"
        intact, bad_row, _ = verify_txn_chain(db)
        assert intact, f"transaction chain broken at row {bad_row}"
        _assert_derived_tables_agree(db)
        return _state(db, oplog.checked)
    finally:
        db.close()


def _assert_derived_tables_agree(db: sqlite_utils.Database) -> None:
    """Totals, search index and zone map hold exactly what `txn` holds: the writer and the
    purge change them in the same transaction as the rows."""
    rollup = ("SELECT cn_date, coalesce(terminal_id, ''), txn_type, channel, status, count(*), "
              "sum(amount_fen) FROM txn GROUP BY 1, 2, 3, 4, 5")
    kept = "SELECT cn_date, terminal_id, txn_type, channel, status, n, sum_fen FROM txn_daily"
    for first, second in ((rollup, kept), (kept, rollup)):
        differ = db.execute(f"{first} EXCEPT {second} LIMIT 5").fetchall()
        assert differ == [], f"daily totals disagree with the rows: {differ}"
    zones = (f"SELECT id >> {ZONE_BITS}, min(ts_utc_ms), max(ts_utc_ms) FROM txn GROUP BY 1")
    kept_zones = "SELECT zone, min_ts, max_ts FROM txn_zone"
    for first, second in ((zones, kept_zones), (kept_zones, zones)):
        differ = db.execute(f"{first} EXCEPT {second} LIMIT 5").fetchall()
        assert differ == [], f"zone map disagrees with the rows: {differ}"
    _assert_search_index_agrees(db)
    duplicates = db.execute(
        "SELECT trace_id, txn_type, coalesce(terminal_id, ''), count(*) FROM txn "
        "GROUP BY 1, 2, 3 HAVING count(*) > 1 LIMIT 5").fetchall()
    assert duplicates == [], f"the same transaction twice: {duplicates}"


def _assert_search_index_agrees(db: sqlite_utils.Database) -> None:
    """The index is internally sound, names no row that is gone, and misses only rows with
    nothing to search (the writer indexes a row only when it has search text)."""
    db.execute("INSERT INTO txn_text (txn_text, rank) VALUES ('integrity-check', 0)")
    stale = _count(db, "SELECT count(*) FROM txn_text WHERE rowid NOT IN (SELECT id FROM txn)")
    assert stale == 0, f"the search index still holds {stale:,} removed rows"
    missing = [row[0] for row in db.execute(
        f"SELECT id, {', '.join(RECORD_FIELDS)} FROM txn "
        "WHERE id NOT IN (SELECT rowid FROM txn_text)") if search_text(tuple(row[1:]))]
    assert missing == [], f"rows missing from the search index: {missing[:5]}"


def _state(db: sqlite_utils.Database, oplog_entries: int) -> ProfileState:
    operations = Counter(str(op) for (op,) in db.execute("SELECT op_type FROM oplog"))
    sources = frozenset((str(k), str(r)) for k, r in db.execute(
        "SELECT kind, ref FROM txn_source"))
    return ProfileState(
        txn_rows=_count(db, "SELECT count(*) FROM txn"),
        distinct_traces=_count(db, "SELECT count(DISTINCT trace_id) FROM txn"),
        txn_head=chain_head(db, CHAIN), txn_floor=chain_floor(db, CHAIN),
        oplog_entries=oplog_entries, operations=operations, sources=sources)


def _count(db: sqlite_utils.Database, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])
