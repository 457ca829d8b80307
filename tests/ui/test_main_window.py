"""The main window on demo data: navigation, the transactions list, the activity log."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.history import DateRange, TxnFilter, count
from app.history_window import HistoryWindow
from app.money import format_fen
from app.profile import Profile, open_profile
from tests.conftest import DEMO_END
from ui.main_window import MainWindow
from ui.models.oplog_model import OPERATION, OplogModel
from ui.models.transactions_model import AMOUNT, TIME, TransactionsModel


@pytest.fixture
def window(qtbot: QtBot, demo_profile: Profile) -> MainWindow:
    win = MainWindow(demo_profile, "en")
    qtbot.addWidget(win)
    win.show()
    return win


def test_navigation_offers_only_pages_that_work(window: MainWindow) -> None:
    assert window.page_keys() == ["terminals", "transactions", "limits", "verification",
                                  "activity", "settings"]
    assert window.pages.count() == 6
    assert window.pages.currentWidget() is window.transactions   # what a merchant opens for
    assert "demo" in window.windowTitle()


def test_pages_switch_by_click_and_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.nav.setCurrentRow(4)
    assert window.pages.currentWidget() is window.activity
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.settings
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.limits
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.verification
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.terminals
    window.show_page("transactions")
    assert window.pages.currentWidget() is window.transactions


def _loaded(qtbot: QtBot, window: MainWindow) -> TransactionsModel:
    page = window.transactions
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.query == page.query,
                    timeout=10_000)
    return page.model


def test_transactions_list_shows_newest_first_with_formatted_amounts(
        qtbot: QtBot, window: MainWindow) -> None:
    model = _loaded(qtbot, window)
    page = window.transactions
    total = model.rowCount()
    assert total == count(window.profile.db, page.query) > 400   # every row, virtually
    assert page.stack.currentWidget() is page.table
    rows = [model.row_at(i) for i in range(total)]
    assert all(r is not None for r in rows)
    stamps = [(r.ts_utc_ms, r.id) for r in rows]  # type: ignore[union-attr]
    assert stamps == sorted(stamps, reverse=True)
    assert len({r.id for r in rows}) == total  # type: ignore[union-attr]
    newest = rows[0]
    amount = model.index(0, AMOUNT)
    assert model.data(amount) == format_fen(newest.amount_fen)  # type: ignore[union-attr]
    assert model.data(amount).startswith(("¥", "-¥"))
    align = model.data(amount, Qt.ItemDataRole.TextAlignmentRole)
    assert align & int(Qt.AlignmentFlag.AlignRight)
    assert model.data(model.index(0, TIME)).startswith("2026-")


def test_the_model_keeps_only_a_few_blocks(qtbot: QtBot, window: MainWindow) -> None:
    model = _loaded(qtbot, window)
    for position in range(0, model.rowCount(), 50):
        model.row_at(position)
    assert model.window is not None and model.rowCount() > 24 * 200
    assert model.window.cached_rows <= 24 * 200


def test_card_numbers_are_shown_masked(qtbot: QtBot, window: MainWindow) -> None:
    model = _loaded(qtbot, window)
    rows = [model.row_at(i) for i in range(min(model.rowCount(), 400))]
    cards = [r.card_masked for r in rows if r and r.channel != "QR"]
    assert cards and all("*" in c and len(c.replace("*", "")) == 10 for c in cards)


def test_activity_log_lists_the_sign_in(window: MainWindow) -> None:
    window.show_page("activity")
    model = window.activity.model
    assert model.rowCount() > 0
    operations = {model.data(model.index(r, OPERATION)) for r in range(model.rowCount())}
    assert {"Signed in", "Demo profile created", "Terminal paired", "Terminal synced"} <= operations


def test_settings_shows_the_doctor_facts(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("settings")
    page = window.settings
    qtbot.waitUntil(lambda: len(page.facts) == 8, timeout=20_000)
    database = next(f for f in page.facts if f.key == "database")
    assert database.ok is True


def test_transactions_model_contract(qtmodeltester, demo_profile: Profile) -> None:
    query = TxnFilter(dates=DateRange.default(DEMO_END))
    window = HistoryWindow(demo_profile.db, query, count(demo_profile.db, query))
    model = TransactionsModel(window)
    qtmodeltester.check(model, force_py=True)


def test_oplog_model_contract(qtmodeltester, demo_profile: Profile) -> None:
    model = OplogModel(demo_profile.db)
    model.fetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)


def test_empty_profile_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    profile = open_profile(tmp_path / "empty")
    try:
        win = MainWindow(profile, "en")
        qtbot.addWidget(win)
        page = win.transactions
        qtbot.waitUntil(lambda: page.summary is not None, timeout=10_000)
        assert page.model.rowCount() == 0
        assert "import" in page.empty.text()
        assert page.stack.currentWidget() is page.empty
    finally:
        profile.close()
