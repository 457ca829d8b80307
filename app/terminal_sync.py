"""Pulling a terminal's journal into the transactions table (architecture: data flow 3).

Each page is checked (the raw entries, then the mapped records), written and the cursor
advanced in one SQLite transaction, so an interrupted sync resumes where it stopped and a
repeated sync adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import oplog as ops
from app.errors import SensitiveDataError, TerminalError
from app.journal import entry_to_transaction
from app.profile import Profile
from app.progress import Cancelled, Progress
from app.provisioning import record_handover
from app.secrets import SecretStore
from app.shanghai_time import now_ms
from app.terminal_pairing import load_key
from app.transactions import TransactionWriter
from devices.framing import ProtocolError
from devices.terminal_client import TerminalClient
from devices.transport import TransportError

PAGE_SIZE = 50


@dataclass(frozen=True)
class SyncResult:
    terminal_id: str
    pages: int
    new: int
    duplicate: int


def heartbeat(profile: Profile, terminal_id: str, client: TerminalClient) -> dict[str, object]:
    """Ask the terminal how it is (in a logged-in session) and record it."""
    info = client.diagnosis()
    profile.db.execute(
        "UPDATE terminals SET last_seen_utc_ms = ?, battery = ?, signal_dbm = ?, link = ?, "
        "last_error = ?, param_version = coalesce(?, param_version), "
        "status = CASE WHEN status = 'OFFLINE' THEN 'ONLINE' ELSE status END "
        "WHERE terminal_id = ?",
        [now_ms(), info.get("battery"), info.get("signal_dbm"), info.get("link"),
         info.get("last_error") or None, _whole(info.get("param_version")), terminal_id])
    _receive_handovers(profile, terminal_id, client, info.get("handovers"))
    return info


def _receive_handovers(profile: Profile, terminal_id: str, client: TerminalClient,
                       reports: object) -> None:
    """Provisioning codes the terminal applied since we last spoke (docs/provisioning.md):
    record each receipt, then acknowledge it so the terminal stops repeating it."""
    if not isinstance(reports, list):
        return
    for report in reports:
        if isinstance(report, dict) and isinstance(report.get("nonce"), str):
            record_handover(profile, terminal_id, report)
            client.acknowledge_handover(report["nonce"])


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def mark_unreachable(profile: Profile, terminal_id: str, reason: str) -> None:
    """The link failed (unplugged, out of range): OFFLINE until the terminal answers again."""
    profile.db.execute(
        "UPDATE terminals SET status = 'OFFLINE', last_error = ? WHERE terminal_id = ? "
        "AND status NOT IN ('BLOCKED', 'RETIRED', 'UPDATING')", [reason, terminal_id])


def sync_terminal(profile: Profile, terminal_id: str, client: TerminalClient,
                  secrets: SecretStore, progress: Progress | None = None) -> SyncResult:
    row = profile.db.execute("SELECT key_ref, status FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    if row is None:
        raise TerminalError(f"No terminal {terminal_id} is paired.")
    if row[1] == "BLOCKED":
        raise TerminalError(f"Terminal {terminal_id} is blocked by the model policy; its "
                            "history stays viewable but it cannot sync.", why="blocked")
    try:
        client.login(load_key(profile, secrets, row[0]))
        heartbeat(profile, terminal_id, client)
        result = _pull(profile, terminal_id, client, progress)
        client.logout()
    except (ProtocolError, TransportError) as exc:
        client.link.reset()
        if isinstance(exc, TransportError):
            mark_unreachable(profile, terminal_id, str(exc))
        profile.oplog.append(ops.TERMINAL_SYNC, target_type="terminal", target_id=terminal_id,
                             result="FAIL", details={"reason": str(exc)})
        raise TerminalError(f"Sync with {terminal_id} stopped: {exc}. What was received so "
                            "far is saved; sync again to continue.", why="sync_stopped",
                            detail=str(exc)) from exc
    except SensitiveDataError as exc:
        client.link.reset()
        profile.oplog.append(ops.TERMINAL_SYNC, target_type="terminal", target_id=terminal_id,
                             result="FAIL", details={"reason": "card data refused",
                                                     "field": exc.facts.get("field")})
        raise
    except Cancelled:
        client.link.reset()
        profile.oplog.append(ops.TERMINAL_SYNC, target_type="terminal", target_id=terminal_id,
                             result="FAIL", details={"reason": "cancelled by the user"})
        raise
    profile.oplog.append(ops.TERMINAL_SYNC, target_type="terminal", target_id=terminal_id,
                         details={"pages": result.pages, "new": result.new,
                                  "duplicate": result.duplicate})
    return result


def _pull(profile: Profile, terminal_id: str, client: TerminalClient,
          progress: Progress | None) -> SyncResult:
    db = profile.db
    writer = TransactionWriter(db, profile.oplog)
    source = f"terminal {terminal_id}"
    cursor = _cursor(profile, terminal_id)
    pages = new = duplicate = 0
    while True:
        page = client.journal_page(cursor, PAGE_SIZE)
        writer.guard_raw(page.entries, source)
        try:
            records = [entry_to_transaction(e) for e in page.entries]
        except ValueError as exc:
            raise ProtocolError(f"journal entry after cursor {cursor}: {exc}") from exc
        with db.atomic():
            written = writer.write(records, source_kind="SYNC", source_ref=terminal_id,
                                   log_batch=False)   # TERMINAL_SYNC records the summary
            _set_cursor(profile, terminal_id, page.next_cursor)
        pages, new, duplicate = pages + 1, new + written.new, duplicate + written.duplicate
        cursor = page.next_cursor
        if progress:    # raises Cancelled between pages: what is committed stays
            progress.update(pages, 0, f"{terminal_id}: {new:,}")
        if not page.more:
            return SyncResult(terminal_id, pages, new, duplicate)


def _cursor(profile: Profile, terminal_id: str) -> str:
    row = profile.db.execute("SELECT cursor FROM sync_cursors WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    return str(row[0]) if row else "0"


def _set_cursor(profile: Profile, terminal_id: str, cursor: str) -> None:
    profile.db.execute(
        "INSERT INTO sync_cursors (terminal_id, cursor, updated_at_utc_ms) VALUES (?, ?, ?) "
        "ON CONFLICT(terminal_id) DO UPDATE SET cursor = excluded.cursor, "
        "updated_at_utc_ms = excluded.updated_at_utc_ms", [terminal_id, cursor, now_ms()])
    profile.db.execute("UPDATE terminals SET last_sync_utc_ms = ? WHERE terminal_id = ?",
                       [now_ms(), terminal_id])
