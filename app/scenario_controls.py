"""Use cases for scenario policies (spec 12.4): create, change, switch on or off, remove.

Each is an Art. 16 "limit or function adjustment": it is logged with what changed
(SCENARIO_POLICY_CHANGED, spec 8), stored as a new version in force from a chosen moment
(now unless the merchant backdates a policy to check past transactions), and the affected
days are re-flagged in the same SQLite transaction.
"""

from __future__ import annotations

import dataclasses

import sqlite_utils

from app.oplog import OperationLog
from app.scenario_flags import refresh_since
from app.scenario_policy import ScenarioPolicy, ScenarioRules, ScenarioValueError
from app.scenario_store import (
    insert_policy,
    insert_version,
    policy_by_id,
    policy_by_name,
    rename_policy,
)
from app.shanghai_time import format_local, now_ms

SCENARIO_POLICY_CHANGED = "SCENARIO_POLICY_CHANGED"


def save_policy(db: sqlite_utils.Database, log: OperationLog, policy: ScenarioPolicy,
                effective_from_ms: int | None = None) -> ScenarioPolicy:
    """Create (policy.id None) or change a policy; returns the stored version. Saving the
    same rules again changes and logs nothing. A changed scope is refused: that is another
    policy, and the old one's flags should stay readable."""
    _check(policy)
    now = now_ms()
    effective = now if effective_from_ms is None else effective_from_ms
    clash = policy_by_name(db, policy.name.strip())
    if clash is not None and clash.id != policy.id:
        raise ScenarioValueError(f"A scenario policy named '{policy.name}' already exists.",
                                 field="name")
    old = policy_by_id(db, policy.id) if policy.id is not None else None
    if policy.id is not None and (old is None or old.removed):
        raise ScenarioValueError(f"Scenario policy {policy.id} does not exist.", field="id")
    if old is not None:
        if (old.scope, old.scope_ref) != (policy.scope, policy.scope_ref):
            raise ScenarioValueError("A policy's scope cannot change; create another policy.",
                                     field="scope")
        if old.name == policy.name and old.rules == policy.rules:
            return old
        if effective < old.effective_from_ms:
            raise ScenarioValueError(
                f"Effective from must not be before the current version's "
                f"({format_local(old.effective_from_ms, seconds=False)}).",
                field="effective_from")
    with db.atomic():
        stored = _store(db, policy, old, effective, now)
        log.append(SCENARIO_POLICY_CHANGED, target_type="scenario_policy",
                   target_id=str(stored.id),
                   details={"action": "created" if old is None else "changed",
                            "name": stored.name, "scope": stored.scope,
                            "scope_ref": stored.scope_ref, "version": stored.version,
                            "effective_from": format_local(effective),
                            "changes": _changes(old, stored)},
                   effective_at_utc_ms=effective)
        refresh_since(db, effective)
    return stored


def set_enabled(db: sqlite_utils.Database, log: OperationLog, policy_id: int,
                enabled: bool) -> ScenarioPolicy:
    """Switch a policy on or off from now (a new version)."""
    policy = existing_policy(db, policy_id)
    rules = dataclasses.replace(policy.rules, enabled=enabled)
    return save_policy(db, log, dataclasses.replace(policy, rules=rules))


def remove_policy(db: sqlite_utils.Database, log: OperationLog, policy_id: int) -> None:
    """Retire a policy from now: its past flags stay, it judges nothing after this."""
    policy = existing_policy(db, policy_id)
    now = now_ms()
    with db.atomic():
        insert_version(db, dataclasses.replace(policy, version=policy.version + 1,
                                               effective_from_ms=max(now,
                                                                     policy.effective_from_ms),
                                               removed=True), now)
        log.append(SCENARIO_POLICY_CHANGED, target_type="scenario_policy",
                   target_id=str(policy_id),
                   details={"action": "removed", "name": policy.name, "scope": policy.scope,
                            "scope_ref": policy.scope_ref, "version": policy.version + 1})
        refresh_since(db, now)


def existing_policy(db: sqlite_utils.Database, policy_id: int) -> ScenarioPolicy:
    """The current version of a policy not removed, or an error naming the id."""
    policy = policy_by_id(db, policy_id)
    if policy is None or policy.removed:
        raise ScenarioValueError(f"Scenario policy {policy_id} does not exist.", field="id")
    return policy


def _check(policy: ScenarioPolicy) -> None:
    found = policy.problem()
    if found:
        raise ScenarioValueError(f"Scenario policy '{policy.name}': {found[0]} {found[1]}.",
                                 field=found[0])


def _store(db: sqlite_utils.Database, policy: ScenarioPolicy, old: ScenarioPolicy | None,
           effective: int, now: int) -> ScenarioPolicy:
    name = policy.name.strip()
    if old is None:
        policy_id = insert_policy(db, dataclasses.replace(policy, name=name), now)
        version = 1
    else:
        policy_id, version = old.id or 0, old.version + 1
        if old.name != name:
            rename_policy(db, policy_id, name)
    stored = dataclasses.replace(policy, name=name, id=policy_id, version=version,
                                 effective_from_ms=effective, removed=False)
    insert_version(db, stored, now)
    return stored


def _changes(old: ScenarioPolicy | None, new: ScenarioPolicy) -> dict[str, list[object]]:
    """Field → [old, new] in readable form (window text, fen), no secrets anywhere here."""
    before = _readable(old.name, old.rules) if old else {}
    after = _readable(new.name, new.rules)
    return {key: [before.get(key), value] for key, value in after.items()
            if before.get(key) != value}


def _readable(name: str, rules: ScenarioRules) -> dict[str, object]:
    return {"name": name, "windows": [w.text() for w in rules.windows],
            "per_txn_max_fen": rules.per_txn_max_fen, "daily_max_fen": rules.daily_max_fen,
            "allowed_kinds": list(rules.allowed_kinds), "enabled": rules.enabled}
