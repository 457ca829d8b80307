"""Which column of a statement feeds which transaction field: suggestions and memory.

Acquirers name the same column many ways (交易金额, 金额(元), Txn Amount …), so a header is
compared in a normalised form (no units in brackets, no spaces or punctuation, lower case)
against the known names in `FIELDS`. A mapping is `{field name: header text}`; it is
remembered in the `import_mapping` table per header row (the "layout") and, when the person
gives one, by name, so the next statement of the same acquirer imports without asking.

Two kinds of column are never mapped: those that can only hold card authentication data
(CVV, track, PIN, expiry — spec 10.2; a file naming one is refused as a whole) and payer
identifiers such as a WeChat openid or an Alipay buyer account (minimisation, spec SD-5).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from app import oplog as ops
from app.carddata import FORBIDDEN_FIELDS
from app.errors import PosDeskError
from app.oplog import OperationLog
from app.shanghai_time import now_ms


class MappingError(PosDeskError):
    """A mapping that cannot be used: names what is wrong and how to fix it."""

    code = "import_mapping"


@dataclass(frozen=True)
class Field:
    """A transaction field a column can feed, with the header names that mean it."""

    name: str
    label_en: str
    label_zh: str
    required: bool
    headers: tuple[str, ...]     # known header names, most specific first


# What a statement column can feed. "Required" is what every import needs; a trace number
# may instead come from the RRN (参考号) or from batch + voucher number (see
# `missing_required`), and a missing type defaults to SALE (REFUND for a negative amount).
FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("time", "Transaction time", "交易时间", True, (
        "交易时间", "交易日期时间", "交易发生时间", "支付时间", "付款时间", "完成时间", "时间",
        "transaction time", "txn time", "trans time", "trade time", "transaction datetime",
        "date time", "datetime", "time")),
    Field("date", "Transaction date (when the time column has no date)", "交易日期", False, (
        "交易日期", "日期", "transaction date", "txn date", "trans date", "trade date", "date")),
    Field("amount", "Amount (yuan)", "交易金额", True, (
        "交易金额", "金额", "交易额", "订单金额", "消费金额", "交易本金", "amount",
        "transaction amount", "txn amount", "trans amount", "trade amount")),
    Field("trace_id", "Trace number", "流水号", True, (
        "流水号", "交易流水号", "系统跟踪号", "系统流水号", "终端流水号", "pos流水号", "跟踪号",
        "交易跟踪号", "交易单号", "交易订单号", "订单号", "trace no", "trace number",
        "trace id", "stan", "serial no", "serial number", "transaction id", "txn id",
        "transaction no", "trans id", "order no")),
    Field("txn_type", "Transaction type", "交易类型", False, (
        "交易类型", "交易种类", "业务类型", "交易名称", "transaction type", "txn type",
        "trans type", "type")),
    Field("status", "Status", "交易状态", False, (
        "交易状态", "状态", "交易结果", "处理状态", "transaction status", "txn status",
        "status", "result")),
    Field("terminal_id", "Terminal ID", "终端号", False, (
        "终端号", "终端编号", "终端代码", "终端id", "pos终端号", "设备号", "设备编号",
        "terminal id", "terminal no", "terminal number", "terminal", "tid", "device id")),
    Field("merchant_code", "Merchant code", "商户号", False, (
        "商户号", "商户编号", "商户代码", "商户id", "merchant id", "merchant no",
        "merchant number", "merchant code", "mid")),
    Field("merchant_name", "Merchant name", "商户名称", False, (
        "商户名称", "商户名", "门店名称", "merchant name", "store name")),
    Field("mcc", "MCC", "商户类别码", False, (
        "mcc", "mcc码", "商户类别码", "商户类别", "行业类别码")),
    Field("card", "Card number (kept as first 6 + last 4)", "卡号", False, (
        "卡号", "交易卡号", "银行卡号", "主账号", "card no", "card number", "masked pan",
        "pan", "card")),
    Field("scheme", "Card scheme", "卡组织", False, (
        "卡组织", "卡品牌", "card scheme", "scheme", "card brand", "brand")),
    Field("channel", "Channel", "交易渠道", False, (
        "交易渠道", "渠道", "支付方式", "支付渠道", "交易方式", "channel", "payment method",
        "payment channel")),
    Field("rrn", "Reference number (RRN)", "参考号", False, (
        "参考号", "系统参考号", "检索参考号", "交易参考号", "参考号码", "rrn", "reference no",
        "reference number", "ref no", "retrieval reference number")),
    Field("auth_code", "Authorisation code", "授权码", False, (
        "授权码", "授权号", "授权号码", "auth code", "authorization code",
        "authorisation code", "approval code", "auth no")),
    Field("batch_no", "Batch number", "批次号", False, (
        "批次号", "批次", "batch no", "batch number", "batch")),
    Field("voucher_no", "Voucher number", "凭证号", False, (
        "凭证号", "凭证号码", "票据号", "voucher no", "voucher number", "invoice no")),
    Field("parent_trace_id", "Original trace number (of a refund or void)", "原交易流水号",
          False, ("原交易流水号", "原流水号", "原交易号", "原系统跟踪号", "original trace no",
                  "original trace", "orig trace no")),
    Field("currency", "Currency", "币种", False, (
        "币种", "货币", "货币种类", "交易币种", "currency", "ccy")),
    Field("memo", "Memo", "备注", False, (
        "备注", "摘要", "附言", "remark", "remarks", "memo", "note")),
)}

_UNITS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_PUNCT = re.compile(r"[\s_\-.:：/#№`'\"“”]+")


def normalise_header(text: str) -> str:
    """交易金额（元） -> 交易金额, 'Trace No.' -> traceno: the form headers are compared in."""
    return _PUNCT.sub("", _UNITS.sub("", text.replace("\ufeff", ""))).lower()


_KNOWN: dict[str, tuple[str, int]] = {}
for _field in FIELDS.values():
    for _rank, _header in enumerate(_field.headers):
        _KNOWN.setdefault(normalise_header(_header), (_field.name, _rank))


def known_header(header: str) -> str | None:
    """The field a header names, or None."""
    found = _KNOWN.get(normalise_header(header))
    return found[0] if found else None


# Headers of columns that can only hold card authentication data (spec 10.2): a statement
# that has one is refused, even when the column is empty, so the data is removed at source.
_SENSITIVE_CN = ("有效期", "失效期", "到期日", "磁道", "密码", "安全码", "卡验证码", "卡校验码")
_SENSITIVE_EN = re.compile(r"cvv|cvc|cvn|cav2|track(?!ing)|expir|pinblock|validthru|"
                           r"^pin$|^exp$|^expdate$|^exp(iry)?mmyy$|^chipdata$|^arqc$")
# Payer identifiers are never stored (minimisation, spec SD-5).
_PAYER = ("用户标识", "openid", "对方账户", "对方账号", "买家账号", "买家账户", "买家支付宝账号",
          "付款人", "付款账号", "付款方账号", "交易对方", "用户id", "buyerid", "buyeraccount",
          "payerid", "payeraccount", "payeraccountno")


def is_sensitive_header(header: str) -> bool:
    """True for a column that can only hold CVV, track data, PIN or expiry dates."""
    norm = normalise_header(header)
    return (any(word in norm for word in _SENSITIVE_CN) or bool(_SENSITIVE_EN.search(norm))
            or bool(FORBIDDEN_FIELDS.match(header.strip())))


def sensitive_headers(headers: Iterable[str]) -> tuple[str, ...]:
    return tuple(h for h in headers if h and is_sensitive_header(h))


def is_payer_header(header: str) -> bool:
    """True for a payer identifier (openid, buyer account): never mapped, never stored."""
    norm = normalise_header(header)
    return any(norm.startswith(word) for word in _PAYER)


@dataclass(frozen=True)
class MappingSuggestion:
    """What the header row says by itself. `mapping` is field -> header."""

    mapping: dict[str, str]
    recognised: dict[str, str]           # header -> field, for the headers used
    unrecognised: tuple[str, ...]        # headers no field uses (they are not imported)
    missing_required: tuple[str, ...]    # field names no column feeds
    sensitive: tuple[str, ...]           # headers naming card authentication data

    @property
    def complete(self) -> bool:
        """Usable as it is: every required field found and nothing to refuse."""
        return not self.missing_required and not self.sensitive


def suggest_mapping(headers: Sequence[str]) -> MappingSuggestion:
    """Map every field whose known name appears; the most specific name wins, then the
    leftmost column. A header feeds one field at most."""
    best: dict[str, tuple[int, int, str]] = {}
    for column, header in enumerate(headers):
        found = _KNOWN.get(normalise_header(header)) if header else None
        if found and not is_payer_header(header) and not is_sensitive_header(header):
            field, rank = found
            if field not in best or (rank, column) < best[field][:2]:
                best[field] = (rank, column, header)
    mapping = {field: best[field][2] for field in FIELDS if field in best}
    if "time" not in mapping and "date" in mapping:      # 交易日期 holding date and time
        mapping["time"] = mapping.pop("date")
    return describe(headers, mapping)


def describe(headers: Sequence[str], mapping: Mapping[str, str]) -> MappingSuggestion:
    """A MappingSuggestion for any mapping (e.g. after the person changed one column)."""
    used = {header: field for field, header in mapping.items()}
    return MappingSuggestion(
        mapping=dict(mapping), recognised=used,
        unrecognised=tuple(h for h in headers if h and h not in used),
        missing_required=missing_required(mapping), sensitive=sensitive_headers(headers))


def missing_required(mapping: Mapping[str, str]) -> tuple[str, ...]:
    """Required fields no column feeds. A trace number is satisfied by the trace column,
    else the RRN, else batch + voucher number (the rule `trace_rule` states)."""
    missing = [name for name in ("time", "amount") if name not in mapping]
    if trace_rule(mapping) is None:
        missing.append("trace_id")
    return tuple(missing)


def trace_rule(mapping: Mapping[str, str]) -> str | None:
    """Where each row's trace id comes from: "trace_id", "rrn" (参考号, when the statement
    has no serial number: the RRN is unique per acquirer transaction) or "batch_voucher"
    (批次号-凭证号, unique on a terminal within a batch); None when none is mapped."""
    if "trace_id" in mapping:
        return "trace_id"
    if "rrn" in mapping:
        return "rrn"
    if "batch_no" in mapping and "voucher_no" in mapping:
        return "batch_voucher"
    return None


def check_mapping(headers: Sequence[str], mapping: Mapping[str, str]) -> None:
    """Raise MappingError naming every problem: unknown fields, columns not in this file,
    payer identifiers or card authentication columns mapped, required fields missing."""
    problems: list[str] = []
    for field, header in mapping.items():
        if field not in FIELDS:
            problems.append(f"'{field}' is not a field (fields: {', '.join(FIELDS)})")
        elif header not in headers:
            problems.append(f"{field}: there is no column '{header}' in this file")
        elif is_payer_header(header):
            problems.append(f"{field}: column '{header}' identifies the payer and is never "
                            "stored (data minimisation, spec SD-5)")
        elif is_sensitive_header(header):
            problems.append(f"{field}: column '{header}' holds card authentication data, "
                            "which is never stored")
    missing = missing_required(mapping)
    if missing:
        problems.append("no column for " + ", ".join(_field_hint(name) for name in missing))
    if problems:
        raise MappingError("The column mapping cannot be used: " + "; ".join(problems) + ".",
                           problems=problems, missing=missing)


def _field_hint(name: str) -> str:
    field = FIELDS[name]
    return f"{name} ({field.label_zh} / {field.label_en})"


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """`field=header` pairs as the CLI takes them (--map trace_id=流水号)."""
    mapping: dict[str, str] = {}
    for option in options:
        field, sep, header = option.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise MappingError(f"--map {option!r}: write it as FIELD=COLUMN, e.g. "
                               "--map trace_id=流水号")
        if field.strip() not in FIELDS:
            raise MappingError(f"--map {option!r}: '{field.strip()}' is not a field; fields: "
                               f"{', '.join(FIELDS)}")
        mapping[field.strip()] = header.strip()
    return mapping


# --- remembered mappings (table import_mapping, migration 5) -------------------------------

@dataclass(frozen=True)
class SavedMapping:
    name: str
    headers: tuple[str, ...]
    mapping: dict[str, str]
    updated_at_utc_ms: int


def layout_key(headers: Sequence[str]) -> str:
    """The header row as stored in import_mapping.layout (JSON)."""
    return json.dumps(list(headers), ensure_ascii=False)


def layout_name(headers: Sequence[str]) -> str:
    """The name a mapping remembered for a layout alone gets: layout-<12 hex>."""
    return "layout-" + hashlib.sha256(layout_key(headers).encode()).hexdigest()[:12]


def remembered_mapping(db: sqlite_utils.Database, headers: Sequence[str]) -> SavedMapping | None:
    """The mapping last saved for exactly this header row, by any name."""
    row = db.execute("SELECT name, layout, mapping_json, updated_at_utc_ms FROM import_mapping "
                     "WHERE layout = ? ORDER BY updated_at_utc_ms DESC, name LIMIT 1",
                     [layout_key(headers)]).fetchone()
    return _saved(row) if row else None


def load_mapping(db: sqlite_utils.Database, name: str) -> SavedMapping:
    row = db.execute("SELECT name, layout, mapping_json, updated_at_utc_ms FROM import_mapping "
                     "WHERE name = ?", [name]).fetchone()
    if row is None:
        names = [m.name for m in saved_mappings(db) if not m.name.startswith("layout-")]
        raise MappingError(f"There is no saved mapping named '{name}'"
                           + (f" (saved: {', '.join(names)})." if names else "."), name=name)
    return _saved(row)


def saved_mappings(db: sqlite_utils.Database) -> list[SavedMapping]:
    rows = db.execute("SELECT name, layout, mapping_json, updated_at_utc_ms FROM import_mapping "
                      "ORDER BY name").fetchall()
    return [_saved(row) for row in rows]


def save_mapping(db: sqlite_utils.Database, oplog: OperationLog, name: str,
                 headers: Sequence[str], mapping: Mapping[str, str]) -> SavedMapping:
    """Remember a checked mapping under `name` for this header row (replacing one of the
    same name) and record IMPORT_MAPPING_SAVED, in one transaction."""
    name = name.strip()
    if not name or len(name) > 80:
        raise MappingError("A mapping name must have 1 to 80 characters.")
    check_mapping(headers, mapping)
    saved = SavedMapping(name, tuple(headers), dict(mapping), now_ms())
    with db.atomic():
        db.execute("INSERT INTO import_mapping (name, layout, mapping_json, updated_at_utc_ms) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET layout = "
                   "excluded.layout, mapping_json = excluded.mapping_json, "
                   "updated_at_utc_ms = excluded.updated_at_utc_ms",
                   [name, layout_key(headers), json.dumps(saved.mapping, ensure_ascii=False),
                    saved.updated_at_utc_ms])
        oplog.append(ops.IMPORT_MAPPING_SAVED, target_type="import_mapping", target_id=name,
                     details={"columns": len(headers), "fields": sorted(mapping)})
    return saved


def remember_layout(db: sqlite_utils.Database, oplog: OperationLog, headers: Sequence[str],
                    mapping: Mapping[str, str]) -> SavedMapping:
    """Remember a mapping for this header row only (named after the layout)."""
    return save_mapping(db, oplog, layout_name(headers), headers, mapping)


def mapping_for(saved: SavedMapping, headers: Sequence[str]) -> dict[str, str]:
    """A saved mapping applied to a file: every column it uses must be there."""
    absent = [h for h in saved.mapping.values() if h not in headers]
    if absent:
        raise MappingError(f"Mapping '{saved.name}' uses column(s) this file does not have: "
                           f"{', '.join(absent)}.", name=saved.name, absent=absent)
    return dict(saved.mapping)


def initial_mapping(db: sqlite_utils.Database | None,
                    headers: Sequence[str]) -> tuple[dict[str, str], str]:
    """The mapping to start from and where it came from: the one remembered for this
    header row ("remembered: NAME"), else the suggestion ("suggested")."""
    saved = remembered_mapping(db, headers) if db is not None else None
    if saved is not None:
        return dict(saved.mapping), f"remembered: {saved.name}"
    return suggest_mapping(headers).mapping, "suggested"


def _saved(row: Sequence[object]) -> SavedMapping:
    return SavedMapping(str(row[0]), tuple(json.loads(str(row[1]))),
                        dict(json.loads(str(row[2]))), int(str(row[3])))
