"""Field provisioning (issue 6, docs/provisioning.md): a technician sets a terminal up for
a merchant on site, often offline, by showing it a signed QR code.

A code carries who the merchant is, which acquirer and host the terminal talks to, the
parameters to apply, the technician, a one-time nonce and an expiry. It is signed with the
merchant's own Ed25519 key, made on first use and kept only in the OS keyring; the
terminal side trusts the exported public key. A code carries no secret: a photo of the
screen is worth nothing after the code expired or was used once.

Every code issued is remembered (facts only, never the code text) so that the terminal's
handover report, which arrives on its next connection, can be matched to it and recorded
once in the operation log as the handover receipt.
"""

from __future__ import annotations

import base64
import json
import re
import secrets as random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import oplog as ops
from app.carddata import DIGIT_RUN, looks_like_pan
from app.errors import PosDeskError
from app.profile import Profile
from app.secrets import ProfileSecrets, SecretStore
from app.shanghai_time import now_ms
from app.storage import secret_scope
from devices.provisioning_code import (
    CLOCK_SKEW_S,
    NONCE_BYTES,
    ParamValue,
    ProvisioningPayload,
    encode,
    key_id,
)

KEY_PURPOSE = "provisioning-key"
DEFAULT_EXPIRY_MIN = 30
MAX_EXPIRY_MIN = 7 * 24 * 60        # a sheet printed for tomorrow's visits, not for months
MAX_PARAMS = 20
FIELDS = ("terminal_id", "merchant_id", "merchant_name", "mcc", "acquirer", "licence", "host",
          "technician")
# Parameter names that would put a secret into a code anyone can photograph.
_SECRET_WORDS = {"secret", "password", "passwd", "pwd", "token", "tmk", "tpk", "tak",
                 "pinblock", "cvv", "cvc", "otp", "seed", "credential", "credentials"}
_SECRET_ENDINGS = {"key", "pin"}
_PATTERNS = {
    "terminal_id": (re.compile(r"^[A-Za-z0-9]{1,16}$"), "1 to 16 letters or digits"),
    "merchant_id": (re.compile(r"^[A-Za-z0-9]{1,20}$"), "1 to 20 letters or digits"),
    "mcc": (re.compile(r"^[0-9]{4}$"), "4 digits"),
    "licence": (re.compile(r"^[A-Za-z0-9-]{1,32}$"), "1 to 32 letters, digits or hyphens"),
}
_TEXT_LIMITS = {"merchant_name": 40, "acquirer": 40, "technician": 32}
_PARAM_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_HOST_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*"
                        r"[A-Za-z0-9])?)*$")
_HOST_SCHEMES = ("tls", "https", "tcp")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_INTEGER = re.compile(r"^(0|-?[1-9][0-9]{0,8})$")


class ProvisioningError(PosDeskError):
    """A code could not be made, or a batch was refused; the message names the field (and
    for a batch the file, row and column). `problems` holds every FieldProblem found."""

    code = "provisioning"


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field. `rule` lets a UI word it in its own language."""

    field: str          # a FIELDS name, "params", "params.NAME" or "expires_in_min"
    rule: str           # required, format, length, range, count, secret, card_number, host
    detail: str         # English, what is wrong and what would do

    def __str__(self) -> str:
        return f"{self.field}: {self.detail}"


@dataclass(frozen=True)
class ProvisioningRequest:
    """What the technician fills in (GUI form, command line or one CSV row)."""

    terminal_id: str
    merchant_id: str
    merchant_name: str
    mcc: str
    acquirer: str
    licence: str
    host: str
    technician: str
    params: dict[str, ParamValue] = field(default_factory=dict)
    expires_in_min: int = DEFAULT_EXPIRY_MIN


@dataclass(frozen=True)
class IssuedCode:
    """A signed code ready to show: its payload and the text the QR carries."""

    payload: ProvisioningPayload
    text: str

    @property
    def expires_at_ms(self) -> int:
        return self.payload.expires_at * 1000


# -- checking what was filled in -------------------------------------------------------------
def problems(request: ProvisioningRequest) -> list[FieldProblem]:
    """Everything wrong with a request, each naming its field; empty when it can be signed."""
    found: list[FieldProblem] = []
    for name in FIELDS:
        problem = _field_problem(name, str(getattr(request, name)))
        if problem is not None:
            found.append(problem)
    found.extend(_param_problems(request.params))
    if not 1 <= request.expires_in_min <= MAX_EXPIRY_MIN:
        found.append(FieldProblem("expires_in_min", "range",
                                  f"must be 1 to {MAX_EXPIRY_MIN} minutes "
                                  f"(got {request.expires_in_min})"))
    return found


def check_request(request: ProvisioningRequest) -> None:
    found = problems(request)
    if found:
        raise ProvisioningError("No code was made: " + "; ".join(map(str, found)) + ".",
                                problems=found, field=found[0].field)


def _field_problem(name: str, value: str) -> FieldProblem | None:
    if not value.strip():
        return FieldProblem(name, "required", "is required")
    if value != value.strip() or _CONTROL.search(value):
        return FieldProblem(name, "format", f"has spaces at an end or control characters "
                                            f"({value!r})")
    if name in _PATTERNS:
        pattern, wanted = _PATTERNS[name]
        if not pattern.match(value):
            return FieldProblem(name, "format", f"must be {wanted} (got {value!r})")
    if name in _TEXT_LIMITS and len(value) > _TEXT_LIMITS[name]:
        return FieldProblem(name, "length", f"at most {_TEXT_LIMITS[name]} characters "
                                            f"(got {len(value)})")
    if name == "host":
        reason = host_problem(value)
        if reason:
            return FieldProblem(name, "host", f"{reason} (got {value!r})")
    return None


def host_problem(value: str) -> str:
    """Why a host endpoint is unusable ("" when fine): HOST:PORT or SCHEME://HOST:PORT[/path],
    and never credentials, which a photo of the code would give away."""
    if len(value) > 100:
        return "at most 100 characters"
    if "@" in value:
        return "must not carry a user name or password"
    parts = urlsplit(value if "://" in value else f"tcp://{value}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in _HOST_SCHEMES:
        return f"the scheme must be one of {', '.join(_HOST_SCHEMES)}"
    if parts.query or parts.fragment:
        return "must not carry a query (?…) or fragment (#…)"
    if not parts.hostname or not _HOST_NAME.match(parts.hostname) or port is None:
        return "must be HOST:PORT or SCHEME://HOST:PORT, e.g. tls://pos.acquirer.cn:8443"
    return ""


def _param_problems(params: Mapping[str, object]) -> list[FieldProblem]:
    found = []
    if len(params) > MAX_PARAMS:
        found.append(FieldProblem("params", "count", f"at most {MAX_PARAMS} parameters "
                                                     f"(got {len(params)})"))
    for name, value in params.items():
        where = f"params.{name}"
        if not _PARAM_NAME.match(name):
            found.append(FieldProblem(where, "format", "a name is a "
                                      "lower-case letter then letters, digits or _ (32 at most)"))
        elif _secret_like(name):
            found.append(FieldProblem(where, "secret", "names a secret; "
                                      "keys, PINs, passwords and tokens never go into a code"))
        elif isinstance(value, str) and (len(value) > 64 or _CONTROL.search(value)):
            found.append(FieldProblem(where, "length", "text of at most "
                                      "64 characters without control characters"))
        elif isinstance(value, str) and any(looks_like_pan(m.group())
                                            for m in DIGIT_RUN.finditer(value)):
            found.append(FieldProblem(where, "card_number", "looks like "
                                      "a card number, which never goes into a code"))
        elif not isinstance(value, str | int | bool):
            found.append(FieldProblem(where, "format", "must be text, a "
                                      "whole number, true or false"))
    return found


def _secret_like(name: str) -> bool:
    parts = name.split("_")
    return bool(_SECRET_WORDS & set(parts)) or parts[-1] in _SECRET_ENDINGS


def parse_param(text: str) -> tuple[str, ParamValue]:
    """KEY=VALUE from the command line or a form. Whole numbers without a leading zero
    become numbers and true/false become booleans; everything else stays text (so a phone
    number "021…" keeps its zero)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ProvisioningError(f"A parameter is KEY=VALUE, not {text!r}.", field="params")
    return name.strip(), typed_value(value.strip())


def typed_value(value: str) -> ParamValue:
    if _INTEGER.match(value):
        return int(value)
    if value in ("true", "false"):
        return value == "true"
    return value


# -- the merchant's key ------------------------------------------------------------------------
def signing_key(profile: Profile, secrets: SecretStore) -> Ed25519PrivateKey:
    """The merchant's provisioning key, made and stored in the keyring on first use (the
    database never sees it; without a usable keyring this raises SecretsUnavailableError)."""
    store = ProfileSecrets(secrets, secret_scope(profile.db))
    stored = store.get(KEY_PURPOSE)
    if stored:
        try:
            return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored, validate=True))
        except ValueError:
            raise ProvisioningError("The merchant's provisioning key in the system keyring is "
                                    "damaged; no code was made.", field="key") from None
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    store.put(KEY_PURPOSE, base64.b64encode(raw).decode("ascii"))
    kid = key_id(key.public_key())
    profile.oplog.append(ops.PROVISIONING_KEY_CREATED, target_type="key", target_id=kid,
                         details={"purpose": "field provisioning", "alg": "Ed25519"})
    return key


def public_key_pem(profile: Profile, secrets: SecretStore) -> bytes:
    """The merchant's public key for the acquirer or the terminal side to trust."""
    return signing_key(profile, secrets).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


# -- issuing -----------------------------------------------------------------------------------
def issue(profile: Profile, secrets: SecretStore, request: ProvisioningRequest,
          now_s: int | None = None) -> IssuedCode:
    return issue_many(profile, secrets, [request], now_s)[0]


def issue_many(profile: Profile, secrets: SecretStore, requests: Sequence[ProvisioningRequest],
               now_s: int | None = None) -> list[IssuedCode]:
    """Sign codes for every request, or for none: all are checked first, and all are
    remembered and logged in one transaction."""
    found = [p for r in requests for p in problems(r)]
    if found:
        raise ProvisioningError("No code was made: " + "; ".join(map(str, found)) + ".",
                                problems=found, field=found[0].field)
    key = signing_key(profile, secrets)
    kid = key_id(key.public_key())
    issued_s = int(time.time()) if now_s is None else now_s
    codes = []
    for request in requests:
        payload = _payload(request, kid, issued_s)
        codes.append(IssuedCode(payload, encode(payload, key)))
    with profile.db.atomic():
        for code in codes:
            _remember(profile, code)
    return codes


def _payload(request: ProvisioningRequest, kid: str, issued_s: int) -> ProvisioningPayload:
    return ProvisioningPayload(
        terminal_id=request.terminal_id, merchant_id=request.merchant_id,
        merchant_name=request.merchant_name, mcc=request.mcc, acquirer=request.acquirer,
        licence=request.licence, host=request.host, technician=request.technician,
        nonce=random.token_hex(NONCE_BYTES), issued_at=issued_s,
        expires_at=issued_s + request.expires_in_min * 60, key_id=kid,
        params=dict(request.params))


def _remember(profile: Profile, code: IssuedCode) -> None:
    p = code.payload
    facts = {name: getattr(p, name) for name in (*FIELDS, "params")}
    profile.db.execute(
        "INSERT INTO provisioning_code (nonce, terminal_id, technician_id, key_id, "
        "payload_json, issued_at_utc_ms, expires_at_utc_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [p.nonce, p.terminal_id, p.technician, p.key_id,
         json.dumps(facts, ensure_ascii=False, sort_keys=True), p.issued_at * 1000,
         p.expires_at * 1000])
    profile.oplog.append(ops.PROVISIONING_ISSUED, target_type="terminal",
                         target_id=p.terminal_id,
                         details={"nonce": p.nonce, "technician": p.technician,
                                  "merchant_id": p.merchant_id, "key_id": p.key_id,
                                  "expires_at_utc_ms": p.expires_at * 1000,
                                  "params": sorted(p.params)})


def last_request(db: sqlite_utils.Database) -> dict[str, Any]:
    """The fields of the newest code issued here, so a form can start from them."""
    row = db.execute("SELECT payload_json FROM provisioning_code "
                     "ORDER BY issued_at_utc_ms DESC LIMIT 1").fetchone()
    return json.loads(row[0]) if row else {}


@dataclass(frozen=True)
class CodeStatus:
    terminal_id: str
    technician: str
    expires_at_ms: int
    handed_over_at_ms: int | None


def code_status(db: sqlite_utils.Database, nonce: str) -> CodeStatus | None:
    """Has the terminal reported this code applied yet? (The dialog asks while it shows it.)"""
    row = db.execute("SELECT terminal_id, technician_id, expires_at_utc_ms, "
                     "handed_over_at_utc_ms FROM provisioning_code WHERE nonce = ?",
                     [nonce]).fetchone()
    return CodeStatus(*row) if row else None


# -- the terminal's report ----------------------------------------------------------------------
def record_handover(profile: Profile, terminal_id: str, report: Mapping[str, Any]) -> str:
    """A terminal reported (in an authenticated session) that it applied a code. Match it
    to a code issued here for that terminal and record the handover receipt: who, which
    terminal, when, which parameters. Returns "recorded", "known" (reported before: the
    acknowledgement was lost) or "refused" (logged as a failed receipt with the reason)."""
    nonce = str(report.get("nonce") or "")
    row = profile.db.execute(
        "SELECT terminal_id, technician_id, payload_json, issued_at_utc_ms, expires_at_utc_ms, "
        "handed_over_at_utc_ms FROM provisioning_code WHERE nonce = ?", [nonce]).fetchone()
    if row is not None and row[5] is not None:
        return "known"
    reason = _report_problem(terminal_id, report, row)
    if reason:
        profile.oplog.append(ops.HANDOVER_RECEIPT, target_type="terminal",
                             target_id=terminal_id, result="FAIL",
                             details={"nonce": nonce, "reason": reason})
        return "refused"
    issued = json.loads(row[2])
    scanned_ms = int(report["scanned_at"]) * 1000
    with profile.db.atomic():
        profile.db.execute("UPDATE provisioning_code SET handed_over_at_utc_ms = ? "
                           "WHERE nonce = ?", [now_ms(), nonce])
        profile.oplog.append(
            ops.HANDOVER_RECEIPT, target_type="terminal", target_id=terminal_id,
            effective_at_utc_ms=scanned_ms,
            details={"technician": row[1], "nonce": nonce, "scanned_at_utc_ms": scanned_ms,
                     "merchant_id": issued["merchant_id"], "acquirer": issued["acquirer"],
                     "host": issued["host"], "params": issued["params"]})
    return "recorded"


def _report_problem(terminal_id: str, report: Mapping[str, Any],
                    row: tuple[Any, ...] | None) -> str:
    if row is None:
        return "the terminal applied a code that was not issued here"
    if row[0] != terminal_id:
        return f"the code was issued for {row[0]}, but {terminal_id} applied it"
    scanned = report.get("scanned_at")
    if not isinstance(scanned, int) or isinstance(scanned, bool):
        return "the report does not say when the code was scanned"
    if not row[3] - CLOCK_SKEW_S * 1000 <= scanned * 1000 < row[4]:
        return "the terminal applied the code outside its validity (check its clock)"
    if report.get("params") != json.loads(row[2])["params"]:
        return "the terminal applied other parameters than the code carried"
    return ""
