"""Backup and restore through the real window and shell, and a damaged database at start:
real dialogs and message boxes, answered the way a person answers them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app import backup as bk
from app.paths import database_path
from app.preferences import load_preferences
from app.profile import open_for_reading
from ui.backup_dialog import BackupDialog
from ui.i18n import Translations
from ui.main import Shell
from ui.restore_dialog import RestoreDialog
from ui.welcome_dialog import WelcomeDialog


def _when_up(kind: type, act: Callable[[QWidget], None]) -> None:
    """Act on the first visible modal of `kind` as soon as it shows."""
    from PySide6.QtCore import QTimer

    def look() -> None:
        found = QApplication.activeModalWidget()
        if isinstance(found, kind):
            act(found)
        else:
            QTimer.singleShot(50, look)
    QTimer.singleShot(50, look)


def _press(text: str) -> Callable[[QWidget], None]:
    def press(widget: QWidget) -> None:
        button = next(b for b in widget.findChildren(QPushButton) if b.text() == text)
        button.click()
    return press


def _dispose(qtbot: QtBot, shell: Shell) -> None:
    shell.shutdown()
    for widget in QApplication.topLevelWidgets():
        if widget.isWindow() and widget.isVisible():
            widget.close()
        qtbot.addWidget(widget)


def _oplog_kinds(data_dir: Path, limit: int = 6) -> list[str]:
    db = open_for_reading(data_dir)
    try:
        return [r[0] for r in db.execute("SELECT op_type FROM oplog ORDER BY id DESC LIMIT ?",
                                         [limit])]
    finally:
        db.close()


def test_back_up_from_settings_then_restore_it_while_open(qtbot: QtBot, qapp, demo_dir: Path,
                                                          tmp_path: Path, monkeypatch) -> None:
    shell = Shell(qapp, load_preferences(), Translations(qapp))
    target = tmp_path / "backups" / "shop"
    try:
        assert shell.start(demo_dir, demo=False)
        window = shell.window
        assert window is not None
        window.show_page("settings")

        def back_up(dialog: QWidget) -> None:
            assert isinstance(dialog, BackupDialog)
            dialog.path.setText(str(target))
            dialog.start_button.click()
            qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
            assert "Backup written" in dialog.outcome.text()
            dialog.close_button.click()
        _when_up(BackupDialog, back_up)
        window.settings.backup_button.click()
        made = target.with_name("shop.posdesk-backup")
        assert made.exists() and bk.read_manifest(made).row_counts["txn"] > 1000
        txns = bk.read_manifest(made).row_counts["txn"]

        # after the backup, the merchant's data changes; then they restore the backup
        shell.profile.oplog.append("SETTINGS_CHANGED", details={"after": "backup"})
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, **k: (str(made), "")))
        _when_up(RestoreDialog, _press("&Restore"))
        reported: list[str] = []

        def report(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            reported.append(box.text())
            box.accept()
        QApplication.processEvents()
        first = window
        _when_up(QMessageBox, report)
        first.settings.restore_button.click()
        qtbot.waitUntil(lambda: bool(reported), timeout=30_000)
        assert shell.window is not first and shell.profile is not None
        assert f"Restored: {txns:,} transactions" in reported[0]
        assert "kept as" in reported[0]
        count = shell.profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
        assert count == txns
        assert not shell.profile.db.execute(
            "SELECT 1 FROM oplog WHERE details_json LIKE '%\"after\": \"backup\"%'").fetchone()
        assert list(demo_dir.glob("posdesk.db.before-restore-*"))
    finally:
        _dispose(qtbot, shell)
    kinds = _oplog_kinds(demo_dir)
    assert kinds[:4] == ["LOGOUT", "LOGIN", "LOGOUT", "BACKUP_RESTORED"]


def _damage(data_dir: Path) -> bytes:
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(database_path(data_dir).read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)            # page 1: the schema table
    database_path(data_dir).write_bytes(bytes(data))
    return bytes(data)


def test_damaged_database_at_start_can_be_set_aside(qtbot: QtBot, qapp, demo_dir: Path) -> None:
    damaged = _damage(demo_dir)
    shell = Shell(qapp, load_preferences(), Translations(qapp))
    seen: list[str] = []

    def start_new(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        _press("&Start a new profile")(box)
        _when_up(QMessageBox, lambda info: (seen.append(info.text()), info.accept()))
    _when_up(QMessageBox, start_new)
    try:
        assert shell.start(demo_dir, demo=False)
        assert "is damaged" in seen[0] and "kept as" in seen[1]
        assert shell.profile is not None
        assert shell.profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0
    finally:
        _dispose(qtbot, shell)
    kept = [p for p in demo_dir.glob("posdesk.db.damaged-*") if p.name[-1].isdigit()]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged     # never overwritten


def test_damaged_database_at_start_restored_from_a_backup(qtbot: QtBot, qapp, demo_dir: Path,
                                                          tmp_path: Path, monkeypatch) -> None:
    made = bk.create_backup(demo_dir, tmp_path / "b").path
    _damage(demo_dir)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(made), "")))
    shell = Shell(qapp, load_preferences(), Translations(qapp))
    _when_up(QMessageBox, _press("&Restore a backup…"))
    try:
        assert shell.start(demo_dir, demo=False)
        assert shell.profile is not None
        count = shell.profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
        assert count == bk.read_manifest(made).row_counts["txn"]
    finally:
        _dispose(qtbot, shell)


def test_quit_leaves_the_damaged_file_alone(qtbot: QtBot, qapp, demo_dir: Path) -> None:
    damaged = _damage(demo_dir)
    shell = Shell(qapp, load_preferences(), Translations(qapp))
    _when_up(QMessageBox, _press("&Quit"))
    try:
        assert not shell.start(demo_dir, demo=False)
    finally:
        _dispose(qtbot, shell)
    assert database_path(demo_dir).read_bytes() == damaged
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, WelcomeDialog) and w.isVisible()]


def test_automatic_backups_switched_on_in_settings(qtbot: QtBot, qapp, demo_dir: Path,
                                                   tmp_path: Path) -> None:
    shell = Shell(qapp, load_preferences(), Translations(qapp))
    folder = tmp_path / "daily"
    try:
        assert shell.start(demo_dir, demo=False)
        window = shell.window
        assert window is not None
        window.settings.auto_folder.setText(str(folder))
        window.settings.auto_backup.setChecked(True)       # on: the first one is due now
        qtbot.waitUntil(lambda: bool(list(folder.glob("posdesk-auto-*"))), timeout=20_000)
        qtbot.waitUntil(lambda: "Automatic backup written" in window.statusBar().currentMessage(),
                        timeout=10_000)
        window.settings.auto_backup.setChecked(False)
    finally:
        _dispose(qtbot, shell)
    assert "SETTINGS_CHANGED" in _oplog_kinds(demo_dir, 10)


def test_closing_the_profile_stops_the_window_readers_first(qtbot: QtBot, qapp,
                                                             demo_dir: Path) -> None:
    """A restore swaps the database file after the shell closes the profile: by then no
    page may still hold its own read connection or timer on the old file."""
    shell = Shell(qapp, load_preferences(), Translations(qapp))
    try:
        assert shell.start(demo_dir, demo=False)
        window = shell.window
        assert window is not None and not window.transactions.reader.closed
        shell.shutdown()                         # what restore_from does before the swap
        assert window.transactions.reader.closed
        assert not window.terminals.timer.isActive()
    finally:
        _dispose(qtbot, shell)
