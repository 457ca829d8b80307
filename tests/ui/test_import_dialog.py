"""Importing a statement from the Transactions page: the mapping is suggested, the dry run
counts, the import lands all rows (card numbers truncated), and a broken file names the
row and column and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.profile import Profile, open_profile
from tests.statement_files import BANK_HEADERS, BANK_ROWS, FULL_PAN, bank_csv, wechat_all_bill
from ui.import_dialog import ImportDialog
from ui.pages.transactions_page import TransactionsPage


@pytest.fixture
def empty_profile(tmp_path: Path) -> Iterator[Profile]:
    profile = open_profile(tmp_path / "own")
    yield profile
    profile.close()


def _opened(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.statement is not None and not dialog.bar.isVisible(),
                    timeout=10_000)


def test_gb18030_statement_with_chinese_headers(qtbot: QtBot, empty_profile: Profile,
                                                tmp_path: Path) -> None:
    path = bank_csv(tmp_path / "对账单.csv")
    dialog = ImportDialog(empty_profile, path)
    qtbot.addWidget(dialog)
    _opened(qtbot, dialog)
    assert dialog.statement is not None and dialog.statement.encoding == "gb18030"
    mapping = dialog.mapping()
    assert mapping["time"] == "交易时间" and mapping["amount"] == "交易金额"
    assert dialog.import_button.isEnabled()
    samples = [dialog.samples.item(0, c).text() for c in range(dialog.samples.columnCount())]
    assert FULL_PAN not in samples                        # masked even in the preview

    dialog.check()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert (dialog.plan.new, dialog.plan.duplicate, dialog.plan.rejected) == (2, 0, 0)  # type: ignore[union-attr]
    assert empty_profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0

    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    rows = empty_profile.db.execute(
        "SELECT amount_fen, pan_first6, pan_last4, pan_len FROM txn ORDER BY ts_utc_ms").fetchall()
    assert [tuple(r) for r in rows] == [(123_450, "622202", "0128", 19),
                                        (-1_200, "622202", "0128", 16)]
    remembered = empty_profile.db.execute("SELECT count(*) FROM import_mapping").fetchone()[0]
    assert remembered == 1


def test_a_missing_required_column_keeps_import_off(qtbot: QtBot, empty_profile: Profile,
                                                    tmp_path: Path) -> None:
    headers = tuple("金额X" if h == "交易金额" else h for h in BANK_HEADERS)
    dialog = ImportDialog(empty_profile, bank_csv(tmp_path / "odd.csv", headers=headers))
    qtbot.addWidget(dialog)
    _opened(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    assert "Amount" in dialog.outcome.text()
    dialog.combos["amount"].setCurrentIndex(dialog.combos["amount"].findData("金额X"))
    assert dialog.import_button.isEnabled()


def test_a_bad_row_is_named_and_nothing_is_written(qtbot: QtBot, empty_profile: Profile,
                                                   tmp_path: Path) -> None:
    bad = (BANK_ROWS[0], ("2026-03-05 16:00", "12.345", *BANK_ROWS[1][2:]))
    dialog = ImportDialog(empty_profile, bank_csv(tmp_path / "bad.csv", rows=bad))
    qtbot.addWidget(dialog)
    _opened(qtbot, dialog)
    dialog.start_import()
    qtbot.waitUntil(lambda: "Not imported" in dialog.outcome.text(), timeout=10_000)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("Row 5" in p and "交易金额" in p for p in problems)
    assert empty_profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] == 0


def test_the_page_imports_a_wechat_bill_and_reloads(qtbot: QtBot, empty_profile: Profile,
                                                    tmp_path: Path) -> None:
    page = TransactionsPage(empty_profile)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.summary is not None, timeout=10_000)
    assert page.model.rowCount() == 0

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog) or dialog.statement is None \
                or not dialog.import_button.isEnabled():
            QTimer.singleShot(50, drive)
            return
        dialog.start_import()
    QTimer.singleShot(50, drive)
    dialog = page.import_file(wechat_all_bill(tmp_path / "微信账单.csv"))
    assert dialog.result is not None and dialog.result.new == 2
    assert "2 new" in page.notice.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    refund = next(r for r in (page.model.row_at(0), page.model.row_at(1))
                  if r is not None and r.txn_type == "REFUND")
    assert refund.scheme == "WECHAT_PAY"
    page.shutdown()
