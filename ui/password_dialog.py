"""Set or change the password: the knowledge factor, and the password that unlocks PosDesk.

A live meter rates the new password as it is typed (app.password_factor.strength) and
lists what makes it guessable; the button stays off until it is acceptable and typed the
same twice. Changing needs the current password. What the registry refuses is said inline
and the dialog stays open; every field is cleared when the dialog closes.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.factors import EnrolledFactor, FactorRegistry
from app.password_factor import MIN_LENGTH, PASSPHRASE_LENGTH, Strength, strength
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

_SCORE_COLOURS = ("#cf222e", "#cf222e", "#9a6700", "#1a7f37", "#1a7f37")


class PasswordDialog(QDialog):
    def __init__(self, registry: FactorRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.factor: EnrolledFactor | None = None
        self.changing = any(f.type == "STATIC_PASSWORD" for f in registry.active())
        heading = self.tr("Change password") if self.changing else self.tr("Set a password")
        self.setWindowTitle(heading)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        title = heading_label(heading)
        intro = intro_label(self.tr(
            "Your password is the knowledge factor you use with your institution, and it "
            "also locks PosDesk. Use at least %1 characters; a passphrase of %2 or more "
            "words and characters is easiest to remember. PosDesk keeps only a salted hash "
            "of it, in this computer's keyring.")
            .replace("%1", str(MIN_LENGTH)).replace("%2", str(PASSPHRASE_LENGTH)))

        self.current = self._password_field("currentPassword", self.tr("Current password"))
        self.new = self._password_field("newPassword", self.tr("New password"))
        self.repeat = self._password_field("repeatPassword", self.tr("Repeat the new password"))
        self.meter = QProgressBar()
        self.meter.setObjectName("passwordStrength")
        self.meter.setRange(0, 5)          # score 0-4, shown one step up so 0 is visible
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        self.meter.setAccessibleName(self.tr("Password strength"))
        self.rating = QLabel()
        self.rating.setObjectName("passwordRating")
        self.problems = QLabel()
        self.problems.setObjectName("passwordProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.match = QLabel()
        self.match.setObjectName("pageSubtitle")
        strength_box = QVBoxLayout()
        strength_box.setSpacing(4)
        strength_box.addWidget(self.meter)
        strength_box.addWidget(self.rating)
        strength_box.addWidget(self.problems)

        form = QFormLayout()
        if self.changing:
            form.addRow(self.tr("&Current password:"), self.current)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("Strength:"), strength_box)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow("", self.match)
        self.current.setVisible(self.changing)

        self.status = message_label()
        self.ok_button = QPushButton(heading)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_row(self.ok_button, self.cancel_button, self.submit, self.reject)

        layout = dialog_column(self, title, intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 76)

        for field in (self.current, self.new, self.repeat):
            field.textChanged.connect(self._update)
        self._update()
        (self.current if self.changing else self.new).setFocus()

    def _password_field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        field.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                  | Qt.InputMethodHint.ImhNoPredictiveText
                                  | Qt.InputMethodHint.ImhNoAutoUppercase)
        return field

    # -- state --------------------------------------------------------------------------

    def rating_now(self) -> Strength:
        return strength(self.new.text())

    def ready(self) -> bool:
        """Acceptable, typed the same twice, and (when changing) the current one given."""
        new = self.new.text()
        return (bool(new) and self.rating_now().acceptable and new == self.repeat.text()
                and (not self.changing or bool(self.current.text())))

    def _update(self) -> None:
        new = self.new.text()
        rating = self.rating_now()
        self.meter.setValue(rating.score + 1 if new else 0)
        colour = _SCORE_COLOURS[rating.score]
        self.meter.setStyleSheet(
            "QProgressBar { border: none; border-radius: 4px; background: #eaeef2; }"
            f"QProgressBar::chunk {{ border-radius: 4px; background: {colour}; }}")
        if not new:
            self.rating.setText("")
            self.problems.setText("")
        else:
            self.rating.setText(score_text(rating))
            self.rating.setStyleSheet(f"color: {colour}; font-weight: 600;")
            self.problems.setText("\n".join("• " + problem_text(p) for p in rating.problems))
        self.problems.setVisible(bool(self.problems.text()))
        repeat = self.repeat.text()
        if repeat and repeat != new:
            self.match.setText(self.tr("The two new passwords are not the same."))
        elif repeat:
            self.match.setText(self.tr("Both match."))
        else:
            self.match.setText("")
        set_primary_enabled(self.ok_button, self.ready())
        grow_to_fit(self)

    # -- actions ------------------------------------------------------------------------

    def submit(self) -> None:
        """Set the password through the registry; a refusal is said here and keeps the
        dialog open (a wrong current password clears that field)."""
        new = self.new.text()
        if new != self.repeat.text():
            say(self.status, self.tr("The two new passwords are not the same."))
            return
        try:
            self.factor = self.registry.set_password(
                new, current=self.current.text() if self.changing else None)
        except Exception as error:       # FactorError, or a keyring that went away
            say(self.status, error_text(error))
            if self.changing:
                self.current.clear()
                self.current.setFocus()
            return
        self.accept()

    def done(self, result: int) -> None:
        for field in (self.current, self.new, self.repeat):
            field.clear()
        super().done(result)


def score_text(rating: Strength) -> str:
    names = (
        QCoreApplication.translate("PasswordDialog", "Very weak"),
        QCoreApplication.translate("PasswordDialog", "Weak"),
        QCoreApplication.translate("PasswordDialog", "Fair"),
        QCoreApplication.translate("PasswordDialog", "Strong"),
        QCoreApplication.translate("PasswordDialog", "Very strong"),
    )
    name = names[max(0, min(4, rating.score))]
    if rating.acceptable:
        return name
    return QCoreApplication.translate("PasswordDialog", "%1: not accepted").replace("%1", name)


def problem_text(problem: str) -> str:
    """app.password_factor's reasons, in the person's language (as written if not known)."""
    short = re.fullmatch(r"it is too short \((\d+) characters; at least (\d+) are needed\)",
                         problem)
    if short:
        return (QCoreApplication.translate(
            "PasswordDialog", "It is too short: %1 characters, at least %2 are needed.")
            .replace("%1", short.group(1)).replace("%2", short.group(2)))
    if problem.startswith("it uses only one kind of character"):
        return QCoreApplication.translate(
            "PasswordDialog", "It uses only one kind of character: mix letters with digits "
            "or symbols, or use a passphrase of %1 or more characters.").replace(
            "%1", str(PASSPHRASE_LENGTH))
    names = {
        "it contains only digits": QCoreApplication.translate(
            "PasswordDialog", "It contains only digits."),
        "it is one of the most commonly used passwords": QCoreApplication.translate(
            "PasswordDialog", "It is one of the most commonly used passwords."),
        "it is a commonly used password with digits or symbols added":
            QCoreApplication.translate(
                "PasswordDialog", "It is a commonly used password with digits or symbols "
                "added."),
        "it repeats the same character or pattern": QCoreApplication.translate(
            "PasswordDialog", "It repeats the same character or pattern."),
        "it is a run of consecutive characters (like 1234 or abcd)":
            QCoreApplication.translate(
                "PasswordDialog", "It is a run of consecutive characters (like 1234 or "
                "abcd)."),
    }
    return names.get(problem, problem)
