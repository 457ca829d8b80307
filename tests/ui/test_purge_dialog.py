"""Removing old transactions from Settings: the dialog counts first, asks once more, then
removes only what it counted; Cancel removes nothing; the last year cannot be chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app import bench_data
from app.profile import Profile, open_profile
from app.shanghai_time import now_ms, query_window_start, today_cn
from app.transactions import TransactionWriter, verify_txn_chain
from ui.main_window import MainWindow
from ui.purge_dialog import PurgeDialog

DAY_MS = 86_400_000


@pytest.fixture
def old_shop(tmp_path: Path) -> Iterator[Profile]:
    """120 transactions seven years old and nothing newer."""
    profile = open_profile(tmp_path / "shop")
    TransactionWriter(profile.db, profile.oplog).write_stream(
        bench_data.generate(120, days=10, terminals=2, end_ms=now_ms() - 7 * 365 * DAY_MS),
        source_kind="IMPORT", source_ref="old.csv")
    yield profile
    profile.close()


def _count(profile: Profile) -> int:
    return int(profile.db.execute("SELECT count(*) FROM txn").fetchone()[0])


def _answer(button: QMessageBox.StandardButton) -> None:
    """Press a button of the confirmation box once it is up (a real QMessageBox)."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(50, press)
    QTimer.singleShot(50, press)


def _planned(qtbot: QtBot, dialog: PurgeDialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)


def test_counts_then_removes_after_confirmation(qtbot: QtBot, old_shop: Profile) -> None:
    dialog = PurgeDialog(old_shop)
    qtbot.addWidget(dialog)
    _planned(qtbot, dialog)
    assert dialog.outcome.text().startswith("120 transactions dated")
    assert dialog.remove_button.isEnabled()
    assert dialog.before.maximumDate() == _qdate(query_window_start(today_cn()))

    _answer(QMessageBox.StandardButton.Cancel)
    dialog.remove_button.click()
    assert _count(old_shop) == 120

    _answer(QMessageBox.StandardButton.Yes)
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.removed == 120, timeout=10_000)
    assert "120 transactions were removed" in dialog.outcome.text()
    assert _count(old_shop) == 0
    assert verify_txn_chain(old_shop.db)[0]


def test_an_earlier_date_counts_nothing(qtbot: QtBot, old_shop: Profile) -> None:
    dialog = PurgeDialog(old_shop)
    qtbot.addWidget(dialog)
    _planned(qtbot, dialog)
    dialog.before.setDate(_qdate(dt.date(2010, 1, 1)))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.before.year == 2010,
                    timeout=10_000)
    assert dialog.outcome.text() == "No transactions before 2010-01-01 can be removed."
    assert not dialog.remove_button.isEnabled()


def test_settings_opens_it_and_the_history_follows(qtbot: QtBot, old_shop: Profile) -> None:
    window = MainWindow(old_shop, "en")
    qtbot.addWidget(window)
    opened: list[PurgeDialog] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PurgeDialog):
            QTimer.singleShot(50, drive)
            return
        opened.append(dialog)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
        _answer(QMessageBox.StandardButton.Yes)
        dialog.remove_button.click()
        qtbot.waitUntil(lambda: dialog.removed > 0, timeout=10_000)
        dialog.reject()
    QTimer.singleShot(50, drive)
    window.settings.purge_button.click()
    assert opened and _count(old_shop) == 0
    window.close()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
