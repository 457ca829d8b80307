"""Pairing and unpairing a terminal (architecture: data flow 2; spec 12.1, P01/P02).

Policy first (a BLOCKED model is refused with its reason and source), then the key
agreement with a comparison code the user confirms, then the key to the OS keyring, the
terminal row and the operation log. Every refusal is logged too.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from app import model_policy
from app import oplog as ops
from app.errors import NotPairedError, PairingRefusedError, TerminalError
from app.profile import Profile
from app.secrets import ProfileSecrets, SecretStore, purpose_name
from app.shanghai_time import now_ms
from app.storage import secret_scope
from app.terminal_status import ONLINE, RETIRED
from devices.framing import ProtocolError
from devices.terminal_client import Identity, PairingDeclined, TerminalClient
from devices.transport import TransportError

KEY_PURPOSE = "terminal-key"


@dataclass(frozen=True)
class PairingQuestions:
    """What pairing asks the person at the keyboard; the GUI and the CLI answer differently."""

    codes_match: Callable[[str], bool]            # shown code → does the terminal show it too?
    pair_unknown_model: Callable[[Identity], bool]
    identified: Callable[[Identity, model_policy.Verdict], None] = lambda ident, verdict: None


def key_ref(serial: str) -> str:
    return purpose_name(KEY_PURPOSE, serial)


def terminal_keys(profile: Profile, secrets: SecretStore) -> ProfileSecrets:
    """The keyring seen through this profile: two profiles pairing the same physical
    terminal keep separate keys, and unpairing in one leaves the other paired. A key
    stored before scoping existed is claimed by the first profile that uses it."""
    return ProfileSecrets(secrets, secret_scope(profile.db))


def load_key(profile: Profile, secrets: SecretStore, ref: str | None) -> bytes:
    secret = terminal_keys(profile, secrets).get(ref) if ref else None
    if not secret:
        raise NotPairedError("This terminal is not paired with this computer (no key in the "
                             "keyring). Pair it again.", why="not_paired")
    return base64.b64decode(secret)


def pair_terminal(profile: Profile, client: TerminalClient, *, transport: str, address: str,
                  questions: PairingQuestions, secrets: SecretStore) -> Identity:
    status = secrets.status()
    if not status.usable:
        raise PairingRefusedError(f"Pairing needs the system keyring: {status.problem}",
                                  reason="keyring", why="keyring")
    try:
        identity = client.identify()
        verdict = _check_policy(profile, identity, questions)
        pending = client.start_pairing()
        if not questions.codes_match(pending.comparison_code):
            client.link.reset()
            _refuse(profile, identity, "the codes on the two screens did not match",
                    why="codes_differ")
        key = client.finish_pairing(pending)
    except PairingDeclined as exc:
        _refuse(profile, identity, f"declined on the terminal ({exc})", why="declined")
    except (ProtocolError, TransportError) as exc:
        client.link.reset()
        raise TerminalError(f"The terminal stopped answering while pairing: {exc}",
                            why="stopped_answering") from exc
    encoded = base64.b64encode(key).decode("ascii")
    terminal_keys(profile, secrets).put(key_ref(identity.serial), encoded)
    _save(profile, identity, transport, address, verdict)
    profile.oplog.append(ops.TERMINAL_PAIR, target_type="terminal", target_id=identity.terminal_id,
                         details={"vendor": identity.vendor, "model": identity.model,
                                  "serial": identity.serial, "firmware": identity.firmware,
                                  "transport": transport, "policy": verdict.status})
    return identity


def _check_policy(profile: Profile, identity: Identity,
                  questions: PairingQuestions) -> model_policy.Verdict:
    verdict = model_policy.verdict(profile.db, identity.vendor, identity.model, identity.firmware)
    questions.identified(identity, verdict)
    if verdict.status == model_policy.BLOCKED:
        _refuse(profile, identity,
                f"the model {identity.vendor} {identity.model} is blocked: {verdict.reason} "
                f"(source: {verdict.source_notice})", policy=verdict, why="blocked")
    if verdict.status == model_policy.UNKNOWN and not questions.pair_unknown_model(identity):
        _refuse(profile, identity, "the model is on no approved list and was not confirmed",
                policy=verdict, why="unknown_model")
    return verdict


def _refuse(profile: Profile, identity: Identity, reason: str, *, why: str,
            policy: model_policy.Verdict | None = None) -> NoReturn:
    profile.oplog.append(ops.TERMINAL_PAIR, target_type="terminal", target_id=identity.terminal_id,
                         result="FAIL", details={"vendor": identity.vendor,
                                                 "model": identity.model, "reason": reason})
    raise PairingRefusedError(f"Pairing refused: {reason}.", reason=reason, why=why,
                              policy=policy.status if policy else "",
                              policy_reason=policy.reason if policy else "",
                              source=policy.source_notice if policy else "")


def _save(profile: Profile, identity: Identity, transport: str, address: str,
          verdict: model_policy.Verdict) -> None:
    now = now_ms()
    profile.db.execute(
        "INSERT INTO terminals (terminal_id, label, vendor, model, serial, firmware, "
        "terminal_type, capabilities, transport, address, status, policy_status, policy_reason, "
        "key_ref, paired_at_utc_ms, last_seen_utc_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(terminal_id) DO UPDATE SET vendor=excluded.vendor, model=excluded.model, "
        "serial=excluded.serial, firmware=excluded.firmware, "
        "terminal_type=excluded.terminal_type, capabilities=excluded.capabilities, "
        "transport=excluded.transport, address=excluded.address, status=excluded.status, "
        "policy_status=excluded.policy_status, policy_reason=excluded.policy_reason, "
        "key_ref=excluded.key_ref, paired_at_utc_ms=excluded.paired_at_utc_ms, "
        "last_seen_utc_ms=excluded.last_seen_utc_ms",
        [identity.terminal_id, identity.model, identity.vendor, identity.model, identity.serial,
         identity.firmware, identity.terminal_type, json.dumps(list(identity.capabilities)),
         transport, address, ONLINE, verdict.status, verdict.reason, key_ref(identity.serial),
         now, now])


def unpair_terminal(profile: Profile, terminal_id: str, secrets: SecretStore,
                    client: TerminalClient | None = None) -> None:
    """Forget the terminal's key; tell the terminal if it is connected. History stays."""
    row = profile.db.execute("SELECT key_ref FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    if row is None:
        raise NotPairedError(f"No terminal {terminal_id} is known.")
    told = False
    if client is not None and row[0]:
        try:
            client.login(load_key(profile, secrets, row[0]))
            client.unpair()
            told = True
        except (ProtocolError, TransportError, NotPairedError):
            client.link.reset()   # unpairing here still proceeds; the terminal keeps a stale key
    if row[0]:
        terminal_keys(profile, secrets).delete(row[0])
    profile.db.execute("UPDATE terminals SET status = ?, key_ref = NULL WHERE terminal_id = ?",
                       [RETIRED, terminal_id])
    profile.oplog.append(ops.TERMINAL_UNPAIR, target_type="terminal", target_id=terminal_id,
                         details={"terminal_told": told})
