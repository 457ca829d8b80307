"""USB backend and Bluetooth adapter probes, on the real libraries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import usb.core

from devices.bluetooth_probe import probe
from devices.usb_backend import find_backend


def test_libusb_comes_from_libusb_package_so_a_fresh_machine_needs_nothing() -> None:
    backend, status = find_backend()
    assert backend is not None and status.available and status.source == "libusb-package"
    # a real enumeration through pyusb with that backend (no hardware here: a list, no crash)
    assert isinstance(list(usb.core.find(find_all=True, backend=backend)), list)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sysfs is Linux only")
def test_bluetooth_adapter_found_in_sysfs(tmp_path: Path) -> None:
    assert probe(tmp_path).available is False
    (tmp_path / "hci0").mkdir()
    status = probe(tmp_path)
    assert status.available is True and "hci0" in status.detail


def test_a_later_journal_starts_with_the_earlier_one() -> None:
    """Hosts keep cursors as positions: a journal generated on a later day must only grow."""
    import datetime as dt

    from devices.sim_journal import journal_for

    start = dt.date(2026, 3, 1)
    for terminal in ("SIM00001", "SIM00002"):
        short = journal_for(terminal, 3, start + dt.timedelta(days=9), 10)
        longer = journal_for(terminal, 3, start + dt.timedelta(days=29), 30)
        assert len(longer) > len(short) > 100
        assert longer[:len(short)] == short
