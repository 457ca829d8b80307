"""The lock screen as a user meets it: a wrong password keeps it up with a message, the right
one opens it, closing it in any way means quit, a lockout greys out the input and counts
down, and the code field appears only when the lock asks for a second factor. Also the idle
watch that triggers the automatic lock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.app_lock import AppLock
from app.profile import Profile
from ui.idle_watch import IdleWatch
from ui.lock_dialog import LockDialog, countdown_text

PASSWORD = "Correct-Horse-7781"
CODE = "482913"
ACCEPTED = QDialog.DialogCode.Accepted.value
REJECTED = QDialog.DialogCode.Rejected.value


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_780_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _app_lock(profile: Profile, clock: FakeClock, second: bool = False) -> AppLock:
    return AppLock(profile.db, profile.oplog, lambda p: p == PASSWORD,
                   (lambda c: c == CODE) if second else None, clock=clock)


def _dialog(qtbot: QtBot, app_lock: AppLock) -> LockDialog:
    dialog = LockDialog(app_lock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _type_and_enter(qtbot: QtBot, dialog: LockDialog, password: str, code: str = "") -> None:
    qtbot.keyClicks(dialog.password, password)
    if code:
        qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_says_so_and_stays_open(qtbot: QtBot, profile: Profile,
                                              clock: FakeClock) -> None:
    dialog = _dialog(qtbot, _app_lock(profile, clock))
    assert dialog.windowTitle() == "PosDesk is locked"
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.code.isVisible()
    _type_and_enter(qtbot, dialog, "guess")
    assert dialog.isVisible() and dialog.result() != ACCEPTED
    assert dialog.status.isVisible()
    assert dialog.status.text() == ("The password is not correct.\n"
                                    "Attempts left before a pause: 4.")
    assert dialog.password.text() == ""                   # the typed secret is not kept
    assert dialog.password.isEnabled() and dialog.focusWidget() is dialog.password


def test_empty_password_is_not_an_attempt(qtbot: QtBot, profile: Profile,
                                          clock: FakeClock) -> None:
    app_lock = _app_lock(profile, clock)
    dialog = _dialog(qtbot, app_lock)
    dialog.unlock_button.click()
    assert dialog.status.text() == "Enter your password."
    assert app_lock.failures == 0


def test_a_check_that_fails_keeps_it_locked(qtbot: QtBot, profile: Profile,
                                            clock: FakeClock) -> None:
    def keyring_away(_: str) -> bool:
        raise RuntimeError("the keyring is locked")

    dialog = _dialog(qtbot, AppLock(profile.db, profile.oplog, keyring_away, clock=clock))
    _type_and_enter(qtbot, dialog, PASSWORD)
    assert dialog.isVisible() and dialog.result() != ACCEPTED
    assert dialog.status.text() == "The password could not be checked: the keyring is locked"
    assert dialog.password.text() == ""


def test_right_password_accepts(qtbot: QtBot, profile: Profile, clock: FakeClock) -> None:
    app_lock = _app_lock(profile, clock)
    app_lock.lock("start")
    dialog = _dialog(qtbot, app_lock)
    _type_and_enter(qtbot, dialog, PASSWORD)
    assert dialog.result() == ACCEPTED and not dialog.isVisible()
    assert not app_lock.locked


@pytest.mark.parametrize("how", ["escape", "close", "quit", "accept"])
def test_closing_never_unlocks(qtbot: QtBot, profile: Profile, clock: FakeClock,
                               how: str) -> None:
    app_lock = _app_lock(profile, clock)
    app_lock.lock("start")
    dialog = LockDialog(app_lock)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password, "typed but not sent")

    def close() -> None:
        if how == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif how == "close":
            dialog.close()                                # the title bar's X
        elif how == "quit":
            dialog.quit_button.click()
        else:
            dialog.accept()                               # not even a stray accept()
            assert dialog.isVisible()
            dialog.reject()
    QTimer.singleShot(0, close)
    assert dialog.exec() == REJECTED
    assert app_lock.locked and app_lock.failures == 0
    assert dialog.password.text() == ""


def test_lockout_disables_input_and_counts_down(qtbot: QtBot, profile: Profile,
                                                clock: FakeClock) -> None:
    app_lock = _app_lock(profile, clock)
    dialog = _dialog(qtbot, app_lock)
    for _ in range(5):
        _type_and_enter(qtbot, dialog, "guess")
    assert dialog.locked_out
    assert not dialog.password.isEnabled() and not dialog.unlock_button.isEnabled()
    assert dialog.quit_button.isEnabled()
    assert dialog.status.text() == "Too many failed attempts. Try again in 0:30."
    assert dialog.countdown.isActive()

    clock.now += 1
    qtbot.waitUntil(lambda: "0:29" in dialog.status.text(), timeout=3000)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)    # nothing happens meanwhile
    assert app_lock.lockouts == 1 and dialog.isVisible()

    clock.now += 29
    qtbot.waitUntil(lambda: not dialog.locked_out, timeout=3000)
    assert dialog.status.text() == "You can try again now."
    assert not dialog.countdown.isActive()
    _type_and_enter(qtbot, dialog, PASSWORD)
    assert dialog.result() == ACCEPTED


def test_a_lockout_from_before_a_restart_shows_at_once(qtbot: QtBot, profile: Profile,
                                                       clock: FakeClock) -> None:
    app_lock = _app_lock(profile, clock)
    for _ in range(5):
        app_lock.attempt("guess")
    clock.now += 10
    dialog = _dialog(qtbot, _app_lock(profile, clock))
    assert dialog.locked_out
    assert dialog.status.text() == "Too many failed attempts. Try again in 0:20."


def test_code_field_only_when_a_second_factor_is_on(qtbot: QtBot, profile: Profile,
                                                    clock: FakeClock) -> None:
    app_lock = _app_lock(profile, clock, second=True)
    dialog = _dialog(qtbot, app_lock)
    assert dialog.code.isVisible()
    qtbot.keyClicks(dialog.code, "12ab3-45678")
    assert dialog.code.text() == "123456"                 # digits only, six at most
    dialog.code.clear()

    _type_and_enter(qtbot, dialog, PASSWORD, "123")
    assert dialog.status.text() == "Enter the 6-digit code from your authenticator app."
    assert app_lock.failures == 0

    dialog.password.clear()
    _type_and_enter(qtbot, dialog, PASSWORD, "000000")
    assert dialog.status.text() == ("The password or the code is not correct.\n"
                                    "Attempts left before a pause: 4.")
    _type_and_enter(qtbot, dialog, PASSWORD, CODE)
    assert dialog.result() == ACCEPTED


def test_labels_have_mnemonics_for_their_fields(qtbot: QtBot, profile: Profile,
                                                clock: FakeClock) -> None:
    dialog = _dialog(qtbot, _app_lock(profile, clock, second=True))
    buddies = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)
               if label.buddy() is not None}
    assert buddies == {"&Password:": dialog.password, "One-time &code:": dialog.code}
    assert dialog.unlock_button.text() == "&Unlock" and dialog.unlock_button.isDefault()
    assert dialog.quit_button.text() == "&Quit" and not dialog.quit_button.autoDefault()


def test_countdown_text() -> None:
    assert [countdown_text(s) for s in (0.2, 30, 59.1, 600, 3600)] == [
        "0:01", "0:30", "1:00", "10:00", "1:00:00"]


# ----------------------------------------------------------------------------- idle watch

@pytest.fixture
def watched(qtbot: QtBot) -> Iterator[tuple[IdleWatch, QWidget]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    watch = IdleWatch()
    try:
        yield watch, widget
    finally:
        watch.stop()
        watch.deleteLater()


def test_idle_fires_after_the_timeout(qtbot: QtBot,
                                      watched: tuple[IdleWatch, QWidget]) -> None:
    watch, _ = watched
    with qtbot.waitSignal(watch.idle, timeout=2000):
        watch.set_timeout_s(0.2)
    assert not watch.active                               # once, until new activity


def test_activity_postpones_idle(qtbot: QtBot, watched: tuple[IdleWatch, QWidget]) -> None:
    watch, widget = watched
    fired: list[bool] = []
    watch.idle.connect(lambda: fired.append(True))
    watch.set_timeout_s(0.4)
    for step in range(6):                                 # 0.6 s of typing and moving
        qtbot.wait(100)
        if step % 2:
            qtbot.keyClick(widget, Qt.Key.Key_A)
        else:
            qtbot.mouseMove(widget, QPoint(10 + step, 10))
            qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)


def test_zero_or_pause_turns_it_off(qtbot: QtBot, watched: tuple[IdleWatch, QWidget]) -> None:
    watch, widget = watched
    watch.set_timeout_s(0.1)
    watch.set_timeout_s(0)
    with qtbot.assertNotEmitted(watch.idle, wait=300):
        qtbot.keyClick(widget, Qt.Key.Key_A)
    watch.set_timeout_s(0.1)
    watch.pause()
    with qtbot.assertNotEmitted(watch.idle, wait=300):
        qtbot.keyClick(widget, Qt.Key.Key_A)
    with qtbot.waitSignal(watch.idle, timeout=2000):
        watch.resume()
