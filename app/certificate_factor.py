"""Digital certificate / e-signature factor (POSSESSION, spec 4.2/4.3).

A certificate with its private key is read from PEM, DER or PKCS#12 once, checked (readable,
key matches, valid now) and moved into the OS keyring under f"certificate:{ref}"; the file
can then be put away. Possession is proved by signing a fresh random challenge with the kept
key and checking it with the certificate, so nothing replayable is ever stored. Only public
facts (CertificateFacts) leave this module; an expired certificate is a failed check (VF-1).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12

from app.secrets import SecretStore, purpose_name

PURPOSE = "certificate"
CHALLENGE_BYTES = 32
PrivateKey = (rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
              | ed448.Ed448PrivateKey)
_PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)
_CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
_PEM_KEY = re.compile(rb"-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----.+?"
                      rb"-----END \1-----", re.DOTALL)


class CertificateError(ValueError):
    """Base of this module's errors; the message names the file or entry and the problem."""


class NotACertificate(CertificateError):
    pass


class WrongCertificatePassword(CertificateError):
    pass


class NoPrivateKey(CertificateError):
    pass


class KeyMismatch(CertificateError):
    pass


class UnsupportedKey(CertificateError):
    pass


class CertificateNotValid(CertificateError):
    pass


class CertificateEntryDamaged(CertificateError):
    pass


@dataclass(frozen=True)
class CertificateFacts:
    """What may be shown, logged or stored in the database: nothing here is secret."""

    subject: str              # RFC 4514
    issuer: str               # RFC 4514
    serial: str               # lower-case hex
    not_before: dt.datetime   # UTC, aware
    not_after: dt.datetime    # UTC, aware
    sha256_fingerprint: str   # lower-case hex of the DER certificate
    key_type: str             # "EC P-256", "RSA 2048", "Ed25519", ...


@dataclass(frozen=True)
class LoadedCertificate:
    """A certificate read from a file, with its private key when the file had one. The key is
    kept out of repr so it cannot reach a log or a traceback."""

    source: Path
    certificate: x509.Certificate
    private_key: PrivateKey | None = field(default=None, repr=False)

    @property
    def facts(self) -> CertificateFacts:
        return facts_of(self.certificate)


def load_certificate(path: Path, password: str | None = None) -> LoadedCertificate:
    """Read PEM (certificate, optionally with its key), DER or PKCS#12 (.p12/.pfx)."""
    data = _read(path)
    secret = None if password is None else password.encode("utf-8")
    if b"-----BEGIN" in data:
        cert, key = _from_pem(path, data, secret)
    else:
        cert, key = _from_binary(path, data, secret)
    if key is not None:
        _check_key(path, cert, key)
    return LoadedCertificate(source=path, certificate=cert, private_key=key)


def facts_of(cert: x509.Certificate) -> CertificateFacts:
    return CertificateFacts(
        subject=cert.subject.rfc4514_string(), issuer=cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        sha256_fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        key_type=_key_type(cert.public_key()))


def check_validity(facts: CertificateFacts, now: dt.datetime) -> None:
    """Raise CertificateNotValid unless `now` lies within the validity period (inclusive,
    RFC 5280 4.1.2.5). `now` must be timezone-aware: a naive time would shift by hours."""
    if now.tzinfo is None:
        raise ValueError("check_validity needs a timezone-aware time, not a naive one")
    if now > facts.not_after:
        raise CertificateNotValid(f"The certificate {facts.subject!r} expired on "
                                  f"{_when(facts.not_after)}.")
    if now < facts.not_before:
        raise CertificateNotValid(f"The certificate {facts.subject!r} is not valid until "
                                  f"{_when(facts.not_before)}.")


def enrol(store: SecretStore, ref: str, loaded: LoadedCertificate, *,
          now: dt.datetime | None = None) -> CertificateFacts:
    """Keep the certificate and its private key in the keyring. The key goes in unencrypted
    PKCS#8: the keyring is its protection, and a second password would be one more secret."""
    name = purpose_name(PURPOSE, ref)
    facts = loaded.facts
    check_validity(facts, _now(now))
    key = loaded.private_key
    if key is None:
        raise NoPrivateKey(f"{loaded.source} holds a certificate but no private key; choose "
                           "the file that also holds the key (often .p12 or .pfx).")
    _check_key(loaded.source, loaded.certificate, key)
    store.put(name, json.dumps({
        "certificate": loaded.certificate.public_bytes(serialization.Encoding.PEM).decode(),
        "private_key": key.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()).decode()}))
    return facts


def enrolled_facts(store: SecretStore, ref: str) -> CertificateFacts | None:
    """The public facts of an enrolled certificate (None when there is none)."""
    entry = _load(store, ref)
    return None if entry is None else facts_of(entry[0])


def prove_possession(store: SecretStore, ref: str, *, now: dt.datetime | None = None) -> bool:
    """Sign a fresh random challenge with the kept key and check it with the certificate.
    False when nothing is enrolled, the certificate is not valid now, or the check fails."""
    entry = _load(store, ref)
    if entry is None:
        return False
    cert, key = entry
    try:
        check_validity(facts_of(cert), _now(now))
    except CertificateNotValid:
        return False
    challenge = os.urandom(CHALLENGE_BYTES)
    return _verifies(cert.public_key(), _sign(key, challenge), challenge)


def remove(store: SecretStore, ref: str) -> bool:
    """Forget the certificate and key; False when there were none."""
    return store.delete(purpose_name(PURPOSE, ref))


# -- reading files ---------------------------------------------------------------------------

def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise NotACertificate(f"{path} cannot be read: {exc.strerror or exc}") from exc


def _from_pem(path: Path, data: bytes,
              password: bytes | None) -> tuple[x509.Certificate, PrivateKey | None]:
    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise NotACertificate(f"{path} holds no readable certificate (PEM).") from exc
    block = _PEM_KEY.search(data)
    if block is None:
        return certs[0], None
    key = _pem_key(path, block.group(0), password)
    # A chain file: the certificate of this key is the one to use, wherever it stands.
    mine = [cert for cert in certs if _same_key(cert.public_key(), key.public_key())]
    return (mine or certs)[0], key


def _pem_key(path: Path, block: bytes, password: bytes | None) -> PrivateKey:
    encrypted = b"ENCRYPTED" in block
    try:
        key = serialization.load_pem_private_key(block, password if encrypted else None)
    except TypeError as exc:
        raise WrongCertificatePassword(f"The private key in {path} is protected by a "
                                       "password; enter it.") from exc
    except ValueError as exc:
        if encrypted:
            raise WrongCertificatePassword(f"Wrong password for the private key in {path}."
                                           ) from exc
        raise NotACertificate(f"The private key in {path} cannot be read.") from exc
    except UnsupportedAlgorithm as exc:
        raise UnsupportedKey(f"The private key in {path} uses an unsupported algorithm."
                             ) from exc
    return _supported(path, key)


def _from_binary(path: Path, data: bytes,
                 password: bytes | None) -> tuple[x509.Certificate, PrivateKey | None]:
    try:
        return x509.load_der_x509_certificate(data), None
    except ValueError:
        pass
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise _pkcs12_problem(path, str(exc), password) from exc
    if cert is None:
        raise NotACertificate(f"{path} is a PKCS#12 file without a certificate.")
    return cert, None if key is None else _supported(path, key)


def _pkcs12_problem(path: Path, message: str, password: bytes | None) -> CertificateError:
    """cryptography says "Invalid password or PKCS12 data" for a PKCS#12 it cannot open and
    "Could not deserialize" for anything that is no PKCS#12 at all."""
    if "password" not in message.lower():
        return NotACertificate(f"{path} is not a certificate (PEM, DER or PKCS#12).")
    if not password:
        return WrongCertificatePassword(f"{path} is protected by a password; enter it.")
    return WrongCertificatePassword(f"Wrong PKCS#12 password for {path} (or the file is "
                                    "damaged).")


def _supported(path: Path, key: object) -> PrivateKey:
    if not isinstance(key, PrivateKey):
        raise UnsupportedKey(f"The private key in {path} is a {type(key).__name__}; PosDesk "
                             "signs with RSA, EC, Ed25519 and Ed448 keys only.")
    return key


def _check_key(path: Path, cert: x509.Certificate, key: PrivateKey) -> None:
    if not _same_key(cert.public_key(), key.public_key()):
        raise KeyMismatch(f"The private key in {path} does not belong to the certificate "
                          f"{cert.subject.rfc4514_string()!r}.")


def _same_key(a: CertificatePublicKeyTypes, b: CertificatePublicKeyTypes) -> bool:
    der = serialization.Encoding.DER
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    return a.public_bytes(der, spki) == b.public_bytes(der, spki)


# -- the keyring entry and signing -------------------------------------------------------

def _load(store: SecretStore, ref: str) -> tuple[x509.Certificate, PrivateKey] | None:
    name = purpose_name(PURPOSE, ref)
    raw = store.get(name)
    if raw is None:
        return None
    try:
        entry = json.loads(raw)
        cert = x509.load_pem_x509_certificate(entry["certificate"].encode())
        key = serialization.load_pem_private_key(entry["private_key"].encode(), None)
    except (ValueError, TypeError, KeyError, AttributeError, UnsupportedAlgorithm) as exc:
        raise _damaged(name) from exc
    if not isinstance(key, PrivateKey):
        raise _damaged(name)
    return cert, key


def _damaged(name: str) -> CertificateEntryDamaged:
    return CertificateEntryDamaged(f"The certificate entry {name!r} in the keyring is damaged; "
                                   "remove it and enrol the certificate again.")


def _sign(key: PrivateKey, data: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, _PSS, hashes.SHA256())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    return key.sign(data)


def _verifies(public: CertificatePublicKeyTypes, signature: bytes, data: bytes) -> bool:
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, data, _PSS, hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            public.verify(signature, data)
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _key_type(public: CertificatePublicKeyTypes) -> str:
    if isinstance(public, rsa.RSAPublicKey):
        return f"RSA {public.key_size}"
    if isinstance(public, ec.EllipticCurvePublicKey):
        return f"EC {_CURVES.get(public.curve.name, public.curve.name)}"
    if isinstance(public, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(public, ed448.Ed448PublicKey):
        return "Ed448"
    return type(public).__name__


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _now(now: dt.datetime | None) -> dt.datetime:
    return dt.datetime.now(dt.UTC) if now is None else now
