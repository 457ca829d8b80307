"""A history window gives every row of a filter at its position, in order, whichever way
the positions are visited (scrolling, jumping, going back), while holding only a few blocks."""

from __future__ import annotations

import random

import pytest

from app import history_window
from app.history import TxnFilter, count
from app.history_window import HistoryWindow, Ordering, SortTooBroadError
from app.oplog import OperationLog
from app.transactions import Transaction
from tests.app.test_history_filters import FILTERS, _matches, history  # noqa: F401


def _expected(records: list[Transaction], query: TxnFilter,
              db_ids: dict[tuple[str, str, str], int]) -> list[tuple[int, int]]:
    keys = [(r.ts_utc_ms, db_ids[(r.trace_id, r.txn_type, r.terminal_id or "")])
            for r in records if _matches(r, query)]
    return sorted(keys, reverse=True)


def _ids(log: OperationLog) -> dict[tuple[str, str, str], int]:
    return {(t, k, term): i for i, t, k, term in log.db.execute(
        "SELECT id, trace_id, txn_type, coalesce(terminal_id, '') FROM txn")}


@pytest.mark.parametrize("query", FILTERS)
def test_positions_hold_the_brute_force_order_in_any_visiting_order(history, query) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    log, records = history
    expected = _expected(records, query, _ids(log))
    total = count(log.db, query)
    assert total == len(expected)
    positions = list(range(total))
    random.Random(7).shuffle(positions)                    # jumps, not a scroll
    window = HistoryWindow(log.db, query, total, block=37, kept_blocks=3)
    seen = {p: window.row(p) for p in positions}
    assert [(seen[p].ts_utc_ms, seen[p].id) for p in range(total)] == expected  # type: ignore[union-attr]
    assert window.cached_rows <= 3 * 37
    assert window.row(total) is None and window.row(-1) is None


def test_oldest_first_is_the_reverse(history) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    log, _ = history
    query = FILTERS[1]
    total = count(log.db, query)
    newest = HistoryWindow(log.db, query, total, block=16)
    oldest = HistoryWindow(log.db, query, total, Ordering("time", descending=False), block=16)
    forward = [oldest.row(p).id for p in range(total)]  # type: ignore[union-attr]
    backward = [newest.row(p).id for p in reversed(range(total))]  # type: ignore[union-attr]
    assert total > 16 and forward == backward


def test_ordering_by_amount_within_the_limit(history) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    log, _ = history
    query = FILTERS[2]
    total = count(log.db, query)
    window = HistoryWindow(log.db, query, total, Ordering("amount", descending=False), block=50)
    amounts = [window.row(p).amount_fen for p in range(total)]  # type: ignore[union-attr]
    assert total > 50 and amounts == sorted(amounts)


def test_ordering_by_another_column_refuses_a_broad_filter(history, monkeypatch) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    log, _ = history
    query = FILTERS[0]
    total = count(log.db, query)
    monkeypatch.setattr(history_window, "SORT_LIMIT", total - 1)
    with pytest.raises(SortTooBroadError):
        HistoryWindow(log.db, query, total, Ordering("amount"))
    assert HistoryWindow(log.db, query, total).row(0) is not None   # time order still works
