"""Deterministic journals for simulated terminals: a year of believable trade.

The journal is what a terminal keeps of its transactions, as it sends them in Journal
responses (docs/protocol.md). Generated from a seed and an end date, so the demo, the
simulator and the tests all see the same rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
DEFAULT_SEED = 20261122
MERCHANT_NAME = "示例便利店 Demo Store"
MERCHANT_CODE = "898310054110001"
MCC = "5411"


@dataclass(frozen=True)
class TerminalProfile:
    """What a simulated terminal says about itself, and how it is reached."""

    terminal_id: str
    label: str
    vendor: str
    model: str
    serial: str
    firmware: str
    terminal_type: str
    transport: str
    capabilities: tuple[str, ...]
    usb_vendor_id: int = 0x1209        # pid.codes test VID: never a real POS vendor
    usb_product_id: int = 0x0001
    share: float = 0.0                 # part of the shop's trade this terminal takes


DEMO_PROFILES = (
    TerminalProfile("SIM00001", "Front counter", "PosDesk Simulator", "SIM-ESIGN",
                    "SIMA20260001", "1.4.2", "ESIGN_POS", "ble",
                    ("EMV_CONTACT", "CONTACTLESS_NFC", "QR_SCAN", "E_SIGNATURE", "PIN_PAD_PTS"),
                    usb_product_id=0x0001, share=0.55),
    TerminalProfile("SIM00002", "Checkout 2", "PosDesk Simulator", "SIM-SMART",
                    "SIMB20260002", "3.0.1", "SMART_POS", "usb",
                    ("EMV_CONTACT", "CONTACTLESS_NFC", "QR_SCAN", "QR_DISPLAY", "PRINTER",
                     "PIN_PAD_PTS", "WIFI"), usb_product_id=0x0002, share=0.33),
    TerminalProfile("SIM00003", "Delivery", "PosDesk Simulator", "SIM-MPOS",
                    "SIMC20260003", "2.2.0", "MPOS_BT", "rfcomm",
                    ("EMV_CONTACT", "CONTACTLESS_NFC", "MAGSTRIPE"), usb_product_id=0x0003,
                    share=0.12),
)
# Relative busyness per hour of day: breakfast, lunch and dinner peaks, a quiet night.
_HOURLY = (1.0, 0.5, 0.3, 0.2, 0.2, 0.4, 2, 6, 9, 8, 7, 9, 14, 13, 8, 6, 6, 8, 12, 13, 11, 8, 5, 2)
_WEEKDAY = (0.9, 0.9, 0.95, 1.0, 1.15, 1.4, 1.3)    # Monday .. Sunday
_CARD_BINS = (("622202", 19, "UNIONPAY"), ("621700", 19, "UNIONPAY"),
              ("622848", 19, "UNIONPAY"), ("621483", 16, "UNIONPAY"),
              ("625807", 16, "UNIONPAY"), ("427020", 16, "VISA"), ("524094", 16, "MASTERCARD"))
_MEMOS = ("早餐", "咖啡", "午餐套餐", "外卖订单", "会员日", "饮料", "零食")

Entry = dict[str, Any]


def epoch_ms(moment: dt.datetime) -> int:
    return (moment - _EPOCH) // dt.timedelta(milliseconds=1)


@functools.lru_cache(maxsize=4)
def generate(seed: int, end: dt.date, days: int,
             profiles: tuple[TerminalProfile, ...] = DEMO_PROFILES) -> list[Entry]:
    """Journal entries of all `profiles` for `days` Shanghai days ending on `end`, in the
    order they were generated (sales with their later refunds and voids), not time order.
    Cached (each terminal of a world filters the same year): callers must not change it."""
    rng = random.Random(seed)
    out: list[Entry] = []
    counters = {p.terminal_id: 0 for p in profiles}
    last_ms = epoch_ms(dt.datetime.combine(end, dt.time(23, 59, 59), SHANGHAI))
    for offset in range(days):
        day = end - dt.timedelta(days=days - 1 - offset)
        for sale in _day_sales(rng, day, profiles, counters):
            out.append(sale)
            out.extend(_follow_ups(rng, sale, counters, last_ms))
    return out


def journal_for(terminal_id: str, seed: int, end: dt.date, days: int,
                until_ms: int | None = None) -> list[Entry]:
    """One terminal's journal in time order, up to `until_ms` (nothing from the future)."""
    rows = [e for e in generate(seed, end, days) if e["terminal_id"] == terminal_id
            and (until_ms is None or e["ts_utc_ms"] <= until_ms)]
    return sorted(rows, key=lambda e: e["ts_utc_ms"])


def _day_sales(rng: random.Random, day: dt.date, profiles: tuple[TerminalProfile, ...],
               counters: dict[str, int]) -> Iterator[Entry]:
    season = 1 + 0.15 * math.sin(2 * math.pi * (day.timetuple().tm_yday - 40) / 365)
    mean = 105 * _WEEKDAY[day.weekday()] * season
    count = max(0, round(rng.gauss(mean, math.sqrt(mean))))
    weights = [p.share or 1.0 for p in profiles]
    for _ in range(count):
        hour = rng.choices(range(24), weights=_HOURLY)[0]
        moment = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)),
                                     SHANGHAI)
        terminal = rng.choices(profiles, weights=weights)[0]
        yield _sale(rng, terminal, epoch_ms(moment), counters)


def _sale(rng: random.Random, terminal: TerminalProfile, ts: int,
          counters: dict[str, int]) -> Entry:
    counters[terminal.terminal_id] += 1
    seq = counters[terminal.terminal_id]
    channel = rng.choices(("QR", "CARD", "NFC"), weights=(62, 22, 16))[0]
    status = rng.choices(("SUCCEEDED", "FAILED"), weights=(975, 25))[0]
    entry: Entry = {
        "txn_type": "SALE", "channel": channel, "amount_fen": _amount(rng), "ts_utc_ms": ts,
        "status": status, "terminal_id": terminal.terminal_id,
        "terminal_type": terminal.terminal_type, "merchant_name": MERCHANT_NAME,
        "merchant_code": MERCHANT_CODE, "mcc": MCC,
        "batch_no": f"{(seq // 400) + 1:06d}", "voucher_no": f"{seq % 1_000_000:06d}",
    }
    if channel == "QR":
        scheme = rng.choices(("WECHAT_PAY", "ALIPAY", "UNIONPAY_QR"), weights=(55, 38, 7))[0]
        prefix = {"WECHAT_PAY": "4200", "ALIPAY": "2026", "UNIONPAY_QR": "6229"}[scheme]
        entry.update(trace_id=prefix + "".join(rng.choices("0123456789", k=24)), scheme=scheme,
                     memo=rng.choice(_MEMOS) if rng.random() < 0.2 else None)
        return entry
    first6, length, scheme = rng.choice(_CARD_BINS)
    entry.update(
        trace_id=f"{terminal.terminal_id}-{seq:08d}", scheme=scheme,
        pan_first6=first6, pan_last4=f"{rng.randrange(10_000):04d}", pan_len=length,
        rrn=f"{rng.randrange(10**12):012d}",
        auth_code=f"{rng.randrange(10**6):06d}" if status == "SUCCEEDED" else None,
    )
    return entry


def _amount(rng: random.Random) -> int:
    """Most baskets ¥10–¥80, a long tail of larger ones; whole jiao (0.10)."""
    yuan = min(max(rng.lognormvariate(math.log(32), 0.75), 1.0), 4_800.0)
    return round(yuan * 10) * 10


def _follow_ups(rng: random.Random, sale: Entry, counters: dict[str, int],
                last_ms: int) -> list[Entry]:
    """A few successful sales are voided within the hour or refunded days later."""
    if sale["status"] != "SUCCEEDED":
        return []
    roll = rng.random()
    if roll < 0.008 and sale["channel"] != "QR":
        ts = sale["ts_utc_ms"] + rng.randrange(60, 3_600) * 1000
        seq = _next_seq(counters, sale["terminal_id"])
        return [_linked(sale, "VOID", sale["amount_fen"], ts, seq, rng.randrange(10**12))]
    if roll < 0.02:
        # Every draw happens whatever the end date, so a journal generated later (a longer
        # window from the same start) begins with exactly the same entries.
        ts = sale["ts_utc_ms"] + rng.randrange(1, 20) * 86_400_000 + rng.randrange(3_600_000)
        partial = rng.random() < 0.3
        share = rng.uniform(0.2, 0.8)
        rrn = rng.randrange(10**12)
        seq = _next_seq(counters, sale["terminal_id"])
        if ts <= last_ms:
            amount = round(sale["amount_fen"] * share / 10) * 10 if partial else sale["amount_fen"]
            return [_linked(sale, "REFUND", max(amount, 10), ts, seq, rrn)]
    return []


def _next_seq(counters: dict[str, int], terminal_id: str) -> int:
    counters[terminal_id] += 1
    return counters[terminal_id]


def _linked(sale: Entry, txn_type: str, amount: int, ts: int, seq: int, rrn: int) -> Entry:
    terminal_id = sale["terminal_id"]
    card = sale["channel"] != "QR"
    return {
        "trace_id": f"{terminal_id}-{seq:08d}" if card else f"{sale['trace_id']}-R{seq}",
        "txn_type": txn_type, "channel": sale["channel"], "scheme": sale.get("scheme"),
        "amount_fen": -amount, "ts_utc_ms": ts, "status": "SUCCEEDED",
        "terminal_id": terminal_id, "terminal_type": sale["terminal_type"],
        "merchant_name": sale["merchant_name"], "merchant_code": sale["merchant_code"],
        "mcc": sale["mcc"], "pan_first6": sale.get("pan_first6"),
        "pan_last4": sale.get("pan_last4"), "pan_len": sale.get("pan_len"),
        "rrn": f"{rrn:012d}" if card else None,
        "batch_no": sale["batch_no"], "voucher_no": f"{seq % 1_000_000:06d}",
        "parent_trace_id": sale["trace_id"],
    }
