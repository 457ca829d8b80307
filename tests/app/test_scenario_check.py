"""The scenario rules' answer for one proposed card-present payment (spec 12.4), judged as
flagging judges afterwards: the version in force, windows, allowed types, the per-payment
cap, the day's counted total plus this amount against the daily cap, a revoked token; and
the stricter of it and the statutory answer. Real SQLite, the real write path."""

from __future__ import annotations

import datetime as dt

from app.limits import Decision
from app.oplog import OperationLog
from app.scenario_check import SCENARIO_POLICY, ScenarioBreach, check_payment, stricter
from app.scenario_controls import save_policy, set_enabled
from app.scenario_policy import (
    OUTSIDE_WINDOW,
    OVER_DAILY,
    OVER_PER_TXN,
    TOKEN_REVOKED,
    ScenarioPolicy,
    ScenarioRules,
    parse_window,
)
from app.scenario_tokens import bind_token, revoke_token
from app.shanghai_time import SHANGHAI, from_datetime, now_ms
from app.transactions import Transaction, TransactionWriter

DAY = dt.date(2024, 6, 14)
EARLY = from_datetime(dt.datetime(2024, 5, 1, tzinfo=SHANGHAI))


def _at(clock: str) -> int:
    hour, minute = (int(p) for p in clock.split(":"))
    return from_datetime(dt.datetime.combine(DAY, dt.time(hour, minute), SHANGHAI))


def _delivery(log: OperationLog) -> int:
    """The delivery reader: 07:00–22:00, at most ¥500 a sale and ¥1,000 a day."""
    policy = save_policy(log.db, log, ScenarioPolicy(
        "delivery", "TERMINAL", "T3", ScenarioRules(windows=(parse_window("07:00-22:00"),),
                                                    per_txn_max_fen=50_000,
                                                    daily_max_fen=100_000)), EARLY)
    return policy.id or 0


def test_windows_caps_and_the_days_total(memory_log: OperationLog) -> None:
    _delivery(memory_log)
    TransactionWriter(memory_log.db, memory_log).write([
        Transaction("m1", "SALE", "CARD", 40_000, _at("09:00"), terminal_id="T3"),
        Transaction("m2", "SALE", "CARD", 30_000, _at("10:00"), terminal_id="T3"),
        Transaction("failed", "SALE", "CARD", 90_000, _at("10:30"), terminal_id="T3",
                    status="FAILED"),
        Transaction("other", "SALE", "CARD", 90_000, _at("10:30"), terminal_id="T1"),
        Transaction("later", "SALE", "CARD", 90_000, _at("20:00"), terminal_id="T3"),
    ], source_kind="IMPORT", source_ref="t.csv")
    db = memory_log.db
    assert check_payment(db, _at("11:00"), "T3", "CARD", 30_000) == []      # 700 + 300
    assert check_payment(db, _at("11:00"), "T3", "CARD", 30_001) == [
        ScenarioBreach("delivery", OVER_DAILY)]
    assert check_payment(db, _at("23:30"), "T3", "CARD", 60_000) == [
        ScenarioBreach("delivery", OUTSIDE_WINDOW), ScenarioBreach("delivery", OVER_PER_TXN),
        ScenarioBreach("delivery", OVER_DAILY)]
    assert check_payment(db, _at("11:00"), "T1", "CARD", 60_000) == []       # not its scope
    assert check_payment(db, _at("06:59"), "T3", "CARD", 100) == [
        ScenarioBreach("delivery", OUTSIDE_WINDOW)]
    assert check_payment(db, from_datetime(dt.datetime(2024, 4, 1, 3, tzinfo=SHANGHAI)),
                         "T3", "CARD", 100) == []                    # before it was in force


def test_a_switched_off_policy_and_a_revoked_token(memory_log: OperationLog) -> None:
    policy_id = _delivery(memory_log)
    bind_token(memory_log.db, memory_log, policy_id, "UPTK-T3-0001")
    assert all(b.rule != TOKEN_REVOKED
               for b in check_payment(memory_log.db, now_ms(), "T3", "CARD", 100))
    revoked = revoke_token(memory_log.db, memory_log, policy_id)
    after = (revoked.revoked_at_ms or 0) + 1
    assert ScenarioBreach("delivery", TOKEN_REVOKED) in check_payment(
        memory_log.db, after, "T3", "CARD", 100)
    assert TOKEN_REVOKED not in [b.rule for b in check_payment(
        memory_log.db, (revoked.revoked_at_ms or 0) - 1, "T3", "CARD", 100)]
    set_enabled(memory_log.db, memory_log, policy_id, False)
    assert check_payment(memory_log.db, now_ms() + 1, "T3", "CARD", 10_000_000) == []


def test_the_stricter_answer_wins() -> None:
    allowed = Decision("ALLOW", notes=("not governed by Art. 11/24",))
    breach = [ScenarioBreach("delivery", OUTSIDE_WINDOW)]
    refused = stricter(allowed, breach)
    assert (refused.decision, refused.reason, refused.binding) == (
        "DENY", SCENARIO_POLICY, SCENARIO_POLICY)
    assert stricter(allowed, []) is allowed
    denied = Decision("DENY", reason="LIMIT_EXCEEDED", binding="DAILY_T3")
    assert stricter(denied, breach) is denied
