"""Pairing, syncing and unpairing simulated USB terminals through the app use cases."""

from __future__ import annotations

import pytest

from app import oplog
from app.errors import NotPairedError, PairingRefusedError, SensitiveDataError, TerminalError
from app.model_policy import verdict
from app.profile import Profile
from app.secrets import SecretStore
from app.terminal_pairing import (
    PairingQuestions,
    pair_terminal,
    terminal_keys,
    unpair_terminal,
)
from app.terminal_status import status_from_heartbeat
from app.terminal_sync import sync_terminal
from tests.conftest import MemoryKeyring

YES = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda ident: True)


def _pair(profile: Profile, connect, index: int = 0, questions=YES):  # type: ignore[no-untyped-def]
    client = connect(index)
    identity = pair_terminal(profile, client, transport="usb", address=f"usb:{index}",
                             questions=questions, secrets=SecretStore())
    return identity, client


def _block(profile: Profile, model: str, fw_max: str | None = None) -> None:
    profile.db.execute(
        "INSERT INTO model_policy (manufacturer, model, fw_max, status, reason, source_notice, "
        "effective_from) VALUES ('PosDesk Simulator', ?, ?, 'BLOCKED', "
        "'self-swipe cash-out risk', 'Test notice 2026-01', '2026-01-01')", [model, fw_max])


def test_pairing_keeps_the_key_in_the_keyring_only(profile: Profile, usb_rig,
                                                   memory_keyring: MemoryKeyring) -> None:
    _, terminals, connect = usb_rig
    identity, _ = _pair(profile, connect)
    row = profile.db.execute("SELECT status, key_ref, serial FROM terminals").fetchone()
    assert row == ("ONLINE", "terminal-key:SIMA20260001", "SIMA20260001")
    scoped = terminal_keys(profile, SecretStore()).scoped("terminal-key:SIMA20260001")
    assert list(memory_keyring.entries) == [("posdesk", scoped)]
    secret = memory_keyring.entries[("posdesk", scoped)]
    raw = b"".join(p.read_bytes() for p in profile.data_dir.glob("posdesk.db*"))
    assert secret.encode() not in raw and terminals[0].state.paired_key not in raw
    entry = oplog.entries(profile.db)[0]
    assert (entry.op_type, entry.result, entry.target_id) == ("TERMINAL_PAIR", "SUCCESS",
                                                              identity.terminal_id)


def test_codes_that_do_not_match_end_the_pairing(profile: Profile, usb_rig,
                                                 memory_keyring: MemoryKeyring) -> None:
    _, terminals, connect = usb_rig
    shown: list[str] = []
    questions = PairingQuestions(codes_match=lambda code: shown.append(code) or False,
                                 pair_unknown_model=lambda ident: True)
    with pytest.raises(PairingRefusedError, match="did not match"):
        _pair(profile, connect, questions=questions)
    assert shown == [terminals[0].state.shown_code]
    assert memory_keyring.entries == {} and terminals[0].state.paired_key is None
    assert oplog.entries(profile.db)[0].result == "FAIL"


def test_blocked_model_is_refused_with_reason_and_source(profile: Profile, usb_rig,
                                                         memory_keyring: MemoryKeyring) -> None:
    _, _terminals, connect = usb_rig
    _block(profile, "SIM-ESIGN")
    with pytest.raises(PairingRefusedError) as caught:
        _pair(profile, connect)
    assert "self-swipe cash-out risk" in caught.value.message
    assert "Test notice 2026-01" in caught.value.message
    assert profile.db.execute("SELECT count(*) FROM terminals").fetchone()[0] == 0
    logged = oplog.entries(profile.db)[0]
    assert (logged.op_type, logged.result) == ("TERMINAL_PAIR", "FAIL")
    assert "blocked" in logged.details["reason"]


def test_unknown_model_needs_confirmation_approved_does_not(profile: Profile, usb_rig,
                                                            memory_keyring: MemoryKeyring) -> None:
    _, _, connect = usb_rig
    asked: list[str] = []
    refuse = PairingQuestions(codes_match=lambda c: True,
                              pair_unknown_model=lambda ident: asked.append(ident.model) or False)
    with pytest.raises(PairingRefusedError, match="not confirmed"):
        _pair(profile, connect, questions=refuse)
    assert asked == ["SIM-ESIGN"]
    profile.db.execute(
        "INSERT INTO model_policy (manufacturer, model, status, effective_from) "
        "VALUES ('PosDesk Simulator', 'SIM-ESIGN', 'APPROVED', '2026-01-01')")
    asked.clear()
    _pair(profile, connect, questions=refuse)
    assert asked == []


def test_policy_version_ranges() -> None:
    from app.storage import connect_memory

    db = connect_memory()
    db.execute("INSERT INTO model_policy (manufacturer, model, fw_min, fw_max, status, reason, "
               "effective_from) VALUES ('V', 'M', '2.0', '2.9.9', 'BLOCKED', 'bad fw', "
               "'2020-01-01')")
    assert verdict(db, "v", "m", "2.10").status == "UNKNOWN"     # 2.10 > 2.9.9
    assert verdict(db, "V", "M", "2.4.1").status == "BLOCKED"
    assert verdict(db, "V", "M", "1.9").status == "UNKNOWN"


def test_no_keyring_no_pairing(profile: Profile, usb_rig) -> None:
    import keyring
    from keyring.backends import fail

    _, terminals, connect = usb_rig
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(PairingRefusedError, match="keyring"):
            _pair(profile, connect)
    finally:
        keyring.set_keyring(previous)
    assert terminals[0].state.paired_key is None


def test_sync_pulls_everything_once(profile: Profile, usb_rig,
                                    memory_keyring: MemoryKeyring) -> None:
    _, terminals, connect = usb_rig
    identity, client = _pair(profile, connect)
    first = sync_terminal(profile, identity.terminal_id, client, SecretStore())
    again = sync_terminal(profile, identity.terminal_id, connect(), SecretStore())
    assert first.new == len(terminals[0].journal) and first.pages > 1
    assert (again.new, again.pages) == (0, 1)
    count = profile.db.execute("SELECT count(*) FROM txn JOIN txn_source s ON s.id = source_id "
                               "WHERE s.kind = 'SYNC'").fetchone()
    assert count[0] == len(terminals[0].journal)
    row = profile.db.execute("SELECT battery, link, last_sync_utc_ms FROM terminals").fetchone()
    assert row[0] == 87 and row[1] == "USB" and row[2] is not None


def test_interrupted_sync_keeps_whole_pages_and_resumes(profile: Profile, usb_rig,
                                                        memory_keyring: MemoryKeyring) -> None:
    backend, terminals, connect = usb_rig
    identity, client = _pair(profile, connect)
    terminal = terminals[0]
    terminal.faults.disconnect_on_page = 3
    with pytest.raises(TerminalError, match="sync again"):
        sync_terminal(profile, identity.terminal_id, client, SecretStore())
    kept = profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
    cursor = profile.db.execute("SELECT cursor FROM sync_cursors").fetchone()[0]
    assert kept == int(cursor) > 0                # two whole pages, nothing of the third
    backend.plug_in(terminal.profile.serial)
    resumed = sync_terminal(profile, identity.terminal_id, connect(), SecretStore())
    assert kept + resumed.new == len(terminal.journal)
    assert resumed.duplicate == 0
    failed = [e for e in oplog.entries(profile.db, limit=50) if e.op_type == "TERMINAL_SYNC"]
    assert [e.result for e in failed] == ["SUCCESS", "FAIL"]


def test_leaked_track_data_is_refused_and_logged(profile: Profile, usb_rig,
                                                 memory_keyring: MemoryKeyring) -> None:
    _, terminals, connect = usb_rig
    identity, client = _pair(profile, connect)
    terminals[0].faults.leak_track_data = ";4111111111111111=26121011234567890?"   # D03
    with pytest.raises(SensitiveDataError, match="track2"):
        sync_terminal(profile, identity.terminal_id, client, SecretStore())
    assert profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
    assert profile.db.execute("SELECT count(*) FROM sync_cursors").fetchone()[0] == 0
    blocked = next(e for e in oplog.entries(profile.db) if e.op_type == "SENSITIVE_DATA_BLOCKED")
    failed = next(e for e in oplog.entries(profile.db) if e.op_type == "TERMINAL_SYNC")
    assert failed.result == "FAIL" and failed.details["field"] == "track2"
    assert blocked.details["field"] == "track2"
    raw = b"".join(p.read_bytes() for p in profile.data_dir.glob("posdesk.db*"))
    assert b"4111111111111111" not in raw


def test_unpair_forgets_the_key_and_keeps_history(profile: Profile, usb_rig,
                                                  memory_keyring: MemoryKeyring) -> None:
    _, terminals, connect = usb_rig
    identity, client = _pair(profile, connect)
    sync_terminal(profile, identity.terminal_id, client, SecretStore())
    unpair_terminal(profile, identity.terminal_id, SecretStore(), connect())
    assert memory_keyring.entries == {}
    assert terminals[0].state.paired_key is None
    assert profile.db.execute("SELECT status, key_ref FROM terminals").fetchone() == (
        "RETIRED", None)
    assert profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] == len(
        terminals[0].journal)
    with pytest.raises(NotPairedError):
        sync_terminal(profile, identity.terminal_id, connect(), SecretStore())
    assert oplog.entries(profile.db, limit=5)[0].op_type == "TERMINAL_UNPAIR"


@pytest.mark.parametrize(("silent_s", "expected"), [(95, "OFFLINE"), (65, "DEGRADED"),
                                                    (50, "ONLINE"), (60, "ONLINE"),
                                                    (90, "DEGRADED")])
def test_heartbeat_status_vector_p04(silent_s: int, expected: str) -> None:
    now = 1_800_000_000_000
    assert status_from_heartbeat(now - silent_s * 1000, now) == expected


def test_cancelled_sync_keeps_whole_pages_and_resumes(profile: Profile, usb_rig,
                                                      memory_keyring: MemoryKeyring) -> None:
    from app.progress import Cancelled, Progress

    _, terminals, connect = usb_rig
    identity, client = _pair(profile, connect)
    progress = Progress()
    progress.cancel()              # the person pressed Cancel: stop after the page in flight
    with pytest.raises(Cancelled):
        sync_terminal(profile, identity.terminal_id, client, SecretStore(), progress)
    kept = profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
    cursor = profile.db.execute("SELECT cursor FROM sync_cursors").fetchone()[0]
    assert 0 < kept == int(cursor) < len(terminals[0].journal)
    rest = sync_terminal(profile, identity.terminal_id, connect(), SecretStore())
    assert kept + rest.new == len(terminals[0].journal) and rest.duplicate == 0
    logged = [e for e in oplog.entries(profile.db, limit=20) if e.op_type == "TERMINAL_SYNC"]
    assert logged[-1].details == {"reason": "cancelled by the user"}


def test_one_sync_is_one_entry_in_the_activity_log(profile: Profile, usb_rig,
                                                   memory_keyring: MemoryKeyring) -> None:
    _, _, connect = usb_rig
    identity, client = _pair(profile, connect)
    before = profile.db.execute("SELECT count(*) FROM oplog").fetchone()[0]
    result = sync_terminal(profile, identity.terminal_id, client, SecretStore())
    after = profile.db.execute("SELECT count(*) FROM oplog").fetchone()[0]
    assert result.pages > 1 and after - before == 1
    assert oplog.entries(profile.db)[0].details["new"] == result.new
