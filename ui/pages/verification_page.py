"""Verification: the factors the merchant uses with their payment institution, the tier they
give together (spec 4.4) and what that tier means for the daily limits (Art. 24).

Every change goes through app.factors.FactorRegistry, which keeps secrets in the OS keyring
and logs each step; the page shows only what a factor is, who holds it and where. Each
dialog and question comes from a small method (make_…, run_dialog, confirm_…, ask_…), so
tests can answer them without a person.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSysInfo, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.app_lock import idle_lock_s, set_idle_lock_s
from app.factors import (
    APP,
    PHONE,
    THIS_COMPUTER,
    EnrolledFactor,
    FactorRegistry,
    FactorSummary,
    platform_status,
    unlock_steps,
)
from app.fingerprint_factor import PlatformStatus
from app.profile import Profile
from app.secrets import SecretStore
from ui import factor_labels as words
from ui.background import run_in_background
from ui.certificate_dialog import CertificateDialog
from ui.error_messages import error_text
from ui.factor_test_dialog import FactorTestDialog
from ui.fingerprint_dialog import FingerprintDialog
from ui.institution_factor_dialog import BIOMETRIC_TYPES, OFFERED_TYPES, InstitutionFactorDialog
from ui.models.factors_model import DETAILS, FactorsModel, valid_until
from ui.pages.page_parts import PageHeader, data_table
from ui.password_dialog import PasswordDialog
from ui.shiboken_workaround import emit
from ui.totp_dialog import TotpDialog

PAYING_DEVICES = (THIS_COMPUTER, PHONE)
IDLE_MINUTES = (1, 5, 15, 30, 60, 0)     # 0: never


class VerificationPage(QWidget):
    factors_changed = Signal()

    def __init__(self, profile: Profile, store: SecretStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.registry = FactorRegistry(profile.db, profile.oplog, store)
        self.model = FactorsModel(self)
        self.summary: FactorSummary | None = None
        header = PageHeader(self.tr("Verification"), self.tr(
            "The factors you use with your payment institution. Their categories (knowledge, "
            "possession, inherence) decide your verification tier, and the tier decides your "
            "daily limits."))

        # -- the tier they give together
        self.tier_box = QGroupBox(self.tr("Your verification tier"))
        self.tier_box.setObjectName("tierSummary")
        self.tier_headline = QLabel()
        self.tier_headline.setObjectName("tierHeadline")
        self.tier_headline.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.tier_headline.setWordWrap(True)
        self.tier_meaning = QLabel()
        self.tier_meaning.setObjectName("tierMeaning")
        self.tier_meaning.setWordWrap(True)
        self.tier_next = QLabel()
        self.tier_next.setObjectName("pageSubtitle")
        self.tier_next.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("tierNotes")
        self.notes.setStyleSheet("color: #59636e;")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings = QLabel()
        self.warnings.setObjectName("warningBanner")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        box = QVBoxLayout(self.tier_box)
        box.setSpacing(6)
        for widget in (self.tier_headline, self.tier_meaning, self.tier_next, self.notes,
                       self.warnings):
            box.addWidget(widget)

        # -- adding
        self.password_button = QPushButton(self.tr("Set &password…"))
        self.password_button.setObjectName("primaryButton")
        self.totp_button = QPushButton(self.tr("Add &authenticator…"))
        self.certificate_button = QPushButton(self.tr("Import &certificate…"))
        self.institution_button = QPushButton(self.tr("Add &institution factor…"))
        self.biometric_button = QPushButton(self.tr("Add &fingerprint or face…"))
        self.password_button.clicked.connect(self.set_password)
        self.totp_button.clicked.connect(self.add_authenticator)
        self.certificate_button.clicked.connect(self.import_certificate)
        self.institution_button.clicked.connect(lambda: self.add_institution_factor())
        self.biometric_button.clicked.connect(self.add_biometric)

        # -- the list
        self.table = data_table(self.model, "factorsTable", DETAILS,
                                self.tr("Verification factors"))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _: self.test_selected())
        self.empty = QLabel(self.tr(
            "No factors yet: add your password first — it also locks PosDesk."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        # -- the selected factor
        self.test_button = QPushButton(self.tr("&Test…"))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.test_button.clicked.connect(self.test_selected)
        self.rename_button.clicked.connect(self.rename_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        # Buttons beside the list, adding first, then what acts on the selected factor.
        actions = QVBoxLayout()
        for button in (self.password_button, self.totp_button, self.certificate_button,
                       self.institution_button, self.biometric_button):
            actions.addWidget(button)
        actions.addSpacing(16)
        for button in (self.test_button, self.rename_button, self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        listing = QHBoxLayout()
        listing.addLayout(self.stack, 1)
        listing.addLayout(actions)

        # -- how payments and the unlock use them
        self.paying = QComboBox()
        self.paying.setObjectName("payingDevice")
        for code in PAYING_DEVICES:
            self.paying.addItem(words.device(code), code)
        self.paying.setToolTip(self.tr(
            "One-time codes that arrive on the device you pay from do not count (Art. 23)."))
        self.paying.currentIndexChanged.connect(self._paying_chosen)
        self.lock_second = QComboBox()
        self.lock_second.setObjectName("lockSecondFactor")
        self.lock_second.currentIndexChanged.connect(self._lock_second_chosen)
        self.idle = QComboBox()
        self.idle.setObjectName("idleLock")
        for minutes in IDLE_MINUTES:
            self.idle.addItem(self.tr("after %1 minutes").replace("%1", str(minutes))
                              if minutes else self.tr("never"), minutes * 60)
        self.idle.currentIndexChanged.connect(self._idle_chosen)
        for combo in (self.paying, self.lock_second, self.idle):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(18)
        self.lock_hint = QLabel()
        self.lock_hint.setObjectName("pageSubtitle")
        self.lock_hint.setWordWrap(True)
        settings = QGroupBox(self.tr("Paying and unlocking"))
        form = QFormLayout(settings)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Payments are &made on:"), self.paying)
        form.addRow(self.tr("&Unlock also asks for:"), self.lock_second)
        form.addRow(self.tr("Lock when &idle:"), self.idle)
        form.addRow(self.lock_hint)

        self.activity = QLabel()
        self.activity.setObjectName("pageSubtitle")
        self.activity.setWordWrap(True)
        self.activity.setTextFormat(Qt.TextFormat.PlainText)

        body = QWidget()
        body.setObjectName("verificationBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addWidget(self.tier_box)
        layout.addSpacing(4)
        layout.addLayout(listing, 1)
        layout.addWidget(settings)
        layout.addWidget(self.activity)
        # A small window scrolls the page instead of squashing its wrapped text.
        scroll = QScrollArea()
        scroll.setObjectName("verificationScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        self.refresh()

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the factors, the tier they give and the two settings."""
        try:
            factors = self.registry.active()
            self.summary = self.registry.summary()
            paying = self.registry.paying_device
            second = self.registry.lock_second_factor()
        except Exception as error:     # a damaged database, say: show why, keep the page
            self._say(error_text(error))
            return
        selected = self.selected_id()
        self.model.set_factors(factors)
        self.stack.setCurrentWidget(self.table if factors else self.empty)
        for row, factor in enumerate(factors):
            if factor.id == selected:
                self.table.selectRow(row)
        self._show_summary(self.summary, factors)
        has_password = any(f.type == "STATIC_PASSWORD" for f in factors)
        self.password_button.setText(self.tr("Change &password…") if has_password
                                     else self.tr("Set &password…"))
        self._show_paying(paying)
        self._show_lock_second(factors, has_password, second)
        self._update_buttons()

    def _show_summary(self, summary: FactorSummary, factors: list[EnrolledFactor]) -> None:
        if factors:
            named = ", ".join(words.category_in_sentence(c) for c in summary.categories)
            what = words.category_count(len(summary.categories))
            if named:
                what = self.tr("%1 (%2)").replace("%1", what).replace("%2", named)
            headline = (self.tr("Together these give tier %1: %2")
                        .replace("%1", summary.tier).replace("%2", what))
        else:
            headline = self.tr("No factors yet: tier %1").replace("%1", summary.tier)
        self.tier_headline.setText(headline)
        self.tier_meaning.setText(words.tier_meaning(summary.tier))
        step = words.next_step(summary.tier, summary.categories)
        self.tier_next.setText(step)
        self.tier_next.setVisible(bool(step))
        notes = [words.explain(n) for n in summary.notes]
        self.notes.setText("\n".join("• " + n for n in notes))
        self.notes.setVisible(bool(notes))
        warnings = [words.explain(w) for w in summary.warnings]
        for factor in factors:
            until = valid_until(factor)
            if until is not None and until < dt.datetime.now(dt.UTC):
                warnings.append(self.tr(
                    "“%1” expired on %2: a payment verified with it fails (VF-1). Import its "
                    "renewal and remove this one.").replace("%1", factor.label)
                    .replace("%2", until.strftime("%Y-%m-%d")))
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))

    def _show_paying(self, paying: str) -> None:
        self.paying.blockSignals(True)
        index = self.paying.findData(paying)
        if index < 0:                  # set elsewhere (CLI) to a place not offered here
            self.paying.addItem(words.device(paying), paying)
            index = self.paying.count() - 1
        self.paying.setCurrentIndex(index)
        self.paying.blockSignals(False)

    def _show_lock_second(self, factors: list[EnrolledFactor], has_password: bool,
                          second: EnrolledFactor | None) -> None:
        authenticators = unlock_steps(factors)
        self.lock_second.blockSignals(True)
        self.lock_second.clear()
        self.lock_second.addItem(self.tr("No, the password is enough"), None)
        for factor in authenticators:
            self.lock_second.addItem(
                self.tr("A touch of the fingerprint reader (%1)").replace("%1", factor.label)
                if factor.type == "FINGERPRINT" else
                self.tr("Yes: a code from %1").replace("%1", factor.label), factor.id)
        index = self.lock_second.findData(second.id) if second is not None else 0
        self.lock_second.setCurrentIndex(max(index, 0))
        self.lock_second.blockSignals(False)
        usable = has_password and bool(authenticators)
        self.lock_second.setEnabled(usable)
        self._show_idle(has_password)
        if not has_password:
            hint = self.tr("Set a password first: it is what locks PosDesk.")
        elif not authenticators:
            hint = self.tr("Add an authenticator or this computer's fingerprint reader to ask "
                           "for it as well.")
        else:
            hint = self.tr("With a second step, whoever unlocks PosDesk needs the "
                           "authenticator's device or an enrolled finger as well as the "
                           "password.")
        self.lock_hint.setText(hint)

    def selected_id(self) -> int | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection else []
        return self.model.factors[rows[0].row()].id if rows else None

    def selected_factor(self) -> EnrolledFactor | None:
        selected = self.selected_id()
        return next((f for f in self.model.factors if f.id == selected), None)

    def select(self, factor_id: int) -> None:
        for row, factor in enumerate(self.model.factors):
            if factor.id == factor_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        factor = self.selected_factor()
        self.test_button.setEnabled(factor is not None and factor.testable)
        self.test_button.setToolTip(
            self.tr("Your institution tests this factor when you pay.")
            if factor is not None and not factor.testable else "")
        self.rename_button.setEnabled(factor is not None)
        self.remove_button.setEnabled(factor is not None)

    def _say(self, text: str) -> None:
        self.activity.setText(text)

    def _changed(self, message: str, select: int | None = None) -> None:
        self.refresh()
        if select is not None:
            self.select(select)
        self._say(message)
        emit(self.factors_changed)

    # -- dialogs and questions (small, so tests can answer them) -------------------------

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def _finish(self, dialog: QDialog) -> None:
        """A used dialog goes (it is the page's child, and may have shown a secret)."""
        dialog.deleteLater()

    def make_password_dialog(self) -> PasswordDialog:
        return PasswordDialog(self.registry, self)

    def make_totp_dialog(self) -> TotpDialog:
        return TotpDialog(self.registry, QSysInfo.machineHostName() or "PosDesk", self)

    def make_certificate_dialog(self) -> CertificateDialog:
        return CertificateDialog(self.registry, self)

    def make_institution_dialog(self, types: tuple[str, ...] = OFFERED_TYPES
                                ) -> InstitutionFactorDialog:
        return InstitutionFactorDialog(self.registry, types, self)

    def make_test_dialog(self, factor: EnrolledFactor) -> FactorTestDialog | FingerprintDialog:
        if factor.type == "FINGERPRINT":
            return FingerprintDialog(self.registry, PlatformStatus(
                factor.facts.get("reader"), (), ""), factor, self)
        return FactorTestDialog(self.registry, factor, self)

    def make_fingerprint_dialog(self, status: PlatformStatus) -> FingerprintDialog:
        return FingerprintDialog(self.registry, status, None, self)

    def confirm_remove(self, factor: EnrolledFactor) -> bool:
        answer = QMessageBox.warning(
            self, self.tr("Remove factor"), self.removal_question(factor),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def removal_question(self, factor: EnrolledFactor) -> str:
        kind = words.factor_type(factor.type)
        text = self.tr("Remove “%1” (%2)?").replace("%1", factor.label).replace("%2", kind)
        if factor.type == "STATIC_PASSWORD":
            text += "\n\n" + self.tr("PosDesk will then open without asking for a password, "
                                     "and your tier will no longer include knowledge.")
        elif factor.testable:
            text += "\n\n" + self.tr("PosDesk forgets its secret from the keyring; to use it "
                                     "again you will have to add it again.")
        else:
            text += "\n\n" + self.tr("It stays registered with your institution; PosDesk "
                                     "just stops counting it here.")
        second = self.registry.lock_second_factor()
        if second is not None and second.id == factor.id:
            text += "\n" + (self.tr("Unlocking will no longer ask for a touch of the "
                                    "fingerprint reader.") if factor.type == "FINGERPRINT"
                            else self.tr("Unlocking will no longer ask for its code."))
        return text

    def ask_current_password(self, factor: EnrolledFactor) -> str | None:
        text, ok = QInputDialog.getText(
            self, self.tr("Remove password"),
            self.tr("Type the current password to remove “%1”:").replace("%1", factor.label),
            QLineEdit.EchoMode.Password)
        return text if ok else None

    def ask_new_name(self, factor: EnrolledFactor) -> str | None:
        text, ok = QInputDialog.getText(
            self, self.tr("Rename factor"),
            self.tr("New name for “%1”:").replace("%1", factor.label), text=factor.label)
        return text if ok else None

    def confirm_biometric(self, problem: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Fingerprint or face"),
                          problem, QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr(
            "If you registered a fingerprint or your face with your institution (in its app "
            "or at a branch), you can record that here. PosDesk stores nothing biometric."))
        record = box.addButton(self.tr("Record it as an institution factor…"),
                               QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is record

    # -- actions -------------------------------------------------------------------------

    def set_password(self) -> None:
        dialog = self.make_password_dialog()
        changing = dialog.changing
        self.run_dialog(dialog)
        found = dialog.factor
        self._finish(dialog)
        if found is not None:
            self._changed(self.tr("The password was changed.") if changing
                          else self.tr("The password was set. It also locks PosDesk."),
                          found.id)

    def add_authenticator(self) -> None:
        dialog = self.make_totp_dialog()
        self.run_dialog(dialog)
        dialog.forget_secret()
        found = dialog.factor
        self._finish(dialog)
        if found is not None:
            self._changed(self.tr("“%1” was added.").replace("%1", found.label), found.id)

    def import_certificate(self) -> None:
        dialog = self.make_certificate_dialog()
        self.run_dialog(dialog)
        found = dialog.factor
        self._finish(dialog)
        if found is not None:
            self._changed(self.tr("“%1” was imported.").replace("%1", found.label), found.id)

    def add_institution_factor(self, types: tuple[str, ...] = OFFERED_TYPES) -> None:
        dialog = self.make_institution_dialog(types)
        self.run_dialog(dialog)
        found = dialog.factor
        self._finish(dialog)
        if found is not None:
            self._changed(self.tr("“%1” was added.").replace("%1", found.label), found.id)

    def add_biometric(self) -> None:
        """This computer's fingerprint reader when the system has one with a finger enrolled;
        otherwise say plainly why not, and record a biometric held by the institution only
        if the person wants. The system is asked off the GUI thread: with no fingerprint
        service it can take a second to say so."""
        self.biometric_button.setEnabled(False)
        self._say(self.tr("Looking for this computer's fingerprint reader…"))
        run_in_background(platform_status, self._platform_found, self._platform_failed,
                          owner=self)

    def _platform_found(self, status: PlatformStatus) -> None:
        self.biometric_button.setEnabled(True)
        self._say("")
        if any(f.type == "FINGERPRINT" and f.held_by == APP for f in self.model.factors):
            problem = self.tr("This computer's fingerprint reader is already one of your "
                              "factors; select it to test it.")
        elif status.usable:
            self.add_platform_fingerprint(status)
            return
        else:
            problem = words.platform_problem(status.why, status.reader, status.problem)
        if not self.confirm_biometric(problem):
            self._say(self.tr("No fingerprint or face was recorded."))
            return
        self.add_institution_factor(BIOMETRIC_TYPES)

    def _platform_failed(self, error: BaseException) -> None:
        self.biometric_button.setEnabled(True)
        self._say(error_text(error))

    def add_platform_fingerprint(self, status: PlatformStatus) -> None:
        dialog = self.make_fingerprint_dialog(status)
        self.run_dialog(dialog)
        found = dialog.factor
        self._finish(dialog)
        if found is not None:
            self._changed(self.tr("“%1” was added: PosDesk can now ask for your "
                                  "fingerprint.").replace("%1", found.label), found.id)

    def test_selected(self) -> None:
        factor = self.selected_factor()
        if factor is None or not factor.testable:
            return
        dialog = self.make_test_dialog(factor)
        self.run_dialog(dialog)
        tested, passed = dialog.tested, dialog.passed
        self._finish(dialog)
        if tested:
            self._changed(self.tr("“%1” was tested: %2.").replace("%1", factor.label)
                          .replace("%2", words.test_result("PASS" if passed else "FAIL")
                                   .lower()), factor.id)

    def rename_selected(self) -> None:
        factor = self.selected_factor()
        if factor is None:
            return
        name = self.ask_new_name(factor)
        if name is None or name.strip() == factor.label:
            return
        try:
            renamed = self.registry.rename(factor.id, name)
        except Exception as error:
            self._say(error_text(error))
            return
        self._changed(self.tr("Renamed to “%1”.").replace("%1", renamed.label), renamed.id)

    def remove_selected(self) -> None:
        factor = self.selected_factor()
        if factor is None or not self.confirm_remove(factor):
            return
        current = None
        if factor.type == "STATIC_PASSWORD":
            current = self.ask_current_password(factor)
            if current is None:
                return
        try:
            self.registry.remove(factor.id, current_password=current)
        except Exception as error:        # the wrong current password, say
            self._say(error_text(error))
            self.refresh()                # a failed try is logged and shown as a test
            return
        self._changed(self.tr("“%1” was removed.").replace("%1", factor.label))

    def _paying_chosen(self) -> None:
        device = str(self.paying.currentData())
        try:
            self.registry.set_paying_device(device)
        except Exception as error:
            self._say(error_text(error))
            self.refresh()
            return
        self._changed(self.tr("Payments are made on %1.")
                      .replace("%1", words.device_in_sentence(device)))

    def _show_idle(self, has_password: bool) -> None:
        seconds = idle_lock_s(self.registry.db)
        self.idle.blockSignals(True)
        index = self.idle.findData(seconds)
        if index < 0:
            self.idle.addItem(self.tr("after %1 seconds").replace("%1", str(seconds)), seconds)
            index = self.idle.count() - 1
        self.idle.setCurrentIndex(index)
        self.idle.blockSignals(False)
        self.idle.setEnabled(has_password)

    def _idle_chosen(self) -> None:
        seconds = int(self.idle.currentData())
        set_idle_lock_s(self.registry.db, self.registry.log, seconds)
        self._changed(self.tr("PosDesk now locks after %1 minutes without use.")
                      .replace("%1", str(seconds // 60)) if seconds else
                      self.tr("PosDesk no longer locks by itself; lock it with Ctrl+L."))

    def _lock_second_chosen(self) -> None:
        chosen = self.lock_second.currentData()
        try:
            self.registry.set_lock_second_factor(None if chosen is None else int(chosen))
        except Exception as error:
            self._say(error_text(error))
            self.refresh()
            return
        second = self.registry.lock_second_factor()
        if second is None:
            said = self.tr("Unlocking now asks for the password only.")
        elif second.type == "FINGERPRINT":
            said = self.tr("Unlocking now also asks for a touch of the fingerprint reader.")
        else:
            said = self.tr("Unlocking now also asks for an authenticator code.")
        self._changed(said)
