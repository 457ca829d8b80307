"""Statement rows into the history: exact values, all-or-nothing with named errors, the dry
run, WeChat Pay and Alipay bills with linked refunds, and card data kept out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlite_utils

from app import oplog
from app.oplog import OperationLog
from app.statement_import import (
    StatementError,
    parse_amount_fen,
    parse_beijing_time,
    parse_card,
    parse_channel,
    parse_status,
    parse_txn_type,
    plan_import,
    run_import,
)
from app.statement_reader import read_statement
from tests.statement_files import (
    ALIPAY_TRADE,
    APPID,
    BANK_HEADERS,
    BANK_ROWS,
    BUYER,
    FULL_PAN,
    OPENID,
    ORDER,
    REFUND_NO,
    alipay_bill,
    bank_csv,
    csv_text,
    wechat_all_bill,
    wechat_refund_bill,
    xlsx_statement,
)

T_0305_142210 = 1_772_691_730_000     # 2026-03-05 14:22:10 Beijing = 06:22:10 UTC


def _rows(db: sqlite_utils.Database, columns: str, order: str = "id") -> list[tuple]:  # type: ignore[type-arg]
    return [tuple(r) for r in db.execute(f"SELECT {columns} FROM txn ORDER BY {order}")]


def _count(db: sqlite_utils.Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _all_text(db: sqlite_utils.Database) -> str:
    """Every value of every table, as text: to prove a value is stored nowhere."""
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'txn_text%'")]
    parts = []
    for table in tables:
        for row in db.execute(f"SELECT * FROM [{table}]"):
            parts.extend(str(v) for v in row if v is not None)
    return "\n".join(parts)


def test_gb18030_bank_statement_is_imported_exactly(memory_log: OperationLog,
                                                   tmp_path: Path) -> None:
    statement = read_statement(bank_csv(tmp_path / "bank.csv"))
    result = run_import(memory_log.db, memory_log, statement)
    assert (result.new, result.duplicate, result.rows, result.format) == (2, 0, 2, "csv")
    assert _rows(memory_log.db, "trace_id, txn_type, channel, amount_fen, ts_utc_ms, cn_date, "
                 "status, terminal_id, merchant_code, merchant_name, rrn, auth_code, batch_no, "
                 "voucher_no, pan_first6, pan_last4, pan_len") == [
        ("000101", "SALE", "CARD", 123450, T_0305_142210, "2026-03-05", "SUCCEEDED", "T001",
         "898310000000001", "测试便利店", "123456789012", "AB1234", "000001", "000010",
         "622202", "0128", 19),
        ("000102", "REFUND", "CARD", -1200, 1_772_694_000_000, "2026-03-05", "SUCCEEDED",
         "T001", "898310000000001", "测试便利店", "123456789013", None, "000001", "000011",
         "622202", "0128", 16),
    ]
    assert FULL_PAN not in _all_text(memory_log.db)


def test_source_detail_and_oplog_record_the_file(memory_log: OperationLog,
                                                 tmp_path: Path) -> None:
    statement = read_statement(bank_csv(tmp_path / "bank.csv"))
    result = run_import(memory_log.db, memory_log, statement)
    kind, ref, detail = memory_log.db.execute(
        "SELECT kind, ref, detail_json FROM txn_source").fetchone()
    assert (kind, ref) == ("IMPORT", f"bank.csv sha256:{statement.sha256[:16]}")
    assert result.source_ref == ref
    assert json.loads(detail) == {"file": "bank.csv", "sha256": statement.sha256,
                                  "format": "csv", "layout": "", "encoding": "gb18030",
                                  "size_bytes": statement.size_bytes}
    entry = oplog.entries(memory_log.db)[0]
    assert (entry.op_type, entry.target_id) == (oplog.TRANSACTIONS_IMPORTED, ref)
    assert entry.details["sha256"] == statement.sha256
    assert (entry.details["file"], entry.details["new"], entry.details["duplicate"]) == (
        "bank.csv", 2, 0)


def test_the_same_file_twice_adds_nothing(memory_log: OperationLog, tmp_path: Path) -> None:
    statement = read_statement(bank_csv(tmp_path / "bank.csv"))
    run_import(memory_log.db, memory_log, statement)
    again = run_import(memory_log.db, memory_log, read_statement(statement.path))
    assert (again.new, again.duplicate) == (0, 2)
    assert _count(memory_log.db, "txn") == 2 and _count(memory_log.db, "txn_source") == 1


def test_dry_run_counts_and_writes_nothing(memory_log: OperationLog, tmp_path: Path) -> None:
    db = memory_log.db
    first = read_statement(bank_csv(tmp_path / "first.csv", rows=BANK_ROWS[:1]))
    run_import(db, memory_log, first)
    before = {t: _count(db, t) for t in ("txn", "txn_source", "oplog", "txn_daily")}
    both = read_statement(bank_csv(tmp_path / "both.csv"))
    done: list[int] = []
    plan = plan_import(db, both, progress=done.append)
    assert (plan.rows, plan.new, plan.duplicate, plan.rejected, plan.ok) == (2, 1, 1, 0, True)
    assert done[-1] == 2
    assert {t: _count(db, t) for t in before} == before
    result = run_import(db, memory_log, both)
    assert (result.new, result.duplicate) == (plan.new, plan.duplicate)


def test_a_row_repeated_in_the_file_is_a_duplicate(memory_log: OperationLog,
                                                   tmp_path: Path) -> None:
    statement = read_statement(bank_csv(tmp_path / "twice.csv",
                                        rows=(BANK_ROWS[0], BANK_ROWS[0], BANK_ROWS[1])))
    plan = plan_import(memory_log.db, statement)
    result = run_import(memory_log.db, memory_log, statement)
    assert (plan.new, plan.duplicate) == (result.new, result.duplicate) == (2, 1)


def test_rejected_rows_name_file_row_column_and_expectation(memory_log: OperationLog,
                                                            tmp_path: Path) -> None:
    good, refund = BANK_ROWS
    bad_amount = (*good[:1], "12.345", *good[2:12], "000201", "")
    bad_time = ("2026-02-30 10:00:00", *good[1:12], "000202", "")
    no_trace = (*good[:12], "", "")
    path = bank_csv(tmp_path / "bad.csv", rows=(good, bad_amount, refund, bad_time, no_trace))
    statement = read_statement(path)
    with pytest.raises(StatementError) as caught:
        run_import(memory_log.db, memory_log, statement)
    error = caught.value
    assert (error.file, error.rejected) == ("bad.csv", 3)
    assert [(p.row, p.column) for p in error.problems] == [(5, "交易金额"), (7, "交易时间"),
                                                          (8, "流水号")]
    assert error.problems[0].message == (
        "bad.csv, row 5, column '交易金额': expected an amount in yuan with at most 2 "
        "decimals, like 1,234.50 or -12.00, found '12.345'")
    assert "found '2026-02-30 10:00:00'" in error.problems[1].message
    assert error.problems[2].message.endswith("expected a trace number; every row needs "
                                              "one, found nothing")
    assert "3 of 5 rows rejected, nothing was imported" in error.message
    assert _count(memory_log.db, "txn") == 0 and _count(memory_log.db, "txn_source") == 0
    plan = plan_import(memory_log.db, statement)
    assert (plan.rows, plan.new, plan.rejected) == (5, 2, 3)
    assert [p.message for p in plan.errors] == [p.message for p in error.problems]


def test_a_sale_with_a_negative_amount_and_unknown_words_are_refused(
        memory_log: OperationLog, tmp_path: Path) -> None:
    good = BANK_ROWS[0]
    rows = [(good[0], "-5.00", *good[2:]),
            (*good[:6], "充值", *good[7:12], "000301", ""),
            (*good[:7], "暂停", *good[8:12], "000302", "")]
    plan = plan_import(memory_log.db, read_statement(bank_csv(tmp_path / "w.csv", rows=rows)))
    assert [(p.row, p.column) for p in plan.errors] == [(4, "交易金额"), (5, "交易类型"),
                                                        (6, "交易状态")]
    assert "a positive amount for a SALE row" in plan.errors[0].message


def test_wechat_all_bill_links_the_refund_to_its_payment(memory_log: OperationLog,
                                                         tmp_path: Path) -> None:
    db = memory_log.db
    statement = read_statement(wechat_all_bill(tmp_path / "All(2026-11-20).csv"))
    result = run_import(db, memory_log, statement)
    assert (result.new, result.format) == (2, "wechat")
    rows = _rows(db, "id, trace_id, txn_type, amount_fen, ts_utc_ms, status, channel, scheme, "
                 "terminal_id, merchant_code, memo, parent_txn_id")
    payment_id = rows[0][0]
    assert [r[1:] for r in rows] == [
        (ORDER, "SALE", 8800, 1_795_140_930_000, "SUCCEEDED", "QR", "WECHAT_PAY", "POS-07",
         "1900000109", "咖啡豆", None),
        (REFUND_NO, "REFUND", -3000, 1_795_164_002_000, "SUCCEEDED", "QR", "WECHAT_PAY",
         "POS-07", "1900000109", "咖啡豆", payment_id),
    ]
    stored = _all_text(db)
    assert OPENID not in stored and APPID not in stored and "attach-1" not in stored


def test_a_later_refund_bill_links_to_the_payment_already_stored(memory_log: OperationLog,
                                                                 tmp_path: Path) -> None:
    db = memory_log.db
    run_import(db, memory_log, read_statement(wechat_all_bill(tmp_path / "All.csv")))
    result = run_import(db, memory_log, read_statement(wechat_refund_bill(tmp_path / "R.csv")))
    assert result.new == 1
    payment_id = db.execute("SELECT id FROM txn WHERE trace_id = ?", [ORDER]).fetchone()[0]
    assert _rows(db, "trace_id, amount_fen, ts_utc_ms, parent_txn_id")[-1] == (
        "50303108562026112101000000001", -800, 1_795_222_800_000, payment_id)


def test_alipay_bill_with_comment_lines(memory_log: OperationLog, tmp_path: Path) -> None:
    db = memory_log.db
    result = run_import(db, memory_log, read_statement(alipay_bill(tmp_path / "业务明细.csv")))
    assert (result.new, result.format) == (2, "alipay")
    rows = _rows(db, "id, trace_id, txn_type, amount_fen, ts_utc_ms, channel, scheme, "
                 "terminal_id, merchant_name, parent_txn_id")
    assert [r[1:] for r in rows] == [
        (ALIPAY_TRADE, "SALE", 3580, 1_795_136_405_000, "QR", "ALIPAY", "T9", "南京西路店",
         None),
        ("RF0001", "REFUND", -1000, 1_795_147_203_000, "QR", "ALIPAY", "T9", "南京西路店",
         rows[0][0]),
    ]
    assert BUYER not in _all_text(db) and "138****0000" not in _all_text(db)


def test_xlsx_statement_with_english_headers(memory_log: OperationLog, tmp_path: Path) -> None:
    statement = read_statement(xlsx_statement(tmp_path / "shop.xlsx"))
    result = run_import(memory_log.db, memory_log, statement)
    assert (result.new, result.format) == (2, "xlsx")
    assert _rows(memory_log.db, "trace_id, txn_type, amount_fen, ts_utc_ms, pan_first6, "
                 "pan_last4, pan_len") == [
        ("123", "SALE", 123450, T_0305_142210, "622202", "0128", 19),
        ("000124", "REFUND", -1200, 1_772_694_000_000, None, None, None)]


def test_a_cvv_or_expiry_column_refuses_the_file_and_is_logged(memory_log: OperationLog,
                                                               tmp_path: Path) -> None:
    headers = (*BANK_HEADERS, "卡有效期")
    path = tmp_path / "expiry.csv"
    path.write_text(csv_text(headers, [(*BANK_ROWS[0], "12/28")]), encoding="utf-8")
    statement = read_statement(path)
    with pytest.raises(StatementError) as dry:
        plan_import(memory_log.db, statement)
    assert dry.value.column == "卡有效期" and dry.value.sensitive
    with pytest.raises(StatementError) as caught:
        run_import(memory_log.db, memory_log, statement)
    assert caught.value.message.startswith("expiry.csv, row 1: column '卡有效期' can only hold "
                                           "card verification codes")
    assert _count(memory_log.db, "txn") == 0 and _count(memory_log.db, "txn_source") == 0
    blocked = oplog.entries(memory_log.db)[0]
    assert (blocked.op_type, blocked.result) == (oplog.SENSITIVE_DATA_BLOCKED, "FAIL")
    assert blocked.details == {"file": "expiry.csv", "row": 1, "column": "卡有效期"}
    assert "12/28" not in _all_text(memory_log.db)


def test_a_card_number_outside_the_card_column_refuses_the_file(memory_log: OperationLog,
                                                                tmp_path: Path) -> None:
    headers = (*BANK_HEADERS, "备注")
    rows = [(*BANK_ROWS[0], "ok"), (*BANK_ROWS[1], f"card {FULL_PAN}")]
    path = tmp_path / "memo.csv"
    path.write_text(csv_text(headers, rows), encoding="utf-8")
    with pytest.raises(StatementError) as caught:
        run_import(memory_log.db, memory_log, read_statement(path))
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.sensitive) == (3, "备注", True)
    assert FULL_PAN not in caught.value.message and "622202" not in caught.value.message
    assert _count(memory_log.db, "txn") == 0
    blocked = oplog.entries(memory_log.db)[0]
    assert blocked.op_type == oplog.SENSITIVE_DATA_BLOCKED
    assert blocked.details == {"file": "memo.csv", "row": 3, "column": "备注"}
    assert FULL_PAN not in _all_text(memory_log.db)


def test_trace_from_rrn_and_type_from_the_sign(memory_log: OperationLog,
                                               tmp_path: Path) -> None:
    path = tmp_path / "rrn.csv"
    path.write_text(csv_text(("交易日期", "交易时间", "金额(元)", "参考号"), [
        ("20260305", "142210", "¥1,234.50", "600000000001"),
        ("2026-03-05", "15:00", "-￥12.00", "600000000002")]), encoding="utf-8")
    run_import(memory_log.db, memory_log, read_statement(path))
    assert _rows(memory_log.db, "trace_id, rrn, txn_type, amount_fen, ts_utc_ms, channel") == [
        ("600000000001", "600000000001", "SALE", 123450, T_0305_142210, "CARD"),
        ("600000000002", "600000000002", "REFUND", -1200, 1_772_694_000_000, "CARD")]


def test_an_explicit_mapping_and_progress_that_cancels(memory_log: OperationLog,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    rows = [(f"2026-03-05 10:{m:02d}:00", "1.00", f"S{m}") for m in range(5)]
    path.write_text(csv_text(("日期时间", "金额", "单号"), rows), encoding="utf-8")
    statement = read_statement(path)
    with pytest.raises(StatementError, match="no column for time"):
        plan_import(memory_log.db, statement)
    mapping = {"time": "日期时间", "amount": "金额", "trace_id": "单号"}
    assert plan_import(memory_log.db, statement, mapping).new == 5

    class Stop(Exception):
        pass

    def cancel(done: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        run_import(memory_log.db, memory_log, statement, mapping, progress=cancel)
    assert _count(memory_log.db, "txn") == 0
    assert run_import(memory_log.db, memory_log, statement, mapping).new == 5


@pytest.mark.parametrize(("text", "expected"), [
    ("2026/03/05 14:22:10", T_0305_142210),
    ("2026-03-05 14:22:10", T_0305_142210),
    ("2026-03-05T14:22:10+08:00", T_0305_142210),
    ("2026-03-05T06:22:10Z", T_0305_142210),
    ("20260305142210", T_0305_142210),
    ("2026-03-05 14:22", T_0305_142210 - 10_000),
    ("2026/3/5 14:22:10", T_0305_142210),
    ("2026年3月5日 14:22:10", T_0305_142210),
    ("2026-03-05 14:22:10.250", T_0305_142210 + 250),
    ("1990-07-01 14:00:00", int(dt.datetime(1990, 7, 1, 5, tzinfo=dt.UTC).timestamp()) * 1000),
])
def test_times_are_beijing_time(text: str, expected: int) -> None:
    assert parse_beijing_time(text) == expected


def test_times_that_are_refused() -> None:
    for text in ("2026-03-05", "2026-02-30 10:00:00", "2026-03-05 24:00:00", "05/03/2026 10:00",
                 "yesterday", ""):
        with pytest.raises(ValueError):
            parse_beijing_time(text)
    assert parse_beijing_time("14:22:10", "2026-03-05") == T_0305_142210


def test_amounts_are_exact_fen() -> None:
    assert [parse_amount_fen(t) for t in ("1,234.50", "¥1,234.50", "-12.00", "￥12.00", "12元",
                                          "RMB 0.01", "1234.5", "-¥12", "0")] == [
        123450, 123450, -1200, 1200, 1200, 1, 123450, -1200, 0]
    for text in ("12.345", "1,2,3", "12.", "abc", "", "1e3"):
        with pytest.raises(ValueError):
            parse_amount_fen(text)


def test_words_for_types_statuses_and_channels() -> None:
    words = ("消费", "SALE", "退货", "退款", "Refund", "撤销", "VOID", "预授权", "预授权完成(请求)",
             "PREAUTH_COMPLETE", "充值")
    assert [parse_txn_type(w) for w in words] == [
        "SALE", "SALE", "REFUND", "REFUND", "REFUND", "VOID", "VOID", "PREAUTH",
        "PREAUTH_COMPLETE", "PREAUTH_COMPLETE", None]
    assert [parse_status(w) for w in ("成功", "SUCCESS", "处理中", "失败", "已撤销", "?")] == [
        "SUCCEEDED", "SUCCEEDED", "PENDING", "FAILED", "CANCELLED", None]
    assert parse_channel("微信") == ("QR", "WECHAT_PAY")
    assert parse_channel("闪付") == ("NFC", None) and parse_channel("刷卡") == ("CARD", None)


def test_card_numbers_keep_only_first6_last4_and_length() -> None:
    assert parse_card(FULL_PAN) == ("622202", "0128", 19)
    assert parse_card("4111 1111 1111 1111") == ("411111", "1111", 16)
    assert parse_card("622202******0128") == ("622202", "0128", 16)
    assert parse_card("****0128") == (None, "0128", None)
    assert parse_card("0128") == (None, "0128", None)
    for text in ("12345", "6222-02ab-0128", "62220212345678901234"):
        with pytest.raises(ValueError):
            parse_card(text)


def test_a_file_saved_again_after_opening_is_refused(memory_log: OperationLog,
                                                     tmp_path: Path) -> None:
    path = bank_csv(tmp_path / "bank.csv")
    statement = read_statement(path)
    bank_csv(path, rows=BANK_ROWS[:1])
    with pytest.raises(StatementError, match=r"bank\.csv changed after it was opened"):
        run_import(memory_log.db, memory_log, statement)
    assert _count(memory_log.db, "txn") == 0
