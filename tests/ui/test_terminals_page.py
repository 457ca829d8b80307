"""The Terminals page and the Add-terminal wizard, driven like a person, against simulated
terminals (pyusb path) and the real device thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from app.profile import Profile, open_profile
from devices.sim_world import STATE_FILE, SimulatedWorld
from tests.conftest import MemoryKeyring
from ui.add_terminal_wizard import AddTerminalWizard
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           memory_keyring: MemoryKeyring) -> Iterator[tuple[MainWindow, Profile, Path]]:
    world = tmp_path / "sim"
    monkeypatch.setenv("POSDESK_SIMULATOR_DIR", str(world))
    profile = open_profile(tmp_path / "shop")
    win = MainWindow(profile, "en")
    qtbot.addWidget(win)
    win.show()
    win.show_page("terminals")
    yield win, profile, world
    win.close()
    profile.close()


def _walk_wizard(qtbot: QtBot, win: MainWindow, world: Path, row: int,
                 answer: bool) -> AddTerminalWizard:
    wizard = win.terminals.make_wizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.preflight.isComplete()                 # the keyring is usable
    wizard.next()
    qtbot.waitUntil(lambda: wizard.discover.list.count() == 3, timeout=10_000)
    wizard.discover.list.setCurrentRow(row)
    wizard.next()
    compare = wizard.compare
    qtbot.waitUntil(lambda: compare.unknown_ok.isVisible(), timeout=10_000)
    assert "SIM-SMART" in compare.identity_label.text()
    compare.unknown_ok.setChecked(True)
    compare.unknown_continue.click()
    qtbot.waitUntil(lambda: compare.code.isVisible(), timeout=10_000)
    screen = json.loads((world / STATE_FILE).read_text())["SIMB20260002"]["shown_code"]
    assert compare.code.text().replace(" ", "") == screen      # both screens agree
    (compare.match if answer else compare.differ).click()
    return wizard


def test_add_terminal_end_to_end(qtbot: QtBot, window) -> None:
    win, _profile, world = window
    # the list is read on the device thread: the empty state shows once that answer is in
    qtbot.waitUntil(lambda: win.terminals.stack.currentWidget() is win.terminals.empty,
                    timeout=10_000)
    wizard = _walk_wizard(qtbot, win, world, 1, answer=True)
    qtbot.waitUntil(lambda: wizard.compare.isComplete(), timeout=10_000)
    wizard.next()
    assert "SIM00002" in wizard.done_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()   # "Sync now" is ticked
    qtbot.waitUntil(lambda: win.transactions.model.rowCount() > 0, timeout=20_000)
    qtbot.waitUntil(lambda: len(win.terminals.model.views) == 1, timeout=10_000)
    view = win.terminals.model.views[0]
    assert (view.terminal_id, view.status, view.paired) == ("SIM00002", "ONLINE", True)
    assert win.terminals.table.model().data(win.terminals.table.model().index(0, 7)) == "Online"


def test_codes_that_differ_pair_nothing(qtbot: QtBot, window) -> None:
    win, profile, world = window
    wizard = _walk_wizard(qtbot, win, world, 1, answer=False)
    qtbot.waitUntil(lambda: "did not match" in wizard.compare.result.text(), timeout=10_000)
    assert not wizard.compare.isComplete()
    assert profile.db.execute("SELECT count(*) FROM terminals").fetchone()[0] == 0


def test_unpair_asks_first_and_keeps_history(qtbot: QtBot, window,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    win, profile, world = window
    wizard = _walk_wizard(qtbot, win, world, 1, answer=True)
    qtbot.waitUntil(lambda: wizard.compare.isComplete(), timeout=10_000)
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: win.transactions.model.rowCount() > 0, timeout=20_000)
    qtbot.waitUntil(lambda: len(win.terminals.model.views) == 1, timeout=10_000)
    win.terminals.table.selectRow(0)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    win.terminals.unpair()                               # cancelled: nothing happens
    win.terminals.unpair()
    qtbot.waitUntil(lambda: (win.terminals.model.views
                    and win.terminals.model.views[0].status == "Unpaired") or
                    win.terminals.model.views[0].status == "RETIRED", timeout=10_000)
    assert json.loads((world / STATE_FILE).read_text())["SIMB20260002"]["paired_key"] == ""
    assert profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] > 0


def test_a_pulled_cable_shows_at_once_and_plugging_back_syncs(qtbot: QtBot, window) -> None:
    """The cable is pulled by another process (`posdesk simulate --unplug`), as a person
    pulls a real one: the page notices on its next tick, not after two missed heartbeats."""
    win, _profile, world = window
    wizard = _walk_wizard(qtbot, win, world, 1, answer=True)
    qtbot.waitUntil(lambda: wizard.compare.isComplete(), timeout=10_000)
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: win.transactions.model.rowCount() > 0, timeout=20_000)
    page = win.terminals
    page.timer.timeout.emit()                            # the first look: what is plugged in
    qtbot.waitUntil(lambda: bool(page.plugged_in), timeout=10_000)
    SimulatedWorld(world).set_plugged("SIM00002", False)
    page.timer.timeout.emit()
    qtbot.waitUntil(lambda: "SIM00002 was disconnected" in page.activity.text(),
                    timeout=10_000)
    qtbot.waitUntil(lambda: page.model.views[0].status == "OFFLINE", timeout=10_000)
    SimulatedWorld(world).set_plugged("SIM00002", True)
    page.timer.timeout.emit()
    qtbot.waitUntil(lambda: "SIM00002 is back and was synced" in page.activity.text(),
                    timeout=10_000)
    qtbot.waitUntil(lambda: page.model.views[0].status == "ONLINE", timeout=10_000)


def test_sync_now_can_be_cancelled(qtbot: QtBot, window) -> None:
    win, profile, world = window
    wizard = _walk_wizard(qtbot, win, world, 1, answer=True)
    qtbot.waitUntil(lambda: wizard.compare.isComplete(), timeout=10_000)
    wizard.next()
    wizard.done_page.sync_now.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: len(win.terminals.model.views) == 1, timeout=10_000)
    page = win.terminals
    page.sync_now()
    assert page.cancel_button.isVisible()
    page.cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in page.activity.text(), timeout=10_000)
    assert not page.cancel_button.isVisible()
    kept = profile.db.execute("SELECT count(*) FROM txn").fetchone()[0]
    assert 0 < kept < len(SimulatedWorld(world).terminal("SIM00002").journal)
    page.sync_now()
    qtbot.waitUntil(lambda: "new" in page.activity.text() and not page.cancel_button.isVisible(),
                    timeout=20_000)
    assert profile.db.execute("SELECT count(*) FROM txn").fetchone()[0] > kept


def test_refreshes_queued_behind_long_work_are_folded(qtbot: QtBot, window,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from app import terminal_actions

    win, _, _ = window
    page = win.terminals
    qtbot.waitUntil(lambda: not page._refresh_queued, timeout=5_000)
    reads: list[int] = []
    real = terminal_actions.list_terminals
    monkeypatch.setattr(terminal_actions, "list_terminals",
                        lambda db: (reads.append(1), real(db))[1])
    gate = threading.Event()
    page.context.thread.run(gate.wait, lambda _: None, lambda _: None)   # a long sync, say
    for _ in range(3):
        page.refresh()
    gate.set()
    qtbot.waitUntil(lambda: not page._refresh_queued, timeout=5_000)
    qtbot.wait(300)
    assert len(reads) == 2        # the queued read, then one more for what came after it


def test_terminals_model_contract(qtmodeltester, window) -> None:
    win, _, _ = window
    qtmodeltester.check(win.terminals.model, force_py=True)


def test_push_signed_parameters_after_confirmation(qtbot: QtBot, window, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """spec 12.3 in the GUI: a tampered file is refused with a translated reason; a signed
    one is shown, confirmed, pushed, and its version appears in the list."""
    from app.signed_files import TERMINAL_PARAMS, sign, trust_key
    from tests.signing_keys import new_issuer_key

    win, profile, world = window
    key, pem = new_issuer_key()
    trust_key(profile, pem, "Test Acquirer", TERMINAL_PARAMS)   # before the device thread works
    wizard = _walk_wizard(qtbot, win, world, 1, answer=True)
    qtbot.waitUntil(lambda: wizard.compare.isComplete(), timeout=10_000)
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: len(win.terminals.model.views) == 1, timeout=10_000)
    page = win.terminals
    page.table.selectRow(0)
    assert page.params_button.isEnabled()
    signed = sign({"format": "posdesk-terminal-params", "version": 4, "issuer": "Test Acquirer",
                   "terminal_ids": ["SIM00002"], "params": {"receipt_header": "小店"}}, key, pem)
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    bad.write_text(json.dumps(dict(signed, version=5)), encoding="utf-8")
    good.write_text(json.dumps(signed), encoding="utf-8")
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: (asked.append(text), next(answers))[1])
    page.push_params(bad)
    qtbot.waitUntil(lambda: "changed after signing" in page.activity.text(), timeout=10_000)
    assert asked == []                                   # refused before any question
    page.push_params(good)
    qtbot.waitUntil(lambda: "Nothing was pushed" in page.activity.text(), timeout=10_000)
    assert "version 4 from Test Acquirer" in asked[0] and "receipt_header" in asked[0]
    page.table.selectRow(0)
    page.push_params(good)
    qtbot.waitUntil(lambda: "now runs parameter version 4" in page.activity.text(),
                    timeout=10_000)
    qtbot.waitUntil(lambda: page.model.views[0].param_version == 4, timeout=10_000)
    shown = page.table.model().data(page.table.model().index(0, 4))
    assert shown.endswith("· v4")
    assert json.loads((world / STATE_FILE).read_text())["SIMB20260002"]["param_version"] == 4


def test_provision_opens_for_the_page(qtbot: QtBot, window) -> None:
    """The Terminals page's Provision… button opens the provisioning dialog on the window's
    own profile, for the terminal id the technician types when none is selected."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.provisioning_dialog import ProvisioningDialog

    win, profile, _ = window
    seen: list[ProvisioningDialog] = []

    def look() -> None:
        found = QApplication.activeModalWidget()
        if isinstance(found, ProvisioningDialog):
            seen.append(found)
            found.reject()
        else:
            QTimer.singleShot(50, look)
    QTimer.singleShot(50, look)
    win.terminals.provision_button.click()
    assert seen and seen[0].profile is profile
