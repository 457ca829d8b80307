"""The GUI through its real entry points: `posdesk gui` and the first-run welcome."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app import oplog
from app.errors import ProfileInUseError
from app.paths import default_data_dir, demo_data_dir
from app.preferences import load_preferences
from app.profile import open_for_reading
from app.storage import get_setting
from ui.error_messages import error_text
from ui.i18n import Translations
from ui.main import Shell
from ui.welcome_dialog import WelcomeDialog


def test_gui_command_opens_the_window_and_signs_out_on_close(posdesk, tmp_path: Path) -> None:
    data = tmp_path / "demo"
    posdesk("demo", "--data-dir", str(data), "--days", "10", check=True)
    shot = tmp_path / "window.png"
    result = posdesk("gui", "--data-dir", str(data), "--lang", "zh_CN", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 900 and image.height() >= 560
    db = open_for_reading(data)
    try:
        kinds = [e.op_type for e in oplog.entries(db, limit=2)]
    finally:
        db.close()
    assert kinds == [oplog.LOGOUT, oplog.LOGIN]


def test_first_start_offers_the_demo_and_opens_it(qtbot: QtBot, qapp) -> None:
    """No data anywhere: the welcome dialog appears; choosing the demo builds a year of it."""
    shell = Shell(qapp, load_preferences(), Translations(qapp))

    def choose_demo() -> None:   # the way a user does: Enter takes the default button
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, WelcomeDialog) and w.isVisible())
        defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
        assert defaults == ["Explore the &demo"]
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(200, choose_demo)
    try:
        assert shell.start(None, demo=False)
        assert shell.profile is not None and shell.profile.is_demo
        assert shell.profile.data_dir == demo_data_dir()
        window = shell.window
        assert window is not None
        qtbot.waitUntil(lambda: window.transactions.model.rowCount() > 0, timeout=10_000)
        count = shell.profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
        assert count > 30_000                      # about a year
        assert get_setting(shell.profile.db, "demo_complete") == "1"
        newest = shell.profile.db.execute("SELECT max(cn_date) FROM txn").fetchone()[0]
        assert dt.date.fromisoformat(newest) >= dt.date.today() - dt.timedelta(days=2)
        assert load_preferences().last_profile == "demo"
        window.close()
    finally:
        _dispose(qtbot, shell)


def test_start_with_own_data_opens_an_empty_profile(qtbot: QtBot, qapp) -> None:
    shell = Shell(qapp, load_preferences(), Translations(qapp))

    def choose_own() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, WelcomeDialog) and w.isVisible())
        QTest.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)

    QTimer.singleShot(200, choose_own)
    try:
        assert shell.start(None, demo=False)
        assert shell.profile is not None and not shell.profile.is_demo
        assert shell.profile.data_dir == default_data_dir()
        page = shell.window.transactions  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: page.summary is not None, timeout=10_000)
        assert page.stack.currentWidget() is page.empty
        assert "import" in page.empty.text()
        assert not demo_data_dir().exists()          # the demo was not made behind our back
    finally:
        _dispose(qtbot, shell)


def test_language_switch_rebuilds_the_window_in_chinese(qtbot: QtBot, qapp, demo_dir) -> None:
    translations = Translations(qapp)
    shell = Shell(qapp, load_preferences(), translations)
    try:
        assert shell.start(demo_dir, demo=False)
        first = shell.window
        assert first is not None and first.nav.item(1).text() == "Transactions"
        combo = first.settings.language
        combo.setCurrentIndex(combo.findData("zh_CN"))
        second = shell.window
        assert second is not first and second is not None
        assert second.nav.item(1).text() == "交易记录"
        assert second.pages.currentWidget() is second.settings   # stays where the user was
        assert load_preferences().language == "zh_CN"
    finally:
        translations.install("en")
        _dispose(qtbot, shell)


def test_errors_are_explained_in_the_users_language(qapp, tmp_path: Path) -> None:
    translations = Translations(qapp)
    error = ProfileInUseError("already open", data_dir=str(tmp_path), pid="4242")
    try:
        assert "already open" in error_text(error) and "4242" in error_text(error)
        translations.install("zh_CN")
        text = error_text(error)
        assert "已在数据文件夹" in text and "4242" in text and str(tmp_path) in text
    finally:
        translations.install("en")


def _dispose(qtbot: QtBot, shell: Shell) -> None:
    """Close the profile and hand every window the shell made to qtbot for deletion."""
    shell.shutdown()
    for widget in QApplication.topLevelWidgets():
        if widget.isWindow() and widget.isVisible():
            widget.close()
        qtbot.addWidget(widget)


def test_terminal_refusals_are_explained_in_chinese(qapp) -> None:
    from app.errors import PairingRefusedError

    translations = Translations(qapp)
    blocked = PairingRefusedError("Pairing refused: …", why="blocked",
                                  policy_reason="cash-out risk", source="Notice 7")
    try:
        assert "cash-out risk" in error_text(blocked) and "Notice 7" in error_text(blocked)
        translations.install("zh_CN")
        text = error_text(blocked)
        assert "已被禁用" in text and "cash-out risk" in text and "Notice 7" in text
    finally:
        translations.install("en")


def test_refused_card_data_is_explained_without_the_value(qapp) -> None:
    from app.errors import SensitiveDataError

    translations = Translations(qapp)
    error = SensitiveDataError("field 'track2' may hold card authentication data", field="track2")
    try:
        assert "track2" in error_text(error) and "supplier" in error_text(error)
        translations.install("zh_CN")
        assert "track2" in error_text(error) and "供应商" in error_text(error)
    finally:
        translations.install("en")
