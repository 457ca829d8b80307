"""The app lock end to end with real parts: a password enrolled through the factor registry
(argon2id in the keyring), the real lock dialog typed into, real windows hidden while locked.
Nothing of our own is replaced; the dialog is only answered the way a person would."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from app.app_lock import APP_LOCKED, APP_UNLOCKED, UNLOCK_FAILED
from app.factors import FactorRegistry
from app.profile import Profile
from app.secrets import SecretStore
from tests.conftest import MemoryKeyring
from ui.lock_control import LockControl
from ui.lock_dialog import LockDialog

PASSWORD = "Harbour-Plinth-62"


def answered(control: LockControl, qtbot: QtBot, *answers: str, seen: list[bool] | None = None):  # type: ignore[no-untyped-def]
    """Make the control's dialogs real LockDialogs that a person answers: each answer is
    typed and Enter pressed; after the last, the dialog is closed if still open."""
    real = control.make_dialog

    def make(app_lock, parent=None):  # type: ignore[no-untyped-def]
        dialog: LockDialog = real(app_lock, parent)
        qtbot.addWidget(dialog)

        def person() -> None:
            if seen is not None:
                seen.append(any(w.isVisible() for w in QApplication.topLevelWidgets()
                                if isinstance(w, QMainWindow)))
            for answer in answers:
                dialog.password.setText(answer)
                qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
                if not dialog.isVisible():
                    return
            dialog.reject()

        QTimer.singleShot(50, person)
        return dialog

    control.make_dialog = make  # type: ignore[method-assign]


@pytest.fixture
def control(profile: Profile, memory_keyring: MemoryKeyring) -> LockControl:
    FactorRegistry(profile.db, profile.oplog, SecretStore()).set_password(PASSWORD)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return LockControl(app, profile, SecretStore())


def ops(profile: Profile) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in profile.db.execute(
        "SELECT op_type, result FROM oplog WHERE op_type LIKE '%LOCK%' ORDER BY id")]


def test_without_a_password_there_is_no_lock(profile: Profile, memory_keyring: MemoryKeyring,
                                             qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    control = LockControl(app, profile, SecretStore())
    assert not control.enabled and control.unlock_at_start()
    assert control.idle.timeout_s == 0


def test_start_asks_for_the_password_and_logs_each_try(control: LockControl, qtbot: QtBot,
                                                       profile: Profile) -> None:
    answered(control, qtbot, "not it", PASSWORD)
    assert control.unlock_at_start()
    assert ops(profile) == [(APP_LOCKED, "SUCCESS"), (UNLOCK_FAILED, "FAIL"),
                            (APP_UNLOCKED, "SUCCESS")]
    text = " ".join(json.dumps(r) for r in profile.db.execute("SELECT * FROM oplog"))
    assert "not it" not in text and PASSWORD not in text


def test_closing_the_lock_at_start_means_no_data(control: LockControl, qtbot: QtBot) -> None:
    answered(control, qtbot)
    assert not control.unlock_at_start()


def test_idle_lock_hides_the_windows_until_unlocked(control: LockControl, qtbot: QtBot,
                                                    profile: Profile) -> None:
    assert control.idle.timeout_s == 300                 # the default idle time, running
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    seen: list[bool] = []
    answered(control, qtbot, PASSWORD, seen=seen)
    control.lock_now("idle")
    assert seen == [False]                               # nothing visible behind the lock
    assert window.isVisible()                            # back after the right password
    assert ops(profile)[-2:] == [(APP_LOCKED, "SUCCESS"), (APP_UNLOCKED, "SUCCESS")]
    control.set_idle_lock_s(60)
    assert control.idle.timeout_s == 60


def test_removing_the_password_takes_the_lock_away(control: LockControl,
                                                   profile: Profile) -> None:
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    registry.remove(registry.active()[0].id, current_password=PASSWORD)
    control.reload()
    assert not control.enabled and control.idle.timeout_s == 0
