"""The app lock's state machine on a real profile database and operation log: five failures
lock out for 30 s, then 60 s, 120 s … up to an hour; a restart keeps the lockout; success
resets it; every outcome is logged and no password or code reaches the log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import oplog as ops
from app.app_lock import (
    APP_LOCKED,
    APP_UNLOCKED,
    PROBLEM_CODE_REQUIRED,
    PROBLEM_WRONG,
    UNLOCK_FAILED,
    UNLOCK_LOCKOUT,
    AppLock,
    LockPolicy,
)
from app.oplog import Actor, OplogEntry, entries, verify_chain
from app.profile import Profile, open_profile

PASSWORD = "Correct-Horse-7781"
WRONG = "Wrong-Guess-4410"
CODE = "482913"
WRONG_CODE = "730264"


class FakeClock:
    def __init__(self, start: float = 1_780_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Checker:
    """Compares with one right answer and remembers how often it was asked."""

    def __init__(self, right: str) -> None:
        self.right = right
        self.calls = 0

    def __call__(self, given: str) -> bool:
        self.calls += 1
        return given == self.right


@pytest.fixture
def shop(tmp_path: Path, actor: Actor) -> Iterator[Callable[[], Profile]]:
    """Opens the same profile folder, as a restart of the app would; closes what it opened."""
    opened: list[Profile] = []

    def open_again() -> Profile:
        for profile in opened:
            profile.close()
        opened.append(open_profile(tmp_path / "shop", actor))
        return opened[-1]

    yield open_again
    for profile in opened:
        profile.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _lock(profile: Profile, clock: FakeClock, *, second: bool = False,
          policy: LockPolicy | None = None) -> tuple[AppLock, Checker, Checker | None]:
    password = Checker(PASSWORD)
    code = Checker(CODE) if second else None
    lock = AppLock(profile.db, profile.oplog, password, code, policy or LockPolicy(), clock)
    return lock, password, code


def _logged(profile: Profile, *types: str) -> list[OplogEntry]:
    wanted = set(types)
    return [e for e in reversed(entries(profile.db, limit=10_000)) if e.op_type in wanted]


def _fail(lock: AppLock, times: int) -> None:
    for _ in range(times):
        assert not lock.attempt(WRONG).ok


def test_right_password_unlocks_and_is_logged(shop: Callable[[], Profile],
                                              clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock)
    assert lock.lock("start") and lock.locked
    result = lock.attempt(PASSWORD)
    assert result.ok and result.problem is None and result.wait_s == 0
    assert not lock.locked
    locked, unlocked = _logged(profile, APP_LOCKED, APP_UNLOCKED)
    assert (locked.op_type, locked.result, locked.details) == (APP_LOCKED, "SUCCESS",
                                                               {"reason": "start"})
    assert (unlocked.result, unlocked.factor_categories_used) == ("SUCCESS", "KNOWLEDGE")
    assert not lock.needs_second


def test_five_failures_lock_out_for_30_seconds(shop: Callable[[], Profile],
                                              clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock)
    lefts = [lock.attempt(WRONG).failures_left for _ in range(4)]
    assert lefts == [4, 3, 2, 1]
    assert lock.wait_s() == 0
    fifth = lock.attempt(WRONG)
    assert (fifth.ok, fifth.wait_s, fifth.failures_left) == (False, 30, 0)
    assert fifth.problem == "locked out; try again in 30 s"
    assert lock.wait_s() == 30 and lock.failures == 0 and lock.lockouts == 1

    failed = _logged(profile, UNLOCK_FAILED)
    assert [e.details["failures"] for e in failed] == [1, 2, 3, 4, 5]
    assert {e.result for e in failed} == {"FAIL"}
    (lockout,) = _logged(profile, UNLOCK_LOCKOUT)
    assert lockout.result == "FAIL" and lockout.details["delay_s"] == 30

    clock.advance(29.5)
    assert lock.wait_s() == pytest.approx(0.5)
    clock.advance(0.5)
    assert lock.wait_s() == 0
    assert lock.attempt(WRONG).failures_left == 4        # a fresh round of five


def test_attempts_while_locked_out_are_refused_unchecked_and_uncounted(
        shop: Callable[[], Profile], clock: FakeClock) -> None:
    profile = shop()
    lock, password, _ = _lock(profile, clock)
    _fail(lock, 5)
    asked = password.calls
    clock.advance(10)
    refused = lock.attempt(PASSWORD)                     # even the right one
    assert not refused.ok and refused.wait_s == pytest.approx(20)
    assert refused.problem == "locked out; try again in 20 s"
    assert password.calls == asked                       # not even checked
    assert (lock.failures, lock.lockouts) == (0, 1)
    assert lock.wait_s() == pytest.approx(20)            # not extended either
    assert _logged(profile, UNLOCK_FAILED)[-1].details == {"refused": "locked_out",
                                                           "wait_s": 20}
    clock.advance(20)
    assert lock.attempt(PASSWORD).ok


def test_delays_double_and_stop_at_an_hour(shop: Callable[[], Profile],
                                           clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock)
    delays = []
    for _ in range(10):
        _fail(lock, 5)
        delays.append(lock.wait_s())
        clock.advance(lock.wait_s())
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert [e.details["delay_s"] for e in _logged(profile, UNLOCK_LOCKOUT)] == delays


def test_a_restart_keeps_the_lockout(shop: Callable[[], Profile], clock: FakeClock) -> None:
    lock, _, _ = _lock(shop(), clock)
    _fail(lock, 5)
    clock.advance(30)
    _fail(lock, 7)                                       # second lockout, 2 more refused
    clock.advance(15)
    assert lock.wait_s() == pytest.approx(45)

    again = shop()                                       # quit and start the app again
    lock, password, _ = _lock(again, clock)
    assert lock.wait_s() == pytest.approx(45)
    assert not lock.attempt(PASSWORD).ok and password.calls == 0
    clock.advance(45)
    _fail(lock, 5)                                       # the third lockout: 120 s
    assert lock.wait_s() == 120


def test_failures_before_a_lockout_survive_a_restart(shop: Callable[[], Profile],
                                                     clock: FakeClock) -> None:
    lock, _, _ = _lock(shop(), clock)
    _fail(lock, 3)
    lock, _, _ = _lock(shop(), clock)
    assert lock.failures_left == 2
    _fail(lock, 2)
    assert lock.wait_s() == 30


def test_success_resets_failures_and_the_delay(shop: Callable[[], Profile],
                                               clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock)
    for _ in range(2):
        _fail(lock, 5)
        clock.advance(lock.wait_s())
    _fail(lock, 3)
    assert lock.attempt(PASSWORD).ok
    assert (lock.failures, lock.lockouts, lock.failures_left) == (0, 0, 5)
    _fail(lock, 5)
    assert lock.wait_s() == 30                           # back to the first delay


def test_setting_the_clock_back_does_not_stretch_a_lockout(
        shop: Callable[[], Profile], clock: FakeClock) -> None:
    lock, _, _ = _lock(shop(), clock)
    _fail(lock, 5)
    clock.advance(-86_400)
    assert lock.wait_s() == 30


def test_a_failure_is_counted_before_the_check(shop: Callable[[], Profile],
                                               clock: FakeClock) -> None:
    """Killing the app during a slow check must not undo the attempt."""
    profile = shop()

    def crashes(_: str) -> bool:
        raise RuntimeError("killed mid-check")

    lock = AppLock(profile.db, profile.oplog, crashes, clock=clock)
    with pytest.raises(RuntimeError):
        lock.attempt(WRONG)
    lock, _, _ = _lock(shop(), clock)
    assert lock.failures == 1 and lock.failures_left == 4


def test_second_factor_both_must_be_right_and_neither_is_named(
        shop: Callable[[], Profile], clock: FakeClock) -> None:
    profile = shop()
    lock, password, code = _lock(profile, clock, second=True)
    assert code is not None and lock.needs_second

    missing = lock.attempt(PASSWORD)
    assert (missing.ok, missing.problem, missing.failures_left) == (False,
                                                                    PROBLEM_CODE_REQUIRED, 5)
    assert password.calls == 0 and lock.failures == 0    # nothing was tried

    wrong_code = lock.attempt(PASSWORD, WRONG_CODE)
    wrong_password = lock.attempt(WRONG, CODE)
    assert wrong_code.problem == wrong_password.problem == PROBLEM_WRONG
    assert (password.calls, code.calls) == (2, 2)        # both always checked
    assert lock.failures_left == 3

    assert lock.attempt(PASSWORD, CODE).ok
    (unlocked,) = _logged(profile, APP_UNLOCKED)
    assert unlocked.factor_categories_used == "KNOWLEDGE,POSSESSION"


def test_lock_reasons_are_logged_once(shop: Callable[[], Profile], clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock)
    assert lock.lock("manual")
    assert not lock.lock("idle")                         # already locked: not logged again
    assert lock.attempt(PASSWORD).ok
    assert lock.lock("idle")
    assert [e.details["reason"] for e in _logged(profile, APP_LOCKED)] == ["manual", "idle"]
    with pytest.raises(ValueError):
        lock.lock("because")


def test_idle_time_defaults_to_the_policy_and_the_choice_persists(
        shop: Callable[[], Profile], clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock, policy=LockPolicy(idle_lock_s=120))
    assert lock.idle_lock_s == 120
    lock.set_idle_lock_s(0)
    assert _logged(profile, ops.SETTINGS_CHANGED)[-1].details == {"idle_lock_s": 0}
    lock, _, _ = _lock(shop(), clock)
    assert lock.idle_lock_s == 0


def test_no_password_or_code_reaches_the_database_log(shop: Callable[[], Profile],
                                                      clock: FakeClock) -> None:
    profile = shop()
    lock, _, _ = _lock(profile, clock, second=True)
    lock.lock("start")
    lock.attempt(WRONG, WRONG_CODE)
    lock.attempt(PASSWORD, WRONG_CODE)
    for _ in range(3):
        lock.attempt(WRONG, CODE)
    lock.attempt(PASSWORD, CODE)                         # refused: locked out
    clock.advance(30)
    assert lock.attempt(PASSWORD, CODE).ok

    for table in ("oplog", "settings"):
        rows = profile.db.execute(f"SELECT * FROM {table}").fetchall()
        assert rows
        text = "\n".join(str(value) for row in rows for value in row)
        for secret in (PASSWORD, WRONG, CODE, WRONG_CODE):
            assert secret not in text, f"{secret!r} found in {table}"
    types = [e.op_type for e in _logged(profile, APP_LOCKED, APP_UNLOCKED, UNLOCK_FAILED,
                                        UNLOCK_LOCKOUT)]
    assert types == [APP_LOCKED, *[UNLOCK_FAILED] * 5, UNLOCK_LOCKOUT, UNLOCK_FAILED,
                     APP_UNLOCKED]
    assert verify_chain(profile.db).ok


def test_policy_delays() -> None:
    policy = LockPolicy(first_delay_s=10, delay_factor=3, max_delay_s=100)
    assert [policy.delay_s(n) for n in range(5)] == [10, 30, 90, 100, 100]
    assert LockPolicy().delay_s(10_000) == 3600
