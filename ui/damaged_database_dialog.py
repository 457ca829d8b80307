"""When the profile's database cannot be opened at start (damaged, or not PosDesk's): say
so and offer the ways out — restore a backup, or set the file aside and start a new
profile. Nothing is overwritten, and no traceback is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.paths import database_path
from ui.error_messages import error_text

RESTORE, START_NEW, QUIT = "restore", "new", "quit"


def ask_what_to_do(error: BaseException, data_dir: Path,
                   parent: QWidget | None = None) -> str:
    """RESTORE, START_NEW or QUIT."""
    box = QMessageBox(parent)
    box.setObjectName("damagedDatabase")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("DamagedDatabase",
                                                  "PosDesk cannot open your data"))
    box.setText(error_text(error))
    box.setInformativeText(QCoreApplication.translate(
        "DamagedDatabase",
        "Restore a backup to replace it, or start a new, empty profile: the file %1 is then "
        "kept under a new name beside it, not deleted.").replace(
            "%1", str(database_path(data_dir))))
    role = QMessageBox.ButtonRole
    restore = box.addButton(
        QCoreApplication.translate("DamagedDatabase", "&Restore a backup…"), role.AcceptRole)
    start = box.addButton(
        QCoreApplication.translate("DamagedDatabase", "&Start a new profile"),
        role.DestructiveRole)
    box.addButton(QCoreApplication.translate("DamagedDatabase", "&Quit"), role.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    return RESTORE if clicked is restore else START_NEW if clicked is start else QUIT

