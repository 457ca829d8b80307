"""A Nordic UART Service reader inside python-dbusmock's bluez5 mock (docs/bluetooth-testing.md):
the mock's RX WriteValue feeds a SimulatedTerminal living in the mock server process, whose
output goes back as TX notifications. QtBluetooth's real BlueZ path talks to it."""

from __future__ import annotations

import dbus

MOCK = "org.freedesktop.DBus.Mock"
NUS = ("6e400001-b5a3-f393-e0a9-e50e24dcca9e", "6e400002-b5a3-f393-e0a9-e50e24dcca9e",
       "6e400003-b5a3-f393-e0a9-e50e24dcca9e")
CCCD = "00002902-0000-1000-8000-00805f9b34fb"
CHAR = "org.bluez.GattCharacteristic1"

# Runs inside the mock server: one SimulatedTerminal per RX characteristic, kept on `self`.
_SIM_WRITE = (
    "if not hasattr(self, 'sim'):\n"
    "    import datetime\n"
    "    from devices.simulator import SimulatedTerminal\n"
    "    from devices.sim_journal import DEMO_PROFILES, journal_for\n"
    "    p = DEMO_PROFILES[profile_index]\n"
    "    self.sim = SimulatedTerminal(p, journal_for(p.terminal_id, 5,"
    " datetime.date(2026, 1, 10), 4))\n"
    "self.sim.write(bytes(args[0]))\n"
    "out = self.sim.read(1 << 20)\n"
    "tx = objects[tx_path]\n"
    "for i in range(0, len(out), 20):\n"
    "    tx.UpdateProperties('org.bluez.GattCharacteristic1',"
    " {'Value': dbus.Array(out[i:i + 20], signature='y')})\n"
)


def add_nus_terminal(bus: dbus.Bus, bluez_mock: dbus.Interface, address: str, name: str,
                     profile_index: int) -> dbus.Interface:
    """Add the reader; returns its RX object, whose Screen() and Paired() tests may call."""
    dev = bluez_mock.AddDevice("hci0", address, name)
    svc, rx, tx = dev + "/service000a", dev + "/service000a/char000b", dev + "/service000a/char000d"

    def mock(path: str) -> dbus.Interface:
        return dbus.Interface(bus.get_object("org.bluez", path), MOCK)

    device = mock(dev)
    device.UpdateProperties("org.bluez.Device1", {"UUIDs": dbus.Array([NUS[0]], signature="s")})
    for method, state in (("Connect", True), ("Disconnect", False)):
        device.AddMethod("org.bluez.Device1", method, "", "",
                         f"self.UpdateProperties('org.bluez.Device1', {{'Connected': "
                         f"dbus.Boolean({state}), 'ServicesResolved': dbus.Boolean({state})}})")
    root = mock("/")
    empty = dbus.Array([], signature="y")
    root.AddObject(svc, "org.bluez.GattService1", {
        "UUID": NUS[0], "Primary": dbus.Boolean(True), "Device": dbus.ObjectPath(dev),
        "Includes": dbus.Array([], signature="o")}, [])
    root.AddObject(rx, CHAR, {
        "UUID": NUS[1], "Service": dbus.ObjectPath(svc), "Value": empty,
        "Notifying": dbus.Boolean(False),
        "Flags": dbus.Array(["write", "write-without-response"], signature="s")}, [
        ("ReadValue", "a{sv}", "ay", "ret = dbus.Array([], signature='y')"),
        ("WriteValue", "aya{sv}", "",
         f"tx_path = {tx!r}\nprofile_index = {profile_index}\n" + _SIM_WRITE),
        ("StartNotify", "", "", ""), ("StopNotify", "", "", ""),
        # for tests: what the terminal's screen shows, and whether it holds a pairing
        ("Screen", "", "s", "ret = self.sim.state.shown_code if hasattr(self, 'sim') else ''"),
        ("Paired", "", "b",
         "ret = bool(hasattr(self, 'sim') and self.sim.state.paired_key)")])
    root.AddObject(tx, CHAR, {
        "UUID": NUS[2], "Service": dbus.ObjectPath(svc), "Value": empty,
        "Notifying": dbus.Boolean(False), "Flags": dbus.Array(["notify"], signature="s")}, [
        ("ReadValue", "a{sv}", "ay", "ret = self.props['org.bluez.GattCharacteristic1']['Value']"),
        ("WriteValue", "aya{sv}", "", ""),
        ("StartNotify", "", "", "self.UpdateProperties('org.bluez.GattCharacteristic1',"
                                " {'Notifying': dbus.Boolean(True)})"),
        ("StopNotify", "", "", "")])
    root.AddObject(tx + "/desc000f", "org.bluez.GattDescriptor1", {
        "UUID": CCCD, "Characteristic": dbus.ObjectPath(tx),
        "Value": dbus.Array([0, 0], signature="y")}, [
        ("ReadValue", "a{sv}", "ay", "ret = dbus.Array([0, 0], signature='y')"),
        ("WriteValue", "aya{sv}", "", "")])
    return dbus.Interface(bus.get_object("org.bluez", rx), CHAR)
