"""Is there a Bluetooth adapter? Answered without Qt, so the doctor can ask from app/.

On Linux adapters appear under /sys/class/bluetooth; other systems are asked by QtBluetooth
when the Terminals page scans.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BluetoothStatus:
    available: bool | None   # None: not knowable without starting a scan
    detail: str


def probe(sysfs: Path = Path("/sys/class/bluetooth")) -> BluetoothStatus:
    if not sys.platform.startswith("linux"):
        return BluetoothStatus(None, "checked when scanning for terminals")
    adapters = sorted(p.name for p in sysfs.glob("hci*")) if sysfs.is_dir() else []
    if adapters:
        return BluetoothStatus(True, "adapter " + ", ".join(adapters))
    return BluetoothStatus(False, "no Bluetooth adapter found")
