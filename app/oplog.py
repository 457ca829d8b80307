"""The operation log of spec section 8 (Art. 16): append-only and hash-chained.

Each row's hash covers its id, its fields and the previous row's hash, so an edited,
deleted or reordered row breaks the chain at a place `verify_chain` can name. The chain
head (count + last hash) is kept in chain_heads, so a cut-off tail is detected too.
Details pass through the scrubber: no secrets or card data can be written here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import sqlite_utils

from app.hash_chain import chain_floor, chain_head, set_chain_head
from app.scrubber import scrub_mapping
from app.shanghai_time import now_ms, to_datetime, years_after

CHAIN = "oplog"
RETENTION_YEARS = 5

# Operation types (spec section 8 items and the app's own additions).
LOGIN = "LOGIN"
LOGOUT = "LOGOUT"
DEMO_CREATED = "DEMO_CREATED"
SETTINGS_CHANGED = "SETTINGS_CHANGED"
SENSITIVE_DATA_BLOCKED = "SENSITIVE_DATA_BLOCKED"
SENSITIVE_DATA_SCAN = "SENSITIVE_DATA_SCAN"       # SD-3: counts per place and kind, never values
INTEGRITY_CHECK_FAILED = "INTEGRITY_CHECK_FAILED"
TERMINAL_ADDED = "TERMINAL_ADDED"
TERMINAL_PAIR = "TERMINAL_PAIR"
TERMINAL_UNPAIR = "TERMINAL_UNPAIR"
TERMINAL_BLOCK = "TERMINAL_BLOCK"
TERMINAL_SYNC = "TERMINAL_SYNC"
TERMINAL_UNBLOCK = "TERMINAL_UNBLOCK"
TERMINAL_CONFIG = "TERMINAL_CONFIG"
POLICY_UPDATED = "POLICY_UPDATED"
POLICY_KEY_TRUSTED = "POLICY_KEY_TRUSTED"
TRANSACTIONS_WRITTEN = "TRANSACTIONS_WRITTEN"
TRANSACTIONS_IMPORTED = "TRANSACTIONS_IMPORTED"
DATA_EXPORT = "DATA_EXPORT"
DISPUTE = "DISPUTE"
IMPORT_MAPPING_SAVED = "IMPORT_MAPPING_SAVED"
TRANSACTIONS_PURGED = "TRANSACTIONS_PURGED"
PROVISIONING_KEY_CREATED = "PROVISIONING_KEY_CREATED"   # the merchant's code-signing key
PROVISIONING_ISSUED = "PROVISIONING_ISSUED"   # a provisioning code was made (never its text)
HANDOVER_RECEIPT = "HANDOVER_RECEIPT"         # a terminal reported applying a code
OPLOG_PURGED = "OPLOG_PURGED"                 # retention purge (app/oplog_purge.py)

_HASHED = (
    "id", "occurred_at_utc_ms", "effective_at_utc_ms", "actor_id", "actor_role", "device_id",
    "op_type", "target_type", "target_id", "result", "factor_categories_used", "details_json",
    "purge_not_before", "prev_hash",
)
COLUMNS = (*_HASHED, "row_hash")


@dataclass(frozen=True)
class Actor:
    """Who acts: recorded on every entry."""

    actor_id: str
    role: str
    device_id: str


@dataclass(frozen=True)
class OplogEntry:
    id: int
    occurred_at_utc_ms: int
    effective_at_utc_ms: int
    actor_id: str
    actor_role: str
    device_id: str
    op_type: str
    target_type: str | None
    target_id: str | None
    result: str
    factor_categories_used: str | None
    details_json: str
    purge_not_before: str
    prev_hash: str
    row_hash: str

    @property
    def details(self) -> dict[str, object]:
        return json.loads(self.details_json)


def row_hash(values: Mapping[str, object]) -> str:
    canonical = json.dumps([values[name] for name in _HASHED], ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def purge_not_before(effective_at_utc_ms: int) -> str:
    """Effective Shanghai date + 5 years; Feb 29 moves to Mar 1 (kept at least 5 years)."""
    day = to_datetime(effective_at_utc_ms).date()
    return years_after(day, RETENTION_YEARS, on_missing_feb29="later").isoformat()


class OperationLog:
    def __init__(self, db: sqlite_utils.Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self._stamp: str | None = None

    @contextlib.contextmanager
    def verified_as(self, categories: str | None) -> Iterator[None]:
        """Entries appended inside carry these factor categories (the operator's step-up
        proof, app/operator_check.py) unless they name their own."""
        previous, self._stamp = self._stamp, categories
        try:
            yield
        finally:
            self._stamp = previous

    def append(
        self,
        op_type: str,
        *,
        target_type: str | None = None,
        target_id: str | None = None,
        result: str = "SUCCESS",
        factor_categories: str | None = None,
        details: Mapping[str, object] | None = None,
        effective_at_utc_ms: int | None = None,
    ) -> OplogEntry:
        """Append one entry atomically (nested inside the caller's transaction if any)."""
        occurred = now_ms()
        effective = occurred if effective_at_utc_ms is None else effective_at_utc_ms
        with self.db.atomic():
            count, head = chain_head(self.db, CHAIN)
            values: dict[str, object] = {
                "id": _next_id(self.db),
                "occurred_at_utc_ms": occurred,
                "effective_at_utc_ms": effective,
                "actor_id": self.actor.actor_id,
                "actor_role": self.actor.role,
                "device_id": self.actor.device_id,
                "op_type": op_type,
                "target_type": target_type,
                "target_id": target_id,
                "result": result,
                "factor_categories_used": factor_categories or self._stamp,
                "details_json": json.dumps(scrub_mapping(details or {}), ensure_ascii=False,
                                           sort_keys=True),
                "purge_not_before": purge_not_before(effective),
                "prev_hash": head,
            }
            values["row_hash"] = row_hash(values)
            placeholders = ", ".join("?" for _ in COLUMNS)
            self.db.execute(f"INSERT INTO oplog ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                            [values[c] for c in COLUMNS])
            set_chain_head(self.db, CHAIN, count + 1, str(values["row_hash"]))
        return OplogEntry(**values)  # type: ignore[arg-type]


def _next_id(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM oplog").fetchone()[0])


def entries(db: sqlite_utils.Database, *, before_id: int | None = None,
            limit: int = 200) -> list[OplogEntry]:
    """Newest first, a page at a time (keyset on id)."""
    where = "WHERE id < ?" if before_id is not None else ""
    params = [before_id] if before_id is not None else []
    rows = db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM oplog {where} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [OplogEntry(*row) for row in rows]


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a walk. `kind` says what broke, so a UI can word it in its language:
    "changed" (contents differ from the hash), "moved" (an entry before was deleted, inserted
    or moved), "truncated" (the newest entries are gone) or "floor" (the start was moved
    without a recorded purge). `purged` entries were removed by retention purges before."""

    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""
    kind: str = ""
    purged: int = 0


def verify_chain(db: sqlite_utils.Database,
                 progress: Callable[[int, int], None] | None = None) -> ChainReport:
    """Walk the chain in id order from its floor (where a retention purge left it; genesis
    when nothing was purged) and name the first entry that was edited, deleted or moved.

    The floor itself is checked against the last OPLOG_PURGED entry, which records the
    running total: moving the floor to hide more deleted entries needs a matching entry
    that cannot be added without breaking the chain after it."""
    purged, expected_prev = chain_floor(db, CHAIN)
    total = int(db.execute("SELECT count(*) FROM oplog").fetchone()[0])
    checked, first_id, recorded_purge = 0, None, 0
    cursor = db.execute(f"SELECT {', '.join(COLUMNS)} FROM oplog ORDER BY id")
    for row in cursor:
        values = dict(zip(COLUMNS, row, strict=True))
        entry_id = int(values["id"])
        first_id = entry_id if first_id is None else first_id
        broken = _broken_entry(values, expected_prev, checked, purged)
        if broken is not None:
            return broken
        if values["op_type"] == OPLOG_PURGED:
            recorded_purge = int(json.loads(str(values["details_json"])).get("purged_total", 0))
        expected_prev = str(values["row_hash"])
        checked += 1
        if progress and checked % 1000 == 0:
            progress(checked, total)
    count, head = chain_head(db, CHAIN)
    if (count, head) != (purged + checked, expected_prev):
        return ChainReport(False, checked, None,
                           f"the log ends early: {count - purged} entries should remain, "
                           f"{checked} do (the newest entries were deleted)", "truncated",
                           purged)
    if purged != recorded_purge:
        return ChainReport(False, checked, first_id,
                           f"the log starts at entry {first_id}, {purged} entries after its "
                           f"beginning, but the purges on record removed {recorded_purge}: "
                           "older entries were deleted outside a purge", "floor", purged)
    if progress:
        progress(checked, total)
    return ChainReport(True, checked, purged=purged)


def _broken_entry(values: Mapping[str, object], expected_prev: str, checked: int,
                  purged: int) -> ChainReport | None:
    entry_id = int(values["id"])  # type: ignore[call-overload]
    if values["prev_hash"] != expected_prev:
        return ChainReport(False, checked, entry_id,
                           f"entry {entry_id} does not follow the entry before it: an entry "
                           "before it was deleted, inserted or moved", "moved", purged)
    if row_hash(values) != values["row_hash"]:
        return ChainReport(False, checked, entry_id,
                           f"entry {entry_id} was changed after it was written "
                           "(its contents do not match its hash)", "changed", purged)
    return None
