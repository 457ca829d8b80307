"""Filters, totals and daily volume equal a brute-force computation over the same records,
and keyset paging returns every matching row exactly once, newest first."""

from __future__ import annotations

import datetime as dt

import pytest

from app import bench_data
from app.history import (
    DateRange,
    HistoryPager,
    Totals,
    TxnFilter,
    count,
    daily_volume,
    key_at,
    totals,
)
from app.oplog import OperationLog
from app.shanghai_time import cn_date, to_datetime
from app.transactions import Transaction, TransactionWriter

END_MS = 1_795_000_000_000


@pytest.fixture
def history(memory_log: OperationLog) -> tuple[OperationLog, list[Transaction]]:
    records = list(bench_data.generate(3_000, days=60, terminals=3, end_ms=END_MS, seed=3))
    TransactionWriter(memory_log.db, memory_log).write_stream(
        iter(records), source_kind="IMPORT", source_ref="gen", batch_size=700)
    return memory_log, records


def _window(days_back: int, days: int) -> DateRange:
    last = to_datetime(END_MS).date() - dt.timedelta(days=days_back)
    return DateRange(last - dt.timedelta(days=days - 1), last)


def _matches(record: Transaction, query: TxnFilter) -> bool:
    day = dt.date.fromisoformat(cn_date(record.ts_utc_ms))
    return (query.dates.first <= day <= query.dates.last
            and (not query.terminal_ids or record.terminal_id in query.terminal_ids)
            and (not query.channels or record.channel in query.channels)
            and (not query.txn_types or record.txn_type in query.txn_types)
            and (not query.statuses or record.status in query.statuses)
            and (query.min_fen is None or record.amount_fen >= query.min_fen)
            and (query.max_fen is None or record.amount_fen <= query.max_fen)
            and (not query.card_last4 or record.pan_last4 == query.card_last4)
            and (not query.reference or query.reference in (record.trace_id, record.rrn))
            and (not query.text or query.text in (record.memo or "")
                 or query.text in (record.merchant_name or "")))


FILTERS = [
    TxnFilter(dates=_window(0, 60)),
    TxnFilter(dates=_window(0, 20), terminal_ids=("BENCH002",), txn_types=("SALE",),
              min_fen=2_000, max_fen=9_000),
    TxnFilter(dates=_window(10, 30), channels=("QR",), statuses=("SUCCEEDED",)),
    TxnFilter(dates=_window(0, 60), txn_types=("REFUND", "VOID")),
    TxnFilter(dates=_window(0, 60), min_fen=10**9),                     # matches nothing
    TxnFilter(dates=_window(0, 60), text="外卖"),
    TxnFilter(dates=_window(0, 60), text="coffee", terminal_ids=("BENCH001",)),
    TxnFilter(dates=_window(0, 60), reference="000000001234"),
]


@pytest.mark.parametrize("query", FILTERS)
def test_pages_counts_and_totals_equal_brute_force(history, query: TxnFilter) -> None:  # type: ignore[no-untyped-def]
    log, records = history
    order = {id(r): n for n, r in enumerate(records)}       # ids follow the write order
    expected = sorted((r for r in records if _matches(r, query)),
                      key=lambda r: (r.ts_utc_ms, order[id(r)]), reverse=True)
    pager = HistoryPager(log.db, query, page_size=97)
    seen = []
    while not pager.exhausted:
        seen.extend(pager.next_page())
    assert [r.trace_id for r in seen] == [r.trace_id for r in expected]
    assert count(log.db, query) == len(expected)
    ok = [r for r in expected if r.status == "SUCCEEDED"]
    sales = sum(r.amount_fen for r in ok if r.txn_type in ("SALE", "PREAUTH_COMPLETE"))
    refunds = sum(r.amount_fen for r in ok if r.txn_type in ("REFUND", "VOID"))
    assert totals(log.db, query) == Totals(len(expected), sales, refunds, sales + refunds)
    days = daily_volume(log.db, query)
    assert sum(c for _, c, _ in days) == len(expected)
    assert sum(s for _, _, s in days) == sales + refunds
    if expected:
        middle = len(expected) // 2
        assert key_at(log.db, query, middle) == (seen[middle].ts_utc_ms, seen[middle].id)


def test_rollup_totals_equal_a_scan(history) -> None:  # type: ignore[no-untyped-def]
    """The same filter through txn_daily and through txn (forced by an always-true amount
    bound) gives the same totals."""
    log, _ = history
    query = TxnFilter(dates=_window(0, 45), terminal_ids=("BENCH001", "BENCH003"),
                      channels=("CARD", "NFC"))
    assert query.rollup_ready and not query.replace(min_fen=-10**12).rollup_ready
    assert totals(log.db, query) == totals(log.db, query.replace(min_fen=-10**12))
    assert daily_volume(log.db, query) == daily_volume(log.db, query.replace(min_fen=-10**12))


def test_paging_continues_correctly_while_rows_are_added(history) -> None:  # type: ignore[no-untyped-def]
    """A sync adding newer rows mid-scroll neither repeats nor skips the older rows."""
    log, records = history
    query = TxnFilter(dates=_window(0, 60))
    pager = HistoryPager(log.db, query, page_size=500)
    seen = [r.trace_id for r in pager.next_page()]
    newer = [Transaction(trace_id=f"NEW{n}", txn_type="SALE", channel="QR", amount_fen=100,
                         ts_utc_ms=END_MS + n, terminal_id="BENCH001") for n in range(50)]
    TransactionWriter(log.db, log).write(newer, source_kind="SYNC", source_ref="BENCH001")
    while not pager.exhausted:
        seen.extend(r.trace_id for r in pager.next_page())
    assert len(seen) == len(set(seen)) == sum(_matches(r, query) for r in records)
