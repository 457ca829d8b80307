"""Transactions: the most recent year by default (spec Q-1), filtered, totalled, charted.

The table is virtual: its row count is the filter's count and rows are fetched a block at
a time as they are painted (app.history_window), so a million rows open as fast as a
hundred. The count, the totals bar and the chart come from the history reader thread; the
page shows them when the answer for the current filter arrives.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.history import Totals, TxnFilter, terminal_ids
from app.history_window import SORT_LIMIT, HistoryWindow, Ordering, SortTooBroadError
from app.money import format_fen
from app.profile import Profile
from app.storage import database_file
from app.transactions import CHANNELS, STATUSES, TXN_TYPES
from ui import labels
from ui.export_dialog import ExportDialog
from ui.history_reader import HistoryReader, Summary
from ui.import_dialog import ImportDialog
from ui.models.transactions_model import (
    AMOUNT,
    CARD,
    METHOD,
    STATUS,
    TERMINAL,
    TIME,
    TYPE,
    TransactionsModel,
)
from ui.pages.page_parts import PageHeader
from ui.pages.txn_filter_bar import TxnFilterBar
from ui.pages.txn_volume_chart import TxnVolumeChart
from ui.shiboken_workaround import emit
from ui.txn_details_dialog import TxnDetailsDialog


def _samples() -> dict[int, list[str]]:
    """Widest expected content per column, in the current language; the trace id takes
    what is left, elided in the middle."""
    return {TIME: ["2026-12-31 23:59:59"], TERMINAL: ["TERMINAL0001"],
            TYPE: [labels.txn_type(c) for c in TXN_TYPES],
            METHOD: [f"{labels.channel(c)} · {labels.scheme(s)}" for c in CHANNELS
                     for s in ("UNIONPAY_QR", "MASTERCARD")],
            AMOUNT: ["-¥1,234,567.89"], STATUS: [labels.status(c) for c in STATUSES],
            CARD: ["622202*********0128"]}


class TransactionsPage(QWidget):
    loaded = Signal()                 # the current filter's rows, totals and chart are shown

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.db = profile.db
        self.reader = HistoryReader(database_file(self.db))
        reader = self.reader          # not self: the wrapper is gone when this fires
        self.destroyed.connect(lambda *_: reader.shutdown())
        self.filters = TxnFilterBar(terminal_ids(self.db))
        self.query: TxnFilter = self.filters.current()
        self.summary: Summary | None = None
        self.model = TransactionsModel(None, self)
        self.model.sort_refused.connect(self._sort_refused)
        self.model.modelReset.connect(lambda: self.notice.hide())
        self.header = PageHeader(self.tr("Transactions"))
        self.table = self._table()
        self.chart = TxnVolumeChart()
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.empty.setText(self.tr("Loading…"))
        self.stack.setCurrentWidget(self.empty)
        self.notice = QLabel()
        self.notice.setObjectName("pageSubtitle")
        self.notice.setWordWrap(True)
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.filters)
        layout.addWidget(self._totals_bar())
        layout.addWidget(self.chart)
        layout.addWidget(self.notice)
        layout.addLayout(self.stack, 1)
        self.filters.changed.connect(self.apply)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filters.search.setFocus)
        self.reload()

    # -- building ------------------------------------------------------------------------
    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("transactionsTable")
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Transactions"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)    # no per-row measuring
        rows.setDefaultSectionSize(table.fontMetrics().height() + 12)
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(True)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setSortIndicator(TIME, Qt.SortOrder.DescendingOrder)
        table.setSortingEnabled(True)          # header clicks call model.sort
        self._widths_fitted = False
        table.activated.connect(self.open_details)
        table.doubleClicked.connect(self.open_details)
        return table

    def _totals_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("totalsBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 2, 8, 2)
        self.count_label = QLabel()
        self.sales_label = QLabel()
        self.refunds_label = QLabel()
        self.net_label = QLabel()
        for label in (self.count_label, self.sales_label, self.refunds_label, self.net_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(label)
            row.addSpacing(18)
        row.addStretch(1)
        self.import_button = QPushButton(self.tr("&Import statement…"))
        self.import_button.clicked.connect(self.choose_import)
        row.addWidget(self.import_button)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        row.addWidget(self.export_button)
        self.chart_button = QPushButton(self.tr("C&hart"))
        self.chart_button.setCheckable(True)
        self.chart_button.setChecked(True)
        self.chart_button.toggled.connect(lambda on: self.chart.setVisible(on))
        row.addWidget(self.chart_button)
        self.actions_row = row
        return bar

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Ask again for the current filter (after a sync or an import added rows)."""
        self.filters.set_terminals(terminal_ids(self.db))
        self.apply(self.filters.current())

    def apply(self, query: TxnFilter) -> None:
        self.query = query
        self.count_label.setText(self.tr("Counting…"))
        self.reader.summarize(query, self._summarized, self._failed, self)

    def _summarized(self, summary: Summary) -> None:
        if summary.query != self.query:
            return
        # Same filter again (a sync added rows): keep where the person was reading.
        scrolled = (self.table.verticalScrollBar().value()
                    if self.summary is not None and self.summary.query == summary.query else 0)
        self.summary = summary
        ordering = self.model.window.ordering if self.model.window else Ordering()
        try:
            self.model.set_window(HistoryWindow(self.db, summary.query, summary.total, ordering))
        except SortTooBroadError:
            self.model.set_window(HistoryWindow(self.db, summary.query, summary.total))
            self._sort_refused(summary.total)
        self.table.verticalScrollBar().setValue(scrolled)
        self._show_totals(summary.total, summary.totals)
        self.chart.set_days(summary.query.dates.first, summary.query.dates.last, summary.daily)
        self._show_subtitle(summary)
        self.export_button.setEnabled(summary.total > 0)
        if summary.total:
            self.stack.setCurrentWidget(self.table)
            self._fit_columns()
        else:
            self.empty.setText(self._empty_text())
            self.stack.setCurrentWidget(self.empty)
        emit(self.loaded)

    def _fit_columns(self) -> None:
        """Once, when the first rows show: the widest expected text of each column in the
        font actually in use (the Chinese UI font has wider digits). Measured from samples,
        not rows: resizeColumnToContents reads up to 1,000 rows through the model (390 ms at
        a million). Later loads keep what the person dragged."""
        if self._widths_fitted or not self.table.isVisible():
            return               # measured when shown: a hidden table measures every row
        self._widths_fitted = True
        metrics = self.table.fontMetrics()
        for column, samples in _samples().items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            wanted = max(*(metrics.horizontalAdvance(text) for text in samples),
                         metrics.horizontalAdvance(title) + 20) + 24
            if column == STATUS:         # room for the flag a scenario policy sets
                wanted += self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 6
            self.table.setColumnWidth(column, wanted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.summary is not None and self.summary.total:
            self._fit_columns()

    def _failed(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("Could not read the history: %1")
                                 .replace("%1", str(error)))

    def _show_totals(self, total: int, sums: Totals) -> None:
        self.count_label.setText(self.tr("%1 transactions").replace("%1", f"{total:,}"))
        self.sales_label.setText(self.tr("Sales %1").replace("%1", format_fen(sums.sales_fen)))
        self.refunds_label.setText(self.tr("Refunds %1")
                                   .replace("%1", format_fen(sums.refunds_fen)))
        self.net_label.setText(self.tr("Net %1").replace("%1", format_fen(sums.net_fen)))
        self.net_label.setObjectName("totalsValue")

    def _show_subtitle(self, summary: Summary) -> None:
        dates = summary.query.dates
        self.header.subtitle.setText(
            self.tr("%1 to %2 (Beijing time). Double-click a transaction for every detail; "
                    "Ctrl+F searches.")
            .replace("%1", dates.first.isoformat()).replace("%2", dates.last.isoformat()))

    def _empty_text(self) -> str:
        if self.filters.is_default():
            return self.tr("No transactions in the last year yet.\n"
                           "They appear here when a paired terminal syncs or when you import "
                           "an acquirer statement.")
        if self.filters.flagged.isChecked():
            return self.tr("No flagged transactions in these days.\n"
                           "Scenario policies on the Limits page flag transactions outside "
                           "their times, caps or types.")
        return self.tr("No transactions match these filters.\n"
                       "Widen the dates or press Reset filters.")

    # -- actions -------------------------------------------------------------------------
    def _sort_refused(self, total: int) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(TIME, Qt.SortOrder.DescendingOrder)
        header.blockSignals(False)
        self.notice.setText(self.tr("Sorting by that column needs a filter that matches at "
                                    "most %1 transactions (now %2). Narrow the dates or add "
                                    "a filter first; time order works at any size.")
                            .replace("%1", f"{SORT_LIMIT:,}").replace("%2", f"{total:,}"))
        self.notice.show()

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import an acquirer statement"), str(Path.home()),
            self.tr("Statements (*.csv *.xlsx *.txt);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportDialog:
        """The import dialog for `path`; after an import the list, totals and chart
        reload and the outcome is said above the table."""
        dialog = ImportDialog(self.profile, path, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result is not None:
            done = dialog.result
            self.notice.setText(self.tr("Imported %1: %2 new transactions, %3 already known.")
                                .replace("%1", done.file).replace("%2", f"{done.new:,}")
                                .replace("%3", f"{done.duplicate:,}"))
            self.reload()
            self.notice.show()
        return dialog

    def export(self) -> ExportDialog | None:
        """Export exactly what the page shows: its current filter."""
        if self.summary is None or self.summary.query != self.query:
            return None
        dialog = ExportDialog(self.profile, self.query, self.summary.total, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result is not None:
            self.notice.setText(self.tr("Exported %1 transactions to %2.")
                                .replace("%1", f"{dialog.result.rows:,}")
                                .replace("%2", str(dialog.result.path)))
            self.notice.show()
        return dialog

    def open_details(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        dialog = TxnDetailsDialog(self.profile, row.id, self)
        dialog.exec()

    def shutdown(self) -> None:
        self.reader.shutdown()
