"""Add an authenticator (OTP_APP, spec 4.3): scan the QR code or type the key, then prove
it with the first code.

The seed exists only in this dialog until Activate succeeds; then the registry keeps it in
the OS keyring. It is never logged, put in a tooltip or an accessible name, and the dialog
drops it (the enrolment, the QR matrix and the key text) when it closes in any way. A wrong
code keeps the dialog open with the reason; the registry logs the failed try, not the code.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.factors import PHONE, THIS_COMPUTER, TOKEN, EnrolledFactor, FactorRegistry
from app.totp_factor import DIGITS, STEP_S, TotpEnrolment
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
    shape_code_field,
)
from ui.error_messages import error_text
from ui.qr_code_view import QrCodeView

DEVICE_CHOICES = (PHONE, THIS_COMPUTER, TOKEN)


class TotpDialog(QDialog):
    def __init__(self, registry: FactorRegistry, account: str = "PosDesk",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.factor: EnrolledFactor | None = None
        self.enrolment: TotpEnrolment | None = registry.start_totp(account)
        self.setWindowTitle(self.tr("Add an authenticator"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        title = heading_label(self.tr("Add an authenticator"))
        intro = intro_label(self.tr(
            "An authenticator app (such as Google Authenticator, Microsoft Authenticator or "
            "FreeOTP) shows a new %1-digit code every %2 seconds. It is a possession factor: "
            "together with your password it gives two categories.")
            .replace("%1", str(DIGITS)).replace("%2", str(STEP_S)))

        self.name = QLineEdit(self.tr("Authenticator app"))
        self.name.setObjectName("totpName")
        self.name.setMaxLength(60)
        self.device = QComboBox()
        self.device.setObjectName("totpDevice")
        for code in DEVICE_CHOICES:
            self.device.addItem(words.device(code), code)
        self.device_note = QLabel()
        self.device_note.setObjectName("warningBanner")
        self.device_note.setWordWrap(True)
        self.device_note.hide()
        self.device.currentIndexChanged.connect(self._device_changed)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("Codes &arrive on:"), self.device)

        self.qr = QrCodeView()
        self.qr.setObjectName("totpQr")
        self.qr.setAccessibleName(self.tr("QR code to scan with your authenticator app"))
        self.qr.set_matrix(self.enrolment.qr_matrix())
        step1 = QLabel(self.tr("<b>1.</b> In the app, add an account and scan this code."))
        step1.setWordWrap(True)
        step2 = QLabel(self.tr("<b>2.</b> Cannot scan? Type this key instead (time-based, "
                               "%1 digits, every %2 seconds):")
                       .replace("%1", str(DIGITS)).replace("%2", str(STEP_S)))
        step2.setWordWrap(True)
        self.key = QLabel(self.enrolment.grouped_secret)
        self.key.setObjectName("totpKey")
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(self.font().pointSizeF(), 10) * 1.15)
        mono.setWeight(QFont.Weight.DemiBold)
        self.key.setFont(mono)
        self.key.setWordWrap(True)
        self.key.setAccessibleName(self.tr("Key for typing into the authenticator app"))
        step3 = QLabel(self.tr("<b>3.</b> Type the code the app shows now:"))
        step3.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("totpCode")
        shape_code_field(self.code, self.tr("%1 digits").replace("%1", str(DIGITS)),
                         self.tr("Code from the authenticator app"))
        width = self.fontMetrics().averageCharWidth()
        self.code.textChanged.connect(self._update_button)

        steps_box = QWidget()
        steps_box.setMinimumWidth(width * 40)
        steps = QVBoxLayout(steps_box)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.addWidget(step1)
        steps.addSpacing(6)
        steps.addWidget(step2)
        steps.addWidget(self.key)
        steps.addSpacing(6)
        steps.addWidget(step3)
        steps.addWidget(self.code)
        steps.addStretch(1)
        scan = QHBoxLayout()
        scan.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        scan.addSpacing(16)
        scan.addWidget(steps_box, 1)

        self.status = message_label()

        self.activate_button = QPushButton(self.tr("&Activate"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.activate_button, self.cancel_button, self.activate, self.reject)

        layout = dialog_column(self, title, intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.device_note)
        layout.addSpacing(6)
        layout.addLayout(scan)
        layout.addWidget(self.status)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.setMinimumWidth(width * 100)
        self._device_changed()
        self._update_button()
        self.code.setFocus()

    # -- actions ------------------------------------------------------------------------

    def chosen_device(self) -> str:
        return str(self.device.currentData())

    def activate(self) -> None:
        """Keep the authenticator if the code is right; otherwise say why and stay open."""
        if self.enrolment is None:
            return
        code = self.code.text().strip()
        if len(code) != DIGITS:
            self._say(self.tr("Type the %1-digit code the app shows now.")
                      .replace("%1", str(DIGITS)))
            self.code.setFocus()
            return
        name = self.name.text().strip() or self.tr("Authenticator app")
        try:
            self.factor = self.registry.finish_totp(self.enrolment, code, self.chosen_device(),
                                                    name)
        except Exception as error:      # FactorError, or a keyring that went away
            self._say(error_text(error))
            self.code.clear()
            self.code.setFocus()
            return
        self.accept()

    def done(self, result: int) -> None:
        """However the dialog ends, forget the seed it showed."""
        self.forget_secret()
        super().done(result)

    def forget_secret(self) -> None:
        self.enrolment = None
        self.qr.clear()
        self.key.clear()
        self.code.clear()

    # -- helpers ------------------------------------------------------------------------

    def _device_changed(self) -> None:
        device = self.chosen_device()
        if device == self.registry.paying_device:
            self.device_note.setText(self.tr(
                "You make payments on %1 too, so codes that arrive there do not count as a "
                "separate factor (Art. 23). Use a device you do not pay from.")
                .replace("%1", words.device_in_sentence(device)))
            self.device_note.show()
        else:
            self.device_note.hide()
        grow_to_fit(self)

    def _update_button(self) -> None:
        set_primary_enabled(self.activate_button, len(self.code.text()) == DIGITS)

    def _say(self, text: str) -> None:
        say(self.status, text)
