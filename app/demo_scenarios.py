"""The demo shop's scenario controls (spec 12.4), in force from the first demo day so the
history shows flagged transactions and the Limits page counts them from the start: the
delivery reader works daytime hours only, refunds are capped per transaction and per day,
and QR takings have a daily cap a busy Saturday can pass. The delivery reader and the QR
takings each hold the payment token the acquirer gave for that scenario (spec 12.4)."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from app.oplog import OperationLog
from app.scenario_controls import save_policy
from app.scenario_policy import ScenarioPolicy, ScenarioRules, parse_window
from app.scenario_store import has_policies
from app.scenario_tokens import bind_token
from app.shanghai_time import start_of_day_ms


def demo_policies() -> list[ScenarioPolicy]:
    return [
        ScenarioPolicy("外送机营业时间", "TERMINAL", "SIM00003",
                       ScenarioRules(windows=(parse_window("07:00-22:00"),))),
        ScenarioPolicy("退款上限", "KIND", "REFUND",
                       ScenarioRules(per_txn_max_fen=20_000, daily_max_fen=50_000)),
        ScenarioPolicy("扫码日限额", "CHANNEL", "QR",
                       ScenarioRules(daily_max_fen=450_000)),
    ]


def add_demo_policies(db: sqlite_utils.Database, log: OperationLog, since: dt.date) -> None:
    """Once per demo profile: nothing is added when it holds any policy already."""
    if has_policies(db):
        return
    tokens = {"外送机营业时间": "UPTK-DEMO-7Q2F-0031", "扫码日限额": "UPTK-DEMO-QR88-0102"}
    for policy in demo_policies():
        stored = save_policy(db, log, policy, effective_from_ms=start_of_day_ms(since))
        if stored.name in tokens:
            bind_token(db, log, stored.id or 0, tokens[stored.name])
