"""Exporting what the Transactions page shows (its filter) to CSV or XLSX.

The export runs on a worker with its own connection; the file appears only when it is
complete (app.txn_export writes beside it and renames), and Cancel leaves nothing behind.
The operation log records it with the row count (spec 8, Q-2).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.history import TxnFilter
from app.operator_check import Proof
from app.oplog import DATA_EXPORT
from app.profile import Profile
from app.progress import Cancelled
from app.txn_export import ExportResult, export_transactions
from ui.background import run_in_background
from ui.error_messages import error_text
from ui.operator_check_dialog import OperatorCheckDialog, confirm_operator


class ExportDialog(QDialog):
    def __init__(self, profile: Profile, query: TxnFilter, rows: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_dialog: OperatorCheckDialog | None = None
        self.profile = profile
        self.query = query
        self.rows = rows
        self.result: ExportResult | None = None
        self._cancel = threading.Event()
        self._done = [0, rows]
        self._busy = False
        self.setWindowTitle(self.tr("Export transactions"))
        self.setMinimumWidth(560)
        self.format = QComboBox()
        self.format.addItem(self.tr("CSV (opens in Excel and WPS)"), "csv")
        self.format.addItem(self.tr("Excel workbook (XLSX)"), "xlsx")
        self.language = QComboBox()
        self.language.addItem(self.tr("Chinese"), "zh_CN")
        self.language.addItem(self.tr("English"), "en")
        chinese = QLocale().language() == QLocale.Language.Chinese
        self.language.setCurrentIndex(0 if chinese else 1)
        self.path = QLineEdit(str(Path.home() / f"transactions-{query.dates.first}-"
                                                 f"{query.dates.last}.csv"))
        self.format.currentIndexChanged.connect(self._suffix)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.bar = QProgressBar()
        self.bar.hide()
        self.message = QLabel(self.tr("%1 transactions, %2 to %3, as filtered on the page. "
                                      "Card numbers stay masked; the export is recorded in "
                                      "the activity log.")
                              .replace("%1", f"{rows:,}")
                              .replace("%2", query.dates.first.isoformat())
                              .replace("%3", query.dates.last.isoformat()))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primaryButton")
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.message)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow(self.tr("Column &headings:"), self.language)
        form.addRow(self.tr("&Save as:"), where)
        form.addRow(self.bar)
        form.addRow(self.buttons)
        self._timer = QTimer(self, interval=150)
        self._timer.timeout.connect(self._show_progress)

    def _suffix(self) -> None:
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix("." + str(self.format.currentData()))))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export transactions"), self.path.text(),
            self.tr("CSV (*.csv)") if self.format.currentData() == "csv"
            else self.tr("Excel workbook (*.xlsx)"))
        if chosen:
            self.path.setText(chosen)
            self._suffix()

    def start(self) -> None:
        """Confirm the operator (an export is high-risk, spec 8), then write the file."""
        self.check_dialog = confirm_operator(self, self.profile, DATA_EXPORT, self._write)

    def _write(self, proof: Proof) -> None:
        target = Path(self.path.text()).expanduser()
        fmt, language = str(self.format.currentData()), str(self.language.currentData())
        self._busy = True
        self._set_working(True)

        def work() -> ExportResult:
            view = self.profile.for_thread()
            try:
                with view.oplog.verified_as(proof.categories):
                    return export_transactions(view.db, view.oplog, self.query, target, fmt,
                                               language, self._progress, self._cancel)
            finally:
                view.close()
        run_in_background(work, self._finished, self._failed, owner=self)

    def _progress(self, done: int, total: int) -> None:
        self._done = [done, total]

    def _show_progress(self) -> None:
        done, total = self._done
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _finished(self, result: ExportResult) -> None:
        self.result = result
        self._busy = False
        self._set_working(False)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._set_working(False)
        self._cancel.clear()
        self.message.setText(self.tr("Export cancelled; no file was written.")
                             if isinstance(error, Cancelled) else error_text(error))

    def _set_working(self, working: bool) -> None:
        self.bar.setVisible(working)
        self.export_button.setEnabled(not working)
        for widget in (self.format, self.language, self.path):
            widget.setEnabled(not working)
        if working:
            self._timer.start()
        else:
            self._timer.stop()

    def reject(self) -> None:
        if self._busy:           # Esc while writing: stop the export, keep the dialog
            self._cancel.set()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._busy:
            self._cancel.set()
            event.ignore()
            return
        super().closeEvent(event)
