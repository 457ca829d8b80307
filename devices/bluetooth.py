"""Bluetooth terminals through QtBluetooth (BlueZ on Linux, the OS stacks elsewhere).

Discovery only, for now: LE readers that advertise the Nordic UART Service or whose name
names a known POS maker, and Classic (RFCOMM/SPP) readers by name. The data link (GATT
serial over NUS, RFCOMM sockets) comes next; until then this source is not registered in
the default registry, so no reader is offered that could not be paired.

This is the one module of devices/ that uses Qt (QtCore + QtBluetooth), as the
architecture allows. Discovery runs a local event loop on the calling (device) thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtBluetooth import (
    QBluetoothDeviceDiscoveryAgent,
    QBluetoothDeviceInfo,
    QBluetoothUuid,
)
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from devices.transport import DeviceInfo
from devices.vendors import vendor_name

log = logging.getLogger(__name__)
NUS_SERVICE = "6e400001-b5a3-f393-e0a9-e50e24dcca9e"
NUS_RX = "6e400002-b5a3-f393-e0a9-e50e24dcca9e"   # host writes
NUS_TX = "6e400003-b5a3-f393-e0a9-e50e24dcca9e"   # terminal notifies


class BluetoothUnavailable(OSError):
    """No adapter, or the Bluetooth stack refused: explained, not crashed."""


def looks_like_terminal(name: str, services: list[str]) -> bool:
    return NUS_SERVICE in services or vendor_name(0, name) is not None


def discover(timeout_ms: int = 6000,
             accept: Callable[[str, list[str]], bool] = looks_like_terminal) -> list[DeviceInfo]:
    """Scan for readers; raises BluetoothUnavailable when there is no working adapter."""
    if QCoreApplication.instance() is None:   # the CLI has no Qt application of its own
        QCoreApplication([])
    agent = QBluetoothDeviceDiscoveryAgent()
    agent.setLowEnergyDiscoveryTimeout(timeout_ms)
    errors: list[str] = []
    loop = QEventLoop()
    agent.finished.connect(loop.quit)
    agent.canceled.connect(loop.quit)
    # errorOccurred can fire synchronously inside start() (no adapter): connect it first.
    agent.errorOccurred.connect(lambda _error: (errors.append(agent.errorString()), loop.quit()))
    agent.start()
    if not errors:
        QTimer.singleShot(timeout_ms + 4000, loop.quit)     # never hang on a silent stack
        loop.exec()
    agent.stop()
    if errors:
        raise BluetoothUnavailable(f"Bluetooth is not available: {errors[0]}")
    return [info for device in agent.discoveredDevices()
            if (info := _info(device, accept)) is not None]


def _info(device: QBluetoothDeviceInfo,
          accept: Callable[[str, list[str]], bool]) -> DeviceInfo | None:
    name = device.name()
    services = [QBluetoothUuid(u).toString().strip("{}").lower() for u in device.serviceUuids()]
    if not accept(name, services):
        return None
    low_energy = bool(device.coreConfigurations()
                      & QBluetoothDeviceInfo.CoreConfiguration.LowEnergyCoreConfiguration)
    scheme = "ble" if low_energy else "rfcomm"
    model, _, serial = name.partition(" ")
    return DeviceInfo(transport=scheme, vendor=vendor_name(0, name) or "", model=model or name,
                      serial=serial, address=f"{scheme}:{device.address().toString()}")
