"""A fake fprintd on a private system bus, for the fingerprint tests (devices/fingerprint.py).

It speaks fprintd's D-Bus API as far as PosDesk uses it: the manager's GetDefaultDevice, a
device with the `name` and `scan-type` properties, Claim / Release, ListEnrolledFingers and
VerifyStart / VerifyStop with VerifyStatus signals. Its errors carry fprintd's names.

Tests steer it through `org.posdesk.FakeFprint` on the manager:
- `SetFingers(as)`: the fingers "enrolled" for the user (none: NoEnrolledPrints);
- `Touch(as)`: the statuses the next touches produce, e.g. ["verify-retry-scan",
  "verify-match"]; a verification with no queued touch waits, as a reader does;
- `SetReader(b)`: plug the reader in or out (GetDefaultDevice then fails with NoSuchDevice);
- `Claimed() -> b`, `Verifying() -> b`: what the client left behind.

Run as `python -m tests.devices.fake_fprintd` with DBUS_SYSTEM_BUS_ADDRESS set; the
`fprintd` fixture in tests/conftest.py does that on a bus of python-dbusmock's.
"""

from __future__ import annotations

import ctypes
import time

import dbus
import dbus.mainloop.glib
import dbus.service

SERVICE = "net.reactivated.Fprint"
MANAGER_PATH = "/net/reactivated/Fprint/Manager"
DEVICE_PATH = "/net/reactivated/Fprint/Device/0"
DEVICE_IFACE = "net.reactivated.Fprint.Device"
CONTROL_IFACE = "org.posdesk.FakeFprint"
PROPS = "org.freedesktop.DBus.Properties"


class FprintError(dbus.DBusException):
    def __init__(self, short: str) -> None:
        super().__init__(f"fprintd: {short}", name=f"net.reactivated.Fprint.Error.{short}")


class Device(dbus.service.Object):
    def __init__(self, bus: dbus.Bus) -> None:
        super().__init__(bus, DEVICE_PATH)
        self.fingers: list[str] = []
        self.touches: list[str] = []
        self.claimed_by: str | None = None
        self.verifying = False
        self.next_touch_at = 0.0

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, iface: str, name: str) -> object:
        return self.GetAll(iface)[name]

    @dbus.service.method(PROPS, in_signature="s", out_signature="a{sv}")
    def GetAll(self, iface: str) -> dict[str, object]:
        return {"name": dbus.String("Simulated Validity Sensor"), "scan-type":
                dbus.String("press"), "num-enroll-stages": dbus.Int32(5)}

    @dbus.service.method(DEVICE_IFACE, in_signature="s", out_signature="as")
    def ListEnrolledFingers(self, username: str) -> list[str]:
        if not self.fingers:
            raise FprintError("NoEnrolledPrints")
        return self.fingers

    @dbus.service.method(DEVICE_IFACE, in_signature="s", sender_keyword="sender")
    def Claim(self, username: str, sender: str) -> None:
        if self.claimed_by is not None:
            raise FprintError("AlreadyInUse")
        self.claimed_by = sender

    @dbus.service.method(DEVICE_IFACE, sender_keyword="sender")
    def Release(self, sender: str) -> None:
        if self.claimed_by != sender:
            raise FprintError("ClaimDevice")
        self.claimed_by = None

    @dbus.service.method(DEVICE_IFACE, in_signature="s", sender_keyword="sender")
    def VerifyStart(self, finger: str, sender: str) -> None:
        if self.claimed_by != sender:
            raise FprintError("ClaimDevice")
        if not self.fingers:
            raise FprintError("NoEnrolledPrints")
        self.verifying = True
        self.VerifyFingerSelected(finger)
        self.next_touch_at = time.monotonic() + 0.06

    @dbus.service.method(DEVICE_IFACE, sender_keyword="sender")
    def VerifyStop(self, sender: str) -> None:
        if self.claimed_by != sender:
            raise FprintError("ClaimDevice")
        self.verifying = False

    @dbus.service.signal(DEVICE_IFACE, signature="s")
    def VerifyFingerSelected(self, finger: str) -> None:
        pass

    @dbus.service.signal(DEVICE_IFACE, signature="sb")
    def VerifyStatus(self, result: str, done: bool) -> None:
        pass

    def tick(self) -> None:
        """One queued touch every 60 ms while verifying; none queued: keep waiting."""
        if not self.verifying or not self.touches or time.monotonic() < self.next_touch_at:
            return
        result = self.touches.pop(0)
        done = result in ("verify-match", "verify-no-match", "verify-disconnected")
        self.VerifyStatus(result, done)
        self.verifying = not done
        self.next_touch_at = time.monotonic() + 0.06


class Manager(dbus.service.Object):
    def __init__(self, bus: dbus.Bus, device: Device) -> None:
        super().__init__(bus, MANAGER_PATH)
        self.device = device
        self.plugged = True

    @dbus.service.method("net.reactivated.Fprint.Manager", out_signature="o")
    def GetDefaultDevice(self) -> str:
        if not self.plugged:
            raise FprintError("NoSuchDevice")
        return DEVICE_PATH

    @dbus.service.method("net.reactivated.Fprint.Manager", out_signature="ao")
    def GetDevices(self) -> list[str]:
        return [DEVICE_PATH] if self.plugged else []

    @dbus.service.method(CONTROL_IFACE, in_signature="as")
    def SetFingers(self, fingers: list[str]) -> None:
        self.device.fingers = [str(f) for f in fingers]

    @dbus.service.method(CONTROL_IFACE, in_signature="as")
    def Touch(self, results: list[str]) -> None:
        self.device.touches.extend(str(r) for r in results)

    @dbus.service.method(CONTROL_IFACE, in_signature="b")
    def SetReader(self, plugged: bool) -> None:
        self.plugged = bool(plugged)

    @dbus.service.method(CONTROL_IFACE, out_signature="b")
    def Claimed(self) -> bool:
        return self.device.claimed_by is not None

    @dbus.service.method(CONTROL_IFACE, out_signature="b")
    def Verifying(self) -> bool:
        return self.device.verifying


def main() -> None:
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SystemBus()
    device = Device(bus)
    manager = Manager(bus, device)
    name = dbus.service.BusName(SERVICE, bus)
    print("ready", flush=True)
    # GLib's loop through ctypes, as python-dbusmock runs it (no PyGObject needed).
    glib = ctypes.cdll.LoadLibrary("libglib-2.0.so.0")
    while True:
        while glib.g_main_context_iteration(None, False):
            pass
        device.tick()
        time.sleep(0.01)
    del manager, name


if __name__ == "__main__":
    main()
