"""Every limit vector of spec 13.2 and 13.3, transcribed row by row, through app.limits.

Amounts are written in yuan as in the spec and turned into fen exactly. A row's "—" is None.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from app.limits import (
    BAL_CONSUME,
    BAL_INVEST,
    BAL_TO_OWN_BANK,
    BAL_TRANSFER_PA,
    BANK_FUNDED,
    Customer,
    Factor,
    Institution,
    Params,
    Payment,
    Usage,
    evaluate,
    tier,
)

DAY = dt.date(2024, 6, 15)
KINDS = {"CONSUME": BAL_CONSUME, "TRANSFER_PA": BAL_TRANSFER_PA, "TO_OWN_BANK": BAL_TO_OWN_BANK,
         "INVEST": BAL_INVEST}
FACTORS = {"PWD": "STATIC_PASSWORD", "SQ": "SECURITY_QUESTION", "SMS": "OTP_SMS",
           "HWT": "OTP_HW_TOKEN", "CERT": "DIGITAL_CERTIFICATE", "ESIG": "ELECTRONIC_SIGNATURE",
           "FP": "FINGERPRINT"}


def fen(yuan: str | None) -> int | None:
    return None if yuan is None else int(Decimal(yuan.replace(",", "")) * 100)


def factors(spec: str, **special: dict[str, object]) -> tuple[Factor, ...]:
    if spec == "none":
        return ()
    return tuple(Factor(FACTORS[name], **special.get(name, {}))  # type: ignore[arg-type]
                 for name in spec.split("+"))


def inst(spec: str) -> Institution:
    rating, ratio = spec.split("/")
    return Institution(rating=rating, real_name_ratio_bp=int(Decimal(ratio.rstrip("%")) * 100))


# (id, class, factors, special, inst, usage (D_T1, D_T2, D_T3, Y, L), kind, amount,
#  contract T1, decision, reason, binding, headroom, remain, max from balance, tier)
L_VECTORS = [
    ("L01", "II", "PWD+SMS", {}, "C/99%", (0, 0, 0, 0, 0), "CONSUME", "3,000.00", None,
     "ALLOW", None, "DAILY_T2", "5,000.00", "2,000.00", "5,000.00", "T2"),
    ("L02", "II", "PWD+SMS", {}, "B/89%", (0, 4000, 0, 20000, 0), "CONSUME", "1,000.00", None,
     "ALLOW", None, "DAILY_T2", "1,000.00", "0.00", "1,000.00", "T2"),
    ("L03", "II", "PWD+SMS", {}, "B/89%", (0, 4000, 0, 20000, 0), "CONSUME", "1,000.01", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T2", "1,000.00", "1,000.00", "1,000.00", "T2"),
    ("L04", "II", "PWD+SMS", {}, "A/96%", (0, 6000, 0, 30000, 0), "TRANSFER_PA", "3,000.00",
     None, "ALLOW", None, "DAILY_T2", "4,000.00", "1,000.00", "4,000.00", "T2"),
    ("L05", "II", "PWD+FP", {}, "A/93%", (0, 6000, 0, 0, 0), "CONSUME", "1,600.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T2", "1,500.00", "1,500.00", "1,500.00", "T2"),
    ("L06", "III", "PWD+SMS", {}, "B/91%", (0, 5000, 0, 50000, 0), "CONSUME", "2,500.00", None,
     "ALLOW", None, "DAILY_T2", "2,500.00", "0.00", "2,500.00", "T2"),
    ("L07", "III", "PWD+SMS", {}, "A/95.00%", (0, 7000, 0, 0, 0), "CONSUME", "600.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T2", "500.00", "500.00", "500.00", "T2"),
    ("L08", "III", "PWD+SMS", {}, "B/90.00%", (0, 4900, 0, 0, 0), "CONSUME", "200.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T2", "100.00", "100.00", "100.00", "T2"),
    ("L09", "II", "PWD", {}, "C/99%", (0, 0, 800, 5000, 0), "CONSUME", "200.00", None,
     "ALLOW", None, "DAILY_T3", "200.00", "0.00", "200.00", "T3"),
    ("L10", "II", "none", {}, "A/96%", (0, 0, 1500, 0, 0), "CONSUME", "600.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T3", "500.00", "500.00", "500.00", "T3"),
    ("L11", "II", "CERT", {}, "C/99%", (0, 0, 0, 0, 0), "CONSUME", "1,200.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T3", "1,000.00", "1,000.00", "1,000.00", "T3"),
    ("L12", "II", "PWD+SQ", {}, "C/99%", (0, 0, 0, 0, 0), "CONSUME", "900.00", None,
     "ALLOW", None, "DAILY_T3", "1,000.00", "100.00", "1,000.00", "T3"),
    ("L13", "II", "SMS+HWT", {}, "C/99%", (0, 0, 0, 0, 0), "CONSUME", "1,500.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T3", "1,000.00", "1,000.00", "1,000.00", "T3"),
    ("L14", "II", "PWD+SMS", {"SMS": {"same_device": True}}, "C/99%", (0, 0, 0, 0, 0),
     "CONSUME", "2,000.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T3", "1,000.00", "1,000.00", "1,000.00", "T3"),
    ("L15", "II", "PWD+SMS", {"SMS": {"age_s": 600}}, "C/99%", (0, 0, 0, 0, 0), "CONSUME",
     "100.00", None, "DENY", "VERIFICATION_FAILED", "NONE", None, None, "0.00", None),
    ("L16", "II", "FP+PWD", {"PWD": {"released_by": "FINGERPRINT"}}, "C/99%",
     (0, 0, 0, 0, 0), "CONSUME", "1,500.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T3", "1,000.00", "1,000.00", "1,000.00", "T3"),
    ("L17", "III", "PWD+CERT", {}, "C/99%", (10000, 0, 0, 180000, 0), "CONSUME", "15,000.00",
     "50,000.00", "ALLOW", None, "CLASS_III_ANNUAL", "20,000.00", "5,000.00", "20,000.00",
     "T1"),
    ("L18", "III", "FP+ESIG", {}, "C/99%", (0, 0, 0, 0, 0), "CONSUME", "150,000.00", None,
     "ALLOW", None, "CLASS_III_ANNUAL", "200,000.00", "50,000.00", "200,000.00", "T1"),
    ("L19", "III", "PWD+CERT", {}, "A/96%", (15000, 0, 0, 10000, 0), "CONSUME", "6,000.00",
     "20,000.00", "DENY", "LIMIT_EXCEEDED", "DAILY_T1", "5,000.00", "5,000.00", "5,000.00",
     "T1"),
    ("L20", "II", "PWD+SMS", {}, "C/99%", (0, 0, 0, 99000, 0), "CONSUME", "1,500.00", None,
     "DENY", "LIMIT_EXCEEDED", "CLASS_II_ANNUAL", "1,000.00", "1,000.00", "1,000.00", "T2"),
    ("L21", "II", "PWD+SMS", {}, "C/99%", (0, 0, 0, 99000, 0), "CONSUME", "1,000.00", None,
     "ALLOW", None, "CLASS_II_ANNUAL", "1,000.00", "0.00", "1,000.00", "T2"),
    ("L22", "II", "PWD+SMS", {}, "C/99%", (0, 5000, 0, 100000, 0), "TO_OWN_BANK",
     "50,000.00", None, "ALLOW", None, "NONE", None, None, None, "T2"),
    ("L23", "I", "PWD+SMS", {}, "A/96%", (0, 0, 0, 0, 900), "CONSUME", "150.00", None,
     "DENY", "LIMIT_EXCEEDED", "CLASS_I_LIFETIME", "100.00", "100.00", "100.00", "T2"),
    ("L24", "I", "PWD+SMS", {}, "C/99%", (0, 0, 0, 0, 900), "CONSUME", "100.00", None,
     "ALLOW", None, "CLASS_I_LIFETIME", "100.00", "0.00", "100.00", "T2"),
    ("L25", "I", "PWD+SMS", {}, "C/99%", (0, 0, 0, 0, 950), "TO_OWN_BANK", "100.00", None,
     "DENY", "LIMIT_EXCEEDED", "CLASS_I_LIFETIME", "50.00", "50.00", "50.00", "T2"),
    ("L26", "I", "PWD", {}, "A/96%", (0, 0, 900, 0, 200), "CONSUME", "150.00", None,
     "DENY", "LIMIT_EXCEEDED", "DAILY_T3", "100.00", "100.00", "100.00", "T3"),
    ("L27", "II", "PWD+SMS", {}, "C/99%", (0, 0, 0, 0, 0), "INVEST", "100.00", None,
     "DENY", "FUNCTION_NOT_PERMITTED", "NONE", None, None, "0.00", None),
]


@pytest.mark.parametrize("vector", L_VECTORS, ids=[v[0] for v in L_VECTORS])
def test_limit_vector(vector: tuple) -> None:  # type: ignore[type-arg]
    (_, klass, factor_spec, special, inst_spec, used, kind, amount, contract, decision, reason,
     binding, headroom, remain, max_bal, expected_tier) = vector
    d_t1, d_t2, d_t3, year, lifetime = (fen(str(u)) for u in used)
    result = evaluate(
        inst(inst_spec), Customer(account_class=klass, contract_daily_t1_fen=fen(contract)),
        Payment(KINDS[kind], fen(amount), DAY, factors(factor_spec, **special)),  # type: ignore[arg-type]
        Usage(d_t1, d_t2, d_t3, year, lifetime))  # type: ignore[arg-type]
    assert (result.decision, result.reason, result.binding) == (decision, reason, binding)
    assert result.headroom_before_fen == fen(headroom)
    assert result.remaining_after_fen == fen(remain)
    assert result.max_from_balance_fen == fen(max_bal)
    assert result.tier == expected_tier


def test_multipliers_are_exact_and_named() -> None:
    """L04-L08: x2 and x1.5 only strictly above 95 % / 90 %; no multiplier for Class I."""
    pay = Payment(BAL_CONSUME, 100, DAY, factors("PWD+SMS"))
    for spec, klass, expected in (("A/96%", "II", Fraction(2)), ("A/93%", "II", Fraction(3, 2)),
                                  ("A/95.00%", "III", Fraction(3, 2)),
                                  ("B/90.00%", "III", Fraction(1)),
                                  ("A/96%", "I", Fraction(1))):
        assert evaluate(inst(spec), Customer(account_class=klass), pay,
                        Usage()).multiplier == expected


def test_an_expired_rating_gives_no_multiplier() -> None:
    """Art. 39: once the rating is no longer valid the base limits apply again."""
    lapsed = Institution(rating="A", real_name_ratio_bp=9900,
                         rating_valid_to=DAY - dt.timedelta(days=1))
    result = evaluate(lapsed, Customer(), Payment(BAL_CONSUME, 100, DAY, factors("PWD+SMS")),
                      Usage())
    assert result.multiplier == 1 and result.headroom_before_fen == 500_000


def test_combined_aggregation_counts_t2_and_t3_together() -> None:
    """A-3's conservative switch: the T2 cap then limits today's T2 + T3 together."""
    pay = Payment(BAL_CONSUME, 100, DAY, factors("PWD+SMS"))
    used = Usage(day_t2=3_000_00, day_t3=1_500_00)
    assert evaluate(inst("C/99%"), Customer(), pay, used).headroom_before_fen == 2_000_00
    combined = Params(daily_aggregation="combined_nonT1")
    assert evaluate(inst("C/99%"), Customer(), pay, used, combined).headroom_before_fen == 500_00


@pytest.mark.parametrize(("vector", "amount", "payee", "expected"), [
    ("B01", "200.00", "GENERAL", "ALLOW"),
    ("B02", "200.01", "GENERAL", "REQUIRE_BANK_VERIFICATION"),
    ("B03", "3,000.00", "CREDIT_CARD_REPAYMENT", "ALLOW"),
])
def test_bank_funded_vector(vector: str, amount: str, payee: str, expected: str) -> None:
    result = evaluate(inst("C/99%"), Customer(),
                      Payment(BANK_FUNDED, fen(amount), DAY, payee_category=payee),  # type: ignore[arg-type]
                      Usage(day_t2=10**9, year=10**9))
    assert result.decision == expected
    assert result.binding == "NONE"


def test_art37_lets_an_a_rated_institution_verify_for_the_bank() -> None:
    agreed = Institution(rating="A", real_name_ratio_bp=9600, art37_bank_agreement=True)
    pay = Payment(BANK_FUNDED, 5_000_00, DAY)
    assert evaluate(agreed, Customer(), pay, Usage()).decision == "ALLOW"
    assert evaluate(Institution(rating="B", real_name_ratio_bp=9600,
                                art37_bank_agreement=True),
                    Customer(), pay, Usage()).decision == "REQUIRE_BANK_VERIFICATION"


def test_unit_customers_need_a_purpose_only_for_large_transfers() -> None:
    unit = Customer(type="UNIT")
    large = Payment(BAL_TRANSFER_PA, 50_000_01, DAY, factors("PWD"))
    assert evaluate(inst("C/99%"), unit, large, Usage()).reason == "PURPOSE_REQUIRED"
    with_purpose = Payment(BAL_TRANSFER_PA, 50_000_01, DAY, factors("PWD"), purpose="货款")
    assert evaluate(inst("C/99%"), unit, with_purpose, Usage()).decision == "ALLOW"
    at_threshold = Payment(BAL_TRANSFER_PA, 50_000_00, DAY, factors("PWD"))
    assert evaluate(inst("C/99%"), unit, at_threshold, Usage()).decision == "ALLOW"


def test_tier_examples_of_spec_4_4() -> None:
    for spec, expected in (("PWD+SMS", "T2"), ("PWD+FP", "T2"), ("PWD+CERT", "T1"),
                           ("CERT", "T3"), ("SMS+HWT", "T3"), ("none", "T3")):
        assert tier(factors(spec)) == expected, spec


def test_a_failed_factor_denies_whatever_else_was_presented() -> None:
    """VF-1: a wrong password next to a valid certificate is a failed verification."""
    presented = (Factor("STATIC_PASSWORD", verified=False), Factor("DIGITAL_CERTIFICATE"))
    result = evaluate(inst("A/99%"), Customer(account_class="III"),
                      Payment(BAL_CONSUME, 100, DAY, presented), Usage())
    assert (result.decision, result.reason) == ("DENY", "VERIFICATION_FAILED")


def test_bad_inputs_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown factor type 'PIN'"):
        Factor("PIN")
    with pytest.raises(ValueError, match="unknown kind"):
        Payment("SHOPPING", 100, DAY)
    with pytest.raises(ValueError, match="positive whole number of fen"):
        Payment(BAL_CONSUME, 0, DAY)
