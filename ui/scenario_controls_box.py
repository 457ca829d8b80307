"""The Limits page's "Scenario controls" section (spec 12.4): the merchant's policies, how
many transactions broke them today and in the last 30 days, and the actions on them.

Saving re-flags the affected days, which for a policy backdated over a year of a busy shop
takes a moment, so changes run off the GUI thread on their own connection; the buttons
wait meanwhile and the list refreshes when it is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.operator_check import Proof
from app.profile import Profile
from app.scenario_controls import (
    SCENARIO_POLICY_CHANGED,
    remove_policy,
    save_policy,
    set_enabled,
)
from app.scenario_flags import flagged_per_policy, flagged_transactions
from app.scenario_policy import ScenarioPolicy
from app.scenario_store import current_policies
from app.scenario_tokens import bind_token, latest_tokens, revoke_token
from app.shanghai_time import today_cn
from ui.background import run_in_background
from ui.error_messages import error_text
from ui.models.scenarios_model import RULES, ScenarioRow, ScenariosModel
from ui.operator_check_dialog import OperatorCheckDialog, confirm_operator
from ui.scenario_policy_dialog import ScenarioPolicyDialog
from ui.scenario_token_dialog import ScenarioTokenDialog
from ui.shiboken_workaround import emit

FLAG_DAYS = 30


class ScenarioControlsBox(QGroupBox):
    show_flagged = Signal(object, object)     # first and last Shanghai date
    changed = Signal()                        # a policy was saved, switched or removed

    def __init__(self, profile: Profile, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = today_cn) -> None:
        super().__init__(self.tr("Scenario controls"), parent)
        self.setObjectName("scenarioBox")
        self.profile = profile
        self.today = today
        self.busy = False
        self.last_error: BaseException | None = None
        self.dialog: ScenarioPolicyDialog | None = None
        self.token_dialog: ScenarioTokenDialog | None = None
        self.check_dialog: OperatorCheckDialog | None = None
        self.summary = QLabel()
        self.summary.setObjectName("pageSubtitle")
        self.summary.setWordWrap(True)
        self.empty = QLabel(self.tr(
            "No scenario policies yet. Add one to flag transactions outside your opening "
            "hours, above a cap you choose, or of a type a terminal should not take "
            "(for example: the delivery reader only 07:00–22:00, refunds at most ¥200)."))
        self.empty.setObjectName("pageSubtitle")
        self.empty.setWordWrap(True)
        self.model = ScenariosModel(self)
        self.table = QTableView()
        self.table.setObjectName("scenarioTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Scenario policies"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RULES, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())

        self.add_button = QPushButton(self.tr("&New policy…"))
        self.add_button.clicked.connect(self.add_policy)
        self.edit_button = QPushButton(self.tr("C&hange…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button = QPushButton(self.tr("Switch o&ff"))
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.token_button = QPushButton(self.tr("&Token…"))
        self.token_button.setToolTip(self.tr(
            "The payment token the acquirer or issuer gave for this scenario: bind or revoke"))
        self.token_button.clicked.connect(self.token_selected)
        self.flagged_button = QPushButton(self.tr("Show &flagged transactions"))
        self.flagged_button.clicked.connect(self._show_flagged)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button,
                       self.token_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.flagged_button)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.empty)
        column.addWidget(self.table)
        column.addLayout(buttons)
        self.refresh()

    # -- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        db = self.profile.db
        last = self.today()
        first = last - dt.timedelta(days=FLAG_DAYS - 1)
        counts = flagged_per_policy(db, first, last)
        chosen = self.selected()
        tokens = latest_tokens(db)
        rows = [ScenarioRow(p, counts.get(p.id or 0, 0), tokens.get(p.id or 0))
                for p in current_policies(db)]
        self.model.set_rows(rows)
        today = flagged_transactions(db, last, last)
        month = flagged_transactions(db, first, last)
        self.summary.setText(self.tr(
            "Your own rules per terminal, payment method or transaction type, checked in "
            "addition to the statutory limits above. Flagged today: %1 · last 30 days: %2.")
            .replace("%1", f"{today:,}").replace("%2", f"{month:,}"))
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        height = (self.table.horizontalHeader().sizeHint().height()
                  + self.table.verticalHeader().defaultSectionSize() * max(1, len(rows)) + 4)
        self.table.setFixedHeight(height)
        self.flagged_button.setEnabled(month > 0)
        if chosen is not None:
            self.select(chosen.id or 0)
        self._update_buttons()

    def selected(self) -> ScenarioPolicy | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()].policy

    def select(self, policy_id: int) -> None:
        for index, row in enumerate(self.model.rows):
            if row.policy.id == policy_id:
                self.table.selectRow(index)
                return

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (self.edit_button, self.toggle_button, self.token_button,
                       self.remove_button):
            button.setEnabled(chosen is not None and not self.busy)
        self.add_button.setEnabled(not self.busy)
        self.toggle_button.setText(self.tr("Switch o&n") if chosen and not chosen.rules.enabled
                                   else self.tr("Switch o&ff"))

    # -- actions -------------------------------------------------------------------------
    def add_policy(self) -> ScenarioPolicyDialog:
        return self._open_dialog(None)

    def edit_selected(self) -> ScenarioPolicyDialog | None:
        chosen = self.selected()
        return self._open_dialog(chosen) if chosen is not None else None

    def _open_dialog(self, policy: ScenarioPolicy | None) -> ScenarioPolicyDialog:
        dialog = ScenarioPolicyDialog(self.profile.db, policy, self.window())
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._save(dialog))
        dialog.open()
        return dialog

    def _save(self, dialog: ScenarioPolicyDialog) -> None:
        policy, effective = dialog.policy, dialog.effective_from_ms
        if policy is None:
            return
        self._run(lambda p: save_policy(p.db, p.oplog, policy, effective))

    def token_selected(self) -> ScenarioTokenDialog | None:
        """Show the selected scenario's token; bind or revoke through the operator check."""
        chosen = self.selected()
        if chosen is None or chosen.id is None:
            return None
        dialog = ScenarioTokenDialog(self.profile.db, self.profile.oplog, chosen,
                                     self.window())
        self.token_dialog = dialog
        policy_id = chosen.id

        def accepted() -> None:
            change = dialog.change
            if change is None:
                return
            if change.token is None:
                self._run(lambda p: revoke_token(p.db, p.oplog, policy_id, change.reason))
            else:
                token, issuer = change.token, change.issuer
                self._run(lambda p: bind_token(p.db, p.oplog, policy_id, token, issuer))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def toggle_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.id is None:
            return
        policy_id, on = chosen.id, not chosen.rules.enabled
        self._run(lambda p: set_enabled(p.db, p.oplog, policy_id, on))

    def remove_selected(self) -> QMessageBox | None:
        chosen = self.selected()
        if chosen is None or chosen.id is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove scenario policy"),
                          self.tr("Remove “%1”? It stops judging new transactions; the "
                                  "transactions it flagged stay flagged, and the change is "
                                  "logged.").replace("%1", chosen.name),
                          QMessageBox.StandardButton.Cancel, self.window())
        remove = box.addButton(self.tr("&Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        policy_id = chosen.id
        box.buttonClicked.connect(lambda button: self._run(
            lambda p: remove_policy(p.db, p.oplog, policy_id)) if button is remove else None)
        box.open()
        return box

    def _run(self, change: Callable[[Profile], object]) -> None:
        """Confirm the operator (two categories, spec 12.4), then apply the change."""
        if self.busy:
            return
        self.check_dialog = confirm_operator(self.window(), self.profile,
                                             SCENARIO_POLICY_CHANGED,
                                             lambda proof: self._apply(change, proof))

    def _apply(self, change: Callable[[Profile], object], proof: Proof) -> None:
        """Apply a change on its own connection off the GUI thread, then show the result;
        its log entry carries the categories the operator proved."""
        if self.busy:
            return
        self.busy = True
        self.last_error = None
        self._update_buttons()
        self.summary.setText(self.tr("Saving and checking transactions…"))
        profile = self.profile

        def work() -> object:
            view = profile.for_thread()
            try:
                with view.oplog.verified_as(proof.categories):
                    return change(view)
            finally:
                view.close()

        run_in_background(work, self._done, self._failed, owner=self)

    def _done(self, _: object) -> None:
        self.busy = False
        self.refresh()
        emit(self.changed)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.last_error = error
        self.refresh()
        QMessageBox.warning(self.window(), self.tr("Scenario policy not saved"),
                            error_text(error))

    def _show_flagged(self) -> None:
        last = self.today()
        emit(self.show_flagged, last - dt.timedelta(days=FLAG_DAYS - 1), last)

