"""Limit usage as the Limits page and `posdesk limits` show it (spec 6.4), and what-if
answers on the stored profile and ledger.

A payment's daily bucket depends on the tier it is verified at, so the panel shows every
daily tier beside the class cap: the merchant sees what is left at each strength before
choosing how to verify. Every figure is an estimate: the institution decides (spec 1.1, C-13).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import sqlite_utils

from app.account_ledger import usage_on
from app.limit_profile import AccountProfile, load_profile
from app.limits import (
    BAL_CONSUME,
    DEFAULT_PARAMS,
    FACTOR_TYPES,
    Constraint,
    Decision,
    Factor,
    Params,
    Payment,
    Usage,
    applicable,
    categories,
    evaluate,
    multiplier,
    tier,
)
from app.shanghai_time import SHANGHAI

WARN_AT = Fraction(4, 5)          # spec 6.4 / issue: warn at 80 %, full at 100 %


@dataclass(frozen=True)
class Gauge:
    """One applicable constraint on the panel."""

    name: str                     # CLASS_II_ANNUAL, DAILY_T2, ...
    article: str
    limit_fen: int | None         # None: by agreement, not known (T1)
    used_fen: int
    multiplier: Fraction
    multiplier_reason: str
    resets_at: dt.datetime | None  # None: never (Class I lifetime) or not known
    estimate: bool = True

    @property
    def remaining_fen(self) -> int | None:
        return None if self.limit_fen is None else max(0, self.limit_fen - self.used_fen)

    @property
    def level(self) -> str:
        """'ok', 'warn' (>= 80 %), 'full' (>= 100 %) or 'unknown'."""
        if self.limit_fen is None:
            return "unknown"
        if self.limit_fen == 0 or self.used_fen >= self.limit_fen:
            return "full"
        return "warn" if Fraction(self.used_fen, self.limit_fen) >= WARN_AT else "ok"


@dataclass(frozen=True)
class LimitReport:
    at: dt.datetime
    profile: AccountProfile
    profile_stored: bool
    usage: Usage
    gauges: tuple[Gauge, ...]
    note: str | None = None          # why there are no gauges (unit customer)
    params_version: str = DEFAULT_PARAMS.version


def report(db: sqlite_utils.Database, at: dt.datetime,
           params: Params = DEFAULT_PARAMS) -> LimitReport:
    """Current usage of every Art. 11/24 constraint on the stored profile and ledger."""
    stored = load_profile(db)
    usage = usage_on(db, at.astimezone(SHANGHAI).date(), params)
    return report_for(stored or AccountProfile(), stored is not None, usage, at, params)


def report_for(profile: AccountProfile, stored: bool, usage: Usage, at: dt.datetime,
               params: Params = DEFAULT_PARAMS) -> LimitReport:
    """The panel for a given profile and usage: a gauge per class cap and daily tier."""
    day = at.astimezone(SHANGHAI).date()
    if profile.customer_type == "UNIT":
        return LimitReport(at, profile, stored, usage, (),
                           "unit customer: not subject to Art. 11/24", params.version)
    factor, why = multiplier(profile.institution(), profile.customer(), day, params)
    gauges: dict[str, Gauge] = {}
    for level in ("T1", "T2", "T3"):
        for found in applicable(profile.customer(), BAL_CONSUME, level, usage, factor, params):
            gauges.setdefault(found.name, _gauge(found, day, factor, why))
    return LimitReport(at, profile, stored, usage, tuple(gauges.values()), None,
                       params.version)


def _gauge(found: Constraint, day: dt.date, factor: Fraction, why: str) -> Gauge:
    """Art. 36 scales the numeric daily limits only, not T1 and not the class caps (A-4)."""
    scaled = found.name in ("DAILY_T2", "DAILY_T3")
    return Gauge(found.name, found.article, found.limit_fen, found.used_fen,
                 factor if scaled else Fraction(1),
                 why if scaled else "no multiplier applies to this limit (A-4)",
                 _resets(found.name, day))


def _resets(name: str, day: dt.date) -> dt.datetime | None:
    """Next 00:00 +08:00 for daily limits, next Jan 1 for annual ones, never for Class I."""
    if name.startswith("DAILY"):
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), SHANGHAI)
    if name.endswith("ANNUAL"):
        return dt.datetime(day.year + 1, 1, 1, tzinfo=SHANGHAI)
    return None


def what_if(db: sqlite_utils.Database, amount_fen: int, kind: str,
            factors: tuple[Factor, ...], at: dt.datetime, *,
            params: Params = DEFAULT_PARAMS, **payment: object) -> Decision:
    """The engine's answer for one payment on the stored profile and ledger; `payment`
    passes the rest of app.limits.Payment (verified_by, payee_category, purpose)."""
    profile = load_profile(db) or AccountProfile()
    day = at.astimezone(SHANGHAI).date()
    request = Payment(kind, amount_fen, day, factors, **payment)  # type: ignore[arg-type]
    return evaluate(profile.institution(), profile.customer(), request, usage_on(db, day, params),
                    params)


def tier_hint(factor_types: tuple[str, ...]) -> str | None:
    """What would raise the tier the merchant's factors give (spec 4.4), or None at T1."""
    factors = tuple(Factor(t) for t in factor_types)
    level = tier(factors)
    if level == "T1":
        return None
    found = categories(factors)
    has_certificate = any(FACTOR_TYPES[t].is_certificate for t in factor_types)
    if level == "T2":
        return ("add a digital certificate: two categories including a certificate reach "
                "T1, the contractual limit (Art. 24(1))")
    if has_certificate:
        return ("add a factor of another category (a password): a certificate plus a second "
                "category reaches T1 (Art. 24(1))")
    if found:
        return ("add a factor of another category (e.g. authenticator codes with a password):"
                " two categories reach T2 (Art. 24(2))")
    return "enrol a password and an authenticator: two categories reach T2 (Art. 24(2))"
