"""Retention purge: only old rows, only a prefix of the chain, nothing the rest depends on,
and the search index, totals, zone map and chain all still agree with what remains."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from app import oplog
from app.disputes import open_dispute
from app.history import DateRange, TxnFilter, count, page_after
from app.oplog import OperationLog
from app.shanghai_time import start_of_day_ms, today_cn
from app.transactions import Transaction, TransactionWriter, verify_txn_chain
from app.txn_purge import PurgeError, default_cutoff, plan_purge, run_purge

TODAY = today_cn()
OLD = dt.date(2015, 3, 1)          # far outside any retention period
RECENT = TODAY - dt.timedelta(days=20)


def _row(n: int, day: dt.date, **changes: object) -> Transaction:
    values: dict[str, object] = dict(
        trace_id=f"T{n:05d}", txn_type="SALE", channel=("CARD", "QR")[n % 2],
        amount_fen=100 + n, ts_utc_ms=start_of_day_ms(day) + n * 60_000,
        terminal_id=("A", "B")[n % 3 == 0], memo="旧账 oldledger" if day < TODAY.replace(
            year=TODAY.year - 2) else "新账 newledger")
    values.update(changes)
    return Transaction(**values)  # type: ignore[arg-type]


def _load(log: OperationLog, old: int = 40, recent: int = 10) -> None:
    writer = TransactionWriter(log.db, log)
    writer.write([_row(n, OLD + dt.timedelta(days=n // 5)) for n in range(old)],
                 source_kind="IMPORT", source_ref="old.csv")
    writer.write([_row(old + n, RECENT) for n in range(recent)],
                 source_kind="SYNC", source_ref="A")


def _searched(log: OperationLog, text: str, first: dt.date = OLD) -> int:
    query = TxnFilter(dates=DateRange(first, TODAY), text=text)
    return len(page_after(log.db, query, None, 1000))


def _consistent(log: OperationLog) -> None:
    """Totals, zones and the chain agree with the rows that remain."""
    db = log.db
    assert verify_txn_chain(db)[0]
    rollup = db.execute("SELECT coalesce(sum(n), 0), coalesce(sum(sum_fen), 0) "
                        "FROM txn_daily").fetchone()
    assert tuple(rollup) == tuple(db.execute(
        "SELECT count(*), coalesce(sum(amount_fen), 0) FROM txn").fetchone())
    zones = db.execute("SELECT * FROM txn_zone ORDER BY zone").fetchall()
    assert zones == db.execute("SELECT id >> 10, min(ts_utc_ms), max(ts_utc_ms) FROM txn "
                               "GROUP BY 1 ORDER BY 1").fetchall()


def test_old_rows_go_and_everything_else_still_agrees(memory_log: OperationLog) -> None:
    _load(memory_log)
    assert _searched(memory_log, "oldledger") == 40
    plan = plan_purge(memory_log.db, default_cutoff(TODAY), TODAY)
    assert (plan.rows, plan.through_id, plan.older_kept) == (40, 40, 0)
    assert plan.oldest == OLD.isoformat()
    assert run_purge(memory_log.db, memory_log, plan) == 40
    assert memory_log.db.execute("SELECT count(*), min(id) FROM txn").fetchone() == (10, 41)
    assert _searched(memory_log, "oldledger") == 0
    indexed = "SELECT count(*) FROM txn_text WHERE txn_text MATCH ?"
    assert memory_log.db.execute(indexed, ["oldledger"]).fetchone()[0] == 0
    assert memory_log.db.execute(indexed, ['"旧 账"']).fetchone()[0] == 0
    assert memory_log.db.execute(indexed, ["newledger"]).fetchone()[0] == 10
    assert _searched(memory_log, "newledger") == 10
    assert count(memory_log.db, TxnFilter(dates=DateRange(OLD, TODAY))) == 10
    _consistent(memory_log)
    entry = oplog.entries(memory_log.db)[0]
    assert entry.op_type == oplog.TRANSACTIONS_PURGED
    assert entry.details["rows"] == 40 and entry.details["through_id"] == 40


def test_the_chain_goes_on_from_the_floor(memory_log: OperationLog) -> None:
    _load(memory_log)
    run_purge(memory_log.db, memory_log, plan_purge(memory_log.db, default_cutoff(TODAY)))
    TransactionWriter(memory_log.db, memory_log).write(
        [_row(900 + n, RECENT) for n in range(3)], source_kind="SYNC", source_ref="A")
    assert verify_txn_chain(memory_log.db) == (True, None, 13)
    memory_log.db.execute("DROP TRIGGER txn_retention")
    memory_log.db.execute("DELETE FROM txn WHERE id = 41")     # cut a row out after the floor
    assert verify_txn_chain(memory_log.db)[:2] == (False, 42)
    again = plan_purge(memory_log.db, default_cutoff(TODAY))
    with pytest.raises(PurgeError, match="broken at row 42"):
        run_purge(memory_log.db, memory_log, again)


def test_a_kept_refund_keeps_its_sale_and_all_before_it(memory_log: OperationLog) -> None:
    _load(memory_log)
    TransactionWriter(memory_log.db, memory_log).write(
        [_row(500, RECENT, trace_id="R1", txn_type="REFUND", amount_fen=-50,
              terminal_id="A", parent_trace_id="T00025")],
        source_kind="SYNC", source_ref="A")
    sale = memory_log.db.execute("SELECT id FROM txn WHERE trace_id = 'T00025'").fetchone()[0]
    plan = plan_purge(memory_log.db, default_cutoff(TODAY))
    assert plan.through_id == sale - 1 and plan.rows == sale - 1
    assert plan.older_kept == 40 - (sale - 1)
    run_purge(memory_log.db, memory_log, plan)
    _consistent(memory_log)


def test_a_disputed_row_is_kept(memory_log: OperationLog) -> None:
    _load(memory_log)
    open_dispute(memory_log.db, memory_log, 12, "COMPLAINT", "IN_PERSON")
    plan = plan_purge(memory_log.db, default_cutoff(TODAY))
    assert plan.through_id == 11


def test_the_query_window_is_never_purged(memory_log: OperationLog) -> None:
    _load(memory_log)
    with pytest.raises(PurgeError, match="query window"):
        plan_purge(memory_log.db, TODAY - dt.timedelta(days=30), TODAY)
    with pytest.raises(sqlite3.IntegrityError, match="never purged"):
        memory_log.db.execute("DELETE FROM txn WHERE id = 45")
    assert memory_log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 50


def test_a_plan_overtaken_by_new_rows_is_refused(memory_log: OperationLog) -> None:
    _load(memory_log, recent=0)
    plan = plan_purge(memory_log.db, default_cutoff(TODAY))
    TransactionWriter(memory_log.db, memory_log).write(
        [_row(700, RECENT, trace_id="R7", txn_type="REFUND", amount_fen=-5, terminal_id="A",
              parent_trace_id="T00003")], source_kind="SYNC", source_ref="A")
    with pytest.raises(PurgeError, match="plan it again"):
        run_purge(memory_log.db, memory_log, plan)
    assert memory_log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 41


def test_default_cutoff_keeps_at_least_five_years() -> None:
    assert default_cutoff(dt.date(2028, 2, 29)) == dt.date(2023, 2, 28)
    assert default_cutoff(dt.date(2026, 11, 23)) == dt.date(2021, 11, 23)
