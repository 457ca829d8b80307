"""The daily automatic backup while the window is open: checked at start and every hour,
written off the GUI thread on its own connection, reported in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.backup_schedule import run_auto_backup, schedule
from app.profile import Profile
from ui.background import run_in_background
from ui.error_messages import error_text
from ui.shiboken_workaround import emit

HOUR_MS = 3600 * 1000


class AutoBackup(QObject):
    said = Signal(str)          # a line for the status bar

    def __init__(self, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.running = False
        self.timer = QTimer(self, interval=HOUR_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.first = QTimer(self, singleShot=True, interval=5000)
        self.first.timeout.connect(self.check)
        self.first.start()

    def stop(self) -> None:
        """Before the profile closes: no check may touch its connection afterwards."""
        self.timer.stop()
        self.first.stop()

    def check(self) -> None:
        if self.running or not schedule(self.profile.db).due():
            return
        self.running = True
        data_dir = self.profile.data_dir

        def work() -> str:
            view = self.profile.for_thread()
            try:
                result, _ = run_auto_backup(view.db, data_dir, lambda op, d: view.oplog.append(
                    op, target_type="profile", target_id=str(data_dir), details=d))
                return str(result.path)
            finally:
                view.close()

        run_in_background(work, self._done, self._failed, owner=self)

    def _done(self, path: str) -> None:
        self.running = False
        emit(self.said, self.tr("Automatic backup written: %1").replace("%1", path))

    def _failed(self, error: BaseException) -> None:
        self.running = False
        emit(self.said, self.tr("The automatic backup failed: %1").replace(
            "%1", error_text(error)))
