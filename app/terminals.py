"""Terminal records (spec 12.2, 12.3). Pairing, policy and status arrive with the
terminals issue; this holds the record and how it is written."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from app import oplog as ops
from app.oplog import OperationLog


@dataclass(frozen=True)
class TerminalRecord:
    terminal_id: str
    label: str
    vendor: str
    model: str
    serial: str
    firmware: str
    terminal_type: str
    transport: str
    capabilities: tuple[str, ...] = field(default_factory=tuple)
    is_simulated: bool = False


def add_terminal(db: sqlite_utils.Database, oplog: OperationLog, terminal: TerminalRecord) -> bool:
    """Insert the terminal unless it is known; returns True when it was new."""
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO terminals (terminal_id, label, vendor, model, serial, firmware, "
            "terminal_type, transport, capabilities, is_simulated) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(terminal_id) DO NOTHING",
            [terminal.terminal_id, terminal.label, terminal.vendor, terminal.model,
             terminal.serial, terminal.firmware, terminal.terminal_type, terminal.transport,
             json.dumps(list(terminal.capabilities)), int(terminal.is_simulated)],
        )
        if cursor.rowcount:
            oplog.append(ops.TERMINAL_ADDED, target_type="terminal",
                         target_id=terminal.terminal_id,
                         details={"vendor": terminal.vendor, "model": terminal.model,
                                  "simulated": terminal.is_simulated})
    return bool(cursor.rowcount)


def list_terminals(db: sqlite_utils.Database) -> list[dict[str, object]]:
    return list(db.query("SELECT * FROM terminals ORDER BY terminal_id"))
