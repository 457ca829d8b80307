"""The one write path: guard, dedup, all-or-nothing batches, append-only hash chain."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from app import oplog
from app.errors import SensitiveDataError
from app.hash_chain import chain_head
from app.oplog import OperationLog
from app.transactions import (
    HASHED_COLUMNS,
    Transaction,
    TransactionWriter,
    WriteResult,
    txn_row_hash,
)

T0 = 1_763_800_000_000


def _sale(n: int, **changes: object) -> Transaction:
    base = Transaction(trace_id=f"T-{n:04d}", txn_type="SALE", channel="CARD",
                       amount_fen=1000 + n, ts_utc_ms=T0 + n * 60_000, terminal_id="TERM0001",
                       pan_first6="622202", pan_last4="0128", pan_len=19)
    return dataclasses.replace(base, **changes)


def _count(log: OperationLog, table: str = "txn") -> int:
    return int(log.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_batch_is_written_and_rewriting_adds_nothing(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    first = writer.write([_sale(n) for n in range(10)], source_kind="IMPORT", source_ref="a.csv")
    again = writer.write([_sale(n) for n in range(10)], source_kind="IMPORT", source_ref="a.csv")
    assert (first.new, first.duplicate) == (10, 0)
    assert (again.new, again.duplicate) == (0, 10)
    assert _count(memory_log) == 10


def test_derived_columns_are_shanghai_dates(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    # 2026-03-04 16:30 UTC is 2026-03-05 00:30 in Shanghai
    writer.write([_sale(1, ts_utc_ms=1772641800000)], source_kind="IMPORT", source_ref="x")
    row = memory_log.db.execute("SELECT cn_date, cn_year FROM txn").fetchone()
    assert row == ("2026-03-05", 2026)


def test_card_data_in_one_record_keeps_the_whole_batch_out(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    batch = [_sale(n) for n in range(5)]
    batch[3] = _sale(3, memo="customer card 4111111111111111")
    with pytest.raises(SensitiveDataError) as caught:
        writer.write(batch, source_kind="IMPORT", source_ref="bad.csv")
    assert caught.value.facts["field"] == "memo"
    assert _count(memory_log) == 0
    blocked = oplog.entries(memory_log.db)[0]
    assert blocked.op_type == oplog.SENSITIVE_DATA_BLOCKED and blocked.result == "FAIL"
    assert blocked.details == {"field": "memo", "record": 4}
    assert "4111111111111111" not in blocked.details_json


def test_a_bad_value_is_refused_naming_the_field(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    with pytest.raises(ValueError, match="channel"):
        writer.write([_sale(1, channel="CARRIER_PIGEON")], source_kind="IMPORT", source_ref="x")
    with pytest.raises(ValueError, match="amount_fen"):
        writer.write([_sale(1, amount_fen=12.5)], source_kind="IMPORT", source_ref="x")
    assert _count(memory_log) == 0


def test_preview_counts_without_writing(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    writer.write([_sale(n) for n in range(3)], source_kind="IMPORT", source_ref="a")
    preview = writer.preview([_sale(n) for n in range(5)], source_kind="IMPORT", source_ref="b")
    assert (preview.new, preview.duplicate) == (2, 3)
    assert _count(memory_log) == 3
    assert chain_head(memory_log.db, "txn")[0] == 3


def test_refund_is_linked_to_its_sale(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    refund = _sale(2, trace_id="R-1", txn_type="REFUND", amount_fen=-500,
                   parent_trace_id="T-0001")
    writer.write([_sale(1), refund], source_kind="SYNC", source_ref="TERM0001")
    rows = dict(memory_log.db.execute("SELECT trace_id, parent_txn_id FROM txn").fetchall())
    sale_id = memory_log.db.execute("SELECT id FROM txn WHERE trace_id='T-0001'").fetchone()[0]
    assert rows["R-1"] == sale_id


def test_rows_are_append_only_and_hash_chained(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    writer.write([_sale(n) for n in range(3)], source_kind="SYNC", source_ref="TERM0001")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        memory_log.db.execute("UPDATE txn SET amount_fen = 1")
    rows = list(memory_log.db.query("SELECT * FROM txn ORDER BY id"))
    assert rows[1]["prev_hash"] == rows[0]["row_hash"]
    for row in rows:
        values = tuple(row[name] for name in HASHED_COLUMNS)
        assert txn_row_hash(row["prev_hash"], values) == row["row_hash"]
        assert len(row["row_hash"]) == 32 and len(row["app_txn_uuid"]) == 16
    assert chain_head(memory_log.db, "txn") == (3, rows[-1]["row_hash"].hex())


def test_each_written_batch_is_in_the_operation_log(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    writer.write([_sale(n) for n in range(4)], source_kind="IMPORT", source_ref="a.csv")
    entry = oplog.entries(memory_log.db)[0]
    assert entry.op_type == oplog.TRANSACTIONS_WRITTEN
    assert entry.target_id == "a.csv" and entry.details == {"new": 4, "duplicate": 0}


def test_chain_holds_across_batches_that_log_no_summary(memory_log: OperationLog) -> None:
    """Sync and the demo write many batches with log_batch=False: the chain must not care."""
    from app.transactions import verify_txn_chain

    writer = TransactionWriter(memory_log.db, memory_log)
    for start in (0, 5, 10):
        writer.write([_sale(n) for n in range(start, start + 5)], source_kind="SYNC",
                     source_ref="T", log_batch=False)
    assert verify_txn_chain(memory_log.db) == (True, None, 15)
    memory_log.db.execute("DROP TRIGGER txn_append_only")
    memory_log.db.execute("UPDATE txn SET amount_fen = 1 WHERE id = 7")
    assert verify_txn_chain(memory_log.db) == (False, 7, 6)


def test_refund_in_the_same_batch_as_its_sale_is_linked(memory_log: OperationLog) -> None:
    writer = TransactionWriter(memory_log.db, memory_log)
    refund = _sale(9, trace_id="R-9", txn_type="REFUND", amount_fen=-100,
                   parent_trace_id="T-0008")
    writer.write([_sale(8), refund, _sale(8)], source_kind="SYNC", source_ref="T")
    rows = dict(memory_log.db.execute("SELECT trace_id, parent_txn_id FROM txn").fetchall())
    sale = memory_log.db.execute("SELECT id FROM txn WHERE trace_id = 'T-0008'").fetchone()[0]
    assert rows == {"T-0008": None, "R-9": sale}


def test_stream_is_all_or_nothing_and_logs_the_refusal_after_rollback(
        memory_log: OperationLog) -> None:
    """An import writes many batches in one transaction: a card number in batch 3 keeps
    nothing of batches 1 and 2, and the refusal (row and field, no value) is in the oplog."""
    writer = TransactionWriter(memory_log.db, memory_log)
    records = [_sale(n) for n in range(25)]
    records[22] = _sale(22, memo="pay 4111 1111 1111 1111")
    with pytest.raises(SensitiveDataError):
        writer.write_stream(iter(records), source_kind="IMPORT", source_ref="f.csv",
                            batch_size=10)
    assert memory_log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
    entry = oplog.entries(memory_log.db)[-1]
    assert entry.op_type == oplog.SENSITIVE_DATA_BLOCKED
    assert entry.details == {"record": 23, "field": "memo"}
    records[22] = _sale(22)
    dry = writer.write_stream(iter(records), source_kind="IMPORT", source_ref="f.csv",
                              batch_size=10, keep=False)
    assert dry == WriteResult(25, 0)
    assert memory_log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
    done = writer.write_stream(iter(records + records[:5]), source_kind="IMPORT",
                               source_ref="f.csv", batch_size=10)
    assert done == WriteResult(25, 5)
    from app.transactions import verify_txn_chain
    assert verify_txn_chain(memory_log.db) == (True, None, 25)
    assert memory_log.db.execute("SELECT sum(n) FROM txn_daily").fetchone()[0] == 25


def test_a_refund_from_another_device_links_by_trace_alone(memory_log: OperationLog) -> None:
    """Statements sometimes name the refund's device and not the payment's: the trace id
    alone links them when one terminal has it; an ambiguous trace stays unlinked."""
    writer = TransactionWriter(memory_log.db, memory_log)
    writer.write([Transaction("P1", "SALE", "QR", 500, 1_780_000_000_000),
                  Transaction("P2", "SALE", "QR", 700, 1_780_000_000_000, terminal_id="A"),
                  Transaction("P2", "SALE", "QR", 700, 1_780_000_000_000, terminal_id="B")],
                 source_kind="IMPORT", source_ref="day1.csv")
    writer.write([Transaction("R1", "REFUND", "QR", -500, 1_780_000_060_000,
                              terminal_id="POS-7", parent_trace_id="P1"),
                  Transaction("R2", "REFUND", "QR", -700, 1_780_000_060_000,
                              terminal_id="C", parent_trace_id="P2")],
                 source_kind="IMPORT", source_ref="day2.csv")
    links = dict(memory_log.db.execute(
        "SELECT r.trace_id, p.trace_id FROM txn r LEFT JOIN txn p ON p.id = r.parent_txn_id "
        "WHERE r.txn_type = 'REFUND'").fetchall())
    assert links == {"R1": "P1", "R2": None}
