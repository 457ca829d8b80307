"""Signed terminal-model policy files (spec 12.1): trust a signer, import, re-check.

A file is JSON: {"format": "posdesk-model-policy", "version": N, "issuer": …,
"issued_at": …, "rules": [...], "signature": {"alg": "Ed25519", "key_id": …, "value": …}}.
The signature covers the canonical JSON of everything but "signature". Only keys the
operator trusted verify; a version not newer than the current one is refused (no rollback).
An import replaces all rules at once and re-checks every paired terminal.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app import model_policy
from app import oplog as ops
from app.errors import PolicyFileError
from app.profile import Profile
from app.shanghai_time import now_ms
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


def canonical(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def key_id(public_pem: bytes) -> str:
    key = serialization.load_pem_public_key(public_pem)
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def trust_key(profile: Profile, public_pem: bytes, name: str) -> str:
    try:
        key = serialization.load_pem_public_key(public_pem)
    except ValueError as exc:
        raise PolicyFileError(f"Not a PEM public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise PolicyFileError("Policy signing keys must be Ed25519 public keys.")
    kid = key_id(public_pem)
    profile.db.execute(
        "INSERT INTO trusted_keys (key_id, name, public_key_pem, added_at_utc_ms) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(key_id) DO UPDATE SET name = excluded.name",
        [kid, name, public_pem.decode("ascii"), now_ms()])
    profile.oplog.append(ops.POLICY_KEY_TRUSTED, target_type="key", target_id=kid,
                         details={"name": name})
    return kid


def import_policy(profile: Profile, path: Path) -> ImportResult:
    document = _load(path)
    _verify(profile, document, path)
    version = document["version"]
    current = int(get_setting(profile.db, "model_policy_version", "0") or 0)
    if version <= current:
        raise PolicyFileError(f"{path.name} has version {version}, not newer than the "
                              f"installed version {current}; nothing was changed.")
    rules = [_rule(rule, index, path) for index, rule in enumerate(document["rules"], start=1)]
    with profile.db.atomic():
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
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyFileError(f"Cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise PolicyFileError(f"{path.name} is not valid JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PolicyFileError(f"{path.name} is not a PosDesk model policy file "
                              f"(format must be {FORMAT!r}).")
    if not isinstance(document.get("version"), int) or not isinstance(document.get("rules"), list):
        raise PolicyFileError(f"{path.name}: 'version' must be a number and 'rules' a list.")
    return document


def _verify(profile: Profile, document: dict[str, Any], path: Path) -> None:
    signature = document.get("signature")
    if not isinstance(signature, dict) or signature.get("alg") != "Ed25519":
        raise PolicyFileError(f"{path.name} carries no Ed25519 signature; it was not imported.")
    row = profile.db.execute("SELECT public_key_pem, name FROM trusted_keys WHERE key_id = ?",
                             [str(signature.get("key_id"))]).fetchone()
    if row is None:
        raise PolicyFileError(f"{path.name} is signed by key {signature.get('key_id')}, which "
                              "is not trusted here. Trust the issuer's key first "
                              "(posdesk policy trust KEY.pem --name ISSUER).")
    key = serialization.load_pem_public_key(row[0].encode("ascii"))
    assert isinstance(key, Ed25519PublicKey)
    try:
        key.verify(base64.b64decode(str(signature.get("value", ""))), canonical(document))
    except (InvalidSignature, ValueError):
        raise PolicyFileError(f"The signature of {path.name} does not match its contents: the "
                              "file was changed after signing. Nothing was imported.") from None


def _rule(rule: Any, index: int, path: Path) -> list[object]:
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


def sign(document: dict[str, Any], private_key: Any, public_pem: bytes) -> dict[str, Any]:
    """The issuer's side (tests and tooling): add an Ed25519 signature to a policy document."""
    signed = {k: v for k, v in document.items() if k != "signature"}
    value = private_key.sign(canonical(signed))
    signed["signature"] = {"alg": "Ed25519", "key_id": key_id(public_pem),
                           "value": base64.b64encode(value).decode("ascii")}
    return signed
