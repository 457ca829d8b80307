"""`posdesk oplog` end to end: list with filters and --json, verify, export to a CSV an
auditor re-verifies, and purge that removes only what is past its five years."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from app import oplog
from app.profile import open_profile
from app.shanghai_time import start_of_day_ms, today_cn
from tests.oplog_csv import bad_rows, read_rows


@pytest.fixture
def demo(posdesk, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    posdesk("demo", "--data-dir", str(target), "--end", "2026-11-20", "--days", "5",
            check=True)
    return target


def test_list_filters_and_prints_json(posdesk, demo: Path) -> None:
    where = ("--data-dir", str(demo))
    listed = posdesk("oplog", "list", "--limit", "3", *where, check=True)
    lines = listed.stdout.splitlines()
    assert len(lines) == 4 and "(newest 3 shown)" in lines[-1]
    synced = posdesk("oplog", "list", "--type", "TERMINAL_SYNC", "--json", *where, check=True)
    records = json.loads(synced.stdout)
    assert len(records) == 3 and {r["op_type"] for r in records} == {"TERMINAL_SYNC"}
    assert set(records[0]) >= {"id", "row_hash", "prev_hash", "details_json",
                               "purge_not_before"}
    found = posdesk("oplog", "list", "--search", "SIM00002", "--target-type", "terminal",
                    *where, check=True)
    assert "SIM00002" in found.stdout and "2 entries match" in found.stdout
    none = posdesk("oplog", "list", "--from", "2030-01-01", *where, check=True)
    assert none.stdout.strip() == "0 entries match"
    bad = posdesk("oplog", "list", "--from", "yesterday", *where)
    assert bad.returncode == 2 and "--from" in bad.stderr


def test_export_writes_a_csv_that_reverifies_and_is_logged(
        posdesk, demo: Path, tmp_path: Path) -> None:
    where = ("--data-dir", str(demo))
    target = tmp_path / "audit.csv"
    done = posdesk("oplog", "export", str(target), *where, check=True)
    assert "entries written to" in done.stdout and "SHA-256" in done.stdout
    rows = read_rows(target)
    assert rows[0]["id"] == "1" and rows[0]["prev_hash"] == "0" * 64
    assert bad_rows(rows) == []
    logged = json.loads(posdesk("oplog", "list", "--type", "DATA_EXPORT", "--json", *where,
                                check=True).stdout)
    assert len(logged) == 1
    details = json.loads(logged[0]["details_json"])
    assert details["what"] == "oplog" and details["rows"] == len(rows)
    assert posdesk("oplog", "verify", *where).returncode == 0


def test_verify_names_the_edited_entry(posdesk, demo: Path) -> None:
    conn = sqlite3.connect(demo / "posdesk.db")
    conn.execute("DROP TRIGGER oplog_append_only")
    conn.execute("UPDATE oplog SET target_id = 'elsewhere' WHERE id = 3")
    conn.commit()
    conn.close()
    broken = posdesk("oplog", "verify", "--data-dir", str(demo))
    assert broken.returncode == 1 and "entry 3 was changed" in broken.stderr


def test_purge_on_young_data_removes_nothing(posdesk, demo: Path) -> None:
    result = posdesk("oplog", "purge", "--yes", "--data-dir", str(demo), check=True)
    assert "Nothing is old enough to remove yet" in result.stdout
    assert "Removed" not in result.stdout


def test_purge_removes_the_old_prefix_only_with_yes(
        posdesk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "shop"
    start = start_of_day_ms(today_cn() - dt.timedelta(days=6 * 366))
    clock = [start]
    monkeypatch.setattr(oplog, "now_ms", lambda: clock[0])
    profile = open_profile(data)                 # LOGIN, six years ago
    for n in range(3):
        clock[0] = start + (n + 1) * 60_000
        profile.oplog.append(oplog.SETTINGS_CHANGED, target_type="setting", target_id=f"k{n}")
    monkeypatch.undo()
    profile.close()                              # LOGOUT, today: not due
    where = ("--data-dir", str(data))
    shown = posdesk("oplog", "purge", *where, check=True)
    assert "4 entries from" in shown.stdout and "Nothing was removed" in shown.stdout
    done = posdesk("oplog", "purge", "--yes", *where, check=True)
    assert "Removed 4 entries" in done.stdout
    verified = posdesk("oplog", "verify", *where, check=True)
    assert "intact" in verified.stdout and "4 older entries were removed" in verified.stdout
    purged = json.loads(posdesk("oplog", "list", "--type", "OPLOG_PURGED", "--json", *where,
                                check=True).stdout)
    assert json.loads(purged[0]["details_json"])["purged_total"] == 4
