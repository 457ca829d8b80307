"""Simulated terminals for `posdesk simulate`, the demo and the end-to-end tests.

A world is the three demo terminals with their deterministic journals. What a real terminal
keeps in its own flash (its pairing, whether it is plugged in, the code on its screen) is
kept in `<dir>/terminals.json`, so separate `posdesk` processes see the same terminals. That
file belongs to the fake terminals, not to PosDesk: the app's own keys never go there.

A change to one terminal rewrites only that terminal's entry, and a terminal re-reads its
provisioning memory when a host connects, so a code scanned by `posdesk simulate --scan`
in one process is reported to a host (a GUI already running) in another. Cables work the same
way: a terminal unplugged with `posdesk simulate --unplug` disappears from every process's
next listing.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from devices.provisioning_code import ProvisioningPayload
from devices.registry import DeviceSource
from devices.sim_journal import DEFAULT_SEED, DEMO_PROFILES, epoch_ms, journal_for
from devices.simulator import SimulatedTerminal, TerminalState
from devices.transport import DeviceInfo
from devices.usb_sim import SimulatedUsbBackend
from devices.usb_transport import UsbBulkTransport, discover

ENV_DIR = "POSDESK_SIMULATOR_DIR"
SCHEME = "sim-usb"
STATE_FILE = "terminals.json"


class SimulatedWorld:
    def __init__(self, directory: Path, *, seed: int = DEFAULT_SEED, days: int = 30,
                 end: dt.date | None = None) -> None:
        """A world of `days` days up to today (or up to a fixed `end`), never past now."""
        self.directory = directory
        now = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
        saved = self._load()
        world = saved.get("_world", {})
        # The first day stays fixed for the life of the world, so journals only grow at the
        # end and the cursors hosts keep (positions in the journal) stay valid.
        self.fixed_end = dt.date.fromisoformat(world["end"]) if world.get("end") else end
        last = self.fixed_end or now.date()
        self.since = dt.date.fromisoformat(str(world.get("since")
                                               or last - dt.timedelta(days=days - 1)))
        self.seed = int(world.get("seed") or seed)
        end = last
        days = (end - self.since).days + 1
        seed = self.seed
        self.backend = SimulatedUsbBackend()
        self.terminals: list[SimulatedTerminal] = []
        for profile in DEMO_PROFILES:
            state = TerminalState()
            memory = saved.get(profile.serial, {})
            if memory.get("paired_key"):
                state.paired_key = bytes.fromhex(memory["paired_key"])
            state.param_version = int(memory.get("param_version") or 0)
            _recall_provisioning(state, memory)
            terminal = SimulatedTerminal(
                profile, journal_for(profile.terminal_id, seed, end, days, epoch_ms(now)), state,
                on_change=functools.partial(self._save_one, profile.serial))
            self.terminals.append(terminal)
            device = self.backend.add(terminal)
            device.plugged = memory.get("plugged", True)
            terminal.connected = device.plugged

    def source(self) -> DeviceSource:
        return DeviceSource(SCHEME, self.discover, self.connect, self.present)

    def present(self, address: str) -> bool:
        self._recall_cables()
        serial = address.rsplit(":", 1)[-1]
        return any(d.plugged and d.terminal.profile.serial == serial
                   for d in self.backend.devices)

    def discover(self) -> list[DeviceInfo]:
        self._recall_cables()
        return [DeviceInfo("usb", i.vendor, i.model, i.serial, SCHEME + i.address[3:])
                for i in discover(self.backend, lambda vid, name: True)]

    def connect(self, address: str) -> UsbBulkTransport:
        self._recall_cables()
        serial = address.rsplit(":", 1)[-1]
        for terminal in self.terminals:
            if terminal.profile.serial == serial:     # codes scanned in another process
                _recall_provisioning(terminal.state, self._load().get(serial, {}))
        return UsbBulkTransport(self.backend, "usb" + address[len(SCHEME):])

    def terminal(self, serial_or_id: str) -> SimulatedTerminal:
        for terminal in self.terminals:
            if serial_or_id in (terminal.profile.serial, terminal.profile.terminal_id):
                return terminal
        raise KeyError(serial_or_id)

    def install_merchant_key(self, serial_or_id: str, public_pem: bytes) -> None:
        """What the acquirer does when it sets a terminal up for a merchant: trust the
        merchant's provisioning key (exported with `posdesk provision --export-key`)."""
        terminal = self.terminal(serial_or_id)
        terminal.state.merchant_key_pem = public_pem
        self._save_one(terminal.profile.serial)

    def scan(self, serial_or_id: str, text: str, public_pem: bytes | None = None,
             now: float | None = None) -> ProvisioningPayload:
        """Hold a provisioning code to a terminal's camera (raises CodeRefused)."""
        return self.terminal(serial_or_id).scan_provisioning(text, public_pem, now)

    def set_plugged(self, serial_or_id: str, plugged: bool) -> None:
        serial = self.terminal(serial_or_id).profile.serial
        (self.backend.plug_in if plugged else self.backend.unplug)(serial)
        self._save_one(serial)

    def _recall_cables(self) -> None:
        """A cable pulled or plugged from another process (`posdesk simulate --unplug`) is
        seen here too, as a real cable would be seen by every program on the computer."""
        saved = self._load()
        for device in self.backend.devices:
            plugged = saved.get(device.terminal.profile.serial, {}).get("plugged")
            if isinstance(plugged, bool) and plugged != device.plugged:
                serial = device.terminal.profile.serial
                (self.backend.plug_in if plugged else self.backend.unplug)(serial)

    def save(self) -> None:
        memory: dict[str, dict[str, object]] = {
            t.profile.serial: self._memory_of(t) for t in self.terminals}
        self._write(memory)

    def _save_one(self, serial: str) -> None:
        """One terminal changed: rewrite its entry only, keeping what other processes
        wrote for the others."""
        memory: dict[str, dict[str, object]] = dict(self._load())
        memory[serial] = self._memory_of(self.terminal(serial))
        self._write(memory)

    def _memory_of(self, t: SimulatedTerminal) -> dict[str, object]:
        plugged = {d.terminal.profile.serial: d.plugged for d in self.backend.devices}
        s = t.state
        return {"paired_key": s.paired_key.hex() if s.paired_key else "",
                "shown_code": s.shown_code, "plugged": plugged[t.profile.serial],
                "param_version": s.param_version, "params": dict(s.params),
                "provisioning": {
                    "merchant_key": (s.merchant_key_pem or b"").decode("ascii"),
                    "used_nonces": dict(s.used_nonces), "set_up_for": dict(s.provisioning),
                    "handovers": list(s.handovers)}}

    def _write(self, memory: dict[str, dict[str, object]]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        memory["_world"] = {"since": self.since.isoformat(), "seed": str(self.seed),
                            "end": self.fixed_end.isoformat() if self.fixed_end else ""}
        tmp = self.directory / (STATE_FILE + ".tmp")
        tmp.write_text(json.dumps(memory, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.directory / STATE_FILE)

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            return json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}


def _recall_provisioning(state: TerminalState, memory: dict[str, Any]) -> None:
    """Read what a terminal keeps of field provisioning (and its parameters) from flash."""
    if not memory:
        return
    if isinstance(memory.get("params"), dict):
        state.params = dict(memory["params"])
    kept = memory.get("provisioning") or {}
    state.merchant_key_pem = str(kept.get("merchant_key") or "").encode("ascii") or None
    state.used_nonces = {str(n): int(e) for n, e in (kept.get("used_nonces") or {}).items()}
    state.provisioning = dict(kept.get("set_up_for") or {})
    state.handovers = [dict(h) for h in kept.get("handovers") or []]


def world_from_env() -> SimulatedWorld | None:
    directory = os.environ.get(ENV_DIR)
    return SimulatedWorld(Path(directory)) if directory else None
