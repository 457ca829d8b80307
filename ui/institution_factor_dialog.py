"""Record a factor your institution holds: SMS codes, its hardware token, a security
question, or a fingerprint or face registered with it (spec 4.3).

Nothing secret is asked or kept: only the type, a name and where the factor lives, so the
tier on the Verification page matches how payments are really verified.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.factors import (
    INSTITUTION,
    PHONE,
    THIS_COMPUTER,
    TOKEN,
    EnrolledFactor,
    FactorRegistry,
)
from app.limits import FACTOR_TYPES
from ui import factor_labels as words
from ui.dialog_parts import (
    action_row,
    dialog_column,
    heading_label,
    intro_label,
    message_label,
    say,
)
from ui.error_messages import error_text

OFFERED_TYPES = ("OTP_SMS", "OTP_HW_TOKEN", "SECURITY_QUESTION", "FINGERPRINT", "FACE")
BIOMETRIC_TYPES = ("FINGERPRINT", "FACE")
# Where each kind can live; the first is the usual place.
PLACES = {
    "OTP_SMS": (PHONE, THIS_COMPUTER),
    "OTP_HW_TOKEN": (TOKEN,),
    "SECURITY_QUESTION": (INSTITUTION,),
    "FINGERPRINT": (PHONE, THIS_COMPUTER, INSTITUTION),
    "FACE": (PHONE, THIS_COMPUTER, INSTITUTION),
}


class InstitutionFactorDialog(QDialog):
    def __init__(self, registry: FactorRegistry, types: tuple[str, ...] = OFFERED_TYPES,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.factor: EnrolledFactor | None = None
        self._auto_name = ""
        biometric = all(t in BIOMETRIC_TYPES for t in types)
        heading = (self.tr("Record a fingerprint or face") if biometric
                   else self.tr("Add a factor your institution holds"))
        self.setWindowTitle(heading)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        title = heading_label(heading)
        intro = intro_label(self.tr(
            "Your institution holds this factor and checks it when you pay. PosDesk keeps no "
            "secret for it (no code, answer, fingerprint or face image), only its type and "
            "where it is, so the tier shown here matches how your payments are verified."))

        self.kind = QComboBox()
        self.kind.setObjectName("institutionType")
        for code in types:
            self.kind.addItem(words.factor_type(code), code)
        self.name = QLineEdit()
        self.name.setObjectName("institutionName")
        self.name.setMaxLength(60)
        self.place = QComboBox()
        self.place.setObjectName("institutionDevice")
        form = QFormLayout()
        form.addRow(self.tr("&Type:"), self.kind)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Where:"), self.place)
        self.about = QLabel()
        self.about.setObjectName("pageSubtitle")
        self.about.setWordWrap(True)
        self.note = message_label()
        self.status = message_label()

        self.add_button = QPushButton(self.tr("&Add"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.add_button, self.cancel_button, self.submit, self.reject)

        layout = dialog_column(self, title, intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.about)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

        self.kind.currentIndexChanged.connect(self._type_changed)
        self.place.currentIndexChanged.connect(self._place_changed)
        self._type_changed()

    def chosen_type(self) -> str:
        return str(self.kind.currentData())

    def chosen_device(self) -> str:
        return str(self.place.currentData())

    def choose(self, factor_type: str, device: str | None = None) -> None:
        """Select a type (and a place) as a person would; for tests and callers."""
        self.kind.setCurrentIndex(self.kind.findData(factor_type))
        if device is not None:
            self.place.setCurrentIndex(self.place.findData(device))

    def submit(self) -> None:
        name = self.name.text().strip() or words.factor_type(self.chosen_type())
        try:
            self.factor = self.registry.add_institution_factor(self.chosen_type(), name,
                                                               self.chosen_device())
        except Exception as error:       # FactorError
            say(self.status, error_text(error))
            return
        self.accept()

    # -- helpers ------------------------------------------------------------------------

    def _type_changed(self) -> None:
        factor_type = self.chosen_type()
        if self.name.text() in ("", self._auto_name):
            self._auto_name = words.factor_type(factor_type)
            self.name.setText(self._auto_name)
        self.place.blockSignals(True)
        self.place.clear()
        for code in PLACES.get(factor_type, (INSTITUTION,)):
            self.place.addItem(words.device(code), code)
        self.place.blockSignals(False)
        self.place.setEnabled(self.place.count() > 1)
        self.about.setText(self._about(factor_type))
        self._place_changed()

    def _about(self, factor_type: str) -> str:
        kind = FACTOR_TYPES[factor_type]
        if kind.is_biometric:
            return self.tr("Inherence. It counts only when your institution checks it with "
                           "liveness or anti-replay protection (Art. 23); PosDesk never "
                           "sees or stores the biometric itself.")
        if kind.is_otp:
            return self.tr("Possession. It counts only when the codes arrive on a device "
                           "other than the one you pay from (Art. 23).")
        return self.tr("Knowledge, like a password: asked and checked by your institution.")

    def _place_changed(self) -> None:
        factor_type = self.chosen_type()
        device = self.chosen_device()
        if FACTOR_TYPES[factor_type].is_otp and device == self.registry.paying_device:
            say(self.note, self.tr(
                "You make payments on %1 too, so codes that arrive there do not count as a "
                "separate factor (Art. 23). Use a device you do not pay from.")
                .replace("%1", words.device_in_sentence(device)))
        else:
            say(self.note, "")
