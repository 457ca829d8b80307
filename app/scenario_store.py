"""Scenario policies in SQLite (migration 9): one row per policy, one row per saved version;
and when each scenario's payment token was bound and revoked (migration 12), for flagging.
Plain persistence; the use cases that validate, log and re-flag are in
app/scenario_controls.py and app/scenario_tokens.py."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass

import sqlite_utils

from app.scenario_policy import COUNTED_STATUSES, ScenarioPolicy, ScenarioRules, Window

_VERSION_COLUMNS = ("p.id, p.name, p.scope, p.scope_ref, v.version, v.effective_from_utc_ms, "
                    "v.enabled, v.removed, v.windows_json, v.per_txn_max_fen, v.daily_max_fen, "
                    "v.allowed_kinds_json")


@dataclass(frozen=True)
class PolicyHistory:
    """Every version of one policy, oldest first: what flagging needs to judge a
    transaction by the rules in force at its moment."""

    versions: tuple[ScenarioPolicy, ...]

    @property
    def current(self) -> ScenarioPolicy:
        return self.versions[-1]

    def at(self, ts_utc_ms: int) -> ScenarioPolicy | None:
        """The version in force at that instant (the latest saved one among those already in
        force), or None before the first."""
        found = None
        for version in self.versions:
            if version.effective_from_ms <= ts_utc_ms and (
                    found is None or version.effective_from_ms >= found.effective_from_ms):
                found = version
        return found


def histories(db: sqlite_utils.Database) -> list[PolicyHistory]:
    """All policies with their versions, removed ones included (they judged the past)."""
    rows = db.execute(
        f"SELECT {_VERSION_COLUMNS} FROM scenario_policy p "
        "JOIN scenario_policy_version v ON v.policy_id = p.id ORDER BY p.id, v.version"
    ).fetchall()
    grouped: dict[int, list[ScenarioPolicy]] = {}
    for row in rows:
        grouped.setdefault(int(row[0]), []).append(_policy(row))
    return [PolicyHistory(tuple(versions)) for versions in grouped.values()]


def current_policies(db: sqlite_utils.Database) -> list[ScenarioPolicy]:
    """The latest version of every policy not removed, by name."""
    found = [h.current for h in histories(db) if not h.current.removed]
    return sorted(found, key=lambda p: p.name.casefold())


def policy_by_id(db: sqlite_utils.Database, policy_id: int) -> ScenarioPolicy | None:
    for history in histories(db):
        if history.current.id == policy_id:
            return history.current
    return None


def policy_by_name(db: sqlite_utils.Database, name: str) -> ScenarioPolicy | None:
    for history in histories(db):
        if history.current.name == name and not history.current.removed:
            return history.current
    return None


def has_policies(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM scenario_policy LIMIT 1").fetchone() is not None


def insert_policy(db: sqlite_utils.Database, policy: ScenarioPolicy, now: int) -> int:
    cursor = db.execute(
        "INSERT INTO scenario_policy (name, scope, scope_ref, created_at_utc_ms) "
        "VALUES (?, ?, ?, ?)", [policy.name, policy.scope, policy.scope_ref, now])
    return int(cursor.lastrowid or 0)


def rename_policy(db: sqlite_utils.Database, policy_id: int, name: str) -> None:
    db.execute("UPDATE scenario_policy SET name = ? WHERE id = ?", [name, policy_id])


def insert_version(db: sqlite_utils.Database, policy: ScenarioPolicy, now: int) -> None:
    """Add `policy.version` of `policy.id` (the caller numbers it)."""
    rules = policy.rules
    db.execute(
        "INSERT INTO scenario_policy_version (policy_id, version, effective_from_utc_ms, "
        "enabled, removed, windows_json, per_txn_max_fen, daily_max_fen, allowed_kinds_json, "
        "saved_at_utc_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [policy.id, policy.version, policy.effective_from_ms, int(rules.enabled),
         int(policy.removed), windows_json(rules.windows), rules.per_txn_max_fen,
         rules.daily_max_fen, json.dumps(list(rules.allowed_kinds)), now])


@dataclass(frozen=True)
class TokenTimeline:
    """When a scenario was blocked by a revoked token: judged per transaction moment."""

    bound: tuple[int, ...]                  # bound_at of each token, in order
    revoked: tuple[int | None, ...]         # its revoked_at

    def blocked_at(self, ts_utc_ms: int) -> bool:
        """Whether the token in force at that moment had been revoked by then."""
        index = bisect.bisect_right(self.bound, ts_utc_ms) - 1
        if index < 0:
            return False
        revoked = self.revoked[index]
        return revoked is not None and revoked <= ts_utc_ms


def timelines(db: sqlite_utils.Database) -> dict[int, TokenTimeline]:
    """Per scenario with any token: its bindings in time order, for flagging."""
    grouped: dict[int, list[tuple[int, int | None]]] = {}
    for policy_id, bound, revoked in db.execute(
            "SELECT policy_id, bound_at_utc_ms, revoked_at_utc_ms FROM scenario_token "
            "ORDER BY bound_at_utc_ms, id"):
        grouped.setdefault(int(policy_id), []).append(
            (int(bound), None if revoked is None else int(revoked)))
    return {key: TokenTimeline(tuple(b for b, _ in rows), tuple(r for _, r in rows))
            for key, rows in grouped.items()}


_SCOPE_COLUMNS = {"TERMINAL": "terminal_id", "CHANNEL": "channel", "KIND": "txn_type"}


def scope_total_fen(db: sqlite_utils.Database, scope: str, scope_ref: str, since_ms: int,
                    before_ms: int) -> int:
    """What counts towards a daily cap in one scope between two instants: money that moved
    or may still move (SUCCEEDED, PENDING; positive amounts), as flagging counts it."""
    column = _SCOPE_COLUMNS[scope]
    row = db.execute(
        f"SELECT coalesce(sum(amount_fen), 0) FROM txn WHERE ts_utc_ms >= ? AND ts_utc_ms < ? "
        f"AND {column} = ? AND status IN ({', '.join('?' for _ in COUNTED_STATUSES)}) "
        "AND amount_fen > 0", [since_ms, before_ms, scope_ref, *COUNTED_STATUSES]).fetchone()
    return int(row[0])


def windows_json(windows: tuple[Window, ...]) -> str:
    return json.dumps([[w.start_s, w.end_s, sorted(w.days)] for w in windows])


def _policy(row: tuple[object, ...]) -> ScenarioPolicy:
    (policy_id, name, scope, scope_ref, version, effective, enabled, removed, windows,
     per_txn, daily, kinds) = row
    rules = ScenarioRules(
        windows=tuple(Window(int(a), int(b), frozenset(d)) for a, b, d in json.loads(str(windows))),
        per_txn_max_fen=None if per_txn is None else int(str(per_txn)),
        daily_max_fen=None if daily is None else int(str(daily)),
        allowed_kinds=tuple(json.loads(str(kinds))),
        enabled=bool(enabled))
    return ScenarioPolicy(str(name), str(scope), str(scope_ref), rules, int(str(policy_id)),
                          int(str(version)), int(str(effective)), bool(removed))
