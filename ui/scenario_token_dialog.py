"""A scenario's payment token (spec 12.4 Tokenisation): see the token the acquirer or issuer
gave for this scenario, bind one, or revoke it.

The dialog only checks what was typed and asks before a revocation; its caller confirms the
operator (two categories) and applies the change off the GUI thread, as for any other
scenario-policy change. A value that looks like a card number is refused here, logged
without the value, and cleared from the field at once (spec SD-1, SD-4).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.errors import SensitiveDataError
from app.oplog import OperationLog
from app.scenario_policy import ScenarioPolicy, ScenarioValueError
from app.scenario_tokens import ISSUERS, checked_token, live_token, token_was_bound, tokens_of
from ui import scenario_labels as words
from ui.dialog_parts import (
    action_row,
    dialog_column,
    heading_label,
    intro_label,
    message_label,
    say,
)


@dataclass(frozen=True)
class TokenChange:
    """What the person asked for: bind `token` from `issuer`, or revoke (token None)."""

    token: str | None
    issuer: str = "ACQUIRER"
    reason: str = ""


class ScenarioTokenDialog(QDialog):
    def __init__(self, db: sqlite_utils.Database, log: OperationLog, policy: ScenarioPolicy,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.log = log
        self.policy = policy
        self.change: TokenChange | None = None
        self.confirm_box: QMessageBox | None = None
        self.history = tokens_of(db, policy.id or 0)
        self.live = live_token(db, policy.id or 0)
        heading = self.tr("Payment token for “%1”").replace("%1", policy.name)
        self.setWindowTitle(heading)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        title = heading_label(heading)
        intro = intro_label(self.tr(
            "The token your acquirer or issuer gave for this scenario: one card binding with "
            "the bank, a token per scenario. PosDesk keeps the token reference, never a card "
            "number. Revoking it blocks this scenario only: its transactions from then on are "
            "flagged as refused, and other scenarios keep working."))
        self.state = QLabel(self._state_text())
        self.state.setObjectName("scenarioTokenState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.message = message_label()
        column = dialog_column(self, title, intro, self.state)
        self.token = QLineEdit()
        self.issuer = QComboBox()
        self.reason = QLineEdit()
        column.addLayout(self._revoke_form() if self.live else self._bind_form())
        column.addWidget(self.message)
        self.primary = QPushButton(self.tr("&Revoke token…") if self.live
                                   else self.tr("&Bind token"))
        close = QPushButton(self.tr("Close"))
        column.addLayout(action_row(self.primary, close, self.submit, self.reject))
        self.resize(620, self.sizeHint().height())

    def _state_text(self) -> str:
        if not self.history:
            return self.tr("No token is bound to this scenario yet.")
        lines = [words.token_state(token) for token in self.history]
        if self.live is None:
            lines.append(self.tr("This scenario is blocked: its transactions are flagged as "
                                 "refused until a new token is bound."))
        return "\n".join(lines)

    def _bind_form(self) -> QFormLayout:
        form = QFormLayout()
        self.token.setObjectName("scenarioToken")
        self.token.setMaxLength(64)
        self.token.setPlaceholderText(self.tr("for example UPTK-8842-COUNTER"))
        self.token.setAccessibleName(self.tr("Token reference"))
        self.token.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                       | Qt.InputMethodHint.ImhNoPredictiveText)
        for code in ISSUERS:
            self.issuer.addItem(words.issuer(code), code)
        form.addRow(self.tr("&Token reference:"), self.token)
        form.addRow(self.tr("&Given by:"), self.issuer)
        return form

    def _revoke_form(self) -> QFormLayout:
        form = QFormLayout()
        self.reason.setObjectName("scenarioTokenReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("for example: the reader was stolen"))
        form.addRow(self.tr("&Reason (for the log):"), self.reason)
        return form

    def submit(self) -> None:
        if self.live is not None:
            self._confirm_revoke()
            return
        try:
            token = checked_token(self.token.text(), self.log, self.policy.id)
        except SensitiveDataError:
            self.token.clear()
            say(self.message, self.tr(
                "That looks like a card number, so it was not kept and the field was "
                "cleared. Enter the token reference your acquirer or issuer gave for this "
                "scenario; PosDesk never stores a card number."))
            return
        except ScenarioValueError:
            say(self.message, self.tr(
                "Enter the token as 6 to 64 letters, digits or . _ : / + = - without spaces, "
                "starting with a letter or digit."))
            return
        if token_was_bound(self.db, token):
            say(self.message, self.tr(
                "This token was bound before, to this or another scenario, and a token is "
                "never bound twice. Ask the acquirer or issuer for a new one."))
            return
        self.change = TokenChange(token, str(self.issuer.currentData()))
        self.accept()

    def _confirm_revoke(self) -> None:
        live = self.live
        assert live is not None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Revoke payment token"), self.tr(
            "Revoke token %1 of “%2”? From now every transaction of this scenario is flagged "
            "as refused until a new token is bound, and this token can never be bound again. "
            "Other scenarios are not affected.").replace("%1", live.masked)
            .replace("%2", self.policy.name), QMessageBox.StandardButton.Cancel, self)
        revoke = box.addButton(self.tr("&Revoke"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box

        def answered(button: object) -> None:
            if button is revoke:
                self.change = TokenChange(None, live.issuer, self.reason.text().strip())
                self.accept()

        box.buttonClicked.connect(answered)
        box.open()

