"""Header -> field suggestions, the required-field rule, refused columns, and mappings
remembered in import_mapping."""

from __future__ import annotations

import pytest

from app import oplog
from app.oplog import OperationLog
from app.statement_mapping import (
    FIELDS,
    MappingError,
    check_mapping,
    initial_mapping,
    is_payer_header,
    is_sensitive_header,
    layout_name,
    load_mapping,
    mapping_for,
    normalise_header,
    parse_map_options,
    remembered_mapping,
    save_mapping,
    suggest_mapping,
    trace_rule,
)
from tests.statement_files import BANK_HEADERS


def test_chinese_bank_headers_map_without_help() -> None:
    suggestion = suggest_mapping(BANK_HEADERS)
    assert suggestion.mapping == {
        "time": "交易时间", "amount": "交易金额", "trace_id": "流水号", "txn_type": "交易类型",
        "status": "交易状态", "terminal_id": "终端号", "merchant_code": "商户号",
        "merchant_name": "商户名称", "card": "卡号", "rrn": "参考号", "auth_code": "授权码",
        "batch_no": "批次号", "voucher_no": "凭证号"}
    assert suggestion.unrecognised == ("手续费",)
    assert suggestion.missing_required == () and suggestion.complete


def test_english_headers_with_units_and_punctuation() -> None:
    headers = ("Txn Date", "Txn Time", "Amount (CNY)", "Trace No.", "Terminal ID", "RRN",
               "Card Number", "Status")
    suggestion = suggest_mapping(headers)
    assert suggestion.mapping == {
        "time": "Txn Time", "date": "Txn Date", "amount": "Amount (CNY)",
        "trace_id": "Trace No.", "status": "Status", "terminal_id": "Terminal ID",
        "card": "Card Number", "rrn": "RRN"}
    assert normalise_header("交易金额（元）") == "交易金额"
    assert normalise_header("\ufeff`Trace No.") == "traceno"


def test_the_most_specific_name_wins_and_a_date_only_column_serves_as_time() -> None:
    assert suggest_mapping(("金额", "交易金额", "流水号", "交易日期")).mapping == {
        "time": "交易日期", "amount": "交易金额", "trace_id": "流水号"}


def test_missing_required_fields_are_named_with_the_unrecognised_columns() -> None:
    suggestion = suggest_mapping(("日期时间", "金额", "单号", "备注"))
    assert suggestion.missing_required == ("time", "trace_id")
    assert suggestion.unrecognised == ("日期时间", "单号")
    assert not suggestion.complete


def test_trace_id_comes_from_rrn_or_batch_and_voucher_when_there_is_no_serial() -> None:
    assert trace_rule({"trace_id": "流水号", "rrn": "参考号"}) == "trace_id"
    assert trace_rule({"rrn": "参考号"}) == "rrn"
    assert trace_rule({"batch_no": "批次号", "voucher_no": "凭证号"}) == "batch_voucher"
    assert trace_rule({"batch_no": "批次号"}) is None
    assert suggest_mapping(("交易时间", "交易金额", "参考号")).missing_required == ()


def test_card_authentication_and_payer_columns_are_never_suggested() -> None:
    for header in ("有效期", "卡有效期", "CVV2", "CVN", "磁道信息", "二磁道", "Expiry Date",
                   "PIN", "密码", "Track 2"):
        assert is_sensitive_header(header), header
    for header in ("交易时间", "流水号", "Trace No", "授权码", "卡号", "Tracking"):
        assert not is_sensitive_header(header), header
    assert is_payer_header("用户标识") and is_payer_header("对方账户")
    assert is_payer_header("OpenID") and not is_payer_header("商户号")
    suggestion = suggest_mapping(("交易时间", "交易金额", "流水号", "CVV2", "用户标识"))
    assert suggestion.sensitive == ("CVV2",) and not suggestion.complete
    assert "用户标识" in suggestion.unrecognised and "CVV2" not in suggestion.mapping.values()


def test_check_mapping_names_every_problem() -> None:
    headers = ("交易时间", "金额", "用户标识", "备注")
    with pytest.raises(MappingError) as caught:
        check_mapping(headers, {"time": "交易时间", "amount": "Betrag", "memo": "用户标识",
                                "colour": "备注"})
    message = caught.value.message
    assert "amount: there is no column 'Betrag'" in message
    assert "memo: column '用户标识' identifies the payer and is never stored" in message
    assert "'colour' is not a field" in message
    assert "no column for trace_id (流水号 / Trace number)" in message
    assert caught.value.facts["missing"] == ("trace_id",)


def test_map_options() -> None:
    assert parse_map_options(["trace_id=流水号", " amount = 金额 "]) == {
        "trace_id": "流水号", "amount": "金额"}
    with pytest.raises(MappingError, match="FIELD=COLUMN"):
        parse_map_options(["trace_id"])
    with pytest.raises(MappingError, match="'serial' is not a field"):
        parse_map_options(["serial=流水号"])


def test_fields_carry_both_labels_and_the_required_flag() -> None:
    assert FIELDS["amount"].label_zh == "交易金额" and FIELDS["amount"].required
    assert FIELDS["trace_id"].label_en == "Trace number"
    assert not FIELDS["txn_type"].required


def test_saved_mapping_is_remembered_by_layout_and_by_name(memory_log: OperationLog) -> None:
    db = memory_log.db
    headers = ("日期时间", "金额", "单号")
    mapping = {"time": "日期时间", "amount": "金额", "trace_id": "单号"}
    assert remembered_mapping(db, headers) is None
    assert initial_mapping(db, headers) == ({"amount": "金额"}, "suggested")
    saved = save_mapping(db, memory_log, "小店银行", headers, mapping)
    assert remembered_mapping(db, headers) == saved
    assert remembered_mapping(db, (*headers, "备注")) is None        # another layout
    assert load_mapping(db, "小店银行").mapping == mapping
    assert initial_mapping(db, headers) == (mapping, "remembered: 小店银行")
    entry = oplog.entries(db)[0]
    assert (entry.op_type, entry.target_id) == (oplog.IMPORT_MAPPING_SAVED, "小店银行")
    assert entry.details == {"columns": 3, "fields": ["amount", "time", "trace_id"]}


def test_saving_again_replaces_and_bad_mappings_are_not_saved(
        memory_log: OperationLog) -> None:
    db = memory_log.db
    headers = ("日期时间", "金额", "单号", "参考")
    save_mapping(db, memory_log, "shop", headers, {"time": "日期时间", "amount": "金额",
                                                   "trace_id": "单号"})
    save_mapping(db, memory_log, "shop", headers, {"time": "日期时间", "amount": "金额",
                                                   "rrn": "参考"})
    assert load_mapping(db, "shop").mapping == {"time": "日期时间", "amount": "金额",
                                                "rrn": "参考"}
    with pytest.raises(MappingError, match="no column for trace_id"):
        save_mapping(db, memory_log, "broken", headers, {"time": "日期时间", "amount": "金额"})
    with pytest.raises(MappingError, match=r"no saved mapping named 'nope' \(saved: shop\)"):
        load_mapping(db, "nope")
    assert int(db.execute("SELECT count(*) FROM import_mapping").fetchone()[0]) == 1


def test_a_saved_mapping_on_a_file_without_its_columns(memory_log: OperationLog) -> None:
    saved = save_mapping(memory_log.db, memory_log, "shop", ("日期时间", "金额", "单号"),
                         {"time": "日期时间", "amount": "金额", "trace_id": "单号"})
    with pytest.raises(MappingError, match="uses column\\(s\\) this file does not have: 单号"):
        mapping_for(saved, ("日期时间", "金额"))
    assert layout_name(("a", "b")).startswith("layout-") and len(layout_name(("a",))) == 19
