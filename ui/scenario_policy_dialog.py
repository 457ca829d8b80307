"""Create or change a scenario policy (spec 12.4): what it covers (a terminal, a payment
method or a transaction type), when it may be used, how much per transaction and per day,
and which types it allows.

The dialog only builds and checks the policy; saving (which re-flags transactions and can
take a moment for a backdated policy) is done by its caller off the GUI thread. A change
applies from now; a new policy may also judge the past, from a chosen day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlite_utils
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.history import terminal_ids
from app.money import format_fen, parse_yuan
from app.scenario_policy import (
    SCOPES,
    ScenarioPolicy,
    ScenarioRules,
    ScenarioValueError,
    Window,
)
from app.scenario_store import policy_by_name
from app.shanghai_time import start_of_day_ms, today_cn
from app.terminals import list_terminals
from app.transactions import CHANNELS, TXN_TYPES
from ui import labels
from ui import scenario_labels as words
from ui.dialog_parts import (
    action_row,
    dialog_column,
    heading_label,
    intro_label,
    message_label,
    say,
)

_DAY_S = 24 * 3600


class ScenarioPolicyDialog(QDialog):
    def __init__(self, db: sqlite_utils.Database, policy: ScenarioPolicy | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.original = policy
        self.policy: ScenarioPolicy | None = None        # what Save produced
        self.effective_from_ms: int | None = None        # None: from now
        self.windows: list[Window] = list(policy.rules.windows) if policy else []
        heading = self.tr("Change a scenario policy") if policy else self.tr(
            "New scenario policy")
        self.setWindowTitle(heading)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        title = heading_label(heading)
        intro = intro_label(self.tr(
            "Your own rules for when and how much a terminal, a payment method or a "
            "transaction type may be used. Transactions outside them are flagged in the "
            "history and counted on the Limits page; the statutory limits still apply."))

        self.name = QLineEdit(policy.name if policy else "")
        self.name.setObjectName("scenarioName")
        self.name.setMaxLength(60)
        self.scope = QComboBox()
        self.scope.setObjectName("scenarioScope")
        for code in SCOPES:
            self.scope.addItem(words.scope(code), code)
        self.target = QComboBox()
        self.target.setObjectName("scenarioTarget")
        self.scope.currentIndexChanged.connect(self._fill_targets)
        if policy:
            self.scope.setCurrentIndex(self.scope.findData(policy.scope))
            self.scope.setEnabled(False)
        self._fill_targets()
        if policy:
            self.target.setCurrentIndex(max(0, self.target.findData(policy.scope_ref)))
            self.target.setEnabled(False)
        self.enabled = QCheckBox(self.tr("&Switched on"))
        self.enabled.setChecked(policy.rules.enabled if policy else True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Covers:"), self._row(self.scope, self.target))
        form.addRow("", self.enabled)

        self.per_txn, self.per_txn_on = self._cap(policy.rules.per_txn_max_fen if policy
                                                  else None, "scenarioPerTxn")
        self.daily, self.daily_on = self._cap(policy.rules.daily_max_fen if policy else None,
                                              "scenarioDaily")
        caps = QFormLayout()
        caps.addRow(self.tr("Per &transaction:"), self._row(self.per_txn_on, self.per_txn))
        caps.addRow(self.tr("Per &day (Beijing):"), self._row(self.daily_on, self.daily))

        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds = QHBoxLayout()
        for code in TXN_TYPES:
            box = QCheckBox(labels.txn_type(code))
            box.setChecked(bool(policy and code in policy.rules.allowed_kinds))
            self.kind_boxes[code] = box
            kinds.addWidget(box)
        kinds.addStretch(1)

        self.past = QCheckBox(self.tr("Also check &past transactions from"))
        self.past_from = QDateEdit(_qdate(today_cn() - dt.timedelta(days=30)))
        self.past_from.setCalendarPopup(True)
        self.past_from.setDisplayFormat("yyyy-MM-dd")
        self.past_from.setEnabled(False)
        self.past.toggled.connect(self.past_from.setEnabled)
        when = QLabel(self.tr("Changes apply from now; transactions before stay judged by "
                              "the rules they met."))
        when.setObjectName("pageSubtitle")
        when.setWordWrap(True)

        self.message = message_label()
        self.save_button = QPushButton(self.tr("&Save"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.save_button, self.cancel_button, self.submit, self.reject)

        layout = dialog_column(self, title, intro)
        layout.addLayout(form)
        layout.addWidget(self._windows_box())
        limits = QGroupBox(self.tr("Caps (none ticked: no cap)"))
        limits.setLayout(caps)
        layout.addWidget(limits)
        allowed = QGroupBox(self.tr("Only these types (none ticked: every type)"))
        allowed.setLayout(kinds)
        layout.addWidget(allowed)
        if policy is None:
            layout.addWidget(self._row(self.past, self.past_from))
        else:
            layout.addWidget(when)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 86)
        self._show_windows()

    # -- building ------------------------------------------------------------------------
    def _row(self, *widgets: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return holder

    def _cap(self, fen: int | None, name: str) -> tuple[QLineEdit, QCheckBox]:
        edit = QLineEdit(format_fen(fen, symbol="") if fen is not None else "")
        edit.setObjectName(name)
        edit.setPlaceholderText(self.tr("e.g. 2,000"))
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 18)
        edit.setEnabled(fen is not None)
        box = QCheckBox(self.tr("at most ¥"))
        box.setChecked(fen is not None)
        box.toggled.connect(edit.setEnabled)
        box.toggled.connect(lambda on: edit.setFocus() if on else None)
        return edit, box

    def _windows_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Allowed times, Beijing time (none: any time)"))
        column = QVBoxLayout(box)
        self.window_list = QListWidget()
        self.window_list.setObjectName("scenarioWindows")
        self.window_list.setAccessibleName(self.tr("Allowed times"))
        self.window_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.start = QTimeEdit(QTime(8, 0))
        self.end = QTimeEdit(QTime(22, 0))
        for edit, name in ((self.start, self.tr("From")), (self.end, self.tr("Until"))):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        self.day_boxes: list[QCheckBox] = []
        days = QGridLayout()
        days.setHorizontalSpacing(8)
        for index, name in enumerate(words.weekdays()):
            check = QCheckBox(name)
            self.day_boxes.append(check)
            days.addWidget(check, 0, index)
        add = QPushButton(self.tr("&Add time"))
        add.setObjectName("scenarioAddWindow")
        add.clicked.connect(self.add_window)
        self.remove_window_button = QPushButton(self.tr("&Remove time"))
        self.remove_window_button.clicked.connect(self.remove_window)
        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("From")))
        entry.addWidget(self.start)
        entry.addWidget(QLabel(self.tr("until")))
        entry.addWidget(self.end)
        entry.addStretch(1)
        entry.addWidget(add)
        entry.addWidget(self.remove_window_button)
        column.addWidget(self.window_list)
        column.addLayout(entry)
        hint = QLabel(self.tr("Tick the days it starts on (none: every day). An end before "
                              "the start runs past midnight: 22:00 until 06:00."))
        hint.setObjectName("pageSubtitle")
        hint.setWordWrap(True)
        column.addLayout(days)
        column.addWidget(hint)
        return box

    def _fill_targets(self) -> None:
        self.target.clear()
        scope = self.scope.currentData()
        if scope == "TERMINAL":
            known = {view.terminal_id for view in list_terminals(self.db)}
            for terminal in sorted(known | set(terminal_ids(self.db))):
                self.target.addItem(terminal, terminal)
        elif scope == "CHANNEL":
            for code in CHANNELS:
                self.target.addItem(labels.channel(code), code)
        else:
            for code in TXN_TYPES:
                self.target.addItem(labels.txn_type(code), code)

    # -- windows -------------------------------------------------------------------------
    def add_window(self) -> None:
        start = self.start.time().msecsSinceStartOfDay() // 1000
        end = self.end.time().msecsSinceStartOfDay() // 1000
        if end == 0 and start == 0:
            end = _DAY_S                                   # 00:00 until 00:00: all day
        if start == end:
            say(self.message, self.tr("A time needs an end different from its start."))
            return
        days = frozenset(i for i, box in enumerate(self.day_boxes) if box.isChecked())
        found = Window(start, end, days)
        if found not in self.windows:
            self.windows.append(found)
        say(self.message, "")
        self._show_windows()

    def remove_window(self) -> None:
        row = self.window_list.currentRow()
        if 0 <= row < len(self.windows):
            del self.windows[row]
            self._show_windows()

    def _show_windows(self) -> None:
        self.window_list.clear()
        for found in self.windows:
            self.window_list.addItem(QListWidgetItem(words.window(found)))
        if not self.windows:
            item = QListWidgetItem(self.tr("Any time of day"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.window_list.addItem(item)
        self.remove_window_button.setEnabled(bool(self.windows))

    # -- saving --------------------------------------------------------------------------
    def submit(self) -> None:
        try:
            policy = self.built()
        except ScenarioValueError as exc:
            say(self.message, self.problem_text(exc.facts.get("field"), exc.message))
            return
        self.policy = policy
        if self.original is None and self.past.isChecked():
            date = self.past_from.date()
            self.effective_from_ms = start_of_day_ms(dt.date(date.year(), date.month(),
                                                             date.day()))
        self.accept()

    def built(self) -> ScenarioPolicy:
        """The policy the fields describe, checked as saving will check it."""
        rules = ScenarioRules(
            windows=tuple(self.windows),
            per_txn_max_fen=self._amount(self.per_txn, self.per_txn_on, "per_txn_max"),
            daily_max_fen=self._amount(self.daily, self.daily_on, "daily_max"),
            allowed_kinds=tuple(c for c, box in self.kind_boxes.items() if box.isChecked()),
            enabled=self.enabled.isChecked())
        base = self.original or ScenarioPolicy("", str(self.scope.currentData()),
                                               str(self.target.currentData() or ""))
        policy = dataclasses.replace(base, name=self.name.text().strip(), rules=rules)
        found = policy.problem()
        if found:
            raise ScenarioValueError(found[1], field=found[0])
        clash = policy_by_name(self.db, policy.name)
        if clash is not None and clash.id != policy.id:
            raise ScenarioValueError("exists", field="name_taken")
        return policy

    def _amount(self, edit: QLineEdit, on: QCheckBox, field: str) -> int | None:
        if not on.isChecked():
            return None
        try:
            return parse_yuan(edit.text())
        except ValueError:
            raise ScenarioValueError("not an amount", field=f"{field}_text") from None

    def problem_text(self, field: object, fallback: str) -> str:
        texts = {
            "name": self.tr("Give the policy a name."),
            "name_taken": self.tr("Another policy already has this name."),
            "scope_ref": self.tr("Choose what the policy covers. A terminal appears here "
                                 "once it is paired or has transactions."),
            "per_txn_max": self.tr("The per-transaction cap must be more than ¥0.00 and "
                                   "not more than the daily cap."),
            "daily_max": self.tr("The daily cap must be more than ¥0.00."),
            "per_txn_max_text": self.tr("The per-transaction cap is not an amount; write it "
                                        "like 500 or 1,200.50."),
            "daily_max_text": self.tr("The daily cap is not an amount; write it like 500 or "
                                      "1,200.50."),
        }
        return texts.get(str(field), fallback)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
