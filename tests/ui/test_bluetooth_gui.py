"""Pairing a simulated Bluetooth reader (LE or Classic) from the GUI: the real wizard, the
real device thread, QtBluetooth's BlueZ path, in a fresh process (libdbus caches bus
addresses)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                                reason="pairing needs the real Secret Service of run-tests.sh")


@pytest.mark.parametrize("link", ["ble", "rfcomm"])
def test_add_a_bluetooth_terminal_in_the_wizard(bluez, tmp_path: Path, link: str) -> None:
    from dbusmock import DBusTestCase

    from tests.devices.fake_gatt import add_nus_terminal
    from tests.devices.fake_rfcomm import add_spp_terminal

    with contextlib.suppress(Exception):        # another test may have added it already
        bluez.AddAdapter("hci0", "posdesk-test")
    mac = "44:55:66:77:88:99" if link == "ble" else "44:55:66:77:88:AA"
    add = add_nus_terminal if link == "ble" else add_spp_terminal
    reader = add(DBusTestCase.get_dbus(system_bus=True), bluez, mac, "SIM-MPOS SIMC20260003", 2)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "tests" / "ui" / "bluetooth_wizard_driver.py"),
         str(tmp_path / "shop"), reader.object_path, reader.dbus_interface, link],
        capture_output=True, text=True, timeout=180, cwd=root,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
             "BLUETOOTH_FORCE_DBUS_LE_VERSION": "5.64"})
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["codes_same"] is True
    assert (outcome["terminal"], outcome["transport"], outcome["status"]) == (
        "SIM00003", link, "ONLINE")
    assert outcome["rows"] > 20
