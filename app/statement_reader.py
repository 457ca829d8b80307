"""Statement files as a table: which rows are data, what the columns are called.

A file is recognised by its content, not its name: XLSX by the ZIP signature, anything else
as delimited text in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text")
or GB18030 (which covers GBK). The header row is the first row naming two known columns,
so title lines above it are skipped. Rows are numbered as Excel shows them (1-based, the
header and any comment lines counted), because that is where the person will look.

Two layouts are recognised without a mapping step (the formats below are as published by
the providers; see also `app.statement_import`):

* WeChat Pay trade bills (交易账单, 商户平台 download or the downloadbill API, types ALL /
  SUCCESS / REFUND): a header row (交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,…),
  every data value prefixed with a backtick so Excel keeps long numbers, then a summary
  header (总交易单数,应结订单总金额,…) and one summary row, which are not transactions.
  Source: pay.weixin.qq.com "交易账单文件格式说明" / "下载交易账单" (the three header rows),
  and published samples in open-source SDK tests (binarywang/WxJava WxPayBillResultTest).
* Alipay merchant bill exports (业务明细, from the bill download URL or 商家中心): GBK CSV
  with `#` comment lines before the table (#支付宝业务明细查询, #账号：[…], the period, a
  "业务明细列表" rule) and after it (the "业务明细列表结束" rule, #交易合计, #退款合计,
  #导出时间); values often carry a trailing tab. Header: 支付宝交易号,商户订单号,业务类型,
  商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,….
  Source: Alipay's published bill sample as quoted by open-source parsers of
  alipay.data.dataservice.bill.downloadurl.query (e.g. new-api's alipay bill service).

Everything here is plain Python for a worker thread: nothing printed, nothing written.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from zipfile import BadZipFile

from app.errors import PosDeskError
from app.scrubber import scrub_text
from app.statement_mapping import is_sensitive_header, known_header

FORMAT_CSV = "csv"
FORMAT_XLSX = "xlsx"
FORMAT_WECHAT = "wechat"
FORMAT_ALIPAY = "alipay"
BUILTIN_FORMATS = (FORMAT_WECHAT, FORMAT_ALIPAY)

_SAMPLE_ROWS = 5
_HEADER_SEARCH = 30           # rows looked at for the header row
_TOTAL_ROW = re.compile(r"^(合计|总计|小计|汇总|共计|total|sum\b)", re.IGNORECASE)


class StatementError(PosDeskError):
    """A statement that cannot be imported, with where and what: `file`, `row` (as Excel
    numbers it), `column` (header text) and `expected`. A refused import carries the
    individual problems in `problems` (the first ones) and `rejected` (how many rows)."""

    code = "statement"

    def __init__(self, message: str, *, file: str, row: int | None = None,
                 column: str | None = None, expected: str | None = None,
                 problems: Sequence[StatementError] = (), rejected: int = 0,
                 sensitive: bool = False) -> None:
        super().__init__(message, file=file, row=row, column=column, expected=expected)
        self.file, self.row, self.column, self.expected = file, row, column, expected
        self.problems = list(problems)
        self.rejected = rejected
        self.sensitive = sensitive     # refused because of card data (logged, value never)


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as Excel shows it and its cells, stripped."""

    number: int
    cells: list[str]


@dataclass(frozen=True)
class Statement:
    """An opened statement. `rows()` reads the file again each time it is called, so a dry
    run and the import each stream it once and nothing holds the whole file."""

    path: Path
    format: str                     # "csv", "xlsx", "wechat" or "alipay"
    file_type: str                  # "csv" or "xlsx": how the bytes are laid out
    encoding: str | None            # None for XLSX
    delimiter: str | None
    headers: tuple[str, ...]
    header_row: int                 # Excel row number of the header
    sample_rows: tuple[tuple[str, ...], ...]   # first data rows, card numbers masked
    sha256: str
    size_bytes: int
    layout: str = ""                # e.g. "wechat-ALL", "alipay-detail"

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def builtin(self) -> bool:
        """True for WeChat Pay and Alipay bills: their columns are known, no mapping step."""
        return self.format in BUILTIN_FORMATS

    def rows(self) -> Iterator[Row]:
        """Data rows after the header, blank, comment and total rows left out."""
        records = _records(self.path, self.file_type, self.encoding, self.delimiter)
        last = self.header_row
        try:
            for row in _data_rows(self, records):
                last = row.number
                yield row
        except (UnicodeDecodeError, csv.Error) as exc:
            raise StatementError(
                f"{self.name}, after row {last}: the file cannot be read on from here "
                f"({exc.__class__.__name__}); save it again as UTF-8 or GB18030 CSV, or as "
                "XLSX.", file=self.name, row=last + 1,
                expected=f"CSV text in {self.encoding}" if self.encoding else "an XLSX sheet",
            ) from None
        finally:
            _close(records)

    def count_rows(self) -> int:
        return sum(1 for _ in self.rows())


def read_statement(path: Path | str) -> Statement:
    """Open a statement: format, encoding, header row, a few masked sample rows, SHA-256.
    Reads the whole file once (the hash; whether it is UTF-8), so call it off the GUI
    thread for big files. Raises StatementError for a file that is not a table this can
    read."""
    path = Path(path)
    if not path.is_file():
        raise StatementError(f"{path.name}: no such file.", file=path.name)
    digest, size, utf8, head = _scan(path)
    file_type, encoding = _kind(path, head, utf8)
    delimiter = _sniff_delimiter(path, encoding) if file_type == FORMAT_CSV else None
    records = _records(path, file_type, encoding, delimiter)
    try:
        first = list(islice(records, _HEADER_SEARCH))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise StatementError(f"{path.name}: not a table this can read ({exc}).",
                             file=path.name, expected="a CSV or XLSX statement") from None
    finally:
        _close(records)
    header_at, headers = _header(first, path.name)
    fmt, layout = _format(headers, file_type)
    statement = Statement(path, fmt, file_type, encoding, delimiter, headers, header_at + 1,
                          (), digest, size, layout)
    return _with_samples(statement)


# --- the bytes -------------------------------------------------------------------------------

def _scan(path: Path) -> tuple[str, int, bool, bytes]:
    """SHA-256, size, whether the bytes are valid UTF-8, and the first bytes: one pass."""
    sha = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, size, head = True, 0, b""
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            head = head or chunk[:8]
            sha.update(chunk)
            size += len(chunk)
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return sha.hexdigest(), size, utf8, head


def _kind(path: Path, head: bytes, utf8: bool) -> tuple[str, str | None]:
    if head.startswith(b"PK\x03\x04"):
        return FORMAT_XLSX, None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise StatementError(f"{path.name} is an old Excel (.xls) workbook; open it in Excel "
                             "or WPS and save it as .xlsx or .csv.", file=path.name,
                             expected="CSV or XLSX")
    if head.startswith(codecs.BOM_UTF8):
        return FORMAT_CSV, "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return FORMAT_CSV, "utf-16"
    return FORMAT_CSV, "utf-8" if utf8 else "gb18030"


def _sniff_delimiter(path: Path, encoding: str | None) -> str:
    """Comma unless tabs (Excel's "Unicode text") or semicolons split the first lines
    into more columns."""
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        lines = list(islice(handle, 40))
    text = "".join(lines)

    def width(delimiter: str) -> int:
        return max((len(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)),
                   default=0)

    return max((",", "\t", ";"), key=lambda d: (width(d), d == ","))


def _records(path: Path, file_type: str, encoding: str | None,
             delimiter: str | None) -> Iterator[list[str]]:
    if file_type == FORMAT_XLSX:
        return _xlsx_records(path)
    return _csv_records(path, encoding or "utf-8", delimiter or ",")


def _csv_records(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        yield from csv.reader(handle, delimiter=delimiter)


def _xlsx_records(path: Path) -> Iterator[list[str]]:
    """The first sheet's rows as text; openpyxl's read-only mode keeps memory flat."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise StatementError(f"{path.name}: not an Excel workbook this can read ({exc}).",
                             file=path.name, expected="an .xlsx workbook") from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()          # a wrong <dimension> must not cut rows off
        for values in sheet.iter_rows(min_row=1, values_only=True):
            yield [cell_text(v) for v in values]
    finally:
        book.close()


def cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV export would hold (dates as 2026-03-05 14:22:10,
    whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _close(records: Iterator[list[str]]) -> None:
    close = getattr(records, "close", None)
    if close:
        close()


# --- the table -------------------------------------------------------------------------------

def _clean(cell: str) -> str:
    return cell.strip().lstrip("`").strip().replace("\ufeff", "")


def _header(first: list[list[str]], name: str) -> tuple[int, tuple[str, ...]]:
    """Index and cells of the header: the first row naming two known columns, else the
    first row that is neither blank nor a # comment."""
    fallback: int | None = None
    for index, record in enumerate(first):
        cells = [_clean(c) for c in record]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if fallback is None:
            fallback = index
        if sum(1 for c in cells if c and known_header(c)) >= 2 or _builtin_header(cells):
            return index, _trimmed(cells)
    if fallback is None:
        raise StatementError(f"{name}: the file has no header row (it is empty).", file=name,
                             expected="a header row naming the columns")
    return fallback, _trimmed([_clean(c) for c in first[fallback]])


def _builtin_header(cells: list[str]) -> bool:
    return "微信订单号" in cells or "支付宝交易号" in cells


def _trimmed(cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return tuple(cells)


def _format(headers: tuple[str, ...], file_type: str) -> tuple[str, str]:
    if "微信订单号" in headers and "交易时间" in headers:
        if "退款申请时间" in headers:
            return FORMAT_WECHAT, "wechat-REFUND"
        return FORMAT_WECHAT, "wechat-ALL" if "微信退款单号" in headers else "wechat-SUCCESS"
    if "支付宝交易号" in headers:
        return FORMAT_ALIPAY, "alipay-detail"
    return file_type, ""


def _data_rows(statement: Statement, records: Iterator[list[str]]) -> Iterator[Row]:
    """Rows after the header. Where the table ends depends on the layout: a WeChat bill at
    its summary header (总交易单数), an Alipay export at its first # line after the table."""
    fmt, header_row = statement.format, statement.header_row
    for number, record in enumerate(records, start=1):
        if number <= header_row:
            continue
        if fmt == FORMAT_WECHAT:
            cells = [c.strip().lstrip("`") for c in record]
            if cells and cells[0] == "总交易单数":
                return
        else:
            cells = [c.strip() for c in record]
            if fmt == FORMAT_ALIPAY and cells and cells[0].startswith("#"):
                return
        if any(cells) and not _skipped(cells):
            yield Row(number, cells)


def _skipped(cells: list[str]) -> bool:
    """A # comment or a totals line (合计, 总计, Total …) is not a transaction."""
    first = next((c for c in cells if c), "")
    return first.startswith("#") or bool(_TOTAL_ROW.match(first))


def _with_samples(statement: Statement) -> Statement:
    """The first data rows for a preview, masked as the screen may show them: card numbers
    as first 6 + last 4, track data removed, card-authentication columns blanked."""
    hidden = {i for i, h in enumerate(statement.headers) if is_sensitive_header(h)}
    samples: list[tuple[str, ...]] = []
    rows = statement.rows()
    try:
        for row in islice(rows, _SAMPLE_ROWS):
            samples.append(tuple("•••" if i in hidden and c else scrub_text(c)
                                 for i, c in enumerate(row.cells)))
    finally:
        rows.close()
    return dataclasses.replace(statement, sample_rows=tuple(samples))
