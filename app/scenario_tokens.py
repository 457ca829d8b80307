"""Payment tokens per scenario (spec 12.4 Tokenisation): one card binding with the bank,
one token per scenario, managed in one place ("统一绑卡，集中管理").

A scenario policy may hold the token reference its acquirer or issuer gave for it. PosDesk
keeps that reference, never a card number: a value that looks like one is refused and the
refusal is logged without it. Revoking the token blocks that scenario only: from the moment
of revocation every transaction in the policy's scope is flagged TOKEN_REVOKED (spec S5:
what the bank would now refuse), while other scenarios keep their own tokens. Binding a new
token ends the block from then on; what was flagged stays flagged.

Binding and revoking are scenario-policy changes (Art. 16 "function adjustment", spec 8):
logged as SCENARIO_POLICY_CHANGED with the token masked, after the caller's two-category
operator check, with the affected day re-flagged in the same SQLite transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from app import oplog as ops
from app.carddata import contains_card_data
from app.errors import SensitiveDataError
from app.oplog import OperationLog
from app.scenario_controls import SCENARIO_POLICY_CHANGED, existing_policy
from app.scenario_flags import refresh_since
from app.scenario_policy import ScenarioValueError
from app.shanghai_time import now_ms

ISSUERS = ("ACQUIRER", "ISSUER")
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/+=-]{5,63}$")
_REASON_MAX = 200
_COLUMNS = ("id, policy_id, token_ref, issuer, bound_at_utc_ms, revoked_at_utc_ms, "
            "revoke_reason")


@dataclass(frozen=True)
class ScenarioToken:
    """One binding of a token reference to a scenario policy."""

    id: int
    policy_id: int
    token_ref: str
    issuer: str
    bound_at_ms: int
    revoked_at_ms: int | None = None
    revoke_reason: str = ""

    @property
    def live(self) -> bool:
        return self.revoked_at_ms is None

    @property
    def masked(self) -> str:
        """What lists, logs and exports show: the last four characters."""
        return mask(self.token_ref)


def mask(token_ref: str) -> str:
    return "…" + token_ref[-4:]


def checked_token(text: str, log: OperationLog | None = None,
                  policy_id: int | None = None) -> str:
    """The token reference as it will be stored, or an error naming what is wrong. A value
    holding a card number is refused as SensitiveDataError and, given a log, the refusal is
    recorded there without the value (SD-1)."""
    token = text.strip()
    if contains_card_data(token) or contains_card_data(re.sub(r"[\s-]", "", token)):
        if log is not None:
            log.append(ops.SENSITIVE_DATA_BLOCKED, target_type="scenario_policy",
                       target_id=str(policy_id or ""), result="FAIL",
                       details={"field": "token", "why": "looks like a card number"})
        raise SensitiveDataError(
            "The token looks like a card number. Enter the token reference your acquirer or "
            "issuer gave for this scenario; PosDesk never stores a card number.", field="token")
    if not token:
        raise ScenarioValueError("The token is empty.", field="token")
    if not _TOKEN.match(token):
        raise ScenarioValueError(
            "The token must be 6 to 64 letters, digits or . _ : / + = - without spaces, "
            "starting with a letter or digit.", field="token")
    return token


def bind_token(db: sqlite_utils.Database, log: OperationLog, policy_id: int, token_text: str,
               issuer: str = "ACQUIRER") -> ScenarioToken:
    """Give a scenario its token from now. A scenario with a live token must have it revoked
    first, and a revoked token is never bound again (a new one is issued instead)."""
    policy = existing_policy(db, policy_id)
    if issuer not in ISSUERS:
        raise ScenarioValueError(f"Issuer must be one of {', '.join(ISSUERS)}.", field="issuer")
    token = checked_token(token_text, log, policy_id)
    current = live_token(db, policy_id)
    if current is not None:
        raise ScenarioValueError(
            f"'{policy.name}' already has token {current.masked}; revoke it first.",
            field="token")
    if token_was_bound(db, token):
        raise ScenarioValueError(
            f"Token {mask(token)} was bound before; a revoked or used token is never bound "
            "again. Ask the acquirer or issuer for a new one.", field="token")
    # Never before the last revocation, so the timeline stays in order if the clock stepped.
    last = db.execute("SELECT max(revoked_at_utc_ms) FROM scenario_token WHERE policy_id = ?",
                      [policy_id]).fetchone()[0]
    now = max(now_ms(), int(last or 0))
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO scenario_token (policy_id, token_ref, issuer, bound_at_utc_ms) "
            "VALUES (?, ?, ?, ?)", [policy_id, token, issuer, now])
        log.append(SCENARIO_POLICY_CHANGED, target_type="scenario_policy",
                   target_id=str(policy_id),
                   details={"action": "token_bound", "name": policy.name,
                            "token": mask(token), "issuer": issuer})
        refresh_since(db, now)
    return ScenarioToken(int(cursor.lastrowid or 0), policy_id, token, issuer, now)


def revoke_token(db: sqlite_utils.Database, log: OperationLog, policy_id: int,
                 reason: str = "") -> ScenarioToken:
    """Revoke the scenario's live token from now: that scenario is blocked, no other."""
    policy = existing_policy(db, policy_id)
    current = live_token(db, policy_id)
    if current is None:
        raise ScenarioValueError(f"'{policy.name}' has no token to revoke.", field="token")
    reason = reason.strip()[:_REASON_MAX]
    now = max(now_ms(), current.bound_at_ms)
    with db.atomic():
        db.execute("UPDATE scenario_token SET revoked_at_utc_ms = ?, revoke_reason = ? "
                   "WHERE id = ?", [now, reason, current.id])
        log.append(SCENARIO_POLICY_CHANGED, target_type="scenario_policy",
                   target_id=str(policy_id),
                   details={"action": "token_revoked", "name": policy.name,
                            "token": current.masked, "reason": reason})
        refresh_since(db, now)
    return ScenarioToken(current.id, policy_id, current.token_ref, current.issuer,
                         current.bound_at_ms, now, reason)


def token_was_bound(db: sqlite_utils.Database, token_ref: str) -> bool:
    """Whether this reference was ever bound, to any scenario (it is never bound again)."""
    return db.execute("SELECT 1 FROM scenario_token WHERE token_ref = ?",
                      [token_ref]).fetchone() is not None


def tokens_of(db: sqlite_utils.Database, policy_id: int) -> list[ScenarioToken]:
    """Every token the scenario held, newest first."""
    return [_token(row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM scenario_token WHERE policy_id = ? "
        "ORDER BY bound_at_utc_ms DESC, id DESC", [policy_id])]


def live_token(db: sqlite_utils.Database, policy_id: int) -> ScenarioToken | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM scenario_token WHERE policy_id = ? AND "
                     "revoked_at_utc_ms IS NULL", [policy_id]).fetchone()
    return _token(row) if row else None


def latest_tokens(db: sqlite_utils.Database) -> dict[int, ScenarioToken]:
    """Each scenario's most recent token, live or revoked (what its list row shows)."""
    found: dict[int, ScenarioToken] = {}
    for row in db.execute(f"SELECT {_COLUMNS} FROM scenario_token "
                          "ORDER BY bound_at_utc_ms, id"):
        token = _token(row)
        found[token.policy_id] = token
    return found


def _token(row: tuple[object, ...]) -> ScenarioToken:
    token_id, policy_id, ref, issuer, bound, revoked, reason = row
    return ScenarioToken(int(str(token_id)), int(str(policy_id)), str(ref), str(issuer),
                         int(str(bound)), None if revoked is None else int(str(revoked)),
                         str(reason or ""))
