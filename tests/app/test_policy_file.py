"""Signed model policies: trust, verify, refuse tampering and rollback, re-check terminals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import oplog
from app.errors import PolicyFileError, TerminalError
from app.operator_check import TWO_CATEGORIES, Proof
from app.policy_file import import_policy
from app.profile import Profile
from app.secrets import SecretStore
from app.signed_files import sign, trust_key
from app.terminal_pairing import PairingQuestions, pair_terminal
from app.terminal_sync import sync_terminal
from tests.conftest import MemoryKeyring
from tests.signing_keys import new_issuer_key as _issuer

YES = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda ident: True)


def _policy(version: int, status: str = "BLOCKED", fw: list | None = None) -> dict:  # type: ignore[type-arg]
    return {"format": "posdesk-model-policy", "version": version, "issuer": "Test Acquirer",
            "issued_at": "2026-11-01", "rules": [{
                "manufacturer": "PosDesk Simulator", "model": "SIM-SMART",
                "fw_version_range": fw, "status": status, "reason": "cash-out risk",
                "source_notice": "Test notice 7", "effective_from": "2026-01-01",
                "cert_refs": ["PCI-PTS 4-00000"]}]}


def _write(tmp_path: Path, document: dict, name: str = "policy.json") -> Path:  # type: ignore[type-arg]
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_signed_policy_is_imported_and_logged(profile: Profile, tmp_path: Path) -> None:
    key, pem = _issuer()
    trust_key(profile, pem, "Test Acquirer")
    result = import_policy(profile, _write(tmp_path, sign(_policy(1), key, pem)))
    assert (result.version, result.rules) == (1, 1)
    assert profile.db.execute("SELECT status, reason FROM model_policy").fetchone() == (
        "BLOCKED", "cash-out risk")
    assert oplog.entries(profile.db)[0].op_type == "POLICY_UPDATED"


def test_tampered_untrusted_unsigned_and_old_files_change_nothing(profile: Profile,
                                                                   tmp_path: Path) -> None:
    key, pem = _issuer()
    trust_key(profile, pem, "Test Acquirer")
    signed = sign(_policy(2, "APPROVED"), key, pem)
    signed["rules"][0]["status"] = "BLOCKED"            # changed after signing
    with pytest.raises(PolicyFileError, match="changed after signing"):
        import_policy(profile, _write(tmp_path, signed))
    other, other_pem = _issuer()
    with pytest.raises(PolicyFileError, match="not trusted"):
        import_policy(profile, _write(tmp_path, sign(_policy(2), other, other_pem)))
    with pytest.raises(PolicyFileError, match="no Ed25519 signature"):
        import_policy(profile, _write(tmp_path, _policy(2)))
    import_policy(profile, _write(tmp_path, sign(_policy(5), key, pem)))
    with pytest.raises(PolicyFileError, match="not newer"):
        import_policy(profile, _write(tmp_path, sign(_policy(4, "APPROVED"), key, pem)))
    assert profile.db.execute("SELECT status FROM model_policy").fetchall() == [("BLOCKED",)]


def test_a_bad_rule_names_the_file_and_rule(profile: Profile, tmp_path: Path) -> None:
    key, pem = _issuer()
    trust_key(profile, pem, "Test Acquirer")
    document = _policy(1)
    document["rules"].append({"manufacturer": "X", "model": "Y", "status": "MAYBE",
                              "effective_from": "2026-01-01"})
    with pytest.raises(PolicyFileError, match=r"policy.json, rule 2: status"):
        import_policy(profile, _write(tmp_path, sign(document, key, pem)))
    assert profile.db.execute("SELECT count(*) FROM model_policy").fetchone()[0] == 0


def test_update_blocks_a_paired_terminal_but_keeps_its_history(
        profile: Profile, tmp_path: Path, usb_rig, memory_keyring: MemoryKeyring) -> None:
    _, _, connect = usb_rig
    identity = pair_terminal(profile, connect(1), transport="usb", address="usb:x",
                             questions=YES, secrets=SecretStore())
    sync_terminal(profile, identity.terminal_id, connect(1), SecretStore())
    history = profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
    key, pem = _issuer()
    trust_key(profile, pem, "Test Acquirer")
    result = import_policy(profile, _write(tmp_path, sign(_policy(1), key, pem)))
    assert result.newly_blocked == ["SIM00002"]
    assert profile.db.execute("SELECT status, policy_reason FROM terminals").fetchone() == (
        "BLOCKED", "cash-out risk")
    with pytest.raises(TerminalError, match="blocked"):
        sync_terminal(profile, identity.terminal_id, connect(1), SecretStore())
    assert profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] == history
    kinds = [e.op_type for e in oplog.entries(profile.db, limit=5)]
    assert "TERMINAL_BLOCK" in kinds
    # a later policy that blocks only old firmware releases it again, once confirmed
    release = _write(tmp_path, sign(_policy(2, fw=[None, "2.0"]), key, pem))
    with pytest.raises(PolicyFileError, match=r"SIM00002.*confirmation\. Nothing was changed"):
        import_policy(profile, release)
    assert profile.db.execute("SELECT status FROM terminals").fetchone() == ("BLOCKED",)
    asked: list[list[str]] = []

    def confirm(ids: list[str]) -> Proof:
        asked.append(ids)
        return Proof("TERMINAL_UNBLOCK", TWO_CATEGORIES, 0)

    result = import_policy(profile, release, confirm_unblock=confirm)
    assert asked == [["SIM00002"]] and result.unblocked == ["SIM00002"]
    released = next(e for e in oplog.entries(profile.db, limit=5)
                    if e.op_type == "TERMINAL_UNBLOCK")
    assert released.factor_categories_used == TWO_CATEGORIES
