"""Reading the operation log: filters as SQL over Beijing days, types, targets, results and
text; keyset pages newest first with no gap or repeat; counts; the codes for the lists;
and a filtered page walks an index instead of sorting the log."""

from __future__ import annotations

import datetime as dt

import pytest

from app import oplog
from app.oplog import OperationLog
from app.oplog_query import (
    OplogFilter,
    count,
    entry_by_id,
    key_of,
    oldest_day,
    op_types,
    page,
    page_from,
    target_types,
)
from app.shanghai_time import start_of_day_ms

DAY = dt.date(2026, 3, 5)
HOUR = 3_600_000


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The log's clock, set by the test: entries are written through the real append."""
    now = [start_of_day_ms(DAY)]
    monkeypatch.setattr(oplog, "now_ms", lambda: now[0])
    return now


def _at(log: OperationLog, clock: list[int], ms: int, op_type: str, **fields: object) -> int:
    clock[0] = ms
    return log.append(op_type, **fields).id  # type: ignore[arg-type]


@pytest.fixture
def filled(memory_log: OperationLog, clock: list[int]) -> OperationLog:
    """Entries around the Beijing day boundary of 2026-03-05/06 and a few kinds."""
    start = start_of_day_ms(DAY)
    _at(memory_log, clock, start - 1, oplog.LOGIN, target_type="profile", target_id="p")
    _at(memory_log, clock, start, oplog.TERMINAL_PAIR, target_type="terminal",
        target_id="T0001", details={"model": "SIM-ESIGN"})
    _at(memory_log, clock, start + 10 * HOUR, oplog.TERMINAL_SYNC, target_type="terminal",
        target_id="T0001", details={"new": 12, "note": "便利店 100%_done"})
    _at(memory_log, clock, start + 10 * HOUR, oplog.TERMINAL_SYNC, target_type="terminal",
        target_id="T0002", result="FAIL", details={"error": "timeout"})
    _at(memory_log, clock, start + 24 * HOUR - 1, oplog.DATA_EXPORT, target_type="file",
        target_id="march.csv", details={"rows": 3})
    _at(memory_log, clock, start + 24 * HOUR, oplog.LOGOUT, target_type="profile",
        target_id="p")
    return memory_log


def _ids(log: OperationLog, query: OplogFilter) -> list[int]:
    return [e.id for e in page(log.db, query, None, 100)]


def test_everything_newest_first(filled: OperationLog) -> None:
    assert _ids(filled, OplogFilter()) == [6, 5, 4, 3, 2, 1]
    assert count(filled.db, OplogFilter()) == 6


def test_beijing_days_include_both_ends_and_nothing_outside(filled: OperationLog) -> None:
    one_day = OplogFilter(first_day=DAY, last_day=DAY)
    assert _ids(filled, one_day) == [5, 4, 3, 2]
    assert count(filled.db, one_day) == 4
    assert _ids(filled, OplogFilter(first_day=DAY + dt.timedelta(days=1))) == [6]
    assert _ids(filled, OplogFilter(last_day=DAY - dt.timedelta(days=1))) == [1]


def test_utc_instants_bound_from_included_to_excluded(filled: OperationLog) -> None:
    start = start_of_day_ms(DAY)
    query = OplogFilter(from_ms=start + 10 * HOUR, to_ms=start + 24 * HOUR - 1)
    assert _ids(filled, query) == [4, 3]
    both = OplogFilter(first_day=DAY, last_day=DAY, from_ms=start + 1)   # narrower wins
    assert _ids(filled, both) == [5, 4, 3]


def test_type_target_and_result_narrow(filled: OperationLog) -> None:
    assert _ids(filled, OplogFilter(op_types=(oplog.TERMINAL_SYNC,))) == [4, 3]
    assert _ids(filled, OplogFilter(op_types=(oplog.LOGIN, oplog.LOGOUT))) == [6, 1]
    assert _ids(filled, OplogFilter(target_type="terminal", target_id="T0001")) == [3, 2]
    assert _ids(filled, OplogFilter(results=("FAIL",))) == [4]
    assert count(filled.db, OplogFilter(target_type="terminal")) == 3


@pytest.mark.parametrize(("text", "expected"), [
    ("便利店", [3]),                 # in the details, Chinese
    ("t0002", [4]),                  # target id, any case
    ("data_export", [5]),            # the op type's code
    ("tester", [6, 5, 4, 3, 2, 1]),  # the actor
    ("100%_", [3]),                  # % and _ are literal, not wildcards
    ("1%0", []),                    # a wildcard would match "12 … 100"
])
def test_search_looks_in_type_target_actor_and_details(
        filled: OperationLog, text: str, expected: list[int]) -> None:
    query = OplogFilter(text=text)
    assert _ids(filled, query) == expected
    assert count(filled.db, query) == len(expected)


def test_search_also_finds_the_types_named_like_it(filled: OperationLog) -> None:
    """The UI passes the codes whose translated name matched the text."""
    query = OplogFilter(text="已配对", text_op_types=(oplog.TERMINAL_PAIR,))
    assert _ids(filled, query) == [2]


def test_pages_continue_without_gap_or_repeat(memory_log: OperationLog,
                                              clock: list[int]) -> None:
    start = start_of_day_ms(DAY)
    for n in range(25):              # pairs share a millisecond: the id breaks the tie
        _at(memory_log, clock, start + (n // 2) * 1000, oplog.SETTINGS_CHANGED,
            target_id=f"k{n}")
    seen: list[int] = []
    after = None
    while True:
        chunk = page(memory_log.db, OplogFilter(), after, 4)
        seen += [e.id for e in chunk]
        if len(chunk) < 4:
            break
        after = key_of(chunk[-1])
    assert seen == list(range(25, 0, -1))


def test_page_from_an_entry_shows_it_then_older(filled: OperationLog) -> None:
    assert [e.id for e in page_from(filled.db, 4)] == [4, 3, 2, 1]
    assert page_from(filled.db, 99) == []
    assert entry_by_id(filled.db, 5).op_type == oplog.DATA_EXPORT  # type: ignore[union-attr]


def test_codes_present_for_the_lists(filled: OperationLog) -> None:
    assert op_types(filled.db) == sorted({oplog.LOGIN, oplog.LOGOUT, oplog.TERMINAL_PAIR,
                                          oplog.TERMINAL_SYNC, oplog.DATA_EXPORT})
    assert target_types(filled.db) == ["file", "profile", "terminal"]
    assert oldest_day(filled.db) == DAY - dt.timedelta(days=1)


def test_a_type_page_walks_the_index_instead_of_sorting(filled: OperationLog) -> None:
    """Migration 10: (op_type, occurred) serves a type filter in page order."""
    query = OplogFilter(op_types=(oplog.TERMINAL_SYNC,), first_day=DAY, last_day=DAY)
    where, params = query.where((start_of_day_ms(DAY) + 11 * HOUR, 99))
    plan = " ".join(row[3] for row in filled.db.execute(
        f"EXPLAIN QUERY PLAN SELECT * FROM oplog WHERE {where} "
        "ORDER BY occurred_at_utc_ms DESC, id DESC LIMIT 200", params))
    assert "oplog_type_time" in plan and "TEMP B-TREE" not in plan
