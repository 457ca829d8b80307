"""One place that knows every way to find and reach a terminal (Electrum's DeviceMgr idea:
enumerators register; the simulator is just another source).

Addresses carry their source's scheme ("usb:…", "serial:…", "sim-usb:…"), so a stored
address finds its way back to the right source.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from devices.transport import DeviceInfo, Transport, TransportError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeviceSource:
    scheme: str                                   # "usb", "serial", "sim-usb", "ble", …
    discover: Callable[[], list[DeviceInfo]]
    connect: Callable[[str], Transport]           # address → an unopened transport
    present: Callable[[str], bool] | None = None  # is it attached? (no radio scan, no I/O)


class DeviceRegistry:
    def __init__(self) -> None:
        self._sources: dict[str, DeviceSource] = {}

    def register(self, source: DeviceSource) -> None:
        self._sources[source.scheme] = source

    def discover(self) -> list[DeviceInfo]:
        """Everything every source finds, one entry per address; a failing source is
        logged and skipped so one broken stack does not hide the others."""
        found: dict[str, DeviceInfo] = {}
        for source in self._sources.values():
            try:
                for info in source.discover():
                    found.setdefault(info.address, info)
            except Exception:
                log.exception("discovery through %s failed", source.scheme)
        return list(found.values())

    def present(self, address: str) -> bool | None:
        """Is the terminal at `address` attached now? None where that cannot be told without
        a radio scan (Bluetooth). Cheap enough to ask every few seconds; it stands in for
        hotplug events, which pyusb and pyserial do not offer."""
        source = self._sources.get(address.split(":", 1)[0])
        if source is None or source.present is None:
            return None
        try:
            return source.present(address)
        except Exception:
            log.exception("could not tell whether %s is attached", address)
            return None

    def open(self, address: str) -> Transport:
        scheme = address.split(":", 1)[0]
        source = self._sources.get(scheme)
        if source is None:
            raise TransportError(f"no way to reach {address} on this computer")
        transport = source.connect(address)
        transport.open()
        return transport


def default_registry() -> DeviceRegistry:
    """Real USB (libusb from libusb-package), serial/CDC ports, and the simulated terminals
    when POSDESK_SIMULATOR_DIR names a simulator folder."""
    from devices import serial_transport, usb_transport
    from devices.sim_world import world_from_env
    from devices.usb_backend import find_backend
    from devices.vendors import is_pos_vendor

    registry = DeviceRegistry()
    backend, _ = find_backend()
    if backend is not None:
        registry.register(DeviceSource(
            "usb", lambda: usb_transport.discover(backend, is_pos_vendor),
            lambda address: usb_transport.UsbBulkTransport(backend, address),
            lambda address: usb_transport.is_attached(backend, address)))
    registry.register(DeviceSource("serial", serial_transport.discover,
                                   serial_transport.SerialTransport, serial_transport.is_attached))
    registry.register(DeviceSource("ble", _bluetooth_readers, _ble_transport))
    registry.register(DeviceSource("rfcomm", list, _rfcomm_transport))   # found by "ble"
    world = world_from_env()
    if world is not None:
        registry.register(world.source())
    return registry


def _bluetooth_readers() -> list[DeviceInfo]:
    """LE readers ("ble:…") and Classic readers ("rfcomm:…") from one scan."""
    from devices import bluetooth

    try:
        return bluetooth.discover()
    except bluetooth.BluetoothUnavailable as exc:
        log.info("no Bluetooth scan: %s", exc)
        return []


def _ble_transport(address: str) -> Transport:
    from devices import bluetooth

    return bluetooth.BleNusTransport(address)


def _rfcomm_transport(address: str) -> Transport:
    from devices import bluetooth

    return bluetooth.RfcommTransport(address)
