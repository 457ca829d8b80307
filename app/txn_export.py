"""Exporting transaction history (spec Q-2): a filter to CSV or XLSX, masked, and logged as
an operation (spec 8, DATA_EXPORT).

Why it is shaped this way:
- A year can hold a million rows, so rows stream from one ordered statement (the history's
  WHERE and order) to the file a chunk at a time; nothing holds the window in memory. One
  statement in one read transaction is one snapshot: the progress total, the chain check
  and the rows agree even while a sync writes. (Keyset pages, as the view uses, would each
  be a snapshot of their own, for no gain: at a million rows both read in about 8 s.)
- The transaction hash chain is verified first (spec 7.1: "on export"; about 8 s at a
  million rows, a fraction of writing the file): a tampered history is not exported.
- The file is written beside its destination under a temporary name and moved into place
  only when complete, in the same SQLite transaction as its log entry: a failed or
  cancelled export leaves no partial file, an existing file stays untouched until the new
  one is whole, and no file appears without its DATA_EXPORT entry.
- Cards appear only masked (first 6 + last 4); free text is scrubbed again on the way out
  (SD-3: an export leaves the app's control). Text that starts like a formula cannot run in
  a spreadsheet: CSV prefixes it with ', XLSX stores it as a string. Amounts stay numbers.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import sqlite_utils
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app import oplog as ops
from app.carddata import mask_display
from app.errors import PosDeskError
from app.export_files import (
    CancelSignal,
    ProgressCallback,
    file_sha256,
    no_progress,
    read_snapshot,
    stop_signal,
    temp_beside,
)
from app.history import TxnFilter, totals
from app.oplog import OperationLog
from app.progress import Cancelled
from app.scrubber import scrub_text
from app.shanghai_time import format_local
from app.transactions import verify_txn_chain

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx")
LANGUAGES = ("en", "zh_CN")
CHUNK_ROWS = 2_000
XLSX_ROWS_PER_SHEET = 1_048_575          # Excel's 1,048,576 rows, less the header
XLSX_AMOUNT_FORMAT = '"¥"#,##0.00'



@dataclass(frozen=True)
class Column:
    key: str
    en: str
    zh_CN: str
    width: int = 14          # XLSX column width, in characters


# What a merchant needs of spec 7.1, in file order. No pan_token, hashes or payer details.
COLUMNS = (
    Column("time", "Time (Beijing)", "交易时间（北京时间）", 20),
    Column("cn_date", "Date", "交易日期", 12),
    Column("terminal_id", "Terminal", "终端号", 12),
    Column("txn_type", "Type", "交易类型", 18),
    Column("channel", "Channel", "交易渠道", 9),
    Column("scheme", "Scheme", "卡组织/支付方式", 14),
    Column("status", "Status", "交易状态", 11),
    Column("amount", "Amount (yuan)", "金额（元）", 14),
    Column("currency", "Currency", "币种", 8),
    Column("merchant_name", "Merchant name", "商户名称", 26),
    Column("merchant_code", "Merchant code", "商户编号", 17),
    Column("mcc", "MCC", "商户类别码", 8),
    Column("trace_id", "Trace ID", "交易流水号", 16),
    Column("rrn", "RRN", "检索参考号", 14),
    Column("auth_code", "Auth code", "授权码", 9),
    Column("batch_no", "Batch", "批次号", 9),
    Column("voucher_no", "Voucher", "凭证号", 9),
    Column("card", "Card (masked)", "卡号（脱敏）", 22),
    Column("memo", "Memo", "备注", 20),
    Column("parent_trace_id", "Original trace ID", "原交易流水号", 16),
)
AMOUNT = next(i for i, c in enumerate(COLUMNS) if c.key == "amount")
_SHEET_TITLE = {"en": "Transactions", "zh_CN": "交易明细"}

# One statement, newest first like the Transactions page. The parent's trace id is a
# primary-key lookup, only for refunds and voids.
_SELECT = (
    "SELECT ts_utc_ms, cn_date, terminal_id, txn_type, channel, scheme, status, amount_fen, "
    "currency, merchant_name, merchant_code, mcc, trace_id, rrn, auth_code, batch_no, "
    "voucher_no, pan_first6, pan_last4, pan_len, memo, "
    "(SELECT p.trace_id FROM txn AS p WHERE p.id = txn.parent_txn_id) "
    "FROM txn WHERE {where} ORDER BY ts_utc_ms DESC, id DESC")

Record = tuple[Any, ...]      # one exported row in COLUMNS order: str | None, amount in fen


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path
    sha256: str
    fmt: str


class ExportError(PosDeskError):
    code = "export_failed"


class TxnChainBrokenError(ExportError):
    """The history fails its hash-chain check: it is not exported as a true record."""

    code = "txn_chain_broken"


def format_for_path(path: Path) -> str | None:
    """The export format a file name asks for (.csv / .xlsx), or None."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def headers(language: str) -> list[str]:
    return [getattr(column, language) for column in COLUMNS]


def export_transactions(db: sqlite_utils.Database, oplog: OperationLog, query: TxnFilter,
                        path: Path, fmt: str, language: str = "en",
                        progress: ProgressCallback | None = None,
                        cancelled: CancelSignal | None = None) -> ExportResult:
    """Write every transaction of `query` to `path` and log it; returns what was written.

    `db` and `oplog` must belong to the calling thread (the GUI passes a worker's
    `Profile.for_thread()`). `progress(done, total)` is called per chunk; `cancelled` (a
    callable or an Event) is checked per chunk and stops with `Cancelled`. Failures raise
    ExportError (TxnChainBrokenError when the history fails its check); every failure,
    cancellation included, is logged as a DATA_EXPORT entry with result FAIL and why.
    """
    target = Path(path)
    try:
        _check_request(target, fmt, language)
        with temp_beside(target) as temp:
            rows = _write(db, query, temp, fmt, language, progress or no_progress,
                          stop_signal(cancelled))
            digest = file_sha256(temp)
            details = {**_log_details(query, target, fmt, language), "rows": rows,
                       "sha256": digest}
            _publish(db, oplog, temp, target, details)
    except BaseException as exc:
        _log_failure(oplog, query, target, fmt, language, exc)
        if isinstance(exc, OSError):
            raise ExportError(_os_error_message(target, exc), path=str(target)) from exc
        raise
    return ExportResult(rows, target, digest, fmt)


def describe_filter(query: TxnFilter) -> dict[str, object]:
    """The filter as the log records it: the dates, and only the conditions that were set."""
    described: dict[str, object] = {"from": query.dates.first.isoformat(),
                                    "to": query.dates.last.isoformat()}
    for field in dataclasses.fields(query):
        value = getattr(query, field.name)
        if field.name != "dates" and value is not False and value not in (None, (), ""):
            described[field.name] = list(value) if isinstance(value, tuple) else value
    return described


def _check_request(target: Path, fmt: str, language: str) -> None:
    """Refuse what cannot work before anything is read or written."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}: choose csv or xlsx.", format=fmt)
    if language not in LANGUAGES:
        raise ExportError(f"Unknown header language {language!r}: choose en or zh_CN.")
    named = format_for_path(target)
    if named and named != fmt:
        raise ExportError(f"The file name {target.name} says {named.upper()} but the format "
                          f"is {fmt.upper()}: change one of them.", path=str(target))
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist.", path=str(target))
    if target.is_dir():
        raise ExportError(f"{target} is a folder: name a file to write.", path=str(target))


def _write(db: sqlite_utils.Database, query: TxnFilter, temp: Path, fmt: str, language: str,
           progress: ProgressCallback, stop: Callable[[], bool]) -> int:
    """Verify the chain, then stream the filter's rows into `temp`; returns the row count."""
    sink = _open_sink(fmt, temp, language)
    try:
        with read_snapshot(db):
            total = totals(db, query).count
            progress(0, total)
            _verify_chain(db)
            done = _stream(db, query, sink, lambda n: progress(n, total), stop)
        sink.finish()
    except BaseException:
        sink.discard()
        raise
    return done


def _stream(db: sqlite_utils.Database, query: TxnFilter, sink: _Sink,
            progress: Callable[[int], object], stop: Callable[[], bool]) -> int:
    where, params = query.where()
    cursor = db.execute(_SELECT.format(where=where), params)
    done = 0
    try:
        while not stop():
            chunk = cursor.fetchmany(CHUNK_ROWS)
            if not chunk:
                return done
            sink.write([_record(row) for row in chunk])
            done += len(chunk)
            progress(done)
    finally:
        cursor.close()
    raise Cancelled()


def _verify_chain(db: sqlite_utils.Database) -> None:
    intact, bad_id, _checked = verify_txn_chain(db)
    if intact:
        return
    where = (f"at transaction {bad_id}" if bad_id is not None
             else "at its end (the newest transactions were removed)")
    raise TxnChainBrokenError(
        f"The transaction history fails its integrity check {where}: it was changed outside "
        "PosDesk, so it cannot be exported as a true record. Nothing was written.",
        first_bad_id=bad_id)


def _record(row: Sequence[Any]) -> Record:
    """A database row as the file shows it: Beijing time, masked card, scrubbed text."""
    (ts, day, terminal, kind, channel, scheme, status, fen, currency, merchant, code, mcc,
     trace, rrn, auth, batch, voucher, first6, last4, pan_len, memo, parent) = row
    card = mask_display(first6, last4, pan_len) or None
    return (_beijing_time(ts), day, terminal, kind, channel, scheme, status, fen,
            currency, _clean_text(merchant), code, mcc, trace, rrn, auth, batch, voucher, card,
            _clean_text(memo), parent)


def _beijing_time(ts_utc_ms: int) -> str:
    """format_local without zoneinfo for the common case (a third of the time per row):
    Shanghai has kept UTC+8 without daylight saving since 1992."""
    if ts_utc_ms < _SINCE_1992_MS:
        return format_local(ts_utc_ms)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts_utc_ms // 1000 + 28_800))


_SINCE_1992_MS = 694_195_200_000


@functools.lru_cache(maxsize=4096)
def _clean_text(text: str | None) -> str | None:
    """Free text with any card number masked (SD-3); cached, as names and memos repeat."""
    return scrub_text(text) if text else text


class _Sink(Protocol):
    def write(self, records: list[Record]) -> None: ...
    def finish(self) -> None: ...
    def discard(self) -> None: ...


def _open_sink(fmt: str, temp: Path, language: str) -> _Sink:
    if fmt == "csv":
        return _CsvSink(temp, headers(language))
    return _XlsxSink(temp, headers(language), _SHEET_TITLE[language])


_FORMULA_START = frozenset("=+-@\t\r")


class _CsvSink:
    """UTF-8 with a BOM (Excel on Chinese Windows otherwise reads GBK), CRLF, amounts as
    plain 1234.50 so Excel can sum them, formula-like text prefixed with '."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self._file = path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._file)
        self._csv.writerow(header)

    def write(self, records: list[Record]) -> None:
        self._csv.writerows(_csv_row(record) for record in records)

    def finish(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def discard(self) -> None:
        self._file.close()


def _csv_row(record: Record) -> list[object]:
    cells: list[object] = [_csv_text(value) for value in record]
    cells[AMOUNT] = yuan_text(record[AMOUNT])
    return cells


def _csv_text(value: object) -> object:
    if isinstance(value, str) and value and value[0] in _FORMULA_START:
        return "'" + value
    return value


def yuan_text(fen: int) -> str:
    """1234.50 for 123450, -12.00 for -1200: exact, no grouping, no symbol."""
    yuan, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{yuan}.{cents:02d}"


class _XlsxSink:
    """openpyxl in write-only mode (rows go to a temporary file, not memory); amounts are
    numeric cells formatted ¥#,##0.00; a new sheet starts when Excel's row limit is hit."""

    def __init__(self, path: Path, header: list[str], title: str) -> None:
        self._path = path
        self._book = Workbook(write_only=True)
        self._header = header
        self._title = title
        self._sheet: WriteOnlyWorksheet | None = None
        self._rows_in_sheet = 0

    def write(self, records: list[Record]) -> None:
        for record in records:
            if self._sheet is None or self._rows_in_sheet >= XLSX_ROWS_PER_SHEET:
                self._sheet = self._new_sheet()
            try:
                self._sheet.append(self._cells(record))
            except IllegalCharacterError:      # a control character from an imported file
                self._sheet.append(self._cells(_without_control_characters(record)))
            self._rows_in_sheet += 1

    def finish(self) -> None:
        if self._sheet is None:
            self._sheet = self._new_sheet()          # an empty export still has its header
        self._book.save(self._path)
        with self._path.open("rb+") as written:
            os.fsync(written.fileno())

    def discard(self) -> None:
        """Close the sheets and delete openpyxl's own temporary files now, not at exit."""
        for sheet in self._book.worksheets:
            writer = getattr(sheet, "_writer", None)
            if writer is None:
                continue
            with contextlib.suppress(Exception):
                if not sheet.closed:
                    sheet.close()
            with contextlib.suppress(Exception):
                writer.cleanup()

    def _new_sheet(self) -> WriteOnlyWorksheet:
        number = len(self._book.worksheets) + 1
        sheet = self._book.create_sheet(self._title if number == 1
                                        else f"{self._title} {number}")
        for index, column in enumerate(COLUMNS):
            sheet.column_dimensions[get_column_letter(index + 1)].width = column.width
        sheet.freeze_panes = "A2"
        sheet.append([self._header_cell(sheet, text) for text in self._header])
        self._rows_in_sheet = 0
        return sheet

    @staticmethod
    def _header_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, text)
        cell.font = Font(bold=True)
        return cell

    def _cells(self, record: Record) -> list[object]:
        cells: list[object] = [_xlsx_text(self._sheet, value) for value in record]
        cells[AMOUNT] = self._amount_cell(record[AMOUNT])
        return cells

    def _amount_cell(self, fen: int) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._sheet, Decimal(fen).scaleb(-2))   # exact, never a float
        cell.number_format = XLSX_AMOUNT_FORMAT
        return cell


def _xlsx_text(sheet: WriteOnlyWorksheet | None, value: object) -> object:
    """A text value as a cell; openpyxl would turn "=…" into a formula and "#N/A" into an
    error value, so those are forced to plain strings."""
    if isinstance(value, str) and value and (value[0] == "=" or value in ERROR_CODES):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _without_control_characters(record: Record) -> Record:
    return tuple(ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
                 for value in record)


def _publish(db: sqlite_utils.Database, oplog: OperationLog, temp: Path, target: Path,
             details: dict[str, object]) -> None:
    """Log and move into place together: if the move fails the entry is rolled back, and
    if the entry cannot be written the file is never moved."""
    with db.atomic():
        oplog.append(ops.DATA_EXPORT, target_type="file", target_id=target.name,
                     details=details)
        os.replace(temp, target)


def _log_details(query: TxnFilter, target: Path, fmt: str,
                 language: str) -> dict[str, object]:
    """The file by name (what a person reads) and by absolute path (what the sensitive-data
    scanner, SD-3, looks at again later)."""
    return {"format": fmt, "file": target.name, "path": str(target.absolute()),
            "language": language, "filter": describe_filter(query)}


def _log_failure(oplog: OperationLog, query: TxnFilter, target: Path, fmt: str,
                 language: str, exc: BaseException) -> None:
    """Record the refused or failed export; a failure to record it must not hide `exc`."""
    reason = _reason(exc)
    try:
        if isinstance(exc, TxnChainBrokenError):
            oplog.append(ops.INTEGRITY_CHECK_FAILED, target_type="txn_chain",
                         target_id=str(exc.facts.get("first_bad_id") or ""), result="FAIL",
                         details={"during": "export", "reason": reason})
        oplog.append(ops.DATA_EXPORT, target_type="file", target_id=target.name,
                     result="FAIL",
                     details={**_log_details(query, target, fmt, language), "reason": reason})
    except Exception:
        log.exception("could not record the failed export of %s", target.name)


def _os_error_message(target: Path, exc: OSError) -> str:
    hint = (" Close it if another program (Excel) has it open, or choose another folder."
            if isinstance(exc, PermissionError) else "")
    return f"Could not write {target}: {exc.strerror or exc}.{hint}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Cancelled | KeyboardInterrupt):
        return "cancelled"
    if isinstance(exc, PosDeskError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{type(exc).__name__}: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc}"
