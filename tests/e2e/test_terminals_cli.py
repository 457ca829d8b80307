"""A technician's day through the `posdesk` command: discover, pair (comparing codes), sync,
unplug, reconnect, unpair — against simulated terminals over pyusb and a real serial pty,
with the real Secret Service holding the keys."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from devices.sim_world import STATE_FILE, SimulatedWorld

pytestmark = [
    pytest.mark.secret_service,
    pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                       reason="pairing needs the real Secret Service of scripts/run-tests.sh"),
]
SMART = "sim-usb:1209:0002:SIMB20260002"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "simulator"
    monkeypatch.setenv("POSDESK_SIMULATOR_DIR", str(directory))
    return directory


def pair(address: str, data_dir: Path, shown_code, *extra: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Answer the pairing prompt the way a person does: read the terminal's screen, type it."""
    exe = Path(sys.executable).parent / "posdesk"
    proc = subprocess.Popen([str(exe), "terminals", "pair", address, "--data-dir", str(data_dir),
                             *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    shown = proc.stdout.readline()
    if "This computer shows" not in shown:
        out, _ = proc.communicate("", timeout=60)
        return proc.wait(), shown + out
    out, _ = proc.communicate(shown_code() + "\n", timeout=60)
    return proc.returncode, shown + out


def terminal_screen(world: Path, serial: str) -> str:
    return json.loads((world / STATE_FILE).read_text())[serial]["shown_code"]


def test_pair_sync_unplug_reconnect_unpair(posdesk, world: Path, tmp_path: Path) -> None:
    data = tmp_path / "shop"
    posdesk("simulate", check=True)
    found = json.loads(posdesk("terminals", "discover", "--json", check=True).stdout)
    assert SMART in [f["address"] for f in found] and len(found) == 3

    rc, out = pair(SMART, data, lambda: "000000", "--accept-unknown-model")
    assert rc == 1 and "did not match" in out           # a wrong code ends the pairing
    rc, out = pair(SMART, data, lambda: terminal_screen(world, "SIMB20260002"),
                   "--accept-unknown-model")
    assert rc == 0 and "Paired PosDesk Simulator SIM-SMART" in out

    first = posdesk("terminals", "sync", "--data-dir", str(data), check=True).stdout
    journal = len(SimulatedWorld(world).terminal("SIM00002").journal)
    assert f"SIM00002: {journal:,} new" in first
    again = posdesk("terminals", "sync", "--data-dir", str(data), check=True).stdout
    assert "0 new" in again and "(1 page)" in again

    posdesk("simulate", "--unplug", "SIM00002", check=True)
    lost = posdesk("terminals", "sync", "--data-dir", str(data))
    assert lost.returncode == 1 and "not connected" in lost.stderr
    listed = json.loads(posdesk("terminals", "list", "--data-dir", str(data), "--json").stdout)
    assert listed[0]["status"] == "OFFLINE"
    posdesk("simulate", "--plug", "SIM00002", check=True)
    posdesk("terminals", "sync", "--data-dir", str(data), check=True)
    listed = json.loads(posdesk("terminals", "list", "--data-dir", str(data), "--json").stdout)
    assert listed[0]["status"] == "ONLINE" and listed[0]["battery"] == 87
    assert "key_ref" not in listed[0]

    refused = posdesk("terminals", "unpair", "SIM00002", "--data-dir", str(data))
    assert refused.returncode == 1 and "Nothing changed" in refused.stdout
    posdesk("terminals", "unpair", "SIM00002", "--yes", "--data-dir", str(data), check=True)
    gone = posdesk("terminals", "sync", "SIM00002", "--data-dir", str(data))
    assert gone.returncode == 1 and "not paired" in gone.stderr
    assert json.loads((world / STATE_FILE).read_text())["SIMB20260002"]["paired_key"] == ""
    verify = posdesk("oplog", "verify", "--data-dir", str(data), check=True)
    assert "intact" in verify.stdout


def test_unknown_model_is_refused_without_confirmation(posdesk, world: Path,
                                                        tmp_path: Path) -> None:
    posdesk("simulate", check=True)
    rc, out = pair(SMART, tmp_path / "shop", lambda: "")
    assert rc == 1 and "not confirmed" in out


def test_serial_terminal_on_a_pseudo_terminal(posdesk, world: Path, tmp_path: Path) -> None:
    from devices.sim_pty import PtyTerminalServer

    simulated = SimulatedWorld(world)
    terminal = simulated.terminal("SIM00003")
    server = PtyTerminalServer(terminal).start()
    try:
        address = f"serial:{server.path}"
        rc, out = pair(address, tmp_path / "shop", lambda: terminal.state.shown_code,
                       "--accept-unknown-model")
        assert rc == 0, out
        synced = posdesk("terminals", "sync", "--data-dir", str(tmp_path / "shop"), check=True)
        assert f"SIM00003: {len(terminal.journal):,} new" in synced.stdout
    finally:
        server.stop()


@pytest.mark.parametrize("link", ["ble", "rfcomm"])
def test_bluetooth_terminal_pair_and_sync(posdesk, bluez, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, link: str) -> None:
    """A simulated Bluetooth reader inside the fake BlueZ, LE (GATT serial service) or Classic
    (RFCOMM serial port), found, paired and synced by the real `posdesk` command through
    QtBluetooth."""
    from dbusmock import DBusTestCase

    from tests.devices.fake_gatt import add_nus_terminal
    from tests.devices.fake_rfcomm import add_spp_terminal

    monkeypatch.setenv("BLUETOOTH_FORCE_DBUS_LE_VERSION", "5.64")   # the mock's bluetoothd
    with contextlib.suppress(Exception):        # another test may have added it already
        bluez.AddAdapter("hci0", "posdesk-test")
    mac = "33:44:55:66:77:88" if link == "ble" else "33:44:55:66:77:99"
    add = add_nus_terminal if link == "ble" else add_spp_terminal
    reader = add(DBusTestCase.get_dbus(system_bus=True), bluez, mac, "SIM-MPOS SIMC20260003", 2)
    found = json.loads(posdesk("terminals", "discover", "--json", check=True).stdout)
    address = f"{link}:{mac}"
    assert address in [f["address"] for f in found]
    rc, out = pair(address, tmp_path / "shop", lambda: str(reader.Screen()),
                   "--accept-unknown-model")
    assert rc == 0, out
    assert bool(reader.Paired())
    synced = posdesk("terminals", "sync", "--data-dir", str(tmp_path / "shop"), check=True)
    assert "SIM00003:" in synced.stdout and " new" in synced.stdout
    listed = json.loads(posdesk("terminals", "list", "--data-dir", str(tmp_path / "shop"),
                                "--json", check=True).stdout)
    assert listed[0]["transport"] == link and listed[0]["status"] == "ONLINE"


def test_signed_parameter_push(posdesk, world: Path, tmp_path: Path) -> None:
    """spec 12.3: a technician trusts the acquirer's key and pushes its signed parameters;
    a file changed after signing is refused and the terminal keeps what it runs."""
    from app.signed_files import sign
    from tests.signing_keys import new_issuer_key

    data = tmp_path / "shop"
    posdesk("simulate", check=True)
    rc, out = pair(SMART, data, lambda: terminal_screen(world, "SIMB20260002"),
                   "--accept-unknown-model")
    assert rc == 0, out
    key, pem = new_issuer_key()
    (tmp_path / "acquirer.pem").write_bytes(pem)
    posdesk("policy", "trust", str(tmp_path / "acquirer.pem"), "--name", "Test Acquirer",
            "--purpose", "terminal-params", "--data-dir", str(data), check=True)
    document = sign({"format": "posdesk-terminal-params", "version": 7, "issuer": "Test Acquirer",
                     "terminal_ids": ["SIM00002"], "params": {"receipt_header": "小店"}},
                    key, pem)
    tampered = dict(document, params={"receipt_header": "别家"})
    (tmp_path / "bad.json").write_text(json.dumps(tampered), encoding="utf-8")
    refused = posdesk("terminals", "configure", "SIM00002", str(tmp_path / "bad.json"), "--yes",
                      "--data-dir", str(data))
    assert refused.returncode == 1 and "changed after signing" in refused.stderr
    (tmp_path / "good.json").write_text(json.dumps(document), encoding="utf-8")
    pushed = posdesk("terminals", "configure", "SIM00002", str(tmp_path / "good.json"), "--yes",
                     "--data-dir", str(data), check=True)
    assert "now runs parameter version 7" in pushed.stdout
    assert json.loads((world / STATE_FILE).read_text())["SIMB20260002"]["param_version"] == 7
    listed = json.loads(posdesk("terminals", "list", "--data-dir", str(data), "--json").stdout)
    assert listed[0]["param_version"] == 7


def test_releasing_a_blocked_terminal_asks_for_two_categories(
        posdesk, world: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Spec 8: terminal unblock is high-risk. A policy that releases a blocked reader asks
    for the password and the certificate; a wrong password installs nothing."""
    from app.signed_files import sign
    from tests.app.test_policy_file import _policy
    from tests.e2e.test_factors_cli import PASSWORD, certificate
    from tests.signing_keys import new_issuer_key

    data = tmp_path / "shop"
    where = ("--data-dir", str(data))
    posdesk("simulate", check=True)
    rc, out = pair(SMART, data, lambda: terminal_screen(world, "SIMB20260002"),
                   "--accept-unknown-model")
    assert rc == 0, out
    posdesk("factors", "add", "password", *where, stdin=f"{PASSWORD}\n{PASSWORD}\n", check=True)
    posdesk("factors", "add", "certificate", str(certificate(tmp_path)[0]), *where, check=True)
    key, pem = new_issuer_key()
    (tmp_path / "acquirer.pem").write_bytes(pem)
    posdesk("policy", "trust", str(tmp_path / "acquirer.pem"), "--name", "Test Acquirer",
            *where, check=True)
    for version, fw in ((1, None), (2, [None, "2.0"])):
        (tmp_path / f"p{version}.json").write_text(
            json.dumps(sign(_policy(version, fw=fw), key, pem)), encoding="utf-8")
    blocked = posdesk("policy", "import", str(tmp_path / "p1.json"), *where, check=True)
    assert "SIM00002 is now BLOCKED" in blocked.stdout       # blocking asks for nothing

    wrong = posdesk("policy", "import", str(tmp_path / "p2.json"), *where,
                    stdin="not-my-password\n")
    assert wrong.returncode == 1 and "releases the blocked terminal(s) SIM00002" in wrong.stderr
    assert "password is not right" in wrong.stderr
    listed = json.loads(posdesk("terminals", "list", *where, "--json", check=True).stdout)
    assert listed[0]["status"] == "BLOCKED"

    released = posdesk("policy", "import", str(tmp_path / "p2.json"), *where,
                       stdin=f"{PASSWORD}\n", check=True)
    assert "SIM00002 is no longer blocked" in released.stdout
    with sqlite3.connect(data / "posdesk.db") as conn:
        stamps = conn.execute("SELECT op_type, result, factor_categories_used FROM oplog "
                              "WHERE op_type IN ('TERMINAL_UNBLOCK', 'OPERATOR_VERIFIED') "
                              "ORDER BY id").fetchall()
    assert stamps == [("OPERATOR_VERIFIED", "FAIL", None),
                      ("OPERATOR_VERIFIED", "SUCCESS", "KNOWLEDGE+POSSESSION"),
                      ("TERMINAL_UNBLOCK", "SUCCESS", "KNOWLEDGE+POSSESSION")]
