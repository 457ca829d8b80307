"""The demo profile: three simulated terminals and a year of believable trade.

Generated deterministically from a seed and an end date, so a test (or a support call) can
reproduce it, and written through the same TransactionWriter that imports and syncs use.
Creating a demo that was cut off half way simply continues: known rows are duplicates.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app import oplog as ops
from app.profile import KIND_DEMO, Profile, open_profile
from app.progress import Progress
from app.shanghai_time import SHANGHAI, from_datetime, now_ms, today_cn
from app.storage import get_setting, set_setting
from app.terminals import TerminalRecord, add_terminal
from app.transactions import Transaction, TransactionWriter

DEFAULT_SEED = 20261122
DEFAULT_DAYS = 366
MERCHANT_NAME = "示例便利店 Demo Store"
MERCHANT_CODE = "898310054110001"
MCC = "5411"

DEMO_TERMINALS = (
    TerminalRecord("SIM00001", "Front counter", "PosDesk Simulator", "SIM-ESIGN",
                   "SIMA20260001", "1.4.2", "ESIGN_POS", "ble",
                   ("EMV_CONTACT", "CONTACTLESS_NFC", "QR_SCAN", "E_SIGNATURE", "PIN_PAD_PTS"),
                   is_simulated=True),
    TerminalRecord("SIM00002", "Checkout 2", "PosDesk Simulator", "SIM-SMART",
                   "SIMB20260002", "3.0.1", "SMART_POS", "usb",
                   ("EMV_CONTACT", "CONTACTLESS_NFC", "QR_SCAN", "QR_DISPLAY", "PRINTER",
                    "PIN_PAD_PTS", "WIFI"), is_simulated=True),
    TerminalRecord("SIM00003", "Delivery", "PosDesk Simulator", "SIM-MPOS",
                   "SIMC20260003", "2.2.0", "MPOS_BT", "rfcomm",
                   ("EMV_CONTACT", "CONTACTLESS_NFC", "MAGSTRIPE"), is_simulated=True),
)
_TERMINAL_WEIGHTS = (0.55, 0.33, 0.12)
# Relative busyness per hour of day: breakfast, lunch and dinner peaks, a quiet night.
_HOURLY = (1.0, 0.5, 0.3, 0.2, 0.2, 0.4, 2, 6, 9, 8, 7, 9, 14, 13, 8, 6, 6, 8, 12, 13, 11, 8, 5, 2)
_WEEKDAY = (0.9, 0.9, 0.95, 1.0, 1.15, 1.4, 1.3)    # Monday .. Sunday
_CARD_BINS = (("622202", 19, "UNIONPAY"), ("621700", 19, "UNIONPAY"),
              ("622848", 19, "UNIONPAY"), ("621483", 16, "UNIONPAY"),
              ("625807", 16, "UNIONPAY"), ("427020", 16, "VISA"), ("524094", 16, "MASTERCARD"))
_MEMOS = ("早餐", "咖啡", "午餐套餐", "外卖订单", "会员日", "饮料", "零食")


@dataclass(frozen=True)
class DemoSummary:
    data_dir: Path
    terminals: int
    transactions: int


def create_demo_profile(data_dir: Path, *, seed: int = DEFAULT_SEED,
                        end: dt.date | None = None, days: int = DEFAULT_DAYS,
                        progress: Progress | None = None) -> DemoSummary:
    """Create (or finish creating) the demo profile in `data_dir` and close it."""
    profile = open_profile(data_dir)
    try:
        return fill_demo(profile, seed=seed, end=end, days=days, progress=progress)
    finally:
        profile.close()


def fill_demo(profile: Profile, *, seed: int = DEFAULT_SEED, end: dt.date | None = None,
              days: int = DEFAULT_DAYS, progress: Progress | None = None) -> DemoSummary:
    db = profile.db
    set_setting(db, "profile_kind", KIND_DEMO)
    for terminal in DEMO_TERMINALS:
        add_terminal(db, profile.oplog, terminal)
    end = end or today_cn()
    writer = TransactionWriter(db, profile.oplog)
    new = 0
    # Nothing after this instant: a demo ending today stops at the current minute.
    until = now_ms()
    for done, batch in enumerate(_weekly_batches(seed, end, days, until), start=1):
        new += writer.write(batch, source_kind="DEMO", source_ref=f"demo seed {seed}").new
        if progress:
            progress.update(done, math.ceil(days / 7), "Generating demo transactions")
    if get_setting(db, "demo_complete") != "1":
        set_setting(db, "demo_complete", "1")
        profile.oplog.append(ops.DEMO_CREATED, target_type="profile",
                             target_id=str(profile.data_dir),
                             details={"seed": seed, "end": end.isoformat(), "days": days,
                                      "transactions": new})
    total = int(db.execute("SELECT count(*) FROM txn").fetchone()[0])
    return DemoSummary(profile.data_dir, len(DEMO_TERMINALS), total)


def _weekly_batches(seed: int, end: dt.date, days: int,
                    until_ms: int) -> Iterator[list[Transaction]]:
    """The generated rows up to `until_ms` in time order, one batch per 7 days."""
    rows = sorted((t for t in generate(seed, end, days) if t.ts_utc_ms <= until_ms),
                  key=lambda t: t.ts_utc_ms)
    start = from_datetime(dt.datetime.combine(end - dt.timedelta(days=days - 1), dt.time(0),
                                              SHANGHAI))
    week_ms = 7 * 86_400_000
    batch: list[Transaction] = []
    current = 0
    for row in rows:
        week = (row.ts_utc_ms - start) // week_ms
        if week != current and batch:
            yield batch
            batch = []
        current = week
        batch.append(row)
    if batch:
        yield batch


def generate(seed: int, end: dt.date, days: int) -> list[Transaction]:
    """The demo's transactions for `days` Shanghai days ending on `end` (not time-sorted)."""
    rng = random.Random(seed)
    out: list[Transaction] = []
    counters = {t.terminal_id: 0 for t in DEMO_TERMINALS}
    last_ms = from_datetime(dt.datetime.combine(end, dt.time(23, 59, 59), SHANGHAI))
    for offset in range(days):
        day = end - dt.timedelta(days=days - 1 - offset)
        for sale in _day_sales(rng, day, counters):
            out.append(sale)
            out.extend(_follow_ups(rng, sale, counters, last_ms))
    return out


def _day_sales(rng: random.Random, day: dt.date,
               counters: dict[str, int]) -> Iterator[Transaction]:
    season = 1 + 0.15 * math.sin(2 * math.pi * (day.timetuple().tm_yday - 40) / 365)
    mean = 105 * _WEEKDAY[day.weekday()] * season
    count = max(0, round(rng.gauss(mean, math.sqrt(mean))))
    for _ in range(count):
        hour = rng.choices(range(24), weights=_HOURLY)[0]
        moment = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)),
                                     SHANGHAI)
        terminal = rng.choices(DEMO_TERMINALS, weights=_TERMINAL_WEIGHTS)[0]
        yield _sale(rng, terminal, from_datetime(moment), counters)


def _sale(rng: random.Random, terminal: TerminalRecord, ts: int,
          counters: dict[str, int]) -> Transaction:
    counters[terminal.terminal_id] += 1
    seq = counters[terminal.terminal_id]
    channel = rng.choices(("QR", "CARD", "NFC"), weights=(62, 22, 16))[0]
    amount = _amount(rng)
    status = rng.choices(("SUCCEEDED", "FAILED"), weights=(975, 25))[0]
    common = {
        "txn_type": "SALE", "channel": channel, "amount_fen": amount, "ts_utc_ms": ts,
        "status": status, "terminal_id": terminal.terminal_id,
        "terminal_or_interface_type": terminal.terminal_type, "merchant_name": MERCHANT_NAME,
        "merchant_code": MERCHANT_CODE, "mcc": MCC,
        "batch_no": f"{(seq // 400) + 1:06d}", "voucher_no": f"{seq % 1_000_000:06d}",
    }
    if channel == "QR":
        scheme = rng.choices(("WECHAT_PAY", "ALIPAY", "UNIONPAY_QR"), weights=(55, 38, 7))[0]
        prefix = {"WECHAT_PAY": "4200", "ALIPAY": "2026", "UNIONPAY_QR": "6229"}[scheme]
        trace = prefix + "".join(rng.choices("0123456789", k=24))
        memo = rng.choice(_MEMOS) if rng.random() < 0.2 else None
        return Transaction(trace_id=trace, scheme=scheme, memo=memo, **common)
    first6, length, scheme = rng.choice(_CARD_BINS)
    return Transaction(
        trace_id=f"{terminal.terminal_id}-{seq:08d}", scheme=scheme,
        pan_first6=first6, pan_last4=f"{rng.randrange(10_000):04d}", pan_len=length,
        rrn=f"{rng.randrange(10**12):012d}",
        auth_code=f"{rng.randrange(10**6):06d}" if status == "SUCCEEDED" else None,
        **common,
    )


def _amount(rng: random.Random) -> int:
    """Most baskets ¥10–¥80, a long tail of larger ones; whole jiao (0.10)."""
    yuan = min(max(rng.lognormvariate(math.log(32), 0.75), 1.0), 4_800.0)
    return round(yuan * 10) * 10


def _follow_ups(rng: random.Random, sale: Transaction, counters: dict[str, int],
                last_ms: int) -> list[Transaction]:
    """A few successful sales are voided within the hour or refunded days later."""
    if sale.status != "SUCCEEDED":
        return []
    roll = rng.random()
    if roll < 0.008 and sale.channel != "QR":
        return [_linked(rng, sale, "VOID", sale.amount_fen,
                        sale.ts_utc_ms + rng.randrange(60, 3_600) * 1000, counters)]
    if roll < 0.02:
        ts = sale.ts_utc_ms + rng.randrange(1, 20) * 86_400_000 + rng.randrange(3_600_000)
        if ts <= last_ms:
            partial = rng.random() < 0.3
            amount = round(sale.amount_fen * rng.uniform(0.2, 0.8) / 10) * 10 if partial \
                else sale.amount_fen
            return [_linked(rng, sale, "REFUND", max(amount, 10), ts, counters)]
    return []


def _linked(rng: random.Random, sale: Transaction, txn_type: str, amount: int, ts: int,
            counters: dict[str, int]) -> Transaction:
    terminal_id = sale.terminal_id or ""
    counters[terminal_id] += 1
    seq = counters[terminal_id]
    trace = (f"{sale.trace_id}-R{seq}" if sale.channel == "QR"
             else f"{terminal_id}-{seq:08d}")
    return Transaction(
        trace_id=trace, txn_type=txn_type, channel=sale.channel, scheme=sale.scheme,
        amount_fen=-amount, ts_utc_ms=ts, status="SUCCEEDED", terminal_id=terminal_id,
        terminal_or_interface_type=sale.terminal_or_interface_type,
        merchant_name=sale.merchant_name, merchant_code=sale.merchant_code, mcc=sale.mcc,
        pan_first6=sale.pan_first6, pan_last4=sale.pan_last4, pan_len=sale.pan_len,
        rrn=f"{rng.randrange(10**12):012d}" if sale.channel != "QR" else None,
        batch_no=sale.batch_no, voucher_no=f"{seq % 1_000_000:06d}",
        parent_trace_id=sale.trace_id,
    )


