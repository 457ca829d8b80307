"""The app's unlock password, also the static-password factor (KNOWLEDGE, spec 4.1/4.3).

Only an argon2id hash is kept, in the OS keyring under PASSWORD_PURPOSE: the password itself
is never stored, logged or returned, so a copied keyring entry still has to be brute-forced
against a memory-hard hash. Weak passwords are refused with the reason in plain English,
because a knowledge factor that anyone can guess adds no independent category (Art. 22).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from itertools import pairwise

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.secrets import SecretStore

PASSWORD_PURPOSE = "app-password"
MIN_LENGTH = 8
# A long passphrase is strong without mixing character kinds (NIST SP 800-63B), so the
# "one kind of character" advice stops at this length.
PASSPHRASE_LENGTH = 16

# OWASP's argon2id baseline is m=19 MiB, t=2; these are stronger and take about 0.1 s here,
# which an unlock once per session can afford.
_HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2,
                         hash_len=32, salt_len=16, type=Type.ID)

# The most used passwords (global and Chinese leak lists); compared in lower case.
COMMON_PASSWORDS = frozenset({
    "123456", "1234567", "12345678", "123456789", "1234567890", "654321", "987654321",
    "111111", "11111111", "000000", "00000000", "666666", "888888", "88888888", "123123",
    "112233", "147258369", "5201314", "520520", "woaini1314", "woaini", "iloveyou",
    "password", "password1", "passw0rd", "qwerty", "qwerty123", "qwertyuiop", "asdfghjkl",
    "zxcvbnm", "1qaz2wsx", "1q2w3e4r", "q1w2e3r4", "abc123", "abcd1234", "a1b2c3d4",
    "aa123456", "qq123456", "admin", "admin123", "root", "welcome", "letmein", "monkey",
    "dragon", "sunshine", "football", "baseball", "princess", "master", "shadow",
    "superman", "trustno1", "posdesk",
})


class PasswordError(ValueError):
    """Base of this module's errors; the message names the problem for the user."""


class WrongPassword(PasswordError):
    pass


class WeakPassword(PasswordError):
    def __init__(self, message: str, problems: tuple[str, ...]) -> None:
        super().__init__(message)
        self.problems = problems


class PasswordEntryDamaged(PasswordError):
    pass


@dataclass(frozen=True)
class Strength:
    """How guessable a password is: score 0 (trivial) to 4, and why, in plain English."""

    score: int
    acceptable: bool
    problems: tuple[str, ...]


def has_password(store: SecretStore) -> bool:
    return store.get(PASSWORD_PURPOSE) is not None


def set_password(store: SecretStore, new: str, *, current: str | None = None) -> None:
    """Set or change the password. Changing one needs the current one, so a person who finds
    the app unlocked cannot lock its owner out; a forgotten one goes through clear_password."""
    if has_password(store) and (current is None or not verify_password(store, current)):
        raise WrongPassword("The current password is wrong, so the password was not changed.")
    rating = strength(new)
    if not rating.acceptable:
        raise WeakPassword("This password is too easy to guess: " + "; ".join(rating.problems)
                           + ".", rating.problems)
    store.put(PASSWORD_PURPOSE, _HASHER.hash(new))


def verify_password(store: SecretStore, candidate: str) -> bool:
    """True when `candidate` is the password. A hash made with older parameters is replaced
    by one with today's, so raising the cost reaches every existing password on next use."""
    stored = store.get(PASSWORD_PURPOSE)
    if stored is None:
        return False
    try:
        _HASHER.verify(stored, candidate)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError) as exc:
        raise PasswordEntryDamaged(
            f"The saved password in the keyring entry {PASSWORD_PURPOSE!r} is damaged or not "
            "an argon2 hash; reset the password to set a new one.") from exc
    if _HASHER.check_needs_rehash(stored):
        store.put(PASSWORD_PURPOSE, _HASHER.hash(candidate))
    return True


def clear_password(store: SecretStore) -> None:
    """Remove the password (a reset). Who may do that is the caller's decision."""
    store.delete(PASSWORD_PURPOSE)


def strength(password: str) -> Strength:
    """Rate a password. Blocking problems (short, digits only, common, a pattern) make it
    unacceptable whatever its score; the rest lower the score."""
    blocking = _blocking_problems(password)
    advice = _advice(password) if not blocking else []
    score = _score(password, blocking, advice)
    return Strength(score=score, acceptable=not blocking and score >= 2,
                    problems=tuple(blocking + advice))


def _blocking_problems(password: str) -> list[str]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"it is too short ({len(password)} characters; at least "
                        f"{MIN_LENGTH} are needed)")
    if password.isdecimal():
        problems.append("it contains only digits")
    common = _common_kind(password)
    if common:
        problems.append(common)
    elif _is_repetition(password):
        problems.append("it repeats the same character or pattern")
    elif _is_sequence(password):
        problems.append("it is a run of consecutive characters (like 1234 or abcd)")
    return problems


def _advice(password: str) -> list[str]:
    if len(password) < PASSPHRASE_LENGTH and _kinds(password) < 2:
        return ["it uses only one kind of character (mix letters with digits or symbols, "
                f"or use a passphrase of {PASSPHRASE_LENGTH} or more characters)"]
    return []


def _score(password: str, blocking: list[str], advice: list[str]) -> int:
    if blocking:
        return 0 if len(blocking) > 1 or _common_kind(password) else 1
    by_length = 2 if len(password) < 12 else 3 if len(password) < PASSPHRASE_LENGTH else 4
    bonus = 1 if _kinds(password) >= 3 else 0
    return max(0, min(4, by_length + bonus - len(advice)))


def _common_kind(password: str) -> str:
    """The problem text when the password is, or merely decorates, a common password."""
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS:
        return "it is one of the most commonly used passwords"
    core = lowered.strip(string.digits + string.punctuation + " ")
    if len(core) >= 4 and core in COMMON_PASSWORDS:
        return "it is a commonly used password with digits or symbols added"
    return ""


def _is_repetition(password: str) -> bool:
    """True for 'aaaaaaaa', 'abcabcabc', 'a1a1a1a1': one short unit repeated."""
    size = len(password)
    return size > 1 and any(size % unit == 0 and password == password[:unit] * (size // unit)
                            for unit in range(1, size // 2 + 1))


def _is_sequence(password: str) -> bool:
    """True for '12345678', 'hgfedcba': each character one above (or below) the previous."""
    steps = {ord(b) - ord(a) for a, b in pairwise(password)}
    return len(password) >= 3 and steps in ({1}, {-1})


def _kinds(password: str) -> int:
    """How many kinds of character: lower case, upper case, digits, anything else (symbols,
    spaces, and scripts without case such as Chinese)."""
    kinds = {"lower" if c.islower() else "upper" if c.isupper()
             else "digit" if c.isdecimal() else "other" for c in password}
    return len(kinds)
