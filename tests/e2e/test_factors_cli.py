"""`posdesk factors` as a merchant uses it, with the real Secret Service: a password, an
authenticator enrolled by reading the key the command prints (as a phone app would from the
QR), a certificate; the tier they give; tests, removal; and afterwards not one of those
secrets anywhere in the database, the logs or an export."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.totp_factor import code_at

pytestmark = [
    pytest.mark.secret_service,
    pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                       reason="factor secrets need the real Secret Service of run-tests.sh"),
]
PASSWORD = "Lantern-Quince-48"


def enrol_authenticator(data_dir: Path) -> str:
    """Read the key from the screen, type the code an authenticator would show."""
    exe = Path(sys.executable).parent / "posdesk"
    proc = subprocess.Popen([str(exe), "factors", "add", "totp", "--device", "phone",
                             "--label", "手机验证器", "--data-dir", str(data_dir)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    secret = ""
    for line in proc.stdout:
        found = re.search(r"enter this key by hand: ([A-Z2-7 ]+)", line)
        if found:
            secret = found.group(1).replace(" ", "")
            break
    assert secret, "the key was not shown"
    proc.stdin.write(code_at(secret, time.time()) + "\n")
    proc.stdin.flush()
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return secret


def _stamps(data_dir: Path, op_type: str) -> list[tuple[str, str | None]]:
    """(result, factor categories) of each entry of one type, oldest first."""
    with sqlite3.connect(data_dir / "posdesk.db") as conn:
        return [(r, c) for r, c in conn.execute(
            "SELECT result, factor_categories_used FROM oplog WHERE op_type = ? ORDER BY id",
            [op_type])]


def test_scenario_changes_are_confirmed_with_a_password_and_a_code(
        posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Spec 12.4: a policy change needs two categories; a wrong code changes nothing."""
    data = ("--data-dir", str(tmp_path / "shop"))
    posdesk("factors", "add", "password", *data, stdin=f"{PASSWORD}\n{PASSWORD}\n", check=True)
    seed = enrol_authenticator(tmp_path / "shop")
    add = ("scenarios", "add", "Night", "--terminal", "T1", "--window", "08:00-22:00", *data)
    wrong = posdesk(*add, stdin=f"{PASSWORD}\n000000\n")
    assert wrong.returncode == 1 and "did not confirm" in wrong.stderr
    assert "No scenario policies" in posdesk("scenarios", *data, check=True).stdout
    later = code_at(seed, time.time() + 30)          # the enrolment used this step's code
    posdesk(*add, stdin=f"{PASSWORD}\n{later}\n", check=True)
    assert _stamps(tmp_path / "shop", "SCENARIO_POLICY_CHANGED") == [
        ("SUCCESS", "KNOWLEDGE+POSSESSION")]
    assert [r for r, _ in _stamps(tmp_path / "shop", "OPERATOR_VERIFIED")] == [
        "FAIL", "SUCCESS"]


def certificate(tmp_path: Path) -> tuple[Path, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "商户签名证书")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(77)
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365)).sign(key, hashes.SHA256()))
    path = tmp_path / "shop.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return path, key.private_bytes(serialization.Encoding.DER,
                                   serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())


def test_enrol_test_and_remove_factors_and_no_secret_is_left_anywhere(
        posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = ("--data-dir", str(tmp_path / "shop"))
    weak = posdesk("factors", "add", "password", *data, stdin="123456\n123456\n")
    assert weak.returncode == 1 and "password" in weak.stderr.lower()
    posdesk("factors", "add", "password", *data, stdin=f"{PASSWORD}\n{PASSWORD}\n", check=True)
    seed = enrol_authenticator(tmp_path / "shop")
    listed = json.loads(posdesk("factors", "list", "--json", *data, check=True).stdout)
    assert listed["tier"] == "T2" and listed["categories"] == ["KNOWLEDGE", "POSSESSION"]
    cert, key_der = certificate(tmp_path)
    posdesk("factors", "add", "certificate", str(cert), "--label", "U盾", *data, check=True)
    listed = json.loads(posdesk("factors", "list", "--json", *data, check=True).stdout)
    assert listed["tier"] == "T1"
    ids = {f["type"]: f["id"] for f in listed["factors"]}
    assert posdesk("factors", "test", str(ids["STATIC_PASSWORD"]), *data,
                   stdin="wrong\n").returncode == 1
    assert posdesk("factors", "test", str(ids["STATIC_PASSWORD"]), *data,
                   stdin=f"{PASSWORD}\n").returncode == 0
    assert posdesk("factors", "test", str(ids["DIGITAL_CERTIFICATE"]), *data).returncode == 0
    export = tmp_path / "export.csv"
    refused = posdesk("export", "-o", str(export), *data, stdin="wrong\n")
    assert refused.returncode == 1 and "password is not right" in refused.stderr
    assert not export.exists()
    # A high-risk operation: the password, then the certificate signs (nothing to type).
    posdesk("export", "-o", str(export), *data, stdin=f"{PASSWORD}\n", check=True)
    posdesk("oplog", "verify", *data, check=True)
    assert _stamps(tmp_path / "shop", "DATA_EXPORT") == [("SUCCESS", "KNOWLEDGE+POSSESSION")]
    assert _stamps(tmp_path / "shop", "OPERATOR_VERIFIED") == [
        ("FAIL", None), ("SUCCESS", "KNOWLEDGE+POSSESSION")]

    secrets = [PASSWORD, seed, base64.b64encode(key_der).decode()[20:60], "PRIVATE KEY",
               "$argon2id$"]
    files = [p for p in (tmp_path / "shop").rglob("*") if p.is_file()] + [export]
    files += [p for p in Path(os.environ["POSDESK_LOG_DIR"]).rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" or "log" in p.name for p in files), files
    for secret in secrets:
        for file in files:
            assert secret.encode() not in file.read_bytes(), (file.name, secret[:10])

    removed = posdesk("factors", "remove", str(ids["OTP_APP"]), "--yes", *data, check=True)
    assert "gone from the keyring" in removed.stdout
    refused = posdesk("factors", "remove", str(ids["STATIC_PASSWORD"]), "--yes", *data,
                      stdin="not it\n")
    assert refused.returncode == 1 and "current password" in refused.stderr
    final = json.loads(posdesk("factors", "list", "--json", *data, check=True).stdout)
    assert {f["type"] for f in final["factors"]} == {"STATIC_PASSWORD", "DIGITAL_CERTIFICATE"}
