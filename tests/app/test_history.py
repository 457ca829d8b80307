"""Reading history: the default one-year window and keyset pages without gaps or repeats."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.history import DateRange, HistoryPager
from app.oplog import OperationLog
from app.shanghai_time import SHANGHAI, from_datetime
from app.transactions import Transaction, TransactionWriter


def _at(day: dt.date, hour: int = 12) -> int:
    return from_datetime(dt.datetime.combine(day, dt.time(hour), SHANGHAI))


def test_default_window_is_at_least_one_year() -> None:
    window = DateRange.default(dt.date(2025, 3, 10))
    assert (window.first, window.last) == (dt.date(2024, 3, 10), dt.date(2025, 3, 10))


def test_pages_are_newest_first_without_gaps_or_repeats(memory_log: OperationLog) -> None:
    base = Transaction(trace_id="x", txn_type="SALE", channel="QR", amount_fen=100,
                       ts_utc_ms=0, terminal_id="T1")
    day = dt.date(2026, 5, 1)
    # many rows share a timestamp, so the id tiebreak matters
    rows = [dataclasses.replace(base, trace_id=f"t{n}", ts_utc_ms=_at(day, 8 + n % 5))
            for n in range(53)]
    TransactionWriter(memory_log.db, memory_log).write(rows, source_kind="IMPORT",
                                                       source_ref="f")
    pager = HistoryPager(memory_log.db, DateRange(day, day), page_size=10)
    seen = []
    while not pager.exhausted:
        seen.extend(pager.next_page())
    assert len(seen) == 53 == pager.count()
    assert len({r.id for r in seen}) == 53
    keys = [(r.ts_utc_ms, r.id) for r in seen]
    assert keys == sorted(keys, reverse=True)


def test_range_bounds_are_shanghai_days(memory_log: OperationLog) -> None:
    base = Transaction(trace_id="x", txn_type="SALE", channel="QR", amount_fen=100,
                       ts_utc_ms=0, terminal_id="T1")
    day = dt.date(2026, 5, 1)
    inside_early = dataclasses.replace(base, trace_id="a", ts_utc_ms=_at(day, 0))
    inside_late = dataclasses.replace(base, trace_id="b",
                                      ts_utc_ms=_at(day + dt.timedelta(days=1), 0) - 1)
    outside = dataclasses.replace(base, trace_id="c", ts_utc_ms=_at(day + dt.timedelta(days=1), 0))
    TransactionWriter(memory_log.db, memory_log).write(
        [inside_early, inside_late, outside], source_kind="IMPORT", source_ref="f")
    found = HistoryPager(memory_log.db, DateRange(day, day)).next_page()
    assert {r.trace_id for r in found} == {"a", "b"}
