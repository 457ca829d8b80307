"""How a transaction record becomes a stored `txn` row: pure CPU work, no database.

Validation, the card-data guard, ids, the hash chain (spec 7.1), search text and daily
totals. The writer (app/transactions.py) runs it inline, or, for a long import, in a helper
process (app/write_worker.py) while it spends its own time inside SQLite. So everything
here works on plain value tuples that pickle cheaply, never on Transaction objects.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import operator
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import cast

from app.carddata import guard_values
from app.errors import SensitiveDataError
from app.shanghai_time import cn_date

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
        validate_values(input_values(self))


RECORD_FIELDS = tuple(
    f.name for f in dataclasses.fields(Transaction) if f.name != "parent_trace_id")
record_values = operator.attrgetter(*RECORD_FIELDS)
# What the preparation works on: the stored fields, then the parent's trace id.
input_values: Callable[[Transaction], tuple[object, ...]] = operator.attrgetter(
    *RECORD_FIELDS, "parent_trace_id")
_TRACE, _TYPE, _CHANNEL, _AMOUNT, _TS, _STATUS, _CURRENCY, _TERMINAL = (
    RECORD_FIELDS.index(name) for name in ("trace_id", "txn_type", "channel", "amount_fen",
                                           "ts_utc_ms", "status", "currency", "terminal_id"))
_PARENT = len(RECORD_FIELDS)
# Fields that can carry free text or identifiers: what the card-data guard looks at (the
# enumerations are validated, and numbers cannot hold track data).
_GUARDED_FIELDS = tuple(name for name in RECORD_FIELDS if name not in (
    "txn_type", "channel", "status", "currency", "amount_fen", "ts_utc_ms", "pan_len"))
_guarded = operator.itemgetter(*(RECORD_FIELDS.index(name) for name in _GUARDED_FIELDS))
# Every stored column but row_hash, in the order the row hash covers them (with prev_hash).
HASHED_COLUMNS = ("id", "source_id", *RECORD_FIELDS, "cn_date", "cn_year", "parent_txn_id",
                  "app_txn_uuid")
INSERT_SQL = (f"INSERT INTO txn ({', '.join(HASHED_COLUMNS)}, prev_hash, row_hash) "
              f"VALUES ({', '.join('?' for _ in HASHED_COLUMNS)}, ?, ?)")
_TEXT_FIELDS = ("merchant_name", "memo", "payer_name_masked", "payee_name", "payer_bank_name",
                "payee_bank_name")
_TEXT_INDEXES = tuple(RECORD_FIELDS.index(name) for name in _TEXT_FIELDS)
_CHECKS = ((_TYPE, "txn_type", TXN_TYPES), (_CHANNEL, "channel", CHANNELS),
           (_STATUS, "status", STATUSES))

# The search zone map (migration 6): each block of 1024 ids' time span.
ZONE_BITS = 10
_ID, _ROW_TS = HASHED_COLUMNS.index("id"), HASHED_COLUMNS.index("ts_utc_ms")


def validate_values(values: tuple[object, ...]) -> None:
    """Raise ValueError naming the field when a value is outside the schema."""
    for index, name, allowed in _CHECKS:
        if values[index] not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}, "
                             f"not {values[index]!r}")
    amount = values[_AMOUNT]
    if amount.__class__ is not int:
        raise ValueError("amount_fen must be an integer number of fen")
    if not values[_TRACE]:
        raise ValueError("trace_id is required")
    if values[_CURRENCY] != "CNY":
        raise ValueError(f"currency must be CNY, not {values[_CURRENCY]!r}")


class Refused(Exception):
    """A record carried card data; `index` counts records from the start of the write."""

    def __init__(self, error: SensitiveDataError, index: int) -> None:
        super().__init__(error.message)
        self.error, self.index = error, index


def check_values(values: tuple[object, ...], index: int) -> None:
    """Validate and guard one record; a card-data refusal carries the record's index."""
    validate_values(values)
    try:
        guard_values(_GUARDED_FIELDS, _guarded(values))
        if values[_PARENT] is not None:
            guard_values(("parent_trace_id",), (values[_PARENT],))
    except SensitiveDataError as exc:
        raise Refused(exc, index) from None


@dataclass
class State:
    """What a write carries from batch to batch: the source, the next id, the chain head,
    and the keys and ids of the rows it wrote that the next lookups may not see yet.

    The writer looks a batch up before the batch ahead of it is stored (that is what lets a
    helper process prepare one while the other is stored), so the keys of this batch and
    the one before are kept, and no more: memory stays flat however long the import.
    """

    source_id: int
    next_id: int
    head: bytes
    written: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)
    parents: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)
    written_before: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)
    parents_before: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)

    def next_batch(self) -> None:
        self.written_before, self.written = self.written, set()
        self.parents_before, self.parents = self.parents, {}

    def own_parent(self, key: tuple[str, str]) -> int | None:
        return self.parents.get(key) or self.parents_before.get(key)


@dataclass
class Prepared:
    rows: list[tuple[object, ...]]
    texts: list[tuple[int, str]]
    rollup: dict[tuple[str, str, str, str, str], list[int]]
    head: bytes
    zones: list[tuple[int, int, int]]


Lookups = tuple[set[tuple[str, str, str]], dict[tuple[str, str], int]]


def prepare(batch: list[tuple[object, ...]], lookups: Lookups, state: State,
            first_index: int, check: bool = True) -> Prepared:
    """Check every record, skip known ones, give out ids (so a refund can point at a sale
    of the same batch), hash the chain, build search text and daily totals."""
    known, parents = lookups
    state.next_batch()
    written, written_before, own = state.written, state.written_before, state.parents
    head = state.head
    rows: list[tuple[object, ...]] = []
    texts: list[tuple[int, str]] = []
    rollup: dict[tuple[str, str, str, str, str], list[int]] = {}
    for offset, values in enumerate(batch):
        if check:
            check_values(values, first_index + offset)
        trace_id, txn_type = cast(str, values[_TRACE]), cast(str, values[_TYPE])
        terminal = cast(str, values[_TERMINAL] or "")
        key = (trace_id, txn_type, terminal)
        if key in known or key in written or key in written_before:
            continue
        written.add(key)
        parent = _parent_id(cast(str, values[_PARENT] or ""), terminal, parents, state)
        fields = values[:_PARENT]
        day = cn_date_fast(cast(int, values[_TS]))
        row_id = state.next_id
        row = (row_id, state.source_id, *fields, day, int(day[:4]), parent, txn_uuid(key))
        prev, head = head, txn_row_hash(head, row)
        rows.append((*row, prev, head))
        text = search_text(fields)
        if text:
            texts.append((row_id, text))
        totals = rollup.setdefault(
            (day, terminal, txn_type, cast(str, values[_CHANNEL]), cast(str, values[_STATUS])),
            [0, 0])
        totals[0] += 1
        totals[1] += cast(int, values[_AMOUNT])
        own.setdefault((trace_id, terminal), row_id)
        own.setdefault((trace_id, ANY_TERMINAL), row_id)
        state.next_id += 1
    state.head = head
    return Prepared(rows, texts, rollup, head, zones(rows))


def _parent_id(trace_id: str, terminal: str, found: dict[tuple[str, str], int],
               state: State) -> int | None:
    """The original's row id: on the same terminal first, else by trace id alone."""
    if not trace_id:
        return None
    key, anywhere = (trace_id, terminal), (trace_id, ANY_TERMINAL)
    return (found.get(key) or state.own_parent(key) or found.get(anywhere)
            or state.own_parent(anywhere))


def zones(rows: list[tuple[object, ...]]) -> list[tuple[int, int, int]]:
    """(zone, earliest, latest) of each block of ids in a prepared batch."""
    spans: dict[int, list[int]] = {}
    for row in rows:
        ts = cast(int, row[_ROW_TS])
        zone = cast(int, row[_ID]) >> ZONE_BITS
        span = spans.get(zone)
        if span is None:
            spans[zone] = [ts, ts]
        elif ts < span[0]:
            span[0] = ts
        elif ts > span[1]:
            span[1] = ts
    return [(zone, low, high) for zone, (low, high) in spans.items()]


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
