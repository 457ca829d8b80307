"""Table model over app.history.HistoryPager: fetches a page when the view scrolls near the
end, so a year of rows never loads at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.history import HistoryPager, TxnRow
from app.money import format_fen
from app.shanghai_time import format_local
from ui import labels
from ui.models.paged_model import PagedTableModel

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


class TransactionsModel(PagedTableModel[TxnRow]):
    right_aligned = frozenset({AMOUNT})

    def __init__(self, pager: HistoryPager, parent: object = None) -> None:
        super().__init__(column_titles(), parent)
        self._pager = pager

    def set_pager(self, pager: HistoryPager) -> None:
        self._pager = pager
        self.reload()

    def next_page(self, last: TxnRow | None) -> tuple[list[TxnRow], bool]:
        page = self._pager.next_page()
        return page, self._pager.exhausted

    def cell(self, row: TxnRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
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
