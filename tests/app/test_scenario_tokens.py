"""Payment tokens per scenario (spec 12.4 Tokenisation): a token reference is bound to one
scenario, never a card number; revoking it blocks that scenario only, from the moment of
revocation; a new token ends the block; every step is logged with the token masked. Real
SQLite, the real write path."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from app.errors import SensitiveDataError
from app.oplog import SENSITIVE_DATA_BLOCKED, OperationLog, verify_chain
from app.scenario_controls import remove_policy, save_policy, set_enabled
from app.scenario_flags import flags_of
from app.scenario_policy import (
    OVER_PER_TXN,
    TOKEN_REVOKED,
    ScenarioPolicy,
    ScenarioRules,
    ScenarioValueError,
)
from app.scenario_store import TokenTimeline, timelines
from app.scenario_tokens import (
    SCENARIO_POLICY_CHANGED,
    bind_token,
    checked_token,
    latest_tokens,
    live_token,
    revoke_token,
    tokens_of,
)
from app.shanghai_time import now_ms
from app.transactions import Transaction, TransactionWriter

PAN = "6222021234567890128"          # Luhn-valid: looks like a card number


def _txn(trace: str, ts: int, terminal: str = "T1", amount: int = 10_000) -> Transaction:
    return Transaction(trace_id=trace, txn_type="SALE", channel="CARD", amount_fen=amount,
                       ts_utc_ms=ts, terminal_id=terminal)


def _write(log: OperationLog, records: list[Transaction]) -> None:
    TransactionWriter(log.db, log).write(records, source_kind="IMPORT", source_ref="t.csv")


def _flags(log: OperationLog) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for trace, rule in log.db.execute(
            "SELECT t.trace_id, f.rule FROM scenario_flag f JOIN txn t ON t.id = f.txn_id"):
        found.setdefault(trace, set()).add(rule)
    return found


def _two_scenarios(log: OperationLog) -> tuple[int, int]:
    """Counter (terminal T1) and delivery (terminal T2), both in force for a day back."""
    since = now_ms() - 86_400_000
    counter = save_policy(log.db, log, ScenarioPolicy("counter", "TERMINAL", "T1"), since)
    delivery = save_policy(log.db, log, ScenarioPolicy("delivery", "TERMINAL", "T2",
                                                       ScenarioRules(per_txn_max_fen=50_000)),
                           since)
    return counter.id or 0, delivery.id or 0


def _entries(log: OperationLog, op_type: str) -> list[dict[str, object]]:
    return [json.loads(row[0]) for row in log.db.execute(
        "SELECT details_json FROM oplog WHERE op_type = ? ORDER BY id", [op_type])]


def test_revoking_blocks_that_scenario_only_from_the_moment_of_revocation(
        memory_log: OperationLog) -> None:
    counter, delivery = _two_scenarios(memory_log)
    bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    bind_token(memory_log.db, memory_log, delivery, "tok_delivery_0002", "ISSUER")
    before = now_ms() - 60_000
    _write(memory_log, [_txn("before", before)])

    revoked = revoke_token(memory_log.db, memory_log, counter, "reader stolen")
    assert revoked.revoked_at_ms is not None and not revoked.live
    after = revoked.revoked_at_ms + 1_000
    _write(memory_log, [_txn("counter-after", after),
                        _txn("delivery-after", after, terminal="T2"),
                        _txn("delivery-big", after, terminal="T2", amount=60_000)])

    assert _flags(memory_log) == {"counter-after": {TOKEN_REVOKED},
                                  "delivery-big": {OVER_PER_TXN}}
    txn_id = memory_log.db.execute(
        "SELECT id FROM txn WHERE trace_id = 'counter-after'").fetchone()[0]
    assert flags_of(memory_log.db, txn_id) == [("counter", TOKEN_REVOKED)]
    assert live_token(memory_log.db, counter) is None
    assert live_token(memory_log.db, delivery) is not None


def test_a_new_token_ends_the_block_and_the_past_stays_flagged(
        memory_log: OperationLog) -> None:
    counter, _ = _two_scenarios(memory_log)
    bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    revoked = revoke_token(memory_log.db, memory_log, counter)
    assert revoked.revoked_at_ms is not None
    blocked = revoked.revoked_at_ms + 1
    _write(memory_log, [_txn("blocked", blocked)])
    time.sleep(0.02)                      # the new token is bound after that transaction
    fresh = bind_token(memory_log.db, memory_log, counter, "tok_counter_0003")
    _write(memory_log, [_txn("again", fresh.bound_at_ms + 1_000)])

    assert _flags(memory_log) == {"blocked": {TOKEN_REVOKED}}
    history = tokens_of(memory_log.db, counter)
    assert [t.token_ref for t in history] == ["tok_counter_0003", "tok_counter_0001"]
    assert latest_tokens(memory_log.db)[counter].live


def test_the_timeline_judges_by_the_token_in_force_at_each_moment() -> None:
    timeline = TokenTimeline(bound=(100, 300), revoked=(200, None))
    assert [timeline.blocked_at(ts) for ts in (50, 100, 199, 200, 299, 300, 900)] == [
        False, False, False, True, True, False, False]
    assert TokenTimeline((100,), (150,)).blocked_at(10_000)


def test_a_switched_off_scenario_is_not_blocked(memory_log: OperationLog) -> None:
    counter, _ = _two_scenarios(memory_log)
    bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    revoked = revoke_token(memory_log.db, memory_log, counter)
    set_enabled(memory_log.db, memory_log, counter, False)
    _write(memory_log, [_txn("off", (revoked.revoked_at_ms or 0) + 60_000)])
    assert _flags(memory_log) == {}


@pytest.mark.parametrize("text", [PAN, "6222 0212 3456 7890 128", "6222-0212-3456-7890-128",
                                  f"tok{PAN}"])
def test_a_card_number_is_refused_and_logged_without_it(memory_log: OperationLog,
                                                        text: str) -> None:
    counter, _ = _two_scenarios(memory_log)
    with pytest.raises(SensitiveDataError) as caught:
        bind_token(memory_log.db, memory_log, counter, text)
    assert caught.value.facts["field"] == "token"
    assert PAN not in caught.value.message
    assert memory_log.db.execute("SELECT count(*) FROM scenario_token").fetchone()[0] == 0
    blocked = _entries(memory_log, SENSITIVE_DATA_BLOCKED)
    assert blocked and blocked[-1]["field"] == "token"
    dump = "\n".join(str(r) for r in memory_log.db.execute("SELECT * FROM oplog"))
    assert "0128" not in dump and "7890" not in dump


@pytest.mark.parametrize(("text", "why"), [("", "empty"), ("abc", "6 to 64"),
                                          ("tok with space", "6 to 64"), ("x" * 65, "6 to 64")])
def test_a_malformed_token_is_refused_naming_the_field(text: str, why: str) -> None:
    with pytest.raises(ScenarioValueError) as caught:
        checked_token(text)
    assert why in caught.value.message and caught.value.facts["field"] == "token"


def test_digits_that_are_not_a_card_number_are_a_token() -> None:
    assert checked_token("  6222021234567890127 ") == "6222021234567890127"   # fails Luhn


def test_one_live_token_per_scenario_and_no_reuse(memory_log: OperationLog) -> None:
    counter, delivery = _two_scenarios(memory_log)
    bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    with pytest.raises(ScenarioValueError, match="revoke it first"):
        bind_token(memory_log.db, memory_log, counter, "tok_counter_0009")
    with pytest.raises(ScenarioValueError, match="never bound again"):
        bind_token(memory_log.db, memory_log, delivery, "tok_counter_0001")
    revoke_token(memory_log.db, memory_log, counter)
    with pytest.raises(ScenarioValueError, match="never bound again"):
        bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    with pytest.raises(ScenarioValueError, match="no token to revoke"):
        revoke_token(memory_log.db, memory_log, counter)
    with pytest.raises(ScenarioValueError, match="Issuer"):
        bind_token(memory_log.db, memory_log, counter, "tok_counter_0005", "BANK")


def test_binding_and_revoking_are_logged_masked(memory_log: OperationLog) -> None:
    counter, _ = _two_scenarios(memory_log)
    bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    revoke_token(memory_log.db, memory_log, counter, "reader stolen")
    entries = [e for e in _entries(memory_log, SCENARIO_POLICY_CHANGED)
               if str(e["action"]).startswith("token")]
    assert entries == [
        {"action": "token_bound", "name": "counter", "token": "…0001", "issuer": "ACQUIRER"},
        {"action": "token_revoked", "name": "counter", "token": "…0001",
         "reason": "reader stolen"}]
    dump = "\n".join(str(r) for r in memory_log.db.execute("SELECT * FROM oplog"))
    assert "tok_counter" not in dump
    assert verify_chain(memory_log.db).ok


def test_a_token_is_only_ever_revoked_once_and_never_deleted(
        memory_log: OperationLog) -> None:
    counter, _ = _two_scenarios(memory_log)
    bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
    revoke_token(memory_log.db, memory_log, counter)
    for sql in ("UPDATE scenario_token SET revoked_at_utc_ms = NULL",
                "UPDATE scenario_token SET revoked_at_utc_ms = 1",
                "DELETE FROM scenario_token"):
        with pytest.raises(sqlite3.IntegrityError):
            memory_log.db.execute(sql)
    assert timelines(memory_log.db)[counter].revoked[0] is not None


def test_a_removed_scenario_takes_no_token(memory_log: OperationLog) -> None:
    counter, _ = _two_scenarios(memory_log)
    remove_policy(memory_log.db, memory_log, counter)
    with pytest.raises(ScenarioValueError, match="does not exist"):
        bind_token(memory_log.db, memory_log, counter, "tok_counter_0001")
