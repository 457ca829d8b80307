"""The per-action functions the GUI's device thread calls: check-in, auto-sync, backoff."""

from __future__ import annotations

import pytest

from app import terminal_actions as actions
from app.errors import TerminalError
from app.profile import Profile
from app.secrets import SecretStore
from app.terminal_pairing import PairingQuestions
from devices.registry import DeviceRegistry, DeviceSource
from devices.usb_transport import UsbBulkTransport, discover
from tests.conftest import MemoryKeyring

YES = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda ident: True)


@pytest.fixture
def registry(usb_rig) -> DeviceRegistry:
    backend, _, _ = usb_rig
    found = DeviceRegistry()
    found.register(DeviceSource("usb", lambda: discover(backend, lambda vid, name: True),
                                lambda address: UsbBulkTransport(backend, address)))
    return found


def test_check_in_marks_offline_then_auto_syncs_on_return(
        profile: Profile, registry: DeviceRegistry, usb_rig, memory_keyring: MemoryKeyring) -> None:
    backend, terminals, _ = usb_rig
    address = registry.discover()[0].address
    identity = actions.pair_at(profile, registry, address, YES, SecretStore())
    assert actions.check_in(profile, registry, identity.terminal_id, SecretStore()) is None
    backend.unplug(terminals[0].profile.serial)
    with pytest.raises(TerminalError):
        actions.check_in(profile, registry, identity.terminal_id, SecretStore())
    views = actions.list_terminals(profile.db)
    assert views[0].status == "OFFLINE" and views[0].last_error
    backend.plug_in(terminals[0].profile.serial)
    synced = actions.check_in(profile, registry, identity.terminal_id, SecretStore())
    assert synced is not None and synced.new == len(terminals[0].journal)
    assert actions.list_terminals(profile.db)[0].status == "ONLINE"


def test_rename_refuses_an_empty_name(profile: Profile, registry: DeviceRegistry,
                                      memory_keyring: MemoryKeyring) -> None:
    identity = actions.pair_at(profile, registry, registry.discover()[1].address, YES,
                               SecretStore())
    actions.rename_terminal(profile, identity.terminal_id, "  Checkout 2  ")
    assert actions.list_terminals(profile.db)[0].label == "Checkout 2"
    with pytest.raises(ValueError, match="empty"):
        actions.rename_terminal(profile, identity.terminal_id, "   ")


def test_backoff_doubles_to_a_minute_and_resets() -> None:
    backoff = actions.Backoff()
    delays = [backoff.failed("T", 0.0) for _ in range(9)]
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert not backoff.due("T", 59.0) and backoff.due("T", 60.0)
    backoff.succeeded("T")
    assert backoff.due("T", 0.0) and backoff.failed("T", 0.0) == 1
