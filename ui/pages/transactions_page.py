"""Transactions: the most recent year, newest first (read-only until the history issue)."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.history import DateRange, HistoryPager
from ui.models.transactions_model import AMOUNT, TRACE, TransactionsModel
from ui.pages.page_parts import PageHeader, data_table


class TransactionsPage(QWidget):
    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.dates = DateRange.default()
        self.model = TransactionsModel(HistoryPager(db, self.dates), self)
        header = PageHeader(self.tr("Transactions"))
        self.header = header
        self.table = data_table(self.model, "transactionsTable", TRACE, self.tr("Transactions"))

        self.empty = QLabel(self.tr(
            "No transactions in the last year yet.\n"
            "They appear here when a paired terminal syncs or when you import an "
            "acquirer statement."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(self.stack)

        self.reload()

    def reload(self) -> None:
        """Read the newest rows again (after a sync or an import added some)."""
        self.dates = DateRange.default()
        pager = HistoryPager(self.db, self.dates)
        total = pager.count()
        self.header.subtitle.setText(
            self.tr("%1 transactions from %2 to %3 (Beijing time), newest first.")
            .replace("%1", f"{total:,}").replace("%2", self.dates.first.isoformat())
            .replace("%3", self.dates.last.isoformat()))
        self.model.set_pager(pager)
        if self.model.canFetchMore():
            self.model.fetchMore()
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(AMOUNT, max(self.table.columnWidth(AMOUNT), 110))
