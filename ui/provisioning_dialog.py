"""Provision a terminal on site (docs/provisioning.md): fill in the merchant, acquirer, host
and parameters, make a signed single-use code, and show it large enough for the
terminal's camera, with the time it has left. Save it as PNG, SVG or a printable PDF, or
make a PDF sheet for a whole CSV of terminals.

The merchant fields start from the last code made in this profile. The QR disappears
when the code expires or the terminal reports it applied (the receipt then is in the
activity log), so the screen never shows a code that still looks usable but is not.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import provisioning as pv
from app.profile import Profile
from app.provisioning_batch import read_batch
from app.provisioning_qr import matrix, write_image
from app.secrets import SecretStore
from app.shanghai_time import format_local
from app.terminals import list_terminals
from ui.dialog_parts import message_label, say
from ui.error_messages import error_text
from ui.provisioning_sheet import fields_of, write_sheet
from ui.qr_code_view import QrCodeView

QR_SIDE = 360       # logical pixels: a terminal's camera reads it from a laptop screen


class LargeQrCodeView(QrCodeView):
    """The QR view of the verification dialogs, larger: a provisioning code holds more."""

    def module_size(self) -> int:
        return max(1, math.ceil(QR_SIDE / self.modules)) if self.modules else 1


class ProvisioningDialog(QDialog):
    def __init__(self, profile: Profile, secrets: SecretStore, terminal_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.secrets = secrets
        self.code: pv.IssuedCode | None = None
        self.setWindowTitle(self.tr("Provision a terminal"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        intro = QLabel(self.tr(
            "Make a signed code that sets a terminal up for this merchant. Show it to the "
            "terminal's camera or print it. It works once, on that terminal only, until it "
            "expires, and carries no password or key."))
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")
        self.status = message_label()

        body = QHBoxLayout()
        body.addLayout(self._form(terminal_id), 1)
        body.addSpacing(16)
        body.addLayout(self._code_side())

        self.batch_button = QPushButton(self.tr("&Batch from CSV…"))
        self.batch_button.clicked.connect(lambda: self.make_batch())
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.batch_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(intro)
        layout.addLayout(body)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self._tick)
        self._show_no_code()

    # -- building --------------------------------------------------------------------------
    def _form(self, terminal_id: str) -> QVBoxLayout:
        last = pv.last_request(self.profile.db)
        self.inputs: dict[str, QLineEdit] = {}
        self.labels = {
            "terminal_id": self.tr("&Terminal ID:"), "merchant_id": self.tr("&Merchant ID:"),
            "merchant_name": self.tr("Merchant &name:"), "mcc": self.tr("MC&C:"),
            "acquirer": self.tr("&Acquirer:"), "licence": self.tr("Payment &licence no.:"),
            "host": self.tr("&Host:"), "technician": self.tr("T&echnician ID:")}
        form = QFormLayout()
        width = self.fontMetrics().averageCharWidth() * 30
        for name in pv.FIELDS:
            value = terminal_id if name == "terminal_id" else str(last.get(name) or "")
            field = QLineEdit(value)
            field.setObjectName(f"provision_{name}")
            field.setMinimumWidth(width)
            self.inputs[name] = field
            form.addRow(self.labels[name], field)
        self.inputs["host"].setPlaceholderText(self.tr("tls://pos.acquirer.cn:8443"))
        known = [view.terminal_id for view in list_terminals(self.profile.db)]
        self.inputs["terminal_id"].setCompleter(QCompleter(known, self))
        self.params = QPlainTextEdit()
        self.params.setObjectName("provision_params")
        self.params.setPlaceholderText(self.tr("One per line: KEY=VALUE"))
        self.params.setTabChangesFocus(True)
        self.params.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.params.setMinimumWidth(width)
        form.addRow(self.tr("&Parameters:"), self.params)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("provision_minutes")
        self.minutes.setRange(1, pv.MAX_EXPIRY_MIN)
        self.minutes.setValue(pv.DEFAULT_EXPIRY_MIN)
        self.minutes.setSuffix(self.tr(" min"))
        form.addRow(self.tr("&Valid for:"), self.minutes)
        self.make_button = QPushButton(self.tr("Ma&ke code"))
        self.make_button.setObjectName("primaryButton")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make_code)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignRight)
        column.addStretch(1)
        return column

    def _code_side(self) -> QVBoxLayout:
        self.qr = LargeQrCodeView()
        self.qr.setObjectName("provisionQr")
        self.qr.setAccessibleName(self.tr("Provisioning code for the terminal's camera"))
        self.qr.setMinimumSize(QR_SIDE, QR_SIDE)
        self.countdown = QLabel()
        self.countdown.setObjectName("provisionCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel()
        self.details.setObjectName("provisionDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.save_buttons = {kind: QPushButton(text) for kind, text in (
            ("png", self.tr("Save PN&G…")), ("svg", self.tr("Save &SVG…")),
            ("pdf", self.tr("Save P&DF…")))}
        row = QHBoxLayout()
        for kind, button in self.save_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.save_code(k))
            row.addWidget(button)
        column = QVBoxLayout()
        column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.countdown)
        column.addWidget(self.details)
        column.addLayout(row)
        column.addStretch(1)
        return column

    # -- actions ---------------------------------------------------------------------------
    def request(self, terminal_id: str | None = None) -> pv.ProvisioningRequest:
        """The form as a request (raises ProvisioningError for a malformed parameter line)."""
        values = {name: field.text().strip() for name, field in self.inputs.items()}
        if terminal_id is not None:
            values["terminal_id"] = terminal_id
        lines = [line for line in self.params.toPlainText().splitlines() if line.strip()]
        return pv.ProvisioningRequest(**values, params=dict(pv.parse_param(line)
                                                            for line in lines),
                                      expires_in_min=self.minutes.value())

    def make_code(self) -> bool:
        """Sign a code for the form and show it; on a problem, say which field and why."""
        try:
            request = self.request()
        except pv.ProvisioningError:
            self._say(self.tr("Each parameter line is KEY=VALUE, for example heartbeat_s=30."))
            self.params.setFocus()
            return False
        found = pv.problems(request)
        if found:
            self._say("\n".join(self._problem_text(p) for p in found))
            self._focus(found[0].field)
            return False
        try:
            self.code = pv.issue(self.profile, self.secrets, request)
        except Exception as error:      # no usable keyring, a damaged key
            self._say(error_text(error))
            return False
        self._say("")
        self._show_code(self.code)
        return True

    def save_code(self, kind: str, path: Path | None = None) -> bool:
        """Save the code shown as PNG, SVG or a one-code PDF sheet."""
        if self.code is None:
            return False
        if path is None:
            filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                       "pdf": self.tr("PDF sheet (*.pdf)")}
            name = f"provision-{self.code.payload.terminal_id}.{kind}"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the code"), name,
                                                    filters[kind])
            if not chosen:
                return False
            path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        try:
            if kind == "pdf":
                write_sheet(path, [self.code])
            else:
                write_image(path, self.code.text)
        except Exception as error:
            self._say(error_text(error))
            return False
        self._say(self.tr("Saved %1.").replace("%1", str(path)))
        return True

    def make_batch(self, csv_path: Path | None = None, pdf_path: Path | None = None) -> int:
        """Codes for every terminal of a CSV on a PDF sheet, or none if any row is wrong
        (empty cells take the form's values). Returns the number of codes."""
        if csv_path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Terminals to provision"),
                                                    "", self.tr("CSV files (*.csv)"))
            if not chosen:
                return 0
            csv_path = Path(chosen)
        if pdf_path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the sheet"),
                                                    "provisioning-sheet.pdf",
                                                    self.tr("PDF sheet (*.pdf)"))
            if not chosen:
                return 0
            pdf_path = Path(chosen)
        try:
            base = self.request(terminal_id="")
            defaults = {name: getattr(base, name) for name in pv.FIELDS if getattr(base, name)}
            defaults.update(params=base.params, expires_in_min=base.expires_in_min)
            codes = pv.issue_many(self.profile, self.secrets, read_batch(csv_path, defaults))
            write_sheet(pdf_path, codes)
        except Exception as error:
            self._say(self.tr("Nothing was made: %1").replace("%1", error_text(error)))
            return 0
        self._say(self.tr("%1 codes saved on the sheet %2.").replace("%1", str(len(codes)))
                  .replace("%2", str(pdf_path)))
        return len(codes)

    def showEvent(self, event: QShowEvent) -> None:
        """Count down only while the dialog is on screen."""
        super().showEvent(event)
        if self.code is not None:
            self.timer.start()
            self._tick()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def done(self, result: int) -> None:
        """However the dialog ends, take the code off the screen."""
        self.timer.stop()
        self._show_no_code()
        super().done(result)

    # -- showing ---------------------------------------------------------------------------
    def _show_code(self, code: pv.IssuedCode) -> None:
        self.qr.set_matrix(matrix(code.text))
        self.details.setText("\n".join(f"{label}: {value}" for label, value in fields_of(code)))
        for button in self.save_buttons.values():
            button.setEnabled(True)
        if self.isVisible():
            self.timer.start()
        self._tick()

    def _show_no_code(self, note: str = "") -> None:
        self.qr.clear()
        self.details.setText("")
        self.countdown.setText(note or self.tr("No code yet."))
        for button in self.save_buttons.values():
            button.setEnabled(False)

    def _tick(self) -> None:
        """Count down; take the code away once it expired or the terminal reported it."""
        if self.code is None:
            return
        status = pv.code_status(self.profile.db, self.code.payload.nonce)
        if status is not None and status.handed_over_at_ms is not None:
            self.timer.stop()
            self._show_no_code(self.tr("Handed over: the terminal reported the code applied "
                                       "at %1 (technician %2). The receipt is in the activity "
                                       "log.").replace("%1", format_local(status.handed_over_at_ms))
                               .replace("%2", status.technician))
            self.code = None
            return
        left = self.code.payload.expires_at - int(time.time())
        if left <= 0:
            self.timer.stop()
            self.code = None
            self._show_no_code(self.tr("The code expired. Make a new one."))
            return
        minutes, seconds = divmod(left, 60)
        self.countdown.setText(self.tr("Valid for %1 more; waiting for the terminal's report.")
                               .replace("%1", f"{minutes}:{seconds:02d}"))

    def _problem_text(self, problem: pv.FieldProblem) -> str:
        label = re.sub(r"\(&\w\)", "", self.labels.get(problem.field, ""))   # 商户号(&M)：
        label = label.replace("&", "").rstrip(":：").strip()
        name = problem.field.partition(".")[2]
        texts = {
            "required": self.tr("%1: please fill this in."),
            "host": self.tr("%1: give HOST:PORT or tls://HOST:PORT, without a user name or "
                            "password."),
            "length": self.tr("%1: too long."),
            "secret": self.tr("Parameter %2 names a secret (a key, PIN, password or token); "
                              "secrets never go into a code."),
            "card_number": self.tr("Parameter %2 looks like a card number, which never goes "
                                   "into a code."),
            "count": self.tr("At most 20 parameters fit in a code."),
            "range": self.tr("Valid for: from 1 minute to 7 days."),
        }
        hints = {"terminal_id": self.tr("1 to 16 letters or digits"),
                 "merchant_id": self.tr("1 to 20 letters or digits"),
                 "mcc": self.tr("4 digits"),
                 "licence": self.tr("letters, digits or hyphens")}
        if problem.rule in texts and not (problem.rule == "length" and name):
            text = texts[problem.rule]
        elif name:
            text = self.tr("Parameter %2: a name is lower-case letters, digits and _; a value "
                           "is at most 64 characters.")
        else:
            text = self.tr("%1: not in the expected form (%3).")
        return (text.replace("%1", label).replace("%2", name)
                .replace("%3", hints.get(problem.field, problem.detail)))

    def _focus(self, field: str) -> None:
        target = self.inputs.get(field) or (self.params if field.startswith("params")
                                            else self.minutes)
        target.setFocus()

    def _say(self, text: str) -> None:
        say(self.status, text)
