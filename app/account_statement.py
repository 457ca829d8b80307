"""Payment-account statements into the ledger (app/account_ledger.py).

The file is the institution's statement of the merchant's own payment account, saved as CSV
or XLSX (any encoding the transaction import reads). Columns are found by their header, in
English or Chinese; kinds and statuses are words either way. A balance payment needs the
tier it was verified at, given as `tier` (T1/T2/T3) or as the `factors` used (密码+数字证书),
from which the tier follows by spec 4.4. Every bad row is named (file, row, column) and
nothing is recorded unless the whole file is good.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.account_ledger import TIERED_KINDS, TIERS, AccountPayment
from app.carddata import contains_card_data
from app.limits import (
    BAL_CONSUME,
    BAL_INVEST,
    BAL_TO_OWN_BANK,
    BAL_TRANSFER_OTHER_BANK,
    BAL_TRANSFER_PA,
    BANK_FUNDED,
    INBOUND,
    REFUND_IN,
    TOP_UP,
    Factor,
    tier,
)
from app.statement_import import parse_amount_fen, parse_beijing_time
from app.statement_mapping import normalise_header, sensitive_headers
from app.statement_reader import Statement, StatementError, read_statement

LISTED_PROBLEMS = 10

COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "流水号", "交易流水号", "业务流水号", "订单号", "交易号"),
    "time": ("time", "交易时间", "时间", "创建时间", "付款时间"),
    "kind": ("kind", "type", "类型", "交易类型", "业务类型"),
    "amount": ("amount", "金额", "交易金额"),
    "status": ("status", "状态", "交易状态"),
    "tier": ("tier", "验证等级", "安全等级"),
    "factors": ("factors", "验证方式", "验证要素"),
    "counterparty": ("counterparty", "对方", "交易对方", "收款方"),
    "memo": ("memo", "备注", "说明"),
}
REQUIRED = ("ref", "time", "kind", "amount")

_KIND_WORDS = {
    BAL_CONSUME: ("consume", "消费", "余额消费", "付款"),
    BAL_TRANSFER_PA: ("transfer_pa", "转账到支付账户", "转账"),
    BAL_TRANSFER_OTHER_BANK: ("transfer_other_bank", "转账到他人银行账户", "转账到银行卡"),
    BAL_TO_OWN_BANK: ("to_own_bank", "提现", "转出到本人银行账户"),
    BAL_INVEST: ("invest", "理财", "购买理财"),
    BANK_FUNDED: ("bank_funded", "快捷支付", "银行卡支付"),
    TOP_UP: ("top_up", "充值"),
    INBOUND: ("inbound", "收款", "转入"),
    REFUND_IN: ("refund_in", "退款"),
}
_STATUS_WORDS = {
    "SUCCEEDED": ("succeeded", "success", "成功", "交易成功", "已完成", "完成"),
    "PENDING": ("pending", "处理中", "待处理", "等待付款", "进行中"),
    "FAILED": ("failed", "失败", "交易失败"),
    "CANCELLED": ("cancelled", "canceled", "已取消", "取消", "已关闭", "关闭"),
}
_FACTOR_WORDS = {
    "STATIC_PASSWORD": ("password", "密码", "静态密码", "支付密码"),
    "SECURITY_QUESTION": ("security_question", "安全问题", "密保问题"),
    "OTP_SMS": ("sms_otp", "短信", "短信验证码"),
    "OTP_APP": ("totp", "动态口令", "验证器"),
    "OTP_HW_TOKEN": ("hw_token", "令牌", "硬件令牌"),
    "DIGITAL_CERTIFICATE": ("certificate", "数字证书", "证书"),
    "ELECTRONIC_SIGNATURE": ("e_signature", "电子签名"),
    "FINGERPRINT": ("fingerprint", "指纹"),
    "FACE": ("face", "人脸", "刷脸"),
}


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    found = {name.lower(): name for name in table}
    for name, words in table.items():
        found.update({word.lower(): name for word in words})
    return found


_KINDS, _STATUSES, _FACTORS = (_lookup(t) for t in (_KIND_WORDS, _STATUS_WORDS, _FACTOR_WORDS))
_HEADERS = {normalise_header(h): field for field, names in COLUMNS.items() for h in names}
_SPLIT = re.compile(r"[+,;，；、/ ]+")


class _Bad(Exception):
    def __init__(self, field: str, expected: str) -> None:
        super().__init__(expected)
        self.field, self.expected = field, expected


@dataclass(frozen=True)
class AccountStatement:
    """A read statement: the payments and where it came from."""

    name: str
    sha256: str
    payments: tuple[AccountPayment, ...]


def read_account_statement(path: Path | str) -> AccountStatement:
    """All payments of the file, or StatementError naming every bad row (up to ten)."""
    statement = read_statement(path)
    columns = _columns(statement)
    payments: list[AccountPayment] = []
    problems: list[StatementError] = []
    rejected = 0
    for row in statement.rows():
        try:
            payments.append(_payment(row.cells, columns))
        except _Bad as bad:
            rejected += 1
            if len(problems) < LISTED_PROBLEMS:
                at = columns.get(bad.field)
                header = bad.field if at is None else statement.headers[at]
                problems.append(StatementError(
                    f"{statement.name}, row {row.number}, column '{header}': expected "
                    f"{bad.expected}", file=statement.name, row=row.number, column=header,
                    expected=bad.expected))
    if rejected:
        raise _refusal(statement, problems, rejected, len(payments) + rejected)
    return AccountStatement(statement.name, statement.sha256, tuple(payments))


def _columns(statement: Statement) -> dict[str, int]:
    found = sensitive_headers(statement.headers)
    if found:
        raise StatementError(
            f"{statement.name}, row {statement.header_row}: column '{found[0]}' can only hold "
            "card authentication data, which is never stored (spec 10.2). Nothing was "
            "recorded.", file=statement.name, row=statement.header_row, column=found[0],
            sensitive=True)
    columns: dict[str, int] = {}
    for index, header in enumerate(statement.headers):
        field = _HEADERS.get(normalise_header(header))
        if field and field not in columns:
            columns[field] = index
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        raise StatementError(
            f"{statement.name}, row {statement.header_row}: no column for "
            f"{', '.join(missing)}. The header must name: "
            + "; ".join(f"{f} ({' / '.join(COLUMNS[f][:3])})" for f in REQUIRED),
            file=statement.name, row=statement.header_row, expected="a column for each of "
            + ", ".join(REQUIRED))
    return columns


def _payment(cells: list[str], columns: dict[str, int]) -> AccountPayment:
    def cell(field: str) -> str:
        index = columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    ref = _required(cell("ref"), "ref", "the institution's reference")
    if contains_card_data(ref):
        raise _Bad("ref", "a reference that is not a card number")
    when = _parsed(cell("time"), "time", "a date and time (Beijing time)", parse_beijing_time)
    kind = _word(cell("kind"), "kind", _KINDS, "a kind: " + ", ".join(
        w[0] for w in _KIND_WORDS.values()))
    amount = _parsed(cell("amount"), "amount", "an amount in yuan, more than zero",
                     lambda t: abs(parse_amount_fen(t)))
    if amount <= 0:
        raise _Bad("amount", "an amount in yuan, more than zero")
    status = (_word(cell("status"), "status", _STATUSES, "succeeded, pending, failed or "
                    "cancelled") if cell("status") else "SUCCEEDED")
    level = _tier(cell("tier"), cell("factors")) if kind in TIERED_KINDS else ""
    return AccountPayment(ref, when, kind, amount, status, level,
                          _text(cell("counterparty"), "counterparty"), _text(cell("memo"), "memo"))


def _required(text: str, field: str, expected: str) -> str:
    if not text:
        raise _Bad(field, expected)
    return text


def _parsed(text: str, field: str, expected: str, parse: Callable[[str], int]) -> int:
    try:
        return parse(_required(text, field, expected))
    except ValueError:
        raise _Bad(field, expected) from None


def _word(text: str, field: str, table: dict[str, str], expected: str) -> str:
    found = table.get(text.strip().lower())
    if found is None:
        raise _Bad(field, expected)
    return found


def _tier(tier_text: str, factors_text: str) -> str:
    """The stated tier, or the one the stated factors give (spec 4.4)."""
    if not tier_text and factors_text.strip().upper() in TIERS:
        tier_text = factors_text.strip()          # a statement that states the tier there
    if tier_text:
        if tier_text.upper() not in TIERS:
            raise _Bad("tier", "T1, T2 or T3")
        return tier_text.upper()
    words = [w for w in _SPLIT.split(factors_text.strip()) if w]
    if not words:
        raise _Bad("tier", "the tier (T1/T2/T3) or the factors that verified this balance payment")
    try:
        types = [_FACTORS[w.lower()] for w in words]
    except KeyError:
        raise _Bad("factors", "factors such as password, totp, certificate (密码+数字证书)"
                   ) from None
    return tier(tuple(Factor(t) for t in types))


def _text(text: str, field: str) -> str | None:
    if text and contains_card_data(text):
        raise _Bad(field, "text without a card number")
    return text or None


def _refusal(statement: Statement, problems: list[StatementError], rejected: int,
             total: int) -> StatementError:
    listed = "\n".join(f"  {p.message}" for p in problems)
    more = rejected - len(problems)
    first = problems[0]
    return StatementError(
        f"{statement.name}: {rejected:,} of {total:,} rows rejected, nothing was recorded. "
        f"Correct them and import the file again:\n{listed}"
        + (f"\n  … and {more:,} more" if more > 0 else ""),
        file=statement.name, row=first.row, column=first.column, expected=first.expected,
        problems=problems, rejected=rejected)

