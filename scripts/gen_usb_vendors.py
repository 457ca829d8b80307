"""Regenerate resources/usb_vendors.json from Debian's usb.ids (package usb.ids or usbutils).

Usage: .venv/bin/python scripts/gen_usb_vendors.py [/usr/share/misc/usb.ids]

Keeps the payment-terminal vendors below with their product names, and adds name patterns
for POS makers usb.ids does not list (matched against USB manufacturer strings / BLE names).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

POS_VENDOR_IDS = ("11ca", "0b00", "0f14", "0801", "0acd", "0ca6", "27a8", "28f3", "1eab",
                  "0780", "0404", "0d3a", "08a6")
# Vendors absent from usb.ids: recognised by the strings their devices report.
NAME_PATTERNS = {
    "PAX": ["pax technology", "pax computer", "paxsz"],
    "Sunmi": ["sunmi"],
    "Landi": ["landi", "联迪"],
    "Newland Payment": ["newland payment", "newpos", "新大陆"],
    "BBPOS": ["bbpos"],
    "Miura Systems": ["miura"],
    "Dejavoo": ["dejavoo"],
    "UnionPay": ["unionpay", "银联"],
    "Lakala": ["lakala", "拉卡拉"],
}
OUT = Path(__file__).resolve().parents[1] / "resources" / "usb_vendors.json"


def parse(path: Path) -> dict[str, dict[str, object]]:
    vendors: dict[str, dict[str, object]] = {}
    current: dict[str, object] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("C "):          # device classes follow the vendor list
            break
        if not line or line.startswith("#"):
            continue
        if not line.startswith("\t"):
            vid, _, name = line.partition("  ")
            current = None
            if vid in POS_VENDOR_IDS:
                current = {"name": name.strip(), "products": {}}
                vendors[vid] = current
        elif current is not None and not line.startswith("\t\t"):
            pid, _, name = line.strip().partition("  ")
            current["products"][pid] = name.strip()  # type: ignore[index]
    return vendors


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/misc/usb.ids")
    vendors = parse(source)
    missing = sorted(set(POS_VENDOR_IDS) - set(vendors))
    if missing:
        raise SystemExit(f"{source} lacks vendor ids {missing}")
    table = {"generated_from": source.name, "vendors": vendors, "name_patterns": NAME_PATTERNS}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT} ({len(vendors)} vendors)")


if __name__ == "__main__":
    main()
