"""`posdesk import` through the installed command: automatic mapping, unmappable columns
named with how to supply them, remembered mappings, the dry run, named row errors, refused
card-authentication columns, WeChat Pay bills."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.paths import database_path
from tests.statement_files import BANK_ROWS, OPENID, bank_csv, csv_text, wechat_all_bill

ODD_HEADERS = ("日期时间", "金额", "单号", "备注")


def _odd_statement(path: Path, first: int = 0) -> Path:
    """A layout nothing recognises fully: 日期时间 and 单号 need a mapping."""
    rows = [(f"2026-11-{10 + n:02d} 10:00:00", f"{n + 1}.50", f"S{first + n:04d}", "")
            for n in range(3)]
    path.write_text(csv_text(ODD_HEADERS, rows), encoding="utf-8")
    return path


def _query(data: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(database_path(data)) as conn:
        return conn.execute(sql).fetchall()


def test_known_headers_import_without_asking_and_twice_adds_nothing(posdesk,
                                                                    tmp_path: Path) -> None:
    data = tmp_path / "shop"
    statement = bank_csv(tmp_path / "bank.csv")
    first = posdesk("import", "--data-dir", str(data), str(statement), check=True)
    assert "bank.csv: CSV file, GB18030, 14 columns, header on row 3." in first.stdout
    assert "Not imported: 手续费" in first.stdout
    assert "Imported bank.csv: 2 new, 0 already in the history (2 rows)." in first.stdout
    again = posdesk("import", "--data-dir", str(data), str(statement), check=True)
    assert "Imported bank.csv: 0 new, 2 already in the history (2 rows)." in again.stdout
    assert _query(data, "SELECT trace_id, amount_fen, pan_first6, pan_last4 FROM txn "
                        "ORDER BY id") == [("000101", 123450, "622202", "0128"),
                                           ("000102", -1200, "622202", "0128")]


def test_unmappable_columns_are_named_then_mapped_and_remembered(posdesk,
                                                                 tmp_path: Path) -> None:
    data = tmp_path / "shop"
    odd = _odd_statement(tmp_path / "odd.csv")
    refused = posdesk("import", "--data-dir", str(data), str(odd))
    assert refused.returncode == 1
    assert "no column found for time (交易时间 / Transaction time), trace_id (流水号 / " \
           "Trace number)" in refused.stderr
    assert "Columns not recognised: 日期时间, 单号" in refused.stderr
    assert "--map time=日期时间" in refused.stderr and "--mapping NAME" in refused.stderr
    assert "--save-mapping NAME" in refused.stderr
    assert not database_path(data).exists()                # stopped before opening it

    mapped = posdesk("import", "--data-dir", str(data), str(odd), "--map", "time=日期时间",
                     "--map", "trace_id=单号", "--save-mapping", "小店银行", check=True)
    assert "Columns (suggested + --map): amount <- 金额, memo <- 备注, time <- 日期时间, " \
           "trace_id <- 单号" in mapped.stdout
    assert "Imported odd.csv: 3 new" in mapped.stdout and "saved as '小店银行'" in mapped.stdout

    next_month = _odd_statement(tmp_path / "next.csv", first=100)
    remembered = posdesk("import", "--data-dir", str(data), str(next_month), check=True)
    assert "Columns (remembered: 小店银行)" in remembered.stdout
    assert "Imported next.csv: 3 new" in remembered.stdout
    named = posdesk("import", "--data-dir", str(data), str(next_month), "--mapping", "小店银行",
                    "--dry-run", check=True)
    assert "Dry run: 3 rows: 0 new, 3 duplicate, 0 rejected." in named.stdout
    assert _query(data, "SELECT count(*) FROM txn") == [(6,)]
    assert _query(data, "SELECT name FROM import_mapping") == [("小店银行",)]


def test_dry_run_writes_nothing_and_row_errors_are_named(posdesk, tmp_path: Path) -> None:
    data = tmp_path / "shop"
    good, refund = BANK_ROWS
    bad = bank_csv(tmp_path / "bad.csv", rows=(good, (*refund[:1], "1.005", *refund[2:])))
    dry = posdesk("import", "--data-dir", str(data), str(bad), "--dry-run")
    assert dry.returncode == 1
    assert "Dry run: 2 rows: 1 new, 0 duplicate, 1 rejected. Nothing was written." in dry.stdout
    assert "bad.csv, row 5, column '交易金额': expected an amount in yuan with at most 2 " \
           "decimals" in dry.stderr
    assert not database_path(data).exists()                # a dry run makes no profile
    real = posdesk("import", "--data-dir", str(data), str(bad))
    assert real.returncode == 1
    assert "1 of 2 rows rejected, nothing was imported" in real.stderr
    assert "row 5, column '交易金额'" in real.stderr and "found '1.005'" in real.stderr
    assert _query(data, "SELECT count(*) FROM txn") == [(0,)]


def test_an_expiry_column_refuses_the_file(posdesk, tmp_path: Path) -> None:
    data = tmp_path / "shop"
    path = tmp_path / "cvv.csv"
    path.write_text(csv_text(("交易时间", "交易金额", "流水号", "CVV2"),
                             [("2026-11-20 10:00:00", "1.00", "1", "123")]), encoding="utf-8")
    refused = posdesk("import", "--data-dir", str(data), str(path))
    assert refused.returncode == 1
    assert "cvv.csv, row 1: column 'CVV2' can only hold card verification codes" in \
        refused.stderr
    assert _query(data, "SELECT count(*) FROM txn") == [(0,)]
    assert _query(data, "SELECT details_json FROM oplog WHERE op_type = "
                        "'SENSITIVE_DATA_BLOCKED'") == [
        ('{"column": "CVV2", "file": "cvv.csv", "row": 1}',)]


def test_wechat_bill_imports_as_is_and_keeps_no_openid(posdesk, tmp_path: Path) -> None:
    data = tmp_path / "shop"
    bill = wechat_all_bill(tmp_path / "All.csv")
    out = posdesk("import", "--data-dir", str(data), str(bill), check=True).stdout
    assert "All.csv: WeChat Pay trade bill (wechat-ALL), UTF-8-SIG, 27 columns" in out
    assert "Imported All.csv: 2 new" in out
    rows = _query(data, "SELECT id, txn_type, amount_fen, parent_txn_id FROM txn ORDER BY id")
    assert rows == [(rows[0][0], "SALE", 8800, None), (rows[1][0], "REFUND", -3000, rows[0][0])]
    for stored in data.iterdir():                          # the database, its WAL, the lock
        assert OPENID.encode() not in stored.read_bytes(), stored.name
    mapped = posdesk("import", "--data-dir", str(data), str(bill), "--map", "amount=订单金额")
    assert mapped.returncode == 1 and "its columns are known" in mapped.stderr
