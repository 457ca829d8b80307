"""Exporting the operation log for an auditor: every hashed column, the hashes, oldest
first; each row re-verifies from the CSV alone by the documented recipe (tests/oplog_csv.py
imports nothing from PosDesk); a tampered cell fails; the file appears whole or not at all
and the export is itself logged."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest

from app import oplog
from app.oplog import OperationLog, entries
from app.oplog_export import (
    EXPORT_COLUMNS,
    OplogExportError,
    export_oplog,
    hash_input,
)
from app.oplog_query import OplogFilter
from app.progress import Cancelled
from tests.oplog_csv import bad_rows, read_rows, recomputed_hash


def _fill(log: OperationLog) -> None:
    """Entries with what a CSV finds hard: NULL next to empty text, text that starts like
    a formula or with ', Chinese, quotes and line breaks in details."""
    log.append(oplog.LOGIN, target_type="profile", target_id="/home/店主")
    log.append(oplog.SETTINGS_CHANGED, target_type="setting", target_id="",
               details={"note": 'line one\nline "two"\ttab', "价格": "¥12.50"})
    log.append(oplog.DATA_EXPORT, target_type="file", target_id="=HYPERLINK(\"x\")",
               details={"rows": 3})
    log.append(oplog.DATA_EXPORT, target_type="file", target_id="'quoted.csv",
               result="FAIL", factor_categories="KNOWLEDGE+POSSESSION")
    log.append(oplog.TERMINAL_SYNC, target_type="terminal", target_id="-T0001",
               details={"new": 12})
    log.append(oplog.LOGOUT)


def test_every_row_reverifies_from_the_csv_alone(memory_log: OperationLog,
                                                 tmp_path: Path) -> None:
    _fill(memory_log)
    target = tmp_path / "audit.csv"
    result = export_oplog(memory_log.db, memory_log, OplogFilter(), target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")        # Excel reads UTF-8
    rows = read_rows(target)
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert result.rows == len(rows) == 6
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"]   # chain order
    assert rows[0]["prev_hash"] == "0" * 64
    assert bad_rows(rows) == []
    stored = {e.id: e for e in entries(memory_log.db)}
    assert all(r["row_hash"] == stored[int(r["id"])].row_hash for r in rows)
    assert rows[1]["target_id"] == "" and "target_id" not in rows[1]["null_fields"]
    assert "target_type" in rows[5]["null_fields"]
    assert rows[2]["target_id"].startswith("'=")                   # no formula runs
    assert rows[3]["target_id"] == "''quoted.csv"


def test_a_tampered_cell_fails_the_recomputation(memory_log: OperationLog,
                                                 tmp_path: Path) -> None:
    _fill(memory_log)
    target = tmp_path / "audit.csv"
    export_oplog(memory_log.db, memory_log, OplogFilter(), target)
    rows = read_rows(target)
    rows[4]["details_json"] = rows[4]["details_json"].replace("12", "13")
    assert bad_rows(rows) == ["5"]
    rows = read_rows(target)
    rows[1]["null_fields"] = "target_id"                 # "" claimed to be NULL
    assert bad_rows(rows) == ["2"]
    rows = read_rows(target)
    del rows[2]                                          # a row left out of the file
    assert bad_rows(rows) == []                          # ids 2 and 4 are not consecutive:
    assert rows[2]["prev_hash"] != rows[1]["row_hash"]   # the gap shows in the ids


def test_the_code_recipe_matches_the_documented_one(memory_log: OperationLog,
                                                    tmp_path: Path) -> None:
    _fill(memory_log)
    target = tmp_path / "audit.csv"
    export_oplog(memory_log.db, memory_log, OplogFilter(), target)
    for row in read_rows(target):
        digest = hashlib.sha256(hash_input(row).encode("utf-8")).hexdigest()
        assert digest == recomputed_hash(row) == row["row_hash"]


def test_a_filtered_export_has_only_those_entries_and_each_verifies(
        memory_log: OperationLog, tmp_path: Path) -> None:
    _fill(memory_log)
    target = tmp_path / "exports.csv"
    result = export_oplog(memory_log.db, memory_log,
                          OplogFilter(op_types=(oplog.DATA_EXPORT,)), target)
    rows = read_rows(target)
    assert result.rows == 2 and [r["id"] for r in rows] == ["3", "4"]
    assert bad_rows(rows) == []


def test_the_export_is_logged_with_its_digest(memory_log: OperationLog,
                                              tmp_path: Path) -> None:
    _fill(memory_log)
    target = tmp_path / "audit.csv"
    query = OplogFilter(results=("FAIL",), text="quoted")
    result = export_oplog(memory_log.db, memory_log, query, target)
    entry = entries(memory_log.db, limit=1)[0]
    assert (entry.op_type, entry.result, entry.target_id) == (oplog.DATA_EXPORT, "SUCCESS",
                                                              "audit.csv")
    details = entry.details
    assert details["what"] == "oplog" and details["rows"] == result.rows == 1
    assert details["filter"] == {"results": ["FAIL"], "text": "quoted"}
    assert details["sha256"] == result.sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert oplog.verify_chain(memory_log.db).ok


def test_cancelling_leaves_no_file_and_keeps_the_old_one(memory_log: OperationLog,
                                                         tmp_path: Path) -> None:
    _fill(memory_log)
    target = tmp_path / "audit.csv"
    target.write_text("the previous export")
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        export_oplog(memory_log.db, memory_log, OplogFilter(), target, cancelled=stop)
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.csv"]      # no .part left
    failed = entries(memory_log.db, limit=1)[0]
    assert (failed.op_type, failed.result) == (oplog.DATA_EXPORT, "FAIL")
    assert json.loads(failed.details_json)["reason"] == "cancelled"


def test_a_missing_folder_is_refused_and_logged(memory_log: OperationLog,
                                                tmp_path: Path) -> None:
    with pytest.raises(OplogExportError, match="does not exist"):
        export_oplog(memory_log.db, memory_log, OplogFilter(), tmp_path / "no" / "a.csv")
    assert entries(memory_log.db, limit=1)[0].result == "FAIL"


def test_progress_reaches_the_total(memory_log: OperationLog, tmp_path: Path) -> None:
    _fill(memory_log)
    seen: list[tuple[int, int]] = []
    export_oplog(memory_log.db, memory_log, OplogFilter(), tmp_path / "a.csv",
                 progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
