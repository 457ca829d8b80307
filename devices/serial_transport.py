"""USB CDC-ACM and serial terminals through pyserial (the OS driver owns CDC devices; pyusb
only identifies them)."""

from __future__ import annotations

import errno
import os
import time

import serial
import serial.tools.list_ports

from devices.transport import DeviceInfo, LinkBusyError, TransportError
from devices.vendors import vendor_name

SCHEME = "serial:"


def discover() -> list[DeviceInfo]:
    """Serial ports whose USB vendor is a known POS maker."""
    found = []
    for port in serial.tools.list_ports.comports():
        if port.vid is None:
            continue
        vendor = vendor_name(port.vid, port.manufacturer or "")
        if vendor is None:
            continue
        found.append(DeviceInfo(transport="serial", vendor=vendor, model=port.product or "",
                                serial=port.serial_number or "",
                                address=SCHEME + port.device))
    return found


def is_attached(address: str) -> bool:
    """Is the port there? Its device node on POSIX (it goes when the cable does); the port
    list on Windows. Nothing is opened, so a port in use elsewhere is left alone."""
    name = address.removeprefix(SCHEME)
    if os.name == "nt":
        return name in {port.device for port in serial.tools.list_ports.comports()}
    return os.path.exists(name)


class SerialTransport:
    def __init__(self, address: str, baudrate: int = 115200) -> None:
        self.port_name = address.removeprefix(SCHEME)
        self.baudrate = baudrate
        self._port: serial.Serial | None = None

    def open(self) -> None:
        try:
            # exclusive: a second program reading the same port would split the frames
            self._port = serial.Serial(self.port_name, self.baudrate, timeout=0,
                                       write_timeout=2, exclusive=True)
        except serial.SerialException as exc:
            raise _transport_error(exc, self.port_name) from None

    def write(self, data: bytes) -> None:
        port = self._require()
        try:
            port.write(data)
            port.flush()
        except serial.SerialException as exc:
            raise _transport_error(exc, self.port_name) from None

    def read(self, max_bytes: int, timeout_s: float) -> bytes:
        port = self._require()
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                waiting = port.in_waiting
                if waiting:
                    return bytes(port.read(min(waiting, max_bytes)))
                if time.monotonic() >= deadline:
                    return b""
                time.sleep(0.005)
        except (serial.SerialException, OSError) as exc:
            raise _transport_error(exc, self.port_name) from None

    def close(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None

    def _require(self) -> serial.Serial:
        if self._port is None:
            raise TransportError("the serial link is not open")
        return self._port


def _transport_error(exc: Exception, port: str) -> TransportError:
    code = getattr(exc, "errno", None)
    if "exclusively lock" in str(exc):
        return LinkBusyError(f"{port} is held by another program: close it, then try again")
    if code == errno.EACCES or "Permission denied" in str(exc):
        return TransportError(f"no permission to open {port}: add your user to the 'dialout' "
                              "group, then log in again")
    if code in (errno.ENOENT, errno.ENXIO, errno.EIO) or "could not open" in str(exc):
        return TransportError(f"{port} is not there any more: the terminal was unplugged")
    return TransportError(f"serial error on {port}: {exc}")
