"""Add or test this computer's fingerprint reader (the OS's: fprintd on Linux).

The system keeps the fingerprints and does the matching; PosDesk asks for one touch and
hears only "match" or "no match". The touch waits on a worker thread, so the window stays
responsive, and Cancel (or closing the dialog) stops it at once; the result is recorded
(enrolment, or the test's PASS/FAIL in the operation log) back on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.factors import EnrolledFactor, FactorRegistry
from app.fingerprint_factor import NO_MATCH, TIMED_OUT, TOUCH_TIMEOUT_S, PlatformStatus
from ui import factor_labels as words
from ui.dialog_parts import (
    action_row,
    dialog_column,
    grow_to_fit,
    heading_label,
    intro_label,
    message_label,
    say,
    set_primary_enabled,
)
from ui.error_messages import error_text
from ui.factor_test_dialog import FAILED_STYLE, PASSED_STYLE
from ui.fingerprint_touch import FingerprintTouch


class FingerprintDialog(QDialog):
    def __init__(self, registry: FactorRegistry, status: PlatformStatus,
                 factor: EnrolledFactor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry, self.status, self.tested_factor = registry, status, factor
        self.factor: EnrolledFactor | None = None       # the one added
        self.tested = False
        self.passed: bool | None = None
        self.touch = FingerprintTouch(self, self._touched, self._failed)
        self.touch.heard.connect(self._heard)
        reader = status.reader or self.tr("the fingerprint reader")
        adding = factor is None
        self.setWindowTitle(self.tr("Fingerprint") if adding
                            else self.tr("Test %1").replace("%1", factor.label))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        title = heading_label(self.tr("Use this computer's fingerprint reader") if adding
                              else self.tr("Test “%1”").replace("%1", factor.label))
        intro = intro_label(self.tr(
            "Touch %1 with a finger you enrolled in the system's settings. The system checks "
            "it and tells PosDesk only whether it matched; PosDesk keeps no fingerprint.")
            .replace("%1", reader) + ("\n\n" + self.tr(
                "It confirms operations in PosDesk. Your payment limits do not change: your "
                "institution does not see this check (VF-4).") if adding else ""))
        self.name = QLineEdit(self.tr("Fingerprint"))
        self.name.setObjectName("fingerprintName")
        self.name.setMaxLength(60)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        self.prompt = QLabel()
        self.prompt.setObjectName("fingerprintPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size: 11pt; font-weight: 600;")
        self.outcome = QLabel()
        self.outcome.setObjectName("factorTestResult")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.message = message_label()
        self.start_button = QPushButton(self.tr("&Touch the reader"))
        self.close_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.start_button, self.close_button, self.start, self.reject)
        layout = dialog_column(self, title, intro)
        if adding:
            layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.prompt)
        layout.addWidget(self.outcome)
        layout.addWidget(self.message)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.prompt.setText(self.tr("Press “Touch the reader”, then touch %1.")
                            .replace("%1", reader))

    def showEvent(self, event: object) -> None:
        super().showEvent(event)    # type: ignore[arg-type]
        if not self.waiting and not self.tested and self.factor is None:
            QTimer.singleShot(0, self.start)          # ready when the person is

    @property
    def waiting(self) -> bool:
        return self.touch.active

    def start(self) -> None:
        """Ask the reader for one touch, off the GUI thread."""
        if not self.touch.start():
            return
        set_primary_enabled(self.start_button, False)
        self.outcome.hide()
        say(self.message, "")
        self.prompt.setText(self.tr("Touch %1 now…").replace(
            "%1", self.status.reader or self.tr("the fingerprint reader")))

    def _heard(self, status: str) -> None:
        hint = words.touch_hint(status)
        if hint and self.waiting:
            self.prompt.setText(hint)

    def _touched(self, outcome: str) -> None:
        set_primary_enabled(self.start_button, True)
        self.start_button.setText(self.tr("&Touch again"))
        if outcome == TIMED_OUT:
            self.prompt.setText(self.tr("No finger touched the reader within %1 s.")
                                .replace("%1", f"{TOUCH_TIMEOUT_S:.0f}"))
            return
        try:
            self._record(outcome)
        except Exception as error:       # a wrong finger at enrolment, a database problem
            self._show(False, error_text(error) if outcome != NO_MATCH else self.tr(
                "That finger does not match one enrolled on this computer. Nothing was "
                "added."))

    def _record(self, outcome: str) -> None:
        if self.tested_factor is None:
            self.factor = self.registry.enrol_platform_fingerprint(
                self.name.text().strip() or self.tr("Fingerprint"), self.status, outcome)
            self.accept()
            return
        self.passed = self.registry.fingerprint_tested(self.tested_factor.id, outcome)
        self.tested = True
        self._show(self.passed, self.tr("Passed: %1 works.").replace(
            "%1", self.tested_factor.label) if self.passed else self.tr(
            "Failed: that finger does not match one enrolled on this computer."))
        self.close_button.setText(self.tr("Close"))

    def _show(self, ok: bool, text: str) -> None:
        self.prompt.setText("")
        self.outcome.setText(text)
        self.outcome.setStyleSheet(PASSED_STYLE if ok else FAILED_STYLE)
        self.outcome.show()
        grow_to_fit(self)

    def _failed(self, error: BaseException) -> None:
        set_primary_enabled(self.start_button, True)
        self.prompt.setText("")
        say(self.message, error_text(error))

    def done(self, result: int) -> None:
        self.touch.cancel()         # a touch still awaited stops within 0.2 s
        super().done(result)
