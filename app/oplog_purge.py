"""Retention purge of the operation log (spec 8): only on explicit request, never early.

Each entry is kept until its `purge_not_before` (effective Beijing date + 5 years, Feb 29
-> Mar 1); SQLite's own trigger (migration 1) refuses to delete an entry before that day
whatever the app asks. Entries are hash-chained by id, so a purge removes a prefix of the
chain: the oldest ids up to the first entry not yet due. An entry that is due but comes
after one that is not (a late entry with an old effective date) stays until that one is
due too; the plan counts them.

The purge is planned first (how many, which dates) and run only on confirmation, after
the chain verifies: removing entries from a chain that fails its check would hide the
evidence. One transaction records the OPLOG_PURGED entry (count, ids, dates and the
running total), deletes the prefix and sets the chain floor (how many entries are gone
and the last one's hash), so what remains still verifies end to end and verify_chain can
tell a purge from a deletion. The entry is written first so it is always the newest and
the log never empties (ids are never reused).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from app import oplog as ops
from app.errors import PosDeskError
from app.hash_chain import chain_floor, set_chain_floor
from app.oplog import CHAIN, OperationLog
from app.oplog_integrity import check_and_record
from app.shanghai_time import cn_date, today_cn

_BATCH = 5_000


class OplogPurgeError(PosDeskError):
    code = "oplog_purge_refused"


@dataclass(frozen=True)
class OplogPurgePlan:
    """What a purge on `today` would remove: ids `first_id`..`through_id` of the chain."""

    today: dt.date
    entries: int                # entries to remove (0: nothing is old enough yet)
    first_id: int
    through_id: int
    oldest: str | None          # Beijing dates of the oldest and newest of them (occurred)
    newest: str | None
    due_kept: int               # due entries that stay: one not yet due comes before them
    next_due: str | None        # the first kept entry's purge_not_before: nothing goes before


def plan_purge(db: sqlite_utils.Database, today: dt.date | None = None) -> OplogPurgePlan:
    """The prefix of the chain whose entries are all due on `today` (default: today in
    Beijing). Reads from the oldest id and stops at the first entry not yet due."""
    day = today or today_cn()
    cutoff = day.isoformat()
    first_kept = db.execute("SELECT id, purge_not_before FROM oplog WHERE purge_not_before > ? "
                            "ORDER BY id LIMIT 1", [cutoff]).fetchone()
    if first_kept is None:
        through = int(db.execute("SELECT coalesce(max(id), 0) FROM oplog").fetchone()[0])
    else:
        through = int(first_kept[0]) - 1
    entries, first_id, oldest_ms, newest_ms = db.execute(
        "SELECT count(*), coalesce(min(id), 0), min(occurred_at_utc_ms), "
        "max(occurred_at_utc_ms) FROM oplog WHERE id <= ?", [through]).fetchone()
    due_kept = db.execute("SELECT count(*) FROM oplog WHERE id > ? AND purge_not_before <= ?",
                          [through, cutoff]).fetchone()[0]
    return OplogPurgePlan(
        day, int(entries), int(first_id) if entries else 0, through if entries else 0,
        cn_date(oldest_ms) if oldest_ms is not None else None,
        cn_date(newest_ms) if newest_ms is not None else None,
        int(due_kept), str(first_kept[1]) if first_kept else None)


def run_purge(db: sqlite_utils.Database, oplog: OperationLog, plan: OplogPurgePlan,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Remove the planned entries, after checking the chain; returns how many went.

    Raises OplogPurgeError: why="early" for a plan dated after today, "broken" when the
    chain fails its check (logged as INTEGRITY_CHECK_FAILED), "changed" when the log no
    longer matches the plan."""
    if plan.today > today_cn():
        raise OplogPurgeError(f"a purge cannot be run for {plan.today.isoformat()}, a day "
                              "that has not come: entries are kept until their day",
                              why="early", today=plan.today.isoformat())
    if not plan.entries:
        return 0
    _require_intact(db, oplog)
    with db.atomic():
        if plan_purge(db, plan.today) != plan:
            raise OplogPurgeError("the operation log changed since the purge was planned; "
                                  "plan it again", why="changed")
        purged, _ = chain_floor(db, CHAIN)
        oplog.append(ops.OPLOG_PURGED, target_type="oplog", target_id=CHAIN,
                     details=_details(plan, purged))
        last_hash = _delete_prefix(db, plan, progress)
        set_chain_floor(db, CHAIN, purged + plan.entries, last_hash)
    return plan.entries


def _require_intact(db: sqlite_utils.Database, oplog: OperationLog) -> None:
    report = check_and_record(db, oplog, "oplog purge")
    if not report.ok:
        raise OplogPurgeError(f"the operation log fails its integrity check ({report.problem});"
                              " nothing was removed: a purge would hide the evidence",
                              why="broken", bad_id=report.first_bad_id, problem=report.problem)


def _details(plan: OplogPurgePlan, purged_before: int) -> dict[str, object]:
    """What the log says of the purge; `purged_total` is what verify_chain checks the
    chain floor against."""
    return {"entries": plan.entries, "first_id": plan.first_id, "through_id": plan.through_id,
            "oldest": plan.oldest, "newest": plan.newest, "due_on": plan.today.isoformat(),
            "purged_total": purged_before + plan.entries}


def _delete_prefix(db: sqlite_utils.Database, plan: OplogPurgePlan,
                   progress: Callable[[int, int], None] | None) -> str:
    """Delete ids up to `through_id` a batch at a time (for the progress bar); returns the
    last deleted entry's hash, the new floor."""
    last_hash = str(db.execute("SELECT row_hash FROM oplog WHERE id = ?",
                               [plan.through_id]).fetchone()[0])
    done, start = 0, plan.first_id - 1
    while start < plan.through_id:
        stop = min(start + _BATCH, plan.through_id)
        done += db.execute("DELETE FROM oplog WHERE id > ? AND id <= ?", [start, stop]).rowcount
        start = stop
        if progress:
            progress(done, plan.entries)
    return last_hash
