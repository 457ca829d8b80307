"""The command line's "confirm it is you" before a high-risk operation (spec 8, 12.4):
the app password and, for an authenticator, its current code, read with getpass on a
terminal or one line each from a pipe (never as arguments, which other users' process
lists show). A certificate signs a challenge with no typing; this computer's fingerprint
reader asks for a touch. See app/operator_check.py."""

from __future__ import annotations

import getpass
import sys

from app.errors import PosDeskError
from app.factors import FactorRegistry, touch_fingerprint
from app.fingerprint_factor import touch_hint
from app.operator_check import Proof, step_up, unprotected, verify_operator
from app.profile import Profile
from app.secrets import SecretStore


class NoAnswer(PosDeskError):
    code = "no_answer"


def read_secret(prompt: str, *, echo: bool = False) -> str:
    """getpass on a terminal; one line from a pipe."""
    if sys.stdin.isatty():
        return input(prompt) if echo else getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise NoAnswer("No answer was given (standard input ended); nothing changed.")
    return line.rstrip("\n")


def operator_proof(profile: Profile, operation: str) -> Proof:
    """Ask for two categories when this profile can; otherwise the unprotected proof."""
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    needed = step_up(registry)
    if not needed.possible:
        return unprotected(operation)
    factor = needed.second[0]
    print(f"This is a high-risk change ({operation}); confirm it is you.", file=sys.stderr)
    password = read_secret("Password: ")
    code = (read_secret(f"Code from {factor.label}: ", echo=True)
            if factor.type == "OTP_APP" else "")
    touch = None
    if factor.type == "FINGERPRINT":
        print(f"Touch {factor.facts.get('reader', 'the fingerprint reader')} within 30 s…",
              file=sys.stderr, flush=True)
        touch = touch_fingerprint(on_status=_say_hint)
    return verify_operator(registry, operation, password, factor.id, code, touch)


def _say_hint(status: str) -> None:
    if touch_hint(status):
        print(touch_hint(status), file=sys.stderr, flush=True)
