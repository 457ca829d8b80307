"""Storage: migrations, pragmas, refusing foreign or newer files, atomic migrations."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app import migrations, storage
from app.errors import NewerSchemaError, NotAPosDeskDatabaseError
from app.storage import APPLICATION_ID, connect, integrity_check


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_migrated_to_latest_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = connect(tmp_path / "p.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"txn", "oplog", "terminals", "sync_cursors", "settings", "account_profile",
            "chain_heads"} <= set(db.table_names())
    assert integrity_check(db) == []
    db.close()


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    connect(tmp_path / "p.db").close()
    db = connect(tmp_path / "p.db")
    assert storage.migrate_to_latest(db.conn) == []
    db.close()


def test_txn_table_has_no_column_for_sensitive_card_data(tmp_path: Path) -> None:
    db = connect(tmp_path / "p.db")
    columns = {c.name for c in db["txn"].columns}
    assert {"pan_first6", "pan_last4", "amount_fen", "ts_utc_ms", "cn_date"} <= columns
    forbidden = {"pan", "track", "track2", "cvv", "pin_block", "expiry", "card_no"}
    assert not columns & forbidden
    db.close()


def test_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotAPosDeskDatabaseError, match="another program"):
        connect(path)
    assert _digest(path) == before


def test_file_that_is_not_sqlite_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "posdesk.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = _digest(path)
    with pytest.raises(NotAPosDeskDatabaseError, match="not a PosDesk database"):
        connect(path)
    assert _digest(path) == before


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError, match="newer PosDesk"):
        connect(path)


def test_a_failing_migration_leaves_the_previous_schema(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.db"
    connect(path).close()
    broken = migrations.Migration(
        migrations.LATEST_VERSION + 1, "broken",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n")
    monkeypatch.setattr(storage, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    with pytest.raises(sqlite3.OperationalError):
        connect(path)
    monkeypatch.undo()
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert "half_done" not in db.table_names()
    db.close()


def test_statement_splitter_keeps_trigger_bodies_whole() -> None:
    found = migrations.statements(migrations.MIGRATIONS[0].sql)
    triggers = [s for s in found if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 3
    assert all(t.rstrip().endswith("END;") for t in triggers)



def test_read_then_write_transactions_on_two_connections_wait_instead_of_failing(
        tmp_path: Path) -> None:
    """The GUI thread and the device thread each write through their own connection; a
    deferred BEGIN that reads, then writes, fails at once with "database is locked" when the
    other wrote in between. atomic() takes the write lock first, so both simply wait."""
    import threading

    path = tmp_path / "posdesk.sqlite3"
    gui = storage.connect(path)
    gui.execute("INSERT INTO settings(key, value) VALUES ('n', '0')")
    errors: list[BaseException] = []

    def bump(db: storage.Database) -> None:
        for _ in range(300):
            with db.atomic():
                n = int(db.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0])
                db.execute("UPDATE settings SET value = ? WHERE key = 'n'", [str(n + 1)])

    def device() -> None:
        try:
            bump(storage.connect(path))
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=device)
    worker.start()
    try:
        bump(gui)
    except BaseException as exc:
        errors.append(exc)
    worker.join()
    assert errors == []
    assert gui.execute("SELECT value FROM settings WHERE key = 'n'").fetchone()[0] == "600"
