"""The per-action functions the GUI's device thread calls: check-in, auto-sync, backoff."""

from __future__ import annotations

import pytest

from app import terminal_actions as actions
from app.errors import TerminalError
from app.profile import Profile
from app.secrets import SecretStore
from app.terminal_pairing import PairingQuestions
from devices.registry import DeviceRegistry, DeviceSource
from devices.usb_transport import UsbBulkTransport, discover, is_attached
from tests.conftest import MemoryKeyring

YES = PairingQuestions(codes_match=lambda code: True, pair_unknown_model=lambda ident: True)


@pytest.fixture
def registry(usb_rig) -> DeviceRegistry:
    backend, _, _ = usb_rig
    found = DeviceRegistry()
    found.register(DeviceSource("usb", lambda: discover(backend, lambda vid, name: True),
                                lambda address: UsbBulkTransport(backend, address),
                                lambda address: is_attached(backend, address)))
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


def test_plugs_are_watched_without_waiting_for_a_heartbeat(
        profile: Profile, registry: DeviceRegistry, usb_rig, memory_keyring: MemoryKeyring) -> None:
    backend, terminals, _ = usb_rig
    paired = actions.pair_at(profile, registry, registry.discover()[0].address, YES,
                             SecretStore()).terminal_id
    first = actions.watch_plugs(profile, registry, None)
    assert (first.arrived, first.left, len(first.attached)) == ([], [], 1)
    backend.unplug(terminals[1].profile.serial)         # not paired here: not our business
    assert actions.watch_plugs(profile, registry, first.attached) == first
    backend.unplug(terminals[0].profile.serial)
    gone = actions.watch_plugs(profile, registry, first.attached)
    assert (gone.arrived, gone.left, gone.attached) == ([], [paired], frozenset())
    view = actions.list_terminals(profile.db)[0]
    assert view.status == "OFFLINE" and "disconnected" in view.last_error
    backend.plug_in(terminals[0].profile.serial)
    back = actions.watch_plugs(profile, registry, gone.attached)
    assert (back.arrived, back.left, back.attached) == ([paired], [], first.attached)


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
