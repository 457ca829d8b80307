"""Scenario controls (spec 12.4): windows that cross midnight, weekdays of the start day,
per-transaction and daily caps, flags kept with the write path, versioned and logged
changes. Everything runs on a real SQLite database through the one transaction write path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

import pytest

from app.oplog import OperationLog, verify_chain
from app.scenario_controls import (
    SCENARIO_POLICY_CHANGED,
    remove_policy,
    save_policy,
    set_enabled,
)
from app.scenario_flags import flag_counts, flagged_among, flagged_transactions, flags_of
from app.scenario_policy import (
    KIND_NOT_ALLOWED,
    OUTSIDE_WINDOW,
    OVER_DAILY,
    OVER_PER_TXN,
    ScenarioPolicy,
    ScenarioRules,
    ScenarioValueError,
    parse_window,
)
from app.scenario_store import current_policies, histories
from app.shanghai_time import SHANGHAI, from_datetime, start_of_day_ms
from app.transactions import Transaction, TransactionWriter
from app.txn_purge import plan_purge, run_purge

DAY = dt.date(2024, 6, 14)           # a Friday
EARLY = start_of_day_ms(DAY - dt.timedelta(days=30))


def _at(day: dt.date, clock: str) -> int:
    hour, minute, second = (int(p) for p in clock.split(":"))
    return from_datetime(dt.datetime.combine(day, dt.time(hour, minute, second), SHANGHAI))


def _local(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(_at(day, clock) / 1000, SHANGHAI)


def _txn(trace: str, ts: int, amount: int = 10_000, **changes: object) -> Transaction:
    values: dict[str, object] = dict(trace_id=trace, txn_type="SALE", channel="QR",
                                     amount_fen=amount, ts_utc_ms=ts, terminal_id="T1")
    values.update(changes)
    return Transaction(**values)  # type: ignore[arg-type]


def _write(log: OperationLog, records: list[Transaction]) -> None:
    TransactionWriter(log.db, log).write(records, source_kind="IMPORT", source_ref="t.csv")


def _flags(log: OperationLog) -> dict[str, set[str]]:
    """trace id → the rules it is flagged for."""
    found: dict[str, set[str]] = {}
    for trace, rule in log.db.execute(
            "SELECT t.trace_id, f.rule FROM scenario_flag f JOIN txn t ON t.id = f.txn_id"):
        found.setdefault(trace, set()).add(rule)
    return found


def _night_only(**rules: object) -> ScenarioPolicy:
    return ScenarioPolicy("night", "TERMINAL", "T1",
                          ScenarioRules(windows=(parse_window("22:00-06:00"),), **rules))


# -- windows -----------------------------------------------------------------------------

def test_p06_a_window_crossing_midnight_is_half_open() -> None:
    window = parse_window("22:00-06:00")
    assert window.contains(_local(DAY, "23:30:00"))
    assert window.contains(_local(DAY, "05:59:59"))
    assert not window.contains(_local(DAY, "06:00:00"))
    assert window.contains(_local(DAY, "22:00:00"))
    assert not window.contains(_local(DAY, "21:59:59"))


def test_weekdays_name_the_day_a_window_starts() -> None:
    friday_night = parse_window("22:00-06:00 fri")
    saturday = DAY + dt.timedelta(days=1)
    assert friday_night.contains(_local(DAY, "23:00:00"))
    assert friday_night.contains(_local(saturday, "01:00:00"))      # started on Friday
    assert not friday_night.contains(_local(DAY, "01:00:00"))       # started on Thursday
    office = parse_window("09:00-18:00 mon-fri")
    assert office.contains(_local(DAY, "09:00:00"))
    assert not office.contains(_local(saturday, "10:00:00"))
    assert office.text() == "09:00-18:00 mon-fri"
    assert parse_window("00:00-24:00").contains(_local(DAY, "23:59:59"))


@pytest.mark.parametrize("text, named", [
    ("9-10", "'9'"), ("25:00-01:00", "'25:00'"), ("10:00-10:00", "the same"),
    ("10:00-11:00 someday", "'someday'"), ("10:00", "HH:MM-HH:MM"), ("24:00-02:00", "24:00"),
])
def test_a_bad_window_is_refused_naming_the_part(text: str, named: str) -> None:
    with pytest.raises(ScenarioValueError) as caught:
        parse_window(text)
    assert named in caught.value.message and caught.value.facts["field"] == "windows"


# -- flags through the write path -------------------------------------------------------

def test_transactions_outside_the_window_are_flagged_when_written(
        memory_log: OperationLog) -> None:
    save_policy(memory_log.db, memory_log, _night_only(), effective_from_ms=EARLY)
    _write(memory_log, [_txn("in-1", _at(DAY, "23:30:00")), _txn("in-2", _at(DAY, "05:59:59")),
                        _txn("out", _at(DAY, "06:00:00")),
                        _txn("other-terminal", _at(DAY, "12:00:00"), terminal_id="T2")])
    assert _flags(memory_log) == {"out": {OUTSIDE_WINDOW}}


def test_caps_and_kinds(memory_log: OperationLog) -> None:
    policy = ScenarioPolicy("qr", "CHANNEL", "QR", ScenarioRules(
        per_txn_max_fen=50_000, daily_max_fen=100_000, allowed_kinds=("SALE",)))
    save_policy(memory_log.db, memory_log, policy, effective_from_ms=EARLY)
    _write(memory_log, [
        _txn("a", _at(DAY, "09:00:00"), 40_000),
        _txn("big", _at(DAY, "09:10:00"), 50_001),                  # over per txn
        _txn("failed", _at(DAY, "09:20:00"), 40_000, status="FAILED"),   # never counted
        _txn("c", _at(DAY, "09:30:00"), 10_000),                    # 100,001 > daily cap
        _txn("d", _at(DAY, "09:40:00"), 100),
        _txn("refund", _at(DAY, "09:50:00"), -5_000, txn_type="REFUND"),
        _txn("card", _at(DAY, "10:00:00"), 90_000, channel="CARD"),
        _txn("next-day", _at(DAY + dt.timedelta(days=1), "09:00:00"), 40_000),
    ])
    assert _flags(memory_log) == {
        "big": {OVER_PER_TXN}, "c": {OVER_DAILY}, "d": {OVER_DAILY},
        "refund": {KIND_NOT_ALLOWED}}
    counts = {(c.rule, c.transactions) for c in flag_counts(memory_log.db, DAY, DAY)}
    assert counts == {(OVER_PER_TXN, 1), (OVER_DAILY, 2), (KIND_NOT_ALLOWED, 1)}
    assert flagged_transactions(memory_log.db, DAY, DAY) == 4


def test_a_transaction_is_judged_by_the_rules_of_its_own_moment(
        memory_log: OperationLog) -> None:
    _write(memory_log, [_txn("before", _at(DAY, "12:00:00"))])
    assert _flags(memory_log) == {}
    # A policy in force from now does not reach back; backdated, it flags the past.
    save_policy(memory_log.db, memory_log, _night_only())
    assert _flags(memory_log) == {}
    policy = current_policies(memory_log.db)[0]
    with pytest.raises(ScenarioValueError) as caught:
        save_policy(memory_log.db, memory_log,
                    dataclasses.replace(policy, rules=ScenarioRules()), effective_from_ms=EARLY)
    assert caught.value.facts["field"] == "effective_from"
    other = ScenarioPolicy("backdated", "TERMINAL", "T1",
                           ScenarioRules(windows=(parse_window("13:00-14:00"),)))
    save_policy(memory_log.db, memory_log, other, effective_from_ms=EARLY)
    assert _flags(memory_log) == {"before": {OUTSIDE_WINDOW}}
    # Transactions arriving later for that old day are judged by the rules then in force.
    _write(memory_log, [_txn("late", _at(DAY, "13:30:00"))])
    assert _flags(memory_log) == {"before": {OUTSIDE_WINDOW}}


def test_a_cap_set_mid_day_counts_the_morning(memory_log: OperationLog) -> None:
    noon = _at(DAY, "12:00:00")
    save_policy(memory_log.db, memory_log,
                ScenarioPolicy("cap", "TERMINAL", "T1", ScenarioRules(daily_max_fen=15_000)),
                effective_from_ms=noon)
    _write(memory_log, [_txn("morning", _at(DAY, "09:00:00")),
                        _txn("afternoon", _at(DAY, "13:00:00"))])
    assert _flags(memory_log) == {"afternoon": {OVER_DAILY}}


def test_switching_off_and_removing_keep_the_past(memory_log: OperationLog) -> None:
    stored = save_policy(memory_log.db, memory_log, _night_only(), effective_from_ms=EARLY)
    _write(memory_log, [_txn("noon", _at(DAY, "12:00:00"))])
    assert _flags(memory_log) == {"noon": {OUTSIDE_WINDOW}}
    off = set_enabled(memory_log.db, memory_log, stored.id or 0, False)
    assert not off.rules.enabled and off.version == 2
    assert _flags(memory_log) == {"noon": {OUTSIDE_WINDOW}}     # it was on back then
    remove_policy(memory_log.db, memory_log, stored.id or 0)
    assert current_policies(memory_log.db) == []
    assert [len(h.versions) for h in histories(memory_log.db)] == [3]
    assert flags_of(memory_log.db, 1) == [("night", OUTSIDE_WINDOW)]
    assert flagged_among(memory_log.db, [1, 2]) == {1}


# -- changes: validation, versions, the log ----------------------------------------------

def test_every_change_is_logged_with_old_and_new_values(memory_log: OperationLog) -> None:
    stored = save_policy(memory_log.db, memory_log, _night_only())
    again = save_policy(memory_log.db, memory_log, dataclasses.replace(stored))
    assert again.version == 1                       # same rules: nothing saved, nothing logged
    changed = dataclasses.replace(stored, name="night shift", rules=ScenarioRules(
        windows=(parse_window("21:00-07:00 mon-fri"),), per_txn_max_fen=30_000))
    save_policy(memory_log.db, memory_log, changed)
    entries = [json.loads(r[0]) for r in memory_log.db.execute(
        "SELECT details_json FROM oplog WHERE op_type = ? ORDER BY id",
        [SCENARIO_POLICY_CHANGED])]
    assert [e["action"] for e in entries] == ["created", "changed"]
    assert entries[1]["changes"] == {"name": ["night", "night shift"],
                                     "windows": [["22:00-06:00"], ["21:00-07:00 mon-fri"]],
                                     "per_txn_max_fen": [None, 30_000]}
    assert entries[1]["version"] == 2 and verify_chain(memory_log.db).ok


@pytest.mark.parametrize("policy, field", [
    (ScenarioPolicy(" ", "TERMINAL", "T1"), "name"),
    (ScenarioPolicy("x", "PLANET", "T1"), "scope"),
    (ScenarioPolicy("x", "CHANNEL", ""), "scope_ref"),
    (ScenarioPolicy("x", "CHANNEL", "QR", ScenarioRules(per_txn_max_fen=0)), "per_txn_max"),
    (ScenarioPolicy("x", "CHANNEL", "QR", ScenarioRules(per_txn_max_fen=5, daily_max_fen=4)),
     "per_txn_max"),
])
def test_bad_policies_are_refused_naming_the_field(memory_log: OperationLog,
                                                   policy: ScenarioPolicy, field: str) -> None:
    with pytest.raises(ScenarioValueError) as caught:
        save_policy(memory_log.db, memory_log, policy)
    assert caught.value.facts["field"] == field
    assert memory_log.db.execute("SELECT count(*) FROM scenario_policy").fetchone()[0] == 0


def test_names_are_unique_and_scopes_fixed(memory_log: OperationLog) -> None:
    stored = save_policy(memory_log.db, memory_log, _night_only())
    with pytest.raises(ScenarioValueError, match="already exists"):
        save_policy(memory_log.db, memory_log, dataclasses.replace(_night_only(),
                                                                   scope_ref="T2"))
    with pytest.raises(ScenarioValueError) as caught:
        save_policy(memory_log.db, memory_log, dataclasses.replace(stored, scope_ref="T2"))
    assert caught.value.facts["field"] == "scope"


def test_saved_versions_cannot_be_rewritten(memory_log: OperationLog) -> None:
    save_policy(memory_log.db, memory_log, _night_only())
    with pytest.raises(sqlite3.IntegrityError, match="kept"):
        memory_log.db.execute("UPDATE scenario_policy_version SET enabled = 0")
    with pytest.raises(sqlite3.IntegrityError, match="kept"):
        memory_log.db.execute("DELETE FROM scenario_policy_version")


def test_a_refused_import_leaves_no_flags(memory_log: OperationLog) -> None:
    save_policy(memory_log.db, memory_log, _night_only(), effective_from_ms=EARLY)
    writer = TransactionWriter(memory_log.db, memory_log)
    records = [_txn("noon", _at(DAY, "12:00:00")),
               _txn("bad", _at(DAY, "12:01:00"), currency="XXX")]
    with pytest.raises(ValueError, match="currency"):     # the first batch is stored first
        writer.write_stream(records, source_kind="IMPORT", source_ref="t.csv", batch_size=1)
    assert memory_log.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
    assert memory_log.db.execute("SELECT count(*) FROM scenario_flag").fetchone()[0] == 0
    writer.write_stream(records[:1], source_kind="IMPORT", source_ref="t.csv", batch_size=1)
    assert _flags(memory_log) == {"noon": {OUTSIDE_WINDOW}}


def test_purged_transactions_take_their_flags_with_them(memory_log: OperationLog) -> None:
    old = dt.date(2015, 3, 2)
    save_policy(memory_log.db, memory_log, _night_only(),
                effective_from_ms=start_of_day_ms(old))
    _write(memory_log, [_txn("old", _at(old, "12:00:00")), _txn("new", _at(DAY, "12:00:00"))])
    run_purge(memory_log.db, memory_log, plan_purge(memory_log.db, dt.date(2016, 1, 1)))
    assert _flags(memory_log) == {"new": {OUTSIDE_WINDOW}}
    assert memory_log.db.execute("SELECT count(*) FROM scenario_flag").fetchone()[0] == 1
