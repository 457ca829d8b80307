"""A long import prepares its rows in a helper process: the result must be exactly what the
inline path writes (ids, links, hashes, rollups, search), and refusals, bad values and a
dying helper must leave nothing behind."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import oplog
from app.errors import SensitiveDataError
from app.oplog import Actor, OperationLog
from app.storage import connect_memory
from app.transactions import Transaction, TransactionWriter, WriteResult, verify_txn_chain
from app.write_worker import WorkerGone

T0 = 1_780_000_000_000
TABLES = ("SELECT * FROM txn ORDER BY id", "SELECT * FROM txn_daily ORDER BY 1, 2, 3, 4, 5",
          "SELECT * FROM txn_zone ORDER BY zone", "SELECT * FROM chain_heads WHERE chain = 'txn'")


def _records(count: int) -> list[Transaction]:
    """Sales on two terminals; refunds of a sale in the same batch, the batch before and
    several batches back; repeats of rows one and several batches back."""
    records: list[Transaction] = []
    for n in range(count):
        terminal = "A" if n % 2 else "B"
        if n % 11 == 5:
            back = (1, 6, 9, 30)[n % 4]
            original = records[max(0, n - back)]
            records.append(Transaction(f"R{n}", "REFUND", "QR", -100, T0 + n * 1000,
                                       terminal_id=original.terminal_id, memo="退款 refund",
                                       parent_trace_id=original.trace_id))
        elif n % 13 == 7 and n > 40:
            records.append(records[n - (3, 25)[n % 2]])          # a repeat
        else:
            records.append(Transaction(f"S{n}", "SALE", ("CARD", "QR", "NFC")[n % 3],
                                       1000 + n, T0 + n * 1000, terminal_id=terminal,
                                       merchant_name="街角小店", memo=f"order {n}"))
    return records


def _written(log: OperationLog, records: list[Transaction], inline_rows: int) -> WriteResult:
    return TransactionWriter(log.db, log).write_stream(
        iter(records), source_kind="IMPORT", source_ref="f.csv", batch_size=7,
        inline_rows=inline_rows)


def _tables(log: OperationLog) -> list[list[tuple[object, ...]]]:
    return [[tuple(row) for row in log.db.execute(sql).fetchall()] for sql in TABLES]


def _fresh(actor: Actor) -> OperationLog:
    return OperationLog(connect_memory(), actor)


def test_the_helper_writes_exactly_what_the_inline_path_writes(actor: Actor) -> None:
    records = _records(200)
    inline, helped = _fresh(actor), _fresh(actor)
    assert _written(inline, records, inline_rows=10**9) == _written(helped, records, 14)
    assert _tables(helped) == _tables(inline)
    assert verify_txn_chain(helped.db) == (True, None, len(_tables(helped)[0]))
    refunds = len({r.dedup_key() for r in records if r.parent_trace_id})
    linked = helped.db.execute("SELECT count(*) FROM txn WHERE parent_txn_id IS NOT NULL")
    assert linked.fetchone()[0] == refunds
    found = helped.db.execute("SELECT count(*) FROM txn_text WHERE txn_text MATCH '\"退 款\"'")
    assert found.fetchone()[0] == refunds


def test_a_repeat_of_an_earlier_import_is_found_through_the_helper(actor: Actor) -> None:
    log = _fresh(actor)
    records = _records(120)
    first = _written(log, records, inline_rows=0)
    again = _written(log, records, inline_rows=0)
    assert again == WriteResult(0, first.new + first.duplicate)


def test_card_data_met_by_the_helper_rolls_everything_back(actor: Actor) -> None:
    log = _fresh(actor)
    records = _records(100)
    records[87] = Transaction("S87", "SALE", "CARD", 100, T0, memo="card 4111 1111 1111 1111")
    with pytest.raises(SensitiveDataError) as caught:
        _written(log, records, inline_rows=7)
    assert caught.value.facts["field"] == "memo"
    assert "4111" not in caught.value.message
    assert log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
    blocked = oplog.entries(log.db)[-1]
    assert blocked.op_type == oplog.SENSITIVE_DATA_BLOCKED
    assert blocked.details == {"record": 88, "field": "memo"}


def test_a_bad_value_met_by_the_helper_names_the_field(actor: Actor) -> None:
    log = _fresh(actor)
    records = _records(60)
    records[50] = Transaction("S50", "SALE", "PIGEON", 100, T0)
    with pytest.raises(ValueError, match="channel"):
        _written(log, records, inline_rows=0)
    assert log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0


def _children() -> list[int]:
    tasks = Path(f"/proc/{os.getpid()}/task")
    pids: list[int] = []
    for task in tasks.iterdir():
        listed = task / "children"
        if listed.exists():
            pids += [int(pid) for pid in listed.read_text().split()]
    return pids


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task").exists(), reason="needs /proc")
def test_a_helper_that_dies_leaves_nothing_written(actor: Actor) -> None:
    log = _fresh(actor)

    def records() -> Iterator[Transaction]:
        for n, record in enumerate(_records(100)):
            if n == 60:
                for pid in _children():
                    os.kill(pid, signal.SIGKILL)
            yield record

    with pytest.raises(WorkerGone, match="stopped unexpectedly"):
        TransactionWriter(log.db, log).write_stream(
            records(), source_kind="IMPORT", source_ref="f.csv", batch_size=7, inline_rows=0)
    assert log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
