"""Add terminal: check what pairing needs, find the reader, compare codes, done.

The pairing runs on the device thread; when it needs the person (an unknown model, the
code comparison) it waits while this wizard asks, then carries on with the answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import model_policy
from app import terminal_actions as actions
from app.doctor import bluetooth_fact, usb_fact
from app.terminal_pairing import PairingQuestions
from devices.terminal_client import Identity
from devices.transport import DeviceInfo
from devices.vendors import udev_rules
from ui import labels
from ui.device_context import DeviceContext
from ui.error_messages import error_text
from ui.pages.settings_page import keyring_problem_text
from ui.shiboken_workaround import emit


class AddTerminalWizard(QWizard):
    paired = Signal(str)
    synced = Signal()
    sync_failed = Signal(str)

    def __init__(self, context: DeviceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.chosen: DeviceInfo | None = None
        self.identity: Identity | None = None
        self.setWindowTitle(self.tr("Add terminal"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setMinimumSize(640, 480)
        self.preflight = PreflightPage(self)
        self.discover = DiscoverPage(self)
        self.compare = ComparePage(self)
        self.done_page = DonePage(self)
        for page in (self.preflight, self.discover, self.compare, self.done_page):
            self.addPage(page)


class PreflightPage(QWizardPage):
    """What pairing needs, each with a fix when it is missing."""

    def __init__(self, wizard: AddTerminalWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Before you start"))
        self.setSubTitle(self.tr("Switch the terminal on or plug it in. PosDesk checks what "
                                 "pairing needs on this computer."))
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.keyring_ok = True
        secrets = wizard.context.secrets.status()
        self.keyring_ok = secrets.usable
        self._row(self.tr("Keyring"), secrets.usable, self.tr("ready to keep terminal keys")
                  if secrets.usable else keyring_problem_text(secrets.reason))
        usb = usb_fact()
        self._row(self.tr("USB"), usb.ok, self.tr("ready") if usb.ok
                  else self.tr("No libusb found: USB terminals cannot be used."))
        bluetooth = bluetooth_fact()
        self._row(self.tr("Bluetooth"), bluetooth.ok,
                  self.tr("adapter found") if bluetooth.ok else self.tr(
                      "No Bluetooth adapter: Bluetooth readers cannot be found. Plug in an "
                      "adapter, or use a USB cable."))
        if sys.platform.startswith("linux"):
            layout.addWidget(self._udev_block())
        layout.addStretch(1)

    def _row(self, title: str, ok: bool | None, text: str) -> None:
        label = QLabel(("✔ " if ok else "⚠ ") + text)
        label.setWordWrap(True)
        self.form.addRow(title + ":", label)

    def _udev_block(self) -> QWidget:
        box = QGroupBox(self.tr("USB permission"))
        column = QVBoxLayout(box)
        explanation = QLabel(self.tr(
            "If a USB terminal is found but cannot be opened, give your user access with this "
            "rule (as administrator), then plug the terminal in again:"))
        explanation.setWordWrap(True)
        column.addWidget(explanation)
        rules = QPlainTextEdit(udev_rules())
        rules.setReadOnly(True)
        rules.setMaximumHeight(90)
        copy = QPushButton(self.tr("&Copy rule"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(rules.toPlainText()))
        column.addWidget(rules)
        column.addWidget(copy, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def isComplete(self) -> bool:
        return self.keyring_ok


class DiscoverPage(QWizardPage):
    def __init__(self, wizard: AddTerminalWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the terminal"))
        self.setSubTitle(self.tr("Terminals connected to this computer or in Bluetooth range."))
        self.list = QListWidget()
        self.list.setObjectName("foundTerminals")
        self.list.itemSelectionChanged.connect(self.completeChanged)
        self.list.itemDoubleClicked.connect(lambda _: wizard.next())
        self.status = QLabel()
        self.status.setWordWrap(True)
        again = QPushButton(self.tr("Search &again"))
        again.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.found: list[DeviceInfo] = []

    def initializePage(self) -> None:
        self.search()

    def search(self) -> None:
        self.list.clear()
        self.status.setText(self.tr("Searching…"))
        ctx = self.wiz.context
        ctx.thread.run(lambda: actions.discover(ctx.registry), self._show, self._failed,
                       owner=self)

    def _show(self, found: list[DeviceInfo]) -> None:
        self.found = found
        for info in found:
            link = labels.transport(info.address.split(":", 1)[0])
            item = QListWidgetItem(f"{info.vendor} {info.model}   ·   SN {info.serial}   ·   "
                                   f"{link}")
            item.setData(Qt.ItemDataRole.UserRole, info.address)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
            self.status.setText(self.tr("%1 found.").replace("%1", str(len(found))))
        else:
            self.status.setText(self.tr("No terminal found. Check the cable or switch the "
                                        "terminal on, then search again."))
        emit(self.completeChanged)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(str(error))

    def isComplete(self) -> bool:
        return self.list.currentRow() >= 0 and bool(self.found)

    def validatePage(self) -> bool:
        self.wiz.chosen = self.found[self.list.currentRow()]
        return True


class ComparePage(QWizardPage):
    """Shows who answered and the code; the device thread waits for the person's verdict."""

    def __init__(self, wizard: AddTerminalWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Compare the codes"))
        self.setSubTitle(self.tr("Both screens show a six-digit code. They must be the same."))
        self.identity_label = QLabel()
        self.identity_label.setWordWrap(True)
        self.policy_label = QLabel()
        self.policy_label.setObjectName("warningBanner")
        self.policy_label.setWordWrap(True)
        self.policy_label.hide()
        self.unknown_ok = QCheckBox(self.tr("I confirm this model may be used here"))
        self.unknown_ok.hide()
        self.unknown_continue = QPushButton(self.tr("Con&tinue"))
        self.unknown_continue.hide()
        self.unknown_ok.toggled.connect(self.unknown_continue.setEnabled)
        self.code = QLabel()
        self.code.setObjectName("pairingCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = QLabel(self.tr("Does the terminal show the same code?"))
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.match = QPushButton(self.tr("The codes &match"))
        self.match.setObjectName("primaryButton")
        self.differ = QPushButton(self.tr("They &differ"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        answers = QHBoxLayout()
        answers.addStretch(1)
        answers.addWidget(self.differ)
        answers.addWidget(self.match)
        answers.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_label)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.unknown_ok)
        layout.addWidget(self.unknown_continue, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.code)
        layout.addWidget(self.question)
        layout.addLayout(answers)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.paired_ok = False
        self._reply: Callable[[Any], None] | None = None
        self.match.clicked.connect(lambda: self._answer(True))
        self.differ.clicked.connect(lambda: self._answer(False))
        self.unknown_continue.clicked.connect(lambda: self._answer(self.unknown_ok.isChecked()))

    def initializePage(self) -> None:
        self.paired_ok = False
        self._show_waiting()
        chosen = self.wiz.chosen
        assert chosen is not None
        ctx = self.wiz.context
        thread = ctx.thread
        questions = PairingQuestions(
            codes_match=lambda code: bool(thread.ask_gui(
                lambda reply: self._ask_code(code, reply), default=False)),
            pair_unknown_model=lambda identity: bool(thread.ask_gui(
                lambda reply: self._ask_unknown(reply), default=False)),
            identified=lambda identity, verdict: thread.ask_gui(
                lambda reply: (self._show_identity(identity, verdict), reply(None))))
        thread.run(lambda: actions.pair_at(ctx.profile, ctx.registry, chosen.address, questions,
                                           ctx.secrets), self._paired, self._failed, owner=self)

    def _show_waiting(self) -> None:
        self.identity_label.setText(self.tr("Asking the terminal who it is…"))
        for widget in (self.policy_label, self.unknown_ok, self.unknown_continue, self.code,
                       self.question, self.match, self.differ):
            widget.hide()
        self.result.clear()

    def _show_identity(self, identity: Identity, verdict: model_policy.Verdict) -> None:
        self.wiz.identity = identity
        self.identity_label.setText(self.tr(
            "%1 %2 · serial %3 · firmware %4 · terminal %5").replace("%1", identity.vendor)
            .replace("%2", identity.model).replace("%3", identity.serial)
            .replace("%4", identity.firmware).replace("%5", identity.terminal_id))
        if verdict.status == model_policy.BLOCKED:
            self.policy_label.setText(self.tr("This model is blocked: %1 (source: %2).")
                                      .replace("%1", verdict.reason)
                                      .replace("%2", verdict.source_notice))
            self.policy_label.show()

    def _ask_unknown(self, reply: Callable[[Any], None]) -> None:
        self._reply = reply
        self.policy_label.setText(self.tr(
            "This model is on no approved list. Pair it only if your acquirer supplied it."))
        self.policy_label.show()
        self.unknown_ok.setChecked(False)
        self.unknown_ok.show()
        self.unknown_continue.setEnabled(False)
        self.unknown_continue.show()

    def _ask_code(self, code: str, reply: Callable[[Any], None]) -> None:
        self._reply = reply
        self.unknown_ok.hide()
        self.unknown_continue.hide()
        self.result.clear()
        self.code.setText(f"{code[:3]} {code[3:]}")
        for widget in (self.code, self.question, self.match, self.differ):
            widget.show()
        self.match.setFocus()

    def _answer(self, value: bool) -> None:
        reply, self._reply = self._reply, None
        for widget in (self.match, self.differ, self.unknown_continue):
            widget.setEnabled(widget is not self.unknown_continue)
        self.unknown_continue.hide()
        self.unknown_ok.hide()
        if reply is not None:
            self.result.setText(self.tr("Pairing…") if value and self.code.isVisible() else "")
            reply(value)

    def _paired(self, identity: Identity) -> None:
        self.paired_ok = True
        self.wiz.identity = identity
        self.match.hide()
        self.differ.hide()
        self.question.hide()
        self.result.setText(self.tr("Paired. The key is kept in this computer's keyring."))
        emit(self.wiz.paired, identity.terminal_id)
        emit(self.completeChanged)

    def _failed(self, error: BaseException) -> None:
        self.match.hide()
        self.differ.hide()
        self.question.hide()
        self.result.setText(error_text(error))

    def isComplete(self) -> bool:
        return self.paired_ok

    def cleanupPage(self) -> None:
        if self._reply is not None:          # Back while the terminal waits: answer "no"
            self._answer(False)


class DonePage(QWizardPage):
    def __init__(self, wizard: AddTerminalWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Terminal added"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.sync_now = QCheckBox(self.tr("&Sync its journal now"))
        self.sync_now.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.sync_now)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        identity = self.wiz.identity
        assert identity is not None
        self.summary.setText(self.tr("%1 %2 (terminal %3) is paired and appears in the list.")
                             .replace("%1", identity.vendor).replace("%2", identity.model)
                             .replace("%3", identity.terminal_id))

    def validatePage(self) -> bool:
        identity = self.wiz.identity
        if self.sync_now.isChecked() and identity is not None:
            ctx = self.wiz.context
            wiz = self.wiz
            ctx.thread.run(lambda: actions.sync_one(ctx.profile, ctx.registry,
                                                    identity.terminal_id, ctx.secrets),
                           lambda _: emit(wiz.synced),
                           lambda error: emit(wiz.sync_failed, error_text(error)))
        return True
