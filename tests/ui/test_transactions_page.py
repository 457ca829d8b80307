"""The Transactions page on demo data: filters drive the table, totals bar and chart;
details show a transaction in full; a dispute opened from there lands in the oplog."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app import history_window
from app.carddata import contains_card_data
from app.disputes import DisputeError, open_dispute
from app.history import TxnFilter, count, daily_volume, totals
from app.money import format_fen
from app.profile import Profile
from ui.dispute_dialog import DisputeDialog, StatusDialog
from ui.export_dialog import ExportDialog
from ui.models.transactions_model import AMOUNT, TIME
from ui.pages.transactions_page import TransactionsPage
from ui.txn_details_dialog import TxnDetailsDialog


@pytest.fixture
def page(qtbot: QtBot, demo_profile: Profile) -> Iterator[TransactionsPage]:
    shown = TransactionsPage(demo_profile)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    _settle(qtbot, shown)
    yield shown
    shown.shutdown()


def _settle(qtbot: QtBot, page: TransactionsPage) -> None:
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.query == page.query,
                    timeout=10_000)


def _apply(qtbot: QtBot, page: TransactionsPage) -> TxnFilter:
    page.filters._emit()           # what a list choice or Enter in a field does
    _settle(qtbot, page)
    return page.query


def test_filters_drive_table_totals_and_chart(qtbot: QtBot, page: TransactionsPage) -> None:
    db = page.db
    terminal = page.filters.terminal.itemData(1)
    page.filters.terminal.setCurrentIndex(1)
    page.filters.txn_type.setCurrentIndex(page.filters.txn_type.findData("SALE"))
    page.filters.min_amount.setText("20")
    query = _apply(qtbot, page)
    assert query.terminal_ids == (terminal,) and query.txn_types == ("SALE",)
    assert query.min_fen == 2_000
    assert page.model.rowCount() == count(db, query) > 0
    assert all(page.model.row_at(i).terminal_id == terminal  # type: ignore[union-attr]
               and page.model.row_at(i).amount_fen >= 2_000  # type: ignore[union-attr]
               for i in range(page.model.rowCount()))
    sums = totals(db, query)
    assert page.net_label.text() == f"Net {format_fen(sums.net_fen)}"
    assert page.count_label.text() == f"{sums.count:,} transactions"
    days = (query.dates.last - query.dates.first).days + 1
    assert page.chart._series.count() == days
    plotted = sum(round(p.y() * 100) for p in page.chart._series.points())
    assert plotted == sum(fen for _, _, fen in daily_volume(db, query))


def test_a_bad_amount_is_marked_and_left_out(qtbot: QtBot, page: TransactionsPage) -> None:
    page.filters.max_amount.setText("12.3.4")
    query = _apply(qtbot, page)
    assert query.max_fen is None
    assert page.filters.max_amount.property("invalid") is True
    assert "12.3.4" in page.filters.max_amount.toolTip()


def test_search_is_debounced_and_an_empty_result_says_what_to_do(
        qtbot: QtBot, page: TransactionsPage) -> None:
    page.filters.search.setText("no-such-memo-anywhere")
    qtbot.waitUntil(lambda: page.query.text == "no-such-memo-anywhere", timeout=3_000)
    _settle(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    assert "Reset filters" in page.empty.text()
    page.filters.reset.click()
    _settle(qtbot, page)
    assert page.query.text is None and page.model.rowCount() > 0


def test_sorting_by_amount_needs_a_narrow_filter(qtbot: QtBot, page: TransactionsPage,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    header = page.table.horizontalHeader()
    monkeypatch.setattr(history_window, "SORT_LIMIT", page.model.rowCount() - 1)
    header.setSortIndicator(AMOUNT, Qt.SortOrder.AscendingOrder)
    assert page.notice.isVisible() and "at most" in page.notice.text()
    assert header.sortIndicatorSection() == TIME
    monkeypatch.setattr(history_window, "SORT_LIMIT", 10**9)
    header.setSortIndicator(AMOUNT, Qt.SortOrder.AscendingOrder)
    amounts = [page.model.row_at(i).amount_fen for i in range(300)]  # type: ignore[union-attr]
    assert amounts == sorted(amounts) and not page.notice.isVisible()


def _answer_next_dialog(kind: type[QDialog], fill) -> None:  # type: ignore[no-untyped-def]
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(50, answer)
            return
        fill(dialog)
        dialog.accept()
    QTimer.singleShot(50, answer)


def test_details_and_a_dispute_from_the_page(qtbot: QtBot, page: TransactionsPage) -> None:
    row = page.model.row_at(0)
    assert row is not None
    dialog = TxnDetailsDialog(page.profile, row.id, page)
    qtbot.addWidget(dialog)
    assert dialog.details is not None and dialog.details.fields["trace_id"] == row.trace_id
    texts = {label.text() for label in dialog.scroll.widget().findChildren(type(page.empty))}
    assert format_fen(row.amount_fen) in " ".join(texts)
    assert "Demo data" in texts or "Synced from terminal" in texts

    _answer_next_dialog(DisputeDialog, lambda d: d.note.setPlainText("charged twice"))
    dialog.open_case_button.click()
    assert [c.status for c in dialog.details.disputes] == ["OPEN"]
    case_id = dialog.details.disputes[0].id
    with pytest.raises(DisputeError) as refused:
        open_dispute(page.db, page.profile.oplog, row.id, "ERROR_DISPUTE", "OTHER")
    assert dialog._dispute_text(refused.value) == (
        f"This transaction already has an open case of that kind (#{case_id}). "
        "Change that case's status instead.")

    def close_it(d: StatusDialog) -> None:
        d.status.setCurrentIndex(d.status.findData("RESOLVED"))
        d.note.setPlainText("refund received")
    _answer_next_dialog(StatusDialog, close_it)
    dialog.change_status_button.click()
    assert [c.status for c in dialog.details.disputes] == ["RESOLVED"]
    logged = [json.loads(d) for (d,) in page.db.execute(
        "SELECT details_json FROM oplog WHERE op_type = 'DISPUTE' ORDER BY id")]
    assert [e["action"] for e in logged] == ["open", "status"]
    assert logged[0]["note"] == "charged twice" and logged[1]["to"] == "RESOLVED"


def test_export_writes_the_pages_filter_masked_and_logs_it(
        qtbot: QtBot, page: TransactionsPage, tmp_path: Path) -> None:
    page.filters.txn_type.setCurrentIndex(page.filters.txn_type.findData("REFUND"))
    query = _apply(qtbot, page)
    target = tmp_path / "refunds.csv"

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(50, drive)
            return
        dialog.path.setText(str(target))
        dialog.start()
    QTimer.singleShot(50, drive)
    dialog = page.export()
    assert dialog is not None and dialog.result is not None
    text = target.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")                       # Excel on Chinese Windows
    lines = text.decode("utf-8-sig").splitlines()
    assert len(lines) - 1 == dialog.result.rows == count(page.db, query)
    assert not contains_card_data("\n".join(lines))             # cards stay masked
    assert all("REFUND" in line or "退" in line for line in lines[1:])
    logged = page.db.execute("SELECT details_json FROM oplog WHERE op_type = 'DATA_EXPORT' "
                             "AND result = 'SUCCESS'").fetchall()
    assert len(logged) == 1 and json.loads(logged[0][0])["rows"] == dialog.result.rows
    assert "Exported" in page.notice.text()


def test_a_reload_after_a_sync_keeps_the_reading_position(
        qtbot: QtBot, page: TransactionsPage) -> None:
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    reading = bar.value()
    assert reading > 0
    page.reload()                                   # what a finished sync triggers
    qtbot.waitUntil(lambda: page.summary is not None and page.count_label.text() != "Counting…",
                    timeout=10_000)
    assert bar.value() == reading
    page.filters.txn_type.setCurrentIndex(page.filters.txn_type.findData("SALE"))
    _apply(qtbot, page)
    assert bar.value() == 0                         # a new filter starts at the newest
