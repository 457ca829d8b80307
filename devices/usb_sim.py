"""Simulated USB terminals behind pyusb's backend interface.

pyusb accepts any object implementing usb.backend.IBackend, so with this backend
`usb.core.find`, descriptor parsing, string descriptors and bulk endpoint transfers run
through pyusb's real code; only the wire is simulated. Each device is a vendor-class
interface with one bulk OUT (0x01) and one bulk IN (0x81) endpoint.
"""

from __future__ import annotations

import array
import errno
import time
from dataclasses import dataclass, field

import usb.backend
import usb.core

from devices.simulator import Disconnected, SimulatedTerminal

EP_OUT, EP_IN = 0x01, 0x81
LANGID_EN_US = 0x0409
STR_MANUFACTURER, STR_PRODUCT, STR_SERIAL = 1, 2, 3


@dataclass
class _Descriptor:
    """Plain attribute bag: pyusb reads descriptor fields as attributes."""

    fields: dict[str, object]

    def __getattr__(self, name: str) -> object:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class SimulatedUsbDevice:
    terminal: SimulatedTerminal
    bus: int = 1
    address: int = 2
    plugged: bool = True
    held_elsewhere: bool = False       # another program or host has claimed the interface
    claimed: set[int] = field(default_factory=set)

    def strings(self) -> dict[int, str]:
        p = self.terminal.profile
        return {STR_MANUFACTURER: p.vendor, STR_PRODUCT: p.model, STR_SERIAL: p.serial}


class _Handle:
    def __init__(self, device: SimulatedUsbDevice) -> None:
        self.device = device


class SimulatedUsbBackend(usb.backend.IBackend):  # type: ignore[misc]
    def __init__(self, devices: list[SimulatedUsbDevice] | None = None) -> None:
        self.devices = list(devices or [])

    def add(self, terminal: SimulatedTerminal) -> SimulatedUsbDevice:
        device = SimulatedUsbDevice(terminal, address=2 + len(self.devices))
        self.devices.append(device)
        return device

    def unplug(self, serial: str) -> None:
        for device in self.devices:
            if device.terminal.profile.serial == serial:
                device.plugged = False
                device.terminal.unplug()

    def plug_in(self, serial: str) -> None:
        for device in self.devices:
            if device.terminal.profile.serial == serial:
                device.plugged = True
                device.terminal.plug_in()

    # -- enumeration and descriptors -----------------------------------------------------
    def enumerate_devices(self):  # type: ignore[no-untyped-def]
        return [d for d in self.devices if d.plugged]

    def get_parent(self, dev: SimulatedUsbDevice) -> None:
        return None

    def get_device_descriptor(self, dev: SimulatedUsbDevice) -> _Descriptor:
        p = dev.terminal.profile
        return _Descriptor({
            "bLength": 18, "bDescriptorType": 1, "bcdUSB": 0x0200, "bDeviceClass": 0,
            "bDeviceSubClass": 0, "bDeviceProtocol": 0, "bMaxPacketSize0": 64,
            "idVendor": p.usb_vendor_id, "idProduct": p.usb_product_id, "bcdDevice": 0x0100,
            "iManufacturer": STR_MANUFACTURER, "iProduct": STR_PRODUCT,
            "iSerialNumber": STR_SERIAL, "bNumConfigurations": 1, "address": dev.address,
            "bus": dev.bus, "port_number": dev.address, "port_numbers": (dev.address,),
            "speed": 3})

    def get_configuration_descriptor(self, dev: SimulatedUsbDevice, config: int) -> _Descriptor:
        if config != 0:
            raise IndexError("configuration index out of range")
        return _Descriptor({
            "bLength": 9, "bDescriptorType": 2, "wTotalLength": 32, "bNumInterfaces": 1,
            "bConfigurationValue": 1, "iConfiguration": 0, "bmAttributes": 0x80,
            "bMaxPower": 50, "extra_descriptors": []})

    def get_interface_descriptor(self, dev: SimulatedUsbDevice, intf: int, alt: int,
                                 config: int) -> _Descriptor:
        if intf != 0 or alt != 0 or config != 0:
            raise IndexError("interface index out of range")   # stops pyusb's alt-setting walk
        return _Descriptor({
            "bLength": 9, "bDescriptorType": 4, "bInterfaceNumber": 0, "bAlternateSetting": 0,
            "bNumEndpoints": 2, "bInterfaceClass": 0xFF, "bInterfaceSubClass": 0,
            "bInterfaceProtocol": 0, "iInterface": 0, "extra_descriptors": []})

    def get_endpoint_descriptor(self, dev: SimulatedUsbDevice, ep: int, intf: int, alt: int,
                                config: int) -> _Descriptor:
        if ep not in (0, 1) or intf != 0 or alt != 0 or config != 0:
            raise IndexError("endpoint index out of range")
        return _Descriptor({
            "bLength": 7, "bDescriptorType": 5, "bEndpointAddress": (EP_OUT, EP_IN)[ep],
            "bmAttributes": 0x02, "wMaxPacketSize": 64, "bInterval": 0, "bRefresh": 0,
            "bSynchAddress": 0, "extra_descriptors": []})

    # -- opening ---------------------------------------------------------------------------
    def open_device(self, dev: SimulatedUsbDevice) -> _Handle:
        _require_plugged(dev)
        return _Handle(dev)

    def close_device(self, dev_handle: _Handle) -> None:
        dev_handle.device.claimed.clear()

    def set_configuration(self, dev_handle: _Handle, config_value: int) -> None:
        _require_plugged(dev_handle.device)

    def get_configuration(self, dev_handle: _Handle) -> int:
        return 1

    def set_interface_altsetting(self, dev_handle: _Handle, intf: int, altsetting: int) -> None:
        pass

    def claim_interface(self, dev_handle: _Handle, intf: int) -> None:
        _require_plugged(dev_handle.device)
        if dev_handle.device.held_elsewhere:      # what libusb reports: LIBUSB_ERROR_BUSY
            raise usb.core.USBError("Resource busy", errno=errno.EBUSY)
        dev_handle.device.claimed.add(intf)

    def release_interface(self, dev_handle: _Handle, intf: int) -> None:
        dev_handle.device.claimed.discard(intf)

    def is_kernel_driver_active(self, dev_handle: _Handle, intf: int) -> bool:
        return False

    def clear_halt(self, dev_handle: _Handle, ep: int) -> None:
        pass

    # -- transfers -------------------------------------------------------------------------
    def bulk_write(self, dev_handle: _Handle, ep: int, intf: int, data: array.array,
                   timeout: int) -> int:
        device = dev_handle.device
        _require_plugged(device)
        if ep != EP_OUT:
            raise usb.core.USBError("no such OUT endpoint", errno=errno.EINVAL)
        try:
            return device.terminal.write(data.tobytes())
        except Disconnected as exc:
            raise _no_device(str(exc)) from None

    def bulk_read(self, dev_handle: _Handle, ep: int, intf: int, buff: array.array,
                  timeout: int) -> int:
        device = dev_handle.device
        _require_plugged(device)
        if ep != EP_IN:
            raise usb.core.USBError("no such IN endpoint", errno=errno.EINVAL)
        try:
            data = device.terminal.read(len(buff))
        except Disconnected as exc:
            raise _no_device(str(exc)) from None
        if not data:
            time.sleep(min(timeout, 20) / 1000)   # like a quiet IN endpoint, briefly
            raise usb.core.USBTimeoutError("Operation timed out", errno=errno.ETIMEDOUT)
        buff[:len(data)] = array.array("B", data)
        return len(data)

    def ctrl_transfer(self, dev_handle: _Handle, bmRequestType: int, bRequest: int,
                      wValue: int, wIndex: int, data: array.array, timeout: int) -> int:
        """Like libusb: an IN transfer fills `data` and returns the byte count."""
        device = dev_handle.device
        _require_plugged(device)
        descriptor_type, index = wValue >> 8, wValue & 0xFF
        if bmRequestType & 0x80 and bRequest == 0x06 and descriptor_type == 3:
            reply = _string_descriptor(device, index)[:len(data)]
            data[:len(reply)] = array.array("B", reply)
            return len(reply)
        raise usb.core.USBError("request not supported", errno=errno.EPIPE)


def _string_descriptor(device: SimulatedUsbDevice, index: int) -> bytes:
    if index == 0:
        return bytes([4, 3]) + LANGID_EN_US.to_bytes(2, "little")
    text = device.strings().get(index)
    if text is None:
        raise usb.core.USBError("no such string", errno=errno.EPIPE)
    encoded = text.encode("utf-16-le")
    return bytes([2 + len(encoded), 3]) + encoded


def _require_plugged(device: SimulatedUsbDevice) -> None:
    if not device.plugged:
        raise _no_device("the device was unplugged")


def _no_device(text: str) -> usb.core.USBError:
    return usb.core.USBError(f"No such device ({text})", errno=errno.ENODEV)
