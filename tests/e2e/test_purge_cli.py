"""`posdesk purge` over a real profile: shows first, removes only with --yes, never inside
the query window, and leaves a history that still verifies and still searches."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from app import bench_data
from app.oplog import TRANSACTIONS_PURGED, Actor, entries
from app.profile import open_for_reading, open_profile
from app.shanghai_time import now_ms, today_cn
from app.transactions import Transaction, TransactionWriter, verify_txn_chain

DAY_MS = 86_400_000


def _renamed(record: Transaction) -> Transaction:
    """The generator numbers traces from 0 each run: new ones for the recent rows."""
    parent = record.parent_trace_id
    return dataclasses.replace(record, trace_id="N" + record.trace_id,
                               parent_trace_id="N" + parent if parent else None)


def _shop(tmp_path: Path) -> Path:
    """300 rows eight years ago, then 200 in the last month."""
    data = tmp_path / "shop"
    profile = open_profile(data, Actor("test", "merchant", "test-device"))
    writer = TransactionWriter(profile.db, profile.oplog)
    old_end = now_ms() - 8 * 365 * DAY_MS
    writer.write_stream(bench_data.generate(300, days=30, terminals=2, end_ms=old_end),
                        source_kind="IMPORT", source_ref="old.csv")
    recent = bench_data.generate(200, days=30, terminals=2, end_ms=now_ms() - DAY_MS, seed=9)
    writer.write_stream((_renamed(r) for r in recent), source_kind="IMPORT",
                        source_ref="new.csv")
    profile.close()
    return data


def test_purge_shows_then_removes_only_old_rows(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = _shop(tmp_path)
    shown = posdesk("purge", "--data-dir", str(data), check=True).stdout
    assert "300 transactions dated" in shown and "Run again with --yes" in shown
    inside = (today_cn() - dt.timedelta(days=100)).isoformat()
    refused = posdesk("purge", "--data-dir", str(data), "--before", inside)
    assert refused.returncode == 1 and "inside the query window" in refused.stderr

    done = posdesk("purge", "--data-dir", str(data), "--yes", check=True).stdout
    assert "Removed 300 transactions" in done
    db = open_for_reading(data)
    try:
        assert db.execute("SELECT count(*) FROM txn").fetchone()[0] == 200
        assert verify_txn_chain(db) == (True, None, 200)
        logged = [e for e in entries(db, limit=10) if e.op_type == TRANSACTIONS_PURGED]
        assert [e.details["rows"] for e in logged] == [300]
    finally:
        db.close()
    assert "No transactions before" in posdesk("purge", "--data-dir", str(data)).stdout
    assert posdesk("oplog", "verify", "--data-dir", str(data)).returncode == 0
    found = posdesk("history", "--data-dir", str(data), "--search", "coffee", "--json",
                    check=True).stdout
    assert '"trace_id"' in found
