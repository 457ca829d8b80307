"""Transaction records (spec 7.1) and the one write path every source uses.

Sync, import and the demo all call `TransactionWriter.write`: every record passes the
sensitive-data guard, duplicates (same terminal, trace id and type) are skipped, and a batch
is written in one SQLite transaction or not at all. Rows are append-only and hash-chained.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import sqlite_utils

from app import oplog as ops
from app.carddata import guard_record
from app.errors import SensitiveDataError
from app.hash_chain import GENESIS_HASH, chain_head, set_chain_head
from app.oplog import OperationLog
from app.shanghai_time import cn_date, cn_year

CHAIN = "txn"
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


_RECORD_FIELDS = tuple(
    f.name for f in dataclasses.fields(Transaction) if f.name != "parent_trace_id")
COLUMNS = ("app_txn_uuid", "dedup_key", "source_kind", "source_ref", *_RECORD_FIELDS,
           "cn_date", "cn_year", "parent_txn_id", "prev_hash", "row_hash")
_INSERT_COLUMNS = ("id", *COLUMNS)
_INSERT = (f"INSERT INTO txn ({', '.join(_INSERT_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})")


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

    def _run(self, records: Iterable[Transaction], source_kind: str, source_ref: str,
             keep: bool, log: bool) -> WriteResult:
        batch = list(records)
        for index, record in enumerate(batch):
            self._check(record, index, source_ref)
        try:
            with self.db.atomic():
                result = self._insert(batch, source_kind, source_ref, log=log)
                if not keep:
                    raise _RollBack(result)
        except _RollBack as rolled_back:
            return rolled_back.result
        return result

    def guard_raw(self, records: Iterable[Mapping[str, object]], source_ref: str) -> None:
        """Check records as a source sent them, before mapping (a terminal's journal entries,
        an imported file's rows): refusals are logged like those of `write`."""
        for index, raw in enumerate(records):
            self._guard(raw, index, source_ref)

    def _check(self, record: Transaction, index: int, source_ref: str) -> None:
        record.validate()
        self._guard(dataclasses.asdict(record), index, source_ref)

    def _guard(self, values: Mapping[str, object], index: int, source_ref: str) -> None:
        try:
            guard_record(values)
        except SensitiveDataError as exc:
            self.oplog.append(ops.SENSITIVE_DATA_BLOCKED, target_type="source",
                              target_id=source_ref, result="FAIL",
                              details={"record": index + 1, "field": exc.facts.get("field")})
            raise

    def _insert(self, batch: list[Transaction], source_kind: str, source_ref: str,
                log: bool) -> WriteResult:
        """Known keys and parents are looked up once per batch, ids are given out here (so a
        refund can point at a sale of the same batch), rows go in with one executemany."""
        count, head = chain_head(self.db, CHAIN)
        known = self._existing_keys([r.dedup_key() for r in batch])
        parents = self._parent_ids(batch)
        next_id = int(self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM txn").fetchone()[0])
        rows: list[list[object]] = []
        for record in batch:
            key = record.dedup_key()
            if key in known:
                continue
            known.add(key)
            parent = parents.get((record.parent_trace_id or "", record.terminal_id or ""))
            values = self._row(record, key, source_kind, source_ref, head, parent)
            values["id"] = next_id
            parents.setdefault((record.trace_id, record.terminal_id or ""), next_id)
            next_id += 1
            head = str(values["row_hash"])
            rows.append([values[c] for c in _INSERT_COLUMNS])
        if rows:
            self.db.conn.executemany(_INSERT, rows)
            set_chain_head(self.db, CHAIN, count + len(rows), head)
        result = WriteResult(len(rows), len(batch) - len(rows))
        if rows and log:
            self.oplog.append(ops.TRANSACTIONS_WRITTEN, target_type=source_kind.lower(),
                              target_id=source_ref,
                              details={"new": result.new, "duplicate": result.duplicate})
        return result

    def _existing_keys(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(keys)), 500):
            marks = ",".join("?" for _ in chunk)
            found.update(r[0] for r in self.db.execute(
                f"SELECT dedup_key FROM txn WHERE dedup_key IN ({marks})", chunk).fetchall())
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
        return found

    def _row(self, record: Transaction, key: str, source_kind: str, source_ref: str,
             prev_hash: str, parent_id: int | None) -> dict[str, object]:
        values: dict[str, object] = {name: getattr(record, name) for name in _RECORD_FIELDS}
        values.update(
            app_txn_uuid=str(uuid.uuid5(_UUID_NAMESPACE, key)),
            dedup_key=key,
            source_kind=source_kind,
            source_ref=source_ref,
            cn_date=cn_date(record.ts_utc_ms),
            cn_year=cn_year(record.ts_utc_ms),
            parent_txn_id=parent_id,
            prev_hash=prev_hash,
        )
        values["row_hash"] = txn_row_hash(values)
        return values


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def verify_txn_chain(db: sqlite_utils.Database) -> tuple[bool, int | None, int]:
    """(intact, first broken row id or None, rows checked): each row follows the one before
    it and still hashes to its row_hash; the head matches the last row (spec 7.1)."""
    expected = GENESIS_HASH
    checked = 0
    names = [c for c in COLUMNS if c != "row_hash"]
    cursor = db.execute(f"SELECT id, {', '.join(COLUMNS)} FROM txn ORDER BY id")
    for row in cursor:
        values = dict(zip(["id", *COLUMNS], row, strict=True))
        if values["prev_hash"] != expected or \
                txn_row_hash({n: values[n] for n in names}) != values["row_hash"]:
            return False, int(values["id"]), checked
        expected = str(values["row_hash"])
        checked += 1
    return chain_head(db, CHAIN) == (checked, expected), None, checked


class _RollBack(Exception):
    """Raised inside the transaction to roll a preview back; carries the counts."""

    def __init__(self, result: WriteResult) -> None:
        super().__init__("preview")
        self.result = result


def txn_row_hash(values: dict[str, object]) -> str:
    hashed = {k: v for k, v in values.items() if k != "row_hash"}
    canonical = json.dumps(hashed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

