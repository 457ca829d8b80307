from __future__ import annotations

import datetime as dt

import pytest

from devices.sim_journal import DEMO_PROFILES, journal_for
from devices.simulator import SimulatedTerminal
from devices.terminal_client import TerminalClient
from devices.usb_sim import SimulatedUsbBackend
from devices.usb_transport import UsbBulkTransport, discover

END = dt.date(2026, 11, 20)


@pytest.fixture
def usb_rig():  # type: ignore[no-untyped-def]
    """Two simulated USB terminals behind pyusb; returns (backend, terminals, connect)."""
    backend = SimulatedUsbBackend()
    terminals = [SimulatedTerminal(p, journal_for(p.terminal_id, 5, END, 6))
                 for p in DEMO_PROFILES[:2]]
    for terminal in terminals:
        backend.add(terminal)

    def connect(index: int = 0, timeout_s: float = 0.4) -> TerminalClient:
        info = discover(backend, lambda vid, name: vid == 0x1209)[index]
        transport = UsbBulkTransport(backend, info.address)
        transport.open()
        return TerminalClient(transport, timeout_s)

    return backend, terminals, connect
