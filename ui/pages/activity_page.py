"""Activity log: every recorded operation (spec section 8), newest first."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.models.oplog_model import DETAILS, OplogModel
from ui.pages.page_parts import PageHeader, data_table


class ActivityPage(QWidget):
    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OplogModel(db, self)
        header = PageHeader(
            self.tr("Activity log"),
            self.tr("Every sign-in, change and data operation, kept at least five years. "
                    "Entries cannot be edited: each one is chained to the one before it."))
        self.table = data_table(self.model, "activityTable", DETAILS, self.tr("Activity log"))
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        if self.model.canFetchMore():
            self.model.fetchMore()
