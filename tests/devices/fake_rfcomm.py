"""A Bluetooth Classic (RFCOMM / Serial Port Profile) reader inside python-dbusmock's bluez5 mock.

BlueZ hands RFCOMM links to programs over D-Bus: the program registers a client profile
(`ProfileManager1.RegisterProfile`), asks the device for it (`Device1.ConnectProfile`), and
BlueZ calls the program's `Profile1.NewConnection` with the connected socket's file
descriptor. QtBluetooth's BlueZ D-Bus socket does exactly that, so this fake answers
`ConnectProfile` with one end of a Unix socket pair whose other end is served by a
`SimulatedTerminal` in the mock server. Everything on the Qt side is the real code path.

`add_spp_terminal` runs in the test process; `install` and the rest run inside the mock server
(they are imported there through a code string, since dbusmock method code cannot see the
caller's bus name, which BlueZ needs to call the profile back).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from typing import Any

import dbus
import dbus.service

SPP_UUID = "00001101-0000-1000-8000-00805f9b34fb"
MOCK = "org.freedesktop.DBus.Mock"
PROFILE_MANAGER = "org.bluez.ProfileManager1"
DEVICE = "org.bluez.Device1"
CONTROL = "org.posdesk.FakeReader"      # what the tests do to the reader itself
REPO = Path(__file__).resolve().parents[2]
CLASSIC_POS_CLASS = 0x000540     # peripheral, no keyboard or pointer: a Classic-only reader


def add_spp_terminal(bus: dbus.Bus, bluez_mock: dbus.Interface, address: str, name: str,
                     profile_index: int) -> dbus.Interface:
    """Add a Classic reader offering SPP; returns its control interface, on which a test may
    call `Hangup()` (the reader drops the link), `Paired()` and `Screen()` (the code it
    shows while pairing)."""
    path = bluez_mock.AddDevice("hci0", address, name)
    device = dbus.Interface(bus.get_object("org.bluez", path), MOCK)
    device.UpdateProperties(DEVICE, {
        "UUIDs": dbus.Array([SPP_UUID], signature="s"),
        "Class": dbus.UInt32(CLASSIC_POS_CLASS),
        "AddressType": dbus.String("public")})
    device.AddMethod(CONTROL, "InstallSpp", "", "", (
        "import sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from tests.devices import fake_rfcomm\n"
        f"fake_rfcomm.install(objects, {path!r}, {profile_index})\n"))
    control = dbus.Interface(bus.get_object("org.bluez", path), CONTROL)
    control.InstallSpp()
    return control


# -- inside the mock server ------------------------------------------------------------------

def install(objects: dict[str, Any], device_path: str, profile_index: int) -> None:
    """Give the BlueZ mock working client profiles and this device an SPP endpoint."""
    manager = objects["/org/bluez"]
    if not hasattr(manager, "spp_profiles"):
        manager.spp_profiles = {}
        _replace(manager, PROFILE_MANAGER, "RegisterProfile", "osa{sv}", _register_profile)
        _replace(manager, PROFILE_MANAGER, "UnregisterProfile", "o", _unregister_profile)
    device = objects[device_path]
    device.spp = _Endpoint(profile_index)
    device.spp_manager = manager
    _replace(device, DEVICE, "ConnectProfile", "s", _connect_profile)
    _replace(device, DEVICE, "DisconnectProfile", "s", _disconnect_profile)
    _replace(device, CONTROL, "Hangup", "", lambda obj, sender=None: obj.spp.hang_up())
    _replace(device, CONTROL, "Paired", "", lambda obj, sender=None: obj.spp.paired(), "b")
    _replace(device, CONTROL, "Screen", "", lambda obj, sender=None: obj.spp.screen(), "s")


def _replace(obj: Any, interface: str, name: str, in_sig: str, function: Any,
             out_sig: str = "") -> None:
    """A method that is told the caller's bus name (dbusmock's own methods are not)."""
    method = dbus.service.method(interface, in_signature=in_sig, out_signature=out_sig,
                                 sender_keyword="sender")(function)
    method.__name__ = name
    obj.methods.setdefault(interface, {})[name] = (in_sig, out_sig, "", method)


def _register_profile(manager: Any, path: str, uuid: str, options: dict,
                      sender: str | None = None) -> None:
    """Kept under the remote service it asks for (BlueZ's "Service" option; Qt registers its
    client profile under a random UUID of its own)."""
    service = str(options.get("Service", uuid)).lower()
    manager.spp_profiles[service] = (str(sender), str(path))


def _unregister_profile(manager: Any, path: str, sender: str | None = None) -> None:
    for uuid, (_, registered) in list(manager.spp_profiles.items()):
        if registered == str(path):
            del manager.spp_profiles[uuid]


def _connect_profile(device: Any, uuid: str, sender: str | None = None) -> None:
    client = device.spp_manager.spp_profiles.get(str(uuid).lower())
    if client is None or str(uuid).lower() != SPP_UUID:
        raise dbus.exceptions.DBusException("Profile not registered or not offered",
                                            name="org.bluez.Error.NotAvailable")
    theirs = device.spp.connect()
    bus_name, profile_path = client
    profile = device.connection.get_object(bus_name, profile_path, introspect=False)
    # Asynchronous: the client waits for this method's reply before it serves the callback.
    profile.NewConnection(dbus.ObjectPath(device.__dbus_object_path__), dbus.types.UnixFd(theirs),
                          dbus.Dictionary({}, signature="sv"), dbus_interface="org.bluez.Profile1",
                          reply_handler=lambda: None, error_handler=lambda _error: None)
    theirs.close()


def _disconnect_profile(device: Any, uuid: str, sender: str | None = None) -> None:
    device.spp.hang_up()


class _Endpoint:
    """The reader's end of the link: bytes in go to the simulated terminal, its answers out."""

    def __init__(self, profile_index: int) -> None:
        import datetime

        from devices.sim_journal import DEMO_PROFILES, journal_for
        from devices.simulator import SimulatedTerminal

        profile = DEMO_PROFILES[profile_index]
        self.sim = SimulatedTerminal(profile, journal_for(profile.terminal_id, 5,
                                                          datetime.date(2026, 1, 10), 4))
        self._ours: socket.socket | None = None

    def connect(self) -> socket.socket:
        self.hang_up()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._ours = ours
        self.sim.plug_in()
        threading.Thread(target=self._serve, args=(ours,), daemon=True).start()
        return theirs

    def hang_up(self) -> None:
        ours, self._ours = self._ours, None
        if ours is not None:
            with contextlib.suppress(OSError):
                ours.shutdown(socket.SHUT_RDWR)

    def screen(self) -> str:
        return self.sim.state.shown_code or ""

    def paired(self) -> bool:
        return bool(self.sim.state.paired_key)

    def _serve(self, ours: socket.socket) -> None:
        with ours:
            while True:
                try:
                    data = ours.recv(4096)
                except OSError:
                    return
                if not data:
                    return
                try:
                    self.sim.write(data)
                    ours.sendall(self.sim.read(1 << 20))
                except Exception:     # the terminal hung up (a fault) or the host went away
                    return
