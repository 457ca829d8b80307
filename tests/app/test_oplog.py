"""The operation log: append-only, hash-chained, tampering named (spec section 8)."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from app import oplog
from app.oplog import OperationLog, verify_chain


def _fill(log: OperationLog, count: int = 5) -> None:
    for n in range(count):
        log.append(oplog.SETTINGS_CHANGED, target_type="setting", target_id=f"k{n}",
                   details={"n": n})


def _without_guards(db: sqlite_utils.Database) -> None:
    """What an attacker with the file would do first: drop the append-only triggers."""
    db.execute("DROP TRIGGER oplog_append_only")
    db.execute("DROP TRIGGER oplog_retention")


def test_intact_chain_verifies(memory_log: OperationLog) -> None:
    _fill(memory_log)
    report = verify_chain(memory_log.db)
    assert report.ok and report.checked == 5


def test_entries_chain_to_each_other(memory_log: OperationLog) -> None:
    _fill(memory_log, 3)
    rows = list(memory_log.db.query("SELECT prev_hash, row_hash FROM oplog ORDER BY id"))
    assert rows[0]["prev_hash"] == "0" * 64
    assert rows[1]["prev_hash"] == rows[0]["row_hash"]
    assert rows[2]["prev_hash"] == rows[1]["row_hash"]


def test_edited_entry_is_named(memory_log: OperationLog) -> None:
    _fill(memory_log)
    _without_guards(memory_log.db)
    memory_log.db.execute("UPDATE oplog SET details_json = '{\"n\": 99}' WHERE id = 3")
    report = verify_chain(memory_log.db)
    assert not report.ok
    assert report.first_bad_id == 3
    assert "entry 3 was changed" in report.problem


def test_deleted_entry_is_detected_at_the_next_one(memory_log: OperationLog) -> None:
    _fill(memory_log)
    _without_guards(memory_log.db)
    memory_log.db.execute("DELETE FROM oplog WHERE id = 2")
    report = verify_chain(memory_log.db)
    assert not report.ok and report.first_bad_id == 3
    assert "deleted" in report.problem


def test_reordered_entries_are_detected(memory_log: OperationLog) -> None:
    _fill(memory_log)
    _without_guards(memory_log.db)
    db = memory_log.db
    db.execute("UPDATE oplog SET id = 100 WHERE id = 2")
    db.execute("UPDATE oplog SET id = 2 WHERE id = 4")
    db.execute("UPDATE oplog SET id = 4 WHERE id = 100")
    report = verify_chain(db)
    assert not report.ok and report.first_bad_id == 2


def test_cut_off_tail_is_detected(memory_log: OperationLog) -> None:
    _fill(memory_log)
    _without_guards(memory_log.db)
    memory_log.db.execute("DELETE FROM oplog WHERE id = 5")
    report = verify_chain(memory_log.db)
    assert not report.ok
    assert "ends early" in report.problem


def test_database_refuses_update_and_early_delete(memory_log: OperationLog) -> None:
    _fill(memory_log, 1)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        memory_log.db.execute("UPDATE oplog SET result = 'FAIL'")
    with pytest.raises(sqlite3.IntegrityError, match="5 years"):
        memory_log.db.execute("DELETE FROM oplog")


def test_details_never_keep_card_data_or_secrets(memory_log: OperationLog) -> None:
    entry = memory_log.append(oplog.SETTINGS_CHANGED, details={
        "note": "card 4111111111111111 swiped, track ;4111111111111111=26121011234567890?",
        "password": "hunter2", "cvv": "123"})
    stored = memory_log.db.execute("SELECT details_json FROM oplog WHERE id = ?",
                                   [entry.id]).fetchone()[0]
    assert "4111111111111111" not in stored
    assert "hunter2" not in stored and '"123"' not in stored
    assert "411111******1111" in json.loads(stored)["note"]


def test_retention_date_is_five_years_after_the_effective_date(memory_log: OperationLog) -> None:
    # 2024-02-29 12:00 Shanghai: five years later has no Feb 29, so keep until Mar 1
    entry = memory_log.append(oplog.SETTINGS_CHANGED, effective_at_utc_ms=1709179200000)
    assert entry.purge_not_before == "2029-03-01"


def test_entries_page_newest_first(memory_log: OperationLog) -> None:
    _fill(memory_log, 7)
    first = oplog.entries(memory_log.db, limit=3)
    second = oplog.entries(memory_log.db, before_id=first[-1].id, limit=3)
    assert [e.id for e in first] == [7, 6, 5]
    assert [e.id for e in second] == [4, 3, 2]


def test_progress_is_reported(memory_log: OperationLog) -> None:
    _fill(memory_log, 3)
    seen: list[tuple[int, int]] = []
    verify_chain(memory_log.db, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
