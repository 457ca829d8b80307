"""The factor registry: enrol, test, rename and remove each kind of factor; the tier they
give together, honestly (VF-2, VF-3, Art. 22); every step in the operation log; and no
factor secret anywhere in SQLite, the logs or an export (issue 5, "a test scans for them")."""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app import factors as fx
from app.factors import FactorError, FactorRegistry
from app.history import TxnFilter
from app.profile import Profile
from app.secrets import SERVICE, SecretStore
from app.totp_factor import code_at
from app.txn_export import export_transactions
from tests.conftest import MemoryKeyring

PASSWORD = "Kettle-Orchid-73"


def certificate_file(tmp_path: Path, *, days: tuple[int, int] = (-1, 365),
                     name: str = "shop.pem") -> tuple[Path, bytes]:
    """A self-signed EC certificate valid around the real now, with its key; returns the
    file and the key's DER (to look for it later)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Shop 3 Signing")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(0x5EED)
            .not_valid_before(now + dt.timedelta(days=days[0]))
            .not_valid_after(now + dt.timedelta(days=days[1])).sign(key, hashes.SHA256()))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path = tmp_path / name
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + pem)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return path, der


@pytest.fixture
def registry(profile: Profile, memory_keyring: MemoryKeyring) -> FactorRegistry:
    return FactorRegistry(profile.db, profile.oplog, SecretStore())


def enrol_totp(registry: FactorRegistry, device: str = fx.PHONE) -> tuple[fx.EnrolledFactor,
                                                                           str]:
    enrolment = registry.start_totp("Phone authenticator")
    now = time.time()
    found = registry.finish_totp(enrolment, code_at(enrolment.secret, now), device,
                                 "Phone authenticator", now=now)
    return found, enrolment.secret


def logged(profile: Profile, op_type: str) -> list[tuple[str, str | None, dict[str, object]]]:
    rows = profile.db.execute("SELECT result, factor_categories_used, details_json FROM oplog "
                              "WHERE op_type = ? ORDER BY id", [op_type]).fetchall()
    return [(r, c, json.loads(d)) for r, c, d in rows]


def test_password_enrol_change_test_and_remove(registry: FactorRegistry,
                                               profile: Profile) -> None:
    found = registry.set_password(PASSWORD)
    assert (found.type, found.category, found.held_by) == ("STATIC_PASSWORD", "KNOWLEDGE",
                                                           fx.APP)
    with pytest.raises(FactorError, match=r"[Cc]urrent"):
        registry.set_password("Another-Kettle-91", current="wrong")
    with pytest.raises(FactorError):
        registry.set_password("12345678", current=PASSWORD)     # too weak
    registry.set_password("Another-Kettle-91", current=PASSWORD)
    assert registry.test(found.id, "Another-Kettle-91")
    assert not registry.test(found.id, PASSWORD)
    assert [r for r, _, _ in logged(profile, fx.FACTOR_TESTED)] == ["FAIL", "SUCCESS", "FAIL"]
    assert len(logged(profile, fx.PASSWORD_CHANGED)) == 1
    with pytest.raises(FactorError, match="current password"):
        registry.remove(found.id, current_password="nope")
    registry.remove(found.id, current_password="Another-Kettle-91")
    assert registry.active() == []
    assert SecretStore().get("app-password") is None


def test_totp_activates_only_with_a_right_code_and_codes_are_single_use(
        registry: FactorRegistry, profile: Profile) -> None:
    enrolment = registry.start_totp("Phone")
    now = time.time()
    wrong = str((int(code_at(enrolment.secret, now)) + 1) % 1_000_000).zfill(6)
    with pytest.raises(FactorError, match="does not match"):
        registry.finish_totp(enrolment, wrong, fx.PHONE, "Phone", now=now)
    assert registry.active() == []
    assert logged(profile, fx.FACTOR_TESTED)[0][0] == "FAIL"
    found = registry.finish_totp(enrolment, code_at(enrolment.secret, now), fx.PHONE, "Phone",
                                 now=now)
    later = now + 30
    code = code_at(enrolment.secret, later)
    assert registry.test(found.id, code, now=later)
    assert not registry.test(found.id, code, now=later)          # used once already
    assert found.secret_ref == f"totp:{found.id}"
    registry.remove(found.id)
    assert SecretStore().get(f"totp:{found.id}") is None


def test_certificate_is_enrolled_with_public_facts_and_proves_possession(
        registry: FactorRegistry, tmp_path: Path) -> None:
    path, _ = certificate_file(tmp_path)
    found = registry.add_certificate(path, None, "Bank U-key")
    assert found.facts["subject"] == "CN=Shop 3 Signing" and found.facts["serial"] == "5eed"
    assert found.facts["key_type"] == "EC P-256"
    assert registry.test(found.id)
    expired, _ = certificate_file(tmp_path, days=(-30, -1), name="old.pem")
    with pytest.raises(FactorError, match="expired"):
        registry.add_certificate(expired, None, "Old")
    assert [f.label for f in registry.active()] == ["Bank U-key"]


def test_institution_held_factors_have_no_secret_and_are_not_tested_here(
        registry: FactorRegistry) -> None:
    sms = registry.add_institution_factor("OTP_SMS", "SMS to 138****0000", fx.PHONE)
    assert (sms.held_by, sms.secret_ref, sms.testable) == (fx.INSTITUTION, None, False)
    with pytest.raises(FactorError, match="held by your institution"):
        registry.test(sms.id, "123456")
    with pytest.raises(FactorError, match="not held by the institution"):
        registry.add_institution_factor("STATIC_PASSWORD", "x", fx.INSTITUTION)
    status = fx.platform_status()           # the tests' system bus does not exist
    assert not status.usable and "system D-Bus is not reachable" in status.problem


def test_tiers_are_honest_about_devices_and_independence(registry: FactorRegistry,
                                                         tmp_path: Path) -> None:
    registry.set_password(PASSWORD)
    assert registry.summary().tier == "T3"
    totp, _ = enrol_totp(registry, fx.PHONE)
    assert registry.summary().tier == "T2"
    registry.set_paying_device(fx.PHONE)            # paying on the phone the codes reach
    same = registry.summary()
    assert same.tier == "T3" and any("VF-2" in n for n in same.notes)
    registry.set_paying_device(fx.THIS_COMPUTER)
    path, _ = certificate_file(tmp_path)
    registry.add_certificate(path, None, "U-key")
    full = registry.summary()
    assert full.tier == "T1" and set(full.categories) == {"KNOWLEDGE", "POSSESSION"}
    assert full.warnings == ()
    registry.remove(totp.id)
    on_this_computer, _ = enrol_totp(registry, fx.THIS_COMPUTER)
    shared = registry.summary()
    assert any("not independent" in w and "U-key" in w for w in shared.warnings)
    assert on_this_computer.device == fx.THIS_COMPUTER


def test_rename_and_every_step_is_logged(registry: FactorRegistry, profile: Profile) -> None:
    sms = registry.add_institution_factor("OTP_SMS", "SMS", fx.PHONE)
    registry.rename(sms.id, "短信验证码")
    with pytest.raises(FactorError):
        registry.rename(sms.id, "  ")
    registry.remove(sms.id)
    ops = [row[0] for row in profile.db.execute(
        "SELECT op_type FROM oplog WHERE target_type = 'factor' ORDER BY id")]
    assert ops == [fx.FACTOR_ENROLLED, fx.FACTOR_CHANGED, fx.FACTOR_REMOVED]
    assert logged(profile, fx.FACTOR_CHANGED)[0][2]["label"] == ["SMS", "短信验证码"]


def test_no_factor_secret_reaches_sqlite_or_exports(
        registry: FactorRegistry, profile: Profile, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    """Enrol everything, test it, fail a few tests, export; then look for every secret (the
    password, its hash, the TOTP seed, the private key, each keyring entry) in every byte
    the app wrote: the database files and the export. (Logs: tests/e2e/test_factors_cli.)"""
    registry.set_password(PASSWORD)
    assert not registry.test(registry.active()[0].id, PASSWORD + "x")
    totp, seed = enrol_totp(registry)
    path, key_der = certificate_file(tmp_path)
    registry.add_certificate(path, None, "U-key")
    assert not registry.test(totp.id, "000000")
    export = tmp_path / "export.csv"
    export_transactions(profile.db, profile.oplog, TxnFilter(), export, "csv")
    kept = [v for (service, _), v in memory_keyring.entries.items() if service == SERVICE]
    assert len(kept) == 3                 # the hash, the seed and step, the key: all there
    secrets = [PASSWORD, seed, base64.b64encode(key_der).decode()[20:60], key_der.hex()[:40],
               *kept, *(json.loads(v).get("seed", "") for v in kept if v.startswith("{")),
               "PRIVATE KEY", "$argon2id$"]
    profile.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [p for p in profile.data_dir.rglob("*") if p.is_file()] + [export]
    assert any(f.name.endswith(".db") for f in files)
    assert b"PRIVATE KEY" in path.read_bytes()       # the scan would see one if it were there
    for secret in filter(None, secrets):
        for file in files:
            assert secret.encode() not in file.read_bytes(), (file.name, secret[:12])
