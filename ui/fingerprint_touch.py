"""One touch of this computer's fingerprint reader, awaited off the GUI thread.

The fingerprint dialog, the operator check and the lock screen all ask for a touch the same
way: the reader's verification runs on a worker (`factors.touch_fingerprint` blocks until a
finger, a cancel or its deadline), its in-between statuses arrive on the GUI thread as
`heard`, and the outcome (MATCH, NO_MATCH, TIMED_OUT) or the error comes back there too.
`cancel()` (call it when the dialog closes) stops the verification within 0.2 s, releases
the reader, and drops the result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.factors import touch_fingerprint
from ui.background import run_in_background
from ui.shiboken_workaround import emit


class FingerprintTouch(QObject):
    heard = Signal(str)          # e.g. "verify-retry-scan", on the GUI thread

    def __init__(self, parent: QObject, on_outcome: Callable[[str], None],
                 on_error: Callable[[BaseException], None]) -> None:
        super().__init__(parent)
        self.active = False
        self._on_outcome, self._on_error = on_outcome, on_error
        self._cancel = threading.Event()

    def start(self) -> bool:
        """Ask for a touch; False (nothing started) while one is already awaited."""
        if self.active:
            return False
        self.active = True
        self._cancel.clear()
        cancel = self._cancel
        run_in_background(lambda: touch_fingerprint(on_status=lambda s: emit(self.heard, s),
                                                    cancelled=cancel.is_set),
                          self._finished, self._failed, owner=self)
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def _finished(self, outcome: str) -> None:
        self.active = False
        if not self._cancel.is_set():
            self._on_outcome(outcome)

    def _failed(self, error: BaseException) -> None:
        self.active = False
        if not self._cancel.is_set():
            self._on_error(error)
