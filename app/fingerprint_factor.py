"""A fingerprint the operating system checks: the platform authenticator (spec 4.3, issue 5).

On Linux that is fprintd (devices/fingerprint.py): the OS enrols the fingers and matches
them; PosDesk only asks "does the person at this computer match a finger enrolled for this
user?" and keeps the answer, never a template (spec 4.3). Windows Hello and Touch ID need
native bindings this build does not ship; there `status()` says so plainly.

Such a fingerprint is a real INHERENCE check for what the app itself guards (the operator
check before exports and policy changes). For payment limits it adds nothing: the
institution receives no anti-replay attestation of a local match, so it does not count (VF-4).
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass

AUTHENTICATOR = "fprintd"
MATCH, NO_MATCH, CANCELLED, TIMED_OUT = "MATCH", "NO_MATCH", "CANCELLED", "TIMED_OUT"
TOUCH_TIMEOUT_S = 30.0


class FingerprintFactorError(ValueError):
    """The reader cannot be used now; the message says why and what to do, and `why` names
    it (devices.fingerprint's codes, or PlatformStatus.why) for a translated text."""

    code = "fingerprint"

    def __init__(self, message: str, why: str = "failed") -> None:
        super().__init__(message)
        self.message = message
        self.facts = {"why": why}


@dataclass(frozen=True)
class PlatformStatus:
    """What the OS offers: a reader (by name) with the user's enrolled fingers, or why not."""

    reader: str | None
    fingers: tuple[str, ...]
    problem: str
    why: str = ""           # unsupported, no_bus, no_service, no_reader, no_fingers, failed

    @property
    def usable(self) -> bool:
        return self.reader is not None and bool(self.fingers)


def status() -> PlatformStatus:
    """Ask the OS, with deadlines (a second or so when there is no service)."""
    if not sys.platform.startswith("linux"):
        system = platform.system() or "This system"
        return PlatformStatus(None, (), f"{system}'s biometric authenticator is not "
                              "supported by this build of PosDesk.", "unsupported")
    from devices import fingerprint as fp

    try:
        reader = fp.find_reader()
        fingers = fp.enrolled_fingers(reader)
    except fp.FingerprintUnavailable as exc:
        return PlatformStatus(None, (), str(exc), exc.why)
    except fp.FingerprintError as exc:
        return PlatformStatus(None, (), str(exc), exc.why)
    if not fingers:
        return PlatformStatus(reader.name, (), (
            f"{reader.name} has no finger enrolled for this user: enrol one in the system's "
            "settings (Users → Fingerprint Login) or with fprintd-enroll, then try again."),
            "no_fingers")
    return PlatformStatus(reader.name, fingers, "")


_HINTS = {
    "verify-retry-scan": "The scan was not clear: touch the reader again.",
    "verify-swipe-too-short": "The swipe was too short: swipe again.",
    "verify-finger-not-centered": "The finger was not centred: touch the reader again.",
    "verify-remove-and-retry": "Lift your finger, then touch the reader again.",
}


def touch_hint(reader_status: str) -> str:
    """What to tell the person for one of fprintd's in-between statuses ("" for the rest)."""
    return _HINTS.get(reader_status, "")


def check(*, on_status: Callable[[str], None] | None = None,
          cancelled: Callable[[], bool] = lambda: False,
          timeout_s: float = TOUCH_TIMEOUT_S) -> str:
    """One touch: MATCH, NO_MATCH, CANCELLED or TIMED_OUT. Blocks until then, so run it off
    the GUI thread. Raises FingerprintFactorError when the reader cannot be used."""
    if not sys.platform.startswith("linux"):
        found = status()
        raise FingerprintFactorError(found.problem, found.why)
    from devices import fingerprint as fp

    try:
        return fp.verify(fp.find_reader(), on_status=on_status, cancelled=cancelled,
                         timeout_s=timeout_s)
    except (fp.FingerprintUnavailable, fp.FingerprintError) as exc:
        raise FingerprintFactorError(str(exc), exc.why) from exc
