"""Restore from a backup: what the chosen file holds, and what restoring will do, before
anything happens. The restore itself is run by the shell (ui/main.py), which must close
the profile first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.backup import SUFFIX, Manifest, RestoreReport
from app.shanghai_time import format_local
from ui.dialog_parts import action_row
from ui.labels import joined


class RestoreDialog(QDialog):
    def __init__(self, backup: Path, manifest: Manifest, data_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backup = backup
        self.setWindowTitle(self.tr("Restore from a backup"))
        facts = QFormLayout()
        facts.addRow(self.tr("File:"), _selectable(str(backup)))
        facts.addRow(self.tr("Made:"), QLabel(self.tr("%1 (Beijing time) by PosDesk %2").replace(
            "%1", format_local(manifest.created_at_utc_ms)).replace("%2",
                                                                      manifest.app_version)))
        counts = manifest.row_counts
        facts.addRow(self.tr("Transactions:"), _number(counts.get("txn", 0)))
        facts.addRow(self.tr("Activity-log entries:"), _number(counts.get("oplog", 0)))
        facts.addRow(self.tr("Terminals:"), _number(counts.get("terminals", 0)))
        warning = QLabel(self.tr(
            "Restoring replaces the data in %1 with this backup. The backup is checked first; "
            "if anything in it is damaged, nothing changes. The current data is not deleted: "
            "it is kept beside it under a new name. PosDesk closes and reopens the profile.")
            .replace("%1", str(data_dir)))
        warning.setObjectName("warningBanner")
        warning.setWordWrap(True)
        restore = QPushButton(self.tr("&Restore"))
        cancel = QPushButton(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(warning)
        layout.addLayout(action_row(restore, cancel, self.accept, self.reject))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _number(value: int) -> QLabel:
    return QLabel(f"{value:,}")


def choose_backup(parent: QWidget | None) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("RestoreDialog", "Choose a backup"),
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation),
        QCoreApplication.translate("RestoreDialog", "PosDesk backups (*%1);;All files (*)")
        .replace("%1", SUFFIX))
    return Path(chosen) if chosen else None


def show_restore_report(parent: QWidget, report: RestoreReport) -> None:
    """What came back, where the replaced data is, and what this computer must redo."""
    lines = [QCoreApplication.translate(
        "RestoreDialog", "Restored: %1 transactions and %2 activity-log entries from the "
        "backup made %3.")
        .replace("%1", f"{report.manifest.row_counts.get('txn', 0):,}")
        .replace("%2", f"{report.manifest.row_counts.get('oplog', 0):,}")
        .replace("%3", format_local(report.manifest.created_at_utc_ms))]
    if report.kept_aside is not None:
        lines.append(QCoreApplication.translate(
            "RestoreDialog", "The data it replaced is kept as %1.").replace(
                "%1", str(report.kept_aside)))
    if report.secrets_to_enter:
        lines.append(QCoreApplication.translate(
            "RestoreDialog", "Secrets are never in backups. Set these up again on the "
            "Verification page: %1.").replace("%1", joined(report.secrets_to_enter)))
    if report.terminals_to_pair:
        lines.append(QCoreApplication.translate(
            "RestoreDialog", "Pair these terminals again on this computer: %1.").replace(
                "%1", joined(report.terminals_to_pair)))
    QMessageBox.information(parent, QCoreApplication.translate("RestoreDialog", "Restored"),
                            "\n\n".join(lines))
