"""The merchant's own payment-account ledger and the usage the limit engine counts.

The shadow engine (spec 1.1, R1) needs what the merchant has already paid *from its payment
account's balance*: per Shanghai day and verification tier, per year, since opening. That is
not the `txn` journal, which holds card-present acquiring outside Art. 11/24 (spec 1.2).
Payments come from the institution's account statement (app/account_statement.py) or the
demo. Usage is read from `account_usage_daily`, a rollup SQLite triggers keep exact, so a
check costs a few index probes whatever the ledger's size.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils

from app.carddata import guard_values
from app.errors import PosDeskError
from app.limits import (
    COUNTED_ANNUAL,
    COUNTED_DAILY,
    COUNTED_LIFETIME_I,
    DEFAULT_PARAMS,
    KINDS,
    Params,
    Usage,
)
from app.oplog import OperationLog
from app.shanghai_time import cn_date

PAYMENT_STATUSES = ("SUCCEEDED", "PENDING", "FAILED", "CANCELLED")
TIERS = ("T1", "T2", "T3")
# Balance payments are counted in the bucket of the tier they were verified at (spec 5.1).
TIERED_KINDS = COUNTED_DAILY
ACCOUNT_PAYMENTS_RECORDED = "ACCOUNT_PAYMENTS_RECORDED"


class LedgerError(PosDeskError):
    """A payment the ledger cannot take; `index` is its place in the batch (0-based)."""

    code = "ledger"


@dataclass(frozen=True, slots=True)
class AccountPayment:
    """One movement of the payment account, as the institution's statement shows it."""

    ref: str
    ts_utc_ms: int
    kind: str
    amount_fen: int
    status: str = "SUCCEEDED"
    tier: str = ""                # the verification tier it passed: T1/T2/T3 ('' if none)
    counterparty: str | None = None
    memo: str | None = None

    def problem(self) -> tuple[str, str] | None:
        """(field, what is wrong) or None: the first value outside the ledger's schema."""
        if not self.ref.strip():
            return "ref", "is empty"
        if self.kind not in KINDS:
            return "kind", f"must be one of {', '.join(KINDS)}, not {self.kind!r}"
        if self.amount_fen.__class__ is not int or self.amount_fen <= 0:
            return "amount", "must be more than zero"
        if self.status not in PAYMENT_STATUSES:
            return "status", f"must be one of {', '.join(PAYMENT_STATUSES)}"
        if self.tier not in ("", *TIERS):
            return "tier", "must be T1, T2 or T3"
        if self.kind in TIERED_KINDS and not self.tier:
            return "tier", "is needed for a balance payment: which tier verified it"
        return None


@dataclass(frozen=True)
class RecordResult:
    added: int
    updated: int          # a known payment whose status moved on (e.g. PENDING to SUCCEEDED)
    unchanged: int


_FIXED = ("ts_utc_ms", "kind", "amount_fen", "tier")


def record_payments(db: sqlite_utils.Database, log: OperationLog,
                    payments: Sequence[AccountPayment], *, source: str) -> RecordResult:
    """Add payments all or nothing. A ref seen before may only move its status; any other
    difference is refused, naming the payment and the field, and nothing is written."""
    for index, payment in enumerate(payments):
        _check(payment, index)
    added = updated = 0
    with db.atomic():
        for index, payment in enumerate(payments):
            known = db.execute("SELECT ts_utc_ms, kind, amount_fen, tier, status FROM "
                               "account_payment WHERE ref = ?", [payment.ref]).fetchone()
            if known is None:
                _insert(db, payment, source)
                added += 1
                continue
            _same_facts(payment, known, index)
            if known[4] != payment.status:
                db.execute("UPDATE account_payment SET status = ? WHERE ref = ?",
                           [payment.status, payment.ref])
                updated += 1
        result = RecordResult(added, updated, len(payments) - added - updated)
        log.append(ACCOUNT_PAYMENTS_RECORDED, target_type="account", target_id=source,
                   details=dataclasses.asdict(result))
    return result


def _check(payment: AccountPayment, index: int) -> None:
    found = payment.problem()
    if found:
        field, what = found
        raise LedgerError(f"payment {index + 1} ({payment.ref or 'no ref'}): {field} {what}.",
                          index=index, field=field)
    guard_values(("ref", "counterparty", "memo"),
                 (payment.ref, payment.counterparty, payment.memo))


def _insert(db: sqlite_utils.Database, payment: AccountPayment, source: str) -> None:
    db.execute(
        "INSERT INTO account_payment (ref, ts_utc_ms, cn_date, kind, amount_fen, status, tier,"
        " counterparty, memo, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [payment.ref, payment.ts_utc_ms, cn_date(payment.ts_utc_ms), payment.kind,
         payment.amount_fen, payment.status, payment.tier, payment.counterparty, payment.memo,
         source])


def _same_facts(payment: AccountPayment, known: tuple[object, ...], index: int) -> None:
    for field, old in zip(_FIXED, known[:4], strict=True):
        if getattr(payment, field) != old:
            raise LedgerError(
                f"payment {index + 1} ({payment.ref}): already recorded with a different "
                f"{field}; a recorded payment changes only its status.",
                index=index, field=field)


# -- usage (spec 6.1 ledger, C-9) -----------------------------------------------------------

def counted_statuses(params: Params = DEFAULT_PARAMS) -> tuple[str, ...]:
    """FAILED and CANCELLED never count; PENDING reserves quota unless configured off."""
    return ("SUCCEEDED", "PENDING") if params.pending_counts else ("SUCCEEDED",)


def usage_on(db: sqlite_utils.Database, day: dt.date,
             params: Params = DEFAULT_PARAMS) -> Usage:
    """What counted before a payment on `day`: its day per tier, its year (calendar or the
    last 365 days, A-2) and everything up to that day (Class I lifetime, A-5)."""
    statuses = counted_statuses(params)
    per_tier = dict(_sums(db, "cn_date = ?", [day.isoformat()], COUNTED_DAILY, statuses,
                          group_by_tier=True))
    first = (day - dt.timedelta(days=364) if params.annual_window == "rolling_365d"
             else dt.date(day.year, 1, 1))
    year = _total(db, "cn_date BETWEEN ? AND ?", [first.isoformat(), day.isoformat()],
                  COUNTED_ANNUAL, statuses)
    lifetime = _total(db, "cn_date <= ?", [day.isoformat()], COUNTED_LIFETIME_I, statuses)
    return Usage(day_t1=per_tier.get("T1", 0), day_t2=per_tier.get("T2", 0),
                 day_t3=per_tier.get("T3", 0), year=year, lifetime=lifetime)


def daily_usage(db: sqlite_utils.Database, first: dt.date, last: dt.date,
                params: Params = DEFAULT_PARAMS) -> dict[dt.date, dict[str, int]]:
    """Counted balance payments per day and tier from `first` to `last` (the 30-day chart);
    days without any are left out."""
    statuses = counted_statuses(params)
    kinds = sorted(COUNTED_DAILY)
    rows = db.execute(
        f"SELECT cn_date, tier, sum(sum_fen) FROM account_usage_daily "
        f"WHERE cn_date BETWEEN ? AND ? AND kind IN ({_marks(kinds)}) "
        f"AND status IN ({_marks(statuses)}) GROUP BY cn_date, tier",
        [first.isoformat(), last.isoformat(), *kinds, *statuses]).fetchall()
    found: dict[dt.date, dict[str, int]] = {}
    for day, level, fen in rows:
        if fen:
            found.setdefault(dt.date.fromisoformat(day), {})[level] = int(fen)
    return found


def _sums(db: sqlite_utils.Database, where: str, args: list[object], kinds: Iterable[str],
          statuses: tuple[str, ...], *, group_by_tier: bool) -> list[tuple[str, int]]:
    kinds = sorted(kinds)
    group = " GROUP BY tier" if group_by_tier else ""
    rows = db.execute(
        f"SELECT tier, coalesce(sum(sum_fen), 0) FROM account_usage_daily WHERE {where} "
        f"AND kind IN ({_marks(kinds)}) AND status IN ({_marks(statuses)}){group}",
        [*args, *kinds, *statuses]).fetchall()
    return [(level, int(fen)) for level, fen in rows]


def _total(db: sqlite_utils.Database, where: str, args: list[object], kinds: Iterable[str],
           statuses: tuple[str, ...]) -> int:
    return sum(fen for _, fen in _sums(db, where, args, kinds, statuses, group_by_tier=False))


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def payment_count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM account_payment").fetchone()[0])
