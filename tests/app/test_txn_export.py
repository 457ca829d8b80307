"""Export of a history filter (spec Q-2): the files read back exactly (BOM, headers, amounts,
masked cards, the filter's rows and no others), the export is logged, a failed or cancelled
export leaves no trace on disk, and spreadsheet formulas cannot ride in on text fields."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import re
import threading
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet import _writer as openpyxl_writer

from app import bench_data, txn_export
from app import oplog as ops
from app.hash_chain import set_chain_head
from app.history import DateRange, TxnFilter, totals
from app.oplog import Actor, OperationLog, entries
from app.progress import Cancelled
from app.shanghai_time import cn_date, format_local, to_datetime
from app.storage import connect
from app.transactions import HASHED_COLUMNS, Transaction, TransactionWriter, txn_row_hash
from app.txn_export import (
    XLSX_AMOUNT_FORMAT,
    ExportError,
    TxnChainBrokenError,
    export_transactions,
    headers,
)

END_MS = 1_795_000_000_000          # 2026-11-18 in Shanghai
WINDOW = DateRange(dt.date(2026, 10, 1), dt.date(2026, 11, 18))
BOM = b"\xef\xbb\xbf"
# Values a spreadsheet would run or misread if written as they are.
HOSTILE = ("=HYPERLINK(\"http://evil.example\",\"click\")", "+SUM(A1:A9)", "-2+3",
           "@cmd|' /C calc'!A0", "#N/A")


def _hostile_records() -> list[Transaction]:
    base = Transaction(trace_id="HOSTILE0", txn_type="REFUND", channel="QR", amount_fen=-1250,
                       ts_utc_ms=END_MS - 3_600_000, terminal_id="BENCH001",
                       merchant_name="街角便利店 Corner Store", merchant_code="898310054110001",
                       mcc="5411")
    return [dataclasses.replace(base, trace_id=f"HOSTILE{n}", memo=text,
                                ts_utc_ms=base.ts_utc_ms + n)
            for n, text in enumerate(HOSTILE)]


@pytest.fixture
def shop(memory_log: OperationLog) -> tuple[OperationLog, list[Transaction]]:
    records = [*bench_data.generate(3_000, days=60, terminals=3, end_ms=END_MS, seed=5),
               *_hostile_records()]
    TransactionWriter(memory_log.db, memory_log).write_stream(
        iter(records), source_kind="IMPORT", source_ref="gen", batch_size=1_000)
    return memory_log, records


def _in_window(record: Transaction, query: TxnFilter) -> bool:
    day = dt.date.fromisoformat(cn_date(record.ts_utc_ms))
    return query.dates.first <= day <= query.dates.last


def _read_csv(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _yuan(fen: int) -> str:
    return f"{'-' if fen < 0 else ''}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def test_csv_has_bom_header_and_exactly_the_filtered_rows(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, records = shop
    query = TxnFilter(dates=WINDOW, terminal_ids=("BENCH001", "BENCH003"),
                      txn_types=("SALE", "REFUND"))
    result = export_transactions(log.db, log, query, tmp_path / "out.csv", "csv")
    raw, rows = _read_csv(tmp_path / "out.csv")
    assert raw.startswith(BOM) and b"\r\n" in raw
    assert rows[0] == headers("en")
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    expected = {r.trace_id: r for r in records if _in_window(r, query)
                and r.terminal_id in query.terminal_ids and r.txn_type in query.txn_types}
    assert result.rows == len(body) == len(expected) == totals(log.db, query).count > 100
    assert {row["Trace ID"] for row in body} == set(expected)
    for row in body:
        record = expected[row["Trace ID"]]
        assert row["Amount (yuan)"] == _yuan(record.amount_fen)
        assert row["Time (Beijing)"] == format_local(record.ts_utc_ms)
        assert row["Date"] == cn_date(record.ts_utc_ms)
        assert (row["Terminal"], row["Type"], row["Status"]) == (
            record.terminal_id, record.txn_type, record.status)
    times = [row["Time (Beijing)"] for row in body]
    assert times == sorted(times, reverse=True)                 # newest first, like the page
    assert any(row["Amount (yuan)"].startswith("-") for row in body)   # refunds stay numbers


def test_cards_are_masked_and_refunds_name_their_original(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, records = shop
    export_transactions(log.db, log, TxnFilter(dates=WINDOW), tmp_path / "all.csv", "csv")
    raw, rows = _read_csv(tmp_path / "all.csv")
    assert not re.search(rb"(?<![0-9])[0-9]{13,19}(?![0-9])", raw.replace(b"898310054110001",
                                                                          b""))
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    by_trace = {r.trace_id: r for r in records}
    cards = [row for row in body if row["Card (masked)"]]
    assert cards
    for row in cards:
        record = by_trace[row["Trace ID"]]
        assert row["Card (masked)"] == f"{record.pan_first6}*********{record.pan_last4}"
    refunds = [row for row in body if row["Type"] == "REFUND" and row["Original trace ID"]]
    assert refunds
    for row in refunds:
        assert row["Original trace ID"] == by_trace[row["Trace ID"]].parent_trace_id


def test_chinese_headers(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, _ = shop
    export_transactions(log.db, log, TxnFilter(dates=WINDOW), tmp_path / "zh.csv", "csv",
                        language="zh_CN")
    _, rows = _read_csv(tmp_path / "zh.csv")
    assert rows[0] == headers("zh_CN")
    assert {"交易时间（北京时间）", "金额（元）", "卡号（脱敏）", "交易流水号"} <= set(rows[0])


def test_xlsx_reads_back_with_numeric_amounts(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, records = shop
    query = TxnFilter(dates=WINDOW, channels=("CARD",))
    result = export_transactions(log.db, log, query, tmp_path / "out.xlsx", "xlsx",
                                 language="zh_CN")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert sheet.title == "交易明细"
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == headers("zh_CN")
    assert result.rows == len(rows) - 1 == totals(log.db, query).count > 100
    by_trace = {r.trace_id: r for r in records}
    for row in rows[1:]:
        record = by_trace[row[12].value]
        amount = row[txn_export.AMOUNT]
        assert amount.data_type == "n" and amount.number_format == XLSX_AMOUNT_FORMAT
        assert Decimal(str(amount.value)) * 100 == record.amount_fen
        assert row[0].value == format_local(record.ts_utc_ms)        # time as text
        assert row[2].value == record.terminal_id and row[4].value == "CARD"
        if record.pan_last4:
            assert row[17].value == f"{record.pan_first6}*********{record.pan_last4}"


def test_formulas_cannot_ride_in_on_text(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, _ = shop
    query = TxnFilter(dates=WINDOW, reference=None, text=None, txn_types=("REFUND",),
                      terminal_ids=("BENCH001",))
    export_transactions(log.db, log, query, tmp_path / "f.csv", "csv")
    _, rows = _read_csv(tmp_path / "f.csv")
    memos = {row[12]: row for row in rows[1:] if row[12].startswith("HOSTILE")}
    assert len(memos) == len(HOSTILE)
    for n, text in enumerate(HOSTILE):
        row = memos[f"HOSTILE{n}"]
        expected = text if text[0] == "#" else "'" + text
        assert row[18] == expected
        assert row[txn_export.AMOUNT] == "-12.50"                  # a number, not prefixed
    export_transactions(log.db, log, query, tmp_path / "f.xlsx", "xlsx")
    with zipfile.ZipFile(tmp_path / "f.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and 't="e"' not in sheet_xml
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx").worksheets[0]
    cells = {row[12].value: row for row in sheet.iter_rows(min_row=2)}
    for n, text in enumerate(HOSTILE):
        memo = cells[f"HOSTILE{n}"][18]
        assert (memo.value, memo.data_type) == (text, "s")
        assert cells[f"HOSTILE{n}"][txn_export.AMOUNT].value == -12.5


def test_export_is_logged_with_its_hash_and_filter(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, _ = shop
    query = TxnFilter(dates=WINDOW, terminal_ids=("BENCH002",), min_fen=1_000,
                      card_last4="0128")
    result = export_transactions(log.db, log, query, tmp_path / "log.csv", "csv")
    entry = entries(log.db, limit=1)[0]
    assert (entry.op_type, entry.result, entry.target_id) == (ops.DATA_EXPORT, "SUCCESS",
                                                              "log.csv")
    assert result.sha256 == hashlib.sha256((tmp_path / "log.csv").read_bytes()).hexdigest()
    assert entry.details == {
        "rows": result.rows, "format": "csv", "file": "log.csv",
        "path": str(tmp_path / "log.csv"), "language": "en", "sha256": result.sha256,
        "filter": {"from": "2026-10-01", "to": "2026-11-18", "terminal_ids": ["BENCH002"],
                   "min_fen": 1000, "card_last4": "0128"}}


def test_progress_runs_from_zero_to_the_total(shop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    log, _ = shop
    monkeypatch.setattr(txn_export, "CHUNK_ROWS", 250)
    calls: list[tuple[int, int]] = []
    result = export_transactions(log.db, log, TxnFilter(dates=WINDOW), tmp_path / "p.csv",
                                 "csv", progress=lambda done, total: calls.append((done, total)))
    total = result.rows
    assert calls[0] == (0, total) and calls[-1] == (total, total) and len(calls) > 5
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cancelled_export_leaves_the_old_file_and_no_temp(shop, tmp_path: Path, fmt: str,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    log, _ = shop
    monkeypatch.setattr(txn_export, "CHUNK_ROWS", 100)
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / f"history.{fmt}"
    target.write_bytes(b"last month's export")
    openpyxl_temps = list(openpyxl_writer.ALL_TEMP_FILES)
    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 500:
            stop.set()

    with pytest.raises(Cancelled):
        export_transactions(log.db, log, TxnFilter(dates=WINDOW), target, fmt,
                            progress=progress, cancelled=stop)
    assert target.read_bytes() == b"last month's export"
    assert _files(folder) == [target.name]
    assert openpyxl_temps == openpyxl_writer.ALL_TEMP_FILES   # its sheet file went too
    entry = entries(log.db, limit=1)[0]
    assert (entry.op_type, entry.result, entry.details["reason"]) == (
        ops.DATA_EXPORT, "FAIL", "cancelled")


def test_failure_while_writing_leaves_nothing(shop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    log, _ = shop
    monkeypatch.setattr(txn_export, "CHUNK_ROWS", 100)
    chunks = []

    def disk_fills_up(self: object, records: list[object]) -> None:
        chunks.append(len(records))
        if len(chunks) == 3:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(txn_export._CsvSink, "write", disk_fills_up)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(ExportError, match="No space left on device"):
        export_transactions(log.db, log, TxnFilter(dates=WINDOW), folder / "x.csv", "csv")
    assert _files(folder) == []
    entry = entries(log.db, limit=1)[0]
    assert entry.result == "FAIL" and "No space left" in str(entry.details["reason"])
    monkeypatch.undo()
    again = export_transactions(log.db, log, TxnFilter(dates=WINDOW), folder / "x.csv", "csv",
                                cancelled=lambda: False)
    assert again.rows == totals(log.db, TxnFilter(dates=WINDOW)).count
    assert _files(folder) == ["x.csv"]


def test_a_tampered_history_is_not_exported(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, _ = shop
    log.db.execute("DROP TRIGGER txn_append_only")
    log.db.execute("UPDATE txn SET amount_fen = 1 WHERE id = 42")
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(TxnChainBrokenError, match="transaction 42"):
        export_transactions(log.db, log, TxnFilter(dates=WINDOW), folder / "t.csv", "csv")
    assert _files(folder) == []
    failed, integrity = entries(log.db, limit=2)
    assert (failed.op_type, failed.result) == (ops.DATA_EXPORT, "FAIL")
    assert "integrity check" in str(failed.details["reason"])
    assert (integrity.op_type, integrity.target_id) == (ops.INTEGRITY_CHECK_FAILED, "42")


def test_card_numbers_in_free_text_are_masked_on_the_way_out(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The write path refuses card numbers; a row that got one in around it anyway (and
    re-hashed the chain) still leaves masked (SD-3)."""
    log, _ = shop
    db = log.db
    last = db.execute(f"SELECT {', '.join(HASHED_COLUMNS)}, prev_hash FROM txn "
                      "ORDER BY id DESC LIMIT 1").fetchone()
    values = list(last[:-1])
    values[HASHED_COLUMNS.index("memo")] = "card 4111111111111111 paid"
    db.execute("DROP TRIGGER txn_append_only")
    new_hash = txn_row_hash(last[-1], tuple(values))
    db.execute("UPDATE txn SET memo = ?, row_hash = ? WHERE id = ?",
               [values[HASHED_COLUMNS.index("memo")], new_hash, values[0]])
    count = db.execute("SELECT count(*) FROM txn").fetchone()[0]
    set_chain_head(db, "txn", count, new_hash.hex())
    export_transactions(db, log, TxnFilter(dates=WINDOW), tmp_path / "m.csv", "csv")
    raw = (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    assert "4111111111111111" not in raw and "411111******1111 paid" in raw


def test_request_errors_are_refused_and_logged(shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log, _ = shop
    query = TxnFilter(dates=WINDOW)
    folder = tmp_path / "exports"
    folder.mkdir()
    cases = [(folder / "a.csv", "xlsx", "says CSV but the format is XLSX"),
             (folder / "a.pdf", "pdf", "Unknown export format 'pdf'"),
             (folder / "missing" / "a.csv", "csv", "does not exist"),
             (folder, "csv", "is a folder")]
    for path, fmt, message in cases:
        with pytest.raises(ExportError, match=message):
            export_transactions(log.db, log, query, path, fmt)
        entry = entries(log.db, limit=1)[0]
        assert entry.result == "FAIL" and message in str(entry.details["reason"])
    assert _files(folder) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_filter_matching_nothing_writes_the_header_only(shop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          fmt: str) -> None:
    log, _ = shop
    query = TxnFilter(dates=WINDOW, min_fen=10**9)
    result = export_transactions(log.db, log, query, tmp_path / f"none.{fmt}", fmt)
    assert result.rows == 0
    if fmt == "csv":
        assert _read_csv(tmp_path / "none.csv")[1] == [headers("en")]
    else:
        sheet = openpyxl.load_workbook(tmp_path / "none.xlsx", read_only=True).worksheets[0]
        assert list(sheet.iter_rows(values_only=True)) == [tuple(headers("en"))]
    assert entries(log.db, limit=1)[0].details["rows"] == 0


def test_xlsx_starts_a_new_sheet_at_the_row_limit(shop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    log, _ = shop
    monkeypatch.setattr(txn_export, "XLSX_ROWS_PER_SHEET", 300)
    query = TxnFilter(dates=DateRange(WINDOW.last - dt.timedelta(days=14), WINDOW.last))
    result = export_transactions(log.db, log, query, tmp_path / "big.xlsx", "xlsx")
    book = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    sizes = [len(rows) for rows in sheets]
    assert book.sheetnames[:2] == ["Transactions", "Transactions 2"]
    assert all(rows[0] == tuple(headers("en")) for rows in sheets)
    assert sizes[:-1] == [301] * (len(sizes) - 1) and sum(sizes) - len(sizes) == result.rows
    assert result.rows > 600 and len(sizes) == 3


def test_a_write_during_export_does_not_change_what_it_sees(
        actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One snapshot: the rows written match the count taken at the start, even when a sync
    on another connection adds rows after the count (WAL), before or while rows are read."""
    monkeypatch.setattr(txn_export, "CHUNK_ROWS", 100)
    path = tmp_path / "p.db"
    db = connect(path)
    disk_log = OperationLog(db, actor)
    writer = TransactionWriter(db, disk_log)
    writer.write(list(bench_data.generate(1_000, days=20, end_ms=END_MS, seed=1)),
                 source_kind="IMPORT", source_ref="a")
    other = connect(path)
    late = [dataclasses.replace(r, trace_id="LATE" + r.trace_id)
            for r in bench_data.generate(300, days=20, end_ms=END_MS, seed=2)]

    def sync_meanwhile(done: int, total: int) -> None:
        if done in (0, 200):
            TransactionWriter(other, OperationLog(other, actor)).write(
                late[:150] if done == 0 else late[150:], source_kind="SYNC", source_ref="T")

    query = TxnFilter(dates=DateRange(to_datetime(END_MS).date() - dt.timedelta(days=30),
                                      to_datetime(END_MS).date()))
    result = export_transactions(db, disk_log, query, tmp_path / "s.csv", "csv",
                                 progress=sync_meanwhile)
    assert result.rows == 1_000 == len(_read_csv(tmp_path / "s.csv")[1]) - 1
    assert totals(db, query).count == 1_300
    other.close()
    db.close()
