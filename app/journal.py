"""Terminal journal entries (docs/protocol.md, "Journal") as transactions.

Sync and the demo both turn entries into Transaction records here, so a terminal's rows and
the demo's rows take one road into the database. The raw entry is checked first: a field a
terminal must never send (track data, CVV, PIN block, expiry) is refused by name, before the
mapping could silently drop it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.transactions import Transaction

_TEXT = ("scheme", "terminal_id", "merchant_name", "merchant_code", "mcc", "auth_code", "rrn",
         "batch_no", "voucher_no", "pan_first6", "pan_last4", "pan_token", "memo",
         "parent_trace_id")


def entry_to_transaction(entry: Mapping[str, Any]) -> Transaction:
    """Map one journal entry; raise ValueError naming the field when it does not fit."""
    for key in ("trace_id", "txn_type", "channel", "amount_fen", "ts_utc_ms"):
        if entry.get(key) in (None, ""):
            raise ValueError(f"journal entry lacks {key}")
    if not isinstance(entry["ts_utc_ms"], int) or isinstance(entry["ts_utc_ms"], bool):
        raise ValueError("ts_utc_ms must be an integer")
    optional = {key: entry.get(key) for key in _TEXT if entry.get(key) is not None}
    for key, value in optional.items():
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text")
    pan_len = entry.get("pan_len")
    if pan_len is not None and not isinstance(pan_len, int):
        raise ValueError("pan_len must be an integer")
    record = Transaction(
        trace_id=str(entry["trace_id"]), txn_type=str(entry["txn_type"]),
        channel=str(entry["channel"]), amount_fen=entry["amount_fen"],
        ts_utc_ms=entry["ts_utc_ms"], status=str(entry.get("status") or "SUCCEEDED"),
        terminal_or_interface_type=entry.get("terminal_type"), pan_len=pan_len, **optional)
    record.validate()
    return record
