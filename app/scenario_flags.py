"""Which transactions broke a scenario policy (spec 12.4, signal S5), kept per Shanghai day.

Flags are derived data: for each day touched by a write or a policy change, that day's flags
are deleted and recomputed from the transactions and the policy versions in force at each
transaction's moment, inside the caller's transaction. The history filters on them and the
Limits page counts them. A day with no policy in force costs one query.

What is judged: the time window, the allowed types and the per-transaction cap apply to
every transaction, failed attempts included (an attempt at 3 a.m. is worth seeing). The
daily cap counts money that moved or may still move (SUCCEEDED, PENDING; positive amounts)
in time order, and flags the transaction that passes the cap and every counted one after it.
A scenario whose payment token was revoked flags every transaction in its scope from the
revocation until a new token is bound (TOKEN_REVOKED: the bank would refuse them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from app.scenario_policy import COUNTED_STATUSES, OVER_DAILY, TOKEN_REVOKED, ScenarioPolicy
from app.scenario_store import PolicyHistory, TokenTimeline, has_policies, histories, timelines
from app.shanghai_time import start_of_day_ms, to_datetime

_DAY_ROWS = ("SELECT id, ts_utc_ms, terminal_id, channel, txn_type, amount_fen, status "
             "FROM txn WHERE ts_utc_ms >= ? AND ts_utc_ms < ? ORDER BY ts_utc_ms, id")


@dataclass(frozen=True)
class Flag:
    txn_id: int
    policy_id: int
    rule: str
    cn_date: str


def refresh_flags(db: sqlite_utils.Database, days: Iterable[str]) -> int:
    """Recompute the flags of these Shanghai days (ISO dates); returns how many there are
    now. Runs in the caller's transaction, so a write and its flags land together."""
    days = sorted(set(days))
    if not days or not has_policies(db):
        return 0
    policies = histories(db)
    tokens = timelines(db)
    total = 0
    for chunk in _chunks(days, 500):
        db.execute(f"DELETE FROM scenario_flag WHERE cn_date IN ({_marks(chunk)})", chunk)
    for day in days:
        flags = day_flags(db, day, policies, tokens)
        db.conn.executemany("INSERT OR IGNORE INTO scenario_flag VALUES (?, ?, ?, ?)",
                            [(f.txn_id, f.policy_id, f.rule, f.cn_date) for f in flags])
        total += len(flags)
    return total


def refresh_since(db: sqlite_utils.Database, since_ms: int) -> int:
    """Recompute every day from the one holding `since_ms` to the last transaction's."""
    last = db.execute("SELECT max(cn_date) FROM txn").fetchone()[0]
    first = to_datetime(since_ms).date()
    if last is None or dt.date.fromisoformat(last) < first:
        return 0
    end = dt.date.fromisoformat(last)
    days = [(first + dt.timedelta(days=n)).isoformat() for n in range((end - first).days + 1)]
    return refresh_flags(db, days)


def day_flags(db: sqlite_utils.Database, day: str, policies: list[PolicyHistory],
              tokens: dict[int, TokenTimeline]) -> list[Flag]:
    """The flags of one day, judged by the versions in force at each transaction and the
    scenario's token at that moment."""
    start = start_of_day_ms(dt.date.fromisoformat(day))
    relevant = [h for h in policies if any(v.effective_from_ms < start + 86_400_000
                                           for v in h.versions)]
    if not relevant:
        return []
    used: dict[int, int] = {}
    found: list[Flag] = []
    for txn_id, ts, terminal_id, channel, txn_type, amount, status in db.execute(
            _DAY_ROWS, [start, start + 86_400_000]):
        counted = amount if status in COUNTED_STATUSES and amount > 0 else 0
        for history in relevant:
            policy_id = history.current.id or 0
            if not history.current.applies_to(terminal_id, channel, txn_type):
                continue
            # The day's total counts from midnight, so a cap set at noon sees the morning.
            used[policy_id] = used.get(policy_id, 0) + counted
            policy = history.at(ts)
            if policy is None:
                continue
            timeline = tokens.get(policy_id)
            rules = judge(policy, to_datetime(ts), txn_type, amount,
                          used[policy_id] if counted else None,
                          timeline is not None and timeline.blocked_at(ts))
            found.extend(Flag(txn_id, policy_id, rule, day) for rule in rules)
    return found


def judge(policy: ScenarioPolicy, local: dt.datetime, txn_type: str, amount: int,
          used_after: int | None, token_revoked: bool) -> list[str]:
    """The rules this version says a transaction broke (or a proposed one would break, for
    app/scenario_check.py); `used_after` is the day's counted total including it, or None
    when it does not count towards a cap; `token_revoked` whether the scenario's token was
    revoked by then."""
    if not policy.rules.enabled or policy.removed:
        return []
    broken = policy.rules.breaches(local, txn_type, amount)
    cap = policy.rules.daily_max_fen
    if used_after is not None and cap is not None and used_after > cap:
        broken.append(OVER_DAILY)
    if token_revoked:
        broken.append(TOKEN_REVOKED)
    return broken


@dataclass(frozen=True)
class FlagCount:
    policy_id: int
    rule: str
    transactions: int


def flag_counts(db: sqlite_utils.Database, first: dt.date, last: dt.date) -> list[FlagCount]:
    """Flagged transactions per policy and rule between two Shanghai dates (inclusive)."""
    rows = db.execute(
        "SELECT policy_id, rule, count(*) FROM scenario_flag WHERE cn_date BETWEEN ? AND ? "
        "GROUP BY policy_id, rule ORDER BY policy_id, rule",
        [first.isoformat(), last.isoformat()]).fetchall()
    return [FlagCount(int(p), str(r), int(n)) for p, r, n in rows]


def flagged_per_policy(db: sqlite_utils.Database, first: dt.date,
                       last: dt.date) -> dict[int, int]:
    """Distinct flagged transactions per policy between two Shanghai dates (inclusive)."""
    return {int(p): int(n) for p, n in db.execute(
        "SELECT policy_id, count(DISTINCT txn_id) FROM scenario_flag "
        "WHERE cn_date BETWEEN ? AND ? GROUP BY policy_id",
        [first.isoformat(), last.isoformat()])}


def flagged_transactions(db: sqlite_utils.Database, first: dt.date, last: dt.date) -> int:
    """How many distinct transactions carry at least one flag between the dates."""
    return int(db.execute(
        "SELECT count(DISTINCT txn_id) FROM scenario_flag WHERE cn_date BETWEEN ? AND ?",
        [first.isoformat(), last.isoformat()]).fetchone()[0])


def flags_of(db: sqlite_utils.Database, txn_id: int) -> list[tuple[str, str]]:
    """(policy name, rule) for one transaction, for its details."""
    return [(str(name), str(rule)) for name, rule in db.execute(
        "SELECT p.name, f.rule FROM scenario_flag f JOIN scenario_policy p "
        "ON p.id = f.policy_id WHERE f.txn_id = ? ORDER BY p.name, f.rule", [txn_id])]


def flagged_among(db: sqlite_utils.Database, txn_ids: list[int]) -> set[int]:
    """Which of these transactions carry a flag (for marking a page of the list)."""
    found: set[int] = set()
    for chunk in _chunks(txn_ids, 500):
        found.update(int(r[0]) for r in db.execute(
            f"SELECT DISTINCT txn_id FROM scenario_flag WHERE txn_id IN ({_marks(chunk)})",
            chunk))
    return found


def _chunks(items: list, size: int) -> Iterable[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _marks(items: list[object]) -> str:
    return ", ".join("?" for _ in items)
