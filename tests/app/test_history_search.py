"""Text search through the zone map stays exact when ids are out of time order: statements
of older months imported after newer rows get higher ids. Pages (first and keyset next),
counts and a text+filter combination equal a brute-force computation."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app import bench_data
from app.history import DateRange, HistoryPager, TxnFilter, count
from app.oplog import OperationLog
from app.shanghai_time import to_datetime
from app.transactions import Transaction, TransactionWriter
from tests.app.test_history_filters import _matches

END_MS = 1_795_000_000_000
DAY_MS = 86_400_000


@pytest.fixture
def shuffled(memory_log: OperationLog) -> tuple[OperationLog, list[Transaction]]:
    """Recent rows synced first, then two older statements imported: ids run 'backwards'
    in time across several 1024-id zones."""
    recent = list(bench_data.generate(2_500, days=40, terminals=3, end_ms=END_MS, seed=11))
    older = list(bench_data.generate(2_000, days=60, terminals=3, end_ms=END_MS - 40 * DAY_MS,
                                     seed=12))
    oldest = list(bench_data.generate(1_500, days=60, terminals=2,
                                      end_ms=END_MS - 100 * DAY_MS, seed=13))
    writer = TransactionWriter(memory_log.db, memory_log)
    for part, name in ((recent, "sync"), (older, "march.csv"), (oldest, "jan.csv")):
        renamed = [dataclasses.replace(
            r, trace_id=f"{name}-{r.trace_id}",
            parent_trace_id=r.parent_trace_id and f"{name}-{r.parent_trace_id}") for r in part]
        writer.write_stream(iter(renamed), source_kind="IMPORT", source_ref=name,
                            batch_size=700)
    return memory_log, [r for part in (recent, older, oldest) for r in part]


def _window(days: int) -> DateRange:
    last = to_datetime(END_MS).date()
    return DateRange(last - dt.timedelta(days=days - 1), last)


SEARCHES = [
    TxnFilter(dates=_window(160), text="外卖"),
    TxnFilter(dates=_window(160), text="coffee"),
    TxnFilter(dates=_window(70), text="外卖"),                    # window edge mid-zone
    TxnFilter(dates=_window(160), text="不存在的词"),
    TxnFilter(dates=_window(160), text="coffee", terminal_ids=("BENCH001",),
              txn_types=("SALE",)),
]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_pages_and_counts_equal_brute_force(shuffled, query: TxnFilter) -> None:  # type: ignore[no-untyped-def]
    log, _ = shuffled
    ids = log.db.execute("SELECT id FROM txn ORDER BY ts_utc_ms").fetchall()
    assert [r[0] for r in ids] != sorted(r[0] for r in ids)      # ids out of time order
    where, params = query.where()
    expected = [tuple(r) for r in log.db.execute(
        f"SELECT ts_utc_ms, id FROM txn WHERE {where} ORDER BY ts_utc_ms DESC, id DESC",
        params)]
    pager = HistoryPager(log.db, query, page_size=97)
    seen: list[tuple[int, int]] = []
    while not pager.exhausted:
        seen.extend((r.ts_utc_ms, r.id) for r in pager.next_page())
    assert seen == expected
    assert count(log.db, query) == len(expected)
    if query.text == "外卖" and query.dates.first < _window(100).first:
        assert len(expected) > 100


def test_every_row_has_its_zone(shuffled) -> None:  # type: ignore[no-untyped-def]
    log, _ = shuffled
    outside = log.db.execute(
        "SELECT count(*) FROM txn JOIN txn_zone ON zone = txn.id >> 10 "
        "WHERE ts_utc_ms < min_ts OR ts_utc_ms > max_ts").fetchone()[0]
    zoned = log.db.execute("SELECT count(*) FROM txn JOIN txn_zone ON zone = txn.id >> 10"
                           ).fetchone()[0]
    assert outside == 0 and zoned == log.db.execute("SELECT count(*) FROM txn").fetchone()[0]


def test_brute_force_helper_agrees(shuffled) -> None:  # type: ignore[no-untyped-def]
    log, records = shuffled
    query = SEARCHES[0]
    assert count(log.db, query) == sum(1 for r in records if _matches(r, query))
