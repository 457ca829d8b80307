"""Scenario controls in the GUI (spec 12.4), on a real profile and real widgets: a policy
made in the dialog is saved off the GUI thread and flags the transactions it should; the
dialog names what is wrong; switching off and removing ask and log; the Limits page's
"Show flagged transactions" opens the history filtered to them, each marked with a flag,
and a transaction's details say which policy it broke."""

from __future__ import annotations

import datetime as dt
import json
import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.factors import PHONE, FactorRegistry
from app.profile import Profile
from app.scenario_controls import SCENARIO_POLICY_CHANGED, save_policy
from app.scenario_policy import ScenarioPolicy, ScenarioRules, Window
from app.scenario_store import current_policies
from app.secrets import SecretStore
from app.shanghai_time import SHANGHAI, from_datetime, start_of_day_ms, today_cn
from app.totp_factor import code_at
from app.transactions import Transaction, TransactionWriter
from ui.models.scenarios_model import FLAGGED, NAME, STATE
from ui.models.transactions_model import STATUS
from ui.pages.limits_page import LimitsPage
from ui.txn_details_dialog import TxnDetailsDialog

TODAY = today_cn()
YESTERDAY = TODAY - dt.timedelta(days=1)


def _at(day: dt.date, hour: int) -> int:
    return from_datetime(dt.datetime.combine(day, dt.time(hour), SHANGHAI))


def _shop(profile: Profile) -> None:
    """Yesterday on terminal T1: a QR sale at 03:00 and at noon, a card sale at 23:00."""
    TransactionWriter(profile.db, profile.oplog).write([
        Transaction("night", "SALE", "QR", 5_000, _at(YESTERDAY, 3), terminal_id="T1"),
        Transaction("noon", "SALE", "QR", 90_000, _at(YESTERDAY, 12), terminal_id="T1"),
        Transaction("late", "SALE", "CARD", 2_000, _at(YESTERDAY, 23), terminal_id="T1"),
    ], source_kind="IMPORT", source_ref="t.csv")


def _page(qtbot: QtBot, profile: Profile) -> LimitsPage:
    page = LimitsPage(profile)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    return page


def _flagged_traces(profile: Profile) -> set[str]:
    return {str(r[0]) for r in profile.db.execute(
        "SELECT DISTINCT t.trace_id FROM scenario_flag f JOIN txn t ON t.id = f.txn_id")}


def test_a_policy_made_in_the_dialog_flags_the_past(qtbot: QtBot, profile: Profile) -> None:
    _shop(profile)
    page = _page(qtbot, profile)
    box = page.scenarios
    assert box.empty.isVisible() and not box.table.isVisible()
    dialog = box.add_policy()
    dialog.name.setText("QR daytime")
    dialog.scope.setCurrentIndex(dialog.scope.findData("CHANNEL"))
    dialog.target.setCurrentIndex(dialog.target.findData("QR"))
    dialog.start.setTime(QTime(8, 0))
    dialog.end.setTime(QTime(22, 0))
    dialog.add_window()
    dialog.per_txn_on.setChecked(True)
    dialog.per_txn.setText("500")
    dialog.past.setChecked(True)
    dialog.past_from.setDate(dialog.past_from.date().addDays(-30))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not box.busy and box.model.rowCount() == 1, timeout=10_000)
    stored = current_policies(profile.db)[0]
    assert stored.rules.windows == (Window(8 * 3600, 22 * 3600),)
    assert stored.rules.per_txn_max_fen == 50_000
    assert _flagged_traces(profile) == {"night", "noon"}     # the card sale is not QR
    index = box.model.index(0, FLAGGED)
    assert box.model.data(index) == "2" and box.model.data(box.model.index(0, NAME)) == \
        "QR daytime"
    assert "last 30 days: 2" in box.summary.text()


def test_the_dialog_names_what_is_wrong(qtbot: QtBot, profile: Profile) -> None:
    save_policy(profile.db, profile.oplog, ScenarioPolicy("Taken", "KIND", "REFUND"))
    box = _page(qtbot, profile).scenarios
    dialog = box.add_policy()
    dialog.save_button.click()
    assert dialog.isVisible() and "name" in dialog.message.text()
    dialog.name.setText("Fresh")
    dialog.save_button.click()            # no terminal has been paired or seen yet
    assert "A terminal appears here once it is paired" in dialog.message.text()
    dialog.scope.setCurrentIndex(dialog.scope.findData("KIND"))
    dialog.name.setText("Taken")
    dialog.save_button.click()
    assert "already has this name" in dialog.message.text()
    dialog.name.setText("Fresh")
    dialog.daily_on.setChecked(True)
    dialog.daily.setText("lots")
    dialog.save_button.click()
    assert "daily cap is not an amount" in dialog.message.text()
    dialog.daily.setText("100")
    dialog.per_txn_on.setChecked(True)
    dialog.per_txn.setText("200")
    dialog.save_button.click()
    assert "not more than the daily cap" in dialog.message.text()
    dialog.start.setTime(QTime(9, 0))
    dialog.end.setTime(QTime(9, 0))
    dialog.add_window()
    assert "end different from its start" in dialog.message.text()
    assert len(current_policies(profile.db)) == 1 and dialog.isVisible()
    dialog.reject()


def test_switching_off_and_removing(qtbot: QtBot, profile: Profile) -> None:
    save_policy(profile.db, profile.oplog, ScenarioPolicy(
        "Night", "TERMINAL", "T1", ScenarioRules(windows=(Window(8 * 3600, 22 * 3600),))))
    box = _page(qtbot, profile).scenarios
    box.table.selectRow(0)
    assert box.toggle_button.text().replace("&", "") == "Switch off"
    box.toggle_button.click()
    qtbot.waitUntil(lambda: not box.busy, timeout=10_000)
    assert box.model.data(box.model.index(0, STATE)) == "Off"
    assert not current_policies(profile.db)[0].rules.enabled
    box.table.selectRow(0)
    confirm = box.remove_selected()
    assert isinstance(confirm, QMessageBox) and "Night" in confirm.text()
    confirm.button(QMessageBox.StandardButton.Cancel).click()
    assert len(current_policies(profile.db)) == 1
    box.table.selectRow(0)
    confirm = box.remove_selected()
    assert confirm is not None
    remove = next(b for b in confirm.buttons()
                  if confirm.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    remove.click()
    qtbot.waitUntil(lambda: not box.busy and box.model.rowCount() == 0, timeout=10_000)
    actions = [json.loads(r[0])["action"] for r in profile.db.execute(
        "SELECT details_json FROM oplog WHERE op_type = ? ORDER BY id",
        [SCENARIO_POLICY_CHANGED])]
    assert actions == ["created", "changed", "removed"]


def test_flagged_transactions_open_from_the_limits_page(qtbot: QtBot,
                                                        profile: Profile) -> None:
    from ui.main_window import MainWindow

    _shop(profile)
    save_policy(profile.db, profile.oplog, ScenarioPolicy(
        "Daytime", "TERMINAL", "T1", ScenarioRules(windows=(Window(8 * 3600, 22 * 3600),))),
        effective_from_ms=start_of_day_ms(YESTERDAY))
    window = MainWindow(profile, "en")
    qtbot.addWidget(window)
    window.show()
    window.show_page("limits")
    box = window.limits.scenarios
    assert box.flagged_button.isEnabled()
    box.flagged_button.click()
    page = window.transactions
    assert window.pages.currentWidget() is page and page.filters.flagged.isChecked()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    rows = [page.model.row_at(i) for i in range(2)]
    assert {r.trace_id for r in rows if r} == {"night", "late"}
    assert page.model.data(page.model.index(0, STATUS), 1) is not None   # the flag icon
    dialog = TxnDetailsDialog(profile, rows[0].id if rows[0] else 0, window)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(type(box.summary))]
    assert any("“Daytime”: outside its time windows" in text for text in texts)
    page.filters.flagged.setChecked(False)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)


def test_a_change_asks_the_operator_to_confirm(qtbot: QtBot, profile: Profile,
                                               memory_keyring: object) -> None:
    """Spec 12.4: with a password and an authenticator enrolled, a policy change waits
    for both; a wrong password is named and changes nothing."""
    registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
    registry.set_password("Lantern-Quince-48")
    enrolment = registry.start_totp("Phone")
    now = time.time()
    registry.finish_totp(enrolment, code_at(enrolment.secret, now), PHONE, "Phone", now=now)
    save_policy(profile.db, profile.oplog, ScenarioPolicy("Refunds", "KIND", "REFUND"))
    box = _page(qtbot, profile).scenarios
    box.table.selectRow(0)
    box.toggle_button.click()
    check = box.check_dialog
    assert check is not None and check.isVisible() and check.code.isVisible()
    check.password.setText("wrong")
    check.code.setText(code_at(enrolment.secret, now + 30))
    check.confirm_button.click()
    assert check.isVisible() and "password is not right" in check.message.text()
    assert current_policies(profile.db)[0].rules.enabled
    check.password.setText("Lantern-Quince-48")
    check.confirm_button.click()
    qtbot.waitUntil(lambda: not box.busy and not current_policies(profile.db)[0].rules.enabled,
                    timeout=10_000)
    stamps = [r[0] for r in profile.db.execute(
        "SELECT factor_categories_used FROM oplog WHERE op_type = ? ORDER BY id",
        [SCENARIO_POLICY_CHANGED])]
    assert stamps == [None, "KNOWLEDGE+POSSESSION"]
