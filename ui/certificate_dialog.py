"""Import a digital certificate or e-signature (POSSESSION, spec 4.2/4.3) with its key.

The registry reads the file (PEM, DER or PKCS#12), checks that the key belongs to the
certificate and that it is valid now (VF-1: an expired one is refused, not silently kept),
and moves both into the OS keyring. Each refusal is said inline in the registry's words;
after an import the dialog shows the certificate's public facts. The password field is
cleared after every try and when the dialog closes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.factors import EnrolledFactor, FactorRegistry
from app.shanghai_time import SHANGHAI
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

CERTIFICATE_TYPES = ("DIGITAL_CERTIFICATE", "ELECTRONIC_SIGNATURE")


class CertificateDialog(QDialog):
    def __init__(self, registry: FactorRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.factor: EnrolledFactor | None = None
        self.setWindowTitle(self.tr("Import a certificate"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        title = heading_label(self.tr("Import a certificate"))
        intro = intro_label(self.tr(
            "A digital certificate or electronic signature from a licensed certification "
            "authority, with its private key: usually a .p12 or .pfx file from your bank or "
            "payment institution. PosDesk checks it and keeps the certificate and key in "
            "this computer's keyring; afterwards you can put the file away."))

        self.path = QLineEdit()
        self.path.setObjectName("certificatePath")
        self.path.setPlaceholderText(self.tr("PEM, CRT, P12 or PFX file"))
        self.path.setAccessibleName(self.tr("Certificate file"))
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose_button)
        self.password = QLineEdit()
        self.password.setObjectName("certificatePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Only for a PKCS#12 file or an encrypted key"))
        self.password.setAccessibleName(self.tr("File password"))
        self.kind = QComboBox()
        self.kind.setObjectName("certificateType")
        for code in CERTIFICATE_TYPES:
            self.kind.addItem(words.factor_type(code), code)
        self.name = QLineEdit()
        self.name.setObjectName("certificateName")
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("The certificate's subject, unless you name it"))
        self.form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path)
        self.form.addRow(file_label, file_row)
        self.form.addRow(self.tr("&Password:"), self.password)
        self.form.addRow(self.tr("&Type:"), self.kind)
        self.form.addRow(self.tr("&Name:"), self.name)

        self.status = message_label()
        self.facts_box = QGroupBox(self.tr("Imported certificate"))
        self.facts_box.setObjectName("certificateFacts")
        self.facts_form = QFormLayout(self.facts_box)
        self.facts_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.facts_box.hide()

        self.import_button = QPushButton(self.tr("&Import"))
        self.close_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.import_button, self.close_button, self.import_file, self._close)

        layout = dialog_column(self, title, intro)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.facts_box)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)
        self.path.textChanged.connect(self._update)
        self._update()

    # -- actions ------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate file"), self.path.text(),
            self.tr("Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx);;All files (*)"))
        if chosen:
            self.path.setText(chosen)

    def chosen_type(self) -> str:
        return str(self.kind.currentData())

    def import_file(self) -> None:
        """Import through the registry; a refusal is said here and the dialog stays open."""
        text = self.path.text().strip()
        if not text:
            say(self.status, self.tr("Choose the certificate file first."))
            return
        password = self.password.text() or None
        self.password.clear()
        try:
            self.factor = self.registry.add_certificate(
                Path(text), password, self.name.text().strip(), factor_type=self.chosen_type())
        except Exception as error:       # FactorError, or a keyring that went away
            say(self.status, error_text(error))
            return
        say(self.status, "")
        self._show_facts(self.factor)

    def _show_facts(self, factor: EnrolledFactor) -> None:
        for widget in (self.path, self.choose_button, self.password, self.kind, self.name):
            widget.setEnabled(False)
        facts = factor.facts
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        rows = [
            (self.tr("Subject:"), facts.get("subject", ""), False),
            (self.tr("Issuer:"), facts.get("issuer", ""), False),
            (self.tr("Serial number:"), facts.get("serial", ""), True),
            (self.tr("Valid from:"), _when(facts.get("not_before", "")), False),
            (self.tr("Valid until:"), _when(facts.get("not_after", "")), False),
            (self.tr("Key:"), facts.get("key_type", ""), False),
            (self.tr("SHA-256 fingerprint:"), _grouped(facts.get("sha256_fingerprint", "")),
             True),
        ]
        for caption, value, monospace in rows:
            label = QLabel(value)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if monospace:
                label.setFont(mono)
            self.facts_form.addRow(caption, label)
        self.facts_box.setTitle(self.tr("Imported as “%1”").replace("%1", factor.label))
        self.facts_box.show()
        self.import_button.hide()
        self.close_button.setText(self.tr("&Done"))
        self.close_button.setObjectName("primaryButton")
        self.close_button.setDefault(True)
        self.close_button.style().unpolish(self.close_button)
        self.close_button.style().polish(self.close_button)
        self.close_button.setFocus()
        grow_to_fit(self)

    def _close(self) -> None:
        if self.factor is not None:
            self.accept()
        else:
            self.reject()

    def done(self, result: int) -> None:
        self.password.clear()
        super().done(result)

    def _update(self) -> None:
        set_primary_enabled(self.import_button, bool(self.path.text().strip()))


def _when(iso: str) -> str:
    """An ISO instant as Beijing time, to the minute."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def _grouped(hex_text: str) -> str:
    """A fingerprint in groups of four, so it wraps and can be compared by eye."""
    return " ".join(hex_text[i:i + 4] for i in range(0, len(hex_text), 4))
