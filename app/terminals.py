"""Terminal records (spec 12.2, 12.3): how the list shows them, and renaming. Pairing lives
in terminal_pairing.py, syncing in terminal_sync.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from app.profile import Profile
from app.shanghai_time import now_ms
from app.terminal_status import effective_status


@dataclass(frozen=True)
class TerminalView:
    """A terminal as the list shows it, with its status worked out for now."""

    terminal_id: str
    label: str
    vendor: str
    model: str
    serial: str
    firmware: str
    terminal_type: str
    transport: str
    status: str
    battery: int | None
    signal_dbm: int | None
    link: str | None
    last_seen_utc_ms: int | None
    last_sync_utc_ms: int | None
    last_error: str | None
    policy_status: str | None
    policy_reason: str | None
    paired: bool
    param_version: int | None = None
    capabilities: list[str] = field(default_factory=list)


def list_terminals(db: sqlite_utils.Database) -> list[TerminalView]:
    now = now_ms()
    views = []
    for row in db.query("SELECT * FROM terminals ORDER BY terminal_id"):
        views.append(TerminalView(
            terminal_id=row["terminal_id"], label=row["label"] or row["terminal_id"],
            vendor=row["vendor"] or "", model=row["model"] or "", serial=row["serial"] or "",
            firmware=row["firmware"] or "", terminal_type=row["terminal_type"] or "",
            transport=row["transport"] or "",
            status=effective_status(row["status"], row["last_seen_utc_ms"], now),
            battery=row["battery"], signal_dbm=row["signal_dbm"], link=row["link"],
            last_seen_utc_ms=row["last_seen_utc_ms"], last_sync_utc_ms=row["last_sync_utc_ms"],
            last_error=row["last_error"], policy_status=row["policy_status"],
            policy_reason=row["policy_reason"], paired=row["key_ref"] is not None,
            param_version=row["param_version"] or None,
            capabilities=json.loads(row["capabilities"] or "[]")))
    return views


def rename_terminal(profile: Profile, terminal_id: str, label: str) -> None:
    label = label.strip()
    if not label:
        raise ValueError("A terminal's name cannot be empty.")
    profile.db.execute("UPDATE terminals SET label = ? WHERE terminal_id = ?", [label, terminal_id])
