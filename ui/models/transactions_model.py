"""Table model over app.history.HistoryPager: fetches a page when the view scrolls near the
end, so a year of rows never loads at once."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.history import HistoryPager, TxnRow
from app.money import format_fen
from app.shanghai_time import format_local
from ui import labels

Index = QModelIndex | QPersistentModelIndex
TIME, TERMINAL, TYPE, METHOD, AMOUNT, STATUS, CARD, TRACE = range(8)
_MUTED = QColor("#8a8f98")
_NEGATIVE = QColor("#b3261e")


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("TransactionsModel", "Time (Beijing)"),
        QCoreApplication.translate("TransactionsModel", "Terminal"),
        QCoreApplication.translate("TransactionsModel", "Type"),
        QCoreApplication.translate("TransactionsModel", "Payment method"),
        QCoreApplication.translate("TransactionsModel", "Amount"),
        QCoreApplication.translate("TransactionsModel", "Status"),
        QCoreApplication.translate("TransactionsModel", "Card"),
        QCoreApplication.translate("TransactionsModel", "Trace ID"),
    ]


class TransactionsModel(QAbstractTableModel):
    def __init__(self, pager: HistoryPager, parent: object = None) -> None:
        super().__init__(parent)
        self._pager = pager
        self._rows: list[TxnRow] = []
        self._titles = column_titles()

    @property
    def rows(self) -> list[TxnRow]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._pager.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self._pager.next_page()
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._titles):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status in ("FAILED", "CANCELLED"):
                return _MUTED
            if column == AMOUNT and row.amount_fen < 0:
                return _NEGATIVE
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


def _display(row: TxnRow, column: int) -> str:
    if column == TIME:
        return format_local(row.ts_utc_ms)
    if column == TERMINAL:
        return row.terminal_id or ""
    if column == TYPE:
        return labels.txn_type(row.txn_type)
    if column == METHOD:
        method = labels.channel(row.channel)
        return f"{method} · {labels.scheme(row.scheme)}" if row.scheme else method
    if column == AMOUNT:
        return format_fen(row.amount_fen)
    if column == STATUS:
        return labels.status(row.status)
    if column == CARD:
        return row.card_masked
    return row.trace_id
