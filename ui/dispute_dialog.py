"""Opening an error dispute or complaint about a transaction, and moving one on (spec Q-3).

Only the next states the case may take are offered, and closing one (resolved or rejected)
asks for the outcome in words: the operation log keeps it with the transition.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from app.disputes import CHANNELS, CLOSED, TYPES, Dispute
from ui import labels


class DisputeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a case"))
        self.kind = QComboBox()
        for code in TYPES:
            self.kind.addItem(labels.dispute_type(code), code)
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(labels.dispute_channel(code), code)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("What is wrong, and any case number the "
                                             "acquirer gave you"))
        self.note.setMaximumHeight(90)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("An error dispute is for a wrong amount, a double charge or "
                                   "a missing refund; a complaint is about the service.")))
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Raised through:"), self.channel)
        form.addRow(self.tr("&Note:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open case"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return (str(self.kind.currentData()), str(self.channel.currentData()),
                self.note.toPlainText().strip())


class StatusDialog(QDialog):
    def __init__(self, case: Dispute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change case status"))
        self.status = QComboBox()
        for code in case.next_statuses:
            self.status.addItem(labels.dispute_status(code), code)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        self.problem = QLabel()
        self.problem.setObjectName("formError")
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("Case:"), QLabel(f"#{case.id} {labels.dispute_type(case.type)} · "
                                             f"{labels.dispute_status(case.status)}"))
        form.addRow(self.tr("&New status:"), self.status)
        form.addRow(self.tr("N&ote or outcome:"), self.note)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        status, note = self.values()
        if status in CLOSED and not note:
            self.problem.setText(self.tr("Write how the case ended before closing it."))
            self.problem.show()
            self.note.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        return str(self.status.currentData()), self.note.toPlainText().strip()
