"""One function per thing a person does with terminals; the CLI and the GUI both call these
(the GUI on its device thread, with a profile view of that thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.errors import NotPairedError, TerminalError
from app.profile import Profile
from app.progress import Progress
from app.secrets import SecretStore
from app.terminal_pairing import PairingQuestions, load_key, pair_terminal, unpair_terminal
from app.terminal_params import ParamsFile, check_params_file, push_params
from app.terminal_sync import SyncResult, heartbeat, mark_unreachable, sync_terminal
from app.terminals import TerminalView, list_terminals, rename_terminal

__all__ = ["Backoff", "ParamsFile", "PlugChanges", "TerminalView", "check_in",
           "check_params_file", "configure", "connect", "discover", "list_terminals", "pair_at",
           "registry_for", "rename_terminal", "sync_one", "syncable", "unpair", "watch_plugs"]
from devices.framing import ProtocolError
from devices.registry import DeviceRegistry, default_registry
from devices.terminal_client import Identity, TerminalClient
from devices.transport import DeviceInfo, LinkBusyError, TransportError


def registry_for(data_dir: Path) -> DeviceRegistry:
    """Every way to reach terminals from this profile: the machine's USB, serial and
    simulators, plus a demo profile's own simulated terminals."""
    from app.demo import demo_world

    registry = default_registry()
    world = demo_world(data_dir)
    if world is not None:
        registry.register(world.source())
    return registry


def discover(registry: DeviceRegistry) -> list[DeviceInfo]:
    return registry.discover()


def connect(registry: DeviceRegistry, address: str, timeout_s: float = 3.0) -> TerminalClient:
    try:
        return TerminalClient(registry.open(address), timeout_s)
    except TransportError as exc:
        why = "held_elsewhere" if isinstance(exc, LinkBusyError) else "unreachable"
        raise TerminalError(f"Cannot reach the terminal at {address}: {exc}",
                            why=why, detail=str(exc)) from exc


def pair_at(profile: Profile, registry: DeviceRegistry, address: str,
            questions: PairingQuestions, secrets: SecretStore) -> Identity:
    client = connect(registry, address)
    try:
        return pair_terminal(profile, client, transport=address.split(":", 1)[0],
                             address=address, questions=questions, secrets=secrets)
    finally:
        client.link.transport.close()


def sync_one(profile: Profile, registry: DeviceRegistry, terminal_id: str,
             secrets: SecretStore, progress: Progress | None = None) -> SyncResult:
    client = _connect_paired(profile, registry, terminal_id)
    try:
        return sync_terminal(profile, terminal_id, client, secrets, progress)
    finally:
        client.link.transport.close()


def configure(profile: Profile, registry: DeviceRegistry, terminal_id: str,
              params: ParamsFile, secrets: SecretStore) -> int:
    """Push verified signed parameters (check_params_file first); returns the new version."""
    client = _connect_paired(profile, registry, terminal_id)
    try:
        return push_params(profile, client, terminal_id, params, secrets)
    finally:
        client.link.transport.close()


def syncable(profile: Profile) -> list[str]:
    return [r[0] for r in profile.db.execute(
        "SELECT terminal_id FROM terminals WHERE key_ref IS NOT NULL "
        "AND status NOT IN ('RETIRED', 'BLOCKED') ORDER BY terminal_id")]


def unpair(profile: Profile, registry: DeviceRegistry, terminal_id: str,
           secrets: SecretStore) -> bool:
    """Unpair; True when the terminal was reached and told to forget us too."""
    row = profile.db.execute("SELECT address FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    client = None
    if row and row[0]:
        try:
            client = TerminalClient(registry.open(row[0]))
        except TransportError:
            client = None      # not connected: forgotten here; it keeps a stale key
    try:
        unpair_terminal(profile, terminal_id, secrets, client)
    finally:
        if client is not None:
            client.link.transport.close()
    return client is not None


def check_in(profile: Profile, registry: DeviceRegistry, terminal_id: str,
             secrets: SecretStore) -> SyncResult | None:
    """The heartbeat: reach the terminal and ask how it is. A terminal that was offline and
    answers again is synced at once (auto-sync on connect); the result is returned."""
    was = profile.db.execute("SELECT status FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    client = _connect_paired(profile, registry, terminal_id)
    try:
        row = profile.db.execute("SELECT key_ref FROM terminals WHERE terminal_id = ?",
                                 [terminal_id]).fetchone()
        client.login(load_key(profile, secrets, row[0]))
        heartbeat(profile, terminal_id, client)
        client.logout()
    except (ProtocolError, TransportError) as exc:
        client.link.reset()
        if isinstance(exc, TransportError):
            mark_unreachable(profile, terminal_id, str(exc))
        raise TerminalError(f"{terminal_id} did not answer: {exc}", why="unreachable",
                            detail=str(exc)) from exc
    finally:
        client.link.transport.close()
    if was and was[0] == "OFFLINE":
        return sync_one(profile, registry, terminal_id, secrets)
    return None


def _connect_paired(profile: Profile, registry: DeviceRegistry, terminal_id: str) -> TerminalClient:
    row = profile.db.execute("SELECT address, key_ref FROM terminals WHERE terminal_id = ?",
                             [terminal_id]).fetchone()
    if row is None or not row[1]:
        raise NotPairedError(f"Terminal {terminal_id} is not paired with this computer. "
                             "Pair it again to sync.", why="not_paired")
    try:
        return connect(registry, row[0])
    except TerminalError as exc:
        mark_unreachable(profile, terminal_id, exc.message)
        raise


@dataclass(frozen=True)
class PlugChanges:
    arrived: list[str] = field(default_factory=list)   # check these in now (and so sync)
    left: list[str] = field(default_factory=list)      # marked OFFLINE now
    attached: frozenset[str] = frozenset()             # what to compare the next look with


def watch_plugs(profile: Profile, registry: DeviceRegistry,
                before: frozenset[str] | None) -> PlugChanges:
    """Which paired terminals were plugged in or pulled out since the last look (`before`;
    None on the first look, which reports nothing). One that left is marked OFFLINE at once
    instead of after two missed heartbeats; one that arrived is for the caller to check in,
    which syncs it. Terminals whose link cannot be watched without a radio scan (Bluetooth)
    are left to the heartbeat."""
    rows = profile.db.execute(
        "SELECT terminal_id, address FROM terminals WHERE key_ref IS NOT NULL AND key_ref != '' "
        "AND status NOT IN ('BLOCKED', 'RETIRED')").fetchall()
    presence = {str(tid): (str(address), registry.present(str(address)))
                for tid, address in rows if address}
    watched = {tid: address for tid, (address, here) in presence.items() if here is not None}
    attached = frozenset(address for address, here in presence.values() if here)
    if before is None:
        return PlugChanges(attached=attached)
    arrived = [tid for tid, address in watched.items()
               if address in attached and address not in before]
    left = [tid for tid, address in watched.items()
            if address in before and address not in attached]
    for terminal_id in left:
        mark_unreachable(profile, terminal_id, "disconnected from this computer")
    return PlugChanges(arrived, left, attached)


class Backoff:
    """When to try an unreachable terminal again: 1 s, 2 s, 4 s … up to 60 s."""

    def __init__(self, first_s: float = 1.0, most_s: float = 60.0) -> None:
        self.first_s, self.most_s = first_s, most_s
        self._delay: dict[str, float] = {}
        self._next: dict[str, float] = {}

    def due(self, terminal_id: str, now_s: float) -> bool:
        return now_s >= self._next.get(terminal_id, 0.0)

    def failed(self, terminal_id: str, now_s: float) -> float:
        delay = min(self._delay.get(terminal_id, self.first_s / 2) * 2, self.most_s)
        self._delay[terminal_id] = delay
        self._next[terminal_id] = now_s + delay
        return delay

    def succeeded(self, terminal_id: str) -> None:
        self._delay.pop(terminal_id, None)
        self._next.pop(terminal_id, None)
