"""Editing the account profile the limit engine reads (spec 3, 5, 6.1): the institution, its
rating and real-name ratio, the account's class, the contractual T1 limit.

Saving goes through app.limit_profile.save_profile, which logs every changed value as an
Art. 16 "transaction-limit adjustment". A value the rules do not know is refused before
anything is written and named next to the form, and its field takes the focus. Cancel
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.limit_profile import (
    LIMIT_PROFILE_CHANGED,
    AccountProfile,
    ProfileValueError,
    load_profile,
    save_profile,
)
from app.limits import RATINGS
from app.money import format_fen, parse_yuan
from app.operator_check import Proof
from app.profile import Profile
from ui.operator_check_dialog import OperatorCheckDialog, confirm_operator


class _Refused(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field, self.problem = field, problem


class AccountProfileDialog(QDialog):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_dialog: OperatorCheckDialog | None = None
        self.profile = profile
        self.stored = load_profile(profile.db)
        self.current = self.stored or AccountProfile()
        self.changes: dict[str, tuple[object, object]] | None = None
        self.setWindowTitle(self.tr("Account profile"))
        self.setStyleSheet("#fieldError { color: #cf222e; }")

        intro = QLabel(self.tr(
            "What your payment institution has told you about your payment account. The "
            "limits PosDesk estimates follow from these values; every change is recorded in "
            "the Activity log."))
        intro.setWordWrap(True)
        self.institution = QLineEdit()
        self.institution.setPlaceholderText(self.tr("e.g. the wallet or payment company"))
        self.rating = QComboBox()
        self.rating.addItem(self.tr("Not known (no multiplier)"), None)
        for letter in RATINGS:
            self.rating.addItem(letter, letter)
        self.valid_from = self._date_edit()
        self.valid_to = self._date_edit()
        self.ratio = QLineEdit()
        self.ratio.setPlaceholderText(self.tr("e.g. 96.20; empty if not known"))
        self.art37 = QCheckBox(self.tr("the institution verifies quick pay for the bank"))
        self.customer_type = QComboBox()
        self.customer_type.addItem(self.tr("Individual"), "INDIVIDUAL")
        self.customer_type.addItem(self.tr("Unit (company, organisation, individual "
                                           "business)"), "UNIT")
        self.account_class = QComboBox()
        self.account_class.addItem(self.tr("Class I (one external check)"), "I")
        self.account_class.addItem(self.tr("Class II (face to face, or three external checks)"),
                                   "II")
        self.account_class.addItem(self.tr("Class III (face to face, or five external checks)"),
                                   "III")
        self.class_since = self._date_edit()
        self.contract_t1 = QLineEdit()
        self.contract_t1.setPlaceholderText(self.tr("e.g. 20,000.00; empty if not known"))
        self.real_name_confirmed = QCheckBox(self.tr("the institution has confirmed the account "
                                                     "holder's real name"))
        self.fields: dict[str, QWidget] = {
            "institution_name": self.institution, "rating": self.rating,
            "rating_valid_from": self.valid_from, "rating_valid_to": self.valid_to,
            "real_name_ratio": self.ratio, "art37_bank_agreement": self.art37,
            "customer_type": self.customer_type, "account_class": self.account_class,
            "class_since": self.class_since, "contract_t1": self.contract_t1,
            "real_name_confirmed": self.real_name_confirmed}

        form = QFormLayout()
        form.addRow(self.tr("&Institution:"), self.institution)
        form.addRow(self.tr("&Rating (PBOC class):"), self.rating)
        form.addRow(self.tr("Rating valid &from:"), self.valid_from)
        form.addRow(self.tr("Rating valid &until:"), self.valid_to)
        form.addRow(self.tr("Real-&name ratio, Class II+III (%):"), self.ratio)
        form.addRow(self.tr("Art. 3&7 agreement:"), self.art37)
        form.addRow(self.tr("Customer &type:"), self.customer_type)
        form.addRow(self.tr("Account &class:"), self.account_class)
        form.addRow(self.tr("Class &held since:"), self.class_since)
        form.addRow(self.tr("Contract T&1 daily limit (¥):"), self.contract_t1)
        form.addRow(self.tr("Real-name c&onfirmed:"), self.real_name_confirmed)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(self.tr("&Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        short = self.fontMetrics().horizontalAdvance("0" * 34)
        for edit in (self.valid_from, self.valid_to, self.ratio, self.class_since,
                     self.contract_t1):
            edit.setMaximumWidth(short)
        for edit in (self.ratio, self.contract_t1):       # numbers and money: right-aligned
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 100))
        self.show_profile(self.current)
        for edit in (self.institution, self.valid_from, self.valid_to, self.ratio,
                     self.class_since, self.contract_t1):
            edit.textEdited.connect(lambda _text, e=edit: self._clear_error(e))

    def _date_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        edit.setMaxLength(10)
        return edit

    # -- values ----------------------------------------------------------------------------
    def show_profile(self, shown: AccountProfile) -> None:
        self.institution.setText(shown.institution_name)
        if shown.rating and self.rating.findData(shown.rating) < 0:
            self.rating.addItem(shown.rating, shown.rating)     # e.g. "AA" from elsewhere
        self.rating.setCurrentIndex(max(0, self.rating.findData(shown.rating)))
        for edit, day in ((self.valid_from, shown.rating_valid_from),
                          (self.valid_to, shown.rating_valid_to),
                          (self.class_since, shown.class_since)):
            edit.setText(day.isoformat() if day else "")
        bp = shown.real_name_ratio_bp
        self.ratio.setText("" if bp is None else f"{bp // 100}.{bp % 100:02d}")
        self.art37.setChecked(shown.art37_bank_agreement)
        self.customer_type.setCurrentIndex(max(0, self.customer_type.findData(
            shown.customer_type)))
        self.account_class.setCurrentIndex(max(0, self.account_class.findData(
            shown.account_class)))
        fen = shown.contract_daily_t1_fen
        self.contract_t1.setText("" if fen is None else format_fen(fen, symbol=""))
        self.real_name_confirmed.setChecked(shown.real_name_confirmed)

    def entered(self) -> AccountProfile:
        """The profile as the form shows it; _Refused names a value that cannot be read."""
        return AccountProfile(
            institution_name=self.institution.text().strip(),
            rating=self.rating.currentData(),
            rating_valid_from=self._date("rating_valid_from", self.valid_from),
            rating_valid_to=self._date("rating_valid_to", self.valid_to),
            real_name_ratio_bp=self._ratio(),
            art37_bank_agreement=self.art37.isChecked(),
            customer_type=self.customer_type.currentData(),
            account_class=self.account_class.currentData(),
            class_since=self._date("class_since", self.class_since),
            contract_daily_t1_fen=self._yuan(),
            real_name_confirmed=self.real_name_confirmed.isChecked())

    def _date(self, field: str, edit: QLineEdit) -> dt.date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise _Refused(field, self.tr("“%1” is not a date; write it as YYYY-MM-DD, or "
                                          "leave it empty.").replace("%1", text)) from None

    def _ratio(self) -> int | None:
        text = self.ratio.text().strip().removesuffix("%").strip()
        if not text:
            return None
        try:
            value = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise _Refused("real_name_ratio", self.tr(
                "“%1” is not a percentage; write it like 96.20.").replace("%1", text)) from None
        if (value * 100).denominator != 1:
            raise _Refused("real_name_ratio", self.tr("use at most two decimals, like 96.20."))
        return int(value * 100)

    def _yuan(self) -> int | None:
        text = self.contract_t1.text().strip()
        if not text:
            return None
        try:
            return parse_yuan(text)
        except ValueError:
            raise _Refused("contract_t1", self.tr(
                "“%1” is not an amount in yuan; write it like 20,000.00, or leave it empty "
                "if the contract does not say.").replace("%1", text)) from None

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Check the values, confirm the operator when something changes (a limit
        adjustment, spec 8 item 5), then store and log; a refused value is named and
        nothing is written."""
        try:
            entered = self.entered()
            found = entered.problem()
            if found:
                raise ProfileValueError(found[1], field=found[0])
        except _Refused as refused:
            self.show_error(refused.field, refused.problem)
            return
        except ProfileValueError as error:
            field = str(error.facts.get("field", ""))
            self.show_error(field, self.problem_text(field, error.message))
            return
        if entered == load_profile(self.profile.db):
            self.changes = {}
            self.accept()
            return
        self.check_dialog = confirm_operator(self, self.profile, LIMIT_PROFILE_CHANGED,
                                             lambda proof: self._store(entered, proof))

    def _store(self, entered: AccountProfile, proof: Proof) -> None:
        try:
            with self.profile.oplog.verified_as(proof.categories):
                self.changes = save_profile(self.profile.db, self.profile.oplog, entered)
        except ProfileValueError as error:
            field = str(error.facts.get("field", ""))
            self.show_error(field, self.problem_text(field, error.message))
            return
        self.current = entered
        self.accept()

    def show_error(self, field: str, problem: str) -> None:
        self.error.setText(self.tr("%1: %2").replace("%1", self.field_name(field))
                           .replace("%2", problem))
        self.error.show()
        widget = self.fields.get(field)
        if widget is not None:
            widget.setProperty("invalid", True)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            widget.setFocus()

    def _clear_error(self, widget: QWidget) -> None:
        if widget.property("invalid"):
            widget.setProperty("invalid", False)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            self.error.hide()

    def field_name(self, field: str) -> str:
        names = {
            "institution_name": self.tr("Institution"),
            "rating": self.tr("Rating"),
            "rating_valid_from": self.tr("Rating valid from"),
            "rating_valid_to": self.tr("Rating valid until"),
            "real_name_ratio": self.tr("Real-name ratio (%)"),
            "art37_bank_agreement": self.tr("Art. 37 agreement"),
            "customer_type": self.tr("Customer type"),
            "account_class": self.tr("Account class"),
            "class_since": self.tr("Class held since"),
            "contract_t1": self.tr("Contract T1 daily limit"),
            "real_name_confirmed": self.tr("Real-name confirmed"),
        }
        return names.get(field, field)

    def problem_text(self, field: str, fallback: str) -> str:
        """app.limit_profile's problems in the person's language."""
        problems = {
            "rating": self.tr("must be one of A, B, C, D, E, or not known."),
            "rating_valid_to": self.tr("is before the day the rating is valid from."),
            "real_name_ratio": self.tr("must be between 0 and 100 %."),
            "customer_type": self.tr("must be individual or unit."),
            "account_class": self.tr("must be Class I, II or III."),
            "contract_t1": self.tr("cannot be negative."),
        }
        return problems.get(field, fallback)
