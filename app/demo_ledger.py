"""The demo shop's payment account: a year of balance payments and an account profile, so
the Limits page shows real gauges, warnings and a chart before the merchant enters its own.

Deterministic for a seed and an end day. Spend is shaped like a small shop's: supplier
payments verified with two factors (T2), small password-only purchases (T3), an occasional
certificate-verified transfer (T1), monthly withdrawals to its own bank account and top-ups.
The last day is busy enough that its T2 gauge passes the 80 % warning.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from app.account_ledger import AccountPayment
from app.limit_profile import AccountProfile
from app.limits import (
    BAL_CONSUME,
    BAL_TO_OWN_BANK,
    BAL_TRANSFER_PA,
    INBOUND,
    TOP_UP,
)
from app.shanghai_time import SHANGHAI, from_datetime

_SUPPLIERS = ("城南粮油批发", "鲜果供应链", "日用百货配送", "饮料经销商", "包装材料厂")
_SHOPS = ("便利店", "五金店", "文具店", "早餐铺")


def demo_account_profile(end: dt.date) -> AccountProfile:
    """An A-rated institution with a 96.2 % ratio (so x2, Art. 36), rated through the year."""
    return AccountProfile(
        institution_name="示例支付机构（演示）", rating="A",
        rating_valid_from=dt.date(end.year, 1, 1), rating_valid_to=dt.date(end.year, 12, 31),
        real_name_ratio_bp=9620, customer_type="INDIVIDUAL", account_class="II",
        class_since=end - dt.timedelta(days=3 * 365), contract_daily_t1_fen=2_000_000)


def demo_account_payments(seed: int, end: dt.date, days: int,
                          now_utc_ms: int | None = None) -> list[AccountPayment]:
    """`days` days up to `end`; nothing later than `now_utc_ms` (today's early hours)."""
    rng = random.Random(f"ledger-{seed}")
    found: list[AccountPayment] = []
    for back in range(days - 1, -1, -1):
        day = end - dt.timedelta(days=back)
        found += _day(rng, day, len(found), last=back == 0)
    if now_utc_ms is not None:
        found = [dataclasses.replace(p, ts_utc_ms=min(p.ts_utc_ms, now_utc_ms - 60_000 - i))
                 if p.ts_utc_ms >= now_utc_ms - 60_000 else p for i, p in enumerate(found)]
    return found


def _day(rng: random.Random, day: dt.date, serial: int, *, last: bool) -> list[AccountPayment]:
    made: list[AccountPayment] = []

    def add(kind: str, fen: int, tier: str = "", hour: int = 10, who: str | None = None,
            status: str = "SUCCEEDED") -> None:
        moment = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), SHANGHAI)
        ref = f"DEMO-{day:%Y%m%d}-{serial + len(made):05d}"
        made.append(AccountPayment(ref, from_datetime(moment), kind, fen, status, tier, who))

    if last:                                    # today: T2 near its x2 limit of 10,000.00
        add(BAL_CONSUME, 6_200_00, "T2", 9, _SUPPLIERS[0])
        add(BAL_CONSUME, 2_480_00, "T2", 11, _SUPPLIERS[1])
        add(BAL_CONSUME, 126_50, "T3", 8, _SHOPS[0])
        add(BAL_CONSUME, 88_00, "T3", 12, _SHOPS[1], status="PENDING")
        return made
    if rng.random() < 0.45:
        add(BAL_CONSUME, rng.randrange(60_00, 450_00), "T2", rng.randrange(8, 18),
            rng.choice(_SUPPLIERS))
    if rng.random() < 0.5:
        add(BAL_CONSUME, rng.randrange(5_00, 120_00), "T3", rng.randrange(7, 21),
            rng.choice(_SHOPS))
    if rng.random() < 0.006:
        add(BAL_TRANSFER_PA, rng.randrange(1_000_00, 3_000_00), "T1", 15, "房东")
    if rng.random() < 0.02:
        add(BAL_CONSUME, rng.randrange(50_00, 500_00), "T2", 16, rng.choice(_SUPPLIERS),
            status="FAILED")
    if day.day == 28:
        add(BAL_TO_OWN_BANK, rng.randrange(3_000_00, 9_000_00), hour=20, who="本人银行卡")
    if day.day in (1, 15):
        add(TOP_UP, 2_000_00, hour=9, who="本人银行卡")
    if rng.random() < 0.3:
        add(INBOUND, rng.randrange(10_00, 300_00), hour=rng.randrange(9, 20))
    return made
