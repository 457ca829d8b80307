"""Field provisioning: signed single-use codes, the simulated terminal's checks, the
handover receipt, and batches that are all or nothing (docs/provisioning.md)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import oplog
from app import provisioning as pv
from app.profile import Profile, open_profile
from app.provisioning_batch import read_batch
from app.provisioning_qr import matrix, png_bytes, qr_for, text_from
from app.secrets import ProfileSecrets, SecretStore
from app.storage import secret_scope
from app.terminal_pairing import PairingQuestions, pair_terminal
from app.terminal_sync import heartbeat
from devices.provisioning_code import (
    PREFIX,
    CodeRefused,
    check_code,
    decode,
    encode,
    load_public_key,
)
from devices.sim_journal import DEMO_PROFILES
from devices.sim_world import SimulatedWorld
from devices.simulator import SimulatedTerminal
from tests.conftest import MemoryKeyring

NOW = 1_795_400_000      # 2026-11-23, seconds
SMART = DEMO_PROFILES[1]   # SIM00002


def _request(terminal_id: str = "SIM00002", **changes: object) -> pv.ProvisioningRequest:
    values: dict[str, object] = dict(
        terminal_id=terminal_id, merchant_id="898310054110001",
        merchant_name="示例便利店 Demo Store", mcc="5411", acquirer="银联商务",
        licence="Z2000133000019", host="tls://pos.example.cn:8443", technician="T-0042",
        params={"receipt_header": "小店", "heartbeat_s": 30, "tips": False})
    values.update(changes)
    return pv.ProvisioningRequest(**values)  # type: ignore[arg-type]


def _issue(profile: Profile, request: pv.ProvisioningRequest | None = None,
           now: int = NOW) -> pv.IssuedCode:
    return pv.issue(profile, SecretStore(), request or _request(), now_s=now)


def _terminal(profile: Profile) -> SimulatedTerminal:
    terminal = SimulatedTerminal(SMART, [])
    terminal.state.merchant_key_pem = pv.public_key_pem(profile, SecretStore())
    return terminal


def _resigned(text: str, change: bytes, to: bytes) -> str:
    """The code with its body edited and the old signature kept."""
    raw = base64.b32decode(text[len(PREFIX):] + "=" * (-len(text[len(PREFIX):]) % 8))
    body, signature = raw[:-64], raw[-64:]
    assert change in body
    return PREFIX + base64.b32encode(body.replace(change, to) + signature).decode().rstrip("=")


def test_code_is_signed_compact_and_carries_the_request(profile: Profile,
                                                        memory_keyring: MemoryKeyring) -> None:
    code = _issue(profile)
    payload, _, _ = decode(code.text)
    assert payload == code.payload
    assert (payload.terminal_id, payload.merchant_name, payload.params["heartbeat_s"],
            payload.expires_at - payload.issued_at) == ("SIM00002", "示例便利店 Demo Store", 30,
                                                        30 * 60)
    key = load_public_key(pv.public_key_pem(profile, SecretStore()))
    assert check_code(code.text, key, "SIM00002", NOW + 60, {}) == payload
    # Upper-case base32 after the prefix: the QR's alphanumeric mode, a small code.
    assert code.text.startswith(PREFIX) and code.text == code.text.upper()
    assert qr_for(code.text).data_list[0].mode == 2 and qr_for(code.text).version <= 20
    assert len(matrix(code.text)) == 4 * qr_for(code.text).version + 17 + 8


def test_tampered_code_is_refused(profile: Profile, memory_keyring: MemoryKeyring) -> None:
    code = _issue(profile)
    key = load_public_key(pv.public_key_pem(profile, SecretStore()))
    for change, to in ((b'"mcc":"5411"', b'"mcc":"6011"'), (b"heartbeat_s", b"heartbeat_z")):
        with pytest.raises(CodeRefused, match="signature does not match"):
            check_code(_resigned(code.text, change, to), key, "SIM00002", NOW + 60, {})
    with pytest.raises(CodeRefused, match="not a PosDesk provisioning code"):
        check_code("HELLO", key, "SIM00002", NOW, {})
    with pytest.raises(CodeRefused, match="damaged"):
        check_code(code.text[:-1] + "1", key, "SIM00002", NOW, {})


def test_expiry_terminal_and_merchant_key_are_checked(profile: Profile, tmp_path: Path,
                                                       memory_keyring: MemoryKeyring) -> None:
    code = _issue(profile, _request(expires_in_min=5))
    key = load_public_key(pv.public_key_pem(profile, SecretStore()))
    assert check_code(code.text, key, "SIM00002", NOW + 5 * 60 - 1, {})
    with pytest.raises(CodeRefused, match="expired"):
        check_code(code.text, key, "SIM00002", NOW + 5 * 60, {})
    with pytest.raises(CodeRefused, match="issued in the future"):
        check_code(code.text, key, "SIM00002", NOW - 3600, {})
    with pytest.raises(CodeRefused, match="for terminal SIM00002, not for this terminal"):
        check_code(code.text, key, "SIM00001", NOW, {})
    other = open_profile(tmp_path / "another-shop")
    try:
        stranger = load_public_key(pv.public_key_pem(other, SecretStore()))
    finally:
        other.close()
    with pytest.raises(CodeRefused, match="another merchant's key"):
        check_code(code.text, stranger, "SIM00002", NOW, {})


def test_simulator_applies_a_code_once(profile: Profile, memory_keyring: MemoryKeyring) -> None:
    terminal = _terminal(profile)
    code = _issue(profile)
    terminal.scan_provisioning(code.text, now=NOW + 10)
    assert terminal.state.params == {"receipt_header": "小店", "heartbeat_s": 30, "tips": False}
    assert terminal.state.provisioning["merchant_id"] == "898310054110001"
    [report] = terminal.state.handovers
    assert (report["nonce"], report["technician"], report["scanned_at"]) == (
        code.payload.nonce, "T-0042", NOW + 10)
    terminal.state.params["heartbeat_s"] = 60
    with pytest.raises(CodeRefused, match="already used"):
        terminal.scan_provisioning(code.text, now=NOW + 20)
    assert terminal.state.params["heartbeat_s"] == 60 and len(terminal.state.handovers) == 1
    expired = _issue(profile, _request(expires_in_min=1))
    with pytest.raises(CodeRefused, match="expired"):
        terminal.scan_provisioning(expired.text, now=NOW + 60)
    assert len(terminal.state.handovers) == 1


def test_used_codes_are_remembered_by_the_persisted_simulator(
        profile: Profile, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    world = SimulatedWorld(tmp_path / "sim")
    world.install_merchant_key("SIM00002", pv.public_key_pem(profile, SecretStore()))
    running = SimulatedWorld(tmp_path / "sim")       # a GUI started before the scan
    code = _issue(profile, now=NOW)
    world.scan("SIM00002", code.text, now=NOW + 1)
    again = SimulatedWorld(tmp_path / "sim")         # another process, the same flash
    assert again.terminal("SIM00002").state.handovers[0]["nonce"] == code.payload.nonce
    with pytest.raises(CodeRefused, match="already used"):
        again.scan("SIM00002", code.text, now=NOW + 2)
    # The running process changes another terminal: the scan on SIM00002 stays on flash,
    # and SIM00002 reports it when the running host connects to it.
    running.set_plugged("SIM00001", False)
    assert running.terminal("SIM00002").state.handovers == []
    running.connect("sim-usb:1209:0002:SIMB20260002")
    assert running.terminal("SIM00002").state.handovers[0]["nonce"] == code.payload.nonce


def test_handover_report_becomes_one_receipt(profile: Profile, usb_rig,
                                             memory_keyring: MemoryKeyring) -> None:
    """The terminal reports the code at its next Diagnosis; the host records the receipt
    and acknowledges it, so the next heartbeat records nothing more."""
    _, terminals, connect = usb_rig
    client = connect(1)
    yes = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda i: True)
    pair_terminal(profile, client, transport="usb", address="usb:1", questions=yes,
                  secrets=SecretStore())
    terminals[1].state.merchant_key_pem = pv.public_key_pem(profile, SecretStore())
    code = _issue(profile, now=NOW)
    terminals[1].scan_provisioning(code.text, now=NOW + 30)
    heartbeat(profile, "SIM00002", client)
    heartbeat(profile, "SIM00002", client)
    receipts = [e for e in oplog.entries(profile.db) if e.op_type == oplog.HANDOVER_RECEIPT]
    assert len(receipts) == 1 and terminals[1].state.handovers == []
    receipt = receipts[0]
    assert (receipt.result, receipt.target_id, receipt.effective_at_utc_ms) == (
        "SUCCESS", "SIM00002", (NOW + 30) * 1000)
    assert receipt.details["technician"] == "T-0042"
    assert receipt.details["params"] == {"receipt_header": "小店", "heartbeat_s": 30,
                                         "tips": False}
    assert pv.code_status(profile.db, code.payload.nonce).handed_over_at_ms is not None


def test_reports_that_match_no_issued_code_are_refused(profile: Profile,
                                                       memory_keyring: MemoryKeyring) -> None:
    code = _issue(profile, now=NOW)
    good = {"nonce": code.payload.nonce, "scanned_at": NOW + 5,
            "params": {"receipt_header": "小店", "heartbeat_s": 30, "tips": False}}
    assert pv.record_handover(profile, "SIM00001", good) == "refused"          # wrong terminal
    assert pv.record_handover(profile, "SIM00002", {**good, "nonce": "0" * 32}) == "refused"
    assert pv.record_handover(profile, "SIM00002",
                              {**good, "params": {"heartbeat_s": 5}}) == "refused"
    assert pv.record_handover(profile, "SIM00002",
                              {**good, "scanned_at": NOW + 31 * 60}) == "refused"
    assert pv.code_status(profile.db, code.payload.nonce).handed_over_at_ms is None
    assert pv.record_handover(profile, "SIM00002", good) == "recorded"
    assert pv.record_handover(profile, "SIM00002", good) == "known"
    results = [e.result for e in oplog.entries(profile.db) if e.op_type == oplog.HANDOVER_RECEIPT]
    assert results == ["SUCCESS", "FAIL", "FAIL", "FAIL", "FAIL"]


def test_key_lives_in_the_keyring_only(profile: Profile, memory_keyring: MemoryKeyring) -> None:
    _issue(profile)
    scoped = ProfileSecrets(SecretStore(), secret_scope(profile.db)).scoped(pv.KEY_PURPOSE)
    stored = memory_keyring.entries[("posdesk", scoped)]
    raw = base64.b64decode(stored)
    key = Ed25519PrivateKey.from_private_bytes(raw)
    assert key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo,
    ) == pv.public_key_pem(profile, SecretStore())
    _issue(profile)          # the same key again, not a new one
    created = [e for e in oplog.entries(profile.db) if e.op_type == oplog.PROVISIONING_KEY_CREATED]
    assert len(created) == 1
    profile.db.execute("PRAGMA wal_checkpoint(FULL)")
    db_bytes = b"".join(p.read_bytes() for p in profile.data_dir.glob("posdesk.*"))
    for form in (raw, stored.encode(), raw.hex().encode()):
        assert form not in db_bytes


def test_issued_codes_are_logged_without_their_text(profile: Profile,
                                                    memory_keyring: MemoryKeyring) -> None:
    code = _issue(profile)
    [entry] = [e for e in oplog.entries(profile.db) if e.op_type == oplog.PROVISIONING_ISSUED]
    assert (entry.target_id, entry.details["nonce"], entry.details["technician"]) == (
        "SIM00002", code.payload.nonce, "T-0042")
    signature = base64.b32decode(code.text[len(PREFIX):] + "=" * (-len(code.text[8:]) % 8))[-64:]
    dumped = json.dumps(profile.db.execute("SELECT * FROM provisioning_code").fetchall())
    assert code.text[len(PREFIX):][:40] not in dumped and signature.hex() not in dumped
    assert pv.last_request(profile.db)["merchant_name"] == "示例便利店 Demo Store"


@pytest.mark.parametrize(("change", "field", "rule"), [
    ({"mcc": "541"}, "mcc", "format"),
    ({"terminal_id": ""}, "terminal_id", "required"),
    ({"host": "tls://user:pw@pos.example.cn:8443"}, "host", "host"),
    ({"host": "pos.example.cn"}, "host", "host"),
    ({"merchant_name": "x" * 41}, "merchant_name", "length"),
    ({"params": {"api_key": "abc"}}, "params.api_key", "secret"),
    ({"params": {"master_pin": "1234"}}, "params.master_pin", "secret"),
    ({"params": {"note": "4111111111111111"}}, "params.note", "card_number"),
    ({"expires_in_min": 0}, "expires_in_min", "range"),
])
def test_problems_name_the_field(change: dict[str, object], field: str, rule: str,
                                 profile: Profile, memory_keyring: MemoryKeyring) -> None:
    request = _request(**change)
    assert [(p.field, p.rule) for p in pv.problems(request)] == [(field, rule)]
    with pytest.raises(pv.ProvisioningError, match=field.split(".")[-1]):
        pv.issue(profile, SecretStore(), request)
    assert profile.db.execute("SELECT count(*) FROM provisioning_code").fetchone()[0] == 0


def test_parameters_from_text_are_typed() -> None:
    assert pv.parse_param("heartbeat_s=30") == ("heartbeat_s", 30)
    assert pv.parse_param("tips=true") == ("tips", True)
    assert pv.parse_param("phone=02112345678") == ("phone", "02112345678")
    assert pv.parse_param("header=小店=好") == ("header", "小店=好")
    with pytest.raises(pv.ProvisioningError):
        pv.parse_param("no-equals-sign")


def test_png_carries_the_code_for_the_simulator_camera(tmp_path: Path) -> None:
    text = PREFIX + "ABCDEFGH234567"
    path = tmp_path / "code.png"
    path.write_bytes(png_bytes(text))
    assert text_from(str(path)) == text
    from PIL import Image

    with Image.open(path) as image:     # the picture is the matrix, 10 px a module
        grey = image.convert("L")
        modules = matrix(text)
        assert grey.size == (len(modules) * 10, len(modules) * 10)
        assert all((grey.getpixel((x * 10 + 5, y * 10 + 5)) < 128) == dark
                   for y, row in enumerate(modules) for x, dark in enumerate(row))


DEFAULTS = {"merchant_id": "898310054110001", "merchant_name": "示例便利店", "mcc": "5411",
            "acquirer": "银联商务", "licence": "Z2000133000019", "host": "pos.example.cn:8443",
            "technician": "T-0042", "params": {"heartbeat_s": 30}}


def test_batch_rows_override_defaults(tmp_path: Path) -> None:
    path = tmp_path / "terminals.csv"
    path.write_text("终端号,mcc,param:receipt_header,expires_in_min\n"
                    "SIM00001,,前台,60\nSIM00003,5812,,\n", encoding="gb18030")
    first, second = read_batch(path, DEFAULTS)
    assert (first.terminal_id, first.mcc, first.params, first.expires_in_min) == (
        "SIM00001", "5411", {"heartbeat_s": 30, "receipt_header": "前台"}, 60)
    assert (second.mcc, second.params, second.expires_in_min) == (
        "5812", {"heartbeat_s": 30}, 30)


def test_a_bad_row_refuses_the_whole_batch(profile: Profile, tmp_path: Path,
                                           memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "terminals.csv"
    path.write_text("terminal_id,mcc,param:api_key\nSIM00001,5411,\nSIM00002,54x1,\n"
                    "SIM00001,5411,\nSIM00003,5411,secret\n", encoding="utf-8")
    with pytest.raises(pv.ProvisioningError) as refused:
        pv.issue_many(profile, SecretStore(), read_batch(path, DEFAULTS))
    message = refused.value.message
    assert message.startswith("terminals.csv: no code was made")
    assert "row 3, column mcc: must be 4 digits" in message
    assert "row 4, column terminal_id: terminal SIM00001 is already in row 2" in message
    assert "row 5, column param:api_key: names a secret" in message
    assert refused.value.facts["row"] == 3 and refused.value.facts["column"] == "mcc"
    assert profile.db.execute("SELECT count(*) FROM provisioning_code").fetchone()[0] == 0


def test_batch_names_unknown_columns_and_missing_values(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("terminal_id,merchnt_id\nSIM00001,1\n", encoding="utf-8")
    with pytest.raises(pv.ProvisioningError, match="row 1, column merchnt_id: is not a known"):
        read_batch(path, DEFAULTS)
    path.write_text("terminal_id\nSIM00001\n", encoding="utf-8")
    with pytest.raises(pv.ProvisioningError,
                       match=r"row 2, column host \(not in the file.*is required"):
        read_batch(path, {k: v for k, v in DEFAULTS.items() if k != "host"})
    path.write_text("mcc\n5411\n", encoding="utf-8")
    with pytest.raises(pv.ProvisioningError, match="needs a terminal_id column"):
        read_batch(path, DEFAULTS)


def test_the_documented_example_holds() -> None:
    """docs/provisioning.md: its example code decodes, verifies with its public key, and is
    what the issuer makes from its fields (Ed25519 signatures are deterministic)."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "provisioning.md").read_text("utf-8")
    text = doc.split("<!-- example-code -->\n```\n", 1)[1].split("\n", 1)[0]
    pem = doc.split("```\n-----BEGIN PUBLIC KEY-----", 1)[1].split("```", 1)[0]
    key = load_public_key(("-----BEGIN PUBLIC KEY-----" + pem).encode())
    payload = check_code(text, key, "SIM00002", 1_795_140_060, {})
    assert (payload.merchant_name, payload.params, payload.expires_at - payload.issued_at) == (
        "示例便利店", {"heartbeat_s": 30, "receipt_header": "小店"}, 1800)
    private = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
    assert encode(payload, private) == text
    assert payload.body().decode() in doc
