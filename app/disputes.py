"""Error disputes and complaints about a transaction (spec Q-3, Art. 28).

A dispute row holds the current state; its history is the operation log, where every
opening and transition is a DISPUTE entry (spec 8: dispute actions). The transaction
itself never changes: transactions are append-only.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from app import oplog as ops
from app.errors import PosDeskError
from app.oplog import OperationLog
from app.shanghai_time import now_ms

TYPES = ("ERROR_DISPUTE", "COMPLAINT")
OPEN, SUBMITTED, AWAITING, RESOLVED, REJECTED = (
    "OPEN", "SUBMITTED_TO_INSTITUTION", "AWAITING_INFO", "RESOLVED", "REJECTED")
STATUSES = (OPEN, SUBMITTED, AWAITING, RESOLVED, REJECTED)
CLOSED = (RESOLVED, REJECTED)
# Where a dispute may go next. A closed one may be reopened: institutions do reopen cases.
NEXT: dict[str, tuple[str, ...]] = {
    OPEN: (SUBMITTED, AWAITING, RESOLVED, REJECTED),
    SUBMITTED: (AWAITING, RESOLVED, REJECTED),
    AWAITING: (SUBMITTED, RESOLVED, REJECTED),
    RESOLVED: (OPEN,),
    REJECTED: (OPEN,),
}
CHANNELS = ("ACQUIRER_HOTLINE", "ACQUIRER_WEBSITE", "INSTITUTION_APP", "IN_PERSON", "OTHER")


class DisputeError(PosDeskError):
    """A dispute action that is not allowed (unknown transaction, wrong transition)."""


@dataclass(frozen=True)
class Dispute:
    id: int
    txn_id: int
    type: str
    opened_at_utc_ms: int
    channel: str
    status: str
    resolution: str | None
    resolved_at_utc_ms: int | None

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return NEXT[self.status]


def open_dispute(db: sqlite_utils.Database, oplog: OperationLog, txn_id: int, kind: str,
                 channel: str, note: str = "") -> Dispute:
    """Flag a transaction; one open case per transaction and kind is enough."""
    if kind not in TYPES:
        raise DisputeError(f"A dispute is one of {', '.join(TYPES)}, not {kind!r}.")
    if channel not in CHANNELS:
        raise DisputeError(f"A dispute channel is one of {', '.join(CHANNELS)}, not {channel!r}.")
    with db.atomic():
        trace = db.execute("SELECT trace_id FROM txn WHERE id = ?", [txn_id]).fetchone()
        if trace is None:
            raise DisputeError(f"There is no transaction {txn_id}.", txn_id=txn_id)
        for case in disputes_for(db, txn_id):
            if case.type == kind and case.status not in CLOSED:
                raise DisputeError("This transaction already has an open case of that kind "
                                   f"(#{case.id}).", dispute_id=case.id, why="duplicate")
        opened = now_ms()
        cursor = db.execute(
            "INSERT INTO dispute (txn_id, type, opened_at_utc_ms, channel, status) "
            "VALUES (?, ?, ?, ?, ?)", [txn_id, kind, opened, channel, OPEN])
        dispute_id = int(cursor.lastrowid or 0)
        oplog.append(ops.DISPUTE, target_type="dispute", target_id=str(dispute_id),
                     details={"action": "open", "txn_id": txn_id, "trace_id": trace[0],
                              "type": kind, "channel": channel, "status": OPEN,
                              "note": note})
    return get_dispute(db, dispute_id)


def change_status(db: sqlite_utils.Database, oplog: OperationLog, dispute_id: int,
                  status: str, note: str = "") -> Dispute:
    """Move a case on; closing it needs the resolution in words."""
    with db.atomic():
        case = get_dispute(db, dispute_id)
        if status not in case.next_statuses:
            raise DisputeError(f"A dispute that is {case.status} cannot become {status}.",
                               dispute_id=dispute_id, why="transition")
        if status in CLOSED and not note.strip():
            raise DisputeError("Say how the case ended (the resolution) before closing it.",
                               dispute_id=dispute_id, why="resolution")
        closed = status in CLOSED
        db.execute("UPDATE dispute SET status = ?, resolution = ?, resolved_at_utc_ms = ? "
                   "WHERE id = ?", [status, note.strip() if closed else case.resolution,
                                    now_ms() if closed else None, dispute_id])
        oplog.append(ops.DISPUTE, target_type="dispute", target_id=str(dispute_id),
                     details={"action": "status", "txn_id": case.txn_id, "from": case.status,
                              "to": status, "note": note})
    return get_dispute(db, dispute_id)


def get_dispute(db: sqlite_utils.Database, dispute_id: int) -> Dispute:
    row = db.execute(f"SELECT {_COLUMNS} FROM dispute WHERE id = ?", [dispute_id]).fetchone()
    if row is None:
        raise DisputeError(f"There is no dispute {dispute_id}.", dispute_id=dispute_id)
    return Dispute(*row)


def disputes_for(db: sqlite_utils.Database, txn_id: int) -> list[Dispute]:
    return [Dispute(*r) for r in db.execute(
        f"SELECT {_COLUMNS} FROM dispute WHERE txn_id = ? ORDER BY id", [txn_id])]


_COLUMNS = ("id, txn_id, type, opened_at_utc_ms, channel, status, resolution, "
            "resolved_at_utc_ms")
