"""Transaction records (spec 7.1) and the one write path every source uses.

Sync, import and the demo all call `TransactionWriter.write`: every record passes the
sensitive-data guard, duplicates (same terminal, trace id and type) are skipped, and a batch
is written in one SQLite transaction or not at all. Rows are append-only and hash-chained.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import operator
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import cast

import sqlite_utils

from app import oplog as ops
from app.carddata import guard_record, guard_values
from app.errors import SensitiveDataError
from app.hash_chain import GENESIS_HASH, chain_head, set_chain_head
from app.oplog import OperationLog
from app.shanghai_time import cn_date, now_ms

CHAIN = "txn"
ANY_TERMINAL = "\x00any"    # parent lookups by trace id alone (no terminal is named this)
_UUID_NAMESPACE = uuid.UUID("6f1c2b7e-3a5d-4c8e-9b1f-2d7e4a6c8b90")

TXN_TYPES = ("SALE", "REFUND", "VOID", "PREAUTH", "PREAUTH_COMPLETE")
CHANNELS = ("CARD", "NFC", "QR")
STATUSES = ("SUCCEEDED", "PENDING", "FAILED", "CANCELLED")


@dataclass(frozen=True, slots=True)
class Transaction:
    """One transaction as a source delivers it, already free of card data (first 6/last 4)."""

    trace_id: str
    txn_type: str
    channel: str
    amount_fen: int
    ts_utc_ms: int
    status: str = "SUCCEEDED"
    currency: str = "CNY"
    scheme: str | None = None
    terminal_id: str | None = None
    terminal_or_interface_type: str | None = None
    merchant_name: str | None = None
    merchant_code: str | None = None
    mcc: str | None = None
    payer_name_masked: str | None = None
    payer_account_masked: str | None = None
    payer_bank_name: str | None = None
    payee_name: str | None = None
    payee_account_masked: str | None = None
    payee_bank_name: str | None = None
    verification_tier: str | None = None
    factor_categories: str | None = None
    auth_code: str | None = None
    auth_ref: str | None = None
    rrn: str | None = None
    batch_no: str | None = None
    voucher_no: str | None = None
    pan_first6: str | None = None
    pan_last4: str | None = None
    pan_len: int | None = None
    pan_token: str | None = None
    purpose: str | None = None
    memo: str | None = None
    parent_trace_id: str | None = None   # the original of a refund or void

    def dedup_key(self) -> str:
        return f"{self.terminal_id or ''}|{self.trace_id}|{self.txn_type}"

    def validate(self) -> None:
        """Raise ValueError naming the field when a value is outside the schema."""
        checks = (("txn_type", TXN_TYPES), ("channel", CHANNELS), ("status", STATUSES))
        for name, allowed in checks:
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, "
                                 f"not {getattr(self, name)!r}")
        if not isinstance(self.amount_fen, int) or isinstance(self.amount_fen, bool):
            raise ValueError("amount_fen must be an integer number of fen")
        if not self.trace_id:
            raise ValueError("trace_id is required")
        if self.currency != "CNY":
            raise ValueError(f"currency must be CNY, not {self.currency!r}")


RECORD_FIELDS = tuple(
    f.name for f in dataclasses.fields(Transaction) if f.name != "parent_trace_id")
record_values = operator.attrgetter(*RECORD_FIELDS)
# Fields that can carry free text or identifiers: what the card-data guard looks at (the
# enumerations are validated, and numbers cannot hold track data).
_GUARDED_FIELDS = tuple(name for name in RECORD_FIELDS if name not in (
    "txn_type", "channel", "status", "currency", "amount_fen", "ts_utc_ms", "pan_len"))
_GUARDED_GETTER = operator.attrgetter(*_GUARDED_FIELDS)
# Every stored column but row_hash, in the order the row hash covers them (with prev_hash).
HASHED_COLUMNS = ("id", "source_id", *RECORD_FIELDS, "cn_date", "cn_year", "parent_txn_id",
                  "app_txn_uuid")
INSERT_SQL = (f"INSERT INTO txn ({', '.join(HASHED_COLUMNS)}, prev_hash, row_hash) "
           f"VALUES ({', '.join('?' for _ in HASHED_COLUMNS)}, ?, ?)")
_TEXT_FIELDS = ("merchant_name", "memo", "payer_name_masked", "payee_name", "payer_bank_name",
                "payee_bank_name")
_TEXT_INDEXES = tuple(RECORD_FIELDS.index(name) for name in _TEXT_FIELDS)
_ROLLUP_UPSERT = (
    "INSERT INTO txn_daily (cn_date, terminal_id, txn_type, channel, status, n, sum_fen) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n, "
    "sum_fen = sum_fen + excluded.sum_fen")


# The search zone map (migration 6): each block of 1024 ids' time span, kept per batch here
# rather than by a trigger (a per-row upsert halved raw insert speed at 1M rows).
ZONE_BITS = 10
_ZONE_UPSERT = (
    "INSERT INTO txn_zone (zone, min_ts, max_ts) VALUES (?, ?, ?) ON CONFLICT (zone) DO UPDATE "
    "SET min_ts = min(min_ts, excluded.min_ts), max_ts = max(max_ts, excluded.max_ts)")
_ID, _TS = HASHED_COLUMNS.index("id"), HASHED_COLUMNS.index("ts_utc_ms")


def _zones(rows: list[tuple[object, ...]]) -> list[tuple[int, int, int]]:
    spans: dict[int, list[int]] = {}
    for row in rows:
        ts = cast(int, row[_TS])
        span = spans.get(cast(int, row[_ID]) >> ZONE_BITS)
        if span is None:
            spans[cast(int, row[_ID]) >> ZONE_BITS] = [ts, ts]
        elif ts < span[0]:
            span[0] = ts
        elif ts > span[1]:
            span[1] = ts
    return [(zone, low, high) for zone, (low, high) in spans.items()]


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
                     log: bool = True) -> WriteResult:
        """Write any number of records in ONE transaction (an import: all or nothing), a
        batch at a time so memory stays flat. A refused record rolls everything back; the
        refusal is logged after the rollback. `keep=False` is the dry run: everything is
        done, then rolled back.

        (Overlapping the Python work with SQLite's on a helper thread was tried and gained
        nothing: every row's step gives up the GIL and then waits to get it back.)
        """
        try:
            with self.db.atomic():
                result = self._stream(records, source_kind, source_ref, batch_size)
                if not keep:
                    raise _RollBack(result)
                if log and result.new:
                    self._log_written(source_kind, source_ref, result)
        except _RollBack as rolled_back:
            return rolled_back.result
        except _Refused as refused:
            self._log_refusal(refused.error, refused.index, source_ref)
            raise refused.error from None
        return result

    def _stream(self, records: Iterable[Transaction], source_kind: str, source_ref: str,
                 batch_size: int) -> WriteResult:
        state = self._start(source_kind, source_ref)
        new = seen = 0
        for batch in _batched(records, batch_size):
            lookups = self._existing_keys(batch), self._parent_ids(batch)
            new += self._store(_prepare(batch, lookups, state, seen), state)
            seen += len(batch)
        return WriteResult(new, seen - new)

    def _run(self, records: Iterable[Transaction], source_kind: str, source_ref: str,
             keep: bool, log: bool) -> WriteResult:
        batch = list(records)
        try:
            for index, record in enumerate(batch):
                _checked(record, index)
        except _Refused as refused:
            self._log_refusal(refused.error, refused.index, source_ref)
            raise refused.error from None
        try:
            with self.db.atomic():
                state = self._start(source_kind, source_ref)
                lookups = self._existing_keys(batch), self._parent_ids(batch)
                new = self._store(_prepare(batch, lookups, state, 0, check=False), state)
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

    def _start(self, source_kind: str, source_ref: str) -> _State:
        count, head_hex = chain_head(self.db, CHAIN)
        next_id = int(self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM txn").fetchone()[0])
        return _State(source_for(self.db, source_kind, source_ref), next_id,
                      bytes.fromhex(head_hex), count)

    def _store(self, prepared: _Prepared, state: _State) -> int:
        """Insert a prepared batch with its search text and daily totals; move the head."""
        if prepared.rows:
            conn = self.db.conn
            conn.executemany(INSERT_SQL, prepared.rows)
            conn.executemany("INSERT INTO txn_text (rowid, body) VALUES (?, ?)", prepared.texts)
            conn.executemany(_ROLLUP_UPSERT,
                             [(*k, n, total) for k, (n, total) in prepared.rollup.items()])
            conn.executemany(_ZONE_UPSERT, _zones(prepared.rows))
            state.count += len(prepared.rows)
            set_chain_head(self.db, CHAIN, state.count, prepared.head.hex())
        return len(prepared.rows)

    def _existing_keys(self, batch: list[Transaction]) -> set[tuple[str, str, str]]:
        found: set[tuple[str, str, str]] = set()
        for chunk in _chunks(sorted({r.trace_id for r in batch}), 500):
            marks = ",".join("?" for _ in chunk)
            found.update(tuple(r) for r in self.db.execute(
                f"SELECT trace_id, txn_type, coalesce(terminal_id, '') FROM txn "
                f"WHERE trace_id IN ({marks})", chunk).fetchall())
        return found

    def _parent_ids(self, batch: list[Transaction]) -> dict[tuple[str, str], int]:
        """(trace id, terminal id) → row id of the originals this batch refers to."""
        wanted = sorted({r.parent_trace_id for r in batch if r.parent_trace_id})
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
class _State:
    """What a write carries from batch to batch: the source, the next id, the chain head,
    and the keys and ids it wrote itself (not yet visible to the next batch's lookups)."""

    source_id: int
    next_id: int
    head: bytes
    count: int
    written: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)
    parents: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)


@dataclass
class _Prepared:
    rows: list[tuple[object, ...]]
    texts: list[tuple[int, str]]
    rollup: dict[tuple[str, str, str, str, str], list[int]]
    head: bytes


class _Refused(Exception):
    def __init__(self, error: SensitiveDataError, index: int) -> None:
        super().__init__(error.message)
        self.error, self.index = error, index


def _checked(record: Transaction, index: int) -> Transaction:
    """Validate and guard one record; a card-data refusal carries the record's index."""
    record.validate()
    try:
        guard_values(_GUARDED_FIELDS, _GUARDED_GETTER(record))
        if record.parent_trace_id is not None:
            guard_values(("parent_trace_id",), (record.parent_trace_id,))
    except SensitiveDataError as exc:
        raise _Refused(exc, index) from None
    return record


def _prepare(batch: list[Transaction],
             lookups: tuple[set[tuple[str, str, str]], dict[tuple[str, str], int]],
             state: _State, first_index: int, check: bool = True) -> _Prepared:
    """Pure CPU work on a batch: check every record, skip known ones, give out ids (so a
    refund can point at a sale of the same batch), hash the chain, build search text and
    daily totals. Touches no database."""
    known, parents = lookups
    head = state.head
    rows: list[tuple[object, ...]] = []
    texts: list[tuple[int, str]] = []
    rollup: dict[tuple[str, str, str, str, str], list[int]] = {}
    for offset, record in enumerate(batch):
        if check:
            _checked(record, first_index + offset)
        key = (record.trace_id, record.txn_type, record.terminal_id or "")
        if key in known or key in state.written:
            continue
        state.written.add(key)
        parent_key = (record.parent_trace_id or "", key[2])
        parent = (parents.get(parent_key) or state.parents.get(parent_key)
                  or parents.get((parent_key[0], ANY_TERMINAL))
                  or state.parents.get((parent_key[0], ANY_TERMINAL)))
        fields = record_values(record)
        day = cn_date_fast(record.ts_utc_ms)
        row_id = state.next_id
        values = (row_id, state.source_id, *fields, day, int(day[:4]), parent, txn_uuid(key))
        prev, head = head, txn_row_hash(head, values)
        rows.append((*values, prev, head))
        text = search_text(fields)
        if text:
            texts.append((row_id, text))
        totals = rollup.setdefault((day, key[2], record.txn_type, record.channel,
                                    record.status), [0, 0])
        totals[0] += 1
        totals[1] += record.amount_fen
        state.parents.setdefault((record.trace_id, key[2]), row_id)
        state.parents.setdefault((record.trace_id, ANY_TERMINAL), row_id)
        state.next_id += 1
    state.head = head
    return _Prepared(rows, texts, rollup, head)


def _batched(records: Iterable[Transaction], size: int) -> Iterator[list[Transaction]]:
    batch: list[Transaction] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
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


def txn_uuid(key: tuple[str, str, str]) -> bytes:
    """app_txn_uuid (spec 7.1 item 4): uuid5 of "terminal|trace id|type", as 16 bytes;
    computed directly with SHA-1 (uuid.uuid5 builds objects a million times over)."""
    digest = bytearray(hashlib.sha1(_UUID_NS_BYTES + f"{key[2]}|{key[0]}|{key[1]}".encode(),
                                    usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return bytes(digest)


_UUID_NS_BYTES = _UUID_NAMESPACE.bytes


def txn_row_hash(prev_hash: bytes, values: tuple[object, ...]) -> bytes:
    """SHA-256 over the previous row's hash, this row's uuid (the last of HASHED_COLUMNS)
    and the other values in HASHED_COLUMNS order as a compact JSON array, UTF-8, non-ASCII
    unescaped: what json.dumps(values, ensure_ascii=False, separators=(",", ":")) gives."""
    canonical = _json_array(values[:-1]).encode("utf-8")
    return hashlib.sha256(prev_hash + cast(bytes, values[-1]) + canonical).digest()


def _json_array_encoder() -> Callable[[tuple[object, ...]], str]:
    """json.dumps builds a new encoder per call; a million rows want one C encoder, kept."""
    if c_make_encoder is None:       # no C accelerator: the same text, slower
        return lambda values: json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    encoder = c_make_encoder(None, None, encode_basestring, None, ":", ",", False, False, True)
    return lambda values: "".join(encoder(values, 0))


_json_array = _json_array_encoder()


def search_text(fields: tuple[object, ...]) -> str:
    """The free text of a record for FTS5: Chinese characters spaced so each is a token (the
    unicode61 tokenizer would keep a run of them as one word); searching runs a phrase."""
    parts = [fields[i] for i in _TEXT_INDEXES if fields[i]]
    return spaced_cjk(" ".join(str(p) for p in parts)) if parts else ""


@functools.lru_cache(maxsize=4096)
def spaced_cjk(text: str) -> str:
    """Cached: merchant names and memos repeat across a shop's rows."""
    return _CJK.sub(r" \g<0> ", text)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_DAYS: dict[int, str] = {}


def cn_date_fast(ts_utc_ms: int) -> str:
    """cn_date for bulk writes: Shanghai has kept UTC+8 without daylight saving since 1991,
    so the day is a division; earlier instants take the zoneinfo path."""
    if ts_utc_ms < _SINCE_1992_MS:
        return cn_date(ts_utc_ms)
    day = (ts_utc_ms + 28_800_000) // 86_400_000
    text = _DAYS.get(day)
    if text is None:
        text = _DAYS[day] = cn_date(ts_utc_ms)
    return text


_SINCE_1992_MS = 694_195_200_000


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def verify_txn_chain(db: sqlite_utils.Database) -> tuple[bool, int | None, int]:
    """(intact, first broken row id or None, rows checked): each row follows the one before
    it and still hashes to its row_hash; the head matches the last row (spec 7.1)."""
    expected = bytes.fromhex(GENESIS_HASH)
    checked = 0
    cursor = db.execute(f"SELECT {', '.join(HASHED_COLUMNS)}, prev_hash, row_hash FROM txn "
                        "ORDER BY id")
    for row in cursor:
        values, prev, stored = tuple(row[:-2]), row[-2], row[-1]
        if prev != expected or txn_row_hash(prev, values) != stored:
            return False, int(row[0]), checked
        expected = stored
        checked += 1
    return chain_head(db, CHAIN) == (checked, expected.hex()), None, checked


class _RollBack(Exception):
    """Raised inside the transaction to roll a preview back; carries the counts."""

    def __init__(self, result: WriteResult) -> None:
        super().__init__("preview")
        self.result = result
