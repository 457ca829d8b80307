"""Run plain-Python work off the GUI thread and deliver the result back on it.

The pattern of Anki's QueryOp: one small function per action, a success and a failure
callback, both called on the GUI thread. `DeviceThread` is the one thread all device I/O
runs on (Electrum's rule: libusb and friends from one thread only); `ask_gui` lets work on
it put a question to the person and wait for the answer.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ui.shiboken_workaround import emit

log = logging.getLogger(__name__)
T = TypeVar("T")


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
            log.info("background work failed: %s", exc, exc_info=True)
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.succeeded, result)

    def _deliver(self, signal: Signal, value: object) -> None:
        try:
            emit(signal, value)
        except RuntimeError:    # the page that asked is gone: nobody to tell
            log.info("background result dropped: its page has closed")


_live: set[_Relay] = set()


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None],
                      owner: QObject | None = None,
                      executor: concurrent.futures.Executor | None = None
                      ) -> concurrent.futures.Future[None] | None:
    """Call `work()` off the GUI thread; then one of the callbacks on the GUI thread.

    With an `owner` (the page that asked), the result is dropped if the owner is gone by
    the time the work finishes, instead of reaching a deleted widget. With an `executor`
    the work runs there (the device thread) instead of Qt's pool.
    """
    relay = _Relay(on_success, on_failure)
    _live.add(relay)
    if owner is not None:
        relay.setParent(owner)
        owner.destroyed.connect(lambda *_: _live.discard(relay))
    job = _Job(work, relay)
    if executor is None:
        QThreadPool.globalInstance().start(job)
        return None
    return executor.submit(job.run)


class _Asker(QObject):
    """Runs a question on the GUI thread for a worker that waits for the answer."""

    asked = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.asked.connect(self._run)

    @Slot(object)
    def _run(self, question: _Question) -> None:
        question.run()


class _Question:
    def __init__(self, ask: Callable[[Callable[[Any], None]], None]) -> None:
        self.ask = ask
        self.answer: Any = None
        self.done = threading.Event()

    def run(self) -> None:
        self.ask(self.reply)

    def reply(self, answer: Any) -> None:
        self.answer = answer
        self.done.set()


class DeviceThread:
    """The single thread for device I/O, with its own connection to the profile."""

    def __init__(self) -> None:
        self.executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="device")
        self._asker = _Asker()        # created on the GUI thread, so its slot runs there
        self.closed = False
        self._pending: list[concurrent.futures.Future[None]] = []

    def run(self, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None], owner: QObject | None = None) -> None:
        """Queue work; once the thread is shut down (the window closed) it is dropped."""
        if self.closed:
            return
        future = run_in_background(work, on_success, on_failure, owner, self.executor)
        self._pending = [f for f in self._pending if not f.done()]
        if future is not None:
            self._pending.append(future)

    def ask_gui(self, ask: Callable[[Callable[[Any], None]], None],
                timeout_s: float = 600, default: Any = None) -> Any:
        """From the device thread: let the GUI thread ask the person (it calls `reply` with
        the answer, now or later) and wait for it. No answer in time counts as `default`."""
        question = _Question(ask)
        emit(self._asker.asked, question)
        return question.answer if question.done.wait(timeout_s) else default

    def shutdown(self, last: Callable[[], None] | None = None) -> None:
        """Drop queued work, let the running job finish, run `last` on the thread, stop."""
        self.closed = True
        for future in self._pending:
            future.cancel()
        if last is not None:
            self.executor.submit(last)
        self.executor.shutdown(wait=True)
