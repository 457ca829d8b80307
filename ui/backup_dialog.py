"""Back up now (Settings): one file, written off the GUI thread while the app keeps working.

The copy comes from SQLite's online backup (app/backup.py); the file appears under its
name only when it is whole, and the backup is recorded in the activity log.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.backup import SUFFIX, BackupResult, create_backup
from app.profile import Profile
from app.progress import Progress
from ui.background import run_in_background
from ui.dialog_parts import action_row, message_label, say, set_primary_enabled
from ui.error_messages import error_text


class BackupDialog(QDialog):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.result: BackupResult | None = None
        self.progress = Progress()
        self.setWindowTitle(self.tr("Back up"))
        intro = QLabel(self.tr(
            "A backup is one file holding your transactions, activity log, terminals and "
            "settings. Passwords and keys stay in the system keyring and are not in it. You "
            "can keep working while it is written."))
        intro.setWordWrap(True)
        self.path = QLineEdit(str(_default_path(profile)))
        self.path.setObjectName("backupPath")
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("&File:")))
        row.itemAt(0).widget().setBuddy(self.path)   # type: ignore[union-attr]
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.bar = QProgressBar()
        self.bar.setObjectName("backupProgress")
        self.bar.hide()
        self.outcome = message_label("outcomeText")
        self.start_button = QPushButton(self.tr("&Back up"))
        self.close_button = QPushButton(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(action_row(self.start_button, self.close_button, self.start,
                                    self.reject))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._timer = QTimer(self, interval=100)
        self._timer.timeout.connect(self._show_progress)

    def choose(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up to"), self.path.text(),
            self.tr("PosDesk backups (*%1)").replace("%1", SUFFIX))
        if chosen:
            self.path.setText(chosen)

    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            say(self.outcome, self.tr("Choose where to write the backup."))
            return
        target, data_dir = Path(text), self.profile.data_dir
        set_primary_enabled(self.start_button, False)
        self.bar.setRange(0, 0)
        self.bar.show()
        say(self.outcome, "")
        self._timer.start()

        def work() -> BackupResult:
            view = self.profile.for_thread()     # this thread's own connection for the log
            try:
                return create_backup(data_dir, target, self.progress, log=lambda op, d:
                                     view.oplog.append(op, target_type="profile",
                                                       target_id=str(data_dir), details=d))
            finally:
                view.close()

        run_in_background(work, self._done, self._failed, owner=self)

    def _show_progress(self) -> None:
        done, total, _ = self.progress.snapshot()
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _done(self, result: BackupResult) -> None:
        self._timer.stop()
        self.result = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        counts = result.manifest.row_counts
        say(self.outcome, self.tr(
            "Backup written: %1 (%2 MB) with %3 transactions and %4 activity-log entries.")
            .replace("%1", str(result.path))
            .replace("%2", f"{result.bytes_written / 1e6:,.1f}")
            .replace("%3", f"{counts.get('txn', 0):,}")
            .replace("%4", f"{counts.get('oplog', 0):,}"))
        self.close_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._timer.stop()
        self.bar.hide()
        say(self.outcome, error_text(error))
        set_primary_enabled(self.start_button, True)


def _default_path(profile: Profile) -> Path:
    """Documents/posdesk-<kind>-<date>.posdesk-backup: easy to find, one per day."""
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    kind = "demo" if profile.is_demo else "shop"
    return Path(folder) / f"posdesk-{kind}-{dt.date.today().isoformat()}{SUFFIX}"
