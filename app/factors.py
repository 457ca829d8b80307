"""The merchant's verification factors (spec 4): enrol, test, rename, remove, and the tier
they give together.

A row in `verification_factor` says what a factor is, who holds it and where it lives; never
a secret. App-held secrets (the password's argon2id hash, the TOTP seed, a certificate's
private key) live in the OS keyring through the three factor modules. Factors the institution
holds (SMS codes, its hardware token, a biometric registered with it) are recorded by type
and category only. Every add, change, removal and test goes to the operation log (spec 8,
items 2 and 7); a failed test is logged as FAIL without the value tried.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from app import certificate_factor, fingerprint_factor, password_factor, totp_factor
from app.errors import PosDeskError
from app.limits import FACTOR_TYPES, POSSESSION, Factor, effective_factors, tier
from app.oplog import OperationLog
from app.secrets import ProfileSecrets, SecretStore
from app.shanghai_time import now_ms
from app.storage import get_setting, secret_scope, set_setting

APP, INSTITUTION = "APP", "INSTITUTION"
THIS_COMPUTER, PHONE, TOKEN = "THIS_COMPUTER", "PHONE", "HARDWARE_TOKEN"
DEVICES = (THIS_COMPUTER, PHONE, TOKEN, INSTITUTION)
PAYING_DEVICE_KEY = "factors.paying_device"
# Types the institution holds: recorded without any secret here.
INSTITUTION_TYPES = ("OTP_SMS", "OTP_HW_TOKEN", "SECURITY_QUESTION", "FINGERPRINT", "FACE",
                     "VOICE", "IRIS")

FACTOR_ENROLLED = "FACTOR_ENROLLED"
FACTOR_CHANGED = "FACTOR_CHANGED"
FACTOR_REMOVED = "FACTOR_REMOVED"
FACTOR_TESTED = "FACTOR_TESTED"
PASSWORD_CHANGED = "PASSWORD_CHANGED"


class FactorError(PosDeskError):
    code = "factor"


@contextlib.contextmanager
def _named_errors() -> Iterator[None]:
    """The factor modules raise ValueError subclasses; callers get one error type whose
    message already names the problem (file, field, what to do)."""
    try:
        yield
    except (password_factor.PasswordError, totp_factor.TotpError,
            certificate_factor.CertificateError, fingerprint_factor.FingerprintFactorError) \
            as exc:
        facts = dict(getattr(exc, "facts", {}))          # the fingerprint's `why`
        raise FactorError(str(exc), kind=type(exc).__name__, **facts) from exc


@dataclass(frozen=True)
class EnrolledFactor:
    id: int
    type: str
    label: str
    held_by: str
    device: str
    facts: dict[str, str]
    secret_ref: str | None
    status: str
    created_at_utc_ms: int
    tested_at_utc_ms: int | None
    test_result: str | None

    @property
    def category(self) -> str | None:
        return FACTOR_TYPES[self.type].category

    @property
    def testable(self) -> bool:
        """The app can test what it holds; the institution tests the rest."""
        return self.held_by == APP


@dataclass(frozen=True)
class FactorSummary:
    """What the enrolled factors give together, honestly (spec 4.4, VF-2, VF-3)."""

    tier: str
    categories: tuple[str, ...]
    counted: tuple[str, ...]          # factor types that count
    notes: tuple[str, ...]            # why some do not count
    warnings: tuple[str, ...]         # independence problems (Art. 22)


def platform_status() -> fingerprint_factor.PlatformStatus:
    """The OS fingerprint authenticator, if this computer offers one PosDesk can use
    (fprintd on Linux). Asks the OS; takes up to a second or two when nothing answers."""
    return fingerprint_factor.status()


def touch_fingerprint(*, on_status: Callable[[str], None] | None = None,
                      cancelled: Callable[[], bool] = lambda: False,
                      timeout_s: float = fingerprint_factor.TOUCH_TIMEOUT_S) -> str:
    """One touch of the OS reader (MATCH, NO_MATCH, CANCELLED or TIMED_OUT). Blocks until
    then and touches no database, so the window runs it off the GUI thread."""
    with _named_errors():
        return fingerprint_factor.check(on_status=on_status, cancelled=cancelled,
                                        timeout_s=timeout_s)


def enrolled_types(db: sqlite_utils.Database) -> tuple[str, ...]:
    """The factor types in use (no secret is read): what the Limits page's what-if and
    tier hint start from."""
    rows = db.execute(
        "SELECT DISTINCT type FROM verification_factor WHERE status = 'ACTIVE'").fetchall()
    return tuple(str(row[0]) for row in rows)


def institution_biometric_note(problem: str) -> str:
    """Why a fingerprint or face is then recorded as the institution's, and what that means."""
    return (f"{problem} A fingerprint or face can still be recorded as registered with your "
            "institution; it counts only as the institution reports it.")


_COLUMNS = ("id", "type", "label", "held_by", "device", "facts_json", "secret_ref", "status",
            "created_at_utc_ms", "tested_at_utc_ms", "test_result")


class FactorRegistry:
    """The use cases behind the Verification page and `posdesk factors`."""

    def __init__(self, db: sqlite_utils.Database, log: OperationLog,
                 store: SecretStore) -> None:
        self.db, self.log = db, log
        self.store = ProfileSecrets(store, secret_scope(db))

    # -- reading ------------------------------------------------------------------------

    def active(self) -> list[EnrolledFactor]:
        rows = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM verification_factor "
                               "WHERE status = 'ACTIVE' ORDER BY id").fetchall()
        return [_factor(row) for row in rows]

    def get(self, factor_id: int) -> EnrolledFactor:
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM verification_factor "
                              "WHERE id = ? AND status = 'ACTIVE'", [factor_id]).fetchone()
        if row is None:
            raise FactorError(f"No verification factor {factor_id}: run `posdesk factors "
                              "list` to see their numbers.", factor_id=factor_id)
        return _factor(row)

    @property
    def paying_device(self) -> str:
        """Where the merchant makes payments: an OTP arriving there does not count (VF-2)."""
        return get_setting(self.db, PAYING_DEVICE_KEY, THIS_COMPUTER) or THIS_COMPUTER

    def set_paying_device(self, device: str) -> None:
        _check_device(device)
        if device != self.paying_device:
            with self.db.atomic():
                set_setting(self.db, PAYING_DEVICE_KEY, device)
                self.log.append(FACTOR_CHANGED, target_type="factors", target_id="paying_device",
                                details={"paying_device": device})

    def summary(self) -> FactorSummary:
        return summarise(self.active(), self.paying_device)

    # -- enrolment ----------------------------------------------------------------------

    def set_password(self, new: str, current: str | None = None) -> EnrolledFactor:
        """Enrol or change the static password (also the app's unlock password)."""
        existing = self._password_row()
        try:
            with _named_errors():
                password_factor.set_password(self.store, new, current=current)
        except FactorError as exc:
            if exc.facts.get("kind") == "WrongPassword":
                self._log_test(existing, False, "change")
            raise
        with self.db.atomic():
            if existing is None:
                found = self._insert("STATIC_PASSWORD", "Password", APP, THIS_COMPUTER, {},
                                     password_factor.PASSWORD_PURPOSE)
            else:
                self._touch(existing.id)
                self.log.append(PASSWORD_CHANGED, target_type="factor",
                                target_id=str(existing.id), factor_categories="KNOWLEDGE")
                found = self.get(existing.id)
        return found

    def start_totp(self, label: str) -> totp_factor.TotpEnrolment:
        return totp_factor.new_enrolment(label.strip() or "PosDesk")

    def finish_totp(self, enrolment: totp_factor.TotpEnrolment, code: str, device: str,
                    label: str, *, now: float | None = None) -> EnrolledFactor:
        """Activate only when the first code is right: the app and the authenticator agree."""
        _check_device(device)
        try:
            with self.db.atomic():
                found = self._insert("OTP_APP", label, APP, device, {}, None)
                ref = str(found.id)
                totp_factor.activate(self.store, ref, enrolment, code, now=now)
                self.db.execute("UPDATE verification_factor SET secret_ref = ? WHERE id = ?",
                                [f"{totp_factor.PURPOSE}:{ref}", found.id])
        except totp_factor.WrongCode:
            self._log_test(None, False, "activation", "OTP_APP")
            raise FactorError("That code does not match: check the authenticator's clock "
                              "and type the code it shows now.") from None
        return self.get(found.id)

    def add_certificate(self, path: Path, password: str | None, label: str, *,
                        factor_type: str = "DIGITAL_CERTIFICATE",
                        now: dt.datetime | None = None) -> EnrolledFactor:
        if not FACTOR_TYPES[factor_type].is_certificate:
            raise FactorError(f"{factor_type} is not a certificate type.")
        with _named_errors():
            loaded = certificate_factor.load_certificate(path, password)
        with _named_errors(), self.db.atomic():
            found = self._insert(factor_type, label or loaded.facts.subject, APP,
                                 THIS_COMPUTER, {}, None)
            ref = str(found.id)
            facts = certificate_factor.enrol(self.store, ref, loaded, now=now)
            self.db.execute(
                "UPDATE verification_factor SET facts_json = ?, secret_ref = ? WHERE id = ?",
                [json.dumps(_cert_facts(facts), ensure_ascii=False),
                 f"{certificate_factor.PURPOSE}:{ref}", found.id])
        return self.get(found.id)

    def add_institution_factor(self, factor_type: str, label: str,
                               device: str) -> EnrolledFactor:
        """A factor the institution holds: no secret here, only what it is and where."""
        if factor_type not in INSTITUTION_TYPES:
            raise FactorError(f"{factor_type} is not held by the institution; one of "
                              f"{', '.join(INSTITUTION_TYPES)}.")
        _check_device(device)
        with self.db.atomic():
            return self._insert(factor_type, label, INSTITUTION, device, {}, None)

    def add_platform_fingerprint(self, label: str, *,
                                 on_status: Callable[[str], None] | None = None,
                                 cancelled: Callable[[], bool] = lambda: False,
                                 timeout_s: float = fingerprint_factor.TOUCH_TIMEOUT_S
                                 ) -> EnrolledFactor:
        """Touch, then record: the CLI's one call. Blocks for the touch; the window does
        the touch off the GUI thread (`touch_fingerprint`) and records on it."""
        status = self.platform_ready()
        outcome = touch_fingerprint(on_status=on_status, cancelled=cancelled,
                                    timeout_s=timeout_s)
        return self.enrol_platform_fingerprint(label, status, outcome, timeout_s)

    def platform_ready(self) -> fingerprint_factor.PlatformStatus:
        """The OS reader with an enrolled finger, or FactorError saying what is missing."""
        if any(f.type == "FINGERPRINT" and f.held_by == APP for f in self.active()):
            raise FactorError("This computer's fingerprint reader is already a factor; test "
                              "it or remove it first.", kind="AlreadyEnrolled")
        status = platform_status()
        if not status.usable:
            raise FactorError(status.problem, kind="PlatformUnavailable")
        return status

    def enrol_platform_fingerprint(self, label: str,
                                   status: fingerprint_factor.PlatformStatus, outcome: str,
                                   timeout_s: float = fingerprint_factor.TOUCH_TIMEOUT_S
                                   ) -> EnrolledFactor:
        """Record the OS's fingerprint check as a factor once a touch matched (as an
        authenticator activates only on a right code). The OS keeps the prints; the row
        names the reader and the fingers only."""
        self._require_match(None, "activation", outcome, timeout_s)
        with self.db.atomic():
            return self._insert("FINGERPRINT", label or "Fingerprint", APP, THIS_COMPUTER,
                                {"authenticator": fingerprint_factor.AUTHENTICATOR,
                                 "reader": str(status.reader),
                                 "fingers": ", ".join(status.fingers)}, None)

    def fingerprint_tested(self, factor_id: int, outcome: str) -> bool:
        """Log a touch of the reader as this factor's test; a cancel or no touch at all is
        not an attempt and raises instead."""
        found = self.get(factor_id)
        try:
            self._require_match(found, "test", outcome, fingerprint_factor.TOUCH_TIMEOUT_S)
        except FactorError as exc:
            if exc.facts.get("kind") == "NoMatch":
                return False
            raise
        self._log_test(found, True, "test")
        return True

    def _require_match(self, found: EnrolledFactor | None, purpose: str, outcome: str,
                       timeout_s: float) -> None:
        if outcome == fingerprint_factor.MATCH:
            return
        if outcome == fingerprint_factor.NO_MATCH:
            self._log_test(found, False, purpose, "FINGERPRINT")
            raise FactorError("That finger does not match one enrolled on this computer.",
                              kind="NoMatch")
        if outcome == fingerprint_factor.CANCELLED:
            raise FactorError("Cancelled; nothing was changed.", kind="Cancelled")
        raise FactorError(f"No finger touched the reader within {timeout_s:.0f} s; nothing "
                          "was changed.", kind="TimedOut")

    # -- changes ------------------------------------------------------------------------

    def rename(self, factor_id: int, label: str) -> EnrolledFactor:
        found = self.get(factor_id)
        label = label.strip()
        if not label:
            raise FactorError("A factor's name cannot be empty.")
        with self.db.atomic():
            self.db.execute("UPDATE verification_factor SET label = ?, updated_at_utc_ms = ? "
                            "WHERE id = ?", [label, now_ms(), factor_id])
            self.log.append(FACTOR_CHANGED, target_type="factor", target_id=str(factor_id),
                            details={"type": found.type, "label": [found.label, label]})
        return self.get(factor_id)

    def remove(self, factor_id: int, *, current_password: str | None = None) -> None:
        """Remove a factor and its secret. Removing the password needs the password: it is
        also the app lock, and this takes the lock away."""
        found = self.get(factor_id)
        if found.type == "STATIC_PASSWORD":
            if not current_password or not password_factor.verify_password(
                    self.store, current_password):
                self._log_test(found, False, "remove")
                raise FactorError("Type the current password to remove it.")
            password_factor.clear_password(self.store)
            set_setting(self.db, "lock.second_factor", "")     # no lock without a password
        elif found.type == "OTP_APP":
            totp_factor.remove(self.store, str(found.id))
        elif found.held_by == APP and FACTOR_TYPES[found.type].is_certificate:
            certificate_factor.remove(self.store, str(found.id))
        with self.db.atomic():
            if get_setting(self.db, "lock.second_factor") == str(factor_id):
                set_setting(self.db, "lock.second_factor", "")   # the unlock stops asking
            self.db.execute("UPDATE verification_factor SET status = 'REMOVED', secret_ref = "
                            "NULL, updated_at_utc_ms = ? WHERE id = ?", [now_ms(), factor_id])
            self.log.append(FACTOR_REMOVED, target_type="factor", target_id=str(factor_id),
                            details={"type": found.type, "label": found.label})

    def test(self, factor_id: int, answer: str = "", *, now: float | None = None,
             on_status: Callable[[str], None] | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Check the factor as a payment would: the password or code typed, a signature
        with the certificate's key, or a touch of the OS's fingerprint reader (blocks for
        it). Logged either way, never with the answer."""
        found = self.get(factor_id)
        if not found.testable:
            raise FactorError(f"{found.label} is held by your institution; it tests it when "
                              "you pay.")
        if found.type == "FINGERPRINT":
            return self.fingerprint_tested(found.id, touch_fingerprint(
                on_status=on_status, cancelled=cancelled))
        if found.type == "STATIC_PASSWORD":
            ok = password_factor.verify_password(self.store, answer)
        elif found.type == "OTP_APP":
            ok = totp_factor.verify(self.store, str(found.id), answer, now=now)
        else:
            moment = None if now is None else dt.datetime.fromtimestamp(now, dt.UTC)
            with _named_errors():
                ok = certificate_factor.prove_possession(self.store, str(found.id), now=moment)
        self._log_test(found, ok, "test")
        return ok

    def unlock_checkers(self) -> tuple[Callable[[str], bool], Callable[[str], bool] | None]:
        """(check_password, check_second) for the app lock. For an authenticator the second
        answer is its code; for the fingerprint reader, the outcome of a touch the lock
        screen asked for (`touch_fingerprint`)."""
        second = self.lock_second_factor()

        def check_password(text: str) -> bool:
            return password_factor.verify_password(self.store, text)

        def check_code(code: str) -> bool:
            return second is not None and totp_factor.verify(self.store, str(second.id), code)

        def check_touch(outcome: str) -> bool:
            return outcome == fingerprint_factor.MATCH

        if second is None:
            return check_password, None
        return check_password, (check_touch if second.type == "FINGERPRINT" else check_code)

    def lock_second_factor(self) -> EnrolledFactor | None:
        ref = get_setting(self.db, "lock.second_factor")
        if not ref:
            return None
        try:
            return self.get(int(ref))
        except FactorError:
            return None

    def set_lock_second_factor(self, factor_id: int | None) -> None:
        if factor_id is not None and not _unlock_step(self.get(factor_id)):
            raise FactorError("Only an authenticator's codes or this computer's fingerprint "
                              "reader can be the unlock's second step.")
        with self.db.atomic():
            set_setting(self.db, "lock.second_factor", "" if factor_id is None else str(factor_id))
            self.log.append(FACTOR_CHANGED, target_type="factors", target_id="app_lock",
                            details={"second_factor": factor_id})

    # -- rows ---------------------------------------------------------------------------

    def _password_row(self) -> EnrolledFactor | None:
        return next((f for f in self.active() if f.type == "STATIC_PASSWORD"), None)

    def _insert(self, factor_type: str, label: str, held_by: str, device: str,
                facts: dict[str, str], secret_ref: str | None) -> EnrolledFactor:
        moment = now_ms()
        cursor = self.db.execute(
            "INSERT INTO verification_factor (type, label, held_by, device, facts_json, "
            "secret_ref, status, created_at_utc_ms, updated_at_utc_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)",
            [factor_type, label.strip() or factor_type, held_by, device,
             json.dumps(facts, ensure_ascii=False), secret_ref, moment, moment])
        factor_id = int(cursor.lastrowid or 0)
        self.log.append(FACTOR_ENROLLED, target_type="factor", target_id=str(factor_id),
                        factor_categories=FACTOR_TYPES[factor_type].category,
                        details={"type": factor_type, "held_by": held_by, "device": device})
        return self.get(factor_id)

    def _touch(self, factor_id: int) -> None:
        self.db.execute("UPDATE verification_factor SET updated_at_utc_ms = ? WHERE id = ?",
                        [now_ms(), factor_id])

    def _log_test(self, found: EnrolledFactor | None, ok: bool, purpose: str,
                  factor_type: str | None = None) -> None:
        with self.db.atomic():
            if found is not None:
                self.db.execute("UPDATE verification_factor SET tested_at_utc_ms = ?, "
                                "test_result = ? WHERE id = ?",
                                [now_ms(), "PASS" if ok else "FAIL", found.id])
            self.log.append(FACTOR_TESTED, target_type="factor",
                            target_id=None if found is None else str(found.id),
                            result="SUCCESS" if ok else "FAIL",
                            factor_categories=None if found is None else found.category,
                            details={"purpose": purpose,
                                     "type": found.type if found else factor_type})


def summarise(factors: list[EnrolledFactor], paying_device: str,
              now: dt.datetime | None = None) -> FactorSummary:
    """The tier the enrolled factors give when used together, after VF-1 (an expired
    certificate no longer verifies), VF-2 and VF-3, and the independence warnings of
    Art. 22."""
    moment = now or dt.datetime.now(dt.UTC)
    expired = [f for f in factors if _expired(f, moment)]
    usable = [f for f in factors if f not in expired]
    presented = tuple(_presented(f, paying_device) for f in usable)
    checked = effective_factors(presented)
    checked = dataclasses.replace(checked, notes=(*checked.notes, *(
        f"{f.type} expired on {f.facts['not_after'][:10]}, so it does not count (VF-1)"
        for f in expired)))
    counted = tuple(f.type for f in checked.effective)
    categories = tuple(sorted({c for f in checked.effective
                               if (c := FACTOR_TYPES[f.type].category)}))
    return FactorSummary(tier(checked.effective), categories, counted, checked.notes,
                         tuple(_independence(factors)))


def _expired(found: EnrolledFactor, now: dt.datetime) -> bool:
    until = found.facts.get("not_after")
    return bool(until) and dt.datetime.fromisoformat(until) < now


def _presented(found: EnrolledFactor, paying_device: str) -> Factor:
    """How a payment would see the factor. No enrolled factor releases another (VF-3): the
    password is typed every time, and the OS fingerprint unlocks none of PosDesk's keyring
    items. A fingerprint the OS checks is not attested to the institution, so it does not
    count for limits (VF-4); a biometric the institution holds counts as it reports it."""
    kind = FACTOR_TYPES[found.type]
    return Factor(found.type, same_device=kind.is_otp and found.device == paying_device,
                  attested=not (kind.is_biometric and found.held_by == APP))


def _independence(factors: list[EnrolledFactor]) -> list[str]:
    """Two possession factors in one place fall together: one theft takes both (Art. 22)."""
    warnings: list[str] = []
    by_device: dict[str, list[EnrolledFactor]] = {}
    for found in factors:
        if found.category == POSSESSION and found.device != INSTITUTION:
            by_device.setdefault(found.device, []).append(found)
    for device, shared in by_device.items():
        if len(shared) > 1:
            names = ", ".join(f.label for f in shared)
            warnings.append(f"{names} are all on {device.replace('_', ' ').lower()}: whoever "
                            "has it has all of them, so they are not independent (Art. 22).")
    return warnings


def _unlock_step(found: EnrolledFactor) -> bool:
    """What the unlock can ask for besides the password: something the app itself checks."""
    return found.type == "OTP_APP" or (found.type == "FINGERPRINT" and found.held_by == APP)


def unlock_steps(factors: list[EnrolledFactor]) -> list[EnrolledFactor]:
    return [f for f in factors if _unlock_step(f)]


def _check_device(device: str) -> None:
    if device not in DEVICES:
        raise FactorError(f"device must be one of {', '.join(DEVICES)}, not {device!r}")


def _cert_facts(facts: certificate_factor.CertificateFacts) -> dict[str, str]:
    return {k: v.isoformat() if isinstance(v, dt.datetime) else str(v)
            for k, v in dataclasses.asdict(facts).items()}


def _factor(row: tuple[object, ...]) -> EnrolledFactor:
    values = dict(zip(_COLUMNS, row, strict=True))
    facts = json.loads(str(values.pop("facts_json") or "{}"))
    return EnrolledFactor(facts=facts, **values)  # type: ignore[arg-type]
