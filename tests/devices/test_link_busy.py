"""A reader another program or host holds (spec: issue 3's "held by another host" check):
the claim fails with the OS's busy error, which becomes LinkBusyError and then a pairing
or sync refusal that says who to ask, never a hang or a half-opened link."""

from __future__ import annotations

import pytest
import serial

from app.errors import TerminalError
from app.terminal_actions import connect
from devices.registry import DeviceRegistry, DeviceSource
from devices.serial_transport import SerialTransport
from devices.sim_journal import DEMO_PROFILES, journal_for
from devices.sim_pty import PtyTerminalServer
from devices.simulator import SimulatedTerminal
from devices.transport import LinkBusyError
from devices.usb_transport import UsbBulkTransport, discover
from tests.conftest import END


def test_usb_interface_claimed_elsewhere(usb_rig) -> None:  # type: ignore[no-untyped-def]
    backend, _, connect_usb = usb_rig
    backend.devices[0].held_elsewhere = True
    address = discover(backend, lambda vid, name: vid == 0x1209)[0].address
    with pytest.raises(LinkBusyError, match="held by another program or host"):
        UsbBulkTransport(backend, address).open()
    backend.devices[0].held_elsewhere = False          # the other side let go
    assert connect_usb().identify().serial == backend.devices[0].terminal.profile.serial


def test_serial_port_locked_by_another_program() -> None:
    server = PtyTerminalServer(SimulatedTerminal(
        DEMO_PROFILES[2], journal_for(DEMO_PROFILES[2].terminal_id, 2, END, 3))).start()
    other = serial.Serial(server.path, exclusive=True)    # say, a vendor's own tool
    try:
        with pytest.raises(LinkBusyError, match="held by another program"):
            SerialTransport(server.path).open()
        other.close()
        mine = SerialTransport(server.path)
        mine.open()
        mine.close()
    finally:
        other.close()
        server.stop()


def test_the_app_names_a_busy_reader(usb_rig) -> None:  # type: ignore[no-untyped-def]
    backend, _, _ = usb_rig
    backend.devices[0].held_elsewhere = True
    registry = DeviceRegistry()
    registry.register(DeviceSource("usb", lambda: discover(backend, lambda v, n: True),
                                   lambda address: UsbBulkTransport(backend, address)))
    address = discover(backend, lambda vid, name: vid == 0x1209)[0].address
    with pytest.raises(TerminalError) as caught:
        connect(registry, address)
    assert caught.value.facts["why"] == "held_elsewhere"



def test_a_serial_port_is_attached_while_its_device_node_exists() -> None:
    """The cable watch's question for serial terminals: a port that goes away (here a pseudo
    terminal closed at both ends, as a USB-serial node goes with its cable) is not attached."""
    import os

    from devices.serial_transport import SCHEME, is_attached

    ours, theirs = os.openpty()
    address = SCHEME + os.ttyname(theirs)
    assert is_attached(address)
    os.close(theirs)
    os.close(ours)
    assert not is_attached(address)
