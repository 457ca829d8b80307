"""Ed25519-signed JSON files from issuers the operator trusts: model policies (spec 12.1)
and terminal parameter pushes (spec 12.3).

A signed file is a JSON object with a "signature": {"alg": "Ed25519", "key_id": …,
"value": base64}. The signature covers the canonical JSON of everything but "signature".
A key is trusted for one purpose only, so an acquirer's parameter key cannot sign a model
policy and the other way round.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app import oplog as ops
from app.errors import PolicyFileError
from app.profile import Profile
from app.shanghai_time import now_ms

MODEL_POLICY = "model-policy"
TERMINAL_PARAMS = "terminal-params"
PURPOSES = (MODEL_POLICY, TERMINAL_PARAMS)


def canonical(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def key_id(public_pem: bytes) -> str:
    key = serialization.load_pem_public_key(public_pem)
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def trust_key(profile: Profile, public_pem: bytes, name: str,
              purpose: str = MODEL_POLICY) -> str:
    if purpose not in PURPOSES:
        raise PolicyFileError(f"A key can be trusted for {' or '.join(PURPOSES)}, "
                              f"not {purpose!r}.")
    try:
        key = serialization.load_pem_public_key(public_pem)
    except ValueError as exc:
        raise PolicyFileError(f"Not a PEM public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise PolicyFileError("Signing keys must be Ed25519 public keys.")
    kid = key_id(public_pem)
    profile.db.execute(
        "INSERT INTO trusted_keys (key_id, name, public_key_pem, purpose, added_at_utc_ms) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(key_id) DO UPDATE SET name = excluded.name, "
        "purpose = excluded.purpose",
        [kid, name, public_pem.decode("ascii"), purpose, now_ms()])
    profile.oplog.append(ops.POLICY_KEY_TRUSTED, target_type="key", target_id=kid,
                         details={"name": name, "purpose": purpose})
    return kid


def load_document(path: Path, file_format: str, what: str) -> dict[str, Any]:
    """Read a signed file of `file_format`; errors name the file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyFileError(f"Cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise PolicyFileError(f"{path.name} is not valid JSON: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != file_format:
        raise PolicyFileError(f"{path.name} is not a {what} (format must be "
                              f"{file_format!r}).")
    return document


def verify(profile: Profile, document: dict[str, Any], name: str, purpose: str) -> str:
    """Check the signature with a key trusted for `purpose`; returns the signer's name."""
    signature = document.get("signature")
    if not isinstance(signature, dict) or signature.get("alg") != "Ed25519":
        raise PolicyFileError(f"{name} carries no Ed25519 signature; it was not used.",
                              why="unsigned")
    row = profile.db.execute(
        "SELECT public_key_pem, name FROM trusted_keys WHERE key_id = ? AND purpose = ?",
        [str(signature.get("key_id")), purpose]).fetchone()
    if row is None:
        raise PolicyFileError(
            f"{name} is signed by key {signature.get('key_id')}, which is not trusted here "
            f"for {purpose}. Trust the issuer's key first "
            f"(posdesk policy trust KEY.pem --name ISSUER --purpose {purpose}).",
            why="untrusted_key")
    key = serialization.load_pem_public_key(row[0].encode("ascii"))
    assert isinstance(key, Ed25519PublicKey)
    try:
        key.verify(base64.b64decode(str(signature.get("value", ""))), canonical(document))
    except (InvalidSignature, ValueError):
        raise PolicyFileError(f"The signature of {name} does not match its contents: the "
                              "file was changed after signing. Nothing was changed.",
                              why="bad_signature") from None
    return str(row[1])


def sign(document: dict[str, Any], private_key: Any, public_pem: bytes) -> dict[str, Any]:
    """The issuer's side (tests and tooling): add an Ed25519 signature to a document."""
    signed = {k: v for k, v in document.items() if k != "signature"}
    value = private_key.sign(canonical(signed))
    signed["signature"] = {"alg": "Ed25519", "key_id": key_id(public_pem),
                           "value": base64.b64encode(value).decode("ascii")}
    return signed
