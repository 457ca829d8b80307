"""Run in a fresh process by test_bluetooth_gui.py: drive the Add-terminal wizard like a
person against a simulated Bluetooth reader in the fake BlueZ; print one JSON line."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import dbus
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWizard


def wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the GUI did not get there in time")
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def main() -> None:
    data_dir, reader_path, reader_interface, scheme = (Path(sys.argv[1]), *sys.argv[2:5])
    app = QApplication([])  # noqa: F841
    from app.profile import open_profile
    from ui.main_window import MainWindow

    reader = dbus.Interface(dbus.SystemBus().get_object("org.bluez", reader_path),
                            reader_interface)
    profile = open_profile(data_dir)
    window = MainWindow(profile, "en")
    window.show()
    wizard = window.terminals.make_wizard()
    wizard.show()
    wizard.next()
    found = wizard.discover
    wait_until(lambda: any(i.address.startswith(scheme + ":") for i in found.found), 30)
    found.list.setCurrentRow(next(n for n, i in enumerate(found.found)
                                  if i.address.startswith(scheme + ":")))
    wizard.next()
    compare = wizard.compare
    wait_until(lambda: compare.unknown_ok.isVisible(), 30)
    compare.unknown_ok.setChecked(True)
    compare.unknown_continue.click()
    wait_until(lambda: compare.code.isVisible(), 30)
    same = compare.code.text().replace(" ", "") == str(reader.Screen())
    compare.match.click()
    wait_until(lambda: compare.isComplete(), 30)
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait_until(lambda: window.transactions.model.rowCount() > 0, 60)
    wait_until(lambda: len(window.terminals.model.views) == 1, 10)
    view = window.terminals.model.views[0]
    print(json.dumps({"codes_same": same, "terminal": view.terminal_id,
                      "transport": view.transport, "status": view.status,
                      "rows": window.transactions.model.rowCount()}))
    window.close()
    profile.close()


if __name__ == "__main__":
    main()
