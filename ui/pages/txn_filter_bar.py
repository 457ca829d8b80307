"""The Transactions page's filter bar: every filter of spec Q-2 plus free-text search.

It only turns widgets into an app.history.TxnFilter; the page decides what to do with it.
Typing is debounced (a search per keystroke at a million rows would stutter); choices in
lists and dates apply at once. An amount that does not parse is marked on its field and
left out, rather than silently filtering on something else.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.history import DateRange, TxnFilter
from app.money import parse_yuan
from app.transactions import CHANNELS, STATUSES, TXN_TYPES
from ui import labels
from ui.shiboken_workaround import emit

_DEBOUNCE_MS = 300


class TxnFilterBar(QWidget):
    changed = Signal(object)          # a TxnFilter

    def __init__(self, terminals: list[str], today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._default = DateRange.default(today)
        self._timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)

        self.first = self._date_edit(self._default.first, self.tr("First day (Beijing time)"))
        self.last = self._date_edit(self._default.last, self.tr("Last day (Beijing time)"))
        self.terminal = self._choice(self.tr("All terminals"), [(t, t) for t in terminals],
                                     self.tr("Terminal"))
        self.channel = self._choice(self.tr("All methods"),
                                    [(labels.channel(c), c) for c in CHANNELS],
                                    self.tr("Payment method"))
        self.txn_type = self._choice(self.tr("All types"),
                                     [(labels.txn_type(c), c) for c in TXN_TYPES],
                                     self.tr("Transaction type"))
        self.status = self._choice(self.tr("All statuses"),
                                   [(labels.status(c), c) for c in STATUSES], self.tr("Status"))
        self.search = self._text(self.tr("Search merchant, memo…"), self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.min_amount = self._text(self.tr("¥ from"), self.tr("Smallest amount in yuan"))
        self.max_amount = self._text(self.tr("¥ to"), self.tr("Largest amount in yuan"))
        self.reference = self._text(self.tr("Trace ID or RRN"), self.tr("Trace ID or RRN"))
        self.card_last4 = self._text(self.tr("Card last 4"), self.tr("Card number, last 4"))
        self.card_last4.setMaxLength(4)
        self.merchant_code = self._text(self.tr("Merchant code"), self.tr("Merchant code"))
        self.mcc = self._text(self.tr("MCC"), self.tr("Merchant category code"))
        for small in (self.min_amount, self.max_amount, self.card_last4, self.mcc):
            small.setMaximumWidth(110)
        self.flagged = QCheckBox(self.tr("&Flagged only"))
        self.flagged.setToolTip(self.tr(
            "Only transactions outside a scenario policy: a time window, a cap or an "
            "allowed type set on the Limits page"))
        self.flagged.toggled.connect(self._emit)
        self.reset = QPushButton(self.tr("&Reset filters"))
        self.reset.clicked.connect(self.clear)
        self._lay_out()

    # -- building ------------------------------------------------------------------------
    def _lay_out(self) -> None:
        """Two rows: the everyday filters first, the precise ones (amounts, ids) below."""
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 4)
        rows.setSpacing(6)
        first = QHBoxLayout()
        for widget in (self.first, QLabel("–"), self.last, self.terminal, self.channel,
                       self.txn_type, self.status):
            first.addWidget(widget)
        first.addWidget(self.search, 1)
        second = QHBoxLayout()
        for widget in (self.min_amount, QLabel("–"), self.max_amount, self.reference,
                       self.card_last4, self.merchant_code, self.mcc):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.flagged)
        second.addWidget(self.reset)
        rows.addLayout(first)
        rows.addLayout(second)
        self.search.setMinimumWidth(200)
        self.reference.setMinimumWidth(170)

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.dateChanged.connect(self._emit)
        return edit

    def _choice(self, everything: str, items: list[tuple[str, str]], name: str) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, None)
        for text, code in items:
            box.addItem(text, code)
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.currentIndexChanged.connect(self._emit)
        return box

    def _text(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.textChanged.connect(lambda _: self._timer.start())
        edit.returnPressed.connect(self._emit)
        return edit

    # -- reading -------------------------------------------------------------------------
    def set_terminals(self, terminals: list[str]) -> None:
        chosen = self.terminal.currentData()
        self.terminal.blockSignals(True)
        while self.terminal.count() > 1:
            self.terminal.removeItem(1)
        for terminal in terminals:
            self.terminal.addItem(terminal, terminal)
        index = self.terminal.findData(chosen) if chosen else 0
        self.terminal.setCurrentIndex(max(0, index))
        self.terminal.blockSignals(False)

    def current(self) -> TxnFilter:
        first, last = _day(self.first.date()), _day(self.last.date())
        if first > last:
            first, last = last, first
        return TxnFilter(
            dates=DateRange(first, last),
            terminal_ids=_one(self.terminal), channels=_one(self.channel),
            txn_types=_one(self.txn_type), statuses=_one(self.status),
            min_fen=self._amount(self.min_amount), max_fen=self._amount(self.max_amount),
            merchant_code=_text(self.merchant_code), mcc=_text(self.mcc),
            reference=_text(self.reference), card_last4=_text(self.card_last4),
            text=_text(self.search), flagged=self.flagged.isChecked())

    def is_default(self) -> bool:
        return self.current() == TxnFilter(dates=self._default)

    def _amount(self, edit: QLineEdit) -> int | None:
        text = edit.text().strip()
        if not text:
            edit.setProperty("invalid", False)
            edit.setToolTip(edit.accessibleName())
            return None
        try:
            value: int | None = parse_yuan(text)
            edit.setProperty("invalid", False)
            edit.setToolTip(edit.accessibleName())
        except ValueError:
            value = None
            edit.setProperty("invalid", True)
            edit.setToolTip(self.tr("“%1” is not an amount; write it like 100 or 12.50")
                            .replace("%1", text))
        edit.style().unpolish(edit)
        edit.style().polish(edit)
        return value

    def clear(self) -> None:
        widgets = (self.first, self.last, self.terminal, self.channel, self.txn_type,
                   self.status, self.search, self.min_amount, self.max_amount, self.reference,
                   self.card_last4, self.merchant_code, self.mcc, self.flagged)
        for widget in widgets:
            widget.blockSignals(True)
        self.flagged.setChecked(False)
        self.first.setDate(_qdate(self._default.first))
        self.last.setDate(_qdate(self._default.last))
        for box in (self.terminal, self.channel, self.txn_type, self.status):
            box.setCurrentIndex(0)
        for edit in (self.search, self.min_amount, self.max_amount, self.reference,
                     self.card_last4, self.merchant_code, self.mcc):
            edit.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def show_flagged(self, first: dt.date, last: dt.date) -> None:
        """Every other filter cleared, these days, flagged transactions only (what the
        Limits page's "Show flagged transactions" asks for)."""
        self.blockSignals(True)
        self.clear()
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))
        self.flagged.setChecked(True)
        self.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        emit(self.changed, self.current())


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _one(box: QComboBox) -> tuple[str, ...]:
    code = box.currentData()
    return (code,) if code else ()


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None
