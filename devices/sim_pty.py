"""Serve a simulated terminal on a pseudo-terminal, so the serial path (pyserial, a real tty
device) is exercised end to end. The host opens `server.path` like any serial port."""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty

from devices.simulator import Disconnected, SimulatedTerminal


class PtyTerminalServer:
    def __init__(self, terminal: SimulatedTerminal) -> None:
        self.terminal = terminal
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._pump, name="sim-pty", daemon=True)

    def start(self) -> PtyTerminalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _pump(self) -> None:
        while not self._stop.is_set():
            readable, _, _ = select.select([self._master], [], [], 0.02)
            try:
                if readable:
                    self.terminal.write(os.read(self._master, 4096))
                out = self.terminal.read(4096)
                if out:
                    os.write(self._master, out)
            except Disconnected:
                continue          # unplugged: bytes vanish until it is plugged in again
            except OSError:
                return
