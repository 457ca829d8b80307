"""The unlock password: only an argon2id hash in the keyring, weak passwords refused with the
reason, a change needs the current password, old hashes upgraded on use."""

from __future__ import annotations

import os

import keyring
import pytest
from argon2 import PasswordHasher, Type

from app.password_factor import (
    PASSWORD_PURPOSE,
    PasswordEntryDamaged,
    Strength,
    WeakPassword,
    WrongPassword,
    clear_password,
    has_password,
    set_password,
    strength,
    verify_password,
)
from app.secrets import SERVICE, SecretStore
from tests.conftest import MemoryKeyring

GOOD = "Zebra-Cloud-77"
OTHER = "Maple;Harbour;42"
ENTRY = (SERVICE, PASSWORD_PURPOSE)


def test_only_an_argon2id_hash_is_stored(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert not has_password(store)
    assert set_password(store, GOOD) is None
    assert has_password(store)
    assert list(memory_keyring.entries) == [ENTRY]
    stored = memory_keyring.entries[ENTRY]
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=2$")
    assert GOOD not in stored and GOOD.lower() not in stored.lower()
    assert verify_password(store, GOOD) is True
    assert verify_password(store, GOOD.lower()) is False
    assert verify_password(store, "") is False


def test_the_same_password_gets_a_new_salt_each_time(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    set_password(store, GOOD)
    first = memory_keyring.entries[ENTRY]
    clear_password(store)
    set_password(store, GOOD)
    assert memory_keyring.entries[ENTRY] != first


def test_no_password_set_verifies_nothing(memory_keyring: MemoryKeyring) -> None:
    assert verify_password(SecretStore(), GOOD) is False
    assert memory_keyring.entries == {}


def test_changing_the_password_needs_the_current_one(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    set_password(store, GOOD)
    before = memory_keyring.entries[ENTRY]
    with pytest.raises(WrongPassword, match="current password is wrong"):
        set_password(store, OTHER)
    with pytest.raises(WrongPassword):
        set_password(store, OTHER, current="Zebra-Cloud-78")
    assert memory_keyring.entries[ENTRY] == before
    set_password(store, OTHER, current=GOOD)
    assert verify_password(store, OTHER) is True
    assert verify_password(store, GOOD) is False


def test_a_weak_password_is_refused_with_the_reason(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    with pytest.raises(WeakPassword, match="contains only digits") as caught:
        set_password(store, "20240131")
    assert caught.value.problems == ("it contains only digits",)
    assert isinstance(caught.value, ValueError)
    assert not has_password(store)
    with pytest.raises(WeakPassword, match="too short"):
        set_password(store, "Ab1!")
    assert memory_keyring.entries == {}


def test_a_weak_new_password_keeps_the_old_one(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    set_password(store, GOOD)
    with pytest.raises(WeakPassword, match="commonly used"):
        set_password(store, "password", current=GOOD)
    assert verify_password(store, GOOD) is True


@pytest.mark.parametrize(("password", "problem"), [
    ("", "too short (0 characters; at least 8 are needed)"),
    ("Ab1!xyz", "too short (7 characters; at least 8 are needed)"),
    ("20240131", "contains only digits"),
    ("123456", "one of the most commonly used passwords"),
    ("88888888", "one of the most commonly used passwords"),
    ("QWERTY", "one of the most commonly used passwords"),
    ("iloveyou", "one of the most commonly used passwords"),
    ("woaini1314", "one of the most commonly used passwords"),
    ("a1b2c3d4", "one of the most commonly used passwords"),
    ("Password2024!", "commonly used password with digits or symbols added"),
    ("aaaaaaaaaa", "repeats the same character or pattern"),
    ("xyzxyzxyz", "repeats the same character or pattern"),
    ("a1a1a1a1", "repeats the same character or pattern"),
    ("abcdefghij", "run of consecutive characters"),
    ("98765432", "run of consecutive characters"),
    ("zebracloud", "only one kind of character"),
    ("ZEBRACLOUD", "only one kind of character"),
])
def test_unacceptable_passwords_say_why(password: str, problem: str) -> None:
    rating = strength(password)
    assert not rating.acceptable
    assert any(problem in text for text in rating.problems), rating.problems
    assert 0 <= rating.score <= 1


@pytest.mark.parametrize(("password", "score"), [
    ("zebraCloud", 2),
    ("zebraCloud7", 3),
    ("Zebra-Cloud-77", 4),
    ("correcthorsebatterystaple", 4),
    ("Tr0ub4dor&3", 3),
])
def test_acceptable_passwords_have_no_problems(password: str, score: int) -> None:
    assert strength(password) == Strength(score=score, acceptable=True, problems=())


def test_several_blocking_problems_score_zero() -> None:
    rating = strength("9999")
    assert rating.score == 0
    assert rating.problems == ("it is too short (4 characters; at least 8 are needed)",
                               "it contains only digits",
                               "it repeats the same character or pattern")


def test_an_old_hash_is_upgraded_on_a_correct_password(memory_keyring: MemoryKeyring) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1, type=Type.ID)
    memory_keyring.entries[ENTRY] = old = weak.hash(GOOD)
    store = SecretStore()
    assert verify_password(store, "wrong-guess-1") is False
    assert memory_keyring.entries[ENTRY] == old
    assert verify_password(store, GOOD) is True
    upgraded = memory_keyring.entries[ENTRY]
    assert upgraded.startswith("$argon2id$v=19$m=65536,t=3,p=2$")
    assert verify_password(store, GOOD) is True
    assert memory_keyring.entries[ENTRY] == upgraded    # current parameters: left alone


def test_clearing_removes_the_entry(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    set_password(store, GOOD)
    clear_password(store)
    assert memory_keyring.entries == {}
    assert not has_password(store)
    assert verify_password(store, GOOD) is False
    clear_password(store)                  # nothing to clear: still fine
    set_password(store, OTHER)             # after a reset no current password is asked
    assert verify_password(store, OTHER) is True


def test_a_damaged_entry_is_named_not_taken_for_a_wrong_password(
        memory_keyring: MemoryKeyring) -> None:
    memory_keyring.entries[ENTRY] = "plain text, not a hash"
    with pytest.raises(PasswordEntryDamaged, match="'app-password' is damaged"):
        verify_password(SecretStore(), GOOD)


def test_the_password_appears_in_no_returned_value(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    secret = "Unique-Secret-5521"
    returned = [set_password(store, secret), has_password(store),
                verify_password(store, secret), strength(secret)]
    assert all(secret not in repr(value) for value in returned)
    assert all(secret not in value for value in memory_keyring.entries.values())
    weak = "zzzzzzzzzzzz"
    with pytest.raises(WeakPassword) as caught:
        set_password(store, weak, current=secret)
    assert weak not in str(caught.value) and weak not in repr(strength(weak))


@pytest.mark.secret_service
@pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                    reason="run through scripts/run-tests.sh for the real Secret Service")
def test_password_round_trip_through_the_real_keyring() -> None:
    store = SecretStore()
    if has_password(store):
        pytest.skip("this keyring already holds a PosDesk password; not touching it")
    set_password(store, GOOD)
    try:
        assert keyring.get_password(SERVICE, PASSWORD_PURPOSE).startswith("$argon2id$")
        assert verify_password(store, GOOD) is True
        assert verify_password(store, OTHER) is False
    finally:
        clear_password(store)
    assert keyring.get_password(SERVICE, PASSWORD_PURPOSE) is None
    assert not has_password(store)
