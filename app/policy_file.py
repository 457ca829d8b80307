"""Signed terminal-model policy files (spec 12.1): trust a signer, import, re-check.

A file is JSON: {"format": "posdesk-model-policy", "version": N, "issuer": …,
"issued_at": …, "rules": [...], "signature": …} signed as app/signed_files.py describes,
by a key the operator trusted for model policies. A version not newer than the current one
is refused (no rollback). An import replaces all rules at once and re-checks every paired terminal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import model_policy, signed_files
from app import oplog as ops
from app.errors import PolicyFileError
from app.operator_check import Proof
from app.profile import Profile
from app.storage import get_setting, set_setting
from app.terminal_status import BLOCKED, OFFLINE

FORMAT = "posdesk-model-policy"
_RULE_FIELDS = ("manufacturer", "model", "status", "reason", "source_notice", "effective_from")


@dataclass(frozen=True)
class ImportResult:
    version: int
    rules: int
    newly_blocked: list[str]
    unblocked: list[str]


def import_policy(profile: Profile, path: Path,
                  confirm_unblock: Callable[[list[str]], Proof] | None = None) -> ImportResult:
    """Install a newer signed policy. Releasing a blocked terminal is a high-risk change
    (spec 8): when the new rules would release any, `confirm_unblock` is asked for the
    operator's proof first, and without it nothing is installed."""
    document = _load(path)
    signed_files.verify(profile, document, path.name, signed_files.MODEL_POLICY)
    version = document["version"]
    current = int(get_setting(profile.db, "model_policy_version", "0") or 0)
    if version <= current:
        raise PolicyFileError(f"{path.name} has version {version}, not newer than the "
                              f"installed version {current}; nothing was changed.")
    rules = [_rule(rule, index, path) for index, rule in enumerate(document["rules"], start=1)]
    releasing = would_unblock(profile, rules)
    categories = None
    if releasing:
        if confirm_unblock is None:
            raise PolicyFileError(f"{path.name} would release the blocked terminal(s) "
                                  f"{', '.join(releasing)}; that needs the operator's "
                                  "confirmation. Nothing was changed.")
        categories = confirm_unblock(releasing).categories
    with profile.db.atomic(), profile.oplog.verified_as(categories):
        profile.db.execute("DELETE FROM model_policy")
        for rule in rules:
            profile.db.execute(
                "INSERT INTO model_policy (manufacturer, model, hw_min, hw_max, fw_min, fw_max, "
                "status, reason, source_notice, cert_refs, effective_from) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rule)
        set_setting(profile.db, "model_policy_version", str(version))
        profile.oplog.append(ops.POLICY_UPDATED, target_type="policy", target_id=str(version),
                             details={"issuer": document.get("issuer", ""), "rules": len(rules),
                                      "file": path.name,
                                      "key_id": document["signature"]["key_id"]})
        blocked, unblocked = recheck_terminals(profile)
    return ImportResult(version, len(rules), blocked, unblocked)


def would_unblock(profile: Profile, rules: list[list[Any]],
                  today: dt.date | None = None) -> list[str]:
    """The blocked terminals these rules (as `_rule` returns them) would release."""
    today_text = (today or dt.date.today()).isoformat()
    rows = profile.db.execute("SELECT terminal_id, vendor, model, firmware FROM terminals "
                              "WHERE status = ?", [BLOCKED]).fetchall()
    releasing = []
    for terminal_id, vendor, model, firmware in rows:
        chosen = [(r[6], r[7], r[8], r[2], r[3], r[4], r[5]) for r in rules
                  if str(r[0]).lower() == (vendor or "").lower()
                  and str(r[1]).lower() == (model or "").lower() and str(r[10]) <= today_text]
        if model_policy.decide(chosen, firmware).status != model_policy.BLOCKED:
            releasing.append(terminal_id)
    return releasing


def recheck_terminals(profile: Profile) -> tuple[list[str], list[str]]:
    """Apply the policy to every paired terminal: block new activity, keep history."""
    newly_blocked, unblocked = [], []
    rows = profile.db.execute("SELECT terminal_id, vendor, model, firmware, status FROM terminals "
                              "WHERE status != 'RETIRED'").fetchall()
    for terminal_id, vendor, model, firmware, status in rows:
        verdict = model_policy.verdict(profile.db, vendor or "", model or "", firmware)
        is_blocked = verdict.status == model_policy.BLOCKED
        new_status = BLOCKED if is_blocked else (OFFLINE if status == BLOCKED else status)
        profile.db.execute("UPDATE terminals SET status = ?, policy_status = ?, policy_reason = ? "
                           "WHERE terminal_id = ?",
                           [new_status, verdict.status, verdict.reason, terminal_id])
        if is_blocked and status != BLOCKED:
            newly_blocked.append(terminal_id)
            profile.oplog.append(ops.TERMINAL_BLOCK, target_type="terminal", target_id=terminal_id,
                                 details={"reason": verdict.reason,
                                          "source": verdict.source_notice})
        elif not is_blocked and status == BLOCKED:
            unblocked.append(terminal_id)
            profile.oplog.append(ops.TERMINAL_UNBLOCK, target_type="terminal",
                                 target_id=terminal_id, details={"policy": verdict.status})
    return newly_blocked, unblocked


def _load(path: Path) -> dict[str, Any]:
    document = signed_files.load_document(path, FORMAT, "PosDesk model policy file")
    if not isinstance(document.get("version"), int) or not isinstance(document.get("rules"), list):
        raise PolicyFileError(f"{path.name}: 'version' must be a number and 'rules' a list.")
    return document


def _rule(rule: Any, index: int, path: Path) -> list[Any]:
    where = f"{path.name}, rule {index}"
    if not isinstance(rule, dict):
        raise PolicyFileError(f"{where}: a rule must be an object.")
    for name in _RULE_FIELDS:
        if not isinstance(rule.get(name, "" if name in ("reason", "source_notice") else None),
                          str):
            raise PolicyFileError(f"{where}: field '{name}' is missing or not text.")
    if rule["status"] not in (model_policy.APPROVED, model_policy.BLOCKED):
        raise PolicyFileError(f"{where}: status must be APPROVED or BLOCKED.")
    hw = _range(rule.get("hw_version_range"), where, "hw_version_range")
    fw = _range(rule.get("fw_version_range"), where, "fw_version_range")
    return [rule["manufacturer"], rule["model"], *hw, *fw, rule["status"],
            rule.get("reason", ""), rule.get("source_notice", ""),
            json.dumps(rule.get("cert_refs", [])), rule["effective_from"]]


def _range(value: Any, where: str, name: str) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if (not isinstance(value, list) or len(value) != 2
            or not all(v is None or isinstance(v, str) for v in value)):
        raise PolicyFileError(f"{where}: {name} must be [low, high] (text or null).")
    return value[0], value[1]
