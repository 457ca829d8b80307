"""The one write path every source of transactions uses (spec 7.1).

Sync, import and the demo all call `TransactionWriter`: every record passes the
sensitive-data guard, duplicates (same terminal, trace id and type) are skipped, and a write
lands in one SQLite transaction or not at all. Rows are append-only and hash-chained. How a
record becomes a row is app/txn_rows.py; a long import prepares its rows in a helper process
(app/write_worker.py) while this one stores the batch before.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import sqlite_utils

from app import oplog as ops
from app.carddata import guard_record
from app.errors import SensitiveDataError
from app.hash_chain import chain_floor, chain_head, set_chain_head
from app.oplog import OperationLog
from app.scenario_flags import refresh_flags
from app.shanghai_time import now_ms
from app.txn_rows import (
    ANY_TERMINAL,
    CHANNELS,
    HASHED_COLUMNS,
    INSERT_SQL,
    RECORD_FIELDS,
    STATUSES,
    TXN_TYPES,
    ZONE_BITS,
    Lookups,
    Prepared,
    Refused,
    State,
    Transaction,
    check_values,
    cn_date_fast,
    input_values,
    prepare,
    record_values,
    search_text,
    spaced_cjk,
    txn_row_hash,
    txn_uuid,
)
from app.write_worker import PreparingProcess

__all__ = [
    "ANY_TERMINAL", "CHANNELS", "HASHED_COLUMNS", "INSERT_SQL", "RECORD_FIELDS", "STATUSES",
    "TXN_TYPES", "ZONE_BITS", "Transaction", "TransactionWriter", "WriteResult",
    "cn_date_fast", "record_values", "search_text", "source_for", "spaced_cjk",
    "txn_row_hash", "txn_uuid", "verify_txn_chain",
]

CHAIN = "txn"
_ROLLUP_UPSERT = (
    "INSERT INTO txn_daily (cn_date, terminal_id, txn_type, channel, status, n, sum_fen) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n, "
    "sum_fen = sum_fen + excluded.sum_fen")
# The search zone map (migration 6) is kept per batch here rather than by a trigger (a
# per-row upsert halved raw insert speed at 1M rows).
_ZONE_UPSERT = (
    "INSERT INTO txn_zone (zone, min_ts, max_ts) VALUES (?, ?, ?) ON CONFLICT (zone) DO UPDATE "
    "SET min_ts = min(min_ts, excluded.min_ts), max_ts = max(max_ts, excluded.max_ts)")
# A write longer than this hands its row preparation to a helper process (a few hundred
# milliseconds to start, so only where it pays back).
INLINE_ROWS = 10_000


@dataclass(frozen=True)
class WriteResult:
    new: int
    duplicate: int


class TransactionWriter:
    def __init__(self, db: sqlite_utils.Database, oplog: OperationLog) -> None:
        self.db = db
        self.oplog = oplog

    def write(self, records: Iterable[Transaction], *, source_kind: str,
              source_ref: str, log_batch: bool = True) -> WriteResult:
        """Write a batch all-or-nothing; returns how many rows were new and how many known.

        Every record is checked before anything is written. A record carrying card data is
        refused: the refusal is logged (field name only) and nothing of the batch is kept.
        Callers that record one summary for many batches (a sync, the demo) pass
        `log_batch=False`.
        """
        return self._run(records, source_kind, source_ref, keep=True, log=log_batch)

    def preview(self, records: Iterable[Transaction], *, source_kind: str,
                source_ref: str) -> WriteResult:
        """What `write` would do (a dry run): really written, then rolled back."""
        return self._run(records, source_kind, source_ref, keep=False, log=False)

    def write_stream(self, records: Iterable[Transaction], *, source_kind: str,
                     source_ref: str, batch_size: int = 5_000, keep: bool = True,
                     log: bool = True, inline_rows: int = INLINE_ROWS) -> WriteResult:
        """Write any number of records in ONE transaction (an import: all or nothing), a
        batch at a time so memory stays flat. A refused record rolls everything back; the
        refusal is logged after the rollback. `keep=False` is the dry run: everything is
        done, then rolled back. After `inline_rows` records the rest are prepared by a
        helper process, overlapped with storing (see app/write_worker.py).
        """
        try:
            with self.db.atomic():
                result = self._stream(records, source_kind, source_ref, batch_size,
                                      inline_rows)
                if not keep:
                    raise _RollBack(result)
                if log and result.new:
                    self._log_written(source_kind, source_ref, result)
        except _RollBack as rolled_back:
            return rolled_back.result
        except Refused as refused:
            self._log_refusal(refused.error, refused.index, source_ref)
            raise refused.error from None
        return result

    def _stream(self, records: Iterable[Transaction], source_kind: str, source_ref: str,
                batch_size: int, inline_rows: int) -> WriteResult:
        write = self._start(source_kind, source_ref)
        batches = _batched(records, batch_size)
        new = seen = 0
        while seen < inline_rows and (batch := next(batches, None)) is not None:
            new += self._store(prepare(batch, self._lookups(batch), write.rows, seen), write)
            seen += len(batch)
        first = next(batches, None)
        if first is None:
            refresh_flags(self.db, write.days)
            return WriteResult(new, seen - new)
        worker = PreparingProcess(write.rows)
        try:
            worker.send(worker.pack(first, self._lookups(first), seen))
            seen += len(first)
            for batch in batches:
                # Looked up and packed while the helper prepares the batch before; its
                # answer is read, this batch sent, and only then is the answer stored.
                packed = worker.pack(batch, self._lookups(batch), seen)
                prepared = worker.exchange(packed)
                seen += len(batch)
                new += self._store(prepared, write)
            new += self._store(worker.exchange(None), write)
        finally:
            worker.close()
        refresh_flags(self.db, write.days)
        return WriteResult(new, seen - new)

    def _run(self, records: Iterable[Transaction], source_kind: str, source_ref: str,
             keep: bool, log: bool) -> WriteResult:
        batch = [input_values(record) for record in records]
        try:
            for index, values in enumerate(batch):
                check_values(values, index)
        except Refused as refused:
            self._log_refusal(refused.error, refused.index, source_ref)
            raise refused.error from None
        try:
            with self.db.atomic():
                write = self._start(source_kind, source_ref)
                new = self._store(prepare(batch, self._lookups(batch), write.rows, 0,
                                          check=False), write)
                refresh_flags(self.db, write.days)
                result = WriteResult(new, len(batch) - new)
                if log and new:
                    self._log_written(source_kind, source_ref, result)
                if not keep:
                    raise _RollBack(result)
        except _RollBack as rolled_back:
            return rolled_back.result
        return result

    def guard_raw(self, records: Iterable[Mapping[str, object]], source_ref: str) -> None:
        """Check records as a source sent them, before mapping (a terminal's journal entries,
        an imported file's rows): refusals are logged like those of `write`."""
        for index, raw in enumerate(records):
            try:
                guard_record(raw)
            except SensitiveDataError as exc:
                self._log_refusal(exc, index, source_ref)
                raise

    def _log_refusal(self, exc: SensitiveDataError, index: int, source_ref: str) -> None:
        self.oplog.append(ops.SENSITIVE_DATA_BLOCKED, target_type="source",
                          target_id=source_ref, result="FAIL",
                          details={"record": index + 1, "field": exc.facts.get("field")})

    def _log_written(self, source_kind: str, source_ref: str, result: WriteResult) -> None:
        self.oplog.append(ops.TRANSACTIONS_WRITTEN, target_type=source_kind.lower(),
                          target_id=source_ref,
                          details={"new": result.new, "duplicate": result.duplicate})

    def _start(self, source_kind: str, source_ref: str) -> _Write:
        count, head_hex = chain_head(self.db, CHAIN)
        next_id = int(self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM txn").fetchone()[0])
        state = State(source_for(self.db, source_kind, source_ref), next_id,
                      bytes.fromhex(head_hex))
        return _Write(state, count)

    def _store(self, prepared: Prepared, write: _Write) -> int:
        """Insert a prepared batch with its search text and daily totals; move the head."""
        if prepared.rows:
            conn = self.db.conn
            conn.executemany(INSERT_SQL, prepared.rows)
            conn.executemany("INSERT INTO txn_text (rowid, body) VALUES (?, ?)", prepared.texts)
            conn.executemany(_ROLLUP_UPSERT,
                             [(*k, n, total) for k, (n, total) in prepared.rollup.items()])
            conn.executemany(_ZONE_UPSERT, prepared.zones)
            write.days.update(key[0] for key in prepared.rollup)
            write.count += len(prepared.rows)
            set_chain_head(self.db, CHAIN, write.count, prepared.head.hex())
        return len(prepared.rows)

    def _lookups(self, batch: list[tuple[object, ...]]) -> Lookups:
        return self._existing_keys(batch), self._parent_ids(batch)

    def _existing_keys(self, batch: list[tuple[object, ...]]) -> set[tuple[str, str, str]]:
        found: set[tuple[str, str, str]] = set()
        for chunk in _chunks(sorted({str(values[_TRACE]) for values in batch}), 500):
            marks = ",".join("?" for _ in chunk)
            found.update(tuple(r) for r in self.db.execute(
                f"SELECT trace_id, txn_type, coalesce(terminal_id, '') FROM txn "
                f"WHERE trace_id IN ({marks})", chunk).fetchall())
        return found

    def _parent_ids(self, batch: list[tuple[object, ...]]) -> dict[tuple[str, str], int]:
        """(trace id, terminal id) → row id of the originals this batch refers to."""
        wanted = sorted({str(values[-1]) for values in batch if values[-1]})
        found: dict[tuple[str, str], int] = {}
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" for _ in chunk)
            for trace_id, terminal_id, row_id in self.db.execute(
                    f"SELECT trace_id, coalesce(terminal_id, ''), min(id) FROM txn "
                    f"WHERE trace_id IN ({marks}) GROUP BY 1, 2", chunk).fetchall():
                found[(trace_id, terminal_id)] = int(row_id)
        # A statement may name the refund's device and not the payment's (or another one):
        # then the trace id alone links them, when exactly one terminal has that trace.
        terminals_per_trace: dict[str, list[int]] = {}
        for (trace_id, _), row_id in found.items():
            terminals_per_trace.setdefault(trace_id, []).append(row_id)
        for trace_id, row_ids in terminals_per_trace.items():
            if len(row_ids) == 1:
                found[(trace_id, ANY_TERMINAL)] = row_ids[0]
        return found


@dataclass
class _Write:
    """One write's rows state (handed to the helper process if there is one), the chain
    length the head is stored with, and the Shanghai days it touched (to re-flag)."""

    rows: State
    count: int
    days: set[str] = field(default_factory=set)


_TRACE = RECORD_FIELDS.index("trace_id")


def _batched(records: Iterable[Transaction], size: int) -> Iterator[list[tuple[object, ...]]]:
    """Records as value tuples (what preparing works on and what pickles cheaply)."""
    values = map(input_values, records)
    while batch := list(itertools.islice(values, size)):
        yield batch


def source_for(db: sqlite_utils.Database, kind: str, ref: str,
               detail: Mapping[str, object] | None = None) -> int:
    """The id of a transaction source (a terminal's sync, an imported file), made once."""
    row = db.execute("SELECT id FROM txn_source WHERE kind = ? AND ref = ?", [kind, ref]).fetchone()
    if row:
        return int(row[0])
    cursor = db.execute(
        "INSERT INTO txn_source (kind, ref, detail_json, created_at_utc_ms) VALUES (?, ?, ?, ?)",
        [kind, ref, json.dumps(dict(detail or {}), ensure_ascii=False), now_ms()])
    return int(cursor.lastrowid or 0)



def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def verify_txn_chain(db: sqlite_utils.Database) -> tuple[bool, int | None, int]:
    """(intact, first broken row id or None, rows checked): each row follows the one before
    it (the first, the floor a purge left) and still hashes to its row_hash; the head
    matches the last row and counts the purged ones too (spec 7.1)."""
    purged, floor = chain_floor(db, CHAIN)
    expected = bytes.fromhex(floor)
    checked = 0
    cursor = db.execute(f"SELECT {', '.join(HASHED_COLUMNS)}, prev_hash, row_hash FROM txn "
                        "ORDER BY id")
    for row in cursor:
        values, prev, stored = tuple(row[:-2]), row[-2], row[-1]
        if prev != expected or txn_row_hash(prev, values) != stored:
            return False, int(row[0]), checked
        expected = stored
        checked += 1
    return chain_head(db, CHAIN) == (purged + checked, expected.hex()), None, checked


class _RollBack(Exception):
    """Raised inside the transaction to roll a preview back; carries the counts."""

    def __init__(self, result: WriteResult) -> None:
        super().__init__("preview")
        self.result = result
