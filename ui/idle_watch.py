"""Notices when nobody has touched the app for a while (for the idle auto-lock).

An application-wide event filter restarts a single-shot timer on every key press, mouse
press, mouse move, wheel turn or touch; when the timer runs out, `idle` is emitted once
(it fires again only after new activity and another full timeout). What to do about it —
locking, and ignoring it while already locked — is the caller's business.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})


class IdleWatch(QObject):
    idle = Signal()

    def __init__(self, timeout_s: float = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._timeout_ms = 0
        self._paused = False
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("IdleWatch needs a QApplication")
        app.installEventFilter(self)
        self.set_timeout_s(timeout_s)

    @property
    def timeout_s(self) -> float:
        return self._timeout_ms / 1000

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout_s(self, seconds: float) -> None:
        """Idle time before `idle` is emitted; 0 (or less) turns the watch off."""
        self._timeout_ms = max(round(seconds * 1000), 0)
        self.reset()

    def pause(self) -> None:
        """Stop watching (e.g. while the lock screen is up) until `resume()`."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self.reset()

    def reset(self) -> None:
        """Start the idle time over (activity does this by itself)."""
        if self._timeout_ms <= 0 or self._paused:
            self._timer.stop()
            return
        self._timer.start(self._timeout_ms)

    def stop(self) -> None:
        """Remove the event filter for good (also happens when the watch is deleted)."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timeout_ms > 0 and not self._paused:
            self._timer.start(self._timeout_ms)
        return False        # only watching: every event goes on to its widget
