"""The one interface every link to a terminal implements, and what discovery reports.

USB bulk (pyusb), USB CDC / serial (pyserial) and Bluetooth (QtBluetooth) transports all
look like this to the protocol layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class TransportError(OSError):
    """The link itself failed: unplugged, out of range, permission denied."""


class LinkBusyError(TransportError):
    """Another program on this computer, or another host, holds the terminal's link (a
    claimed USB interface, a locked serial port): waiting or retrying will not help until
    the other side lets go."""


@dataclass(frozen=True)
class DeviceInfo:
    """A terminal found by discovery, before it is asked anything over the protocol."""

    transport: str          # "usb", "serial", "ble", "rfcomm"
    vendor: str
    model: str
    serial: str
    address: str            # how to reach it again: "usb:1209:0002:SIMB...", "/dev/ttyACM0"
    firmware: str | None = None


class Transport(Protocol):
    def open(self) -> None: ...

    def write(self, data: bytes) -> None: ...

    def read(self, max_bytes: int, timeout_s: float) -> bytes:
        """Up to `max_bytes`; empty when nothing arrived within `timeout_s`."""
        ...

    def close(self) -> None: ...
