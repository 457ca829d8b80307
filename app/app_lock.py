"""The app lock: a password (and, if enabled, a second factor) between the user and the data.

After `max_failures` consecutive failures further attempts are refused for a delay that
grows with each lockout (30 s, 60 s, 120 s … up to an hour; `app.attempt_throttle`, under
the `lock.` settings). Every outcome goes to the operation log; the password and the code
never do.

No Qt here: the clock is injectable, and the UI (ui/lock_dialog.py) only calls `attempt`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from app import oplog as ops
from app.attempt_throttle import DEFAULT_POLICY, AttemptThrottle, LockPolicy
from app.limits import INHERENCE, KNOWLEDGE, POSSESSION
from app.oplog import OperationLog
from app.storage import get_setting, set_setting

__all__ = ["AppLock", "LockPolicy", "UnlockResult", "idle_lock_s", "set_idle_lock_s"]

# Operation types (to move to app/oplog.py with the other constants).
APP_LOCKED = "APP_LOCKED"
APP_UNLOCKED = "APP_UNLOCKED"
UNLOCK_FAILED = "UNLOCK_FAILED"
UNLOCK_LOCKOUT = "UNLOCK_LOCKOUT"

IDLE_KEY = "lock.idle_s"              # the user's idle auto-lock choice (overrides the policy)

# `UnlockResult.problem` values (English, for logs and callers; the UI shows its own words).
PROBLEM_WRONG = "wrong password or code"
PROBLEM_CODE_REQUIRED = "second factor code required"
PROBLEM_LOCKED_OUT = "locked out; try again in {seconds} s"

LOCK_REASONS = ("idle", "manual", "start")
TARGET_TYPE = "app"


@dataclass(frozen=True)
class UnlockResult:
    ok: bool
    wait_s: float = 0.0          # seconds before another attempt is allowed
    failures_left: int = 0       # attempts left before a lockout (0 while locked out)
    problem: str | None = None   # one of the PROBLEM_* texts; None when ok


class AppLock:
    def __init__(
        self,
        db: sqlite_utils.Database,
        log: OperationLog,
        check_password: Callable[[str], bool],
        check_second: Callable[[str], bool] | None = None,
        policy: LockPolicy = DEFAULT_POLICY,
        clock: Callable[[], float] = time.time,
        second_category: str = POSSESSION,
    ) -> None:
        self.db = db
        self.second_category = second_category      # INHERENCE: a touch, not a code
        self.log = log
        self.policy = policy
        self._check_password = check_password
        self._check_second = check_second
        self._throttle = AttemptThrottle(db, "lock", policy, clock)
        self._locked = False

    # ----------------------------------------------------------------------- state

    @property
    def needs_second(self) -> bool:
        return self._check_second is not None

    @property
    def second_is_touch(self) -> bool:
        """The second step is a touch of the fingerprint reader: the caller asks for it
        (off the GUI thread) and passes its outcome as the second "code"."""
        return self.needs_second and self.second_category == INHERENCE

    @property
    def locked(self) -> bool:
        """True from `lock()` until a successful `attempt()` (in memory: a new start locks
        anew). Callers use it to ignore an idle timeout while already locked."""
        return self._locked

    @property
    def failures(self) -> int:
        return self._throttle.failures

    @property
    def lockouts(self) -> int:
        return self._throttle.lockouts

    @property
    def failures_left(self) -> int:
        return self._throttle.failures_left

    def wait_s(self) -> float:
        """Seconds until another attempt is allowed (0 if allowed now)."""
        return self._throttle.wait_s()

    @property
    def idle_lock_s(self) -> int:
        """Idle time before the app locks itself (0 = never): the user's choice if saved."""
        return idle_lock_s(self.db, self.policy)

    def set_idle_lock_s(self, seconds: int) -> None:
        set_idle_lock_s(self.db, self.log, seconds)

    # ----------------------------------------------------------------------- actions

    def lock(self, reason: str) -> bool:
        """Lock ("idle", "manual" or "start"); False (and nothing logged) if already locked."""
        if reason not in LOCK_REASONS:
            raise ValueError(f"unknown lock reason {reason!r}; expected one of {LOCK_REASONS}")
        if self._locked:
            return False
        self._locked = True
        self.log.append(APP_LOCKED, target_type=TARGET_TYPE, details={"reason": reason})
        return True

    def attempt(self, password: str, second_code: str | None = None) -> UnlockResult:
        """Try to unlock. Refused without checking while locked out; a missing second-factor
        code is refused without checking or counting (nothing was tried)."""
        wait = self.wait_s()
        if wait > 0:
            shown = math.ceil(wait)
            self.log.append(UNLOCK_FAILED, target_type=TARGET_TYPE, result="FAIL",
                            details={"refused": "locked_out", "wait_s": shown})
            return UnlockResult(False, wait, 0, PROBLEM_LOCKED_OUT.format(seconds=shown))
        if self.needs_second and not (second_code or "").strip():
            return UnlockResult(False, 0.0, self.failures_left, PROBLEM_CODE_REQUIRED)

        # Count first: a crash or kill during the (slow) check must not undo the failure.
        failures = self._throttle.count_attempt()

        ok = self._checks_pass(password, second_code)
        if ok:
            return self._succeeded()
        return self._failed(failures)

    # ----------------------------------------------------------------------- internals

    def _checks_pass(self, password: str, second_code: str | None) -> bool:
        # Both checks always run, so neither the answer nor its timing says which was wrong.
        password_ok = bool(self._check_password(password))
        if self._check_second is None:
            return password_ok
        second_ok = bool(self._check_second((second_code or "").strip()))
        return password_ok and second_ok

    def _succeeded(self) -> UnlockResult:
        factors = f"{KNOWLEDGE},{self.second_category}" if self.needs_second else KNOWLEDGE
        with self.db.atomic():
            self._throttle.succeeded()
            self.log.append(APP_UNLOCKED, target_type=TARGET_TYPE, factor_categories=factors)
        self._locked = False
        return UnlockResult(True, 0.0, self.policy.max_failures, None)

    def _failed(self, failures: int) -> UnlockResult:
        policy = self.policy
        with self.db.atomic():
            self.log.append(UNLOCK_FAILED, target_type=TARGET_TYPE, result="FAIL",
                            details={"failures": failures,
                                     "max_failures": policy.max_failures})
            lockouts = self.lockouts
            delay = self._throttle.lock_out_if_due(failures)
            if delay is None:
                return UnlockResult(False, 0.0, policy.max_failures - failures, PROBLEM_WRONG)
            self.log.append(UNLOCK_LOCKOUT, target_type=TARGET_TYPE, result="FAIL",
                            details={"delay_s": _whole(delay), "lockout": lockouts + 1,
                                     "failures": failures})
        return UnlockResult(False, delay, 0, PROBLEM_LOCKED_OUT.format(seconds=math.ceil(delay)))


def idle_lock_s(db: sqlite_utils.Database, policy: LockPolicy = DEFAULT_POLICY) -> int:
    """The saved idle time (0 = never), or the policy's default; readable without a lock
    (the Verification page shows and changes it)."""
    saved = get_setting(db, IDLE_KEY)
    try:
        return max(int(saved), 0) if saved is not None else policy.idle_lock_s
    except ValueError:
        return policy.idle_lock_s


def set_idle_lock_s(db: sqlite_utils.Database, log: OperationLog, seconds: int) -> None:
    seconds = max(int(seconds), 0)
    if seconds == idle_lock_s(db):
        return
    with db.atomic():
        set_setting(db, IDLE_KEY, str(seconds))
        log.append(ops.SETTINGS_CHANGED, target_type="setting", target_id=IDLE_KEY,
                   details={"idle_lock_s": seconds})


def _whole(seconds: float) -> int | float:
    return int(seconds) if float(seconds).is_integer() else seconds
