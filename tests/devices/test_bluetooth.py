"""Bluetooth through QtBluetooth against a fake BlueZ (python-dbusmock's bluez5 template on a
private system bus): discovery, and the protocol over GATT/NUS to a simulated terminal."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

dbusmock = pytest.importorskip("dbusmock")
from dbusmock import DBusTestCase  # noqa: E402


def _discover_in_fresh_process(timeout_ms: int) -> list[list[str]] | str:
    """Discovery in its own interpreter. libdbus (shared by QtDBus and dbus-python) reads the
    bus addresses from the environment once, at first use; keyring's KWallet probe uses it
    early, before this module's fake system bus exists, so in-process Qt would keep talking to
    the real (absent) system bus. A user's process never changes DBUS_SYSTEM_BUS_ADDRESS."""
    code = (
        "import json, sys\n"
        "from devices.bluetooth import BluetoothUnavailable, discover\n"
        "try:\n"
        f"    found = discover(timeout_ms={timeout_ms})\n"
        "except BluetoothUnavailable as exc:\n"
        "    print(json.dumps(str(exc))); sys.exit(0)\n"
        "print(json.dumps([[f.vendor, f.model, f.serial, f.address] for f in found]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            cwd=Path(__file__).resolve().parents[2], check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_adapter_is_explained_not_crashed(bluez) -> None:
    outcome = _discover_in_fresh_process(500)
    assert isinstance(outcome, str) and "not available" in outcome


def test_readers_are_found_and_other_devices_ignored(bluez) -> None:
    bluez.AddAdapter("hci0", "posdesk-test")
    bluez.AddDevice("hci0", "11:22:33:44:55:66", "Sunmi-P2 SN7788")
    bluez.AddDevice("hci0", "AA:BB:CC:DD:EE:FF", "Living room speaker")
    found = _discover_in_fresh_process(1500)
    assert isinstance(found, list)
    assert [f[:3] for f in found] == [["Sunmi", "Sunmi-P2", "SN7788"]]
    assert found[0][3].split(":", 1)[0] in ("ble", "rfcomm")
    assert found[0][3].endswith("11:22:33:44:55:66")


def test_pair_and_read_the_journal_over_ble(bluez) -> None:
    """The whole protocol over GATT/NUS through QtBluetooth's BlueZ path, against a
    simulated terminal living inside the fake BlueZ."""
    from tests.devices.fake_gatt import add_nus_terminal

    bus = DBusTestCase.get_dbus(system_bus=True)
    with contextlib.suppress(Exception):
        bluez.AddAdapter("hci0", "posdesk-test")
    add_nus_terminal(bus, bluez, "22:33:44:55:66:77", "SIM-MPOS SIMC20260003", 2)
    code = (
        "import json\n"
        "from devices.bluetooth import BleNusTransport\n"
        "from devices.terminal_client import TerminalClient\n"
        "t = BleNusTransport('ble:22:33:44:55:66:77'); t.open()\n"
        "c = TerminalClient(t, 5.0)\n"
        "ident = c.identify()\n"
        "key = c.finish_pairing(c.start_pairing())\n"
        "c.login(key)\n"
        "cursor, rows = '0', 0\n"
        "while True:\n"
        "    page = c.journal_page(cursor)\n"
        "    rows += len(page.entries); cursor = page.next_cursor\n"
        "    if not page.more: break\n"
        "c.logout(); t.close()\n"
        "print(json.dumps([ident.terminal_id, ident.model, rows]))\n")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=90,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
             "BLUETOOTH_FORCE_DBUS_LE_VERSION": "5.64"},
        cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    terminal_id, model, rows = json.loads(result.stdout.strip().splitlines()[-1])
    assert (terminal_id, model) == ("SIM00003", "SIM-MPOS")
    assert rows > 20


_RFCOMM_SESSION = (
    "import json, sys\n"
    "from devices.bluetooth import RfcommTransport\n"
    "from devices.terminal_client import TerminalClient\n"
    "from devices.transport import TransportError\n"
    "t = RfcommTransport('rfcomm:44:55:66:77:88:99'); t.open()\n"
    "c = TerminalClient(t, 5.0)\n"
    "ident = c.identify()\n"
    "key = c.finish_pairing(c.start_pairing())\n"
    "c.login(key)\n"
    "cursor, rows = '0', 0\n"
    "while True:\n"
    "    page = c.journal_page(cursor)\n"
    "    rows += len(page.entries); cursor = page.next_cursor\n"
    "    if not page.more: break\n"
    "print(json.dumps([ident.terminal_id, ident.model, rows]), flush=True)\n"
    "sys.stdin.readline()\n"            # the test hangs the reader up here
    "try:\n"
    "    c.journal_page(cursor); print(json.dumps('still talking'))\n"
    "except TransportError as exc:\n"
    "    print(json.dumps(str(exc)))\n")


def test_pair_read_and_lose_a_classic_reader_over_rfcomm(bluez) -> None:
    """The protocol over an RFCOMM (SPP) stream through QtBluetooth's BlueZ D-Bus socket,
    against a simulated Classic reader inside the fake BlueZ; then the reader hangs up."""
    from tests.devices.fake_rfcomm import add_spp_terminal

    bus = DBusTestCase.get_dbus(system_bus=True)
    with contextlib.suppress(Exception):
        bluez.AddAdapter("hci0", "posdesk-test")
    reader = add_spp_terminal(bus, bluez, "44:55:66:77:88:99", "SIM-MPOS SIMC20260003", 2)
    session = subprocess.Popen(
        [sys.executable, "-c", _RFCOMM_SESSION], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
             "BLUETOOTH_FORCE_DBUS_LE_VERSION": "5.64"},
        cwd=Path(__file__).resolve().parents[2])
    try:
        first = session.stdout.readline()
        assert first, session.stderr.read()[-2000:]
        terminal_id, model, rows = json.loads(first)
        assert (terminal_id, model) == ("SIM00003", "SIM-MPOS")
        assert rows > 20
        assert reader.Paired()
        reader.Hangup()
        out, err = session.communicate("\n", timeout=60)
    finally:
        if session.poll() is None:
            session.kill()
    assert "Bluetooth link lost" in json.loads(out.strip().splitlines()[-1]), err[-2000:]


def test_a_classic_reader_is_found_as_rfcomm(bluez) -> None:
    from tests.devices.fake_rfcomm import add_spp_terminal

    with contextlib.suppress(Exception):
        bluez.AddAdapter("hci0", "posdesk-test")
    add_spp_terminal(DBusTestCase.get_dbus(system_bus=True), bluez, "55:66:77:88:99:AA",
                     "Reader 1", 2)      # a name no maker table knows: found by its SPP service
    found = _discover_in_fresh_process(1500)
    assert isinstance(found, list)
    assert "rfcomm:55:66:77:88:99:AA" in [f[3] for f in found]
