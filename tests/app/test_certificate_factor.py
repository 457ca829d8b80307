"""Certificates: PEM, DER and PKCS#12 read with clear errors, only valid certificates with
their own key enrolled, possession proved by signing a fresh challenge."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.certificate_factor import (
    CertificateEntryDamaged,
    CertificateFacts,
    CertificateNotValid,
    KeyMismatch,
    LoadedCertificate,
    NoPrivateKey,
    NotACertificate,
    PrivateKey,
    WrongCertificatePassword,
    check_validity,
    enrol,
    enrolled_facts,
    load_certificate,
    prove_possession,
    remove,
)
from app.secrets import SERVICE, SecretStore
from tests.conftest import MemoryKeyring

UTC = dt.UTC
START = dt.datetime(2026, 1, 1, tzinfo=UTC)
END = dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
SUBJECT = "CN=Shop 3 Signing,O=PosDesk Test,C=CN"
KEYS: dict[str, Callable[[], PrivateKey]] = {
    "EC P-256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "RSA 2048": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "Ed25519": ed25519.Ed25519PrivateKey.generate,
}


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "PosDesk Test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_cert(key: PrivateKey, *, start: dt.datetime = START, end: dt.datetime = END,
              common_name: str = "Shop 3 Signing", serial: int = 0x1A2B3C,
              issuer: tuple[x509.Name, PrivateKey] | None = None) -> x509.Certificate:
    issuer_name, signer = issuer or (_name(common_name), key)
    algorithm = None if isinstance(signer, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(serial)
            .not_valid_before(start).not_valid_after(end).sign(signer, algorithm))


def key_pem(key: PrivateKey, password: bytes | None = None) -> bytes:
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             encryption)


def cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def keys() -> dict[str, PrivateKey]:
    return {name: make() for name, make in KEYS.items()}


@pytest.fixture
def ec_key(keys: dict[str, PrivateKey]) -> PrivateKey:
    return keys["EC P-256"]


@pytest.fixture
def ec_pem(tmp_path: Path, ec_key: PrivateKey) -> Path:
    return write(tmp_path / "shop3.pem", key_pem(ec_key) + cert_pem(make_cert(ec_key)))


@pytest.mark.parametrize("key_type", list(KEYS))
def test_enrol_and_prove_possession(memory_keyring: MemoryKeyring, tmp_path: Path,
                                    keys: dict[str, PrivateKey], key_type: str) -> None:
    key = keys[key_type]
    cert = make_cert(key)
    loaded = load_certificate(write(tmp_path / "c.pem", cert_pem(cert) + key_pem(key)))
    store = SecretStore()
    facts = enrol(store, "3", loaded, now=NOW)
    assert facts == CertificateFacts(
        subject=SUBJECT, issuer=SUBJECT, serial="1a2b3c", not_before=START, not_after=END,
        sha256_fingerprint=hashlib.sha256(cert.public_bytes(serialization.Encoding.DER))
        .hexdigest(),
        key_type=key_type)
    assert facts.not_after.tzinfo is not None and facts.not_after.utcoffset() == dt.timedelta(0)
    entry = json.loads(memory_keyring.entries[(SERVICE, "certificate:3")])
    assert set(entry) == {"certificate", "private_key"}
    assert entry["certificate"] == cert_pem(cert).decode()
    assert entry["private_key"].startswith("-----BEGIN PRIVATE KEY-----")
    assert prove_possession(store, "3", now=NOW) is True
    assert enrolled_facts(store, "3") == facts


def test_a_p384_key_is_named(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    loaded = load_certificate(write(tmp_path / "p384.pem", cert_pem(make_cert(key))))
    assert loaded.facts.key_type == "EC P-384"
    assert loaded.private_key is None


def test_possession_fails_when_the_kept_key_is_not_the_certificates(
        memory_keyring: MemoryKeyring, ec_pem: Path) -> None:
    store = SecretStore()
    enrol(store, "3", load_certificate(ec_pem), now=NOW)
    entry_name = (SERVICE, "certificate:3")
    entry = json.loads(memory_keyring.entries[entry_name])
    entry["private_key"] = key_pem(ec.generate_private_key(ec.SECP256R1())).decode()
    memory_keyring.entries[entry_name] = json.dumps(entry)
    assert prove_possession(store, "3", now=NOW) is False


def test_possession_fails_outside_the_validity_period(memory_keyring: MemoryKeyring,
                                                      ec_pem: Path) -> None:
    store = SecretStore()
    enrol(store, "3", load_certificate(ec_pem), now=NOW)
    assert prove_possession(store, "3", now=END) is True
    assert prove_possession(store, "3", now=END + dt.timedelta(seconds=1)) is False
    assert prove_possession(store, "3", now=START - dt.timedelta(seconds=1)) is False
    assert prove_possession(store, "9", now=NOW) is False          # nothing enrolled


def test_an_expired_certificate_is_not_enrolled(memory_keyring: MemoryKeyring, tmp_path: Path,
                                                ec_key: PrivateKey) -> None:
    cert = make_cert(ec_key, start=dt.datetime(2024, 1, 1, tzinfo=UTC),
                     end=dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC))
    loaded = load_certificate(write(tmp_path / "old.pem", cert_pem(cert) + key_pem(ec_key)))
    with pytest.raises(CertificateNotValid,
                       match=r"'CN=Shop 3 Signing,O=PosDesk Test,C=CN' expired on "
                             r"2025-12-31 23:59:59 UTC\."):
        enrol(SecretStore(), "3", loaded, now=NOW)
    assert memory_keyring.entries == {}


def test_a_not_yet_valid_certificate_is_not_enrolled(memory_keyring: MemoryKeyring,
                                                     tmp_path: Path,
                                                     ec_key: PrivateKey) -> None:
    cert = make_cert(ec_key, start=dt.datetime(2027, 3, 1, 8, tzinfo=UTC),
                     end=dt.datetime(2028, 3, 1, tzinfo=UTC))
    loaded = load_certificate(write(tmp_path / "new.pem", cert_pem(cert) + key_pem(ec_key)))
    with pytest.raises(CertificateNotValid, match=r"is not valid until 2027-03-01 08:00:00 UTC"):
        enrol(SecretStore(), "3", loaded, now=NOW)
    assert memory_keyring.entries == {}


def test_check_validity_bounds_are_inclusive(ec_pem: Path) -> None:
    facts = load_certificate(ec_pem).facts
    check_validity(facts, START)
    check_validity(facts, END)
    check_validity(facts, END.astimezone(dt.timezone(dt.timedelta(hours=8))))
    with pytest.raises(CertificateNotValid, match="expired on"):
        check_validity(facts, END + dt.timedelta(microseconds=1))
    with pytest.raises(CertificateNotValid, match="not valid until"):
        check_validity(facts, START - dt.timedelta(microseconds=1))
    with pytest.raises(ValueError, match="timezone-aware"):
        check_validity(facts, dt.datetime(2026, 6, 1))


def test_pkcs12_with_a_password(memory_keyring: MemoryKeyring, tmp_path: Path,
                                keys: dict[str, PrivateKey]) -> None:
    key = keys["RSA 2048"]
    data = pkcs12.serialize_key_and_certificates(
        b"shop3", key, make_cert(key), None, serialization.BestAvailableEncryption(b"p12-pass"))
    path = write(tmp_path / "shop3.p12", data)
    with pytest.raises(WrongCertificatePassword, match=r"Wrong PKCS#12 password for .*shop3\.p12"):
        load_certificate(path, "not-it")
    with pytest.raises(WrongCertificatePassword, match=r"shop3\.p12 is protected by a password"):
        load_certificate(path)
    loaded = load_certificate(path, "p12-pass")
    assert loaded.facts.key_type == "RSA 2048"
    enrol(SecretStore(), "p12", loaded, now=NOW)
    assert prove_possession(SecretStore(), "p12", now=NOW) is True


def test_pkcs12_without_a_password(tmp_path: Path, keys: dict[str, PrivateKey]) -> None:
    key = keys["Ed25519"]
    data = pkcs12.serialize_key_and_certificates(b"x", key, make_cert(key), None,
                                                 serialization.NoEncryption())
    loaded = load_certificate(write(tmp_path / "open.pfx", data))
    assert loaded.facts.key_type == "Ed25519" and loaded.private_key is not None


def test_a_der_certificate_loads_without_a_key(tmp_path: Path, ec_key: PrivateKey) -> None:
    cert = make_cert(ec_key)
    loaded = load_certificate(write(tmp_path / "c.cer",
                                    cert.public_bytes(serialization.Encoding.DER)))
    assert loaded.certificate == cert and loaded.private_key is None


def test_a_certificate_without_its_key_cannot_be_enrolled(memory_keyring: MemoryKeyring,
                                                          tmp_path: Path,
                                                          ec_key: PrivateKey) -> None:
    path = write(tmp_path / "only-cert.pem", cert_pem(make_cert(ec_key)))
    loaded = load_certificate(path)
    assert loaded.private_key is None
    with pytest.raises(NoPrivateKey, match=r"only-cert\.pem holds a certificate but no private"):
        enrol(SecretStore(), "3", loaded, now=NOW)
    assert memory_keyring.entries == {}


def test_a_key_that_does_not_match_is_refused(tmp_path: Path, ec_key: PrivateKey) -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    path = write(tmp_path / "mixed.pem", cert_pem(make_cert(ec_key)) + key_pem(other))
    with pytest.raises(KeyMismatch, match=r"mixed\.pem does not belong to the certificate "
                                          r"'CN=Shop 3 Signing"):
        load_certificate(path)


def test_enrol_checks_the_key_again(memory_keyring: MemoryKeyring, ec_key: PrivateKey) -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    loaded = LoadedCertificate(source=Path("built.pem"), certificate=make_cert(ec_key),
                               private_key=other)
    with pytest.raises(KeyMismatch, match=r"built\.pem does not belong"):
        enrol(SecretStore(), "3", loaded, now=NOW)
    assert memory_keyring.entries == {}

def test_a_chain_file_uses_the_certificate_of_the_key(tmp_path: Path,
                                                      keys: dict[str, PrivateKey]) -> None:
    ca_key, leaf_key = keys["RSA 2048"], keys["EC P-256"]
    ca = make_cert(ca_key, common_name="Test CA", serial=1)
    leaf = make_cert(leaf_key, serial=2, issuer=(ca.subject, ca_key))
    path = write(tmp_path / "chain.pem", cert_pem(ca) + cert_pem(leaf) + key_pem(leaf_key))
    facts = load_certificate(path).facts
    assert (facts.serial, facts.issuer) == ("2", "CN=Test CA,O=PosDesk Test,C=CN")


def test_an_encrypted_pem_key(tmp_path: Path, ec_key: PrivateKey) -> None:
    path = write(tmp_path / "enc.pem", cert_pem(make_cert(ec_key)) + key_pem(ec_key, b"pem-pw"))
    with pytest.raises(WrongCertificatePassword, match=r"enc\.pem is protected by a password"):
        load_certificate(path)
    with pytest.raises(WrongCertificatePassword, match=r"Wrong password for the private key"):
        load_certificate(path, "nope")
    assert load_certificate(path, "pem-pw").private_key is not None


@pytest.mark.parametrize(("content", "problem"), [
    (b"hello, not a certificate\n", r"not a certificate \(PEM, DER or PKCS#12\)"),
    (os.urandom(600), r"not a certificate \(PEM, DER or PKCS#12\)"),
    (b"", r"not a certificate"),
    (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
     r"holds no readable certificate"),
])
def test_files_that_are_not_certificates(tmp_path: Path, content: bytes, problem: str) -> None:
    path = write(tmp_path / "thing.crt", content)
    with pytest.raises(NotACertificate, match=rf"thing\.crt.*{problem}"):
        load_certificate(path)


def test_a_key_alone_is_not_a_certificate(tmp_path: Path, ec_key: PrivateKey) -> None:
    with pytest.raises(NotACertificate, match=r"key\.pem holds no readable certificate"):
        load_certificate(write(tmp_path / "key.pem", key_pem(ec_key)))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotACertificate, match=r"gone\.p12 cannot be read"):
        load_certificate(tmp_path / "gone.p12", "x")


def test_remove_forgets_certificate_and_key(memory_keyring: MemoryKeyring, ec_pem: Path) -> None:
    store = SecretStore()
    enrol(store, "3", load_certificate(ec_pem), now=NOW)
    assert remove(store, "3") is True
    assert memory_keyring.entries == {}
    assert prove_possession(store, "3", now=NOW) is False
    assert enrolled_facts(store, "3") is None
    assert remove(store, "3") is False


def test_a_damaged_entry_is_named(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.entries[(SERVICE, "certificate:3")] = json.dumps({"certificate": "x"})
    with pytest.raises(CertificateEntryDamaged, match="'certificate:3' in the keyring is damaged"):
        prove_possession(SecretStore(), "3", now=NOW)


def test_a_ref_must_be_an_entry_name(memory_keyring: MemoryKeyring, ec_pem: Path) -> None:
    with pytest.raises(ValueError, match="not a keyring entry name"):
        enrol(SecretStore(), "a/b", load_certificate(ec_pem), now=NOW)
    assert memory_keyring.entries == {}


def test_the_private_key_appears_in_no_returned_value(memory_keyring: MemoryKeyring,
                                                      tmp_path: Path,
                                                      keys: dict[str, PrivateKey]) -> None:
    store = SecretStore()
    for key_type, key in keys.items():
        path = write(tmp_path / "k.pem", cert_pem(make_cert(key)) + key_pem(key))
        loaded = load_certificate(path)
        ref = key_type.replace(" ", "-")
        returned = [loaded, loaded.facts, enrol(store, ref, loaded, now=NOW),
                    enrolled_facts(store, ref), prove_possession(store, ref, now=NOW)]
        body = "".join(key_pem(key).decode().splitlines()[1:-1])
        secret_parts = {body[i:i + 24] for i in range(0, len(body) - 24, 24)}
        shown = " ".join(repr(value) for value in returned)
        assert not any(part in shown for part in secret_parts), key_type
        assert "private_key=" not in repr(loaded)
        assert returned[-1] is True


@pytest.mark.secret_service
@pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                    reason="run through scripts/run-tests.sh for the real Secret Service")
def test_certificate_round_trip_through_the_real_keyring(ec_pem: Path) -> None:
    store = SecretStore()
    ref = uuid.uuid4().hex[:8]
    facts = enrol(store, ref, load_certificate(ec_pem), now=NOW)
    try:
        entry = json.loads(keyring.get_password(SERVICE, f"certificate:{ref}"))
        assert entry["private_key"].startswith("-----BEGIN PRIVATE KEY-----")
        assert enrolled_facts(store, ref) == facts
        assert prove_possession(store, ref, now=NOW) is True
    finally:
        assert remove(store, ref) is True
    assert keyring.get_password(SERVICE, f"certificate:{ref}") is None
