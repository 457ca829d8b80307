"""The scenario rules' answer for one proposed terminal payment (spec 12.4: "scenario checks
run in addition to the statutory checks; the stricter result wins").

The Limits page's what-if and `posdesk limits check --kind card_present --terminal ID` ask
it before a card is taken on a terminal: would this sale, on this terminal and payment
method, at this moment, break one of the merchant's own policies? It judges exactly as
flagging does afterwards, through the same `scenario_flags.judge`: the policy version in
force at that moment, its windows, allowed types, caps (the day's counted total so far plus
this amount) and whether its payment token was revoked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import sqlite_utils

from app.limits import Decision
from app.scenario_flags import judge
from app.scenario_store import histories, scope_total_fen, timelines
from app.shanghai_time import start_of_day_ms, to_datetime

SCENARIO_POLICY = "SCENARIO_POLICY"      # Decision.reason and .binding when a policy refuses


@dataclass(frozen=True)
class ScenarioBreach:
    policy: str
    rule: str                            # app/scenario_policy.py RULES


def check_payment(db: sqlite_utils.Database, at_ms: int, terminal_id: str | None,
                  channel: str, amount_fen: int, txn_type: str = "SALE") -> list[ScenarioBreach]:
    """Which of the merchant's policies this payment would break, by name and rule."""
    local = to_datetime(at_ms)
    day_start = start_of_day_ms(local.date())
    tokens = timelines(db)
    found: list[ScenarioBreach] = []
    for history in histories(db):
        policy = history.at(at_ms)
        if policy is None or not policy.applies_to(terminal_id, channel, txn_type):
            continue
        used_after = (scope_total_fen(db, policy.scope, policy.scope_ref, day_start, at_ms)
                      + amount_fen if amount_fen > 0 else None)
        timeline = tokens.get(policy.id or 0)
        rules = judge(policy, local, txn_type, amount_fen, used_after,
                      timeline is not None and timeline.blocked_at(at_ms))
        found.extend(ScenarioBreach(policy.name, rule) for rule in rules)
    return found


def stricter(decision: Decision, breaches: list[ScenarioBreach]) -> Decision:
    """The statutory answer, refused when a scenario policy refuses (the stricter wins)."""
    if not breaches or decision.decision == "DENY":
        return decision
    return dataclasses.replace(decision, decision="DENY", reason=SCENARIO_POLICY,
                               binding=SCENARIO_POLICY)
