"""Migration 4 moves transactions into the compact layout: rows, links and the chain survive;
a chain that was already broken stops the upgrade and leaves the file as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import migrations, storage
from app.transactions import RECORD_FIELDS, verify_txn_chain
from app.txn_rebuild import _OLD_HASHED, BrokenChainError, _old_hash


def _v3_database(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {storage.APPLICATION_ID}")
    for migration in migrations.MIGRATIONS[:3]:
        for statement in migrations.statements(migration.sql):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    prev = "0" * 64
    for n in range(rows):
        record = dict.fromkeys(RECORD_FIELDS)
        record.update(trace_id=f"T{n}", txn_type="REFUND" if n == 2 else "SALE", channel="QR",
                      amount_fen=-100 if n == 2 else 1000 + n, ts_utc_ms=1_772_000_000_000 + n,
                      status="SUCCEEDED", currency="CNY", terminal_id="TERM1",
                      merchant_name="街角便利店", memo=f"note {n}")
        values = {**record, "app_txn_uuid": f"uuid-{n}", "dedup_key": f"TERM1|T{n}",
                  "source_kind": "SYNC", "source_ref": "TERM1", "cn_date": "2026-02-25",
                  "cn_year": 2026, "parent_txn_id": 1 if n == 2 else None, "prev_hash": prev}
        row_hash = _old_hash({k: values[k] for k in _OLD_HASHED})
        columns = ["id", *values, "row_hash"]
        conn.execute(f"INSERT INTO txn ({', '.join(columns)}) VALUES "
                     f"({', '.join('?' for _ in columns)})", [n + 1, *values.values(), row_hash])
        prev = row_hash
    conn.execute("INSERT INTO chain_heads VALUES ('txn', ?, ?)", [rows, prev])
    conn.close()


def test_upgrade_keeps_rows_links_and_a_valid_chain(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _v3_database(path, 4)
    db = storage.connect(path)
    assert storage.schema_version(db.conn) == migrations.LATEST_VERSION
    assert verify_txn_chain(db) == (True, None, 4)
    assert db.execute("SELECT parent_txn_id FROM txn WHERE trace_id = 'T2'").fetchone()[0] == 1
    assert db.execute("SELECT sum(n), sum(sum_fen) FROM txn_daily").fetchone() == (4, 3004 - 100)
    found = db.execute("SELECT rowid FROM txn_text WHERE txn_text MATCH '\"便 利\"'").fetchall()
    assert len(found) == 4
    assert db.execute("SELECT kind, ref FROM txn_source").fetchall() == [("SYNC", "TERM1")]


def test_a_tampered_chain_stops_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _v3_database(path, 3)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER txn_append_only")
    conn.execute("UPDATE txn SET amount_fen = 1 WHERE id = 2")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(BrokenChainError, match="Transaction 2"):
        storage.connect(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("SELECT count(*) FROM txn").fetchone()[0] == 3
    conn.close()
    assert len(path.read_bytes()) == len(before)
