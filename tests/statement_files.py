"""Statement files for the import tests, written in code (no binary fixtures).

The WeChat Pay and Alipay layouts follow the providers' published formats (header rows of
pay.weixin.qq.com "交易账单文件格式说明"; the Alipay 业务明细 sample with its # lines).
The openid, buyer account and appid below are made up, and tests check none of them is
stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

FULL_PAN = "6222021234567890128"          # Luhn-valid, 19 digits (spec D01)
OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
APPID = "wx2421b1c4370ec43b"
BUYER = "*明(138****0000)"
ORDER = "4200002086202611200745964084"
REFUND_NO = "50303108562026112001487282563"

BANK_HEADERS = ("交易时间", "交易金额", "终端号", "商户号", "商户名称", "卡号", "交易类型",
                "交易状态", "参考号", "授权码", "批次号", "凭证号", "流水号", "手续费")
BANK_ROWS = (
    ("2026/03/05 14:22:10", "1,234.50", "T001", "898310000000001", "测试便利店", FULL_PAN,
     "消费", "成功", "123456789012", "AB1234", "000001", "000010", "000101", "0.50"),
    ("2026-03-05 15:00", "-12.00", "T001", "898310000000001", "测试便利店",
     "622202******0128", "退货", "成功", "123456789013", "", "000001", "000011", "000102", ""),
)


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[str]],
             title: Sequence[str] = ()) -> str:
    """A CSV as a bank's export looks: optional title lines, header, rows, CRLF."""
    def line(cells: Sequence[str]) -> str:
        return ",".join(f'"{c}"' if "," in c or "\n" in c else c for c in cells)
    return "\r\n".join([*title, line(headers), *(line(r) for r in rows)]) + "\r\n"


def bank_csv(path: Path, encoding: str = "gb18030", title: Sequence[str] = (
        "XX银行商户交易明细", "商户号：898310000000001"),
        rows: Sequence[Sequence[str]] = BANK_ROWS,
        headers: Sequence[str] = BANK_HEADERS, totals: bool = True) -> Path:
    """A bank statement: two title lines, the header on row 3, a 合计 line at the end."""
    all_rows = [*rows, ("合计", "1,222.50")] if totals else list(rows)
    path.write_bytes(csv_text(headers, all_rows, title).encode(encoding))
    return path


WECHAT_ALL_HEADERS = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
    "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,"
    "退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注")
WECHAT_REFUND_HEADERS = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
    "付款银行,货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,"
    "退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,"
    "费率备注")
_PAYMENT = [
    "2026-11-20 10:15:30", APPID, "1900000109", "0", "POS-07", ORDER, "M20261120001", OPENID,
    "MICROPAY", "SUCCESS", "CMB_DEBIT", "CNY", "88.00", "0.00", "0", "0", "0.00", "0.00", "",
    "", "咖啡豆", "attach-1", "0.53000", "0.60%", "88.00", "0.00", ""]
_REFUND = [
    "2026-11-20 16:40:02", APPID, "1900000109", "0", "POS-07", ORDER, "M20261120001", OPENID,
    "MICROPAY", "REFUND", "CMB_DEBIT", "CNY", "0.00", "0.00", REFUND_NO, "R20261120001",
    "30.00", "0.00", "ORIGINAL", "SUCCESS", "咖啡豆", "attach-1", "-0.18000", "0.60%", "0.00",
    "30.00", ""]
_WECHAT_SUMMARY = ("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,"
                   "申请退款总金额\r\n`2,`88.00,`30.00,`0.00,`0.35000,`88.00,`30.00\r\n")


def _ticked(cells: Sequence[str]) -> str:
    return ",".join("`" + c for c in cells)


def wechat_all_bill(path: Path) -> Path:
    """An ALL bill: a payment and its refund on the same order (微信订单号), then the
    summary header and row; UTF-8 with BOM as the download comes."""
    body = "\r\n".join([WECHAT_ALL_HEADERS, _ticked(_PAYMENT), _ticked(_REFUND)]) + "\r\n"
    path.write_bytes((body + _WECHAT_SUMMARY).encode("utf-8-sig"))
    return path


def wechat_refund_bill(path: Path, refund_no: str = "50303108562026112101000000001") -> Path:
    """A REFUND bill of the next day: 交易时间 is the payment's, 退款申请时间 the refund's."""
    row = ["2026-11-20 10:15:30", APPID, "1900000109", "0", "POS-07", ORDER, "M20261120001",
           OPENID, "MICROPAY", "REFUND", "CMB_DEBIT", "CNY", "0.00", "0.00",
           "2026-11-21 09:00:00", "2026-11-21 09:00:04", refund_no, "R20261121001", "8.00",
           "0.00", "ORIGINAL", "SUCCESS", "咖啡豆", "", "0.00000", "0.60%", "0.00", "8.00", ""]
    summary = ("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,"
               "申请退款总金额\r\n`1,`0.00,`8.00,`0.00,`0.00000,`0.00,`8.00\r\n")
    path.write_bytes((WECHAT_REFUND_HEADERS + "\r\n" + _ticked(row) + "\r\n" + summary)
                     .encode("utf-8"))
    return path


ALIPAY_HEADERS = ("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,"
                  "门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,"
                  "集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
                  "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,"
                  "分润（元）,备注")
ALIPAY_TRADE = "2026112022001400000000000001"


def alipay_bill(path: Path) -> Path:
    """A 业务明细 export: GBK, # lines around the table, values with trailing tabs."""
    lines = [
        "#支付宝业务明细查询", "#账号：[20885212319120680156]",
        "#起始日期：[2026年11月20日 00:00:00]   终止日期：[2026年11月21日 00:00:00]",
        "#-----------------------------------------业务明细列表----------------------------------------",
        ALIPAY_HEADERS,
        f"{ALIPAY_TRADE}\t,A001\t,交易\t,烘焙,2026-11-20 09:00:00,2026-11-20 09:00:05,\t,"
        f"南京西路店\t,\t,T9\t,{BUYER}\t,35.80,35.80,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,"
        "-0.21,0.00,",
        f"{ALIPAY_TRADE}\t,A001\t,退款\t,烘焙,2026-11-20 12:00:00,2026-11-20 12:00:03,\t,"
        f"南京西路店\t,\t,T9\t,{BUYER}\t,-10.00,-10.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,"
        "RF0001\t,0.06,0.00,",
        "#-----------------------------------------业务明细列表结束------------------------------------",
        "#交易合计：1笔，商家实收共35.80元，商家优惠共0.00元",
        "#退款合计：1笔，商家实收退款共-10.00元，商家优惠退款共0.00元",
        "#导出时间：[2026年11月21日 06:27:10]"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def xlsx_statement(path: Path) -> Path:
    """An English-header workbook: a title row, a blank row, the header on row 3, real
    dates and numbers in the cells, a Total row."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Merchant transactions"])
    sheet.append([])
    sheet.append(["Transaction Time", "Amount", "Trace No.", "Terminal ID", "Card Number",
                  "Type"])
    sheet.append([dt.datetime(2026, 3, 5, 14, 22, 10), 1234.5, 123, "T1", FULL_PAN, "SALE"])
    sheet.append([dt.datetime(2026, 3, 5, 15, 0, 0), -12, "000124", "T1", None, "REFUND"])
    sheet.append(["Total", 1222.5])
    book.save(path)
    return path
