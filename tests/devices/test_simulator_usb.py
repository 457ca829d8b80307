"""The protocol end to end over pyusb and the simulated backend, with injected faults."""

from __future__ import annotations

import pytest
import usb.core
import usb.util

from devices.framing import FrameError, ProtocolError
from devices.link import LinkTimeout, RemoteError
from devices.secure_channel import AuthenticationError
from devices.terminal_client import PairingDeclined, TerminalClient
from devices.transport import TransportError
from devices.usb_transport import discover


def _paired(connect, index: int = 0) -> tuple[TerminalClient, bytes]:  # type: ignore[no-untyped-def]
    client = connect(index)
    client.identify()
    pending = client.start_pairing()
    return client, client.finish_pairing(pending)


def _pull_all(client: TerminalClient) -> list[dict]:  # type: ignore[type-arg]
    cursor, rows = "0", []
    while True:
        page = client.journal_page(cursor)
        rows += page.entries
        cursor = page.next_cursor
        if not page.more:
            return rows


def test_pyusb_sees_descriptors_and_strings(usb_rig) -> None:
    backend, _terminals, _ = usb_rig
    devices = list(usb.core.find(find_all=True, backend=backend))
    assert [(d.idVendor, d.idProduct) for d in devices] == [(0x1209, 1), (0x1209, 2)]
    assert usb.util.get_string(devices[1], devices[1].iSerialNumber) == "SIMB20260002"
    assert str(devices[0]).count("ENDPOINT") == 2          # the full descriptor walk works
    found = discover(backend, lambda vid, name: vid == 0x1209)
    assert [f.model for f in found] == ["SIM-ESIGN", "SIM-SMART"]


def test_identify_pair_login_and_read_the_whole_journal(usb_rig) -> None:
    _, terminals, connect = usb_rig
    client, key = _paired(connect)
    assert terminals[0].state.paired_key == key
    client.logout()
    client.login(key)
    assert client.diagnosis()["battery"] == 87
    rows = _pull_all(client)
    assert rows == terminals[0].journal and len(rows) > 50


def test_both_screens_show_the_same_code(usb_rig) -> None:
    _, terminals, connect = usb_rig
    client = connect()
    client.identify()
    pending = client.start_pairing()
    assert pending.comparison_code == terminals[0].state.shown_code


def test_declined_on_the_terminal(usb_rig) -> None:
    _, terminals, connect = usb_rig
    terminals[0].state.accepts_pairing = False
    client = connect()
    with pytest.raises(PairingDeclined):
        client.finish_pairing(client.start_pairing())
    assert terminals[0].state.paired_key is None


def test_unpaired_terminal_refuses_login_and_unpairing_ends_access(usb_rig) -> None:
    _, terminals, connect = usb_rig
    with pytest.raises(RemoteError, match="NOT_PAIRED"):
        connect(1).login(b"k" * 32)
    client, key = _paired(connect, 1)
    client.unpair()
    assert terminals[1].state.paired_key is None
    with pytest.raises(RemoteError, match="NOT_PAIRED"):
        connect(1).login(key)


def test_wrong_key_is_caught_at_the_first_encrypted_exchange(usb_rig) -> None:
    _, _, connect = usb_rig
    _paired(connect)
    with pytest.raises((AuthenticationError, LinkTimeout)):
        connect().login(b"w" * 32)


@pytest.mark.parametrize(("fault", "error"), [
    ("drop_responses", LinkTimeout),
    ("stall", LinkTimeout),
    ("corrupt_next", FrameError),
    ("bad_crc_next", FrameError),
    ("oversize_next", FrameError),
    ("replay_next", AuthenticationError),
])
def test_each_fault_becomes_a_protocol_error_never_a_crash(usb_rig, fault, error) -> None:
    _, terminals, connect = usb_rig
    client, key = _paired(connect)
    client.diagnosis()                       # one encrypted frame exists to replay
    setattr(terminals[0].faults, fault, 1 if fault == "drop_responses" else True)
    with pytest.raises(error):
        client.diagnosis()
    terminals[0].faults.stall = False
    client.link.reset()                      # what the app does after a protocol error
    fresh = connect()
    fresh.login(key)                         # and the link works again
    assert fresh.diagnosis()["battery"] == 87


def test_line_noise_before_a_frame_is_harmless(usb_rig) -> None:
    _, terminals, connect = usb_rig
    client, _ = _paired(connect)
    terminals[0].faults.garbage_before_next = b"\xff\x00noise\x13"
    assert client.diagnosis()["link"] == "USB"


def test_disconnect_mid_page_returns_no_partial_page(usb_rig) -> None:
    backend, terminals, connect = usb_rig
    client, key = _paired(connect)
    terminals[0].faults.disconnect_after_entries = 10
    with pytest.raises((TransportError, ProtocolError)):
        client.journal_page("0")
    backend.plug_in(terminals[0].profile.serial)
    again = connect()
    again.login(key)
    assert len(_pull_all(again)) == len(terminals[0].journal)


def test_unplugged_terminal_is_a_transport_error(usb_rig) -> None:
    backend, terminals, connect = usb_rig
    client, _ = _paired(connect)
    backend.unplug(terminals[0].profile.serial)
    with pytest.raises(TransportError, match="unplugged"):
        client.diagnosis()
    assert len(discover(backend, lambda vid, name: True)) == 1
