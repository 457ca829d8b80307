"""The limit engine of the PBOC online-payment Measures (spec sections 3-6): a pure function.

`evaluate` takes the institution, the customer, one payment (with the factors presented
for it) and the usage already counted, and returns the decision with the constraint that
binds it. Nothing here reads the database or the clock: callers measure usage (Shanghai
days, calendar years, counted kinds and statuses) and pass it in, so every vector of spec
13.2/13.3 is a plain test and the Limits page, the CLI and a what-if box ask the same code.
All amounts are integer fen; multiplied limits are exact (Fraction), never floats (C-1, C-11).
The engine is a shadow of the institution's: it never approves anything on its own (R1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from fractions import Fraction

FEN = 100

# Transaction kinds (spec 1.3) and the counters each one hits.
BAL_CONSUME = "BAL_CONSUME"
BAL_TRANSFER_PA = "BAL_TRANSFER_PA"
BAL_TRANSFER_OTHER_BANK = "BAL_TRANSFER_OTHER_BANK"
BAL_TO_OWN_BANK = "BAL_TO_OWN_BANK"
BAL_INVEST = "BAL_INVEST"
BANK_FUNDED = "BANK_FUNDED"
CARD_PRESENT = "CARD_PRESENT"
TOP_UP = "TOP_UP"
INBOUND = "INBOUND"
REFUND_IN = "REFUND_IN"
KINDS = (BAL_CONSUME, BAL_TRANSFER_PA, BAL_TRANSFER_OTHER_BANK, BAL_TO_OWN_BANK, BAL_INVEST,
         BANK_FUNDED, CARD_PRESENT, TOP_UP, INBOUND, REFUND_IN)
COUNTED_DAILY = frozenset({BAL_CONSUME, BAL_TRANSFER_PA, BAL_TRANSFER_OTHER_BANK, BAL_INVEST})
COUNTED_ANNUAL = COUNTED_DAILY                                  # Class II/III
COUNTED_LIFETIME_I = COUNTED_DAILY | {BAL_TO_OWN_BANK}          # Class I
_TRANSFERS = frozenset({BAL_TRANSFER_PA, BAL_TRANSFER_OTHER_BANK, BAL_TO_OWN_BANK})

# Verification factor categories (Art. 22) and the catalog of spec 4.3.
KNOWLEDGE, POSSESSION, INHERENCE = "KNOWLEDGE", "POSSESSION", "INHERENCE"


@dataclass(frozen=True)
class FactorType:
    name: str
    category: str | None        # None: not an Art. 22 factor unless the institution says so
    is_certificate: bool = False
    is_otp: bool = False
    is_biometric: bool = False


FACTOR_TYPES = {f.name: f for f in (
    FactorType("STATIC_PASSWORD", KNOWLEDGE),
    FactorType("SECURITY_QUESTION", KNOWLEDGE),
    FactorType("DIGITAL_CERTIFICATE", POSSESSION, is_certificate=True),
    FactorType("ELECTRONIC_SIGNATURE", POSSESSION, is_certificate=True),
    FactorType("OTP_SMS", POSSESSION, is_otp=True),
    FactorType("OTP_APP", POSSESSION, is_otp=True),
    FactorType("OTP_HW_TOKEN", POSSESSION, is_otp=True),
    FactorType("FINGERPRINT", INHERENCE, is_biometric=True),
    FactorType("FACE", INHERENCE, is_biometric=True),
    FactorType("VOICE", INHERENCE, is_biometric=True),
    FactorType("IRIS", INHERENCE, is_biometric=True),
    FactorType("TRUSTED_DEVICE", None),
)}

# Institution ratings: a sub-grade such as "AA" is its class letter.
RATINGS = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class Params:
    """Spec 6.3: every number the engine uses, versioned so a decision names its table."""

    version: str = "pboc-2015-43/spec-2024.1"
    class_i_lifetime_fen: int = 1_000 * FEN
    class_ii_annual_fen: int = 100_000 * FEN
    class_iii_annual_fen: int = 200_000 * FEN
    daily_t2_fen: int = 5_000 * FEN
    daily_t3_fen: int = 1_000 * FEN
    mult_a_min_ratio_bp: int = 9_500
    mult_a: Fraction = Fraction(2)
    mult_b_min_ratio_bp: int = 9_000
    mult_b: Fraction = Fraction(3, 2)
    art10_small_max_fen: int = 200 * FEN
    art14_purpose_threshold_fen: int = 50_000 * FEN
    annual_window: str = "calendar_year"         # or "rolling_365d"
    daily_aggregation: str = "per_tier"          # or "combined_nonT1"
    refunds_restore_quota: bool = False
    pending_counts: bool = True
    otp_ttl_s: int = 120
    otp_same_device_counts: bool = False


DEFAULT_PARAMS = Params()


@dataclass(frozen=True)
class Institution:
    name: str = ""
    rating: str | None = None                    # A-E; None: unknown (x1)
    rating_valid_from: dt.date | None = None
    rating_valid_to: dt.date | None = None
    real_name_ratio_bp: int | None = None        # 9600 = 96.00 %
    art37_bank_agreement: bool = False

    def rating_on(self, day: dt.date) -> str | None:
        """The rating's class letter when it is known and valid on `day` (Art. 39)."""
        if not self.rating:
            return None
        if self.rating_valid_from and day < self.rating_valid_from:
            return None
        if self.rating_valid_to and day > self.rating_valid_to:
            return None
        return self.rating[0].upper()


@dataclass(frozen=True)
class Customer:
    type: str = "INDIVIDUAL"                     # or "UNIT" (Art. 44; CL-4)
    account_class: str = "II"                    # I, II or III
    real_name_compliant: bool = True
    contract_daily_t1_fen: int | None = None     # None: "by agreement", not known to the app
    account_real_name_confirmed: bool = True


@dataclass(frozen=True)
class Factor:
    """A factor presented for one payment, as the institution or this app verified it."""

    type: str
    verified: bool = True                 # False: wrong value, revoked or expired (VF-1)
    same_device: bool = False             # an OTP received on the initiating device (VF-2)
    age_s: int | None = None              # an OTP's age when used
    released_by: str | None = None        # the factor that released this one (VF-3)
    attested: bool = True                 # a biometric's anti-replay attestation (VF-4)
    institution_declared: bool = False    # TRUSTED_DEVICE counts only when declared

    def __post_init__(self) -> None:
        if self.type not in FACTOR_TYPES:
            raise ValueError(f"unknown factor type {self.type!r}; one of "
                             f"{', '.join(FACTOR_TYPES)}")


@dataclass(frozen=True)
class Payment:
    kind: str
    amount_fen: int
    day: dt.date                          # its Shanghai date (C-3, C-4)
    factors: tuple[Factor, ...] = ()
    verified_by: str = "INSTITUTION"      # or "BANK" (Art. 10, bank-funded only)
    payee_category: str = "GENERAL"       # UTILITY, TAX, CREDIT_CARD_REPAYMENT (Art. 10)
    purpose: str | None = None            # Art. 14(5)
    from_third_party_bank_account: bool = False   # a TOP_UP from someone else's account

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; one of {', '.join(KINDS)}")
        if self.amount_fen.__class__ is not int or self.amount_fen <= 0:
            raise ValueError("amount_fen must be a positive whole number of fen")


@dataclass(frozen=True)
class Usage:
    """Counted amounts already used (C-9), in fen: per tier bucket on the payment's day,
    in its year (Class II/III) and since opening (Class I)."""

    day_t1: int = 0
    day_t2: int = 0
    day_t3: int = 0
    year: int = 0
    lifetime: int = 0

    def day(self, tier: str) -> int:
        return {"T1": self.day_t1, "T2": self.day_t2, "T3": self.day_t3}[tier]


@dataclass(frozen=True)
class Constraint:
    """One applicable limit (spec 6.4): what it is, the law behind it, its numbers."""

    name: str                 # CLASS_I_LIFETIME, CLASS_II_ANNUAL, DAILY_T2, ...
    article: str
    limit_fen: int | None     # None: by agreement, not known to the app
    used_fen: int

    @property
    def headroom_fen(self) -> int | None:
        return None if self.limit_fen is None else max(0, self.limit_fen - self.used_fen)


@dataclass(frozen=True)
class Decision:
    decision: str                       # ALLOW, DENY or REQUIRE_BANK_VERIFICATION
    reason: str | None = None           # LIMIT_EXCEEDED, VERIFICATION_FAILED, ...
    tier: str | None = None
    multiplier: Fraction = Fraction(1)
    binding: str = "NONE"
    headroom_before_fen: int | None = None
    remaining_after_fen: int | None = None
    max_from_balance_fen: int | None = None
    constraints: tuple[Constraint, ...] = ()
    notes: tuple[str, ...] = ()         # why factors did not count, where the multiplier came from
    params_version: str = DEFAULT_PARAMS.version


# -- factors and tiers (spec 4.4) -----------------------------------------------------------

@dataclass(frozen=True)
class FactorResult:
    effective: tuple[Factor, ...]
    failed: bool
    notes: tuple[str, ...] = ()


def effective_factors(presented: tuple[Factor, ...],
                      params: Params = DEFAULT_PARAMS) -> FactorResult:
    """Apply VF-1 to VF-4: a failed factor fails the payment; the rest count or not."""
    notes: list[str] = []
    effective: list[Factor] = []
    for factor in presented:
        kind = FACTOR_TYPES[factor.type]
        if not factor.verified:
            return FactorResult((), True, (f"{factor.type} failed verification (VF-1)",))
        if kind.is_otp and factor.age_s is not None and factor.age_s > params.otp_ttl_s:
            return FactorResult((), True, (
                f"{factor.type} was {factor.age_s} s old, over the {params.otp_ttl_s} s "
                "validity (VF-1)",))
        why_not = _not_counted(factor, kind, params)
        if why_not:
            notes.append(why_not)
        else:
            effective.append(factor)
    return FactorResult(tuple(effective), False, tuple(notes))


def _not_counted(factor: Factor, kind: FactorType, params: Params) -> str | None:
    if kind.is_otp and factor.same_device and not params.otp_same_device_counts:
        return f"{factor.type} arrived on the device that pays, so it does not count (VF-2)"
    if factor.released_by:
        return (f"{factor.type} was released by {factor.released_by}, so only "
                f"{factor.released_by} counts (VF-3)")
    if kind.is_biometric and not factor.attested:
        return f"{factor.type} has no anti-replay attestation, so it does not count (VF-4)"
    if kind.category is None and not factor.institution_declared:
        return f"{factor.type} is not an Art. 22 factor unless the institution declares it"
    return None


def categories(factors: tuple[Factor, ...]) -> set[str]:
    return {c for f in factors if (c := _category(f)) is not None}


def _category(factor: Factor) -> str | None:
    kind = FACTOR_TYPES[factor.type]
    return kind.category or (POSSESSION if factor.institution_declared else None)


def tier(effective: tuple[Factor, ...]) -> str:
    """T1: 2+ categories with a certificate or e-signature; T2: 2+ categories; else T3."""
    two = len(categories(effective)) >= 2
    if two and any(FACTOR_TYPES[f.type].is_certificate for f in effective):
        return "T1"
    return "T2" if two else "T3"


# -- the engine (spec 6.2) ------------------------------------------------------------------

def multiplier(inst: Institution, cust: Customer, day: dt.date,
               params: Params = DEFAULT_PARAMS) -> tuple[Fraction, str]:
    """Art. 36 (and 39): x2, x1.5 or x1, with the reason in words."""
    if cust.account_class not in ("II", "III") or not cust.real_name_compliant:
        return Fraction(1), "no multiplier for a Class I account or one not real-name compliant"
    rating = inst.rating_on(day)
    if rating is None:
        return Fraction(1), "no valid institution rating on this day (Art. 39)"
    ratio = inst.real_name_ratio_bp
    if ratio is None:
        return Fraction(1), "the institution's real-name ratio is not known"
    if rating == "A" and ratio > params.mult_a_min_ratio_bp:
        return params.mult_a, f"rated A and real-name ratio {_percent(ratio)} > 95% (Art. 36)"
    if rating in ("A", "B") and ratio > params.mult_b_min_ratio_bp:
        return params.mult_b, (f"rated {rating} and real-name ratio {_percent(ratio)} > 90% "
                               "(Art. 36)")
    return Fraction(1), f"rated {rating} with real-name ratio {_percent(ratio)}: no multiplier"


def _percent(bp: int) -> str:
    return f"{bp / 100:.2f}%"


def evaluate(inst: Institution, cust: Customer, payment: Payment, usage: Usage,
             params: Params = DEFAULT_PARAMS) -> Decision:
    """The decision for one payment, as spec 6.2; usage is what counted before it."""
    base = Decision("ALLOW", params_version=params.version)
    kind = payment.kind
    if kind in (CARD_PRESENT, INBOUND, REFUND_IN):
        return replace(base, notes=("not governed by Art. 11/24",))
    if kind == TOP_UP:
        if payment.from_third_party_bank_account and not art35_ok(inst, cust, payment.day):
            return replace(base, decision="DENY", reason="SAME_CUSTOMER_REQUIRED")
        return base
    if kind == BANK_FUNDED:
        return _art10(inst, payment, params, base)
    checked = effective_factors(payment.factors, params)
    if checked.failed:
        return replace(base, decision="DENY", reason="VERIFICATION_FAILED",
                       max_from_balance_fen=0, notes=checked.notes)
    if kind == BAL_TRANSFER_OTHER_BANK and not art35_ok(inst, cust, payment.day):
        return replace(base, decision="DENY", reason="SAME_CUSTOMER_REQUIRED",
                       max_from_balance_fen=0)
    if cust.type == "UNIT":
        return _unit(payment, params, base)
    if kind == BAL_INVEST and cust.account_class != "III":
        return replace(base, decision="DENY", reason="FUNCTION_NOT_PERMITTED",
                       max_from_balance_fen=0)
    return _balance(inst, cust, payment, usage, params, checked, base)


def _balance(inst: Institution, cust: Customer, payment: Payment, usage: Usage,
             params: Params, checked: FactorResult, base: Decision) -> Decision:
    level = tier(checked.effective)
    factor, why = multiplier(inst, cust, payment.day, params)
    found = applicable(cust, payment.kind, level, usage, factor, params)
    result = replace(base, tier=level, multiplier=factor, constraints=found,
                     notes=(*checked.notes, why))
    known = [c for c in found if c.headroom_fen is not None]
    if not known:
        return result
    binding = min(known, key=lambda c: (c.headroom_fen, 0 if c.name.startswith("CLASS")
                                        else 1))
    headroom = binding.headroom_fen or 0
    result = replace(result, binding=binding.name, headroom_before_fen=headroom,
                     max_from_balance_fen=headroom)
    if payment.amount_fen <= headroom:
        return replace(result, remaining_after_fen=headroom - payment.amount_fen)
    return replace(result, decision="DENY", reason="LIMIT_EXCEEDED",
                   remaining_after_fen=headroom)


def applicable(cust: Customer, kind: str, level: str, usage: Usage, factor: Fraction,
               params: Params = DEFAULT_PARAMS) -> tuple[Constraint, ...]:
    """Every limit that applies to a balance payment of this kind at this tier (5.3)."""
    found: list[Constraint] = []
    if cust.account_class == "I":
        found.append(Constraint("CLASS_I_LIFETIME", "Art. 11(1)", params.class_i_lifetime_fen,
                                usage.lifetime))
    elif kind != BAL_TO_OWN_BANK:
        cap = (params.class_ii_annual_fen if cust.account_class == "II"
               else params.class_iii_annual_fen)
        clause = "Art. 11(2)" if cust.account_class == "II" else "Art. 11(3)"
        found.append(Constraint(f"CLASS_{cust.account_class}_ANNUAL", clause, cap, usage.year))
    if kind == BAL_TO_OWN_BANK:
        return tuple(found)
    if level == "T1":
        found.append(Constraint("DAILY_T1", "Art. 24(1)", cust.contract_daily_t1_fen,
                                usage.day_t1))
        return tuple(found)
    base = params.daily_t2_fen if level == "T2" else params.daily_t3_fen
    used = (usage.day(level) if params.daily_aggregation == "per_tier"
            else usage.day_t2 + usage.day_t3)
    clause = "Art. 24(2)" if level == "T2" else "Art. 24(3)"
    found.append(Constraint(f"DAILY_{level}", f"{clause}, Art. 36", _times(base, factor), used))
    return tuple(found)


def _times(amount_fen: int, factor: Fraction) -> int:
    """Exact in fen (C-11): 5,000.00 x 3/2 = 7,500.00; never a float."""
    return (amount_fen * factor.numerator) // factor.denominator


def _unit(payment: Payment, params: Params, base: Decision) -> Decision:
    """Unit customers: no Art. 11/24 caps; a large transfer needs its purpose (Art. 14(5))."""
    if (payment.kind in _TRANSFERS and payment.amount_fen > params.art14_purpose_threshold_fen
            and not (payment.purpose or "").strip()):
        return replace(base, decision="DENY", reason="PURPOSE_REQUIRED", max_from_balance_fen=0)
    return replace(base, notes=("unit customer: not subject to Art. 11/24",))


def _art10(inst: Institution, payment: Payment, params: Params, base: Decision) -> Decision:
    """Bank-funded (quick pay): the institution may verify on the bank's behalf only for
    <= 200.00, fixed periodic payees, or with an Art. 37 agreement while rated A."""
    if payment.verified_by == "BANK":
        return base
    if payment.amount_fen <= params.art10_small_max_fen:
        return replace(base, notes=("small amount: the institution may verify (Art. 10)",))
    if payment.payee_category in ("UTILITY", "TAX", "CREDIT_CARD_REPAYMENT"):
        return replace(base, notes=("fixed periodic payee (Art. 10)",))
    if inst.art37_bank_agreement and inst.rating_on(payment.day) == "A":
        return replace(base, notes=("Art. 37 agreement with the bank",))
    return replace(base, decision="REQUIRE_BANK_VERIFICATION",
                   reason="BANK_MUST_VERIFY")


def art35_ok(inst: Institution, cust: Customer, day: dt.date,
             params: Params = DEFAULT_PARAMS) -> bool:
    """Art. 35: transfers to another person's bank account only for an A-rated institution
    with a Class II+III real-name ratio over 95 %, and a confirmed account [P]."""
    return (inst.rating_on(day) == "A" and (inst.real_name_ratio_bp or 0)
            > params.mult_a_min_ratio_bp and cust.account_real_name_confirmed)
