"""Authenticator-app one-time codes (RFC 6238 TOTP), the OTP_APP factor (spec 4.3).

The seed is shown once for enrolment (QR code or grouped text) and kept only in the OS
keyring, under f"totp:{ref}", together with the last accepted time step. A code is single
use (Art. 22: "not reusable"): once a step was accepted, it and every earlier step are
refused, across restarts. With 30 s steps and one step of drift either way, an accepted code
was generated at most 60 s before, within OTP_TTL_S (120 s, spec 4.4).
"""

from __future__ import annotations

import hmac
import io
import json
import re
import time
from dataclasses import dataclass, field

import pyotp
import qrcode

from app.secrets import SecretStore, purpose_name

PURPOSE = "totp"
STEP_S = 30
DIGITS = 6
VALID_WINDOW = 1          # steps of clock drift accepted either side of now
QR_BORDER = 4             # modules of quiet zone a QR reader needs around the code
_CODE = re.compile(rf"[0-9]{{{DIGITS}}}")


class TotpError(ValueError):
    """Base of this module's errors; the message names the problem for the user."""


class WrongCode(TotpError):
    pass


class TotpEntryDamaged(TotpError):
    pass


@dataclass(frozen=True)
class TotpEnrolment:
    """A seed waiting to be confirmed with a first code. Its repr hides the seed (and the URI
    that contains it) so it cannot leak into logs or tracebacks."""

    label: str
    issuer: str
    secret: str = field(repr=False)
    provisioning_uri: str = field(repr=False)

    @property
    def grouped_secret(self) -> str:
        """The seed in groups of 4 ("ABCD EFGH ..."), easier to type into an app by hand."""
        return " ".join(self.secret[i:i + 4] for i in range(0, len(self.secret), 4))

    def qr_png(self, scale: int = 8) -> bytes:
        """The provisioning URI as a PNG, `scale` pixels per module."""
        image = self._qr(box_size=scale).make_image(fill_color="black", back_color="white")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    def qr_matrix(self) -> list[list[bool]]:
        """The QR modules (True = dark), quiet zone included, for drawing without PIL."""
        return [[bool(cell) for cell in row] for row in self._qr(box_size=1).get_matrix()]

    def _qr(self, box_size: int) -> qrcode.QRCode:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                             box_size=box_size, border=QR_BORDER)
        code.add_data(self.provisioning_uri)
        code.make(fit=True)
        return code


def new_enrolment(label: str, issuer: str = "PosDesk") -> TotpEnrolment:
    """A fresh 160-bit seed (RFC 4226's recommended length) and its otpauth:// URI."""
    if not label.strip():
        raise TotpError("An authenticator needs a label (for example the user's name).")
    secret = pyotp.random_base32(32)
    uri = _totp(secret).provisioning_uri(name=label, issuer_name=issuer)
    return TotpEnrolment(label=label, issuer=issuer, secret=secret, provisioning_uri=uri)


def code_at(secret_b32: str, t: float, digits: int = DIGITS) -> str:
    """The code for Unix time `t`: the one configuration (SHA-1, 30 s) every check uses."""
    return _totp(secret_b32, digits).at(t)


def activate(store: SecretStore, ref: str, enrolment: TotpEnrolment, code: str, *,
             now: float | None = None) -> None:
    """Keep the seed only once the user proved their app holds it, by a current code; that
    code's step counts as used, so it cannot verify a payment afterwards."""
    purpose_name(PURPOSE, ref)   # refuse a bad ref before anything else
    step = _matching_step(enrolment.secret, code, _now(now), after=None)
    if step is None:
        raise WrongCode("The code does not match the authenticator app's current code; check "
                        "the phone's clock and enter the newest code shown.")
    _save(store, ref, enrolment.secret, step)


def verify(store: SecretStore, ref: str, code: str, *, now: float | None = None) -> bool:
    """True for a correct code of a step later than the last accepted one, which it marks
    used. Anything else (wrong, reused, malformed, no enrolment) is False."""
    entry = _load(store, ref)
    if entry is None:
        return False
    seed, last_step = entry
    step = _matching_step(seed, code, _now(now), after=last_step)
    if step is None:
        return False
    _save(store, ref, seed, step)
    return True


def is_enrolled(store: SecretStore, ref: str) -> bool:
    return store.get(purpose_name(PURPOSE, ref)) is not None


def remove(store: SecretStore, ref: str) -> bool:
    """Forget the seed; False when there was none."""
    return store.delete(purpose_name(PURPOSE, ref))


def _totp(secret_b32: str, digits: int = DIGITS) -> pyotp.TOTP:
    return pyotp.TOTP(secret_b32, digits=digits, interval=STEP_S)


def _matching_step(secret: str, code: str, now: float, *, after: int | None) -> int | None:
    """The latest step within the drift window whose code is `code` and that is later than
    `after`; None for no match or a malformed code."""
    code = "".join(code.split())
    if not _CODE.fullmatch(code):
        return None
    current = int(now // STEP_S)
    for step in range(current + VALID_WINDOW, current - VALID_WINDOW - 1, -1):
        if after is not None and step <= after:
            break
        if hmac.compare_digest(code, code_at(secret, step * STEP_S)):
            return step
    return None


def _save(store: SecretStore, ref: str, seed: str, last_step: int) -> None:
    store.put(purpose_name(PURPOSE, ref), json.dumps({"seed": seed, "last_step": last_step}))


def _load(store: SecretStore, ref: str) -> tuple[str, int] | None:
    name = purpose_name(PURPOSE, ref)
    raw = store.get(name)
    if raw is None:
        return None
    try:
        entry = json.loads(raw)
        return str(entry["seed"]), int(entry["last_step"])
    except (ValueError, TypeError, KeyError) as exc:
        raise TotpEntryDamaged(f"The authenticator entry {name!r} in the keyring is damaged; "
                               "remove the authenticator and set it up again.") from exc


def _now(now: float | None) -> float:
    return time.time() if now is None else now
