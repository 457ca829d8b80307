"""Pairing and the authenticated, encrypted session (docs/protocol.md, "Security").

Pairing: both sides exchange X25519 public keys and nonces; each shows a 6-digit code derived
from the transcript, and the user confirms they match (this defeats a man in the middle).
The long-term key (LTK) is derived from the shared secret and the transcript.

Session: every connection derives fresh direction keys from the LTK and two new nonces.
Each encrypted frame carries an 8-byte counter and a ChaCha20-Poly1305 ciphertext; the
receiver accepts only the next counter, so replayed, reordered or forged frames are refused.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from devices.framing import ProtocolError

NONCE_SIZE = 16
KEY_SIZE = 32
_COUNTER = struct.Struct(">Q")


class AuthenticationError(ProtocolError):
    """A frame that is not from our paired peer, or not the next one."""


def new_nonce() -> bytes:
    return os.urandom(NONCE_SIZE)


@dataclass
class PairingSide:
    """One side's ephemeral key pair and nonce for a pairing run."""

    private: X25519PrivateKey
    nonce: bytes

    @classmethod
    def create(cls) -> PairingSide:
        return cls(X25519PrivateKey.generate(), new_nonce())

    @property
    def public_bytes(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.Raw,
                                                      serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class PairingResult:
    long_term_key: bytes
    comparison_code: str   # six digits, shown on both screens


def complete_pairing(me: PairingSide, peer_public: bytes, app_public: bytes,
                     terminal_public: bytes, app_nonce: bytes,
                     terminal_nonce: bytes) -> PairingResult:
    """Both sides call this with the same transcript and get the same key and code."""
    if len(peer_public) != 32 or len(app_nonce) != NONCE_SIZE or len(terminal_nonce) != NONCE_SIZE:
        raise ProtocolError("pairing values have the wrong length")
    shared = me.private.exchange(X25519PublicKey.from_public_bytes(peer_public))
    transcript = hashlib.sha256(b"posdesk-pair-v1" + app_public + terminal_public + app_nonce
                                + terminal_nonce).digest()
    ltk = HKDF(hashes.SHA256(), KEY_SIZE, salt=transcript,
               info=b"posdesk-ltk-v1").derive(shared)
    code = int.from_bytes(transcript[:4], "big") % 1_000_000
    return PairingResult(ltk, f"{code:06d}")


class SessionCipher:
    """Encrypts what we send and checks what we receive, for one connection."""

    def __init__(self, long_term_key: bytes, app_nonce: bytes, terminal_nonce: bytes,
                 *, is_app: bool) -> None:
        if len(app_nonce) != NONCE_SIZE or len(terminal_nonce) != NONCE_SIZE:
            raise ProtocolError("session nonces have the wrong length")
        keys = HKDF(hashes.SHA256(), 2 * KEY_SIZE, salt=app_nonce + terminal_nonce,
                    info=b"posdesk-session-v1").derive(long_term_key)
        app_to_terminal, terminal_to_app = keys[:KEY_SIZE], keys[KEY_SIZE:]
        send, receive = ((app_to_terminal, terminal_to_app) if is_app
                         else (terminal_to_app, app_to_terminal))
        self._send = ChaCha20Poly1305(send)
        self._receive = ChaCha20Poly1305(receive)
        self._send_counter = 0
        self._receive_counter = 0

    def seal(self, plaintext: bytes) -> bytes:
        counter = _COUNTER.pack(self._send_counter)
        self._send_counter += 1
        return counter + self._send.encrypt(b"\0\0\0\0" + counter, plaintext, counter)

    def open(self, sealed: bytes) -> bytes:
        if len(sealed) < _COUNTER.size + 16:
            raise AuthenticationError("encrypted frame too short")
        (counter,) = _COUNTER.unpack_from(sealed)
        if counter != self._receive_counter:
            raise AuthenticationError(
                f"frame counter {counter}, expected {self._receive_counter}: replayed or "
                "reordered frame")
        try:
            plaintext = self._receive.decrypt(b"\0\0\0\0" + sealed[:8], sealed[8:], sealed[:8])
        except InvalidTag:
            raise AuthenticationError("frame failed authentication (forged or corrupted)") \
                from None
        self._receive_counter += 1
        return plaintext
