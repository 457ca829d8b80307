"""Limit usage from the merchant's own ledger: the spec 13.2 vectors reproduced as real
payments in a real profile database, the stored account profile, and the panel's gauges."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from fractions import Fraction

import pytest

from app.account_ledger import (
    AccountPayment,
    LedgerError,
    daily_usage,
    record_payments,
    usage_on,
)
from app.errors import SensitiveDataError
from app.limit_profile import (
    LIMIT_PROFILE_CHANGED,
    AccountProfile,
    ProfileValueError,
    load_profile,
    save_profile,
)
from app.limit_status import report, tier_hint, what_if
from app.limits import BAL_CONSUME, BAL_TO_OWN_BANK, Params, Usage
from app.profile import Profile
from app.shanghai_time import SHANGHAI, from_datetime
from tests.app.test_limit_vectors import DAY, KINDS, L_VECTORS, factors, fen

NOON = dt.datetime.combine(DAY, dt.time(12), SHANGHAI)


def at(day: dt.date, hour: int = 10) -> int:
    return from_datetime(dt.datetime.combine(day, dt.time(hour), SHANGHAI))


def pay(ref: str, day: dt.date, fen_: int, tier: str = "T2", kind: str = BAL_CONSUME,
        status: str = "SUCCEEDED") -> AccountPayment:
    return AccountPayment(ref, at(day), kind, fen_, status, tier if kind != BAL_TO_OWN_BANK
                          else "")


def ledger_for(used: tuple[int, int, int, int, int], klass: str) -> list[AccountPayment]:
    """Payments whose counted usage on DAY is the vector's (day per tier, year, lifetime).
    Real data cannot spend more today than this year, so earlier spend tops the year (or,
    for Class I, the lifetime) up to the vector's figure."""
    d_t1, d_t2, d_t3, year, lifetime = (fen(str(u)) or 0 for u in used)
    rows = [pay(f"D{t}", DAY, v, t) for t, v in (("T1", d_t1), ("T2", d_t2), ("T3", d_t3)) if v]
    today = d_t1 + d_t2 + d_t3
    if klass == "I" and lifetime > today:
        rows.append(pay("EARLIER", DAY.replace(year=DAY.year - 1), lifetime - today, "T3"))
    if klass != "I" and year > today:
        rows.append(pay("EARLIER", DAY.replace(month=1, day=2), year - today, "T3"))
    return rows


def store_institution(profile: Profile, klass: str, inst_spec: str,
                      contract: str | None) -> None:
    rating, ratio = inst_spec.split("/")
    save_profile(profile.db, profile.oplog, AccountProfile(
        institution_name="测试支付", rating=rating,
        real_name_ratio_bp=int(fen(ratio.rstrip("%")) or 0), account_class=klass,
        contract_daily_t1_fen=fen(contract)))


# L26 cannot be real data: 900.00 spent today at T3 but 200.00 since the account opened.
CONSISTENT = [v for v in L_VECTORS if v[0] != "L26"]


@pytest.mark.parametrize("vector", CONSISTENT, ids=[v[0] for v in CONSISTENT])
def test_vector_on_the_merchants_own_data(profile: Profile, vector: tuple) -> None:  # type: ignore[type-arg]
    (_, klass, factor_spec, special, inst_spec, used, kind, amount, contract, decision, reason,
     binding, headroom, remain, max_bal, expected_tier) = vector
    store_institution(profile, klass, inst_spec, contract)
    record_payments(profile.db, profile.oplog, ledger_for(used, klass), source="test")
    result = what_if(profile.db, fen(amount), KINDS[kind],  # type: ignore[arg-type]
                     factors(factor_spec, **special), NOON)
    assert (result.decision, result.reason, result.binding) == (decision, reason, binding)
    assert result.headroom_before_fen == fen(headroom)
    assert result.remaining_after_fen == fen(remain)
    assert result.max_from_balance_fen == fen(max_bal)
    assert result.tier == expected_tier


def test_usage_counts_kinds_statuses_days_and_years_as_the_spec_says(
        profile: Profile) -> None:
    """C-9 and A-5: failed and cancelled never count, pending does; own-bank withdrawals
    count only towards Class I; yesterday and last year stay out of today and this year."""
    record_payments(profile.db, profile.oplog, [
        pay("a", DAY, 100_00, "T2"), pay("b", DAY, 20_00, "T3"), pay("c", DAY, 7_00, "T1"),
        pay("p", DAY, 3_00, "T2", status="PENDING"),
        pay("f", DAY, 900_00, "T2", status="FAILED"),
        pay("x", DAY, 800_00, "T2", status="CANCELLED"),
        pay("w", DAY, 50_00, kind=BAL_TO_OWN_BANK),
        pay("y", DAY - dt.timedelta(days=1), 40_00, "T2"),
        pay("old", DAY.replace(year=DAY.year - 1), 1_000_00, "T3"),
        pay("top", DAY, 5_000_00, kind="TOP_UP"),
    ], source="test")
    assert usage_on(profile.db, DAY) == Usage(day_t1=7_00, day_t2=103_00, day_t3=20_00,
                                              year=170_00, lifetime=1_220_00)
    no_pending = Params(pending_counts=False)
    assert usage_on(profile.db, DAY, no_pending).day_t2 == 100_00
    rolling = Params(annual_window="rolling_365d")
    assert usage_on(profile.db, DAY, rolling).year == 170_00
    last_day_with_old = DAY.replace(year=DAY.year - 1) + dt.timedelta(days=364)
    assert usage_on(profile.db, last_day_with_old, rolling).year == 1_000_00
    assert usage_on(profile.db, last_day_with_old + dt.timedelta(days=1), rolling).year == 40_00


def test_a_status_moving_on_moves_the_usage(profile: Profile) -> None:
    record_payments(profile.db, profile.oplog, [pay("p", DAY, 300_00, status="PENDING")],
                    source="s1")
    assert usage_on(profile.db, DAY).day_t2 == 300_00
    result = record_payments(profile.db, profile.oplog,
                             [pay("p", DAY, 300_00, status="FAILED"), pay("q", DAY, 1_00)],
                             source="s2")
    assert (result.added, result.updated, result.unchanged) == (1, 1, 0)
    assert usage_on(profile.db, DAY).day_t2 == 1_00
    again = record_payments(profile.db, profile.oplog, [pay("q", DAY, 1_00)], source="s3")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_a_changed_amount_is_refused_and_nothing_of_the_batch_is_written(
        profile: Profile) -> None:
    record_payments(profile.db, profile.oplog, [pay("p", DAY, 300_00)], source="s1")
    with pytest.raises(LedgerError, match=r"payment 2 \(p\).*amount_fen") as caught:
        record_payments(profile.db, profile.oplog, [pay("new", DAY, 1_00),
                                                    pay("p", DAY, 301_00)], source="s2")
    assert caught.value.facts["index"] == 1
    assert profile.db.execute("SELECT count(*) FROM account_payment").fetchone()[0] == 1
    assert usage_on(profile.db, DAY).day_t2 == 300_00


@pytest.mark.parametrize(("payment", "field"), [
    (AccountPayment("r", 0, "BAL_CONSUME", 100, tier=""), "tier"),
    (AccountPayment("r", 0, "SPEND", 100, tier="T2"), "kind"),
    (AccountPayment("r", 0, "BAL_CONSUME", 0, tier="T2"), "amount"),
    (AccountPayment("r", 0, "BAL_CONSUME", 100, "DONE", "T2"), "status"),
    (AccountPayment(" ", 0, "BAL_CONSUME", 100, tier="T2"), "ref"),
])
def test_bad_payments_name_the_field(profile: Profile, payment: AccountPayment,
                                     field: str) -> None:
    with pytest.raises(LedgerError) as caught:
        record_payments(profile.db, profile.oplog, [payment], source="t")
    assert caught.value.facts["field"] == field


def test_card_numbers_never_reach_the_ledger(profile: Profile) -> None:
    bad = AccountPayment("r", at(DAY), BAL_CONSUME, 100, tier="T2", memo="卡号 6222021234567890128")
    with pytest.raises(SensitiveDataError):
        record_payments(profile.db, profile.oplog, [bad], source="t")
    assert profile.db.execute("SELECT count(*) FROM account_payment").fetchone()[0] == 0


def test_sqlite_itself_keeps_recorded_payments(profile: Profile) -> None:
    record_payments(profile.db, profile.oplog, [pay("p", DAY, 300_00)], source="s1")
    for sql in ("UPDATE account_payment SET amount_fen = 1", "DELETE FROM account_payment"):
        with pytest.raises(sqlite3.DatabaseError):
            profile.db.execute(sql)


def test_daily_usage_for_the_chart(profile: Profile) -> None:
    record_payments(profile.db, profile.oplog, [
        pay("a", DAY, 100_00, "T2"), pay("b", DAY, 20_00, "T3"),
        pay("c", DAY - dt.timedelta(days=3), 5_00, "T2"),
        pay("f", DAY, 900_00, "T2", status="FAILED")], source="t")
    series = daily_usage(profile.db, DAY - dt.timedelta(days=29), DAY)
    assert series == {DAY: {"T2": 100_00, "T3": 20_00},
                      DAY - dt.timedelta(days=3): {"T2": 5_00}}


def test_profile_round_trip_and_every_change_is_logged(profile: Profile) -> None:
    assert load_profile(profile.db) is None
    first = AccountProfile(institution_name="某支付", rating="A",
                           rating_valid_from=dt.date(2026, 1, 1),
                           rating_valid_to=dt.date(2026, 12, 31), real_name_ratio_bp=9650,
                           account_class="III", contract_daily_t1_fen=2_000_000)
    save_profile(profile.db, profile.oplog, first)
    assert load_profile(profile.db) == first
    changes = save_profile(profile.db, profile.oplog,
                           AccountProfile(**{**first.__dict__, "account_class": "II"}))
    assert changes == {"account_class": ("III", "II")}
    assert save_profile(profile.db, profile.oplog,
                        AccountProfile(**{**first.__dict__, "account_class": "II"})) == {}
    logged = profile.db.execute("SELECT details_json FROM oplog WHERE op_type = ? ORDER BY id",
                                [LIMIT_PROFILE_CHANGED]).fetchall()
    assert len(logged) == 2
    assert json.loads(logged[1][0]) == {"account_class": ["III", "II"]}


@pytest.mark.parametrize(("bad", "field"), [
    (AccountProfile(rating="F"), "rating"),
    (AccountProfile(real_name_ratio_bp=10_001), "real_name_ratio"),
    (AccountProfile(account_class="IV"), "account_class"),
    (AccountProfile(rating_valid_from=dt.date(2026, 2, 1),
                    rating_valid_to=dt.date(2026, 1, 1)), "rating_valid_to"),
])
def test_profile_values_are_checked(profile: Profile, bad: AccountProfile, field: str) -> None:
    with pytest.raises(ProfileValueError) as caught:
        save_profile(profile.db, profile.oplog, bad)
    assert caught.value.facts["field"] == field
    assert load_profile(profile.db) is None


def test_the_panel_shows_every_constraint_with_multiplier_reset_and_level(
        profile: Profile) -> None:
    store_institution(profile, "II", "A/96%", None)
    record_payments(profile.db, profile.oplog, [pay("a", DAY, 8_500_00, "T2"),
                                                pay("b", DAY, 500_00, "T3")], source="t")
    shown = {g.name: g for g in report(profile.db, NOON).gauges}
    assert list(shown) == ["CLASS_II_ANNUAL", "DAILY_T1", "DAILY_T2", "DAILY_T3"]
    t2 = shown["DAILY_T2"]
    assert (t2.limit_fen, t2.used_fen, t2.remaining_fen, t2.multiplier, t2.level) == (
        10_000_00, 8_500_00, 1_500_00, Fraction(2), "warn")
    assert "Art. 36" in t2.multiplier_reason
    assert t2.resets_at == dt.datetime(2024, 6, 16, tzinfo=SHANGHAI)
    assert shown["DAILY_T3"].level == "ok" and shown["DAILY_T3"].limit_fen == 2_000_00
    assert shown["DAILY_T1"].limit_fen is None and shown["DAILY_T1"].level == "unknown"
    annual = shown["CLASS_II_ANNUAL"]
    assert (annual.used_fen, annual.multiplier, annual.resets_at) == (
        9_000_00, 1, dt.datetime(2025, 1, 1, tzinfo=SHANGHAI))
    assert all(g.estimate for g in shown.values())


def test_the_panel_for_class_i_and_unit_customers(profile: Profile) -> None:
    save_profile(profile.db, profile.oplog, AccountProfile(account_class="I"))
    record_payments(profile.db, profile.oplog, [pay("a", DAY, 1_000_00, "T3")], source="t")
    lifetime = report(profile.db, NOON).gauges[0]
    assert (lifetime.name, lifetime.resets_at, lifetime.level) == ("CLASS_I_LIFETIME", None,
                                                                   "full")
    save_profile(profile.db, profile.oplog, AccountProfile(customer_type="UNIT"))
    unit = report(profile.db, NOON)
    assert unit.gauges == () and "not subject" in (unit.note or "")


def test_tier_hints_name_the_next_step() -> None:
    assert "certificate" in (tier_hint(("STATIC_PASSWORD", "OTP_APP")) or "")
    assert "T2" in (tier_hint(("STATIC_PASSWORD",)) or "")
    assert "password" in (tier_hint(("DIGITAL_CERTIFICATE",)) or "")
    assert tier_hint(("STATIC_PASSWORD", "DIGITAL_CERTIFICATE")) is None
