"""Operator verification before a high-risk operation (spec 8: Art. 16 items 3-7, data
export and terminal unblock; 12.4: scenario-policy changes): two categories, the app
password (knowledge) and an app-held factor of another category: possession (an
authenticator's code, or a signature with an enrolled certificate's key) or inherence (a
touch of this computer's fingerprint reader, which the OS matches).

Both the GUI and the CLI ask for a proof before such an operation and stamp the categories
proved on its operation-log entry (`factor_categories_used`). Every attempt is logged as
OPERATOR_VERIFIED, success or failure (Art. 16 item 2), never with what was typed.

Guessing is braked as at the unlock (`app.attempt_throttle`, under its own `stepup.`
settings): five wrong attempts in a row refuse further ones for 30 s, then 60 s, and so on.

Where the profile holds no password and app-held second factor, two categories cannot
be asked for; the operation then runs with an empty stamp, so the log shows it was not
step-up verified, and the Verification page says how to protect such changes. Refusing
instead would lock a new merchant out of exporting its own history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app import certificate_factor, fingerprint_factor, password_factor, totp_factor
from app.attempt_throttle import AttemptThrottle
from app.errors import PosDeskError
from app.factors import APP, EnrolledFactor, FactorRegistry
from app.shanghai_time import now_ms

OPERATOR_VERIFIED = "OPERATOR_VERIFIED"
OPERATOR_LOCKOUT = "OPERATOR_LOCKOUT"
# The second step's types, in the order offered: a certificate first (no typing, so the CLI
# can confirm with it unattended), then codes, then a touch.
SECOND_TYPES = ("DIGITAL_CERTIFICATE", "OTP_APP", "FINGERPRINT")
TWO_CATEGORIES = "KNOWLEDGE+POSSESSION"
WITH_FINGERPRINT = "KNOWLEDGE+INHERENCE"


class OperatorCheckFailed(PosDeskError):
    """The password or the second factor was wrong, or too many were; `field` says which
    ("password", "factor", "locked_out" with `wait_s`, or "no_touch" when the reader was
    not touched or the check was cancelled: not an attempt)."""

    code = "operator_check"


@dataclass(frozen=True)
class StepUp:
    """What this profile can ask of its operator."""

    password: EnrolledFactor | None
    second: tuple[EnrolledFactor, ...]

    @property
    def possible(self) -> bool:
        return self.password is not None and bool(self.second)


@dataclass(frozen=True)
class Proof:
    """The result of asking: the categories proved (none when the profile cannot ask)."""

    operation: str
    categories: str | None
    at_ms: int

    @property
    def verified(self) -> bool:
        return self.categories in (TWO_CATEGORIES, WITH_FINGERPRINT)


def step_up(registry: FactorRegistry) -> StepUp:
    active = registry.active()
    password = next((f for f in active if f.type == "STATIC_PASSWORD"), None)
    second = tuple(sorted((f for f in active if f.type in SECOND_TYPES and f.held_by == APP),
                          key=lambda f: SECOND_TYPES.index(f.type)))
    return StepUp(password, second)


def unprotected(operation: str) -> Proof:
    """The proof when the profile cannot ask for two categories (see the module text)."""
    return Proof(operation, None, now_ms())


def verify_operator(registry: FactorRegistry, operation: str, password: str,
                    factor_id: int | None = None, code: str = "",
                    touch: str | None = None) -> Proof:
    """Check the password and one second factor (the first enrolled when `factor_id` is
    None): a code for an authenticator, a signature for a certificate, and for the
    fingerprint reader the outcome of a touch the caller asked for
    (`factors.touch_fingerprint`, off the GUI thread). Raises OperatorCheckFailed naming the
    wrong one; logs either way."""
    needed = step_up(registry)
    if not needed.possible:
        return unprotected(operation)
    factor = next((f for f in needed.second if factor_id in (None, f.id)), None)
    if factor is None:
        raise OperatorCheckFailed("That factor cannot confirm an operation.", field="factor")
    if factor.type == "FINGERPRINT" and touch not in (fingerprint_factor.MATCH,
                                                      fingerprint_factor.NO_MATCH):
        raise OperatorCheckFailed("The fingerprint reader was not touched; nothing changed.",
                                  field="no_touch")
    throttle = AttemptThrottle(registry.db, "stepup")
    _refuse_while_locked_out(registry, throttle, operation, factor)
    failures = throttle.count_attempt()     # first: a kill during the check still counts
    failed = _first_wrong(registry, factor, password, code, touch)
    if failed is None:
        with registry.db.atomic():
            throttle.succeeded()
            _log(registry, operation, factor, ok=True)
        return Proof(operation, _categories(factor), now_ms())
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


def _categories(factor: EnrolledFactor) -> str:
    return WITH_FINGERPRINT if factor.type == "FINGERPRINT" else TWO_CATEGORIES


def _first_wrong(registry: FactorRegistry, factor: EnrolledFactor, password: str,
                 code: str, touch: str | None) -> str | None:
    """"password" or "factor" for the first proof that failed; None when both held."""
    if not password_factor.verify_password(registry.store, password):
        return "password"
    if factor.type == "FINGERPRINT":
        ok = touch == fingerprint_factor.MATCH
    elif factor.type == "OTP_APP":
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
                        factor_categories=_categories(factor) if ok else None,
                        details=details)
