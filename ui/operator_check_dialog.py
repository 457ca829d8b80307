""""Confirm it is you" before a high-risk operation (spec 8, 12.4): the app password and a
possession factor, as app/operator_check.py checks them.

`confirm_operator` is what pages call: it opens the dialog when the profile can ask for two
categories and calls `then(proof)` once they are proved; when it cannot, it calls `then` at
once with the unprotected proof (the operation is then logged without categories).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.factors import EnrolledFactor, FactorRegistry
from app.operator_check import (
    OperatorCheckFailed,
    Proof,
    step_up,
    unprotected,
    verify_operator,
)
from app.profile import Profile
from app.secrets import SecretStore
from ui import labels
from ui.dialog_parts import action_row, message_label, say, shape_code_field


def operation_text(operation: str) -> str:
    texts = {
        "SCENARIO_POLICY_CHANGED": QCoreApplication.translate("OperatorCheck",
                                                              "Change a scenario policy"),
        "LIMIT_PROFILE_CHANGED": QCoreApplication.translate("OperatorCheck",
                                                            "Change the account profile"),
        "DATA_EXPORT": QCoreApplication.translate("OperatorCheck", "Export transactions"),
        "OPLOG_PURGED": QCoreApplication.translate("OperatorCheck",
                                                   "Remove old activity entries"),
    }
    return texts.get(operation) or labels.op_type(operation)


class OperatorCheckDialog(QDialog):
    def __init__(self, registry: FactorRegistry, operation: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.operation = operation
        self.proof: Proof | None = None
        self.needed = step_up(registry)
        self.setWindowTitle(self.tr("Confirm it is you"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        title = QLabel(self.tr("Confirm it is you"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "“%1” is a high-risk change. Confirm it with your password and a second factor "
            "of another kind; the confirmation is recorded in the operation log.")
            .replace("%1", operation_text(operation)))
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("operatorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                          | Qt.InputMethodHint.ImhNoPredictiveText)
        self.factor = QComboBox()
        self.factor.setObjectName("operatorFactor")
        for found in self.needed.possession:
            self.factor.addItem(found.label, found.id)
        self.code = shape_code_field(QLineEdit(), self.tr("6-digit code"),
                                     self.tr("One-time code"))
        self.code.setObjectName("operatorCode")
        self.code_label = QLabel(self.tr("&Code:"))
        self.code_label.setBuddy(self.code)
        self.signs = QLabel(self.tr("PosDesk signs a random challenge with this "
                                    "certificate's key; nothing to type."))
        self.signs.setObjectName("pageSubtitle")
        self.signs.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Second factor:"), self.factor)
        form.addRow(self.code_label, self.code)
        form.addRow("", self.signs)
        self.message = message_label()
        self.confirm_button = QPushButton(self.tr("&Confirm"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.confirm_button, self.cancel_button, self.submit, self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.factor.currentIndexChanged.connect(self._factor_changed)
        self._factor_changed()

    def _factor_changed(self) -> None:
        chosen = self.chosen()
        wants_code = chosen is None or chosen.type == "OTP_APP"
        self.code.setVisible(wants_code)
        self.code_label.setVisible(wants_code)
        self.signs.setVisible(not wants_code)

    def chosen(self) -> EnrolledFactor | None:
        factor_id = self.factor.currentData()
        return next((f for f in self.needed.possession if f.id == factor_id), None)

    def submit(self) -> None:
        try:
            self.proof = verify_operator(self.registry, self.operation, self.password.text(),
                                         self.factor.currentData(), self.code.text())
        except OperatorCheckFailed as exc:
            self._refused(exc)
            return
        self.password.clear()
        self.accept()


    def _refused(self, exc: OperatorCheckFailed) -> None:
        field = exc.facts.get("field")
        if field == "locked_out":
            say(self.message, self.tr("Too many wrong attempts. Try again in %1 s; nothing "
                                      "changed.").replace("%1", str(exc.facts.get("wait_s"))))
            return
        if field == "password":
            text = self.tr("The password is not right.")
            self.password.selectAll()
        else:
            text = self.tr("The second factor did not confirm it. For a code, wait for the "
                           "next one and type it.")
            self.code.clear()
        left = exc.facts.get("failures_left")
        if isinstance(left, int) and 0 < left <= 2:
            text += " " + self.tr("Wrong attempts left before a pause: %1.").replace(
                "%1", str(left))
        elif left == 0:
            text += " " + self.tr("Too many wrong attempts: these checks pause for a while.")
        say(self.message, text)


def confirm_operator(parent: QWidget, profile: Profile, operation: str,
                     then: Callable[[Proof], None]) -> OperatorCheckDialog | None:
    """Ask for the proof (or not, when the profile cannot) and hand it to `then`."""
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    if not step_up(registry).possible:
        then(unprotected(operation))
        return None
    dialog = OperatorCheckDialog(registry, operation, parent)
    dialog.accepted.connect(lambda: then(dialog.proof) if dialog.proof else None)
    dialog.open()
    return dialog
