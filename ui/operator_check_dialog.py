""""Confirm it is you" before a high-risk operation (spec 8, 12.4): the app password and a
second factor of another category (a code, a certificate's signature, or a touch of this
computer's fingerprint reader, awaited off the GUI thread), as app/operator_check.py
checks them.

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
from ui.dialog_parts import (
    action_row,
    dialog_column,
    heading_label,
    intro_label,
    message_label,
    say,
    set_primary_enabled,
    shape_code_field,
)
from ui.error_messages import error_text
from ui.fingerprint_touch import FingerprintTouch


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
        self.touch = FingerprintTouch(self, self._touched, self._touch_failed)
        self.setWindowTitle(self.tr("Confirm it is you"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        title = heading_label(self.tr("Confirm it is you"))
        intro = intro_label(self.tr(
            "“%1” is a high-risk change. Confirm it with your password and a second factor "
            "of another kind; the confirmation is recorded in the operation log.")
            .replace("%1", operation_text(operation)))
        self.password = QLineEdit()
        self.password.setObjectName("operatorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                          | Qt.InputMethodHint.ImhNoPredictiveText)
        self.factor = QComboBox()
        self.factor.setObjectName("operatorFactor")
        for found in self.needed.second:
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
        layout = dialog_column(self, title, intro)
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
        if chosen is not None and chosen.type == "FINGERPRINT":
            self.signs.setText(self.tr("Press Confirm, then touch %1.").replace(
                "%1", chosen.facts.get("reader") or self.tr("the fingerprint reader")))
        else:
            self.signs.setText(self.tr("PosDesk signs a random challenge with this "
                                       "certificate's key; nothing to type."))

    def chosen(self) -> EnrolledFactor | None:
        factor_id = self.factor.currentData()
        return next((f for f in self.needed.second if f.id == factor_id), None)

    def submit(self) -> None:
        chosen = self.chosen()
        if chosen is not None and chosen.type == "FINGERPRINT":
            self._ask_for_touch()
            return
        self._verify(None)

    @property
    def touching(self) -> bool:
        return self.touch.active

    def _ask_for_touch(self) -> None:
        """The touch waits on a worker; Cancel or closing stops it within 0.2 s."""
        if not self.touch.start():
            return
        set_primary_enabled(self.confirm_button, False)
        say(self.message, self.tr("Touch the fingerprint reader now…"))

    def _touched(self, outcome: str) -> None:
        set_primary_enabled(self.confirm_button, True)
        self._verify(outcome)

    def _touch_failed(self, error: BaseException) -> None:
        set_primary_enabled(self.confirm_button, True)
        say(self.message, error_text(error))

    def _verify(self, touch: str | None) -> None:
        try:
            self.proof = verify_operator(self.registry, self.operation, self.password.text(),
                                         self.factor.currentData(), self.code.text(), touch)
        except OperatorCheckFailed as exc:
            self._refused(exc)
            return
        self.password.clear()
        self.accept()

    def done(self, result: int) -> None:
        self.touch.cancel()
        super().done(result)

    def _refused(self, exc: OperatorCheckFailed) -> None:
        field = exc.facts.get("field")
        if field == "locked_out":
            say(self.message, self.tr("Too many wrong attempts. Try again in %1 s; nothing "
                                      "changed.").replace("%1", str(exc.facts.get("wait_s"))))
            return
        if field == "no_touch":
            say(self.message, self.tr("The fingerprint reader was not touched in time; "
                                      "nothing changed. Press Confirm to try again."))
            return
        if field == "password":
            text = self.tr("The password is not right.")
            self.password.selectAll()
        elif (chosen := self.chosen()) is not None and chosen.type == "FINGERPRINT":
            text = self.tr("That finger does not match one enrolled on this computer.")
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
