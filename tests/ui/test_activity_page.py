"""The Activity page on demo data, real widgets offscreen: filters and search narrow the
table, Enter opens an entry in full, the integrity check counts or names the broken entry
and jumps to it, the export writes a CSV an auditor can re-verify, and old entries are
removed only when they are old enough and only after a confirmation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app import oplog
from app.oplog import entries, verify_chain
from app.oplog_query import OplogFilter, count
from app.profile import Profile, open_profile
from app.shanghai_time import start_of_day_ms, today_cn
from tests.oplog_csv import bad_rows, read_rows
from ui.models.oplog_model import OPERATION
from ui.oplog_entry_dialog import OplogEntryDialog
from ui.oplog_purge_dialog import OplogPurgeDialog
from ui.pages.activity_page import ActivityPage


@pytest.fixture
def page(qtbot: QtBot, demo_profile: Profile) -> Iterator[ActivityPage]:
    shown = ActivityPage(demo_profile)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitUntil(lambda: shown.reading is not None, timeout=10_000)
    yield shown
    shown.shutdown()


def _settle(qtbot: QtBot, page: ActivityPage, action) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        action()


def _shown_types(page: ActivityPage) -> set[str]:
    return {entry.op_type for entry in page.model.rows}


def test_filter_by_operation_narrows_the_rows(qtbot: QtBot, page: ActivityPage) -> None:
    everything = page.model.rowCount()
    assert everything == count(page.db, OplogFilter()) > 5
    box = page.filters.operation
    _settle(qtbot, page, lambda: box.setCurrentIndex(box.findData(oplog.TERMINAL_SYNC)))
    assert _shown_types(page) == {oplog.TERMINAL_SYNC}
    assert page.model.rowCount() == count(page.db, OplogFilter(op_types=(oplog.TERMINAL_SYNC,)))
    assert 0 < page.model.rowCount() < everything
    assert page.count_label.text() == f"{page.model.rowCount()} entries"
    assert page.model.data(page.model.index(0, OPERATION)) == "Terminal synced"
    _settle(qtbot, page, page.filters.reset.click)
    assert page.model.rowCount() == everything


def test_search_finds_details_and_shown_names(qtbot: QtBot, page: ActivityPage) -> None:
    _settle(qtbot, page, lambda: page.filters.search.setText("SIM00002"))   # debounced
    assert page.model.rowCount() > 0
    assert all("SIM00002" in (e.target_id or "") + e.details_json for e in page.model.rows)
    _settle(qtbot, page, lambda: page.filters.search.setText("paired"))     # "Terminal paired"
    assert _shown_types(page) == {oplog.TERMINAL_PAIR}


def test_nothing_matching_says_what_to_do(qtbot: QtBot, page: ActivityPage) -> None:
    _settle(qtbot, page, lambda: page.filters.search.setText("no such thing anywhere"))
    assert page.stack.currentWidget() is page.empty
    assert "Reset filters" in page.empty.text()


def test_picking_a_day_chooses_those_days(qtbot: QtBot, page: ActivityPage) -> None:
    bar = page.filters
    _settle(qtbot, page, lambda: bar.first.setDate(QDate(2020, 1, 1)))
    assert bar.period.currentText() == "Chosen days"
    assert page.query.first_day == dt.date(2020, 1, 1) and page.query.last_day == today_cn()
    assert page.model.rowCount() == count(page.db, OplogFilter())   # the demo is recent
    _settle(qtbot, page, lambda: bar.last.setDate(QDate(2020, 12, 31)))
    assert page.stack.currentWidget() is page.empty
    _settle(qtbot, page, lambda: bar.period.setCurrentIndex(bar.period.findText("Today")))
    assert page.query.first_day == page.query.last_day == today_cn()
    assert page.model.rowCount() > 0


def test_enter_opens_the_entry_in_full(qtbot: QtBot, page: ActivityPage) -> None:
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialogs = page.findChildren(OplogEntryDialog)
    assert len(dialogs) == 1
    entry = page.model.rows[0]
    texts = [label.text() for label in dialogs[0].findChildren(QLabel)]
    assert entry.row_hash in texts and entry.prev_hash in texts
    assert entry.purge_not_before in texts
    assert dialogs[0].details.toPlainText().startswith("{")
    dialogs[0].close()


def test_verify_shows_the_count(qtbot: QtBot, page: ActivityPage) -> None:
    with qtbot.waitSignal(page.verified, timeout=20_000) as done:
        page.verify_button.click()
        assert page.progress.isVisible() and not page.verify_button.isEnabled()
    report = done.args[0]
    assert report.ok
    assert f"all {report.checked} entries verified" in page.verdict.text()
    assert page.verdict.isVisible() and not page.alarm.isVisible()
    assert not page.jump_button.isVisible() and not page.progress.isVisible()


def test_a_tampered_entry_is_named_and_shown(qtbot: QtBot, page: ActivityPage) -> None:
    db = page.db
    db.execute("DROP TRIGGER oplog_append_only")
    db.execute("UPDATE oplog SET details_json = '{\"new\": 1}' WHERE id = 3")
    with qtbot.waitSignal(page.verified, timeout=20_000):
        page.verify_button.click()
    assert "entry 3 was changed" in page.alarm.text() and not page.verdict.isVisible()
    assert page.jump_button.isVisible() and page.jump_button.text() == "&Show entry 3"
    logged = entries(db, limit=1)[0]
    assert (logged.op_type, logged.target_id) == (oplog.INTEGRITY_CHECK_FAILED, "3")
    page.jump_button.click()
    assert page.model.rows[0].id == 3
    assert page.table.currentIndex().row() == 0
    assert "Entry 3" in page.count_label.text()


def test_export_writes_a_csv_an_auditor_can_reverify(
        qtbot: QtBot, page: ActivityPage, tmp_path: Path) -> None:
    box = page.filters.operation
    _settle(qtbot, page, lambda: box.setCurrentIndex(box.findData(oplog.TERMINAL_PAIR)))
    target = tmp_path / "activity.csv"
    with qtbot.waitSignal(page.exported, timeout=20_000) as done:
        page.export(target)
    result = done.args[0]
    rows = read_rows(target)
    assert result.rows == len(rows) == page.model.rowCount() > 0
    assert {row["op_type"] for row in rows} == {oplog.TERMINAL_PAIR}
    assert bad_rows(rows) == []
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert f"Exported {result.rows} entries" in page.verdict.text()
    exports = [e for e in entries(page.db, limit=5) if e.op_type == oplog.DATA_EXPORT]
    assert exports and exports[0].details["rows"] == result.rows


def test_nothing_old_enough_is_said_plainly(qtbot: QtBot, demo_profile: Profile) -> None:
    dialog = OplogPurgeDialog(demo_profile)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.outcome.text().startswith("Nothing is old enough to remove yet.")
    assert not dialog.remove_button.isEnabled()


@pytest.fixture
def old_shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Profile]:
    """A profile whose first six entries were written seven years ago."""
    start = start_of_day_ms(today_cn() - dt.timedelta(days=7 * 366))
    clock = [start]
    monkeypatch.setattr(oplog, "now_ms", lambda: clock[0])
    profile = open_profile(tmp_path / "shop")
    for n in range(5):
        clock[0] = start + (n + 1) * 60_000
        profile.oplog.append(oplog.SETTINGS_CHANGED, target_type="setting", target_id=f"k{n}")
    monkeypatch.undo()
    profile.oplog.append(oplog.SETTINGS_CHANGED, target_type="setting", target_id="new")
    yield profile
    profile.close()


def _answer(button: QMessageBox.StandardButton) -> None:
    """Press a button of the confirmation box once it is up (a real QMessageBox)."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(50, press)
    QTimer.singleShot(50, press)


def test_old_entries_go_only_after_confirmation(qtbot: QtBot, old_shop: Profile) -> None:
    dialog = OplogPurgeDialog(old_shop)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    old_day = (today_cn() - dt.timedelta(days=7 * 366)).isoformat()
    assert dialog.outcome.text().startswith(f"6 entries from {old_day} to {old_day}")
    _answer(QMessageBox.StandardButton.Cancel)
    dialog.remove_button.click()
    qtbot.wait(300)                              # time enough for a removal to finish
    assert dialog.remove_button.isEnabled() and dialog.removed == 0
    assert count(old_shop.db, OplogFilter()) == 7
    _answer(QMessageBox.StandardButton.Yes)
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.removed == 6, timeout=10_000)
    assert "6 entries were removed" in dialog.outcome.text()
    report = verify_chain(old_shop.db)
    assert report.ok and report.purged == 6
    assert entries(old_shop.db, limit=1)[0].op_type == oplog.OPLOG_PURGED


def test_removing_asks_the_operator_when_the_profile_can(
        qtbot: QtBot, old_shop: Profile, memory_keyring) -> None:
    """With a password and an authenticator enrolled, the removal waits for both; the
    OPLOG_PURGED entry then carries the two categories proved."""
    import time

    from app.factors import FactorRegistry
    from app.operator_check import TWO_CATEGORIES
    from app.secrets import SecretStore
    from app.totp_factor import code_at
    from tests.app.test_factors import enrol_totp

    registry = FactorRegistry(old_shop.db, old_shop.oplog, SecretStore())
    registry.set_password("Lantern-Quince-48")
    _, seed = enrol_totp(registry)
    dialog = OplogPurgeDialog(old_shop)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    _answer(QMessageBox.StandardButton.Yes)
    dialog.remove_button.click()
    check = dialog.check_dialog
    assert check is not None and check.isVisible()
    qtbot.wait(200)
    assert dialog.removed == 0                   # nothing goes before the operator answers
    check.password.setText("Lantern-Quince-48")
    check.code.setText(code_at(seed, time.time() + 30))
    check.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.removed > 0, timeout=10_000)
    stamped = old_shop.db.execute(
        "SELECT factor_categories_used FROM oplog WHERE op_type = ?",
        [oplog.OPLOG_PURGED]).fetchone()
    assert stamped == (TWO_CATEGORIES,)
