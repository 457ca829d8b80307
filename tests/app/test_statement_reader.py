"""Statement files as tables: encodings, header rows, Excel row numbers, the WeChat Pay and
Alipay layouts, masked samples."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from app.statement_reader import StatementError, read_statement
from tests.statement_files import (
    ALIPAY_TRADE,
    BANK_HEADERS,
    BUYER,
    FULL_PAN,
    ORDER,
    alipay_bill,
    bank_csv,
    csv_text,
    wechat_all_bill,
    wechat_refund_bill,
    xlsx_statement,
)


def test_gb18030_with_title_lines_finds_the_header_and_numbers_rows_as_excel(
        tmp_path: Path) -> None:
    path = bank_csv(tmp_path / "bank.csv", encoding="gb18030")
    statement = read_statement(path)
    assert (statement.format, statement.file_type, statement.encoding) == (
        "csv", "csv", "gb18030")
    assert statement.headers == BANK_HEADERS
    assert statement.header_row == 3
    rows = list(statement.rows())
    assert [r.number for r in rows] == [4, 5]            # the 合计 line on row 6 is left out
    assert rows[0].cells[:3] == ["2026/03/05 14:22:10", "1,234.50", "T001"]
    assert statement.count_rows() == 2
    assert statement.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert statement.size_bytes == path.stat().st_size


def test_utf8_with_bom_has_clean_headers(tmp_path: Path) -> None:
    path = bank_csv(tmp_path / "bom.csv", encoding="utf-8-sig", title=())
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    statement = read_statement(path)
    assert statement.encoding == "utf-8-sig"
    assert statement.headers[0] == "交易时间" and statement.header_row == 1
    assert [r.number for r in statement.rows()] == [2, 3]


def test_plain_utf8_and_utf16_tab_separated(tmp_path: Path) -> None:
    plain = bank_csv(tmp_path / "plain.csv", encoding="utf-8", title=())
    assert read_statement(plain).encoding == "utf-8"
    text = csv_text(BANK_HEADERS, []).replace(",", "\t")
    unicode_text = tmp_path / "excel-unicode.txt"
    unicode_text.write_bytes(text.encode("utf-16"))
    statement = read_statement(unicode_text)
    assert (statement.encoding, statement.delimiter) == ("utf-16", "\t")
    assert statement.headers == BANK_HEADERS


def test_a_cell_spanning_lines_is_one_excel_row(tmp_path: Path) -> None:
    rows = [("2026-03-05 10:00:00", "1.00", "A1", "line one\nline two"),
            ("2026-03-05 10:01:00", "2.00", "A2", "")]
    path = tmp_path / "multi.csv"
    path.write_text(csv_text(("交易时间", "金额", "流水号", "备注"), rows), encoding="utf-8")
    assert [(r.number, r.cells[2]) for r in read_statement(path).rows()] == [(2, "A1"),
                                                                            (3, "A2")]


def test_xlsx_cells_become_text_and_rows_keep_excel_numbers(tmp_path: Path) -> None:
    statement = read_statement(xlsx_statement(tmp_path / "shop.xlsx"))
    assert (statement.format, statement.encoding, statement.header_row) == ("xlsx", None, 3)
    assert statement.headers == ("Transaction Time", "Amount", "Trace No.", "Terminal ID",
                                 "Card Number", "Type")
    rows = [(r.number, r.cells) for r in statement.rows()]
    assert rows == [
        (4, ["2026-03-05 14:22:10", "1234.5", "123", "T1", FULL_PAN, "SALE"]),
        (5, ["2026-03-05 15:00:00", "-12", "000124", "T1", "", "REFUND"]),
    ]                                                    # the Total row (6) is left out


def test_wechat_all_bill_is_recognised_without_backticks_or_summary(tmp_path: Path) -> None:
    statement = read_statement(wechat_all_bill(tmp_path / "All.csv"))
    assert (statement.format, statement.layout, statement.builtin) == (
        "wechat", "wechat-ALL", True)
    assert statement.headers[:6] == ("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号",
                                     "微信订单号")
    rows = list(statement.rows())
    assert [r.number for r in rows] == [2, 3]            # summary header and row left out
    assert rows[0].cells[5] == ORDER and rows[1].cells[9] == "REFUND"
    assert not any(cell.startswith("`") for row in rows for cell in row.cells)


def test_wechat_refund_layout(tmp_path: Path) -> None:
    statement = read_statement(wechat_refund_bill(tmp_path / "Refund.csv"))
    assert (statement.format, statement.layout) == ("wechat", "wechat-REFUND")
    assert statement.count_rows() == 1


def test_alipay_export_skips_comment_lines_and_trailing_tabs(tmp_path: Path) -> None:
    statement = read_statement(alipay_bill(tmp_path / "20886_业务明细.csv"))
    assert (statement.format, statement.encoding, statement.header_row) == (
        "alipay", "gb18030", 5)
    assert statement.headers[0] == "支付宝交易号" and statement.headers[11] == "订单金额（元）"
    rows = list(statement.rows())
    assert [r.number for r in rows] == [6, 7]            # the closing # lines are not data
    assert rows[0].cells[0] == ALIPAY_TRADE and rows[0].cells[10] == BUYER


def test_samples_never_show_a_full_card_number_or_an_expiry(tmp_path: Path) -> None:
    headers = (*BANK_HEADERS, "有效期")
    rows = [("2026/03/05 14:22:10", "1.00", "T001", "898310000000001", "店", FULL_PAN, "消费",
             "成功", "123456789012", "", "000001", "000010", "000101", "", "12/28")]
    path = tmp_path / "samples.csv"
    path.write_text(csv_text(headers, rows), encoding="utf-8")
    sample = read_statement(path).sample_rows[0]
    assert sample[5] == "622202*********0128"
    assert sample[-1] == "•••"
    assert FULL_PAN not in "".join(sample)


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    old_excel = tmp_path / "old.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(StatementError, match=r"old\.xls .*save it as \.xlsx or \.csv"):
        read_statement(old_excel)
    empty = tmp_path / "empty.csv"
    empty.write_text("\r\n\r\n", encoding="utf-8")
    with pytest.raises(StatementError, match="no header row"):
        read_statement(empty)
    with pytest.raises(StatementError, match="no such file"):
        read_statement(tmp_path / "missing.csv")
