"""Statement rows as transactions: a dry run that writes nothing, and the import itself.

The import is all or nothing: the rows stream through the one write path
(`TransactionWriter.write_stream`, one SQLite transaction) and a single rejected row rolls the
whole file back. Every rejection names the file, the row as Excel numbers it, the column
header and what was expected; values are echoed only after card numbers are masked.
Importing a file again adds nothing (the writer's dedup: trace id, type, terminal).

Rules a statement's values follow here:

* Amounts in yuan, exact to the fen (`1,234.50`, `¥1,234.50`, `-12.00`, `￥12.00`, `12元`);
  more than two decimals is refused. Refunds and voids are stored negative, as terminals
  report them; a sale with a negative amount is refused (a refund needs its own type).
* Times: `2026/03/05 14:22:10`, `2026-03-05T14:22:10+08:00`, `20260305142210`,
  `2026-03-05 14:22`, `2026年3月5日 14:22:10`, or a date column plus a time column. A time
  without a zone is Beijing time (spec C-2).
* Trace id: the trace/serial column; when the statement has none, the RRN (参考号); else
  batch + voucher number as `批次号-凭证号` (see `statement_mapping.trace_rule`).
* No type column (or an empty cell): SALE, or REFUND when the amount is negative. No status:
  SUCCEEDED. No channel: CARD (acquirer statements are card statements).
* A card number becomes first 6 + last 4 + length, full or masked (622202******0128);
  only that is kept (spec 10.2). Any other mapped value holding a card number or track
  data is refused, and so is a file with a CVV, track, PIN or expiry column.

WeChat Pay trade bills (source: pay.weixin.qq.com "交易账单文件格式说明"; samples in
binarywang/WxJava tests): a payment row (交易状态 SUCCESS) is a SALE whose trace id is the
微信订单号; a refund row (REFUND, or every row of a REFUND bill) is a REFUND whose trace id is
its 微信退款单号, linked to the payment by parent_trace_id = 微信订单号, timed by
退款申请时间 when the bill has it. A REVOKED payment (付款码 reversed) is kept as a SALE with
status CANCELLED. Amounts are the order basis: 订单金额 / 申请退款金额 when the bill has them,
else 应结订单金额 (older bills: 总金额) / 退款金额. The merchant code is the 特约商户号 when it
is not 0 (the merchant that sold, Art. 14), else 商户号; 设备号 is the terminal.

Alipay 业务明细 (source: the bill sample quoted by open-source parsers of
alipay.data.dataservice.bill.downloadurl.query): 业务类型 交易 is a SALE with trace id
支付宝交易号; 退款 is a REFUND whose trace id is 退款批次号/请求号 (or, when empty,
`支付宝交易号-R完成时间`), linked to the 支付宝交易号. Time: 完成时间 (else 创建时间).

Both are channel QR with scheme WECHAT_PAY / ALIPAY (the codes ui/labels.py names). Payer
identifiers (用户标识 = openid, 对方账户) and the merchant's own free text (商户数据包, 备注)
are not stored (spec SD-5).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from app import oplog as ops
from app.carddata import guard_values, truncate_pan
from app.errors import SensitiveDataError
from app.money import parse_yuan
from app.oplog import OperationLog
from app.scrubber import scrub_text
from app.shanghai_time import SHANGHAI, from_datetime
from app.statement_mapping import (
    MappingError,
    check_mapping,
    initial_mapping,
    normalise_header,
    sensitive_headers,
    trace_rule,
)
from app.statement_reader import FORMAT_ALIPAY, FORMAT_WECHAT, Statement, StatementError
from app.transactions import Transaction, TransactionWriter, source_for

__all__ = ["ImportPlan", "ImportResult", "StatementError", "converter_for", "parse_amount_fen",
           "parse_beijing_time", "parse_card", "parse_channel", "parse_status", "parse_txn_type",
           "plan_import", "run_import", "source_ref"]

SOURCE_KIND = "IMPORT"
LISTED_PROBLEMS = 20          # rejected rows named in a refused import's message
KEPT_PROBLEMS = 200           # rejected rows kept for a dialog to list
PROGRESS_EVERY = 2_000        # rows between progress callbacks

Progress = Callable[[int], None]
Converter = Callable[[list[str]], Transaction]


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do; nothing was written to find out."""

    rows: int
    new: int
    duplicate: int
    rejected: int
    errors: list[StatementError]

    @property
    def ok(self) -> bool:
        return self.rejected == 0


@dataclass(frozen=True)
class ImportResult:
    file: str
    sha256: str
    format: str
    source_ref: str
    rows: int
    new: int
    duplicate: int


def plan_import(db: sqlite_utils.Database, statement: Statement,
                mapping: Mapping[str, str] | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """The dry run: new / duplicate / rejected counts and the first problems, read-only.

    `mapping` is field -> header; None takes the one remembered for this header row or the
    suggestion; WeChat Pay and Alipay bills ignore it (their layout is built in).
    `progress(done_rows)` is called every few thousand rows; raising from it cancels.
    Raises StatementError when the file cannot be imported at all (a card-authentication
    column, an unusable mapping)."""
    convert = converter_for(db, statement, mapping)
    tally = _Tally()
    counter = _DedupCounter(db)
    for record in _converted(statement, convert, tally, progress):
        counter.add(record)
    counter.flush()
    return ImportPlan(tally.done, counter.new, counter.duplicate, tally.rejected,
                      tally.problems)


def run_import(db: sqlite_utils.Database, oplog: OperationLog, statement: Statement,
               mapping: Mapping[str, str] | None = None,
               progress: Progress | None = None) -> ImportResult:
    """Import a statement all-or-nothing in one transaction and log TRANSACTIONS_IMPORTED
    (file name, SHA-256, format, counts; no card data). Any rejected row refuses the file:
    StatementError lists the first problems and nothing is written. A refusal for card data
    is logged as SENSITIVE_DATA_BLOCKED (where, never the value)."""
    ref = source_ref(statement)
    try:
        convert = converter_for(db, statement, mapping)
        tally = _Tally()
        writer = TransactionWriter(db, oplog)
        with db.atomic():
            source_for(db, SOURCE_KIND, ref, source_detail(statement))
            records = _converted(statement, convert, tally, progress, refuse_at_end=True)
            written = writer.write_stream(records, source_kind=SOURCE_KIND, source_ref=ref,
                                          log=False)
            _check_unchanged(statement)
            oplog.append(ops.TRANSACTIONS_IMPORTED, target_type="import", target_id=ref,
                         details={**source_detail(statement), "rows": tally.done,
                                  "new": written.new, "duplicate": written.duplicate})
    except StatementError as exc:
        _log_blocked(oplog, ref, exc)
        raise
    except SensitiveDataError as exc:      # the writer's own guard: a field not checked here
        oplog.append(ops.SENSITIVE_DATA_BLOCKED, target_type="source", target_id=ref,
                     result="FAIL", details={"file": statement.name,
                                             "field": exc.facts.get("field")})
        raise StatementError(f"{statement.name}: {exc.message}; nothing was imported.",
                             file=statement.name, expected="no card data",
                             sensitive=True) from None
    return ImportResult(statement.name, statement.sha256, statement.format, ref,
                        written.new + written.duplicate, written.new, written.duplicate)


def _check_unchanged(statement: Statement) -> None:
    """The rows just read must be the file whose SHA-256 is recorded: a file saved again
    between opening it and importing it is refused (the import rolls back)."""
    with statement.path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    if digest != statement.sha256:
        raise StatementError(f"{statement.name} changed after it was opened; open it again "
                             "and import it.", file=statement.name,
                             expected="the file as it was opened")


def source_ref(statement: Statement) -> str:
    """The txn_source ref of a file: its name and the start of its SHA-256, so two files
    of the same name are two sources and the same file is always the same one."""
    return f"{scrub_text(statement.name)} sha256:{statement.sha256[:16]}"


def source_detail(statement: Statement) -> dict[str, object]:
    return {"file": scrub_text(statement.name), "sha256": statement.sha256,
            "format": statement.format, "layout": statement.layout,
            "encoding": statement.encoding or "", "size_bytes": statement.size_bytes}


def converter_for(db: sqlite_utils.Database | None, statement: Statement,
                  mapping: Mapping[str, str] | None) -> Converter:
    """Row cells -> Transaction for this statement; raises StatementError up front for a
    card-authentication column or an unusable mapping."""
    _refuse_sensitive_columns(statement)
    if statement.format == FORMAT_WECHAT:
        return WechatRows(statement)
    if statement.format == FORMAT_ALIPAY:
        return AlipayRows(statement)
    if mapping is None:
        mapping, _ = initial_mapping(db, statement.headers)
    try:
        check_mapping(statement.headers, mapping)
    except MappingError as exc:
        raise StatementError(f"{statement.name}: {exc.message}", file=statement.name,
                             row=statement.header_row,
                             expected="a column for each required field") from None
    return MappedRows(statement.headers, mapping)


def _refuse_sensitive_columns(statement: Statement) -> None:
    found = sensitive_headers(statement.headers)
    if found:
        names = ", ".join(f"'{h}'" for h in found)
        raise StatementError(
            f"{statement.name}, row {statement.header_row}: column {names} can only hold card "
            "verification codes, track data, PINs or expiry dates, which are never stored "
            "(spec 10.2). Nothing was imported: delete the column from the file and import "
            "it again.", file=statement.name, row=statement.header_row, column=found[0],
            expected="no card-authentication column", sensitive=True)


def _log_blocked(oplog: OperationLog, ref: str, exc: StatementError) -> None:
    """SENSITIVE_DATA_BLOCKED for a refusal because of card data: where, never the value."""
    first = exc if exc.sensitive else next((p for p in exc.problems if p.sensitive), None)
    if first is None:
        return
    oplog.append(ops.SENSITIVE_DATA_BLOCKED, target_type="source", target_id=ref,
                 result="FAIL", details={"file": exc.file, "row": first.row,
                                         "column": first.column})


# --- rows to records -------------------------------------------------------------------------

class _Bad(Exception):
    """One cell that does not fit: its column header, what was expected, the value."""

    def __init__(self, column: str, expected: str, value: str = "",
                 sensitive: bool = False) -> None:
        super().__init__(expected)
        self.column, self.expected, self.value, self.sensitive = (column, expected, value,
                                                                  sensitive)


@dataclass
class _Tally:
    done: int = 0
    rejected: int = 0
    problems: list[StatementError] = field(default_factory=list)

    def reject(self, statement: Statement, number: int, bad: _Bad) -> None:
        self.rejected += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(_row_error(statement.name, number, bad))

    def refusal(self, statement: Statement) -> StatementError:
        listed = "\n".join(f"  {p.message}" for p in self.problems[:LISTED_PROBLEMS])
        more = self.rejected - min(len(self.problems), LISTED_PROBLEMS)
        first = self.problems[0]
        return StatementError(
            f"{statement.name}: {self.rejected:,} of {self.done:,} rows rejected, nothing was "
            f"imported. Correct them and import the file again:\n{listed}"
            + (f"\n  … and {more:,} more" if more > 0 else ""),
            file=statement.name, row=first.row, column=first.column, expected=first.expected,
            problems=self.problems, rejected=self.rejected,
            sensitive=any(p.sensitive for p in self.problems))


def _row_error(file: str, row: int, bad: _Bad) -> StatementError:
    shown = "" if bad.sensitive or not bad.value else scrub_text(bad.value)
    if len(shown) > 40:
        shown = shown[:40] + "…"
    found = f", found '{shown}'" if shown else ""
    if not bad.value and not bad.sensitive:
        found = ", found nothing"
    return StatementError(f"{file}, row {row}, column '{bad.column}': expected "
                          f"{bad.expected}{found}", file=file, row=row, column=bad.column,
                          expected=bad.expected, sensitive=bad.sensitive)


def _converted(statement: Statement, convert: Converter, tally: _Tally,
               progress: Progress | None, refuse_at_end: bool = False) -> Iterator[Transaction]:
    """Records of the good rows; bad rows are tallied. With `refuse_at_end`, raise the
    refusal after the last row, inside the caller's transaction, so it rolls back.
    `progress` hears every PROGRESS_EVERY rows and once at the end; raising cancels."""
    for row in statement.rows():
        tally.done += 1
        if progress and tally.done % PROGRESS_EVERY == 0:
            progress(tally.done)
        try:
            record = convert(row.cells)
        except _Bad as bad:
            tally.reject(statement, row.number, bad)
            continue
        yield record
    if progress:
        progress(tally.done)       # still inside the import's transaction: may cancel it
    if refuse_at_end and tally.rejected:
        raise tally.refusal(statement)


class _DedupCounter:
    """new / duplicate as the writer will count them (key: trace id, type, terminal),
    without writing: a key already stored, or met earlier in the file, is a duplicate."""

    def __init__(self, db: sqlite_utils.Database | None) -> None:
        self.db = db
        self.pending: list[tuple[str, str, str]] = []
        self.seen: set[str] = set()
        self.new = self.duplicate = 0

    def add(self, record: Transaction) -> None:
        self.pending.append((record.trace_id, record.txn_type, record.terminal_id or ""))
        if len(self.pending) >= 2_000:
            self.flush()

    def flush(self) -> None:
        stored = self._stored(sorted({key[0] for key in self.pending}))
        for key in self.pending:
            joined = "\x1f".join(key)
            if key in stored or joined in self.seen:
                self.duplicate += 1
            else:
                self.seen.add(joined)
                self.new += 1
        self.pending.clear()

    def _stored(self, traces: list[str]) -> set[tuple[str, str, str]]:
        found: set[tuple[str, str, str]] = set()
        if self.db is None:
            return found
        for start in range(0, len(traces), 500):
            chunk = traces[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            found.update((str(t), str(k), str(m)) for t, k, m in self.db.execute(
                "SELECT trace_id, txn_type, coalesce(terminal_id, '') FROM txn "
                f"WHERE trace_id IN ({marks})", chunk).fetchall())
        return found


class _Cells:
    """Cell lookup by header for one layout: missing columns and short rows read as ''."""

    def __init__(self, headers: Sequence[str], wanted: Mapping[str, str]) -> None:
        self.index = {key: headers.index(header) for key, header in wanted.items()
                      if header in headers}
        self.header = {key: header for key, header in wanted.items() if header in headers}

    def has(self, key: str) -> bool:
        return key in self.index

    def get(self, cells: list[str], key: str) -> str:
        index = self.index.get(key)
        return cells[index] if index is not None and index < len(cells) else ""


# Mapped text fields, stored as they are (after the card-data guard).
_TEXT_FIELDS = ("terminal_id", "merchant_code", "merchant_name", "auth_code", "batch_no",
                "voucher_no", "rrn", "memo", "scheme", "parent_trace_id")


class MappedRows:
    """A generic statement through a mapping (field -> header).

    Per row the cells are cut to the header's width plus one empty cell, which unmapped
    fields point at, so one itemgetter call reads every field (this runs a million times)."""

    _FIELDS = ("time", "date", "amount", "trace_id", "txn_type", "status", "channel", "card",
               "mcc", "currency")

    def __init__(self, headers: Sequence[str], mapping: Mapping[str, str]) -> None:
        self.cells = _Cells(headers, mapping)
        self.header = self.cells.header
        self.trace_rule = trace_rule(mapping)
        self.width = len(headers)
        self.empty = [""] * (self.width + 1)
        index = self.cells.index
        self.pick = operator.itemgetter(*(index.get(f, self.width) for f in self._FIELDS))
        self.text_names = tuple(name for name in _TEXT_FIELDS if name in index)
        self.pick_text = operator.itemgetter(*(index[n] for n in self.text_names),
                                             self.width, self.width)   # always a tuple

    def __call__(self, cells: list[str]) -> Transaction:
        row = cells[:self.width]
        row += self.empty[:self.width + 1 - len(row)]
        time, date, amount_text, trace, kind, status, channel_text, card, mcc, currency = (
            self.pick(row))
        text = {n: v for n, v in zip(self.text_names, self.pick_text(row), strict=False) if v}
        _guard_text(text, self.header)
        amount = _amount(amount_text, self.header["amount"])
        txn_type = self._type(kind, amount)
        channel, scheme = self._channel(channel_text)
        first6, last4, pan_len = _card(card, self.header.get("card", ""))
        if scheme and "scheme" not in text:
            text["scheme"] = scheme
        if mcc:
            text.update(_mcc(mcc, self.header["mcc"]))
        if currency:
            _currency(currency, self.header["currency"])
        return Transaction(
            trace_id=self._trace(trace, text), txn_type=txn_type, channel=channel,
            amount_fen=_signed(amount, txn_type, self.header["amount"], amount_text),
            ts_utc_ms=self._time(time, date),
            status=_status(status, self.header.get("status", "")),
            pan_first6=first6, pan_last4=last4, pan_len=pan_len, **text)

    def _type(self, text: str, amount: int) -> str:
        if not text:
            return "REFUND" if amount < 0 else "SALE"
        found = parse_txn_type(text)
        if found is None:
            raise _Bad(self.header["txn_type"], "a transaction type such as 消费/SALE, "
                       "退货/REFUND, 撤销/VOID, 预授权/PREAUTH or 预授权完成/PREAUTH_COMPLETE",
                       text)
        return found

    def _channel(self, text: str) -> tuple[str, str | None]:
        if not text:
            return "CARD", None
        found = parse_channel(text)
        if found is None:
            raise _Bad(self.header["channel"], "a channel such as 刷卡/CARD, 闪付/NFC or "
                       "扫码/QR", text)
        return found

    def _trace(self, trace: str, text: dict[str, str]) -> str:
        if self.trace_rule == "trace_id":
            if not trace:
                raise _Bad(self.header["trace_id"], "a trace number; every row needs one")
            _guard_text({"trace_id": trace}, self.header)
            return trace
        if self.trace_rule == "rrn":
            if not text.get("rrn"):
                raise _Bad(self.header["rrn"], "a reference number (参考号): with no trace "
                           "column it is the row's trace id")
            return text["rrn"]
        batch, voucher = text.get("batch_no"), text.get("voucher_no")
        if not batch or not voucher:
            missing = "batch_no" if not batch else "voucher_no"
            raise _Bad(self.header[missing], "a batch and a voucher number: with no trace or "
                       "reference column they make the row's trace id (批次号-凭证号)")
        return f"{batch}-{voucher}"

    def _time(self, time_text: str, date_text: str) -> int:
        try:
            return parse_beijing_time(time_text, date_text)
        except ValueError:
            expected = "a date and time like 2026-03-05 14:22:10 (Beijing time)"
            if "date" in self.header:
                expected = (f"a time like 14:22:10, with the date in column "
                            f"'{self.header['date']}' (or a full date and time)")
                if time_text and not date_text and not _looks_dated(time_text):
                    raise _Bad(self.header["date"], "a date like 2026-03-05") from None
            raise _Bad(self.header["time"], expected, time_text) from None


# 退款状态 of a WeChat Pay refund row (the bill is a snapshot: PROCESSING is not updated).
_WECHAT_REFUND_STATUS = {"SUCCESS": "SUCCEEDED", "PROCESSING": "PENDING", "": "PENDING",
                         "FAIL": "FAILED", "FAILED": "FAILED", "CHANGE": "FAILED",
                         "ABNORMAL": "FAILED", "REFUNDCLOSE": "CANCELLED",
                         "CLOSED": "CANCELLED"}


class WechatRows:
    """WeChat Pay trade bill rows (ALL / SUCCESS / REFUND) as SALE and linked REFUND."""

    _COLUMNS = ("交易时间", "商户号", "特约商户号", "子商户号", "设备号", "微信订单号", "交易状态",
                "货币种类", "订单金额", "应结订单金额", "总金额", "微信退款单号", "退款金额",
                "申请退款金额", "退款状态", "退款申请时间", "商品名称")

    def __init__(self, statement: Statement) -> None:
        self.cells = _Cells(statement.headers, {name: name for name in self._COLUMNS})
        self.refund_bill = statement.layout == "wechat-REFUND"
        pay = next((c for c in ("订单金额", "应结订单金额", "总金额") if self.cells.has(c)), None)
        back = next((c for c in ("申请退款金额", "退款金额") if self.cells.has(c)), None)
        if pay is None:
            raise StatementError(f"{statement.name}, row {statement.header_row}: a WeChat Pay "
                                 "bill needs an amount column (订单金额 or 应结订单金额).",
                                 file=statement.name, row=statement.header_row,
                                 expected="订单金额")
        self.pay_amount, self.refund_amount = pay, back

    def __call__(self, cells: list[str]) -> Transaction:
        get = self.cells.get
        state = get(cells, "交易状态").upper()
        order = get(cells, "微信订单号")
        if not order:
            raise _Bad("微信订单号", "the WeChat Pay order number")
        sub = get(cells, "特约商户号") or get(cells, "子商户号")
        merchant = "特约商户号" if sub not in ("", "0") else "商户号"
        common = {"channel": "QR", "scheme": "WECHAT_PAY",
                  "terminal_id": get(cells, "设备号") or None,
                  "merchant_code": get(cells, merchant) or None,
                  "memo": get(cells, "商品名称") or None}
        _guard_text({"trace_id": order, **common}, {
            "trace_id": "微信订单号", "terminal_id": "设备号", "merchant_code": merchant,
            "memo": "商品名称"})
        _currency(get(cells, "货币种类"), "货币种类")
        if state == "REFUND" or self.refund_bill:
            return self._refund(cells, order, common)
        if state not in ("SUCCESS", "REVOKED"):
            raise _Bad("交易状态", "SUCCESS, REFUND or REVOKED", state)
        amount = _amount(get(cells, self.pay_amount), self.pay_amount)
        return Transaction(
            trace_id=order, txn_type="SALE",
            amount_fen=_signed(amount, "SALE", self.pay_amount, get(cells, self.pay_amount)),
            ts_utc_ms=_time(get(cells, "交易时间"), "交易时间"),
            status="SUCCEEDED" if state == "SUCCESS" else "CANCELLED", **common)

    def _refund(self, cells: list[str], order: str, common: dict[str, str | None]) -> Transaction:
        get = self.cells.get
        refund_no = get(cells, "微信退款单号")
        if refund_no in ("", "0"):
            raise _Bad("微信退款单号", "the WeChat Pay refund number of a refund row",
                       refund_no)
        _guard_text({"trace_id": refund_no}, {"trace_id": "微信退款单号"})
        column = self.refund_amount or "退款金额"
        amount = _amount(get(cells, column), column)
        status = _WECHAT_REFUND_STATUS.get(get(cells, "退款状态").upper())
        if status is None:
            raise _Bad("退款状态", "SUCCESS, PROCESSING or a failure state",
                       get(cells, "退款状态"))
        when = "退款申请时间" if get(cells, "退款申请时间") else "交易时间"
        return Transaction(trace_id=refund_no, txn_type="REFUND", amount_fen=-abs(amount),
                           ts_utc_ms=_time(get(cells, when), when), status=status,
                           parent_trace_id=order, **common)


# The Alipay columns read, by normalised header (units in brackets and "/" dropped).
_ALIPAY_COLUMNS = {"trade_no": "支付宝交易号", "kind": "业务类型", "done": "完成时间",
                   "created": "创建时间", "terminal": "终端号", "store": "门店名称",
                   "amount": "订单金额", "refund_no": "退款批次号请求号", "goods": "商品名称"}


class AlipayRows:
    """Alipay 业务明细 rows: 交易 as SALE, 退款 as a REFUND linked to its 支付宝交易号."""

    def __init__(self, statement: Statement) -> None:
        by_norm = {normalise_header(h): h for h in reversed(statement.headers)}
        wanted = {key: by_norm[norm] for key, norm in _ALIPAY_COLUMNS.items() if norm in by_norm}
        self.cells = _Cells(statement.headers, wanted)
        self.header = self.cells.header
        if "amount" not in self.header or "trade_no" not in self.header:
            raise StatementError(f"{statement.name}, row {statement.header_row}: an Alipay "
                                 "bill needs the columns 支付宝交易号 and 订单金额（元）.",
                                 file=statement.name, row=statement.header_row,
                                 expected="支付宝交易号, 订单金额（元）")

    def __call__(self, cells: list[str]) -> Transaction:
        get = self.cells.get
        trade_no = get(cells, "trade_no")
        if not trade_no:
            raise _Bad(self.header["trade_no"], "the Alipay trade number")
        when = "done" if get(cells, "done") else "created"
        ts = _time(get(cells, when), self.header.get(when, "完成时间"))
        amount = _amount(get(cells, "amount"), self.header["amount"])
        common = {"channel": "QR", "scheme": "ALIPAY",
                  "terminal_id": get(cells, "terminal") or None,
                  "merchant_name": get(cells, "store") or None,
                  "memo": get(cells, "goods") or None}
        _guard_text({"trace_id": trade_no, **common}, {
            "trace_id": self.header["trade_no"], "terminal_id": self.header.get("terminal", ""),
            "merchant_name": self.header.get("store", ""), "memo": self.header.get("goods", "")})
        kind = get(cells, "kind")
        if kind == "交易":
            return Transaction(trace_id=trade_no, txn_type="SALE", ts_utc_ms=ts,
                               amount_fen=_signed(amount, "SALE", self.header["amount"],
                                                  get(cells, "amount")), **common)
        if kind == "退款":
            refund_no = self._refund_no(cells, trade_no, when)
            return Transaction(trace_id=refund_no, txn_type="REFUND", ts_utc_ms=ts,
                               amount_fen=-abs(amount), parent_trace_id=trade_no, **common)
        raise _Bad(self.header.get("kind", "业务类型"), "交易 or 退款", kind)

    def _refund_no(self, cells: list[str], trade_no: str, when: str) -> str:
        """The refund's own number (退款批次号/请求号); when the bill leaves it empty,
        `支付宝交易号-R<完成时间 digits>`, which tells apart refunds of one trade."""
        refund_no = self.cells.get(cells, "refund_no")
        if not refund_no:
            return f"{trade_no}-R{re.sub(r'[^0-9]', '', self.cells.get(cells, when))}"
        _guard_text({"trace_id": refund_no}, {"trace_id": self.header["refund_no"]})
        return refund_no


# --- values ------------------------------------------------------------------------------------

def _guard_text(values: Mapping[str, str | None], header: Mapping[str, str]) -> None:
    """The write path's card-data guard, run here so a refusal names its column."""
    try:
        guard_values(tuple(values), tuple(values.values()))
    except SensitiveDataError as exc:
        name = str(exc.facts.get("field"))
        raise _Bad(header.get(name, name), "no card number or track data in this column "
                   "(a card number belongs in the card-number column, where only its "
                   "first 6 and last 4 digits are kept)", sensitive=True) from None


def _amount(text: str, column: str) -> int:
    try:
        return parse_amount_fen(text)
    except ValueError:
        raise _Bad(column, "an amount in yuan with at most 2 decimals, like 1,234.50 or "
                   "-12.00", text) from None


def _signed(amount: int, txn_type: str, column: str, text: str) -> int:
    """Refunds and voids are stored negative; a sale or pre-authorisation must not be."""
    if txn_type in ("REFUND", "VOID"):
        return -abs(amount)
    if amount < 0:
        raise _Bad(column, f"a positive amount for a {txn_type} row (a refund or void needs "
                   "its own type, e.g. 退货/REFUND)", text)
    return amount


def _time(text: str, column: str) -> int:
    try:
        return parse_beijing_time(text)
    except ValueError:
        raise _Bad(column, "a date and time like 2026-03-05 14:22:10 (Beijing time)",
                   text) from None


def _status(text: str, column: str) -> str:
    if not text:
        return "SUCCEEDED"
    found = parse_status(text)
    if found is None:
        raise _Bad(column, "a status such as 成功/SUCCESS, 处理中/PENDING, 失败/FAILED or "
                   "已撤销/CANCELLED", text)
    return found


def _card(text: str, column: str) -> tuple[str | None, str | None, int | None]:
    if not text:
        return None, None, None
    try:
        return parse_card(text)
    except ValueError:
        raise _Bad(column, "a card number, full or masked like 622202******0128",
                   text) from None


def _mcc(text: str, column: str) -> dict[str, str]:
    if not text:
        return {}
    if not re.fullmatch(r"\d{4}", text):
        raise _Bad(column, "a 4-digit merchant category code (MCC)", text)
    return {"mcc": text}


def _currency(text: str, column: str) -> None:
    if text.strip().upper() not in _CNY:
        raise _Bad(column, "CNY (人民币): only yuan transactions are kept", text)


_CNY = {"", "CNY", "RMB", "人民币", "156", "元"}


def parse_amount_fen(text: str) -> int:
    """'1,234.50', '¥1,234.50', '-12.00', '￥12.00', '12元', 'RMB 12' -> fen, exactly;
    ValueError for anything else, including more than two decimals."""
    try:
        return parse_yuan(text)
    except ValueError:
        value = text.strip().replace(" ", "").removesuffix("元")
        if value[:3].upper() in ("RMB", "CNY"):
            value = value[3:]
        return parse_yuan(value)


_FULL = re.compile(
    r"(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
    r"(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.(\d{1,6}))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?")
_CLOCK = re.compile(r"(\d{1,2})[:：]?(\d{2})(?:[:：]?(\d{2}))?(?:\.(\d{1,6}))?")
_DATE = re.compile(r"(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?")
_BEIJING_EPOCH = dt.datetime(1970, 1, 1, 8)
_MS = dt.timedelta(milliseconds=1)


def parse_beijing_time(text: str, date_text: str = "") -> int:
    """UTC epoch ms of a statement time; a time without a zone is Beijing time. With
    `date_text`, `text` may be the time of day alone (14:22:10, 142210, 14:22)."""
    text = text.strip()
    if len(text) == 19 and text[4] in "-/" and text[10] in " T" and text[13] == ":":
        return _beijing(int(text[:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]),
                        int(text[14:16]), int(text[17:19]))
    full = _FULL.fullmatch(text)
    if full and full.group(6):
        return _from_full(full)
    compact = _COMPACT.fullmatch(text)
    if compact:
        y, mo, d, h, mi, s = compact.groups()
        return _beijing(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    day = _DATE.fullmatch(date_text.strip()) if date_text.strip() else None
    clock = _CLOCK.fullmatch(text)
    if day and clock:
        h, mi, s, frac = clock.groups()
        return _beijing(int(day.group(1)), int(day.group(2)), int(day.group(3)), int(h),
                        int(mi), int(s or 0), int((frac or "0").ljust(6, "0")))
    raise ValueError(f"not a date and time: {text!r}")


def _from_full(match: re.Match[str]) -> int:
    y, mo, d, mo2, d2, h, mi, s, frac, zone = match.groups()
    parts = (int(y), int(mo or mo2), int(d or d2), int(h), int(mi), int(s or 0),
             int((frac or "0").ljust(6, "0")))
    if not zone:
        return _beijing(*parts)
    offset = dt.timedelta(0) if zone == "Z" else (
        (1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]),
                                                     minutes=int(zone[-2:])))
    return from_datetime(dt.datetime(*parts, tzinfo=dt.timezone(offset)))


def _beijing(y: int, mo: int, d: int, h: int, mi: int, s: int, us: int = 0) -> int:
    """Epoch ms of a naive Beijing time. Since 1992 Shanghai is UTC+8 all year, so it is
    the day's start (cached: a statement has few days) plus the clock; earlier times
    (daylight saving 1986-1991) go through zoneinfo."""
    if y < 1992 or not (0 <= h < 24 and 0 <= mi < 60 and 0 <= s < 60):
        moment = dt.datetime(y, mo, d, h, mi, s, us)      # ValueError when out of range
        return from_datetime(moment.replace(tzinfo=SHANGHAI))
    start = _DAY_STARTS.get((y, mo, d))
    if start is None:
        if len(_DAY_STARTS) > 20_000:
            _DAY_STARTS.clear()
        start = _DAY_STARTS[(y, mo, d)] = (dt.datetime(y, mo, d) - _BEIJING_EPOCH) // _MS
    return start + ((h * 60 + mi) * 60 + s) * 1000 + us // 1000


_DAY_STARTS: dict[tuple[int, int, int], int] = {}


def _looks_dated(text: str) -> bool:
    return bool(_FULL.fullmatch(text.strip()) or _COMPACT.fullmatch(text.strip()))


@functools.lru_cache(maxsize=1024)
def _word(text: str) -> str:
    """Cached: a statement repeats a handful of type, status and channel words."""
    return _NOT_WORD.sub("", text).upper()


_NOT_WORD = re.compile(r"[\s_\-]+|[(（][^)）]*[)）]")


def _table(groups: Mapping[str, str]) -> dict[str, str]:
    return {_word(word): value for value, words in groups.items() for word in words.split()}


_TYPES = _table({
    "SALE": "消费 销售 支付 交易 收款 付款 消费交易 正常消费 扫码支付 条码支付 SALE PURCHASE "
            "PAYMENT PAY CONSUME",
    "REFUND": "退货 退款 退货交易 退款交易 联机退货 脱机退货 REFUND RETURN",
    "VOID": "撤销 消费撤销 撤销交易 冲正 消费冲正 预授权撤销 预授权完成撤销 VOID REVERSAL "
            "CANCEL CANCELLATION",
    "PREAUTH": "预授权 预授权交易 PREAUTH PREAUTHORIZATION PREAUTHORISATION",
    "PREAUTH_COMPLETE": "预授权完成 预授权完成请求 预授权完成通知 授权完成 PREAUTH_COMPLETE "
                        "PREAUTHCOMPLETION COMPLETION",
})
_STATUSES = _table({
    "SUCCEEDED": "成功 交易成功 支付成功 已成功 成功交易 已支付 已完成 完成 正常 SUCCESS "
                 "SUCCEEDED SUCCESSFUL APPROVED OK COMPLETED",
    "PENDING": "处理中 待处理 进行中 未知 待确认 退款中 PENDING PROCESSING UNKNOWN",
    "FAILED": "失败 交易失败 支付失败 已拒绝 拒绝 拒绝交易 FAILED FAIL FAILURE DECLINED "
              "REJECTED ERROR",
    "CANCELLED": "已撤销 撤销 已取消 取消 已关闭 关闭 已冲正 CANCELLED CANCELED CLOSED "
                 "REVOKED REVERSED VOIDED",
})
_CHANNELS = _table({
    "CARD": "刷卡 插卡 磁条卡 芯片卡 IC卡 银行卡 卡 借记卡 贷记卡 信用卡 POS CARD SWIPE CHIP "
            "DIP MAGSTRIPE CONTACT",
    "NFC": "挥卡 闪付 非接 非接触 NFC CONTACTLESS TAP QUICKPASS APPLEPAY HUAWEIPAY",
    "QR": "扫码 二维码 扫码支付 主扫 被扫 付款码 条码 微信 微信支付 支付宝 银联二维码 云闪付 QR "
          "QRCODE WECHAT WECHATPAY WXPAY ALIPAY UNIONPAYQR",
})
_QR_SCHEMES = _table({"WECHAT_PAY": "微信 微信支付 WECHAT WECHATPAY WXPAY",
                      "ALIPAY": "支付宝 ALIPAY", "UNIONPAY_QR": "银联二维码 云闪付 UNIONPAYQR"})


def parse_txn_type(text: str) -> str | None:
    """消费/SALE, 退货/退款/REFUND, 撤销/VOID, 预授权/PREAUTH, 预授权完成 -> TXN_TYPES; None
    when unknown."""
    return _TYPES.get(_word(text))


def parse_status(text: str) -> str | None:
    return _STATUSES.get(_word(text))


def parse_channel(text: str) -> tuple[str, str | None] | None:
    """(channel, scheme or None): 刷卡 -> CARD, 闪付 -> NFC, 微信 -> (QR, WECHAT_PAY)."""
    word = _word(text)
    channel = _CHANNELS.get(word)
    return (channel, _QR_SCHEMES.get(word)) if channel else None


_MASKED = re.compile(r"(\d{0,9})[*xX•#]+(\d{4})")


def parse_card(text: str) -> tuple[str | None, str | None, int | None]:
    """(first 6, last 4, length) of a card number, full (truncated here, in memory) or
    masked (622202******0128, ****0128); a bare 4-digit number is the last 4 only."""
    value = text.replace(" ", "").replace("-", "")
    if value.isdigit():
        if len(value) == 4:
            return None, value, None
        pan = truncate_pan(value)        # ValueError unless 12 to 19 digits
        return pan.first6, pan.last4, pan.length
    masked = _MASKED.fullmatch(value)
    if not masked:
        raise ValueError("not a card number")
    head, tail = masked.groups()
    if len(head) >= 6:
        return head[:6], tail, len(value)
    return None, tail, None
