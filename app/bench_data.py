"""Realistic transactions in bulk for `posdesk bench`: N rows over D days on T terminals.

Shaped like a busy shop's trade (issue 4): mostly card, NFC and QR sales spread evenly
over the days, about 3 % refunds linked to their sale, a few voids and pre-authorisations,
masked cards, RRNs and short memos; deterministic for a seed so two runs compare.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from app.transactions import Transaction

DAY_MS = 86_400_000
_CHANNELS = (("CARD", "UNIONPAY"), ("NFC", "UNIONPAY"), ("QR", "WECHAT_PAY"),
             ("QR", "ALIPAY"), ("CARD", "VISA"), ("QR", "UNIONPAY_QR"))
_CHANNEL_WEIGHTS = (25, 15, 30, 22, 3, 5)
MEMOS = ("", "", "", "", "会员积分", "外卖", "团购券", "pre-order", "礼品卡", "早餐套餐",
         "午市", "coffee", "找零", "晚市加单")


def generate(rows: int, days: int = 400, terminals: int = 5, end_ms: int = 1_795_000_000_000,
             seed: int = 7) -> Iterator[Transaction]:
    """`rows` transactions, oldest first, ending at `end_ms`."""
    rng = random.Random(seed)
    start_ms = end_ms - days * DAY_MS
    slot_ms = days * DAY_MS / rows
    terminal_ids = [f"BENCH{n:03d}" for n in range(1, terminals + 1)]
    sales: list[Transaction] = []
    for n in range(rows):
        ts = start_ms + int((n + rng.random()) * slot_ms)
        terminal = terminal_ids[n % terminals]
        kind = rng.random()
        if kind < 0.03 and sales:
            original = sales[rng.randrange(len(sales))]
            yield _linked(original, "REFUND", -min(original.amount_fen,
                                                    rng.randrange(100, 20_000)), ts, n)
            continue
        if kind < 0.035 and sales:
            original = sales[-1]
            yield _linked(original, "VOID", -original.amount_fen, ts, n)
            continue
        channel, scheme = rng.choices(_CHANNELS, _CHANNEL_WEIGHTS)[0]
        card = channel != "QR"
        sale = Transaction(
            trace_id=f"{terminal[-3:]}{n:09d}", txn_type="PREAUTH" if kind > 0.995 else "SALE",
            channel=channel, amount_fen=_amount(rng), ts_utc_ms=ts,
            status="FAILED" if kind > 0.985 and kind <= 0.995 else "SUCCEEDED",
            scheme=scheme, terminal_id=terminal, terminal_or_interface_type="SMART_POS",
            merchant_name="街角便利店 Corner Store", merchant_code="898310054110001", mcc="5411",
            auth_code=f"{rng.randrange(1_000_000):06d}", rrn=f"{n:012d}",
            batch_no=f"{(ts - start_ms) // DAY_MS:06d}", voucher_no=f"{n % 1_000_000:06d}",
            pan_first6="622202" if card else None,
            pan_last4=f"{rng.randrange(10_000):04d}" if card else None,
            pan_len=19 if card else None, memo=rng.choice(MEMOS) or None)
        if len(sales) > 5_000:
            sales = sales[-1_000:]
        sales.append(sale)
        yield sale


def _amount(rng: random.Random) -> int:
    """Mostly small tickets, a long tail of large ones (fen)."""
    return max(100, int(rng.lognormvariate(8.3, 1.1)) // 10 * 10)


def _linked(original: Transaction, txn_type: str, amount: int, ts: int, n: int) -> Transaction:
    return Transaction(
        trace_id=f"{original.trace_id[:3]}{n:09d}", txn_type=txn_type,
        channel=original.channel, amount_fen=amount, ts_utc_ms=ts, scheme=original.scheme,
        terminal_id=original.terminal_id,
        terminal_or_interface_type=original.terminal_or_interface_type,
        merchant_name=original.merchant_name, merchant_code=original.merchant_code,
        mcc=original.mcc, rrn=f"{n:012d}", pan_first6=original.pan_first6,
        pan_last4=original.pan_last4, pan_len=original.pan_len,
        parent_trace_id=original.trace_id)
