"""Signed parameter pushes (spec 12.3): only an acquirer-signed document, addressed to the
terminal and newer than what it runs, changes anything; every attempt is in the oplog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import terminal_actions as actions
from app.errors import PolicyFileError, TerminalError
from app.profile import Profile
from app.secrets import SecretStore
from app.signed_files import MODEL_POLICY, TERMINAL_PARAMS, sign, trust_key
from app.terminal_pairing import PairingQuestions
from devices.registry import DeviceRegistry, DeviceSource
from devices.usb_transport import UsbBulkTransport, discover
from tests.conftest import MemoryKeyring
from tests.signing_keys import new_issuer_key as _key

YES = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda ident: True)


def _document(version: int, terminal_ids: list[str]) -> dict[str, object]:
    return {"format": "posdesk-terminal-params", "version": version, "issuer": "Test Acquirer",
            "issued_at": "2026-11-20T10:00:00+08:00", "terminal_ids": terminal_ids,
            "params": {"merchant_name": "测试小店", "heartbeat_s": 30}}


def _write(tmp_path: Path, document: dict[str, object], name: str = "params.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def paired(profile: Profile, usb_rig, memory_keyring: MemoryKeyring):  # type: ignore[no-untyped-def]
    backend, terminals, _ = usb_rig
    registry = DeviceRegistry()
    registry.register(DeviceSource("usb", lambda: discover(backend, lambda vid, name: True),
                                   lambda address: UsbBulkTransport(backend, address)))
    identity = actions.pair_at(profile, registry, registry.discover()[0].address, YES,
                               SecretStore())
    terminal = next(t for t in terminals if t.profile.terminal_id == identity.terminal_id)
    return registry, terminal, identity.terminal_id


def _ops(profile: Profile) -> list[tuple[str, str]]:
    return [tuple(r) for r in profile.db.execute(
        "SELECT result, details_json FROM oplog WHERE op_type = 'TERMINAL_CONFIG' ORDER BY id")]


def test_signed_push_reaches_the_terminal_and_is_logged(profile: Profile, paired,
                                                        tmp_path: Path) -> None:
    registry, terminal, tid = paired
    key, pem = _key()
    trust_key(profile, pem, "Test Acquirer", TERMINAL_PARAMS)
    terminal.state.acquirer_key = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    params = actions.check_params_file(profile, _write(tmp_path, sign(_document(3, [tid]),
                                                                      key, pem)), tid)
    assert params.current_version is None and params.param_names == ["heartbeat_s",
                                                                      "merchant_name"]
    assert actions.configure(profile, registry, tid, params, SecretStore()) == 3
    assert terminal.state.param_version == 3
    assert terminal.state.params["merchant_name"] == "测试小店"
    assert actions.list_terminals(profile.db)[0].param_version == 3
    assert _ops(profile)[-1][0] == "SUCCESS" and '"version": 3' in _ops(profile)[-1][1]
    # the same file again is a rollback to an equal version: refused here, logged
    with pytest.raises(PolicyFileError, match="not newer"):
        actions.check_params_file(profile, params.path, tid)
    assert _ops(profile)[-1][0] == "FAIL"


def test_tampered_untrusted_or_misaddressed_files_change_nothing(profile: Profile, paired,
                                                                  tmp_path: Path) -> None:
    _, terminal, tid = paired
    key, pem = _key()
    signed = sign(_document(2, [tid]), key, pem)
    with pytest.raises(PolicyFileError, match="not trusted here"):
        actions.check_params_file(profile, _write(tmp_path, signed), tid)
    trust_key(profile, pem, "Policy issuer", MODEL_POLICY)   # right key, wrong purpose
    with pytest.raises(PolicyFileError, match="not trusted here for terminal-params"):
        actions.check_params_file(profile, _write(tmp_path, signed), tid)
    trust_key(profile, pem, "Test Acquirer", TERMINAL_PARAMS)
    tampered = json.loads(json.dumps(signed))
    tampered["params"]["merchant_name"] = "别人的店"
    with pytest.raises(PolicyFileError, match="changed after signing"):
        actions.check_params_file(profile, _write(tmp_path, tampered), tid)
    elsewhere = sign(_document(2, ["OTHER01"]), key, pem)
    with pytest.raises(PolicyFileError, match="not to " + tid):
        actions.check_params_file(profile, _write(tmp_path, elsewhere), tid)
    assert terminal.state.param_version == 0 and terminal.state.params == {}
    assert [r[0] for r in _ops(profile)] == ["FAIL"] * 4
    assert actions.list_terminals(profile.db)[0].param_version is None


def test_terminal_refuses_a_document_not_signed_by_its_acquirer(profile: Profile, paired,
                                                                 tmp_path: Path) -> None:
    """Defence in depth: the terminal checks the signature with its own acquirer key."""
    registry, terminal, tid = paired
    key, pem = _key()
    trust_key(profile, pem, "Someone we trusted", TERMINAL_PARAMS)
    terminal.state.acquirer_key = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    params = actions.check_params_file(profile, _write(tmp_path, sign(_document(1, [tid]),
                                                                      key, pem)), tid)
    with pytest.raises(TerminalError, match="refused the parameters") as refused:
        actions.configure(profile, registry, tid, params, SecretStore())
    assert refused.value.facts["why"] == "config_refused"
    assert terminal.state.param_version == 0
    assert actions.list_terminals(profile.db)[0].param_version is None
    assert _ops(profile)[-1][0] == "FAIL"


def test_malformed_files_name_the_field(profile: Profile, paired, tmp_path: Path) -> None:
    _, _, tid = paired
    bad = _document(0, [tid])
    with pytest.raises(PolicyFileError, match="'version' must be"):
        actions.check_params_file(profile, _write(tmp_path, bad), tid)
    with pytest.raises(PolicyFileError, match="not a PosDesk terminal parameter file"):
        actions.check_params_file(profile, _write(tmp_path, {"format": "x"}), tid)
