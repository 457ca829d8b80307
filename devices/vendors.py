"""Who made a USB device: the shipped table derived from usb.ids (scripts/gen_usb_vendors.py),
plus name patterns for POS makers usb.ids does not list."""

from __future__ import annotations

import json
from functools import cache

from resources import ROOT


@cache
def _table() -> dict[str, object]:
    return json.loads((ROOT / "usb_vendors.json").read_text(encoding="utf-8"))


def vendor_name(vendor_id: int, manufacturer: str = "") -> str | None:
    """The POS vendor's name, or None when this is not a known payment-terminal maker."""
    vendors: dict[str, dict[str, object]] = _table()["vendors"]  # type: ignore[assignment]
    known = vendors.get(f"{vendor_id:04x}")
    if known:
        return str(known["name"])
    lowered = manufacturer.lower()
    patterns: dict[str, list[str]] = _table()["name_patterns"]  # type: ignore[assignment]
    for name, needles in patterns.items():
        if any(needle in lowered for needle in needles):
            return name
    return None


def product_name(vendor_id: int, product_id: int) -> str | None:
    vendors: dict[str, dict[str, dict[str, str]]] = _table()["vendors"]  # type: ignore[assignment]
    return vendors.get(f"{vendor_id:04x}", {}).get("products", {}).get(f"{product_id:04x}")


def is_pos_vendor(vendor_id: int, manufacturer: str = "") -> bool:
    return vendor_name(vendor_id, manufacturer) is not None


def udev_rules() -> str:
    """Linux: let the logged-in user open payment terminals of the known vendors."""
    vendors: dict[str, dict[str, object]] = _table()["vendors"]  # type: ignore[assignment]
    lines = ["# PosDesk: payment terminals (install as /etc/udev/rules.d/70-posdesk.rules)"]
    for vid, info in sorted(vendors.items()):
        lines.append(f'SUBSYSTEM=="usb", ATTR{{idVendor}}=="{vid}", MODE="0660", '
                     f'TAG+="uaccess"  # {info["name"]}')
    return "\n".join(lines) + "\n"
