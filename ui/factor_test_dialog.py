"""Test a factor as a payment would check it: the password typed, the authenticator's
current code, or (for a certificate) a signature over a fresh random challenge.

The registry logs the outcome, never the answer. The answer field is cleared after every
try and when the dialog closes. Factors the institution holds are not tested here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.factors import EnrolledFactor, FactorRegistry
from app.totp_factor import DIGITS
from ui.dialog_parts import (
    action_row,
    dialog_column,
    grow_to_fit,
    heading_label,
    intro_label,
    message_label,
    say,
    set_primary_enabled,
    shape_code_field,
)
from ui.error_messages import error_text

PASSED_STYLE = ("background: #dafbe1; border: 1px solid #4ac26b; border-radius: 6px; "
                "padding: 8px 12px; color: #1a7f37; font-weight: 600;")
FAILED_STYLE = ("background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; "
                "padding: 8px 12px; color: #cf222e; font-weight: 600;")


class FactorTestDialog(QDialog):
    def __init__(self, registry: FactorRegistry, factor: EnrolledFactor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.factor = factor
        self.passed: bool | None = None
        self.tested = False
        self.setWindowTitle(self.tr("Test %1").replace("%1", factor.label))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        title = heading_label(self.tr("Test “%1”").replace("%1", factor.label))
        self.answer = QLineEdit()
        self.answer.setObjectName("factorAnswer")
        self.answer.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                        | Qt.InputMethodHint.ImhNoPredictiveText)
        form = QFormLayout()
        if factor.type == "STATIC_PASSWORD":
            text = self.tr("Type your password, as you would when paying.")
            self.answer.setEchoMode(QLineEdit.EchoMode.Password)
            self.answer.setAccessibleName(self.tr("Password"))
            form.addRow(self.tr("&Password:"), self.answer)
        elif factor.type == "OTP_APP":
            text = self.tr("Type the code your authenticator app shows now. A code works "
                           "once: after this test, wait for the next one before paying.")
            shape_code_field(self.answer, self.tr("%1 digits").replace("%1", str(DIGITS)),
                             self.tr("One-time code"))
            form.addRow(self.tr("&Code:"), self.answer)
        else:
            text = self.tr("PosDesk signs a fresh random challenge with the certificate's "
                           "private key and checks the signature with the certificate, as "
                           "the institution would. An expired certificate fails.")
            self.answer.hide()
        intro = intro_label(text)

        self.outcome = QLabel()
        self.outcome.setObjectName("factorTestResult")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.status = message_label()

        self.test_button = QPushButton(self.tr("&Test"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons = action_row(self.test_button, self.close_button, self.run_test, self.accept)

        layout = dialog_column(self, title, intro)
        layout.addSpacing(6)
        if self.needs_answer:
            layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.status)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.answer.textChanged.connect(self._update)
        self._update()

    @property
    def needs_answer(self) -> bool:
        return self.factor.type in ("STATIC_PASSWORD", "OTP_APP")

    def run_test(self) -> None:
        answer = self.answer.text()
        self.answer.clear()
        try:
            self.passed = self.registry.test(self.factor.id, answer)
        except Exception as error:       # FactorError, or a keyring that went away
            self.passed = None
            self.outcome.hide()
            say(self.status, error_text(error))
            return
        self.tested = True
        say(self.status, "")
        if self.passed:
            self.outcome.setText(self.tr("Passed: %1 works.").replace("%1", self.factor.label))
            self.outcome.setStyleSheet(PASSED_STYLE)
        else:
            self.outcome.setText(self._failed_text())
            self.outcome.setStyleSheet(FAILED_STYLE)
        self.outcome.show()
        grow_to_fit(self)
        if self.needs_answer:
            self.answer.setFocus()

    def _failed_text(self) -> str:
        if self.factor.type == "STATIC_PASSWORD":
            return self.tr("Failed: that is not the password.")
        if self.factor.type == "OTP_APP":
            return self.tr("Failed: the code does not match or was already used. Check "
                           "the phone's clock and try the next code.")
        return self.tr("Failed: the certificate could not prove possession of its key (it "
                       "may have expired). Import a valid one.")

    def done(self, result: int) -> None:
        self.answer.clear()
        super().done(result)

    def _update(self) -> None:
        if self.factor.type == "OTP_APP":
            ready = len(self.answer.text()) == DIGITS
        elif self.factor.type == "STATIC_PASSWORD":
            ready = bool(self.answer.text())
        else:
            ready = True
        set_primary_enabled(self.test_button, ready)
