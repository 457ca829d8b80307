"""Bluetooth terminals through QtBluetooth (BlueZ on Linux, the OS stacks elsewhere).

Discovery: LE readers that advertise the Nordic UART Service or whose name names a known
POS maker, and Classic readers that offer the Serial Port Profile or have such a name. Data:
`BleNusTransport`, the protocol's bytes over GATT (write RX, notifications on TX), and
`RfcommTransport`, the same bytes over an RFCOMM (SPP) stream socket.

This is the one module of devices/ that uses Qt (QtCore + QtBluetooth), as the
architecture allows. Discovery runs a local event loop on the calling (device) thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtBluetooth import (
    QBluetoothAddress,
    QBluetoothDeviceDiscoveryAgent,
    QBluetoothDeviceInfo,
    QBluetoothServiceInfo,
    QBluetoothSocket,
    QBluetoothUuid,
    QLowEnergyController,
    QLowEnergyService,
)
from PySide6.QtCore import QByteArray, QCoreApplication, QEventLoop, QTimer, QUuid

from devices.transport import DeviceInfo, TransportError
from devices.vendors import vendor_name

log = logging.getLogger(__name__)
NUS_SERVICE = "6e400001-b5a3-f393-e0a9-e50e24dcca9e"
NUS_RX = "6e400002-b5a3-f393-e0a9-e50e24dcca9e"   # host writes
NUS_TX = "6e400003-b5a3-f393-e0a9-e50e24dcca9e"   # terminal notifies
SPP = "00001101-0000-1000-8000-00805f9b34fb"      # Serial Port Profile (Classic readers)


class BluetoothUnavailable(OSError):
    """No adapter, or the Bluetooth stack refused: explained, not crashed."""


def looks_like_terminal(name: str, services: list[str]) -> bool:
    return NUS_SERVICE in services or SPP in services or vendor_name(0, name) is not None


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
    # A reader advertising the NUS GATT service is reachable over LE, whatever else it does.
    le_bit = QBluetoothDeviceInfo.CoreConfiguration.LowEnergyCoreConfiguration
    low_energy = NUS_SERVICE in services or bool(device.coreConfigurations() & le_bit)
    scheme = "ble" if low_energy else "rfcomm"
    model, _, serial = name.partition(" ")
    return DeviceInfo(transport=scheme, vendor=vendor_name(0, name) or "", model=model or name,
                      serial=serial, address=f"{scheme}:{device.address().toString()}")


class BleNusTransport:
    """A reader's Nordic UART Service over GATT: write RX, notifications on TX.

    QtBluetooth is asynchronous; each step spins a local event loop on the calling (device)
    thread until its signal or a deadline, so a silent peer ends in TransportError, never a
    hang. Frames are cut to the ATT payload size on write and reassembled by the link.
    """

    CHUNK = 20          # the smallest ATT payload every reader accepts

    def __init__(self, address: str, timeout_s: float = 5.0) -> None:
        self.address = address.split(":", 1)[1] if address.startswith("ble:") else address
        self.timeout_s = timeout_s
        self._controller: QLowEnergyController | None = None
        self._service: QLowEnergyService | None = None
        self._rx: object = None
        self._inbox = bytearray()
        self._flags: dict[str, object] = {}

    def open(self) -> None:
        if QCoreApplication.instance() is None:
            QCoreApplication([])
        info = QBluetoothDeviceInfo(QBluetoothAddress(self.address), "", 0)
        info.setCoreConfigurations(
            QBluetoothDeviceInfo.CoreConfiguration.LowEnergyCoreConfiguration)
        controller = QLowEnergyController.createCentral(info)
        flags = self._flags
        controller.connected.connect(lambda: flags.__setitem__("connected", True))
        controller.discoveryFinished.connect(lambda: flags.__setitem__("discovered", True))
        controller.disconnected.connect(lambda: flags.__setitem__("lost", True))
        controller.errorOccurred.connect(
            lambda _e: flags.__setitem__("error", controller.errorString() or "link error"))
        self._controller = controller
        controller.connectToDevice()
        self._wait(lambda: flags.get("connected"), "connecting")
        controller.discoverServices()
        self._wait(lambda: flags.get("discovered"), "listing its services")
        service = controller.createServiceObject(_uuid(NUS_SERVICE))
        if service is None:
            raise TransportError("the reader offers no serial (NUS) service")
        service.errorOccurred.connect(lambda e: flags.__setitem__("error", f"GATT error {e}"))
        service.characteristicChanged.connect(self._received)
        service.descriptorWritten.connect(lambda *_: flags.__setitem__("notifying", True))
        self._service = service
        service.discoverDetails(QLowEnergyService.DiscoveryMode.SkipValueDiscovery)
        discovered = QLowEnergyService.ServiceState.RemoteServiceDiscovered
        self._wait(lambda: service.state() == discovered, "reading the serial service")
        self._rx = service.characteristic(_uuid(NUS_RX))
        tx = service.characteristic(_uuid(NUS_TX))
        cccd = tx.descriptor(QBluetoothUuid(
            QBluetoothUuid.DescriptorType.ClientCharacteristicConfiguration))
        if not (self._rx.isValid() and tx.isValid() and cccd.isValid()):
            raise TransportError("the reader's serial service is incomplete")
        service.writeDescriptor(cccd, QByteArray(b"\x01\x00"))
        self._wait(lambda: flags.get("notifying"), "switching on notifications")

    def write(self, data: bytes) -> None:
        service = self._require()
        mode = QLowEnergyService.WriteMode.WriteWithoutResponse
        for start in range(0, len(data), self.CHUNK):
            service.writeCharacteristic(self._rx, QByteArray(data[start:start + self.CHUNK]),
                                        mode)

    def read(self, max_bytes: int, timeout_s: float) -> bytes:
        self._require()
        if not self._inbox:
            _spin(lambda: bool(self._inbox), timeout_s)
        if self._flags.get("error") or self._flags.get("lost"):
            raise TransportError(f"Bluetooth link lost: {self._flags.get('error') or 'gone'}")
        chunk = bytes(self._inbox[:max_bytes])
        del self._inbox[:max_bytes]
        return chunk

    def close(self) -> None:
        if self._controller is not None:
            self._controller.disconnectFromDevice()
            _spin(lambda: bool(self._flags.get("lost")), 0.5)
        self._controller = self._service = None

    def _received(self, characteristic: object, value: QByteArray) -> None:
        self._inbox += bytes(value)

    def _require(self) -> QLowEnergyService:
        if self._service is None:
            raise TransportError("the Bluetooth link is not open")
        return self._service

    def _wait(self, done: Callable[[], object], step: str) -> None:
        _spin(lambda: bool(done()) or bool(self._flags.get("error")), self.timeout_s)
        if self._flags.get("error"):
            raise TransportError(f"Bluetooth error while {step}: {self._flags['error']}")
        if not done():
            raise TransportError(f"the reader did not answer while {step}")



def _spin(done: Callable[[], bool], timeout_s: float) -> None:
    """Run a local event loop until done() or the deadline, re-checking every 10 ms."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    tick = QTimer()
    tick.timeout.connect(loop.quit)
    while not done() and time.monotonic() < deadline:
        tick.start(10)
        loop.exec()
    tick.stop()


def _uuid(text: str) -> QBluetoothUuid:
    return QBluetoothUuid(QUuid(text))      # PySide6 has no QBluetoothUuid(str)


class RfcommTransport:
    """A Classic reader's Serial Port Profile: one RFCOMM byte stream each way.

    On Linux QtBluetooth asks BlueZ for the link over D-Bus (a client profile; BlueZ passes
    the connected socket back), so the same code runs against the test suite's fake BlueZ.
    Like `BleNusTransport`, each step spins a local event loop with a deadline.
    """

    def __init__(self, address: str, timeout_s: float = 8.0) -> None:
        self.address = address.split(":", 1)[1] if address.startswith("rfcomm:") else address
        self.timeout_s = timeout_s
        self._socket: QBluetoothSocket | None = None
        self._error = ""

    def open(self) -> None:
        if QCoreApplication.instance() is None:
            QCoreApplication([])
        sock = QBluetoothSocket(QBluetoothServiceInfo.Protocol.RfcommProtocol)
        sock.errorOccurred.connect(self._failed)
        self._socket = sock
        sock.connectToService(QBluetoothAddress(self.address), _uuid(SPP))
        connected = QBluetoothSocket.SocketState.ConnectedState
        _spin(lambda: sock.state() == connected or bool(self._error),
                              self.timeout_s)
        if sock.state() != connected:
            reason = self._error or "the reader did not answer"
            self.close()
            raise TransportError(f"cannot open the Bluetooth serial link: {reason}")

    def write(self, data: bytes) -> None:
        sock = self._require()
        if sock.write(QByteArray(data)) != len(data):
            raise TransportError(f"Bluetooth link lost: {self._error or 'write refused'}")
        _spin(lambda: sock.bytesToWrite() == 0 or bool(self._error),
                              self.timeout_s)
        if sock.bytesToWrite():
            raise TransportError("the reader stopped taking data")

    def read(self, max_bytes: int, timeout_s: float) -> bytes:
        sock = self._require()
        if not sock.bytesAvailable():
            _spin(lambda: bool(sock.bytesAvailable()) or not self._is_open(),
                                  timeout_s)
        if not sock.bytesAvailable() and not self._is_open():
            raise TransportError(f"Bluetooth link lost: {self._error or 'the reader hung up'}")
        return bytes(sock.read(max_bytes).data())

    def close(self) -> None:
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.abort()
            sock.deleteLater()

    def _is_open(self) -> bool:
        sock = self._socket
        return sock is not None and sock.state() == QBluetoothSocket.SocketState.ConnectedState

    def _failed(self, _error: object) -> None:
        if self._socket is not None:
            self._error = self._socket.errorString() or "link error"

    def _require(self) -> QBluetoothSocket:
        if self._socket is None:
            raise TransportError("the Bluetooth link is not open")
        return self._socket
