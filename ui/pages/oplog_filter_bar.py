"""The Activity page's filter bar: when, which operation, which target, which result, and
free-text search. It only turns widgets into an app.oplog_query.OplogFilter; the page
decides what to do with it.

"All time" is the default (an audit looks at everything); the quick periods set the two
date fields and editing a date chooses "Chosen days". Typing is debounced; lists and dates
apply at once. The search also finds operations by their name as shown (in the person's
language), not only by the codes stored.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.oplog_query import RESULTS, OplogFilter
from app.shanghai_time import today_cn, years_before
from ui import labels
from ui.shiboken_workaround import emit

_DEBOUNCE_MS = 300
ALL_TIME, TODAY, WEEK, MONTH, YEAR, CHOSEN = range(6)


class OplogFilterBar(QWidget):
    changed = Signal(object)          # an OplogFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._oldest = today_cn()
        self._timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.period = self._choice(self.tr("Period"), [
            (self.tr("All time"), ALL_TIME), (self.tr("Today"), TODAY),
            (self.tr("Last 7 days"), WEEK), (self.tr("Last 30 days"), MONTH),
            (self.tr("Last 12 months"), YEAR), (self.tr("Chosen days"), CHOSEN)])
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.first = self._date_edit(self.tr("First day (Beijing time)"))
        self.last = self._date_edit(self.tr("Last day (Beijing time)"))
        self.operation = self._choice(self.tr("Operation"), [(self.tr("All operations"), None)])
        self.result = self._choice(self.tr("Result"), [(self.tr("All results"), None)] + [
            (labels.result(code), code) for code in RESULTS])
        self.target_type = self._choice(self.tr("Target type"),
                                        [(self.tr("All targets"), None)])
        self.target_id = self._text(self.tr("Target ID, exactly"), self.tr("Target ID"))
        self.search = self._text(self.tr("Search operation, target, person, details…"),
                                 self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.reset = QPushButton(self.tr("&Reset filters"))
        self.reset.clicked.connect(self.clear)
        self._show_period(ALL_TIME)
        self._lay_out()

    # -- building ------------------------------------------------------------------------
    def _lay_out(self) -> None:
        """Two rows: when, what and the search first; the target and Reset below."""
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 4)
        rows.setSpacing(6)
        first = QHBoxLayout()
        first.addWidget(_buddy(self.tr("&When:"), self.period))
        for widget in (self.period, self.first, QLabel("–"), self.last):
            first.addWidget(widget)
        first.addSpacing(8)
        first.addWidget(_buddy(self.tr("O&peration:"), self.operation))
        first.addWidget(self.operation)
        first.addSpacing(8)
        first.addWidget(_buddy(self.tr("Res&ult:"), self.result))
        first.addWidget(self.result)
        second = QHBoxLayout()
        second.addWidget(_buddy(self.tr("&Target:"), self.target_type))
        second.addWidget(self.target_type)
        second.addWidget(self.target_id)
        second.addSpacing(8)
        second.addWidget(self.search, 1)
        second.addWidget(self.reset)
        rows.addLayout(first)
        first.addStretch(1)
        rows.addLayout(second)
        self.target_id.setMinimumWidth(150)
        self.search.setMinimumWidth(240)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.dateChanged.connect(self._date_edited)
        return edit

    def _choice(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
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

    # -- choices from the data ------------------------------------------------------------
    def set_choices(self, op_types: list[str], target_types: list[str],
                    oldest: dt.date | None) -> None:
        """The operations and targets present, by their shown names; what was chosen stays
        chosen. `oldest` is the first day of "All time"."""
        self._oldest = oldest or today_cn()
        _refill(self.operation, sorted((labels.op_type(c), c) for c in op_types))
        _refill(self.target_type, sorted((labels.target_type(c), c) for c in target_types))
        if self.period.currentData() != CHOSEN:
            self._show_period(int(self.period.currentData()))

    # -- periods and dates ---------------------------------------------------------------
    def _period_chosen(self) -> None:
        period = int(self.period.currentData())
        if period != CHOSEN:
            self._show_period(period)

    def _show_period(self, period: int) -> None:
        """Put the period's first and last day in the date fields, quietly."""
        today = today_cn()
        starts = {ALL_TIME: self._oldest, TODAY: today, WEEK: today - dt.timedelta(days=6),
                  MONTH: today - dt.timedelta(days=29),
                  YEAR: years_before(today, 1, on_missing_feb29="earlier")}
        for edit, day in ((self.first, starts[period]), (self.last, today)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _date_edited(self) -> None:
        """A date typed or picked: the period becomes "Chosen days" (which applies it)."""
        chosen = self.period.findData(CHOSEN)
        if self.period.currentIndex() != chosen:
            self.period.setCurrentIndex(chosen)
        else:
            self._emit()

    # -- reading -------------------------------------------------------------------------
    def current(self) -> OplogFilter:
        first, last = self._days()
        text = _text(self.search)
        return OplogFilter(
            first_day=first, last_day=last,
            op_types=_one(self.operation), results=_one(self.result),
            target_type=self.target_type.currentData() or None, target_id=_text(self.target_id),
            text=text, text_op_types=self._named_like(text))

    def _days(self) -> tuple[dt.date | None, dt.date | None]:
        period = int(self.period.currentData())
        if period == ALL_TIME:
            return None, None
        if period != CHOSEN:
            self._show_period(period)       # "Today" means today, even after midnight
        first, last = _day(self.first.date()), _day(self.last.date())
        return (first, last) if first <= last else (last, first)

    def _named_like(self, text: str | None) -> tuple[str, ...]:
        """The operations whose shown name contains the search text."""
        if not text:
            return ()
        wanted = text.casefold()
        return tuple(str(self.operation.itemData(i)) for i in range(1, self.operation.count())
                     if wanted in self.operation.itemText(i).casefold())

    def is_default(self) -> bool:
        return self.current() == OplogFilter()

    def clear(self) -> None:
        widgets = (self.period, self.first, self.last, self.operation, self.result,
                   self.target_type, self.target_id, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for box in (self.period, self.operation, self.result, self.target_type):
            box.setCurrentIndex(0)
        self.target_id.clear()
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._show_period(ALL_TIME)
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        emit(self.changed, self.current())


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _refill(box: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace every item after "All …", keeping the chosen code when it is still there."""
    chosen = box.currentData()
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for text, code in items:
        box.addItem(text, code)
    index = box.findData(chosen) if chosen else 0
    box.setCurrentIndex(max(0, index))
    box.blockSignals(False)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _one(box: QComboBox) -> tuple[str, ...]:
    code = box.currentData()
    return (str(code),) if code else ()


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None
