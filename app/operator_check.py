"""Operator verification before a high-risk operation (spec 8: Art. 16 items 3-7, data
export and terminal unblock; 12.4: scenario-policy changes): two categories, the app
password (knowledge) and an app-held possession factor (an authenticator's code, or a
signature with an enrolled certificate's key).

Both the GUI and the CLI ask for a proof before such an operation and stamp the categories
proved on its operation-log entry (`factor_categories_used`). Every attempt is logged as
OPERATOR_VERIFIED, success or failure (Art. 16 item 2), never with what was typed.

Guessing is braked as at the unlock (`app.attempt_throttle`, under its own `stepup.`
settings): five wrong attempts in a row refuse further ones for 30 s, then 60 s, and so on.

Where the profile holds no password and app-held possession factor, two categories cannot
be asked for; the operation then runs with an empty stamp, so the log shows it was not
step-up verified, and the Verification page says how to protect such changes. Refusing
instead would lock a new merchant out of exporting its own history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app import certificate_factor, password_factor, totp_factor
from app.attempt_throttle import AttemptThrottle
from app.errors import PosDeskError
from app.factors import EnrolledFactor, FactorRegistry
from app.shanghai_time import now_ms

OPERATOR_VERIFIED = "OPERATOR_VERIFIED"
OPERATOR_LOCKOUT = "OPERATOR_LOCKOUT"
POSSESSION_TYPES = ("OTP_APP", "DIGITAL_CERTIFICATE")
TWO_CATEGORIES = "KNOWLEDGE+POSSESSION"


class OperatorCheckFailed(PosDeskError):
    """The password or the second factor was wrong, or too many were; `field` says which
    ("password", "factor" or "locked_out", the last with `wait_s`)."""

    code = "operator_check"


@dataclass(frozen=True)
class StepUp:
    """What this profile can ask of its operator."""

    password: EnrolledFactor | None
    possession: tuple[EnrolledFactor, ...]

    @property
    def possible(self) -> bool:
        return self.password is not None and bool(self.possession)


@dataclass(frozen=True)
class Proof:
    """The result of asking: the categories proved (none when the profile cannot ask)."""

    operation: str
    categories: str | None
    at_ms: int

    @property
    def verified(self) -> bool:
        return self.categories == TWO_CATEGORIES


def step_up(registry: FactorRegistry) -> StepUp:
    active = registry.active()
    password = next((f for f in active if f.type == "STATIC_PASSWORD"), None)
    # A certificate first: it needs no typing, so the CLI can confirm with it unattended.
    possession = tuple(sorted((f for f in active if f.type in POSSESSION_TYPES
                               and f.held_by == "APP"),
                              key=lambda f: f.type != "DIGITAL_CERTIFICATE"))
    return StepUp(password, possession)


def unprotected(operation: str) -> Proof:
    """The proof when the profile cannot ask for two categories (see the module text)."""
    return Proof(operation, None, now_ms())


def verify_operator(registry: FactorRegistry, operation: str, password: str,
                    factor_id: int | None = None, code: str = "") -> Proof:
    """Check the password and one possession factor (the first enrolled when `factor_id`
    is None): a code for an authenticator, a signature for a certificate. Raises
    OperatorCheckFailed naming the wrong one; logs either way."""
    needed = step_up(registry)
    if not needed.possible:
        return unprotected(operation)
    factor = next((f for f in needed.possession if factor_id in (None, f.id)), None)
    if factor is None:
        raise OperatorCheckFailed("That factor cannot confirm an operation.", field="factor")
    throttle = AttemptThrottle(registry.db, "stepup")
    _refuse_while_locked_out(registry, throttle, operation, factor)
    failures = throttle.count_attempt()     # first: a kill during the check still counts
    failed = _first_wrong(registry, factor, password, code)
    if failed is None:
        with registry.db.atomic():
            throttle.succeeded()
            _log(registry, operation, factor, ok=True)
        return Proof(operation, TWO_CATEGORIES, now_ms())
    with registry.db.atomic():
        _log(registry, operation, factor, ok=False, failed=failed)
        delay = throttle.lock_out_if_due(failures)
        if delay is not None:
            registry.log.append(OPERATOR_LOCKOUT, target_type="operation", target_id=operation,
                                result="FAIL", details={"delay_s": math.ceil(delay),
                                                        "failures": failures})
    if failed == "password":
        raise OperatorCheckFailed("The password is not right.", field="password",
                                  failures_left=throttle.failures_left)
    raise OperatorCheckFailed(f"{factor.label} did not confirm it.", field="factor",
                              failures_left=throttle.failures_left)


def _refuse_while_locked_out(registry: FactorRegistry, throttle: AttemptThrottle,
                             operation: str, factor: EnrolledFactor) -> None:
    wait = math.ceil(throttle.wait_s())
    if wait <= 0:
        return
    details: dict[str, object] = {"operation": operation, "second_factor": factor.type,
                                  "refused": "locked_out", "wait_s": wait}
    registry.log.append(OPERATOR_VERIFIED, target_type="operation", target_id=operation,
                        result="FAIL", details=details)
    raise OperatorCheckFailed(f"Too many wrong attempts: try again in {wait} s; nothing "
                              "changed.", field="locked_out", wait_s=wait)


def _first_wrong(registry: FactorRegistry, factor: EnrolledFactor, password: str,
                 code: str) -> str | None:
    """"password" or "factor" for the first proof that failed; None when both held."""
    if not password_factor.verify_password(registry.store, password):
        return "password"
    if factor.type == "OTP_APP":
        ok = totp_factor.verify(registry.store, str(factor.id), code)
    else:
        ok = certificate_factor.prove_possession(registry.store, str(factor.id))
    return None if ok else "factor"


def _log(registry: FactorRegistry, operation: str, factor: EnrolledFactor, *, ok: bool,
         failed: str | None = None) -> None:
    details: dict[str, object] = {"operation": operation, "second_factor": factor.type}
    if failed:
        details["failed"] = failed
    registry.log.append(OPERATOR_VERIFIED, target_type="operation", target_id=operation,
                        result="SUCCESS" if ok else "FAIL",
                        factor_categories=TWO_CATEGORIES if ok else None, details=details)
