"""USB terminals with a vendor-class bulk interface, through pyusb.

Discovery lists devices whose vendor id is a known POS vendor (resources/usb_vendors.json,
from usb.ids) or whose strings name one; the transport claims interface 0 and talks over
its bulk endpoints. Any backend pyusb accepts works: libusb from libusb-package on a real
machine, the simulated backend in tests and `posdesk simulate`.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable, Iterable

import usb.core
import usb.util

from devices.transport import DeviceInfo, LinkBusyError, TransportError

POS_INTERFACE_CLASS = 0xFF


def address_of(device: usb.core.Device) -> str:
    serial = _string(device, device.iSerialNumber) or ""
    return f"usb:{device.idVendor:04x}:{device.idProduct:04x}:{serial}"


def discover(backend: object, is_pos_vendor: Callable[[int, str], bool]) -> list[DeviceInfo]:
    """Every attached USB device that looks like a payment terminal."""
    found = []
    for device in usb.core.find(find_all=True, backend=backend) or []:
        vendor = _string(device, device.iManufacturer) or f"{device.idVendor:04x}"
        if not is_pos_vendor(device.idVendor, vendor):
            continue
        found.append(DeviceInfo(
            transport="usb", vendor=vendor, model=_string(device, device.iProduct) or "",
            serial=_string(device, device.iSerialNumber) or "", address=address_of(device)))
    return found


class UsbBulkTransport:
    """One terminal's bulk endpoints. Errors become TransportError with a readable reason."""

    def __init__(self, backend: object, address: str) -> None:
        self.backend = backend
        self.address = address
        self._device: usb.core.Device | None = None
        self._out: usb.core.Endpoint | None = None
        self._in: usb.core.Endpoint | None = None

    def open(self) -> None:
        device = self._find()
        try:
            device.set_configuration()
            interface = device.get_active_configuration()[(0, 0)]
            usb.util.claim_interface(device, interface.bInterfaceNumber)
        except usb.core.USBError as exc:
            raise _transport_error(exc) from None
        self._out = _endpoint(interface, usb.util.ENDPOINT_OUT)
        self._in = _endpoint(interface, usb.util.ENDPOINT_IN)
        self._device = device

    def write(self, data: bytes) -> None:
        if self._out is None:
            raise TransportError("the USB link is not open")
        try:
            self._out.write(data, timeout=2000)
        except usb.core.USBError as exc:
            raise _transport_error(exc) from None

    def read(self, max_bytes: int, timeout_s: float) -> bytes:
        if self._in is None:
            raise TransportError("the USB link is not open")
        try:
            return bytes(self._in.read(max_bytes, timeout=max(1, int(timeout_s * 1000))))
        except usb.core.USBTimeoutError:
            return b""
        except usb.core.USBError as exc:
            raise _transport_error(exc) from None

    def close(self) -> None:
        if self._device is not None:
            with contextlib.suppress(usb.core.USBError):   # already gone: nothing to release
                usb.util.dispose_resources(self._device)
        self._device = self._out = self._in = None

    def _find(self) -> usb.core.Device:
        device = _attached_device(self.backend, self.address)
        if device is None:
            serial = self.address.split(":", 3)[-1]
            raise TransportError(f"the terminal {serial or self.address} is not connected")
        return device


def is_attached(backend: object, address: str) -> bool:
    """Is this terminal plugged in? Only devices with its vendor and product id are asked
    for their serial number, so polling this leaves every other USB device alone."""
    return _attached_device(backend, address) is not None


def _attached_device(backend: object, address: str) -> usb.core.Device | None:
    _, vid, pid, serial = address.split(":", 3)
    for device in usb.core.find(find_all=True, backend=backend,
                                idVendor=int(vid, 16), idProduct=int(pid, 16)) or []:
        if (_string(device, device.iSerialNumber) or "") == serial:
            return device
    return None


def _endpoint(interface: Iterable[usb.core.Endpoint], direction: int) -> usb.core.Endpoint:
    for endpoint in interface:
        if usb.util.endpoint_direction(endpoint.bEndpointAddress) == direction and \
                usb.util.endpoint_type(endpoint.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK:
            return endpoint
    raise TransportError("the terminal has no bulk endpoints on interface 0")


def _string(device: usb.core.Device, index: int) -> str | None:
    try:
        return usb.util.get_string(device, index) if index else None
    except (usb.core.USBError, ValueError):
        return None


def _transport_error(exc: usb.core.USBError) -> TransportError:
    if exc.errno == errno.EACCES:
        return TransportError("no permission to open the USB device: install the udev rule "
                              "(Add terminal offers it) and plug the terminal in again")
    if exc.errno == errno.EBUSY:
        return LinkBusyError("the terminal is held by another program or host: close the "
                             "other program, or unplug it from the other computer, then try "
                             "again")
    if exc.errno == errno.ENODEV:
        return TransportError("the terminal was unplugged")
    return TransportError(f"USB error: {exc}")
