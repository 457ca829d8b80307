"""Run plain-Python work off the GUI thread and deliver the result back on it.

The pattern of Anki's QueryOp: one small function per action, a success and a failure
callback, both called on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its slots receive the worker's signals by queued connection."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, value: Any) -> None:
        _live.discard(self)
        self._on_success(value)

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        _live.discard(self)
        self._on_failure(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # delivered to the GUI thread, never lost
            log.exception("background work failed")
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.succeeded, result)

    def _deliver(self, signal: Signal, value: object) -> None:
        try:
            signal.emit(value)  # type: ignore[attr-defined]
        except RuntimeError:    # the application closed while this ran: nobody to tell
            log.info("background result dropped: the application has closed")


_live: set[_Relay] = set()


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None],
                      owner: QObject | None = None) -> None:
    """Call `work()` on the thread pool; then one of the callbacks on the GUI thread.

    With an `owner` (the page that asked), the result is dropped if the owner is gone by
    the time the work finishes, instead of reaching a deleted widget.
    """
    relay = _Relay(on_success, on_failure)
    _live.add(relay)
    if owner is not None:
        relay.setParent(owner)
        owner.destroyed.connect(lambda *_: _live.discard(relay))
    QThreadPool.globalInstance().start(_Job(work, relay))
