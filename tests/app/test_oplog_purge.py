"""Retention purge of the operation log (spec 8): only entries past their purge_not_before,
only a prefix of the chain, only when the chain verifies; the floor keeps the rest
verifiable, and deleting anything more by hand is still detected."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from app import oplog
from app.hash_chain import chain_floor, set_chain_floor
from app.oplog import OperationLog, entries, verify_chain
from app.oplog_purge import OplogPurgeError, plan_purge, run_purge
from app.shanghai_time import now_ms, start_of_day_ms, today_cn

TODAY = today_cn()
OLD_DAY = dt.date(TODAY.year - 7, 6, 1)        # past its 5 years
DAY_MS = 86_400_000


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The log's clock: entries go through the real append, hashed as usual."""
    now = [now_ms()]
    monkeypatch.setattr(oplog, "now_ms", lambda: now[0])
    return now


def _old(log: OperationLog, clock: list[int], count: int, day: dt.date = OLD_DAY) -> None:
    for n in range(count):
        clock[0] = start_of_day_ms(day) + n * DAY_MS
        log.append(oplog.TERMINAL_SYNC, target_type="terminal", target_id=f"T{n}",
                   details={"new": n})


def _recent(log: OperationLog, clock: list[int], count: int) -> None:
    for n in range(count):
        clock[0] = now_ms() - (count - n) * 60_000
        log.append(oplog.SETTINGS_CHANGED, target_type="setting", target_id=f"k{n}")


def _ids(log: OperationLog) -> list[int]:
    return [row[0] for row in log.db.execute("SELECT id FROM oplog ORDER BY id")]


def _without_guards(log: OperationLog) -> None:
    log.db.execute("DROP TRIGGER oplog_append_only")
    log.db.execute("DROP TRIGGER oplog_retention")


def test_nothing_due_removes_nothing(memory_log: OperationLog, clock: list[int]) -> None:
    _recent(memory_log, clock, 5)
    plan = plan_purge(memory_log.db)
    assert (plan.entries, plan.through_id, plan.due_kept) == (0, 0, 0)
    first = entries(memory_log.db, limit=10)[-1]
    assert plan.next_due == first.purge_not_before         # when the oldest may go
    assert run_purge(memory_log.db, memory_log, plan) == 0
    assert _ids(memory_log) == [1, 2, 3, 4, 5]
    assert chain_floor(memory_log.db, "oplog") == (0, "0" * 64)


def test_a_due_prefix_goes_and_the_rest_still_verifies(memory_log: OperationLog,
                                                        clock: list[int]) -> None:
    _old(memory_log, clock, 8)
    _recent(memory_log, clock, 3)
    last_old = entries(memory_log.db, limit=20)[3]          # id 8, newest of the old
    plan = plan_purge(memory_log.db)
    assert (plan.entries, plan.first_id, plan.through_id) == (8, 1, 8)
    assert plan.oldest == OLD_DAY.isoformat()
    assert plan.newest == (OLD_DAY + dt.timedelta(days=7)).isoformat()
    assert run_purge(memory_log.db, memory_log, plan) == 8
    assert _ids(memory_log) == [9, 10, 11, 12]              # 12: the purge's own entry
    assert chain_floor(memory_log.db, "oplog") == (8, last_old.row_hash)
    report = verify_chain(memory_log.db)
    assert report.ok and (report.checked, report.purged) == (4, 8)
    purge = entries(memory_log.db, limit=1)[0]
    assert purge.op_type == oplog.OPLOG_PURGED and purge.target_type == "oplog"
    assert purge.details == {"entries": 8, "first_id": 1, "through_id": 8,
                             "oldest": plan.oldest, "newest": plan.newest,
                             "due_on": TODAY.isoformat(), "purged_total": 8}
    again = plan_purge(memory_log.db)
    assert again.entries == 0                               # nothing more is due


def test_a_due_entry_behind_one_not_due_stays(memory_log: OperationLog,
                                              clock: list[int]) -> None:
    _old(memory_log, clock, 2)
    _recent(memory_log, clock, 1)
    clock[0] = now_ms()
    memory_log.append(oplog.SETTINGS_CHANGED,                # written late, effective long ago
                      effective_at_utc_ms=start_of_day_ms(OLD_DAY))
    plan = plan_purge(memory_log.db)
    assert (plan.entries, plan.through_id, plan.due_kept) == (2, 2, 1)
    run_purge(memory_log.db, memory_log, plan)
    assert _ids(memory_log)[:2] == [3, 4]


def test_deleting_one_more_by_hand_is_detected(memory_log: OperationLog,
                                               clock: list[int]) -> None:
    _old(memory_log, clock, 5)
    _recent(memory_log, clock, 3)
    run_purge(memory_log.db, memory_log, plan_purge(memory_log.db))
    _without_guards(memory_log)
    memory_log.db.execute("DELETE FROM oplog WHERE id = 6")
    report = verify_chain(memory_log.db)
    assert not report.ok and report.first_bad_id == 7 and report.kind == "moved"


def test_moving_the_floor_to_hide_a_deletion_is_detected(memory_log: OperationLog,
                                                          clock: list[int]) -> None:
    _old(memory_log, clock, 5)
    _recent(memory_log, clock, 3)
    run_purge(memory_log.db, memory_log, plan_purge(memory_log.db))
    _without_guards(memory_log)
    sixth = entries(memory_log.db, limit=20)[-1]
    assert sixth.id == 6
    memory_log.db.execute("DELETE FROM oplog WHERE id = 6")
    set_chain_floor(memory_log.db, "oplog", 6, sixth.row_hash)
    report = verify_chain(memory_log.db)
    assert not report.ok and report.kind == "floor" and report.first_bad_id == 7
    assert "outside a purge" in report.problem


def test_the_database_refuses_to_delete_an_entry_not_yet_due(
        memory_log: OperationLog, clock: list[int]) -> None:
    _old(memory_log, clock, 2)
    _recent(memory_log, clock, 2)
    with pytest.raises(sqlite3.IntegrityError, match="5 years"):
        memory_log.db.execute("DELETE FROM oplog WHERE id = 3")
    memory_log.db.execute("DELETE FROM oplog WHERE id = 1")     # due: SQLite lets it go
    assert _ids(memory_log) == [2, 3, 4]


def test_a_broken_chain_is_not_purged_and_the_failure_is_logged(
        memory_log: OperationLog, clock: list[int]) -> None:
    _old(memory_log, clock, 4)
    _recent(memory_log, clock, 2)
    plan = plan_purge(memory_log.db)
    memory_log.db.execute("DROP TRIGGER oplog_append_only")
    memory_log.db.execute("UPDATE oplog SET details_json = '{\"new\": 99}' WHERE id = 2")
    with pytest.raises(OplogPurgeError) as refused:
        run_purge(memory_log.db, memory_log, plan)
    assert refused.value.facts["why"] == "broken" and refused.value.facts["bad_id"] == 2
    assert _ids(memory_log)[:6] == [1, 2, 3, 4, 5, 6]
    failure = entries(memory_log.db, limit=1)[0]
    assert (failure.op_type, failure.result) == (oplog.INTEGRITY_CHECK_FAILED, "FAIL")
    assert failure.details["during"] == "oplog purge"


def test_a_plan_for_a_day_to_come_is_refused(memory_log: OperationLog,
                                             clock: list[int]) -> None:
    _recent(memory_log, clock, 3)
    future = plan_purge(memory_log.db, TODAY.replace(year=TODAY.year + 6))
    assert future.entries == 3
    with pytest.raises(OplogPurgeError) as refused:
        run_purge(memory_log.db, memory_log, future)
    assert refused.value.facts["why"] == "early"
    assert _ids(memory_log) == [1, 2, 3]


def test_a_plan_the_log_no_longer_matches_is_refused(memory_log: OperationLog,
                                                     clock: list[int]) -> None:
    _old(memory_log, clock, 3)
    _recent(memory_log, clock, 1)
    plan = plan_purge(memory_log.db)
    clock[0] = now_ms()
    memory_log.append(oplog.SETTINGS_CHANGED, effective_at_utc_ms=start_of_day_ms(OLD_DAY))
    with pytest.raises(OplogPurgeError) as refused:
        run_purge(memory_log.db, memory_log, plan)
    assert refused.value.facts["why"] == "changed"
    assert len(_ids(memory_log)) == 5
