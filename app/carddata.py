"""Card data rules of spec section 10: what may be kept (first 6 + last 4) and what never.

The write-path guard (SD-1) runs on every record before it reaches SQLite. It refuses
fields that can only carry sensitive authentication data, and refuses a value anywhere else
that looks like a full card number or track data. The caller logs the refusal without the
value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.errors import SensitiveDataError

# Field names that can only hold data spec 10.2 forbids to persist (track, CVV, PIN, expiry).
FORBIDDEN_FIELDS = re.compile(
    r"^(track[_ ]?[123]?(_data)?|track[_ ]?2[_ ]?equivalent|tag_?57|cvv2?|cvc2?|cvn2?|cav2|"
    r"cid|pin|pin_?block|expiry(_date)?|exp(_date)?|expiration(_date)?|card_?expiry|"
    r"chip_?data|cryptogram|arqc)$",
    re.IGNORECASE,
)
TRACK1 = re.compile(r"%B\d{12,19}\^[^^]{0,26}\^\d*[^?]*\??")
TRACK2 = re.compile(r";?\d{12,19}[=D]\d{4}\d*\??")
DIGIT_RUN = re.compile(r"(?<!\d)\d{13,19}(?!\d)")
SPACED_PAN = re.compile(r"(?<!\d)\d{4}(?:[ -]\d{4}){2}[ -]\d{1,7}(?!\d)")


def luhn_valid(digits: str) -> bool:
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def looks_like_pan(digits: str) -> bool:
    """A 13–19 digit Luhn-valid number: treated as a card number wherever it appears."""
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


@dataclass(frozen=True)
class TruncatedPan:
    """All that is kept of a card number (PCI 3.4.1, spec D01/D02)."""

    first6: str
    last4: str
    length: int

    def display(self) -> str:
        return mask_display(self.first6, self.last4, self.length)


def truncate_pan(pan: str) -> TruncatedPan:
    digits = re.sub(r"[ -]", "", pan)
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise ValueError("a card number has 12 to 19 digits")
    return TruncatedPan(digits[:6], digits[-4:], len(digits))


def mask_display(first6: str | None, last4: str | None, length: int | None) -> str:
    """622202*********0128 when the length is known, 622202…0128 when it is not."""
    if not last4:
        return ""
    if not first6:
        return f"****{last4}"
    if length:
        return f"{first6}{'*' * max(length - 10, 1)}{last4}"
    return f"{first6}…{last4}"


def contains_card_data(text: str) -> bool:
    """True when free text holds track data or anything that looks like a full PAN."""
    if TRACK1.search(text) or (TRACK2.search(text) and track2_has_pan(text)):
        return True
    if any(looks_like_pan(m.group()) for m in DIGIT_RUN.finditer(text)):
        return True
    return any(looks_like_pan(re.sub(r"[ -]", "", m.group())) for m in SPACED_PAN.finditer(text))


def track2_has_pan(text: str) -> bool:
    return any(looks_like_pan(re.split(r"[=D]", m.group().lstrip(";"))[0])
               for m in TRACK2.finditer(text))


# Identifier columns with known, mostly numeric formats (merchant codes are 15 digits, RRNs 12).
# A Luhn-valid value there is only refused when it also starts like a card (IIN 2–6), so a
# merchant code that happens to pass Luhn is not mistaken for a PAN. See the closing note.
IDENTIFIER_FIELDS = frozenset(
    {"trace_id", "rrn", "auth_code", "batch_no", "voucher_no", "merchant_code", "terminal_id",
     "mcc", "auth_ref", "app_txn_uuid", "parent_trace_id"}
)


def guard_record(record: Mapping[str, object], *, allowed_token_fields: frozenset[str] = frozenset(
        {"pan_token"})) -> None:
    """Raise SensitiveDataError (naming the field, never the value) for data of spec 10.2."""
    for field, value in record.items():
        if FORBIDDEN_FIELDS.match(field):
            raise SensitiveDataError(
                f"field '{field}' may hold card authentication data, which is never stored",
                field=field,
            )
        if not isinstance(value, str) or field in allowed_token_fields:
            continue
        if field in IDENTIFIER_FIELDS:
            if pan_like_identifier(value):
                raise SensitiveDataError(
                    f"field '{field}' holds what looks like a full card number", field=field)
        elif contains_card_data(value):
            raise SensitiveDataError(
                f"field '{field}' holds what looks like a card number or track data",
                field=field,
            )


def guard_values(names: tuple[str, ...], values: tuple[object, ...]) -> None:
    """guard_record for the write path's own fields, whose names are known to be allowed:
    only text values are looked at, with cheap exits first (a million rows go through here
    on an import). Anything shorter than 12 characters cannot hold a PAN or track data."""
    for field, value in zip(names, values, strict=True):
        if value.__class__ is not str or len(value) < 12 or field == "pan_token":
            continue
        if field in IDENTIFIER_FIELDS:
            if value.isdigit():
                if value[0] in "23456" and looks_like_pan(value):
                    raise SensitiveDataError(
                        f"field '{field}' holds what looks like a full card number",
                        field=field)
            elif pan_like_identifier(value):
                raise SensitiveDataError(
                    f"field '{field}' holds what looks like a full card number", field=field)
        elif may_hold_card_data(value) and contains_card_data(value):
            raise SensitiveDataError(
                f"field '{field}' holds what looks like a card number or track data",
                field=field)


def may_hold_card_data(text: str) -> bool:
    """Cheap pre-check: a card number or track data has 12 digits in a row once single
    spaces and dashes are taken out (what DIGIT_RUN, SPACED_PAN and TRACK1/2 look for)."""
    return _TWELVE_DIGITS.search(text.replace(" ", "").replace("-", "")) is not None


_TWELVE_DIGITS = re.compile(r"[0-9]{12}")


def pan_like_identifier(value: str) -> bool:
    if TRACK1.search(value) or (TRACK2.search(value) and track2_has_pan(value)):
        return True
    return value.isdigit() and value[0] in "23456" and looks_like_pan(value)
