"""Table model over app.history_window.HistoryWindow: row count from the filter's count,
rows fetched a block at a time as the view paints them, so a year never loads at once."""

from __future__ import annotations

import functools

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon

from app.history import TxnRow
from app.history_window import HistoryWindow, Ordering, SortTooBroadError
from app.money import format_fen
from app.shanghai_time import format_local
from ui import labels
from ui.models.paged_model import RIGHT, Index
from ui.shiboken_workaround import emit
from ui.style import icon

TIME, TERMINAL, TYPE, METHOD, AMOUNT, STATUS, CARD, TRACE = range(8)
# The app.history_window ordering name of each column.
_ORDER_BY = ("time", "terminal", "type", "channel", "amount", "status", "card", "trace")
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
    """Thin adapter: positions and cells from a HistoryWindow; sorting makes a new one."""

    sort_refused = Signal(int)       # rows the filter matched: too many to order that way

    def __init__(self, window: HistoryWindow | None = None, parent: object = None) -> None:
        super().__init__(parent)
        self._titles = column_titles()
        self._window = window

    @property
    def window(self) -> HistoryWindow | None:
        return self._window

    def set_window(self, window: HistoryWindow | None) -> None:
        self.beginResetModel()
        self._window = window
        self.endResetModel()

    def row_at(self, position: int) -> TxnRow | None:
        return self._window.row(position) if self._window else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._window is None else self._window.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._titles):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == AMOUNT:
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column == AMOUNT else None
        if role == Qt.ItemDataRole.DecorationRole:
            row = self.row_at(index.row()) if column == STATUS else None
            return _flag_icon() if row is not None and row.flagged else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS and row.flagged:
            return QCoreApplication.translate(
                "TransactionsModel", "%1 · outside a scenario policy (see its details)"
            ).replace("%1", labels.status(row.status))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status in ("FAILED", "CANCELLED"):
                return _MUTED
            if column == AMOUNT and row.amount_fen < 0:
                return _NEGATIVE
            return None
        return row.id

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._window is None or not 0 <= column < len(_ORDER_BY):
            return
        ordering = Ordering(_ORDER_BY[column], order == Qt.SortOrder.DescendingOrder)
        if ordering == self._window.ordering:
            return
        old = self._window
        try:
            window = HistoryWindow(old.db, old.query, old.total, ordering, old.block)
        except SortTooBroadError:
            emit(self.sort_refused, old.total)
            return
        self.set_window(window)


@functools.cache
def _flag_icon() -> QIcon:
    """Marks a row a scenario policy flagged (spec 12.4), beside its status."""
    return icon("flag")


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
