"""A scenario's payment token in the GUI (spec 12.4 Tokenisation), on a real profile and real
widgets: bind a token in the dialog, see it masked in the list, revoke it after a warning
(Cancel keeps it), and the scenario's later transactions are flagged while the other
scenario's are not; a card number typed as a token is refused, cleared and logged without
the value."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.oplog import SENSITIVE_DATA_BLOCKED
from app.profile import Profile
from app.scenario_controls import save_policy
from app.scenario_policy import TOKEN_REVOKED, ScenarioPolicy
from app.scenario_tokens import bind_token, live_token, tokens_of
from app.shanghai_time import now_ms
from app.transactions import Transaction, TransactionWriter
from ui.models.scenarios_model import NAME, TOKEN
from ui.pages.limits_page import LimitsPage

PAN = "6222021234567890128"


def _page(qtbot: QtBot, profile: Profile) -> LimitsPage:
    page = LimitsPage(profile)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    return page


def _row_of(page: LimitsPage, name: str) -> int:
    model = page.scenarios.model
    return next(i for i in range(model.rowCount())
                if model.data(model.index(i, NAME)) == name)


def test_bind_then_revoke_blocks_that_scenario_only(qtbot: QtBot, profile: Profile) -> None:
    counter = save_policy(profile.db, profile.oplog,
                          ScenarioPolicy("Counter", "TERMINAL", "T1"))
    delivery = save_policy(profile.db, profile.oplog,
                           ScenarioPolicy("Delivery", "TERMINAL", "T2"))
    bind_token(profile.db, profile.oplog, delivery.id or 0, "DLTK-0001-DELIVERY")
    page = _page(qtbot, profile)
    box = page.scenarios
    box.table.selectRow(_row_of(page, "Counter"))
    assert box.model.data(box.model.index(_row_of(page, "Counter"), TOKEN)) == "—"

    dialog = box.token_selected()
    assert dialog is not None and "No token is bound" in dialog.state.text()
    dialog.token.setText("UPTK-8842-COUNTER")
    dialog.issuer.setCurrentIndex(dialog.issuer.findData("ISSUER"))
    dialog.primary.click()
    qtbot.waitUntil(lambda: not box.busy and live_token(profile.db, counter.id or 0)
                    is not None, timeout=10_000)
    row = _row_of(page, "Counter")
    assert box.model.data(box.model.index(row, TOKEN)) == "…NTER"
    assert live_token(profile.db, counter.id or 0).issuer == "ISSUER"  # type: ignore[union-attr]

    box.table.selectRow(row)
    dialog = box.token_selected()
    assert dialog is not None and "…NTER" in dialog.state.text()
    dialog.reason.setText("reader stolen")
    dialog.primary.click()
    confirm = dialog.confirm_box
    assert confirm is not None and "…NTER" in confirm.text() and "Counter" in confirm.text()
    confirm.button(QMessageBox.StandardButton.Cancel).click()
    assert live_token(profile.db, counter.id or 0) is not None
    dialog.primary.click()
    confirm = dialog.confirm_box
    assert confirm is not None
    next(b for b in confirm.buttons()
         if confirm.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    qtbot.waitUntil(lambda: not box.busy and live_token(profile.db, counter.id or 0) is None,
                    timeout=10_000)
    assert box.model.data(box.model.index(_row_of(page, "Counter"), TOKEN)) == "…NTER revoked"
    assert tokens_of(profile.db, counter.id or 0)[0].revoke_reason == "reader stolen"

    later = now_ms() + 1_000
    TransactionWriter(profile.db, profile.oplog).write([
        Transaction("c1", "SALE", "CARD", 1_000, later, terminal_id="T1"),
        Transaction("d1", "SALE", "CARD", 1_000, later, terminal_id="T2"),
    ], source_kind="IMPORT", source_ref="t.csv")
    flagged = profile.db.execute("SELECT t.trace_id, f.rule FROM scenario_flag f "
                                 "JOIN txn t ON t.id = f.txn_id").fetchall()
    assert flagged == [("c1", TOKEN_REVOKED)]

    box.table.selectRow(_row_of(page, "Counter"))
    dialog = box.token_selected()
    assert dialog is not None and "blocked" in dialog.state.text()
    dialog.token.setText("UPTK-8842-COUNTER")
    dialog.primary.click()
    assert dialog.isVisible() and "never bound twice" in dialog.message.text()
    dialog.token.setText("DLTK-0001-DELIVERY")               # the other scenario's
    dialog.primary.click()
    assert dialog.isVisible() and "another scenario" in dialog.message.text()
    dialog.reject()


def test_a_card_number_is_refused_cleared_and_logged(qtbot: QtBot, profile: Profile) -> None:
    save_policy(profile.db, profile.oplog, ScenarioPolicy("Counter", "TERMINAL", "T1"))
    box = _page(qtbot, profile).scenarios
    box.table.selectRow(0)
    dialog = box.token_selected()
    assert dialog is not None
    dialog.token.setText(PAN)
    dialog.primary.click()
    assert dialog.isVisible() and dialog.token.text() == ""
    assert "looks like a card number" in dialog.message.text()
    dialog.token.setText("tok 1")
    dialog.primary.click()
    assert "6 to 64" in dialog.message.text()
    dialog.reject()
    assert profile.db.execute("SELECT count(*) FROM scenario_token").fetchone()[0] == 0
    entries = profile.db.execute("SELECT details_json FROM oplog WHERE op_type = ?",
                                 [SENSITIVE_DATA_BLOCKED]).fetchall()
    assert len(entries) == 1 and "0128" not in entries[0][0]
