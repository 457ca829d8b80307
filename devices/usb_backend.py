"""The libusb backend pyusb uses: the one shipped by libusb-package, else the system's.

A fresh machine needs no system libusb, because libusb-package carries one.
"""

from __future__ import annotations

from dataclasses import dataclass

import usb.backend.libusb1


@dataclass(frozen=True)
class UsbBackendStatus:
    available: bool
    source: str   # "libusb-package", "system" or ""
    detail: str


def find_backend() -> tuple[object | None, UsbBackendStatus]:
    """Return (backend, status); backend is None when no libusb can be loaded."""
    try:
        import libusb_package

        backend = libusb_package.get_libusb1_backend()
        if backend is not None:
            return backend, UsbBackendStatus(True, "libusb-package",
                                             "libusb 1.0 from libusb-package")
    except Exception as exc:  # a broken wheel must not stop the app
        packaged_error = str(exc)
    else:
        packaged_error = "libusb-package found no library"
    backend = usb.backend.libusb1.get_backend()
    if backend is not None:
        return backend, UsbBackendStatus(True, "system", "libusb 1.0 from the system")
    return None, UsbBackendStatus(False, "", f"no libusb found ({packaged_error})")
