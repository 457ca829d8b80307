"""Guessing brakes for secrets typed into the app: the unlock and the operator check.

After `max_failures` consecutive failures further attempts are refused for a delay that
grows with each lockout (30 s, 60 s, 120 s … up to an hour). The counters live in the
profile's settings table under a prefix of their own, so quitting and restarting does not
reset a delay, and callers count a failure *before* checking the secret, so killing the app
mid-check does not undo it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from app.storage import get_setting, set_setting


@dataclass(frozen=True)
class LockPolicy:
    max_failures: int = 5
    first_delay_s: float = 30
    delay_factor: float = 2
    max_delay_s: float = 3600
    idle_lock_s: int = 300          # 0 = never lock when idle (used by the app lock only)

    def delay_s(self, lockouts_before: int) -> float:
        """The delay of the lockout that follows `lockouts_before` earlier ones."""
        if lockouts_before >= 64:       # far past any cap; avoids a huge power
            return float(self.max_delay_s)
        return float(min(self.first_delay_s * self.delay_factor ** lockouts_before,
                         self.max_delay_s))


DEFAULT_POLICY = LockPolicy()      # frozen, so one shared default is safe


class AttemptThrottle:
    """Failures, lockouts and the end of the running lockout, under `prefix.` settings."""

    def __init__(self, db: sqlite_utils.Database, prefix: str, policy: LockPolicy = DEFAULT_POLICY,
                 clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.policy = policy
        self._clock = clock
        self.failures_key = f"{prefix}.failures"      # consecutive, since a lockout or success
        self.lockouts_key = f"{prefix}.lockouts"      # since the last success (drives the delay)
        self.until_key = f"{prefix}.until_utc_ms"     # no attempt before this (0 = none)

    @property
    def failures(self) -> int:
        return self._int(self.failures_key)

    @property
    def lockouts(self) -> int:
        return self._int(self.lockouts_key)

    @property
    def failures_left(self) -> int:
        return 0 if self.wait_s() > 0 else max(self.policy.max_failures - self.failures, 0)

    def wait_s(self) -> float:
        """Seconds until another attempt is allowed (0 if allowed now).

        Never more than the running lockout's own delay: setting the clock back does not
        stretch a lockout (setting it forward can shorten one; without a trusted clock
        across restarts that cannot be prevented)."""
        until_ms = self._int(self.until_key)
        if until_ms <= 0:
            return 0.0
        remaining = (until_ms - self.now_ms()) / 1000
        if remaining <= 0:
            return 0.0
        return min(remaining, self.policy.delay_s(max(self.lockouts - 1, 0)))

    def count_attempt(self) -> int:
        """Count this attempt as a failure until it succeeds; returns the running count."""
        with self.db.atomic():
            failures = self.failures + 1
            set_setting(self.db, self.failures_key, str(failures))
        return failures

    def succeeded(self) -> None:
        """Clear every counter (the caller wraps this in its own transaction with its log)."""
        for key in (self.failures_key, self.lockouts_key, self.until_key):
            set_setting(self.db, key, "0")

    def lock_out_if_due(self, failures: int) -> float | None:
        """After a failed check: start a lockout when `failures` reached the limit and
        return its delay (the caller logs it in the same transaction), else None."""
        if failures < self.policy.max_failures:
            return None
        lockouts = self.lockouts
        delay = self.policy.delay_s(lockouts)
        set_setting(self.db, self.failures_key, "0")
        set_setting(self.db, self.lockouts_key, str(lockouts + 1))
        set_setting(self.db, self.until_key, str(self.now_ms() + round(delay * 1000)))
        return delay

    def now_ms(self) -> int:
        return round(self._clock() * 1000)

    def _int(self, key: str) -> int:
        value = get_setting(self.db, key, "0")
        try:
            return int(value or 0)
        except ValueError:      # damaged: read as 0 (whoever can edit the file can delete it)
            return 0
