"""Activity log: every recorded operation (spec section 8), newest first."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.models.oplog_model import DETAILS, OplogModel
from ui.pages.page_header import PageHeader


class ActivityPage(QWidget):
    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OplogModel(db, self)
        header = PageHeader(
            self.tr("Activity log"),
            self.tr("Every sign-in, change and data operation, kept at least five years. "
                    "Entries cannot be edited: each one is chained to the one before it."))
        self.table = QTableView()
        self.table.setObjectName("activityTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setAccessibleName(self.tr("Activity log"))
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        if self.model.canFetchMore():
            self.model.fetchMore()
