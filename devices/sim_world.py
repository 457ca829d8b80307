"""Simulated terminals for `posdesk simulate`, the demo and the end-to-end tests.

A world is the three demo terminals with their deterministic journals. What a real terminal
keeps in its own flash (its pairing, whether it is plugged in, the code on its screen) is
kept in `<dir>/terminals.json`, so separate `posdesk` processes see the same terminals. That
file belongs to the fake terminals, not to PosDesk: the app's own keys never go there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo

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
            terminal = SimulatedTerminal(
                profile, journal_for(profile.terminal_id, seed, end, days, epoch_ms(now)), state,
                on_change=self.save)
            self.terminals.append(terminal)
            device = self.backend.add(terminal)
            device.plugged = memory.get("plugged", True)
            terminal.connected = device.plugged

    def source(self) -> DeviceSource:
        return DeviceSource(SCHEME, self.discover, self.connect)

    def discover(self) -> list[DeviceInfo]:
        return [DeviceInfo("usb", i.vendor, i.model, i.serial, SCHEME + i.address[3:])
                for i in discover(self.backend, lambda vid, name: True)]

    def connect(self, address: str) -> UsbBulkTransport:
        return UsbBulkTransport(self.backend, "usb" + address[len(SCHEME):])

    def terminal(self, serial_or_id: str) -> SimulatedTerminal:
        for terminal in self.terminals:
            if serial_or_id in (terminal.profile.serial, terminal.profile.terminal_id):
                return terminal
        raise KeyError(serial_or_id)

    def set_plugged(self, serial_or_id: str, plugged: bool) -> None:
        serial = self.terminal(serial_or_id).profile.serial
        (self.backend.plug_in if plugged else self.backend.unplug)(serial)
        self.save()

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        plugged = {d.terminal.profile.serial: d.plugged for d in self.backend.devices}
        memory: dict[str, dict[str, object]] = {t.profile.serial: {
            "paired_key": t.state.paired_key.hex() if t.state.paired_key else "",
            "shown_code": t.state.shown_code, "plugged": plugged[t.profile.serial],
            "param_version": t.state.param_version}
            for t in self.terminals}
        memory["_world"] = {"since": self.since.isoformat(), "seed": str(self.seed),
                            "end": self.fixed_end.isoformat() if self.fixed_end else ""}
        tmp = self.directory / (STATE_FILE + ".tmp")
        tmp.write_text(json.dumps(memory, indent=1), encoding="utf-8")
        os.replace(tmp, self.directory / STATE_FILE)

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            return json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}


def world_from_env() -> SimulatedWorld | None:
    directory = os.environ.get(ENV_DIR)
    return SimulatedWorld(Path(directory)) if directory else None
