"""Migration 4: move the transactions into the compact layout, re-hashed.

The old chain is verified first, with the old hash rule; a broken chain stops the migration
(the file stays as it was) rather than being laundered into a fresh, valid-looking chain.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from app.errors import PosDeskError
from app.migrations import statements
from app.transactions import (
    HASHED_COLUMNS,
    RECORD_FIELDS,
    search_text,
    txn_row_hash,
    txn_uuid,
)

_OLD_HASHED = ("app_txn_uuid", "dedup_key", "source_kind", "source_ref", *RECORD_FIELDS,
               "cn_date", "cn_year", "parent_txn_id", "prev_hash")
_GENESIS = "0" * 64


class BrokenChainError(PosDeskError):
    code = "broken_chain"


def rebuild_transactions(conn: sqlite3.Connection, index_sql: str) -> None:
    sources: dict[tuple[str, str], int] = {}
    expected, count = _GENESIS, 0
    head = bytes(32)
    batch: list[tuple[object, ...]] = []
    texts: list[tuple[int, str]] = []
    cursor = conn.execute(f"SELECT id, row_hash, {', '.join(_OLD_HASHED)} FROM txn ORDER BY id")
    for row in cursor:
        old = dict(zip(_OLD_HASHED, row[2:], strict=True))
        if old["prev_hash"] != expected or _old_hash(old) != row[1]:
            raise BrokenChainError(
                f"Transaction {row[0]} does not match its tamper-evidence hash, so the "
                "database was not upgraded and nothing was changed. Restore a backup.",
                row=row[0])
        expected, count = row[1], count + 1
        source = (str(old["source_kind"]), str(old["source_ref"] or ""))
        if source not in sources:
            sources[source] = int(conn.execute(
                "INSERT INTO txn_source (kind, ref, created_at_utc_ms) VALUES (?, ?, 0)",
                source).lastrowid or 0)
        fields = tuple(old[name] for name in RECORD_FIELDS)
        key = (str(old["trace_id"]), str(old["txn_type"]), str(old["terminal_id"] or ""))
        values = (row[0], sources[source], *fields, old["cn_date"], old["cn_year"],
                  old["parent_txn_id"], txn_uuid(key))
        prev, head = head, txn_row_hash(head, values)
        batch.append((*values, prev, head))
        text = search_text(fields)
        if text:
            texts.append((int(row[0]), text))
    _check_head(conn, count, expected)
    columns = ", ".join(HASHED_COLUMNS)
    conn.executemany(f"INSERT INTO txn_v4 ({columns}, prev_hash, row_hash) VALUES "
                     f"({', '.join('?' for _ in HASHED_COLUMNS)}, ?, ?)", batch)
    conn.executemany("INSERT INTO txn_text (rowid, body) VALUES (?, ?)", texts)
    conn.execute("INSERT INTO txn_daily SELECT cn_date, coalesce(terminal_id, ''), txn_type, "
                 "channel, status, count(*), sum(amount_fen) FROM txn_v4 GROUP BY 1, 2, 3, 4, 5")
    conn.execute("DROP TABLE txn")
    conn.execute("ALTER TABLE txn_v4 RENAME TO txn")
    for statement in statements(index_sql):
        conn.execute(statement)
    conn.execute("UPDATE chain_heads SET head_hash = ? WHERE chain = 'txn'", [head.hex()])


def _old_hash(values: dict[str, object]) -> str:
    canonical = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_head(conn: sqlite3.Connection, count: int, last: str) -> None:
    row = conn.execute("SELECT count, head_hash FROM chain_heads WHERE chain = 'txn'").fetchone()
    if (row is None and count) or (row is not None and (row[0], row[1]) != (count, last)):
        raise BrokenChainError("The newest transactions are missing (the chain head does not "
                               "match), so the database was not upgraded and nothing was "
                               "changed. Restore a backup.")
