"""Progress and cancellation for long work, in plain Python so app/ code can report and the
Qt side only displays (architecture: threads)."""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The user cancelled; whatever was committed before stays consistent."""


class Progress:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.message = ""

    def update(self, done: int, total: int, message: str = "") -> None:
        with self._lock:
            self.done, self.total, self.message = done, total, message
        self.check()

    def snapshot(self) -> tuple[int, int, str]:
        with self._lock:
            return self.done, self.total, self.message

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()
