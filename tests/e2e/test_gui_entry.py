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
from app.paths import demo_data_dir
from app.preferences import load_preferences
from app.profile import open_for_reading
from app.storage import get_setting
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
        assert window is not None and window.transactions.model.rowCount() > 0
        count = shell.profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
        assert count > 30_000                      # about a year
        assert get_setting(shell.profile.db, "demo_complete") == "1"
        newest = shell.profile.db.execute("SELECT max(cn_date) FROM txn").fetchone()[0]
        assert dt.date.fromisoformat(newest) >= dt.date.today() - dt.timedelta(days=2)
        assert load_preferences().last_profile == "demo"
        window.close()
    finally:
        shell.shutdown()
