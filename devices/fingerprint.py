"""The OS fingerprint authenticator on Linux: fprintd (`net.reactivated.Fprint`) on the system
D-Bus, through jeepney (pure Python, already used by keyring's Secret Service backend).

fprintd owns the reader, the enrolled prints and their matching; this module only asks it
whether the person at the computer matches a print the OS enrolled for the current user.
No template, image or score ever reaches PosDesk (spec 4.3: the app never stores templates).
Enrolling fingers is the OS's job (GNOME Settings → Users → Fingerprint Login, or
`fprintd-enroll`).

Every call has a deadline, and a verification can be cancelled between the reader's
messages, so a device thread is never stuck on a finger that does not come.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from jeepney import DBusAddress, MatchRule, MessageType, Properties, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

SERVICE = "net.reactivated.Fprint"
MANAGER = DBusAddress("/net/reactivated/Fprint/Manager", SERVICE,
                      "net.reactivated.Fprint.Manager")
DEVICE_IFACE = "net.reactivated.Fprint.Device"
NO_PRINTS = "net.reactivated.Fprint.Error.NoEnrolledPrints"
CALL_TIMEOUT_S = 5.0

MATCH, NO_MATCH, CANCELLED, TIMED_OUT = "MATCH", "NO_MATCH", "CANCELLED", "TIMED_OUT"
# Statuses fprintd sends while a verification goes on: the person should try again.
RETRY_STATUSES = ("verify-retry-scan", "verify-swipe-too-short", "verify-finger-not-centered",
                  "verify-remove-and-retry")


class FingerprintUnavailable(OSError):
    """No system bus, no fprintd, or no reader: the message says which, `why` names it
    ("no_bus", "no_service", "no_reader") for a translated text."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


class FingerprintError(OSError):
    """The reader or fprintd failed during a check; `why` names it for a translated text:
    "timeout", "in_use", "permission", "no_fingers", "internal", "disconnected", "refused"."""

    def __init__(self, message: str, why: str = "refused") -> None:
        super().__init__(message)
        self.why = why


@dataclass(frozen=True)
class Reader:
    path: str
    name: str
    scan_type: str          # "press" or "swipe"

    @property
    def address(self) -> DBusAddress:
        return DBusAddress(self.path, SERVICE, DEVICE_IFACE)


@contextlib.contextmanager
def _system_bus() -> Iterator[DBusConnection]:
    try:
        conn = open_dbus_connection(bus="SYSTEM")
    except (OSError, KeyError, ValueError) as exc:
        raise FingerprintUnavailable(f"The system D-Bus is not reachable ({exc}), so the "
                                     "OS fingerprint service cannot be asked.", "no_bus") from exc
    try:
        yield conn
    finally:
        conn.close()


def _call(conn: DBusConnection, message: object) -> tuple[object, ...]:
    try:
        return tuple(unwrap_msg(conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)))
    except TimeoutError as exc:
        raise FingerprintError("The fingerprint service did not answer in time.",
                               "timeout") from exc


def find_reader() -> Reader:
    """The OS's default fingerprint reader, or FingerprintUnavailable saying why not."""
    with _system_bus() as conn:
        try:
            (path,) = _call(conn, new_method_call(MANAGER, "GetDefaultDevice"))
        except DBusErrorResponse as exc:
            if exc.name == "org.freedesktop.DBus.Error.ServiceUnknown":
                raise FingerprintUnavailable(
                    "The fingerprint service (fprintd) is not installed or not running.",
                    "no_service") from exc
            raise FingerprintUnavailable("No fingerprint reader is connected.",
                                         "no_reader") from exc
        device = DBusAddress(str(path), SERVICE, DEVICE_IFACE)
        name = _property(conn, device, "name") or "Fingerprint reader"
        scan_type = _property(conn, device, "scan-type") or "press"
        return Reader(str(path), name, scan_type)


def _property(conn: DBusConnection, device: DBusAddress, name: str) -> str:
    try:
        (value,) = _call(conn, Properties(device).get(name))
    except DBusErrorResponse:
        return ""
    return str(value[1]) if isinstance(value, tuple) else str(value)


def enrolled_fingers(reader: Reader) -> tuple[str, ...]:
    """The fingers the OS enrolled for the current user on this reader ("" = this user)."""
    with _system_bus() as conn:
        try:
            (fingers,) = _call(conn, new_method_call(reader.address, "ListEnrolledFingers",
                                                     "s", ("",)))
        except DBusErrorResponse as exc:
            if exc.name == NO_PRINTS:
                return ()
            raise FingerprintError(f"The fingerprint service refused: {exc.name}.") from exc
        return tuple(str(f) for f in fingers)    # type: ignore[attr-defined]


def verify(reader: Reader, *, on_status: Callable[[str], None] | None = None,
           cancelled: Callable[[], bool] = lambda: False, timeout_s: float = 30.0) -> str:
    """Ask the person to touch the reader until fprintd says match or no match.

    Returns MATCH, NO_MATCH, CANCELLED or TIMED_OUT. `on_status` hears fprintd's
    intermediate statuses (e.g. "verify-retry-scan") so a dialog can say "try again"."""
    with _system_bus() as conn:
        # No sender in the rule: signals carry fprintd's unique name, not its well-known one,
        # and jeepney's local filter compares them literally. The path is fprintd's alone.
        rule = MatchRule(type="signal", interface=DEVICE_IFACE, member="VerifyStatus",
                         path=reader.path)
        _call(conn, message_bus.AddMatch(rule))
        with conn.filter(rule, bufsize=16) as statuses:
            _device_call(conn, reader, "Claim", "")
            try:
                _device_call(conn, reader, "VerifyStart", "any")
                try:
                    return _await_result(conn, statuses, on_status, cancelled,
                                         time.monotonic() + timeout_s)
                finally:
                    _quietly(conn, reader, "VerifyStop")
            finally:
                _quietly(conn, reader, "Release")


def _device_call(conn: DBusConnection, reader: Reader, method: str, arg: str) -> None:
    try:
        _call(conn, new_method_call(reader.address, method, "s", (arg,)))
    except DBusErrorResponse as exc:
        short = str(exc.name).rsplit(".", 1)[-1]
        why, text = _REFUSALS.get(short, ("refused", f"The fingerprint service refused "
                                                     f"{method}: {short}."))
        raise FingerprintError(text, why) from exc


_REFUSALS = {
    "AlreadyInUse": ("in_use", "Another program is using the fingerprint reader; close it and "
                               "try again."),
    "PermissionDenied": ("permission", "The system did not allow this user to use the "
                                       "fingerprint reader."),
    "NoEnrolledPrints": ("no_fingers", "No finger is enrolled for this user: enrol one in the "
                                       "system's settings (Users → Fingerprint Login) or with "
                                       "fprintd-enroll."),
    "Internal": ("internal", "The fingerprint reader reported an internal error."),
}


def _await_result(conn: DBusConnection, statuses: object,
                  on_status: Callable[[str], None] | None, cancelled: Callable[[], bool],
                  deadline: float) -> str:
    while True:
        if cancelled():
            return CANCELLED
        if time.monotonic() >= deadline:
            return TIMED_OUT
        try:
            message = conn.recv_until_filtered(statuses, timeout=0.2)
        except TimeoutError:
            continue
        if message.header.message_type != MessageType.signal:
            continue
        result, done = str(message.body[0]), bool(message.body[1])
        if on_status is not None:
            on_status(result)
        if result == "verify-match":
            return MATCH
        if result == "verify-no-match":
            return NO_MATCH
        if result in ("verify-disconnected", "verify-unknown-error"):
            raise FingerprintError("The fingerprint reader was disconnected or failed; "
                                   "check it and try again.", "disconnected")
        if done:
            return NO_MATCH


def _quietly(conn: DBusConnection, reader: Reader, method: str) -> None:
    """Stop and release even after a failure; a reader left claimed blocks the OS login."""
    with contextlib.suppress(DBusErrorResponse, FingerprintError, OSError):
        _call(conn, new_method_call(reader.address, method))
