"""An issuer's Ed25519 key pair for tests of signed files (model policies, parameters)."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def new_issuer_key() -> tuple[Ed25519PrivateKey, bytes]:
    """A fresh private key and its public key as PEM (what an issuer hands out)."""
    key = Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, pem
