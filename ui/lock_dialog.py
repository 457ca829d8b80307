"""The lock screen: the password (and the one-time code, or a touch of this computer's
fingerprint reader, when the lock needs a second step) or Quit. The touch is awaited on a
worker thread; an untouched reader is not an attempt.

Only a successful `AppLock.attempt` accepts this dialog. Esc, the title bar's close button
and Quit all reject it, which means "quit": the caller must end the app, never show the
data. The dialog does not hide what is behind it — a caller locking a running app hides
or covers its windows first. It never says whether the password or the code was wrong.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.app_lock import PROBLEM_CODE_REQUIRED, AppLock
from app.fingerprint_factor import MATCH, NO_MATCH
from app.totp_factor import DIGITS
from ui.dialog_parts import dialog_column, heading_label, intro_label, shape_code_field
from ui.error_messages import error_text
from ui.fingerprint_touch import FingerprintTouch

CODE_DIGITS = DIGITS


class LockDialog(QDialog):
    def __init__(self, app_lock: AppLock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app_lock = app_lock
        self._unlocked = False
        self.touch = FingerprintTouch(self, self._touched, self._touch_failed)
        self.setWindowTitle(self.tr("PosDesk is locked"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        title = heading_label(self.tr("PosDesk is locked"))
        if app_lock.second_is_touch:
            text = self.tr("Enter your password, press Unlock, then touch the fingerprint "
                           "reader.")
        elif app_lock.needs_second:
            text = self.tr("Enter your password and the %1-digit code from your "
                           "authenticator app to continue.").replace("%1", str(CODE_DIGITS))
        else:
            text = self.tr("Enter your password to continue.")
        intro = intro_label(text)

        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.code = QLineEdit()
        self.code.setObjectName("lockCode")
        shape_code_field(self.code,
                         self.tr("%1 digits").replace("%1", str(CODE_DIGITS)),
                         self.tr("One-time code"))
        width = self.fontMetrics().averageCharWidth()

        self.form = QFormLayout()
        self.form.addRow(self.tr("&Password:"), self.password)
        self.form.addRow(self.tr("One-time &code:"), self.code)
        self.form.setRowVisible(self.code, app_lock.needs_second
                                and not app_lock.second_is_touch)

        self.status = QLabel()
        self.status.setObjectName("warningBanner")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.hide()

        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("primaryButton")
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.setAutoDefault(False)      # Enter must mean Unlock, never Quit
        self.unlock_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        layout = dialog_column(self, title, intro)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setMinimumWidth(width * 72)

        self.countdown = QTimer(self, interval=1000)
        self.countdown.timeout.connect(self._tick)
        if app_lock.wait_s() > 0:                     # still locked out from before a restart
            self._start_countdown()
        else:
            self.password.setFocus()

    # --------------------------------------------------------------------- actions

    def submit(self) -> None:
        """Unlock with what was typed; stays open with a message unless it worked."""
        if self.app_lock.wait_s() > 0:
            self._forget_input()
            self._start_countdown()
            return
        if self.touching:
            return
        needs_code = self.app_lock.needs_second and not self.app_lock.second_is_touch
        if not self.password.text():
            self._say(self.tr("Enter your password."))
            self.password.setFocus()
            return
        if self.app_lock.second_is_touch:
            self._ask_for_touch()
            return
        if needs_code and len(self.code.text()) != CODE_DIGITS:
            self._say(self.tr("Enter the %1-digit code from your authenticator app.")
                      .replace("%1", str(CODE_DIGITS)))
            self.code.setFocus()
            self.code.selectAll()
            return
        self._attempt(self.code.text() if needs_code else None)

    @property
    def touching(self) -> bool:
        return self.touch.active

    def _ask_for_touch(self) -> None:
        if not self.touch.start():
            return
        self._set_input_enabled(False)
        self._say(self.tr("Touch the fingerprint reader now…"))

    def _touched(self, outcome: str) -> None:
        self._set_input_enabled(True)
        if outcome not in (MATCH, NO_MATCH):        # not touched: not an attempt
            self._say(self.tr("The fingerprint reader was not touched; press Unlock to try "
                              "again."))
            return
        self._attempt(outcome)

    def _touch_failed(self, error: BaseException) -> None:
        self._set_input_enabled(True)
        self._say(self.tr("The fingerprint could not be checked: %1")
                  .replace("%1", error_text(error)))

    def _attempt(self, second: str | None) -> None:
        needs_code = self.app_lock.needs_second and not self.app_lock.second_is_touch
        try:
            result = self.app_lock.attempt(self.password.text(), second)
        except Exception as error:   # e.g. the keyring is away: stay locked, say why
            self._forget_input()
            self._say(self.tr("The password could not be checked: %1")
                      .replace("%1", error_text(error)))
            self.password.setFocus()
            return
        self._forget_input()
        if result.ok:
            self._unlocked = True
            self.accept()
            return
        if result.wait_s > 0:
            self._start_countdown()
            return
        if result.problem == PROBLEM_CODE_REQUIRED:
            self._say(self.tr("Enter the %1-digit code from your authenticator app.")
                      .replace("%1", str(CODE_DIGITS)))
            self.code.setFocus()
            return
        if self.app_lock.second_is_touch:
            wrong = self.tr("The password or the fingerprint is not correct.")
        elif needs_code:
            wrong = self.tr("The password or the code is not correct.")
        else:
            wrong = self.tr("The password is not correct.")
        self._say(wrong + "\n" + self.tr("Attempts left before a pause: %1.")
                  .replace("%1", str(result.failures_left)))
        self.password.setFocus()

    def done(self, result: int) -> None:
        """Accepted only after a successful attempt; anything else is a rejection (quit)."""
        if _code(result) == _code(QDialog.DialogCode.Accepted) and not self._unlocked:
            return
        self.touch.cancel()
        self.countdown.stop()
        self._forget_input()
        super().done(result)

    # --------------------------------------------------------------------- lockout

    def _start_countdown(self) -> None:
        self._set_input_enabled(False)
        self._tick()
        if self.app_lock.wait_s() > 0:
            self.countdown.start()

    def _tick(self) -> None:
        wait = self.app_lock.wait_s()
        if wait > 0:
            self._set_input_enabled(False)
            self._say(self.tr("Too many failed attempts. Try again in %1.")
                      .replace("%1", countdown_text(wait)))
            return
        self.countdown.stop()
        self._set_input_enabled(True)
        self._say(self.tr("You can try again now."))
        self.password.setFocus()

    @property
    def locked_out(self) -> bool:
        return not self.password.isEnabled()

    # --------------------------------------------------------------------- helpers

    def _set_input_enabled(self, enabled: bool) -> None:
        for widget in (self.password, self.code, self.unlock_button):
            widget.setEnabled(enabled)
        # style.qss paints #primaryButton blue even when disabled: drop the accent meanwhile
        self.unlock_button.setObjectName("primaryButton" if enabled else "")
        self.unlock_button.style().unpolish(self.unlock_button)
        self.unlock_button.style().polish(self.unlock_button)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _forget_input(self) -> None:
        """Clear the typed secrets so they do not linger in the widgets."""
        self.password.clear()
        self.code.clear()


def countdown_text(seconds: float) -> str:
    """Whole seconds, rounded up, as m:ss (or h:mm:ss from an hour on)."""
    total = max(math.ceil(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _code(result: object) -> int:
    return int(getattr(result, "value", result))  # type: ignore[call-overload]
