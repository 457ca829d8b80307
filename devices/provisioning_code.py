"""The provisioning code a technician shows a terminal as a QR (docs/provisioning.md).

    PDPROV1:<base32 of (body ‖ signature)>

`body` is the canonical JSON of the payload (keys sorted, no spaces, UTF-8), `signature`
the 64-byte Ed25519 signature by the merchant's key over DOMAIN ‖ body. Base32 without
padding keeps the whole text in the QR alphanumeric character set (5.5 bits a character
instead of 8), so the code stays a size a terminal's camera reads from a phone screen.

This module is the terminal's side of the format too: `check_code` is every check a
terminal makes before it applies a code. It lives in devices/ because it is protocol: a
terminal vendor implements it from docs/provisioning.md, and the simulator runs it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

PREFIX = "PDPROV1:"
FORMAT_VERSION = 1
DOMAIN = b"posdesk-provisioning-v1\x00"   # signed before the body: no other use can collide
SIGNATURE_SIZE = 64
NONCE_BYTES = 16
CLOCK_SKEW_S = 300      # a terminal accepts an issue time this far in its future
_NONCE = re.compile(r"^[0-9a-f]{32}$")
_KEY_ID = re.compile(r"^[0-9a-f]{16}$")
ParamValue = str | int | bool


class CodeRefused(ValueError):
    """Why a terminal does not apply a code; the message is shown on its screen."""


@dataclass(frozen=True)
class ProvisioningPayload:
    """What a code says. Short JSON keys (see `_KEYS`) keep the QR small."""

    terminal_id: str
    merchant_id: str
    merchant_name: str
    mcc: str
    acquirer: str
    licence: str
    host: str
    technician: str
    nonce: str
    issued_at: int          # UTC epoch seconds
    expires_at: int         # UTC epoch seconds; the code is refused from this second on
    key_id: str             # signed_files.key_id of the merchant key: which key to check with
    params: dict[str, ParamValue] = field(default_factory=dict)

    def body(self) -> bytes:
        """The canonical JSON bytes that are signed."""
        doc: dict[str, Any] = {short: getattr(self, name) for name, short in _KEYS.items()}
        doc["v"] = FORMAT_VERSION
        return json.dumps(doc, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_body(cls, body: bytes) -> ProvisioningPayload:
        """Parse a body; a field that is missing or of the wrong type is named."""
        try:
            doc = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise CodeRefused("the code's contents are not readable") from None
        if not isinstance(doc, dict) or doc.get("v") != FORMAT_VERSION:
            raise CodeRefused("the code is of another format version")
        values: dict[str, Any] = {}
        for name, short in _KEYS.items():
            value = doc.get(short)
            if not _has_type(name, value):
                raise CodeRefused(f"the code's field {short!r} ({name}) is missing or wrong")
            values[name] = value
        return cls(**values)


_KEYS = {"terminal_id": "tid", "merchant_id": "mid", "merchant_name": "mn", "mcc": "mcc",
         "acquirer": "acq", "licence": "lic", "host": "host", "technician": "tech",
         "nonce": "n", "issued_at": "iat", "expires_at": "exp", "key_id": "kid",
         "params": "p"}
_INTS = ("issued_at", "expires_at")


def _has_type(name: str, value: object) -> bool:
    if name in _INTS:
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "params":
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str | int | bool) for k, v in value.items())
    if name == "nonce":
        return isinstance(value, str) and bool(_NONCE.match(value))
    if name == "key_id":
        return isinstance(value, str) and bool(_KEY_ID.match(value))
    return isinstance(value, str) and bool(value)


def key_id(public_key: Ed25519PublicKey) -> str:
    """First 16 hex digits of SHA-256 over the raw key, as for signed files."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def encode(payload: ProvisioningPayload, private_key: Ed25519PrivateKey) -> str:
    """Sign the payload and return the text the QR carries."""
    body = payload.body()
    signature = private_key.sign(DOMAIN + body)
    return PREFIX + base64.b32encode(body + signature).decode("ascii").rstrip("=")


def decode(text: str) -> tuple[ProvisioningPayload, bytes, bytes]:
    """Split a code into (payload, body, signature) without checking the signature."""
    text = text.strip()
    if not text.upper().startswith(PREFIX):
        raise CodeRefused(f"not a PosDesk provisioning code (it must start with {PREFIX})")
    data = text[len(PREFIX):].upper()
    try:
        raw = base64.b32decode(data + "=" * (-len(data) % 8))
    except (binascii.Error, ValueError):
        raise CodeRefused("the code is damaged (not base32)") from None
    if len(raw) <= SIGNATURE_SIZE:
        raise CodeRefused("the code is too short to carry a signature")
    body, signature = raw[:-SIGNATURE_SIZE], raw[-SIGNATURE_SIZE:]
    return ProvisioningPayload.from_body(body), body, signature


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise CodeRefused(f"the merchant key is not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise CodeRefused("the merchant key is not an Ed25519 key")
    return key


def check_code(text: str, trusted_key: Ed25519PublicKey, terminal_id: str, now_s: int,
               used_nonces: Mapping[str, int]) -> ProvisioningPayload:
    """Everything a terminal checks before it applies a code, in this order: the format,
    the signature by the merchant key it trusts, that the code names this terminal, the
    validity window, and that the nonce was never used here. Raises CodeRefused."""
    payload, body, signature = decode(text)
    if payload.key_id != key_id(trusted_key):
        raise CodeRefused("the code is signed by another merchant's key")
    try:
        trusted_key.verify(signature, DOMAIN + body)
    except InvalidSignature:
        raise CodeRefused("the signature does not match: the code was altered") from None
    if payload.terminal_id != terminal_id:
        raise CodeRefused(f"the code is for terminal {payload.terminal_id}, "
                          f"not for this terminal ({terminal_id})")
    if now_s >= payload.expires_at:
        raise CodeRefused("the code has expired; ask for a new one")
    if payload.issued_at > now_s + CLOCK_SKEW_S:
        raise CodeRefused("the code was issued in the future: check the terminal's clock")
    if payload.nonce in used_nonces:
        raise CodeRefused("the code was already used; each code works once")
    return payload
