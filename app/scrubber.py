"""Log and detail scrubbing (spec SD-2): masks card numbers, drops track data and secrets.

Used by the log file formatter and by the operation log, so neither can carry card data or
secrets even when a caller slips.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from app.carddata import DIGIT_RUN, SPACED_PAN, TRACK1, TRACK2, looks_like_pan, track2_has_pan

SENSITIVE_KEYS = re.compile(
    r"^(cvv2?|cvc2?|cvn2?|pin|pin_?block|track[_ ]?[123]?|expiry|exp|otp|password|passwd|"
    r"secret|token_secret|private_key|seed)$",
    re.IGNORECASE,
)
_KEY_VALUE = re.compile(
    r"""(?P<key>["']?\b(?:[a-z]+[_ -])?(?:cvv2?|cvc2?|cvn2?|pin|pin_?block|track[_ ]?[123]?|"""
    r"""expiry|exp|expiration|otp|password|passwd)(?:[_ ]date)?\b["']?)(?P<sep>\s*[:=]\s*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s,;}&]+)""",
    re.IGNORECASE,
)
REMOVED = "[removed]"


# A whole hex digest (SHA-256 of an export, a chain hash): about 1 in 230 SHA-256 values
# holds a Luhn-valid run of 13+ digits, which must not be masked as a card number.
HEX_DIGEST = re.compile(r"(?<![0-9A-Za-z])(?=[0-9]*[a-f])[0-9a-f]{32,128}(?![0-9A-Za-z])")


def mask_pan_digits(digits: str) -> str:
    return f"{digits[:6]}{'*' * (len(digits) - 10)}{digits[-4:]}"


def scrub_text(text: str) -> str:
    """Remove track data and secret key/values; mask Luhn-valid card numbers."""
    text = _KEY_VALUE.sub(lambda m: f"{m.group('key')}{m.group('sep')}{REMOVED}", text)
    text = TRACK1.sub("[track removed]", text)
    text = TRACK2.sub(
        lambda m: "[track removed]" if track2_has_pan(m.group()) else m.group(), text)
    text = SPACED_PAN.sub(_mask_spaced, text)
    kept, start = [], 0
    for digest in HEX_DIGEST.finditer(text):   # a file hash is not a card number
        kept += [_mask_digit_runs(text[start:digest.start()]), digest.group()]
        start = digest.end()
    return "".join([*kept, _mask_digit_runs(text[start:])])


def _mask_digit_runs(text: str) -> str:
    return DIGIT_RUN.sub(lambda m: mask_pan_digits(m.group()) if looks_like_pan(m.group())
                         else m.group(), text)


def _mask_spaced(match: re.Match[str]) -> str:
    digits = re.sub(r"[ -]", "", match.group())
    return mask_pan_digits(digits) if looks_like_pan(digits) else match.group()


def scrub_mapping(details: Mapping[str, object]) -> dict[str, object]:
    """A copy of structured details with sensitive keys dropped and strings scrubbed."""
    clean: dict[str, object] = {}
    for key, value in details.items():
        if SENSITIVE_KEYS.match(str(key)):
            continue
        clean[key] = _scrub_value(value)
    return clean


def _scrub_value(value: object) -> object:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, Mapping):
        return scrub_mapping(value)
    if isinstance(value, list | tuple):
        return [_scrub_value(v) for v in value]
    return value
